"""Fuzzy duplicates on many Chinese company names: time and what was found (not a test).

    .venv/bin/python benchmarks/bench_fuzzy.py [--names 50000] [--runs 3] [--seed 1]

Builds ``--names`` distinct, real-looking company names (place + 2-character brand + trade +
legal form, e.g. 吉安市宏达建筑工程有限公司), of which 2 % are planted variants of another name
(legal form changed, place dropped or put in brackets, one character of the trade changed), then
times :func:`toolkit.forensic.fuzzy.fuzzy_duplicates` at the default threshold (median of
``--runs``, wall and CPU seconds) and reports how many planted pairs were found and how many
pairs were reported in all. The issue asks for 50,000 names well under a minute.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from toolkit.forensic.fuzzy import fuzzy_duplicates

PLACES = ["青岚县", "吉安市", "南昌市", "赣州市", "九江市", "上饶市", "宜春市", "抚州市", "萍乡市", "新余市", "鹰潭市",
          "景德镇市", "永丰县", "樟树市", "江西省", ""]
BRAND = list("宏达鑫源恒通金盛华信长江安达天成新星博文中科兴农润泽诚信远航绿野明珠凯旋顺风百姓瑞丰永泰嘉禾泰和"
             "福星鸿运汇丰隆昌德信富民光明春晖晨曦东方南方北辰华夏神州银河星光阳光蓝天白云青山绿水")
TRADES = ["建筑工程", "物流", "商贸", "汽车修理", "农业开发", "建材", "会计师事务所", "印务", "大药房", "运输",
          "水利工程", "电子科技", "文化传媒", "环保设备", "园林绿化", "劳务服务", "餐饮管理", "酒店管理", "房地产开发",
          "装饰工程", "食品", "医疗器械", "信息技术", "广告", "家具", "服装", "机械制造", "化工", "电力工程", "保洁服务"]
FORMS = ["有限公司", "有限责任公司", "股份有限公司", "经营部", "门市部", "分公司", "厂", ""]


def build_names(count: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """``count`` distinct names, 2 % of them planted variants; the planted (original, variant) pairs."""
    rng = np.random.default_rng(seed)
    names: dict[str, None] = {}
    clean_target = int(count * 0.98)
    while len(names) < clean_target:
        brand = "".join(rng.choice(BRAND, 2))
        name = f"{rng.choice(PLACES)}{brand}{rng.choice(TRADES)}{rng.choice(FORMS)}"
        names[name] = None
    originals = list(names)
    planted = []
    while len(names) < count:
        original = originals[int(rng.integers(len(originals)))]
        variant = _variant(original, rng)
        if variant not in names:
            names[variant] = None
            planted.append((original, variant))
    return list(names), planted


def _variant(name: str, rng: np.random.Generator) -> str:
    place = next((p for p in sorted(PLACES, key=len, reverse=True) if p and name.startswith(p)), "")
    rest = name[len(place):]
    form = next((f for f in FORMS if f and rest.endswith(f)), "")
    core = rest[: len(rest) - len(form)] if form else rest
    kind = int(rng.integers(3))
    if kind == 0:                                  # another legal form
        return f"{place}{core}{rng.choice([f for f in FORMS if f != form])}"
    if kind == 1 and place:                        # place in brackets
        return f"{core}（{place.rstrip('省市县')}）{form or '有限公司'}"
    return f"{place}{core}{form}（{place.rstrip('省市县') or '江西'}）" if place else f"江西{core}{form}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    names, planted = build_names(args.names, args.seed)
    frame = pd.DataFrame({"company": names})
    walls, cpus, pairs = [], [], pd.DataFrame()
    for _ in range(args.runs):
        wall, cpu = time.perf_counter(), time.process_time()
        pairs = fuzzy_duplicates(frame, "company")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    found = {frozenset(p) for p in pairs[["名称甲", "名称乙"]].itertuples(index=False)}
    hits = sum(frozenset(p) in found for p in planted)
    print(f"{len(names):,} distinct names, {len(planted):,} planted variants")
    print(f"fuzzy_duplicates: median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
          f"({args.runs} runs; each {', '.join(f'{w:.2f}' for w in walls)} s)")
    print(f"pairs reported: {len(pairs):,}; planted pairs found: {hits:,} of {len(planted):,}")


if __name__ == "__main__":
    main()

"""90_forensic's tables: what each test found, with Chinese headers, ready for ``toolkit.notebook.table``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import pandas as pd

from toolkit.forensic.digits import TESTS, BenfordResult, digit_test, summation_mad, summation_test
from toolkit.forensic.duplicates import duplicates
from toolkit.forensic.fuzzy import fuzzy_duplicates
from toolkit.forensic.gaps import MISSING, REPEATED, gaps
from toolkit.forensic.sampling import CONFIDENCE, MusPlan, MusSample, attribute_plan, mus_plan, mus_select
from toolkit.forensic.strata import DEFAULT_BUCKETS, age, default_bands, stratify
from toolkit.forensic.targets import Target
from toolkit.formatting import number, pct

TOP_STANDOUTS = 5


def overview(data: Mapping[str, pd.DataFrame], targets: Sequence[Target]) -> pd.DataFrame:
    """One row per target: 数据集, 名称, 金额列, 单位, 笔数, 金额合计, 金额缺失或为0.

    >>> from toolkit.forensic.targets import Target
    >>> overview({"fuel": pd.DataFrame({"amount": [1.0, 0, None]})}, [Target("fuel", "amount")]).values.tolist()
    [['fuel', '加油记录', 'amount', '元', 3, 1.0, 2]]
    """
    rows = []
    for t in targets:
        amounts = pd.to_numeric(data[t.dataset][t.amount], errors="coerce")
        rows.append({"数据集": t.dataset, "名称": t.title, "金额列": t.amount, "单位": t.unit,
                     "笔数": len(amounts), "金额合计": float(amounts.sum()),
                     "金额缺失或为0": int((amounts.isna() | (amounts == 0)).sum())})
    return pd.DataFrame(rows, columns=["数据集", "名称", "金额列", "单位", "笔数", "金额合计", "金额缺失或为0"])


def digit_results(values: pd.Series) -> dict[str, BenfordResult]:
    """Every digit test of one column, by test name."""
    return {test: digit_test(values, test) for test in TESTS}


def digit_summary(results: Mapping[str, BenfordResult]) -> pd.DataFrame:
    """One row per digit test: 检验, 样本量, MAD, 符合程度 (Nigrini), 显著偏离的数字 (largest |z| first).

    >>> import numpy as np
    >>> values = pd.Series(10 ** np.random.default_rng(0).uniform(1, 5, 2000))
    >>> digit_summary(digit_results(values))[["检验", "样本量", "符合程度"]].values.tolist()[:2]
    [['首位数字', 2000, '高度符合'], ['第二位数字', 2000, '高度符合']]
    """
    rows = []
    for result in results.values():
        standouts = result.standouts[:TOP_STANDOUTS]
        rows.append({"检验": result.test_zh, "样本量": result.n, "MAD": None if result.too_small else result.mad,
                     "符合程度": result.conformity_zh,
                     "显著偏离的数字": "" if result.too_small else "、".join(map(str, standouts))})
    return pd.DataFrame(rows, columns=["检验", "样本量", "MAD", "符合程度", "显著偏离的数字"])


def digit_table(result: BenfordResult) -> pd.DataFrame:
    """One row per digit: 数字, 笔数, 实际占比, 期望占比, 差异, z, 显著偏离 (是/空).

    >>> digit_table(digit_test(pd.Series([10.0, 11, 25, 9000]))).round(4).to_dict("records")[0]
    {'数字': 1, '笔数': 2, '实际占比': 0.5, '期望占比': 0.301, '差异': 0.199, 'z': 0.3225, '显著偏离': ''}
    """
    t = result.table
    return pd.DataFrame({"数字": t["digit"], "笔数": t["count"], "实际占比": t["observed"],
                         "期望占比": t["expected"], "差异": t["observed"] - t["expected"], "z": t["z"],
                         "显著偏离": t["significant"].map({True: "是", False: ""})})


def summation_table(values: pd.Series, top: int = 10, test: pd.DataFrame | None = None) -> pd.DataFrame:
    """The summation test's ``top`` digit pairs: 前两位数字, 笔数, 金额合计, 金额占比, 期望占比, 超出
    (``test``: ``summation_test(values)`` when already computed).

    >>> summation_table(pd.Series([12.0, 13, 1500, 99]), top=1).round(4).to_dict("records")
    [{'前两位数字': 15, '笔数': 1, '金额合计': 1500.0, '金额占比': 0.9236, '期望占比': 0.0111, '超出': 0.9125}]
    """
    t = (summation_test(values) if test is None else test).head(top)
    return pd.DataFrame({"前两位数字": t["digit"], "笔数": t["count"], "金额合计": t["sum"], "金额占比": t["share"],
                         "期望占比": t["expected"], "超出": t["excess"]})


def summation_line(values: pd.Series, test: pd.DataFrame | None = None) -> str:
    """One line on the summation test: MAD and the largest share (``test``: ``summation_test(values)`` when
    already computed).

    >>> summation_line(pd.Series([12.0, 13, 1500, 99]))
    '求和检验：前两位数字15的金额占全部的92.4%（期望1.1%），MAD=0.0214'
    """
    t = summation_test(values) if test is None else test
    if t["count"].sum() == 0:
        return "求和检验：没有≥10的金额"
    top = t.iloc[0]
    return (f"求和检验：前两位数字{int(top['digit'])}的金额占全部的{pct(top['share'])}（期望{pct(top['expected'])}），"
            f"MAD={summation_mad(t):.4f}")


def digit_line(result: BenfordResult) -> str:
    """One digit test in words, with at most five of the digits that stand out.

    >>> digit_line(digit_test(pd.Series([15.0] * 10)))
    '首位数字检验：n=10，样本量不足，未做检验'
    """
    if result.too_small:
        return f"{result.test_zh}检验：n={result.n}，样本量不足，未做检验"
    text = f"{result.test_zh}检验：n={result.n}，MAD={result.mad:.5f}，{result.conformity_zh}"
    standouts = result.standouts
    if standouts:
        more = f"等{len(standouts)}个" if len(standouts) > TOP_STANDOUTS else ""
        text += f"；显著偏离的数字：{'、'.join(map(str, standouts[:TOP_STANDOUTS]))}{more}"
    return text


def plan_lines(plan: MusPlan, sample: MusSample) -> list[str]:
    """The MUS plan and draw in words.

    >>> from toolkit.forensic.sampling import mus_plan, mus_select
    >>> df = pd.DataFrame({"id": ["a", "b"], "amount": [40_000.0, 60_000]})
    >>> plan_lines(mus_plan(100_000, 5_000), mus_select(df, "amount", 60, seed=1))[0]
    '总体金额 100,000，可容忍错报 5,000，预计错报 0，置信水平 95%：置信系数 3.00，样本量 60'
    """
    return [f"总体金额 {number(plan.population_value)}，可容忍错报 {number(plan.tolerable)}，预计错报 "
            f"{number(plan.expected)}，置信水平 {pct(plan.confidence, 0)}：置信系数 {plan.factor:.2f}，样本量 {plan.n}",
            f"抽样间隔 {number(sample.interval)}，随机起点 {number(sample.start)}（种子 {sample.seed}），"
            f"选中 {len(sample.frame)} 条记录（大额项目可被多次抽中）；未纳入总体 {sample.excluded_items} 条"]


def attribute_table(tolerable_rates: Sequence[float] = (0.02, 0.03, 0.05, 0.07, 0.10),
                    expected_rates: Sequence[float] = (0.0, 0.005, 0.01, 0.02),
                    confidence: float = CONFIDENCE) -> pd.DataFrame:
    """Attribute sample sizes 'n（k）' (k deviations allowed) by expected rate (rows) and tolerable rate (columns).

    >>> attribute_table((0.05, 0.10), (0.0,)).values.tolist()
    [['0.0%', '59（0）', '29（0）']]
    """
    rows = []
    for expected in expected_rates:
        row = {"预计偏差率": pct(expected)}
        for tolerable in tolerable_rates:
            if expected < tolerable:
                plan = attribute_plan(tolerable, expected, confidence)
                row[f"可容忍{pct(tolerable)}"] = f"{plan.n}（{plan.allowed_deviations}）"
            else:
                row[f"可容忍{pct(tolerable)}"] = "—"
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class Analysed:
    """Every test of 90_forensic on one target (None: the test has no column for this dataset)."""

    target: Target
    rows: int
    duplicates: pd.DataFrame | None
    fuzzy: pd.DataFrame | None
    gaps: pd.DataFrame | None
    strata: pd.DataFrame
    ageing: pd.DataFrame | None
    digits: dict[str, BenfordResult]
    plan: MusPlan | None
    sample: MusSample | None


def analyse(frame: pd.DataFrame, target: Target, as_of: Any, options: Mapping[str, Any]) -> Analysed:
    """Run every test on one dataset. ``options``: bands, buckets, fuzzy_threshold, places, confidence,
    tolerable_rate, expected_rate, seed (the notebook's parameters; missing keys take the defaults)."""
    amounts = pd.to_numeric(frame[target.amount], errors="coerce")
    population = float(amounts[amounts > 0].sum())
    plan = sample = None
    if population > 0:
        rate = float(options.get("tolerable_rate", 0.05))
        plan = mus_plan(population, rate * population, float(options.get("expected_rate", 0.0)) * population,
                        float(options.get("confidence", CONFIDENCE)))
        sample = mus_select(frame, target.amount, plan.n, int(options.get("seed", 0)))
    return Analysed(
        target, len(frame),
        duplicates(frame, target.duplicate, target.amount) if target.duplicate else None,
        fuzzy_duplicates(frame, target.name, float(options.get("fuzzy_threshold", 85)),
                         options.get("places", ())) if target.name else None,
        gaps(frame[target.number]) if target.number else None,
        stratify(frame, target.amount, options.get("bands") or default_bands(target.unit), target.unit),
        age(frame, target.date, as_of, options.get("buckets") or DEFAULT_BUCKETS, target.amount)
        if target.date else None,
        digit_results(frame[target.amount]), plan, sample)


def headline(result: Analysed) -> list[str]:
    """The figures of one target in words (the notebook's pinned cell).

    >>> df = pd.DataFrame({"id": ["F1", "F2", "F4"], "card_no": ["1", "1", "2"], "station": ["甲站", "甲站", "乙站"],
    ...                    "time": pd.to_datetime(["2020-01-01 08:00"] * 2 + ["2020-03-01 08:00"]),
    ...                    "amount": [200.0, 200, 350]})
    >>> from toolkit.forensic.targets import default_target
    >>> result = analyse(df, default_target("fuel"), "2020-06-30", {"seed": 1})
    >>> print("\\n".join(headline(result)))
    加油记录（fuel.amount，元）：3 条记录
      重复记录（card_no、time、amount 相同）：1 组，2 条
      相似名称（station）：0 对
      断号（id）：缺号 1 段 1 个，重号 0 个
      首位数字检验：n=3，样本量不足，未做检验
      第二位数字检验：n=3，样本量不足，未做检验
      前两位数字检验：n=3，样本量不足，未做检验
      货币单位抽样：样本量 60，抽样间隔 12.5，种子 1，选中 3 条
    """
    t = result.target
    lines = [f"{t.title}（{t.dataset}.{t.amount}，{t.unit}）：{result.rows} 条记录"]
    if result.duplicates is not None:
        lines.append(f"  重复记录（{'、'.join(t.duplicate)} 相同）：{len(result.duplicates)} 组，"
                     f"{int(result.duplicates['笔数'].sum()) if len(result.duplicates) else 0} 条")
    if result.fuzzy is not None:
        lines.append(f"  相似名称（{t.name}）：{len(result.fuzzy)} 对")
    if result.gaps is not None:
        g = result.gaps
        lines.append(f"  断号（{t.number}）：缺号 {int((g['类型'] == MISSING).sum())} 段 "
                     f"{int(g.loc[g['类型'] == MISSING, '号数'].sum())} 个，重号 {int((g['类型'] == REPEATED).sum())} 个")
    for key in ("first", "second", "first_two"):
        lines.append(f"  {digit_line(result.digits[key])}")
    if result.plan is not None and result.sample is not None:
        lines.append(f"  货币单位抽样：样本量 {result.plan.n}，抽样间隔 {number(result.sample.interval)}，"
                     f"种子 {result.sample.seed}，选中 {len(result.sample.frame)} 条")
    return lines

"""三公经费预算与决算 (万元): every budget unit's three lines per year, consistent with the detail, and the planted
over-budget lines and detail mismatches (exactly at, and 1 元 past, the mismatch limits).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

from toolkit.demo.draw import make_row
from toolkit.demo.vocabulary import REC_UNITS

CATEGORIES = ["公务接待费", "公务用车购置及运行维护费", "因公出国（境）费"]
RECEPTION_PLANTS = {("县交通运输局", 2020): "under", ("县农业农村局", 2019): "over_detail",
                    ("县文化广电新闻出版旅游局", 2020): "empty", ("县委办公室", 2020): "over_budget"}
VEHICLE_OVER = {("县财政局", 2019): 1.08, ("县住房和城乡建设局", 2019): 1.215, ("白鹭镇人民政府", 2020): 1.031}
VEHICLE_EQUAL = ("县自然资源局", 2019)


def _reception_line(rng: random.Random, key, detail: float, targets: dict) -> tuple:
    """(budget, actual, tags, near) of a 公务接待费 line; detail is the receptions' sum in 元."""
    tags, near = [], []
    actual: float | None = round(detail / 10000, 2)
    budget = round(max(detail * rng.uniform(1.1, 1.6), 20000) / 10000, 2)
    if key in targets:
        kind, exact_actual, _ = targets[key]
        actual = exact_actual / 10000
        (tags if kind.endswith("over") else near).append("budget.detail_mismatch")
    if actual is not None and actual > budget:
        budget = round(actual * 1.2 + 0.5, 2)
    plant = RECEPTION_PLANTS.get(key)
    if plant == "under":
        actual = round(detail * 0.62 / 10000, 2)
        tags.append("budget.detail_mismatch")
    elif plant == "over_detail":
        actual = round((detail + 18800) / 10000, 2)
        tags.append("budget.detail_mismatch")
    elif plant == "empty":
        actual = None
        near += ["budget.detail_mismatch", "budget.over_budget"]
    elif plant == "over_budget":
        budget = round(actual * 0.9, 2)
        tags.append("budget.over_budget")
    if actual is not None and actual > budget and "budget.over_budget" not in tags:
        budget = round(actual * 1.2 + 0.5, 2)
    return budget, actual, tags, near


def _overseas_line(rng: random.Random, key, detail: float, flagged, near_miss) -> tuple:
    tags, near = [], []
    actual = round(detail / 10000, 2)
    if key == flagged:
        actual = round(detail * 0.5 / 10000, 2)
        tags.append("budget.detail_mismatch")
    elif key == near_miss:
        actual = round((detail + 900) / 10000, 2)
        near.append("budget.detail_mismatch")
    budget = round(actual * rng.uniform(1.05, 1.3) + (0 if detail else rng.choice([0, 0, 2, 3])), 2)
    return budget, actual, tags, near


def _vehicle_line(rng: random.Random, key) -> tuple:
    tags, near = [], []
    budget = round(rng.uniform(12, 60), 2)
    share = rng.uniform(0.75, 0.98) if key[1] == 2019 else rng.uniform(0.3, 0.55)
    actual = round(budget * share, 2)
    if key in VEHICLE_OVER:
        actual = round(budget * VEHICLE_OVER[key], 2)
        tags.append("budget.over_budget")
    elif key == VEHICLE_EQUAL:
        actual = budget
        near.append("budget.over_budget")
    return budget, actual, tags, near


def gen_budget(rng: random.Random, receptions: list[dict], overseas: list[dict], rec_targets: dict) -> list[dict]:
    """15 units × 2 years × 3 categories, ids YS001…; rec_targets from the receptions' boundary unit-years."""
    rec_sum: dict = defaultdict(list)
    for r in receptions:
        rec_sum[(r["unit"], r["date"].year)].append(r["amount"])
    ovs_sum: dict = defaultdict(list)
    for r in overseas:
        if r["cost"] is not None:
            ovs_sum[(r["unit"], r["depart_on"].year)].append(r["cost"])
    ovs_flag, ovs_near = sorted(ovs_sum)[:2]
    rows = []
    for unit in REC_UNITS:
        for year in (2019, 2020):
            key = (unit, year)
            for cat in CATEGORIES:
                if cat == "公务接待费":
                    line = _reception_line(rng, key, math.fsum(rec_sum.get(key, [])), rec_targets)
                elif cat == "因公出国（境）费":
                    line = _overseas_line(rng, key, math.fsum(ovs_sum.get(key, [])), ovs_flag, ovs_near)
                else:
                    line = _vehicle_line(rng, key)
                budget, actual, tags, near = line
                rows.append(make_row(unit=unit, year=year, category=cat, budget=budget, actual=actual,
                                     _tags=tags, _near=near))
    for i, r in enumerate(rows, 1):
        r["id"] = f"YS{i:03d}"
        if rng.random() < 0.05 and r["actual"] is not None:
            r["_fmt"]["actual"] = "text"
    return rows

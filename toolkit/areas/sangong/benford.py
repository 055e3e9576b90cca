"""本福特定律 (generic.benford): the money columns of the first-wave datasets, village_finance.amount and
bids.price (checks.md: second wave) screened by their first digits; an absent dataset is not screened.

The statistics are :mod:`toolkit.forensic.digits`'s; this module says which
columns are screened (each in its canonical unit, as checks.md says: 元, or 万元
for the budget and land columns), the rule (≥ 300 values ≥ 10 in that unit,
first-digit MAD above Nigrini's marginal bound) and the notebook's summary table.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import AREA, ID_SEPARATOR
from toolkit.checks.base import RULE_COLUMNS, Check, Context
from toolkit.forensic.digits import MIN_N, BenfordResult, benford_test, nonconformity_bound

# The money columns the Benford screen reads (first wave, then village_finance and bids): (dataset, column, canonical unit, label).
MONEY_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("reception", "amount", "元", "公务接待金额"),
    ("fuel", "amount", "元", "加油金额"),
    ("overseas", "cost", "元", "因公出国（境）费用"),
    ("sangong_budget", "budget", "万元", "三公经费预算数"),
    ("sangong_budget", "actual", "万元", "三公经费决算数"),
    ("land", "investment", "万元", "工业用地投资额"),
    ("land", "agreed_investment", "万元", "工业用地约定投资额"),
    ("land", "annual_tax", "万元", "工业用地年税收"),
    ("village_finance", "amount", "元", "村级收支金额"),
    ("bids", "price", "元", "投标报价"),
)
COLUMN_LABELS: dict[str, str] = {f"{d}.{c}": label for d, c, _u, label in MONEY_COLUMNS}
COLUMN_UNITS: dict[str, str] = {f"{d}.{c}": unit for d, c, unit, _l in MONEY_COLUMNS}
BENFORD_MIN_N = MIN_N                      # values ≥ 10 (canonical unit) needed before a column is judged
BENFORD_MAD_MAX = nonconformity_bound(1)  # first-digit MAD above this: nonconformity (0.015)
BENFORD_CHARTS_MAX = 4                    # more tested columns than this: one overview chart (a chart costs ~0.4 s)
SUMMARY_COLUMNS = ["列", "名称", "样本量", "MAD", "符合程度", "Nigrini分类", "显著偏离的数字"]


def benford_columns(data: Mapping[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """The money columns present, in their canonical units, by 'dataset.column'."""
    out = {}
    for dataset, column, _unit, _label in MONEY_COLUMNS:
        frame = data.get(dataset)
        if frame is not None and column in frame:
            out[f"{dataset}.{column}"] = frame[column].astype("float64")
    return out


def benford_results(data: Mapping[str, pd.DataFrame], digits: int = 1) -> dict[str, BenfordResult]:
    """The Benford test of every money column present, by 'dataset.column'."""
    return {name: benford_test(values, digits, min_n=BENFORD_MIN_N) for name, values in benford_columns(data).items()}


def benford_summary(data: Mapping[str, pd.DataFrame], digits: int = 1) -> pd.DataFrame:
    """One row per money column: n (values ≥ 10 in its unit), MAD, Nigrini's class, digits that stand out."""
    return results_summary(benford_results(data, digits))


def results_summary(results: Mapping[str, BenfordResult]) -> pd.DataFrame:
    """benford_summary of tests already run (the notebook runs them once for the table and the charts)."""
    rows = []
    for name, result in results.items():
        rows.append({"列": name, "名称": COLUMN_LABELS[name], "样本量": result.n,
                     "MAD": None if result.too_small else result.mad,
                     "符合程度": result.conformity_zh, "Nigrini分类": result.conformity,
                     "显著偏离的数字": "" if result.too_small else ID_SEPARATOR.join(map(str, result.standouts))})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def charted_columns(results: Mapping[str, BenfordResult]) -> list[str]:
    """The columns worth a chart: every tested column, else the largest untested one."""
    tested = [name for name, result in results.items() if not result.too_small]
    return tested or ([max(results, key=lambda name: results[name].n)] if results else [])


def overview_only(charted: list[str]) -> bool:
    """More charted columns than BENFORD_CHARTS_MAX: one overview heat map instead of a chart per column.

    >>> overview_only(["reception.amount", "fuel.amount"]), overview_only([f"c{i}" for i in range(5)])
    (False, True)
    """
    return len(charted) > BENFORD_CHARTS_MAX


def generic_benford(ctx: Context) -> pd.DataFrame:
    """Per money column with ≥ 300 values ≥ 10 (its canonical unit): first-digit MAD > 0.015 (Nigrini: nonconformity)."""
    rows = []
    for name, result in benford_results(ctx.data).items():
        if not result.nonconforming:
            continue
        stand = ID_SEPARATOR.join(map(str, result.standouts)) or "无"
        rows.append({
            "dataset": name.split(".")[0], "record_id": "", "unit": "", "amount": np.nan, "row": pd.NA,
            "message": f"{name}（{COLUMN_LABELS[name]}）{result.n}个≥10{COLUMN_UNITS[name]}的数值首位数字分布偏离本福特定律："
                       f"MAD={result.mad:.4f}，超过{BENFORD_MAD_MAX}，Nigrini分类为{result.conformity_zh}"
                       f"（{result.conformity}）；显著偏离（|z|>1.96）的首位数字：{stand}，建议抽查相关凭证",
        })
    return pd.DataFrame(rows, columns=[*RULE_COLUMNS, "dataset"])


CHECKS: list[Check] = [
    Check("generic.benford", AREA, "reception", "low", "金额分布偏离本福特定律", generic_benford,
          any_of=tuple(dict.fromkeys(d for d, *_r in MONEY_COLUMNS)), params=()),
]

"""本福特定律 (generic.benford): the money columns of the sangong datasets screened by their first digits.

The statistics are :mod:`toolkit.checks.benford`'s; this module says which
columns are screened (in 元), the rule (≥ 300 values ≥ 10 元, first-digit MAD
above Nigrini's marginal bound) and the notebook's summary table.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import AREA, ID_SEPARATOR, WAN
from toolkit.checks.base import RULE_COLUMNS, Check, Context
from toolkit.checks.benford import MIN_N, BenfordResult, benford_test, nonconformity_bound

# The money columns of the sangong datasets that the Benford screen reads: (dataset, column, factor to 元, label).
MONEY_COLUMNS: tuple[tuple[str, str, float, str], ...] = (
    ("reception", "amount", 1.0, "公务接待金额"),
    ("fuel", "amount", 1.0, "加油金额"),
    ("overseas", "cost", 1.0, "因公出国（境）费用"),
    ("sangong_budget", "budget", WAN, "三公经费预算数"),
    ("sangong_budget", "actual", WAN, "三公经费决算数"),
)
COLUMN_LABELS: dict[str, str] = {f"{d}.{c}": label for d, c, _f, label in MONEY_COLUMNS}
BENFORD_MIN_N = MIN_N                      # values ≥ 10 元 needed before a column is judged
BENFORD_MAD_MAX = nonconformity_bound(1)  # first-digit MAD above this: nonconformity (0.015)
SUMMARY_COLUMNS = ["列", "名称", "样本量", "MAD", "符合程度", "Nigrini分类", "显著偏离的数字"]


def benford_columns(data: Mapping[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """The money columns of the sangong datasets present, in 元, by 'dataset.column'."""
    out = {}
    for dataset, column, factor, _label in MONEY_COLUMNS:
        frame = data.get(dataset)
        if frame is not None and column in frame:
            out[f"{dataset}.{column}"] = frame[column].astype("float64") * factor
    return out


def benford_results(data: Mapping[str, pd.DataFrame], digits: int = 1) -> dict[str, BenfordResult]:
    """The Benford test of every money column present, by 'dataset.column'."""
    return {name: benford_test(values, digits, min_n=BENFORD_MIN_N) for name, values in benford_columns(data).items()}


def benford_summary(data: Mapping[str, pd.DataFrame], digits: int = 1) -> pd.DataFrame:
    """One row per money column: n (values ≥ 10 元), MAD, Nigrini's class, digits that stand out."""
    rows = []
    for name, result in benford_results(data, digits).items():
        rows.append({"列": name, "名称": COLUMN_LABELS[name], "样本量": result.n,
                     "MAD": None if result.too_small else result.mad,
                     "符合程度": result.conformity_zh, "Nigrini分类": result.conformity,
                     "显著偏离的数字": "" if result.too_small else ID_SEPARATOR.join(map(str, result.standouts))})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def charted_columns(results: Mapping[str, BenfordResult]) -> list[str]:
    """The columns worth a chart: every tested column, else the largest untested one."""
    tested = [name for name, result in results.items() if not result.too_small]
    return tested or ([max(results, key=lambda name: results[name].n)] if results else [])


def generic_benford(ctx: Context) -> pd.DataFrame:
    """Per money column with ≥ 300 values ≥ 10 (元): first-digit MAD > 0.015 (Nigrini: nonconformity)."""
    rows = []
    for name, result in benford_results(ctx.data).items():
        if not result.nonconforming:
            continue
        stand = ID_SEPARATOR.join(map(str, result.standouts)) or "无"
        rows.append({
            "dataset": name.split(".")[0], "record_id": "", "unit": "", "amount": np.nan, "row": pd.NA,
            "message": f"{name}（{COLUMN_LABELS[name]}）{result.n}个≥10元的数值首位数字分布偏离本福特定律："
                       f"MAD={result.mad:.4f}，超过{BENFORD_MAD_MAX}，Nigrini分类为{result.conformity_zh}"
                       f"（{result.conformity}）；显著偏离（|z|>1.96）的首位数字：{stand}，建议抽查相关凭证",
        })
    return pd.DataFrame(rows, columns=[*RULE_COLUMNS, "dataset"])


CHECKS: list[Check] = [
    Check("generic.benford", AREA, "reception", "low", "金额分布偏离本福特定律", generic_benford,
          any_of=tuple(dict.fromkeys(d for d, *_r in MONEY_COLUMNS)), params=()),
]

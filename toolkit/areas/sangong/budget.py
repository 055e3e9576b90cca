"""预算与决算 (sangong_budget): overspending, and final accounts (决算) against the detail ledgers.

The budget table is in 万元; every comparison with a detail ledger (元) converts × 10 000.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import AREA, OVERSEAS_FEE, RECEPTION_FEE, WAN, cell, empty_rule, stripped
from toolkit.checks.base import Check, Context, flag
from toolkit.config import Thresholds
from toolkit.formatting import number
from toolkit.ingest.validate import ROW_COLUMN

DETAIL_SOURCES: dict[str, tuple[str, str, str, str]] = {
    # category: (dataset, money column, date column, label)
    RECEPTION_FEE: ("reception", "amount", "date", "公务接待明细"),
    OVERSEAS_FEE: ("overseas", "cost", "depart_on", "因公出国（境）明细"),
}
RECONCILIATION_COLUMNS = ["id", "unit", "year", "category", "actual_yuan", "detail_sum", "detail_rows", "difference",
                          "diff_ratio", "mismatch", ROW_COLUMN]
TOLERANCE = 1e-6  # 元: a difference exactly at a limit is not over it


def over_budget_mask(budget: pd.DataFrame) -> pd.Series:
    """actual set and actual > budget.

    >>> over_budget_mask(pd.DataFrame({"budget": [10.0, 10.0, 10.0], "actual": [10.5, 10.0, None]})).tolist()
    [True, False, False]
    """
    return (budget["actual"].notna() & (budget["actual"] > budget["budget"])).fillna(False).astype(bool)


def detail_totals(detail: pd.DataFrame, money: str, date: str) -> pd.DataFrame:
    """Sum and count of a detail dataset's money by (trimmed unit, calendar year of ``date``)."""
    frame = pd.DataFrame({"unit": stripped(detail["unit"]), "year": detail[date].dt.year.astype("Int64"),
                          "money": detail[money]})
    frame = frame[frame["year"].notna()]
    return frame.groupby(["unit", "year"]).agg(detail_sum=("money", "sum"), detail_rows=("money", "size"))


def _reconcile(rows: pd.DataFrame, totals: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """One category's budget rows against its detail totals (missing totals count as 0 元 in 0 rows)."""
    keys = pd.MultiIndex.from_arrays([stripped(rows["unit"]), rows["year"].astype("Int64")], names=["unit", "year"])
    matched = totals.reindex(keys)
    actual = (rows["actual"] * WAN).round(2)
    detail_sum = pd.Series(matched["detail_sum"].fillna(0.0).to_numpy(dtype="float64"), index=rows.index).round(2)
    difference = (actual - detail_sum).abs().round(2)
    biggest = np.maximum(actual, detail_sum)
    mismatch = ((difference > thresholds.budget_mismatch_ratio * biggest + TOLERANCE)
                & (difference > thresholds.budget_mismatch_min + TOLERANCE))
    return pd.DataFrame({
        "id": rows["id"], "unit": rows["unit"], "year": rows["year"], "category": rows["category"],
        "actual_yuan": actual, "detail_sum": detail_sum,
        "detail_rows": pd.Series(matched["detail_rows"].fillna(0).to_numpy(dtype="int64"), index=rows.index),
        "difference": difference, "diff_ratio": (difference / biggest).where(biggest > 0),
        "mismatch": mismatch.astype(bool), ROW_COLUMN: rows[ROW_COLUMN] if ROW_COLUMN in rows else pd.NA,
    }, index=rows.index)


def budget_reconciliation(budget: pd.DataFrame, reception: pd.DataFrame | None, overseas: pd.DataFrame | None,
                          thresholds: Thresholds) -> pd.DataFrame:
    """Final accounts (决算) of 公务接待费 and 因公出国（境）费 against the sum of their detail rows.

    Same unit (exact text after trimming) and year (reception by date,
    overseas by depart_on). Only categories whose detail dataset is given, only
    rows with actual set. A budget row with no detail rows is compared with a
    detail sum of 0. ``mismatch``: abs(actual × 10 000 − detail) >
    budget_mismatch_ratio × max(actual × 10 000, detail) and > budget_mismatch_min
    (元); amounts rounded to the fen.
    """
    details = {"reception": reception, "overseas": overseas}
    parts = []
    for category, (name, money, date, _label) in DETAIL_SOURCES.items():
        rows = budget[(budget["category"] == category) & budget["actual"].notna()]
        if details[name] is None or rows.empty:
            continue
        parts.append(_reconcile(rows, detail_totals(details[name], money, date), thresholds))
    if not parts:
        return pd.DataFrame(columns=RECONCILIATION_COLUMNS)
    return pd.concat(parts).sort_index()[RECONCILIATION_COLUMNS]


# ---- the checks ---------------------------------------------------------------------------------------

def budget_over_budget(ctx: Context) -> pd.DataFrame:
    """actual > budget; amount = (actual − budget) × 10 000 元 (the columns are in 万元)."""
    bud = ctx.data["sangong_budget"]
    over = ((bud["actual"] - bud["budget"]) * WAN).round(2)

    def message(r: pd.Series) -> str:
        diff = r["actual"] - r["budget"]
        share = f"，超支{diff / r['budget']:.1%}" if r["budget"] > 0 else ""
        return (f"{cell(r['unit'])}{r['year']}年{r['category']}预算{number(r['budget'], 4, fixed=True)}万元，"
                f"决算{number(r['actual'], 4, fixed=True)}万元，超预算{number(diff, 4, fixed=True)}万元"
                f"（{number(diff * WAN, fixed=True)}元）{share}")

    return flag(bud, over_budget_mask(bud), message, id_column="id", unit_column="unit", amount=over)


def _mismatch_message(t: Thresholds):
    def message(r: pd.Series) -> str:
        label = DETAIL_SOURCES[r["category"]][3]
        detail = (f"{label}合计{number(r['detail_sum'], fixed=True)}元（{int(r['detail_rows'])}条）"
                  if r["detail_rows"] else f"{label}中无该单位该年度记录（按0元计）")
        return (f"{cell(r['unit'])}{r['year']}年{r['category']}决算数{number(r['actual_yuan'] / WAN, 4, fixed=True)}"
                f"万元（{number(r['actual_yuan'], fixed=True)}元），{detail}，相差{number(r['difference'], fixed=True)}元"
                f"（{r['diff_ratio']:.1%}），超过{t.budget_mismatch_ratio:.0%}且超过"
                f"{number(t.budget_mismatch_min, fixed=True)}元，决算与明细不符")

    return message


def budget_detail_mismatch(ctx: Context) -> pd.DataFrame:
    """budget.detail_mismatch: 公务接待费 vs reception (when present), 因公出国（境）费 vs overseas (when present).

    A budget row whose unit and year have no detail rows is compared with a
    detail sum of 0 (so any actual over budget_mismatch_min 元 is flagged: the
    spending is not in the detail ledger at all).
    """
    present = [c for c, (name, *_r) in DETAIL_SOURCES.items() if ctx.has(name)]
    if len(present) < len(DETAIL_SOURCES):
        missing = [DETAIL_SOURCES[c][0] for c in DETAIL_SOURCES if c not in present]
        ctx.note(f"budget.detail_mismatch：缺少数据集 {'、'.join(missing)}，"
                 + ("未核对对应类别的决算数" if present else "未执行预决算与明细核对"))
    if not present:
        return empty_rule()
    table = budget_reconciliation(ctx.data["sangong_budget"], ctx.data.get("reception"), ctx.data.get("overseas"),
                                  ctx.thresholds)
    return flag(table, table["mismatch"].astype(bool), _mismatch_message(ctx.thresholds),
                id_column="id", unit_column="unit", amount="difference")


CHECKS: list[Check] = [
    Check("budget.over_budget", AREA, "sangong_budget", "medium", "三公经费超预算", budget_over_budget, params=()),
    Check("budget.detail_mismatch", AREA, "sangong_budget", "high", "决算与明细不符", budget_detail_mismatch,
          params=("budget_mismatch_ratio", "budget_mismatch_min")),
]

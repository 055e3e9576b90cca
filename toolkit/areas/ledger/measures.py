"""整改措施 rules read from the ledger alone: overdue, closed without sign-off, completed late.

Each rule is one mask, shared by its check, the indicators and the notebook
tables. A text column is empty per :func:`toolkit.formatting.is_empty`; a
date column is empty when NaT.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.ledger.common import AREA, DONE, SIGNOFF_FIELDS, days_between, measure_label, timestamp
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import cn_date, is_empty

__all__ = [
    "overdue_mask", "missing_signoff", "missing_text", "closed_without_signoff_mask", "signed_off_mask",
    "completed_late_mask", "ledger_overdue", "ledger_closed_without_signoff", "ledger_completed_late", "CHECKS",
]


def overdue_mask(ledger: pd.DataFrame, as_of: Any) -> pd.Series:
    """checks.md ledger.overdue: status ≠ 已完成, deadline set, deadline < as_of."""
    as_of = timestamp(as_of)
    return ((ledger["status"] != DONE) & ledger["deadline"].notna() & (ledger["deadline"] < as_of)).fillna(False)


def missing_signoff(ledger: pd.DataFrame) -> pd.DataFrame:
    """Per row, whether each of 销号审核人 / 销号日期 / 佐证材料 is missing (bool columns named in Chinese)."""
    return pd.DataFrame({
        SIGNOFF_FIELDS["signed_off_by"]: is_empty(ledger["signed_off_by"]),
        SIGNOFF_FIELDS["signed_off_on"]: ledger["signed_off_on"].isna(),
        SIGNOFF_FIELDS["evidence"]: is_empty(ledger["evidence"]),
    }, index=ledger.index)


def missing_text(missing: pd.DataFrame) -> pd.Series:
    """The names of the True columns of each row, joined with 、 in column order ('' when none).

    >>> missing_text(pd.DataFrame({"销号日期": [True, False, True], "佐证材料": [True, False, False]})).tolist()
    ['销号日期、佐证材料', '', '销号日期']
    """
    text = pd.Series("", index=missing.index, dtype="str")
    for name in missing.columns:  # one pass per column (three), never per row
        joined = text.where(text == "", text + "、") + name
        text = text.where(~missing[name].astype(bool), joined)
    return text


def closed_without_signoff_mask(ledger: pd.DataFrame) -> pd.Series:
    """checks.md: status = 已完成 and any of signed_off_by, signed_off_on, evidence empty."""
    return (ledger["status"] == DONE).fillna(False) & missing_signoff(ledger).any(axis=1)


def signed_off_mask(ledger: pd.DataFrame) -> pd.Series:
    """已完成 with signed_off_by, signed_off_on and evidence all set (已销号)."""
    return (ledger["status"] == DONE).fillna(False) & ~missing_signoff(ledger).any(axis=1)


def completed_late_mask(ledger: pd.DataFrame) -> pd.Series:
    """checks.md ledger.completed_late: completed_on > deadline (both set)."""
    return (ledger["completed_on"] > ledger["deadline"]).fillna(False)


def ledger_overdue(ctx: Context) -> pd.DataFrame:
    ledger = ctx.data["ledger"]
    as_of = ctx.as_of
    days = days_between(as_of, ledger["deadline"])
    return flag(ledger, overdue_mask(ledger, as_of),
                lambda r: f"{measure_label(r)}完成时限为{cn_date(r['deadline'])}，截至{cn_date(as_of)}"
                          f"状态仍为{r['status']}，已逾期{days[r.name]}天未完成整改",
                id_column="measure_id", unit_column="units")


def ledger_closed_without_signoff(ctx: Context) -> pd.DataFrame:
    ledger = ctx.data["ledger"]
    lacking = missing_text(missing_signoff(ledger))
    return flag(ledger, closed_without_signoff_mask(ledger),
                lambda r: f"{measure_label(r)}已标记为已完成，但未填写{lacking[r.name]}，"
                          "不符合责任单位签字背书、佐证材料齐全方可销号的要求",
                id_column="measure_id", unit_column="units")


def ledger_completed_late(ctx: Context) -> pd.DataFrame:
    ledger = ctx.data["ledger"]
    days = days_between(ledger["completed_on"], ledger["deadline"])
    return flag(ledger, completed_late_mask(ledger),
                lambda r: f"{measure_label(r)}完成时限为{cn_date(r['deadline'])}，实际于{cn_date(r['completed_on'])}"
                          f"完成，超过时限{days[r.name]}天",
                id_column="measure_id", unit_column="units")


CHECKS = [
    Check("ledger.overdue", AREA, "ledger", "medium", "整改措施逾期未完成", ledger_overdue, params=()),
    Check("ledger.closed_without_signoff", AREA, "ledger", "medium", "已完成未规范销号", ledger_closed_without_signoff,
          params=()),
    Check("ledger.completed_late", AREA, "ledger", "low", "超时限完成整改", ledger_completed_late, params=()),
]

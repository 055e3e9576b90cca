"""津补贴 rules on the payments themselves: the same payment twice (重复发放) and payments after the person
left (离岗后仍领取, 吃空饷). Each rule is one mask, shared by its check and the notebook tables.

contract/checks.md, ``allowances``, exactly:

* ``allowance.duplicate`` — two or more rows with the same name, unit, month and item: every such row;
* ``allowance.after_leave`` — only when staff is present: id_number set, the staff row with that
  id_number has status 死亡, 调离, 辞职 or 开除 (not 退休) and left_on set, and month > left_on's month.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.allowances.catalog import GROUP, group_keys
from toolkit.areas.allowances.common import AREA, LEFT_STATUSES, month_key, payment_label
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import number, ymd

__all__ = ["duplicate_mask", "leaver_rows", "after_leave_mask", "allowance_duplicate", "allowance_after_leave",
           "CHECKS"]


def duplicate_mask(allowances: pd.DataFrame) -> pd.Series:
    """Rows whose (name, unit, month, item) group — same names — has two or more rows."""
    keys = group_keys(allowances)
    return keys.duplicated(list(GROUP), keep=False)


def leaver_rows(allowances: pd.DataFrame, staff: pd.DataFrame) -> pd.DataFrame:
    """Per payment, the staff row of its id_number when that person left (status 死亡/调离/辞职/开除,
    left_on set): ``status``, ``left_on`` (missing otherwise), aligned on the index."""
    left = staff[staff["status"].isin(LEFT_STATUSES) & staff["left_on"].notna()]
    left = left.drop_duplicates("id_number")[["id_number", "status", "left_on"]]
    keys = allowances[["id_number"]].dropna()
    found = keys.reset_index().merge(left, on="id_number", how="inner").set_index("index")
    return found[["status", "left_on"]].reindex(allowances.index)


def after_leave_mask(allowances: pd.DataFrame, staff: pd.DataFrame) -> pd.Series:
    """id_number of a person who left, and the payment's month after the month they left."""
    left_on = leaver_rows(allowances, staff)["left_on"]
    later = month_key(allowances["month"]) > month_key(left_on)
    return (left_on.notna() & later).astype(bool)


def allowance_duplicate(ctx: Context) -> pd.DataFrame:
    """Two or more rows with the same name, unit, month and item (重复发放)."""
    pay = ctx.data["allowances"]
    mask = duplicate_mask(pay)
    count = group_keys(pay).groupby(list(GROUP), dropna=False)["name"].transform("size")

    def message(row: pd.Series) -> str:
        return f"{payment_label(row)}发放{number(row['amount'])}元，同一人同月同项目共发放{int(count[row.name])}笔，涉嫌重复发放"

    return flag(pay, mask, message, id_column="id", unit_column="unit", amount="amount")


def allowance_after_leave(ctx: Context) -> pd.DataFrame:
    """Paid for a month after the person left (吃空饷)."""
    pay = ctx.data["allowances"]
    left = leaver_rows(pay, ctx.data["staff"])

    def message(row: pd.Series) -> str:
        status = left.at[row.name, "status"]
        return (f"{payment_label(row)}{number(row['amount'])}元，该人员已于{ymd(left.at[row.name, 'left_on'])}"
                f"{status}，离岗后仍领取津补贴（吃空饷）")

    return flag(pay, after_leave_mask(pay, ctx.data["staff"]), message, id_column="id", unit_column="unit",
                amount="amount")


CHECKS = [
    Check("allowance.duplicate", AREA, "allowances", "medium", "同一人同月同项目重复发放津补贴",
          allowance_duplicate),
    Check("allowance.after_leave", AREA, "allowances", "high", "离岗后仍领取津补贴（吃空饷）",
          allowance_after_leave, needs=("staff",)),
]

"""党费 rules (contract/checks.md ``dues``), on the members and payments of :mod:`toolkit.areas.dues.payments`.

* ``dues.underpaid`` — per member and month with income set: paid < due − 0.01 (少交党费); record_id the id
  of the payment's first row, unit its branch, amount = due − paid;
* ``dues.missing_month`` — per member, each month strictly between its first and last month with no row;
  record_id ``MEMBER@YYYY-MM`` (MEMBER as in the member's first row), amount empty;
* ``dues.stopped`` — per member, as_of's month − its last month ≥ ``dues_stop_months`` (连续六个月不交纳党费,
  视为自行脱党), unless a member of the same name has a later month under another branch (a transfer);
  record_id MEMBER as in its first row, amount empty.

unit: the branch as written in the member's first row (for underpaid: the first row of that month).
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.dues.common import AREA, NO_BRANCH, month_number, month_text
from toolkit.areas.dues.payments import MEMBER_KEYS, keyed, members, payments, underpaid_mask
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import number, pct

__all__ = ["missing_months", "stopped_members", "dues_underpaid", "dues_missing_month", "dues_stopped",
           "CHECKS", "CHECK_TITLES", "branch_text"]


def branch_text(branch) -> str:
    """A branch as a message names it."""
    return branch.strip() if isinstance(branch, str) and branch.strip() else NO_BRANCH


def missing_months(dues: pd.DataFrame, mem: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per member and missing month: the member's columns, _missing (month number) and record_id.
    ``mem``: ``members(dues)`` when the caller has it already."""
    mem = members(dues) if mem is None else mem
    gaps = (mem["last"] - mem["first"] - 1).clip(lower=0)
    expanded = mem.loc[mem.index.repeat(gaps)].reset_index(drop=True)
    offset = expanded.groupby(MEMBER_KEYS, sort=False).cumcount() + 1
    expanded = expanded.assign(_month=expanded["first"] + offset)
    paid = keyed(dues)[[*MEMBER_KEYS, "_month"]].drop_duplicates()
    merged = expanded.merge(paid, on=[*MEMBER_KEYS, "_month"], how="left", indicator=True)
    gone = merged[merged["_merge"] == "left_only"].drop(columns="_merge").rename(columns={"_month": "_missing"})
    return gone.assign(record_id=gone["member"].astype("str") + "@" + month_text(gone["_missing"]))


def stopped_members(dues: pd.DataFrame, as_of: pd.Timestamp, stop_months: int,
                    mem: pd.DataFrame | None = None) -> pd.DataFrame:
    """Members whose last month lies ≥ stop_months before as_of's month, with no later month of the same name
    under another branch; with _gap (months). ``mem``: ``members(dues)`` when the caller has it already."""
    mem = members(dues) if mem is None else mem
    as_of_month = int(month_number(pd.Series([pd.Timestamp(as_of)])).iloc[0])
    gap = as_of_month - mem["last"]
    transferred = mem["_name_last"] > mem["last"]
    keep = (gap >= stop_months) & ~transferred
    return mem[keep].assign(_gap=gap[keep])


def dues_underpaid(ctx: Context) -> pd.DataFrame:
    """Per member and month with income set: paid < due − 0.01; amount = due − paid."""
    pay = payments(ctx.data["party_dues"])

    def message(r: pd.Series) -> str:
        kind = "离退休党员" if r["retired"] else "党员"
        return (f"{branch_text(r['branch'])}{kind}{str(r['member']).strip()}{r['month'].year}年{r['month'].month}月收入"
                f"{number(r['income'])}元，按{pct(r['rate'], 1)}应交{number(r['due'])}元，实交{number(r['paid'])}元，"
                f"少交{number(r['due'] - r['paid'])}元")

    return flag(pay, underpaid_mask(pay), message, id_column="id", unit_column="branch",
                amount=pay["due"] - pay["paid"])


def dues_missing_month(ctx: Context) -> pd.DataFrame:
    """Each month strictly between a member's first and last month with no row."""
    gone = missing_months(ctx.data["party_dues"])
    gone = gone.assign(_row=pd.array([pd.NA] * len(gone), dtype="Int64"), _first=month_text(gone["first"]),
                       _last=month_text(gone["last"]), _gone=month_text(gone["_missing"]))

    def message(r: pd.Series) -> str:
        return (f"{branch_text(r['branch'])}党员{str(r['member']).strip()}在{r['_first']}至{r['_last']}期间，"
                f"{r['_gone']}无交纳记录")

    return flag(gone, pd.Series(True, index=gone.index), message, id_column="record_id", unit_column="branch")


def dues_stopped(ctx: Context) -> pd.DataFrame:
    """Members with no payment for dues_stop_months or more up to as_of's month (no transfer)."""
    limit = ctx.thresholds.dues_stop_months
    stopped = stopped_members(ctx.data["party_dues"], ctx.as_of, limit)
    stopped = stopped.assign(_last=month_text(stopped["last"]))

    def message(r: pd.Series) -> str:
        return (f"{branch_text(r['branch'])}党员{str(r['member']).strip()}最后交纳党费的月份为"
                f"{r['_last']}，至{ctx.as_of:%Y年%m月}已{int(r['_gap'])}个月"
                f"（≥{limit}个月）未交纳，且未在其他支部接续交纳，应按自行脱党程序处理")

    return flag(stopped, pd.Series(True, index=stopped.index), message, id_column="member", unit_column="branch")


CHECKS = [
    Check("dues.underpaid", AREA, "party_dues", "medium", "少交党费", dues_underpaid),
    Check("dues.missing_month", AREA, "party_dues", "low", "党费缺月未交", dues_missing_month),
    Check("dues.stopped", AREA, "party_dues", "medium", "连续未交纳党费（视为自行脱党）", dues_stopped,
          params=("dues_stop_months",)),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}

"""党费 tables the notebook shows: compliance by branch (due vs paid), the underpaid months, the member ×
month grid of missing months, the members who stopped paying, and the headline lines.

Each table is built on the same payments, members and masks as the checks.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.dues.common import NO_BRANCH, month_number, month_text
from toolkit.areas.dues.payments import MEMBER_KEYS, keyed, members, payments, underpaid_mask
from toolkit.areas.dues.rules import missing_months, stopped_members
from toolkit.datasets import DATASETS
from toolkit.formatting import number, pct
from toolkit.ingest.validate import empty_frame

__all__ = ["empty_dues", "dues_frame", "branch_compliance", "underpaid_table", "month_grid", "stopped_table",
           "headline", "PAID", "MISSING", "STOPPED"]

PAID, MISSING, STOPPED = "✓", "缺", "停"


def empty_dues() -> pd.DataFrame:
    """A party_dues frame with no rows (for a round without the file)."""
    return empty_frame(DATASETS["party_dues"])


def dues_frame(analysis: Any) -> pd.DataFrame:
    """The round's party_dues frame, or an empty one."""
    return analysis.frame_or_empty("party_dues")


def _branch_label(branch: pd.Series) -> pd.Series:
    text = branch.fillna("").astype("str").str.strip()
    return text.where(text != "", NO_BRANCH)


def branch_compliance(dues: pd.DataFrame) -> pd.DataFrame:
    """Per branch (its name as first written): members, payments with income, due, paid on them, shortfall,
    underpaid months and the share of months paid in full."""
    pay = payments(dues)
    under = underpaid_mask(pay)
    with_income = pay["income"].notna()
    frame = pd.DataFrame({
        "_branch": pay["_branch"], "党员（人）": pay["_name"], "核定月数": with_income.astype("int64"),
        "应缴（元）": pay["due"].where(with_income, 0.0), "实缴（元）": pay["paid"].where(with_income, 0.0),
        "少交（元）": (pay["due"] - pay["paid"]).where(under, 0.0), "少交月数": under.astype("int64")})
    table = frame.groupby("_branch", sort=False).agg({"党员（人）": "nunique", "核定月数": "sum", "应缴（元）": "sum",
                                                      "实缴（元）": "sum", "少交（元）": "sum", "少交月数": "sum"})
    names = pay.drop_duplicates("_branch").set_index("_branch")["branch"]
    table.insert(0, "支部", _branch_label(names.reindex(table.index)))
    months = table["核定月数"].where(table["核定月数"] > 0)
    table["足额率"] = 1 - table["少交月数"] / months
    return table.sort_values(["少交（元）", "支部"], ascending=[False, True]).reset_index(drop=True)


def underpaid_table(dues: pd.DataFrame) -> pd.DataFrame:
    """The payments dues.underpaid flags, largest shortfall first."""
    pay = payments(dues)
    rows = pay[underpaid_mask(pay)]
    table = pd.DataFrame({
        "编号": rows["id"], "支部": _branch_label(rows["branch"]), "党员": rows["member"],
        "月份": rows["month"].dt.strftime("%Y-%m"), "离退休": rows["retired"].map({True: "是", False: "否"}),
        "月收入（元）": rows["income"], "费率": rows["rate"], "应缴（元）": rows["due"], "实缴（元）": rows["paid"],
        "少交（元）": rows["due"] - rows["paid"]})
    return table.sort_values(["少交（元）", "编号"], ascending=[False, True]).reset_index(drop=True)


def _as_of_month(as_of: pd.Timestamp) -> int:
    return int(month_number(pd.Series([pd.Timestamp(as_of)])).iloc[0])


def _stopped_months(stopped: pd.DataFrame, last: int) -> pd.DataFrame:
    """The months after each stopped member's last month up to as_of's month."""
    after = stopped.loc[stopped.index.repeat(last - stopped["last"])].reset_index(drop=True)
    return after.assign(_m=after["last"] + after.groupby(MEMBER_KEYS, sort=False).cumcount() + 1)


def month_grid(dues: pd.DataFrame, as_of: pd.Timestamp, stop_months: int, only_flagged: bool = True) -> pd.DataFrame:
    """Member × month: ✓ paid, 缺 a missing month between the first and last month, 停 the months after the
    last month of a member dues.stopped flags, '' elsewhere. Rows 支部·党员 (as first written); by default
    only the members with a missing month or stopped."""
    mem = members(dues)
    gone, stopped = missing_months(dues, mem), stopped_members(dues, as_of, stop_months, mem)
    if only_flagged:
        mem = mem.merge(pd.concat([gone[MEMBER_KEYS], stopped[MEMBER_KEYS]]).drop_duplicates(), on=MEMBER_KEYS)
    mem = mem.assign(_label=_branch_label(mem["branch"]) + "·" + mem["member"].astype("str").str.strip())
    last = _as_of_month(as_of)
    marks = pd.concat([
        keyed(dues)[[*MEMBER_KEYS, "_month"]].rename(columns={"_month": "_m"}).assign(mark=PAID),
        gone[[*MEMBER_KEYS, "_missing"]].rename(columns={"_missing": "_m"}).assign(mark=MISSING),
        _stopped_months(stopped, last)[[*MEMBER_KEYS, "_m"]].assign(mark=STOPPED),
    ]).drop_duplicates([*MEMBER_KEYS, "_m"]).merge(mem[[*MEMBER_KEYS, "_label"]], on=MEMBER_KEYS)
    first = int(min(mem["first"].min(), last)) if len(mem) else last
    end = int(max(marks["_m"].max(), last)) if len(marks) else last
    columns = list(range(first, end + 1))
    labels = mem.sort_values("_label")["_label"].drop_duplicates().tolist()
    grid = marks.pivot_table(index="_label", columns="_m", values="mark", aggfunc="first")
    grid = grid.reindex(index=labels, columns=columns).fillna("").astype("str")
    grid.index.name, grid.columns = "支部·党员", month_text(pd.Series(columns)).tolist()
    return grid


def stopped_table(dues: pd.DataFrame, as_of: pd.Timestamp, stop_months: int) -> pd.DataFrame:
    """The members dues.stopped flags, the longest gap first."""
    stopped = stopped_members(dues, as_of, stop_months)
    table = pd.DataFrame({"支部": _branch_label(stopped["branch"]), "党员": stopped["member"],
                          "首次交纳": month_text(stopped["first"]), "最后交纳": month_text(stopped["last"]),
                          "未交月数": stopped["_gap"]})
    return table.sort_values(["未交月数", "支部", "党员"], ascending=[False, True, True]).reset_index(drop=True)


def headline(dues: pd.DataFrame, as_of: pd.Timestamp, stop_months: int) -> list[str]:
    """The notebook's pinned lines: members, paid, due, shortfall, missing months, stopped members."""
    pay = payments(dues)
    under = underpaid_mask(pay)
    with_income = pay["income"].notna()
    due = float(pay.loc[with_income, "due"].sum())
    mem = members(dues)
    return [
        f"党员 {len(mem)} 人（按党员与支部区分），交纳记录 {len(dues)} 条，合并为 {len(pay)} 个人月",
        f"实缴党费 {number(dues['paid'].sum())} 元；有收入记录的 {int(with_income.sum())} 个人月"
        f"应缴 {number(due)} 元、实缴 {number(pay.loc[with_income, 'paid'].sum())} 元",
        f"少交党费 {int(under.sum())} 个人月，合计少交 {number((pay['due'] - pay['paid'])[under].sum())} 元"
        f"（足额率 {pct(1 - under.sum() / with_income.sum() if with_income.any() else None)}）",
        f"缺月未交 {len(missing_months(dues, mem))} 个人月；连续 {stop_months} 个月以上未交 "
        f"{len(stopped_members(dues, as_of, stop_months, mem))} 人",
    ]

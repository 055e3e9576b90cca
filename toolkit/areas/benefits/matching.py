"""名单碰撞: benefits crossed with the staff list and the death register on the ID number, and duplicate
payments. Each rule is one mask, shared by its check, the indicators and the notebook tables.

contract/checks.md, ``benefits``, exactly:

* ``benefit.staff_recipient`` — only when staff is present: type is one of ``benefit_means_tested_types``
  (same name) and id_number is that of a staff row with status 在职;
* ``benefit.after_death`` — only when deaths is present: id_number is in deaths and month > died_on's month;
* ``benefit.duplicate`` — two or more rows with the same id_number, type (same name) and month: every such row.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from toolkit.areas.benefits.common import AREA, ON_DUTY, folded, month_key, place, recipient_label
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import fold_name, number, ymd

__all__ = ["lookup", "means_tested_mask", "staff_recipient_mask", "death_dates", "after_death_mask",
           "duplicate_mask", "benefit_staff_recipient", "benefit_after_death", "benefit_duplicate", "CHECKS"]


def lookup(benefits: pd.DataFrame, other: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Per benefit row, ``columns`` of the ``other`` list's row with the same id_number (first one), aligned."""
    first = other.drop_duplicates("id_number")[["id_number", *columns]]
    keys = benefits[["id_number"]].dropna().reset_index()
    return keys.merge(first, on="id_number", how="inner").set_index("index")[columns].reindex(benefits.index)


def means_tested_mask(benefits: pd.DataFrame, types: Iterable[str]) -> pd.Series:
    """type is the same name as one of ``types`` (低保, 特困 by default)."""
    return folded(benefits["type"]).isin({fold_name(t) for t in types}).astype(bool)


def staff_recipient_mask(benefits: pd.DataFrame, staff: pd.DataFrame, types: Iterable[str]) -> pd.Series:
    """A means-tested benefit paid to the ID number of a staff row with status 在职."""
    on_duty = staff[staff["status"] == ON_DUTY]
    return means_tested_mask(benefits, types) & benefits["id_number"].isin(on_duty["id_number"].dropna())


def death_dates(benefits: pd.DataFrame, deaths: pd.DataFrame) -> pd.Series:
    """Per benefit row, died_on of its ID number in the death register (NaT when not there)."""
    return lookup(benefits, deaths, ["died_on"])["died_on"]


def after_death_mask(benefits: pd.DataFrame, deaths: pd.DataFrame) -> pd.Series:
    """id_number in deaths and the month paid for is after the month of death."""
    died = death_dates(benefits, deaths)
    return (died.notna() & (month_key(benefits["month"]) > month_key(died))).astype(bool)


def duplicate_mask(benefits: pd.DataFrame) -> pd.Series:
    """Two or more rows with the same id_number, type (same name) and month."""
    keys = pd.DataFrame({"id": benefits["id_number"], "type": folded(benefits["type"]),
                         "month": month_key(benefits["month"])})
    return keys.duplicated(keep=False) & benefits["id_number"].notna()


def _flag(ben: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    return flag(ben.assign(_place=place(ben)), mask, message, id_column="id", unit_column="_place", amount="amount")


def benefit_staff_recipient(ctx: Context) -> pd.DataFrame:
    """财政供养人员或村干部享受低保、特困."""
    ben, staff = ctx.data["benefits"], ctx.data["staff"]
    who = lookup(ben, staff, ["unit", "role"])

    def message(row: pd.Series) -> str:
        unit, role = who.at[row.name, "unit"], who.at[row.name, "role"]
        post = "".join(str(v) for v in (unit, role) if isinstance(v, str))
        return (f"{recipient_label(row)}{number(row['amount'])}元，领取人为在职财政供养人员或村干部"
                f"{('（' + post + '）') if post else ''}，不应享受{row['type']}")

    return _flag(ben, staff_recipient_mask(ben, staff, ctx.thresholds.benefit_means_tested_types), message)


def benefit_after_death(ctx: Context) -> pd.DataFrame:
    """死亡后仍发放（冒领）."""
    ben = ctx.data["benefits"]
    died = death_dates(ben, ctx.data["deaths"])

    def message(row: pd.Series) -> str:
        return (f"{recipient_label(row)}{number(row['amount'])}元，领取人已于{ymd(died[row.name])}死亡，"
                f"死亡后仍发放，涉嫌冒领")

    return _flag(ben, after_death_mask(ben, ctx.data["deaths"]), message)


def benefit_duplicate(ctx: Context) -> pd.DataFrame:
    """同一身份证号同月同类型补贴发放两笔以上（重复发放）."""
    ben = ctx.data["benefits"]

    def message(row: pd.Series) -> str:
        return f"{recipient_label(row)}{number(row['amount'])}元，同一身份证号同月同类型补贴发放两笔以上，涉嫌重复发放"

    return _flag(ben, duplicate_mask(ben), message)


CHECKS = [
    Check("benefit.staff_recipient", AREA, "benefits", "high", "财政供养人员或村干部享受低保、特困",
          benefit_staff_recipient, needs=("staff",), params=("benefit_means_tested_types",)),
    Check("benefit.after_death", AREA, "benefits", "high", "死亡后仍发放补贴（冒领）", benefit_after_death,
          needs=("deaths",)),
    Check("benefit.duplicate", AREA, "benefits", "medium", "同一人同月同类型补贴重复发放", benefit_duplicate),
]

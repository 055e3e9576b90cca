"""工业用地 rules: one mask per rule, shared by the checks, the indicators and the notebook tables.

The rules are contract/checks.md's ``land`` section, implemented exactly:

* ``land.idle`` — supplied_on set, actual_start empty, status ≠ 已收回 and
  as_of ≥ agreed_start + 1 calendar year (闲置土地, 《闲置土地处置办法》(2012) 第二条);
* ``land.idle_reclaimable`` — the same with + 2 calendar years (第十四条: 未动工开发满两年的,
  可无偿收回); such a parcel carries both findings;
* ``land.approved_unsupplied`` — status = 批而未供 and as_of − approved_on >
  ``land_unsupplied_years`` × 365 days (批而未供);
* ``land.low_efficiency`` — status = 已竣工, annual_tax set, completed_on ≤ as_of − 365 days,
  annual_tax / area_mu < ``land_tax_per_mu_min`` (亩均税收, 万元/亩);
* ``land.supply_standard`` — supplied_on within [period_start, as_of], agreed_investment set and
  < ``land_supply_investment_min`` 万元 (违规供地).

"Years" are calendar years: the same month and day n years later, 29 February
becoming 28 February — exactly ``pd.DateOffset(years=n)``:

>>> add_years(pd.Series(pd.to_datetime(["2016-02-29", "2019-06-30"])), 1).dt.strftime("%Y-%m-%d").tolist()
['2017-02-28', '2020-06-30']

Decisions where the contract is silent (documented here and in the notebook):

* a parcel with no agreed_start (约定开工日期) cannot be measured against the one- and
  two-year limits, so it gets no idle finding (it is shown in the tracking cards as
  "约定开工日期缺失，补录合同约定");
* a 已竣工 parcel with no completed_on cannot satisfy "completed_on ≤ as_of − 365 days",
  so it is not checked for 亩均税收;
* ``approved_unsupplied`` looks only at status (批而未供), as the rule says, not at supplied_on.

Every finding has record_id = parcel_id, unit empty (land has no unit column)
and amount = area_mu in 亩.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.land.common import AREA, COMPLETED, RECLAIMED, UNSUPPLIED, parcel_label
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import number, ymd

__all__ = [
    "add_years", "full_months", "idle_mask", "is_unsupplied", "unsupplied_days", "unsupplied_mask",
    "tax_checked_mask", "tax_per_mu_values", "low_efficiency_mask", "supplied_in_period_mask", "below_standard_mask",
    "reclaimed_mask", "land_idle", "land_idle_reclaimable", "land_approved_unsupplied", "land_low_efficiency",
    "land_supply_standard", "CHECKS", "CHECK_TITLES",
]


# ---- calendar arithmetic ----------------------------------------------------------------------

def add_years(dates: pd.Series, years: int) -> pd.Series:
    """Calendar-exact: the same month and day ``years`` later; 29 Feb → 28 Feb; NaT stays NaT.

    >>> add_years(pd.Series(pd.to_datetime(["2016-02-29", None])), 2).tolist()
    [Timestamp('2018-02-28 00:00:00'), NaT]
    """
    return dates + pd.DateOffset(years=years)


def full_months(start: pd.Series, end: pd.Timestamp) -> pd.Series:
    """Whole calendar months from each start to ``end`` (the largest n with start + n months ≤ end).

    Consistent with :func:`add_years`: 12 full months ⇔ one calendar year has passed.
    start + n months, for the n that reaches ``end``'s month, is that month on
    start's day (cut to the month's length) at start's time of day; when that is
    after ``end``, one month fewer has passed.

    >>> s = pd.Series(pd.to_datetime(["2019-06-30", "2019-07-01", "2016-02-29", None]))
    >>> full_months(s, pd.Timestamp("2020-06-30")).tolist()
    [12, 11, 52, <NA>]
    >>> full_months(pd.Series(pd.to_datetime(["2016-02-29"])), pd.Timestamp("2017-02-28")).tolist()
    [12]
    """
    end = pd.Timestamp(end)
    months = (end.year - start.dt.year) * 12 + (end.month - start.dt.month)
    landed_day = np.minimum(start.dt.day, end.days_in_month)
    landed = end.normalize() + pd.to_timedelta(landed_day - end.day, unit="D") + (start - start.dt.normalize())
    return (months - (landed > end).astype("int64")).astype("Int64")


# ---- masks shared by checks, indicators and tables --------------------------------------------

def _mask(condition: pd.Series) -> pd.Series:
    return condition.fillna(False).astype(bool)


def idle_mask(land: pd.DataFrame, as_of: pd.Timestamp, years: int = 1) -> pd.Series:
    """supplied_on set, actual_start empty, status ≠ 已收回, as_of ≥ agreed_start + ``years`` years.

    A parcel with no agreed_start is never idle (the rule measures from it).
    """
    due = add_years(land["agreed_start"], years)
    return _mask(land["supplied_on"].notna() & land["actual_start"].isna() & (land["status"] != RECLAIMED)
                 & land["agreed_start"].notna() & (pd.Timestamp(as_of) >= due))


def is_unsupplied(land: pd.DataFrame) -> pd.Series:
    """status = 批而未供, of any age (the indicator and the ageing table count them all)."""
    return _mask(land["status"] == UNSUPPLIED)


def unsupplied_days(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """as_of − approved_on in days."""
    return (pd.Timestamp(as_of) - land["approved_on"]).dt.days


def unsupplied_mask(land: pd.DataFrame, as_of: pd.Timestamp, years: float) -> pd.Series:
    """status = 批而未供 and as_of − approved_on > years × 365 days."""
    return _mask(is_unsupplied(land) & (unsupplied_days(land, as_of) > years * 365))


def tax_checked_mask(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """The parcels 亩均税收 is judged on: 已竣工, annual_tax set, completed_on ≤ as_of − 365 days."""
    cutoff = pd.Timestamp(as_of) - pd.Timedelta(days=365)
    return _mask((land["status"] == COMPLETED) & land["annual_tax"].notna() & (land["completed_on"] <= cutoff))


def tax_per_mu_values(land: pd.DataFrame) -> pd.Series:
    """annual_tax / area_mu (万元/亩), both as stored."""
    return land["annual_tax"] / land["area_mu"]


def low_efficiency_mask(land: pd.DataFrame, as_of: pd.Timestamp, minimum: float) -> pd.Series:
    """Judged for 亩均税收 (:func:`tax_checked_mask`) and annual_tax / area_mu < ``minimum``."""
    return _mask(tax_checked_mask(land, as_of) & (tax_per_mu_values(land) < minimum))


def supplied_in_period_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.Series:
    """supplied_on within [period_start, as_of], both ends included."""
    return _mask((land["supplied_on"] >= pd.Timestamp(period_start)) & (land["supplied_on"] <= pd.Timestamp(as_of)))


def below_standard_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                        minimum: float) -> pd.Series:
    """Supplied in the period with agreed_investment set and < ``minimum`` 万元."""
    return _mask(supplied_in_period_mask(land, period_start, as_of) & land["agreed_investment"].notna()
                 & (land["agreed_investment"] < minimum))


def reclaimed_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.Series:
    """status = 已收回 with reclaimed_on within [period_start, as_of]."""
    return _mask((land["status"] == RECLAIMED) & (land["reclaimed_on"] >= pd.Timestamp(period_start))
                 & (land["reclaimed_on"] <= pd.Timestamp(as_of)))


# ---- checks -----------------------------------------------------------------------------------

def _idle_rule(ctx: Context, years: int) -> pd.DataFrame:
    land = ctx.data["land"]
    as_of = ctx.as_of
    months = full_months(land["agreed_start"], as_of)

    def message(row: pd.Series) -> str:
        head = (f"{parcel_label(row)}面积{number(row['area_mu'])}亩，{ymd(row['supplied_on'])}供地，"
                f"约定{ymd(row['agreed_start'])}开工，截至{ymd(as_of)}仍未动工，"
                f"超过约定开工日期{int(months[row.name])}个月")
        if years >= 2:
            return head + "（满两年），依《闲置土地处置办法》第十四条可无偿收回土地使用权"
        return head + "（满一年），构成闲置土地，依《闲置土地处置办法》第十四条应征缴土地闲置费"

    return flag(land, idle_mask(land, as_of, years), message, id_column="parcel_id", amount="area_mu")


def land_idle(ctx: Context) -> pd.DataFrame:
    """supplied_on set, actual_start empty, status ≠ 已收回, as_of ≥ agreed_start + 1 year."""
    return _idle_rule(ctx, 1)


def land_idle_reclaimable(ctx: Context) -> pd.DataFrame:
    """As land.idle with as_of ≥ agreed_start + 2 years."""
    return _idle_rule(ctx, 2)


def land_approved_unsupplied(ctx: Context) -> pd.DataFrame:
    """status = 批而未供 and as_of − approved_on > land_unsupplied_years × 365 days."""
    land = ctx.data["land"]
    years = ctx.thresholds.land_unsupplied_years
    days = unsupplied_days(land, ctx.as_of)

    def message(row: pd.Series) -> str:
        d = int(days[row.name])
        return (f"{parcel_label(row)}面积{number(row['area_mu'])}亩，{ymd(row['approved_on'])}批准，"
                f"截至{ymd(ctx.as_of)}已{d}天（约{number(d / 365, 1)}年）仍未供地，"
                f"超过{number(years)}年（{number(years * 365)}天）批而未供")

    return flag(land, unsupplied_mask(land, ctx.as_of, years), message, id_column="parcel_id", amount="area_mu")


def land_low_efficiency(ctx: Context) -> pd.DataFrame:
    """已竣工 a year or more, annual_tax / area_mu < land_tax_per_mu_min (万元/亩)."""
    land = ctx.data["land"]
    minimum = ctx.thresholds.land_tax_per_mu_min
    per_mu = tax_per_mu_values(land)

    def message(row: pd.Series) -> str:
        return (f"{parcel_label(row)}面积{number(row['area_mu'])}亩，{ymd(row['completed_on'])}竣工，"
                f"年税收{number(row['annual_tax'])}万元，亩均税收{number(per_mu[row.name])}万元/亩，"
                f"低于{number(minimum)}万元/亩的标准，属低效用地")

    return flag(land, low_efficiency_mask(land, ctx.as_of, minimum), message, id_column="parcel_id",
                amount="area_mu")


def land_supply_standard(ctx: Context) -> pd.DataFrame:
    """Supplied within [period_start, as_of] with agreed_investment < land_supply_investment_min 万元."""
    land = ctx.data["land"]
    minimum = ctx.thresholds.land_supply_investment_min

    def message(row: pd.Series) -> str:
        return (f"{parcel_label(row)}面积{number(row['area_mu'])}亩，于{ymd(row['supplied_on'])}供地，"
                f"约定投资额{number(row['agreed_investment'])}万元，低于{number(minimum)}万元的供地投资标准，"
                f"涉嫌违规供地")

    return flag(land, below_standard_mask(land, ctx.period_start, ctx.as_of, minimum), message,
                id_column="parcel_id", amount="area_mu")


CHECKS = [
    Check("land.idle", AREA, "land", "medium", "闲置土地（超约定开工日期满一年未动工）", land_idle, params=()),
    Check("land.idle_reclaimable", AREA, "land", "high", "闲置满两年可无偿收回", land_idle_reclaimable, params=()),
    Check("land.approved_unsupplied", AREA, "land", "medium", "批而未供", land_approved_unsupplied,
          params=("land_unsupplied_years",)),
    Check("land.low_efficiency", AREA, "land", "medium", "低效用地（亩均税收低于标准）", land_low_efficiency,
          params=("land_tax_per_mu_min",)),
    Check("land.supply_standard", AREA, "land", "medium", "供地低于投资强度标准（违规供地）", land_supply_standard,
          params=("land_supply_investment_min",)),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}

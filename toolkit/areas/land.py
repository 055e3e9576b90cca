"""工业用地: idle, approved-but-unsupplied, low-efficiency and below-standard land; indicators and notebook tables.

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

from typing import Iterable

import numpy as np
import pandas as pd

from toolkit.checks.base import Check, Context, Indicator, flag
from toolkit.datasets import LAND, LAND_STATUS

AREA = "land"
TITLE = "工业用地"

RECLAIMED = "已收回"
UNSUPPLIED = "批而未供"
COMPLETED = "已竣工"
IDLE_GROUP_1 = "闲置满1年不满2年"
IDLE_GROUP_2 = "闲置满2年（可无偿收回）"


# ---- date and number helpers ------------------------------------------------------------------

def add_years(dates: pd.Series, years: int) -> pd.Series:
    """Calendar-exact: the same month and day ``years`` later; 29 Feb → 28 Feb; NaT stays NaT.

    >>> add_years(pd.Series(pd.to_datetime(["2016-02-29", None])), 2).tolist()
    [Timestamp('2018-02-28 00:00:00'), NaT]
    """
    return dates + pd.DateOffset(years=years)


def full_months(start: pd.Series, end: pd.Timestamp) -> pd.Series:
    """Whole calendar months from each start to ``end`` (the largest n with start + n months ≤ end).

    Consistent with :func:`add_years`: 12 full months ⇔ one calendar year has passed.

    >>> s = pd.Series(pd.to_datetime(["2019-06-30", "2019-07-01", "2016-02-29", None]))
    >>> full_months(s, pd.Timestamp("2020-06-30")).tolist()
    [12, 11, 52, <NA>]
    >>> full_months(pd.Series(pd.to_datetime(["2016-02-29"])), pd.Timestamp("2017-02-28")).tolist()
    [12]
    """
    end = pd.Timestamp(end)
    out = []
    for value in start:
        if pd.isna(value):
            out.append(pd.NA)
            continue
        value = pd.Timestamp(value)
        n = (end.year - value.year) * 12 + (end.month - value.month)
        if value + pd.DateOffset(months=n) > end:
            n -= 1
        out.append(n)
    return pd.Series(out, index=start.index, dtype="Int64")


def fmt_num(value: object, digits: int = 2) -> str:
    """A number for a message: thousands separators, at most ``digits`` decimals, no trailing zeros.

    >>> fmt_num(12.5), fmt_num(3.0), fmt_num(1234.567), fmt_num(None), fmt_num(2.0 / 3, 1)
    ('12.5', '3', '1,234.57', '空', '0.7')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "空"
    text = f"{float(value):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _date(value: object) -> str:
    return "空" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def _parcel(row: pd.Series) -> str:
    """地块P01（项目，单位）— empty parts left out."""
    parts = [str(row[c]).strip() for c in ("project", "company")
             if isinstance(row.get(c), str) and row[c].strip()]
    return f"地块{row['parcel_id']}" + (f"（{'，'.join(parts)}）" if parts else "")


# ---- masks shared by checks, indicators and tables --------------------------------------------

def idle_mask(land: pd.DataFrame, as_of: pd.Timestamp, years: int = 1) -> pd.Series:
    """supplied_on set, actual_start empty, status ≠ 已收回, as_of ≥ agreed_start + ``years`` years.

    A parcel with no agreed_start is never idle (the rule measures from it).
    """
    due = add_years(land["agreed_start"], years)
    mask = (land["supplied_on"].notna() & land["actual_start"].isna() & (land["status"] != RECLAIMED)
            & land["agreed_start"].notna() & (pd.Timestamp(as_of) >= due))
    return mask.fillna(False).astype(bool)


def unsupplied_days(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """as_of − approved_on in days."""
    return (pd.Timestamp(as_of) - land["approved_on"]).dt.days


def unsupplied_mask(land: pd.DataFrame, as_of: pd.Timestamp, years: float) -> pd.Series:
    """status = 批而未供 and as_of − approved_on > years × 365 days."""
    mask = (land["status"] == UNSUPPLIED) & (unsupplied_days(land, as_of) > years * 365)
    return mask.fillna(False).astype(bool)


def tax_checked_mask(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """The parcels 亩均税收 is judged on: 已竣工, annual_tax set, completed_on ≤ as_of − 365 days."""
    cutoff = pd.Timestamp(as_of) - pd.Timedelta(days=365)
    mask = (land["status"] == COMPLETED) & land["annual_tax"].notna() & (land["completed_on"] <= cutoff)
    return mask.fillna(False).astype(bool)


def tax_per_mu_values(land: pd.DataFrame) -> pd.Series:
    """annual_tax / area_mu (万元/亩), both as stored."""
    return land["annual_tax"] / land["area_mu"]


def low_efficiency_mask(land: pd.DataFrame, as_of: pd.Timestamp, minimum: float) -> pd.Series:
    mask = tax_checked_mask(land, as_of) & (tax_per_mu_values(land) < minimum)
    return mask.fillna(False).astype(bool)


def supplied_in_period_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.Series:
    """supplied_on within [period_start, as_of], both ends included."""
    mask = (land["supplied_on"] >= pd.Timestamp(period_start)) & (land["supplied_on"] <= pd.Timestamp(as_of))
    return mask.fillna(False).astype(bool)


def below_standard_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                        minimum: float) -> pd.Series:
    mask = (supplied_in_period_mask(land, period_start, as_of) & land["agreed_investment"].notna()
            & (land["agreed_investment"] < minimum))
    return mask.fillna(False).astype(bool)


def reclaimed_mask(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.Series:
    """status = 已收回 with reclaimed_on within [period_start, as_of]."""
    mask = ((land["status"] == RECLAIMED) & (land["reclaimed_on"] >= pd.Timestamp(period_start))
            & (land["reclaimed_on"] <= pd.Timestamp(as_of)))
    return mask.fillna(False).astype(bool)


# ---- checks -----------------------------------------------------------------------------------

def _land(ctx: Context) -> pd.DataFrame:
    return ctx.data["land"]


def _idle_rule(ctx: Context, years: int) -> pd.DataFrame:
    land = _land(ctx)
    as_of = ctx.as_of
    months = full_months(land["agreed_start"], as_of)
    mask = idle_mask(land, as_of, years)

    def message(row: pd.Series) -> str:
        m = int(months[row.name])
        head = (f"{_parcel(row)}面积{fmt_num(row['area_mu'])}亩，{_date(row['supplied_on'])}供地，"
                f"约定{_date(row['agreed_start'])}开工，截至{_date(as_of)}仍未动工，"
                f"超过约定开工日期{m}个月")
        if years >= 2:
            return head + "（满两年），依《闲置土地处置办法》第十四条可无偿收回土地使用权"
        return head + "（满一年），构成闲置土地，依《闲置土地处置办法》第十四条应征缴土地闲置费"

    return flag(land, mask, message, id_column="parcel_id", amount="area_mu")


def land_idle(ctx: Context) -> pd.DataFrame:
    """supplied_on set, actual_start empty, status ≠ 已收回, as_of ≥ agreed_start + 1 year."""
    return _idle_rule(ctx, 1)


def land_idle_reclaimable(ctx: Context) -> pd.DataFrame:
    """As land.idle with as_of ≥ agreed_start + 2 years."""
    return _idle_rule(ctx, 2)


def land_approved_unsupplied(ctx: Context) -> pd.DataFrame:
    """status = 批而未供 and as_of − approved_on > land_unsupplied_years × 365 days."""
    land = _land(ctx)
    years = ctx.thresholds.land_unsupplied_years
    days = unsupplied_days(land, ctx.as_of)
    mask = unsupplied_mask(land, ctx.as_of, years)

    def message(row: pd.Series) -> str:
        d = int(days[row.name])
        return (f"{_parcel(row)}面积{fmt_num(row['area_mu'])}亩，{_date(row['approved_on'])}批准，"
                f"截至{_date(ctx.as_of)}已{d}天（约{fmt_num(d / 365, 1)}年）仍未供地，"
                f"超过{fmt_num(years)}年（{fmt_num(years * 365)}天）批而未供")

    return flag(land, mask, message, id_column="parcel_id", amount="area_mu")


def land_low_efficiency(ctx: Context) -> pd.DataFrame:
    """已竣工 a year or more, annual_tax / area_mu < land_tax_per_mu_min (万元/亩)."""
    land = _land(ctx)
    minimum = ctx.thresholds.land_tax_per_mu_min
    per_mu = tax_per_mu_values(land)
    mask = low_efficiency_mask(land, ctx.as_of, minimum)

    def message(row: pd.Series) -> str:
        return (f"{_parcel(row)}面积{fmt_num(row['area_mu'])}亩，{_date(row['completed_on'])}竣工，"
                f"年税收{fmt_num(row['annual_tax'])}万元，亩均税收{fmt_num(per_mu[row.name])}万元/亩，"
                f"低于{fmt_num(minimum)}万元/亩的标准，属低效用地")

    return flag(land, mask, message, id_column="parcel_id", amount="area_mu")


def land_supply_standard(ctx: Context) -> pd.DataFrame:
    """Supplied within [period_start, as_of] with agreed_investment < land_supply_investment_min 万元."""
    land = _land(ctx)
    minimum = ctx.thresholds.land_supply_investment_min
    mask = below_standard_mask(land, ctx.period_start, ctx.as_of, minimum)

    def message(row: pd.Series) -> str:
        return (f"{_parcel(row)}面积{fmt_num(row['area_mu'])}亩，于{_date(row['supplied_on'])}供地，"
                f"约定投资额{fmt_num(row['agreed_investment'])}万元，低于{fmt_num(minimum)}万元的供地投资标准，"
                f"涉嫌违规供地")

    return flag(land, mask, message, id_column="parcel_id", amount="area_mu")


CHECKS = [
    Check("land.idle", AREA, "land", "medium", "闲置土地（超约定开工日期满一年未动工）", land_idle),
    Check("land.idle_reclaimable", AREA, "land", "high", "闲置满两年可无偿收回", land_idle_reclaimable),
    Check("land.approved_unsupplied", AREA, "land", "medium", "批而未供", land_approved_unsupplied),
    Check("land.low_efficiency", AREA, "land", "medium", "低效用地（亩均税收低于标准）", land_low_efficiency),
    Check("land.supply_standard", AREA, "land", "medium", "供地低于投资强度标准（违规供地）", land_supply_standard),
]
CHECK_TITLES = {c.id: c.title for c in CHECKS}


# ---- indicators -------------------------------------------------------------------------------

def _reclaimed(ctx: Context) -> pd.DataFrame:
    land = _land(ctx)
    return land[reclaimed_mask(land, ctx.period_start, ctx.as_of)]


def _idle_parcels(ctx: Context, findings: pd.DataFrame) -> pd.DataFrame:
    """The parcels land.idle flags — from the same mask the check uses, so the indicator is right
    even when a run was restricted to other areas' checks (parcel_id is unique: ingest rejects duplicates)."""
    land = _land(ctx)
    return land[idle_mask(land, ctx.as_of, 1)].drop_duplicates("parcel_id")


def _unsupplied(ctx: Context) -> pd.DataFrame:
    land = _land(ctx)
    return land[land["status"] == UNSUPPLIED]


def _area(frame: pd.DataFrame) -> float:
    return float(frame["area_mu"].sum())


INDICATORS = [
    Indicator("land.reclaimed.parcels", "本期收回闲置低效土地（宗）", ("land",),
              lambda ctx, f: len(_reclaimed(ctx)), "宗"),
    Indicator("land.reclaimed.area_mu", "本期收回闲置低效土地面积（亩）", ("land",),
              lambda ctx, f: _area(_reclaimed(ctx)), "亩"),
    Indicator("land.idle.parcels", "闲置土地（宗）", ("land",), lambda ctx, f: len(_idle_parcels(ctx, f)), "宗"),
    Indicator("land.idle.area_mu", "闲置土地面积（亩）", ("land",),
              lambda ctx, f: _area(_idle_parcels(ctx, f)), "亩"),
    Indicator("land.unsupplied.parcels", "批而未供土地（宗）", ("land",), lambda ctx, f: len(_unsupplied(ctx)), "宗"),
    Indicator("land.unsupplied.area_mu", "批而未供土地面积（亩）", ("land",),
              lambda ctx, f: _area(_unsupplied(ctx)), "亩"),
]


# ---- tables for the notebook ------------------------------------------------------------------

AREA_COL = "面积（亩）"


def empty_land() -> pd.DataFrame:
    """A land frame with no rows and the accepted dtypes (for a round without land data)."""
    dtypes = {}
    for col in LAND.columns:
        if col.kind in ("date", "datetime"):
            dtypes[col.name] = "datetime64[ns]"
        elif col.kind in ("area", "money", "number"):
            dtypes[col.name] = "float64"
        else:
            dtypes[col.name] = "str"
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})


def land_frame(analysis) -> pd.DataFrame:
    """The round's land frame, or an empty one when the round has no 工业用地 file."""
    frame = analysis.frame("land")
    return empty_land() if frame is None else frame


def status_chain(land: pd.DataFrame) -> pd.DataFrame:
    """宗 and 亩 per status along the chain 批而未供 → 已供未建 → 在建 → 已竣工, then 已收回.

    >>> df = pd.DataFrame({"status": ["在建", "批而未供", "在建"], "area_mu": [10.0, 5.0, 2.5]})
    >>> status_chain(df)
              宗数  面积（亩）
    状态
    批而未供     1      5.0
    已供未建     0      0.0
    在建       2     12.5
    已竣工      0      0.0
    已收回      0      0.0
    """
    grouped = land.groupby("status", sort=False)["area_mu"].agg(["size", "sum"])
    table = pd.DataFrame({"宗数": grouped["size"], AREA_COL: grouped["sum"]})
    table = table.reindex(list(LAND_STATUS), fill_value=0)
    return table.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis("状态")


def _parcel_columns(land: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "地块编号": land["parcel_id"], "项目": land["project"], "用地单位": land["company"],
        AREA_COL: land["area_mu"],
    }, index=land.index)


def idle_parcels(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Idle parcels (land.idle's rule) with months past the agreed start, grouped 1–2 years / ≥ 2 years.

    >>> df = pd.DataFrame({"parcel_id": ["A", "B", "C"], "project": ["甲", "乙", "丙"], "company": None,
    ...     "area_mu": [10.0, 20.0, 5.0], "status": "已供未建", "actual_start": pd.NaT,
    ...     "supplied_on": pd.to_datetime(["2017-01-01"] * 3),
    ...     "agreed_start": pd.to_datetime(["2018-06-30", "2019-06-30", "2019-07-01"])})
    >>> idle_parcels(df, pd.Timestamp("2020-06-30"))[["地块编号", "逾期月数", "分组"]].values.tolist()
    [['A', 24, '闲置满2年（可无偿收回）'], ['B', 12, '闲置满1年不满2年']]
    """
    as_of = pd.Timestamp(as_of)
    idle = land[idle_mask(land, as_of, 1)]
    reclaimable = idle_mask(idle, as_of, 2)
    table = _parcel_columns(idle).assign(
        供地日期=idle["supplied_on"], 约定开工日期=idle["agreed_start"],
        逾期月数=full_months(idle["agreed_start"], as_of),
        分组=np.where(reclaimable, IDLE_GROUP_2, IDLE_GROUP_1),
        状态=idle["status"],
    )
    table = table.sort_values(["逾期月数", "地块编号"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def idle_summary(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """宗 and 亩 of the idle parcels per group (1–2 years, ≥ 2 years), with a 合计 row."""
    idle = idle_parcels(land, as_of)
    grouped = idle.groupby("分组")[AREA_COL].agg(["size", "sum"])
    table = pd.DataFrame({"宗数": grouped["size"], AREA_COL: grouped["sum"]})
    table = table.reindex([IDLE_GROUP_1, IDLE_GROUP_2], fill_value=0)
    table.loc["合计"] = [len(idle), float(idle[AREA_COL].sum())]
    return table.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis("分组")


def _band_labels(bands: tuple[float, ...]) -> list[str]:
    labels = [f"{fmt_num(bands[0])}年以内"]
    labels += [f"{fmt_num(a)}–{fmt_num(b)}年" for a, b in zip(bands, bands[1:])]
    labels.append(f"{fmt_num(bands[-1])}年以上")
    return labels


def unsupplied_ageing(land: pd.DataFrame, as_of: pd.Timestamp, bands: Iterable[float] = (1, 2, 3, 5),
                      limit_years: float | None = 2) -> pd.DataFrame:
    """批而未供 parcels by time since approval, in bands of n × 365 days (the rule's own yardstick).

    A band "1–2年" holds 365 < days ≤ 730, so the bands beyond ``limit_years`` are
    exactly the parcels ``land.approved_unsupplied`` flags; column 超期 marks them.

    >>> df = pd.DataFrame({"status": "批而未供", "area_mu": [1.0, 2.0, 4.0],
    ...     "approved_on": pd.to_datetime(["2020-01-01", "2018-07-01", "2018-06-30"])})
    >>> unsupplied_ageing(df, pd.Timestamp("2020-06-30"))["宗数"].tolist()
    [1, 1, 1, 0, 0]
    """
    bands = tuple(sorted(float(b) for b in bands))
    unsupplied = land[land["status"] == UNSUPPLIED]
    days = unsupplied_days(unsupplied, as_of)
    edges = [-np.inf, *[b * 365 for b in bands], np.inf]
    labels = _band_labels(bands)
    cut = pd.cut(days, edges, right=True, labels=labels)
    grouped = unsupplied.groupby(cut, observed=False)["area_mu"].agg(["size", "sum"])
    table = pd.DataFrame({"宗数": grouped["size"], AREA_COL: grouped["sum"]}).reindex(labels, fill_value=0)
    table = table.astype({"宗数": "int64", AREA_COL: "float64"})
    lower = [-np.inf, *bands]
    table["超期"] = [limit_years is not None and lo >= limit_years for lo in lower]
    return table.rename_axis("批准至今")


def unsupplied_parcels(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every 批而未供 parcel with its approval date and days since, oldest first."""
    unsupplied = land[land["status"] == UNSUPPLIED]
    table = _parcel_columns(unsupplied).assign(
        批准日期=unsupplied["approved_on"], 批准至今天数=unsupplied_days(unsupplied, as_of).astype("Int64"))
    return table.sort_values(["批准至今天数", "地块编号"], ascending=[False, True]).reset_index(drop=True)


def tax_per_mu(land: pd.DataFrame, as_of: pd.Timestamp, standard: float) -> pd.DataFrame:
    """亩均税收 (万元/亩) of the parcels the rule judges (已竣工 ≥ 365 days, annual_tax set), lowest first.

    >>> df = pd.DataFrame({"parcel_id": ["A", "B"], "project": None, "company": None, "status": "已竣工",
    ...     "area_mu": [10.0, 10.0], "annual_tax": [50.0, 20.0],
    ...     "completed_on": pd.to_datetime(["2019-01-01", "2019-01-01"])})
    >>> tax_per_mu(df, pd.Timestamp("2020-06-30"), 5)[["地块编号", "亩均税收（万元/亩）", "低于标准"]].values.tolist()
    [['B', 2.0, True], ['A', 5.0, False]]
    """
    judged = land[tax_checked_mask(land, as_of)]
    per_mu = tax_per_mu_values(judged)
    table = _parcel_columns(judged).assign(**{
        "竣工日期": judged["completed_on"], "年税收（万元）": judged["annual_tax"],
        "亩均税收（万元/亩）": per_mu, "低于标准": (per_mu < standard).astype(bool),
    })
    return table.sort_values(["亩均税收（万元/亩）", "地块编号"]).reset_index(drop=True)


def tax_bands(land: pd.DataFrame, as_of: pd.Timestamp, standard: float) -> pd.DataFrame:
    """How the judged parcels' 亩均税收 sits against the standard: 宗 and 亩 per band."""
    table = tax_per_mu(land, as_of, standard)
    ratio = table["亩均税收（万元/亩）"] / standard
    labels = ["不足标准50%", "标准50%–100%", "达标至2倍", "2倍标准以上"]
    cut = pd.cut(ratio, [-np.inf, 0.5, 1.0, 2.0, np.inf], right=False, labels=labels)
    grouped = table.groupby(cut, observed=False)[AREA_COL].agg(["size", "sum"])
    out = pd.DataFrame({"宗数": grouped["size"], AREA_COL: grouped["sum"]}).reindex(labels, fill_value=0)
    return out.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis(f"亩均税收（标准{fmt_num(standard)}万元/亩）")


def supplied_below_standard(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                            minimum: float) -> pd.DataFrame:
    """Parcels supplied within [period_start, as_of] whose agreed_investment < ``minimum`` 万元."""
    below = land[below_standard_mask(land, period_start, as_of, minimum)]
    table = _parcel_columns(below).assign(**{
        "供地日期": below["supplied_on"], "约定投资额（万元）": below["agreed_investment"],
        "亩均约定投资（万元/亩）": below["agreed_investment"] / below["area_mu"],
        "差额（万元）": minimum - below["agreed_investment"], "状态": below["status"],
    })
    return table.sort_values(["供地日期", "地块编号"]).reset_index(drop=True)


def supplied_in_period(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                       minimum: float) -> pd.DataFrame:
    """宗 and 亩 supplied in the period: all, with agreed_investment, and below the standard."""
    supplied = land[supplied_in_period_mask(land, period_start, as_of)]
    with_inv = supplied[supplied["agreed_investment"].notna()]
    below = with_inv[with_inv["agreed_investment"] < minimum]
    rows = {"本期供地": supplied, "其中填报约定投资额": with_inv, f"其中低于{fmt_num(minimum)}万元": below}
    return pd.DataFrame({"宗数": [len(f) for f in rows.values()],
                         AREA_COL: [float(f["area_mu"].sum()) for f in rows.values()]},
                        index=pd.Index(list(rows), name="项目"))


def reclaimed_in_period(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """Parcels with status 已收回 and reclaimed_on within [period_start, as_of], in date order."""
    done = land[reclaimed_mask(land, period_start, as_of)]
    table = _parcel_columns(done).assign(
        供地日期=done["supplied_on"], 约定开工日期=done["agreed_start"], 收回日期=done["reclaimed_on"])
    return table.sort_values(["收回日期", "地块编号"]).reset_index(drop=True)


ADVICE = {
    "land.idle_reclaimable": "依法无偿收回土地使用权（闲置满两年）",
    "land.idle": "征缴土地闲置费，督促限期开工",
    "land.approved_unsupplied": "加快供地或依法调整，纳入批而未用消化计划",
    "land.low_efficiency": "盘活或收回（低效用地再开发，督促达产达效）",
    "land.supply_standard": "核查供地审批程序，追究违规供地责任，督促按约定追加投资",
}
ADVICE_ORDER = list(ADVICE)


def _advice(check_ids: set[str]) -> list[str]:
    if "land.idle_reclaimable" in check_ids:
        check_ids = check_ids - {"land.idle"}  # 无偿收回 supersedes 征缴闲置费
    return [ADVICE[c] for c in ADVICE_ORDER if c in check_ids]


def tracking_cards(land: pd.DataFrame, findings: pd.DataFrame, as_of: pd.Timestamp,
                   all_parcels: bool = False) -> pd.DataFrame:
    """项目用地跟踪管理卡: one row per parcel with a land finding (or every parcel not 已收回).

    疑点 lists the findings' titles; 处置建议 the matching remedies (依法无偿收回, 征缴土地闲置费,
    督促开工, 盘活或收回 …). Without findings a parcel past its agreed start but not yet idle
    gets 督促开工; one with no agreed start gets 补录约定开工日期.

    >>> df = pd.DataFrame({"parcel_id": ["A", "B"], "project": ["甲", "乙"], "company": None,
    ...     "area_mu": [10.0, 5.0], "status": ["已供未建", "已竣工"], "approved_on": pd.NaT,
    ...     "supplied_on": pd.NaT, "agreed_start": pd.NaT, "actual_start": pd.NaT, "completed_on": pd.NaT})
    >>> f = pd.DataFrame({"check_id": ["land.idle", "land.idle_reclaimable"], "record_id": ["A", "A"]})
    >>> tracking_cards(df, f, pd.Timestamp("2020-06-30"))[["地块编号", "处置建议"]].values.tolist()
    [['A', '依法无偿收回土地使用权（闲置满两年）']]
    """
    as_of = pd.Timestamp(as_of)
    land_findings = findings[findings["check_id"].astype("str").str.startswith("land.")]
    by_parcel: dict[str, set[str]] = {}
    for check_id, record_id in zip(land_findings["check_id"], land_findings["record_id"]):
        by_parcel.setdefault(str(record_id), set()).add(str(check_id))
    ids = land["parcel_id"].astype("str")
    keep = ids.isin(list(by_parcel)) | (all_parcels & (land["status"] != RECLAIMED))
    cards = land[keep.fillna(False).astype(bool)]
    doubts, advice = [], []
    for _, row in cards.iterrows():
        found = by_parcel.get(str(row["parcel_id"]), set())
        doubts.append("；".join(CHECK_TITLES[c] for c in CHECK_TITLES if c in found) or "—")
        remedies = _advice(found)
        if not remedies and row["status"] == "已供未建" and pd.isna(row["actual_start"]):
            if pd.isna(row["agreed_start"]):
                remedies = ["补录约定开工日期，核实开工情况"]
            elif row["agreed_start"] < as_of:
                remedies = ["督促开工（已超约定开工日期，未满一年）"]
        advice.append("；".join(remedies) or "继续跟踪")
    table = _parcel_columns(cards).assign(
        批准日期=cards["approved_on"], 供地日期=cards["supplied_on"], 约定开工日期=cards["agreed_start"],
        实际开工日期=cards["actual_start"], 竣工日期=cards["completed_on"], 状态=cards["status"],
        疑点=doubts, 处置建议=advice,
    )
    order = {s: i for i, s in enumerate(LAND_STATUS)}
    table = table.assign(_order=table["状态"].map(order)).sort_values(["_order", "地块编号"], kind="stable")
    table = table.drop(columns="_order").reset_index(drop=True)
    # a card to print: dates as 2020-06-30, blanks instead of NaN/NaT
    dates = ["批准日期", "供地日期", "约定开工日期", "实际开工日期", "竣工日期"]
    printable = {c: table[c].map(_blank_date).astype("str") for c in dates}
    printable.update({c: table[c].fillna("").astype("str") for c in ("项目", "用地单位")})
    return table.assign(**printable)


def _blank_date(value: object) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def tax_hist_bins(values: pd.Series, standard: float, bins: int = 12) -> np.ndarray:
    """Histogram edges with ``standard`` on an edge, so no bar straddles the standard line.

    >>> tax_hist_bins(pd.Series([3.0, 8.0]), 5, bins=5).tolist()
    [3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    >>> tax_hist_bins(pd.Series([], dtype=float), 5).tolist()
    [4.5, 5.0, 5.5]
    """
    values = pd.Series(values, dtype="float64").dropna()
    lo = min(float(values.min()), standard) if len(values) else standard
    hi = max(float(values.max()), standard) if len(values) else standard
    width = (hi - lo) / bins if hi > lo else max(abs(standard) * 0.1, 0.5)
    below = int(np.ceil((standard - lo) / width - 1e-9))
    above = int(np.floor((hi - standard) / width + 1e-9)) + 1
    return standard + width * np.arange(-max(below, 1), above + 1)


def headline(land: pd.DataFrame | None, findings: pd.DataFrame, period_start: pd.Timestamp,
             as_of: pd.Timestamp, unsupplied_years: float = 2) -> list[str]:
    """Plain lines for the notebook's pinned headline cell (no floats beyond two decimals)."""
    if land is None:
        return ["本轮未提供工业用地数据（工业用地.xlsx），土地指标为空。"]
    chain = status_chain(land)
    lines = [f"截至{_date(as_of)}，工业用地共{len(land)}宗，{fmt_num(land['area_mu'].sum())}亩："]
    for status, row in chain.iterrows():
        lines.append(f"  {status}：{int(row['宗数'])}宗，{fmt_num(row[AREA_COL])}亩")

    def count(check_id: str) -> tuple[int, str]:
        ids = set(findings.loc[findings["check_id"] == check_id, "record_id"])
        part = land[land["parcel_id"].astype("str").isin(ids)]
        return len(part), fmt_num(part["area_mu"].sum())

    n, a = count("land.idle")
    lines.append(f"闲置土地（超约定开工日期满一年未动工）：{n}宗，{a}亩")
    n, a = count("land.idle_reclaimable")
    lines.append(f"  其中满两年、可依法无偿收回：{n}宗，{a}亩")
    n, a = count("land.approved_unsupplied")
    lines.append(f"批而未供超过{fmt_num(unsupplied_years)}年：{n}宗，{a}亩")
    n, a = count("land.low_efficiency")
    lines.append(f"低效用地（亩均税收低于标准）：{n}宗，{a}亩")
    n, a = count("land.supply_standard")
    lines.append(f"本期供地低于投资强度标准：{n}宗，{a}亩")
    done = land[reclaimed_mask(land, period_start, as_of)]
    lines.append(f"本期（{_date(period_start)}至{_date(as_of)}）收回闲置低效土地：{len(done)}宗，"
                 f"{fmt_num(done['area_mu'].sum())}亩")
    return lines

"""工业用地 tables the notebook shows: the status chain, idle parcels, 批而未供 ageing, 亩均税收,
supply in the period, land reclaimed, and the headline lines.

Each table selects its parcels with the same mask as the matching check
(:mod:`toolkit.areas.land.rules`), so a table and the findings always agree.
Areas in 亩, money in 万元.
"""

from __future__ import annotations

from typing import Any, Iterable

import numpy as np
import pandas as pd

from toolkit.areas.land.common import AREA_COL, IDLE_GROUP_1, IDLE_GROUP_2
from toolkit.areas.land.rules import (
    below_standard_mask, full_months, idle_mask, is_unsupplied, reclaimed_mask, supplied_in_period_mask,
    tax_checked_mask, tax_per_mu_values, unsupplied_days)
from toolkit.datasets import DATASETS, LAND_STATUS
from toolkit.formatting import number, ymd
from toolkit.ingest.validate import empty_frame

__all__ = [
    "empty_land", "land_frame", "status_chain", "parcel_columns", "idle_parcels", "idle_summary",
    "unsupplied_ageing", "unsupplied_parcels", "tax_per_mu", "tax_bands", "supplied_below_standard",
    "supplied_in_period", "reclaimed_in_period", "headline",
]

TAX_COL = "亩均税收（万元/亩）"


def empty_land() -> pd.DataFrame:
    """A land frame with no rows and the accepted dtypes (for a round without land data)."""
    return empty_frame(DATASETS["land"])


def land_frame(analysis: Any) -> pd.DataFrame:
    """The round's land frame, or an empty one when the round has no 工业用地 file."""
    return analysis.frame_or_empty("land")


def _count_and_area(grouped: pd.DataFrame) -> pd.DataFrame:
    """宗数 and 面积（亩） from a groupby's ``agg(["size", "sum"])`` of area_mu."""
    return pd.DataFrame({"宗数": grouped["size"], AREA_COL: grouped["sum"]})


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
    table = _count_and_area(land.groupby("status", sort=False)["area_mu"].agg(["size", "sum"]))
    table = table.reindex(list(LAND_STATUS), fill_value=0)
    return table.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis("状态")


def parcel_columns(land: pd.DataFrame) -> pd.DataFrame:
    """地块编号, 项目, 用地单位 and 面积（亩） — the first columns of every parcel list."""
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
    table = parcel_columns(idle).assign(
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
    table = _count_and_area(idle.groupby("分组")[AREA_COL].agg(["size", "sum"]))
    table = table.reindex([IDLE_GROUP_1, IDLE_GROUP_2], fill_value=0)
    table.loc["合计"] = [len(idle), float(idle[AREA_COL].sum())]
    return table.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis("分组")


def _band_labels(bands: tuple[float, ...]) -> list[str]:
    labels = [f"{number(bands[0])}年以内"]
    labels += [f"{number(a)}–{number(b)}年" for a, b in zip(bands, bands[1:])]
    labels.append(f"{number(bands[-1])}年以上")
    return labels


def unsupplied_ageing(land: pd.DataFrame, as_of: pd.Timestamp, bands: Iterable[float] = (1, 2, 3, 5), *,
                      limit_years: float | None) -> pd.DataFrame:
    """批而未供 parcels by time since approval, in bands of n × 365 days (the rule's own yardstick).

    A band "1–2年" holds 365 < days ≤ 730, so with ``limit_years`` = the round's
    ``land_unsupplied_years`` the bands beyond it are exactly the parcels
    ``land.approved_unsupplied`` flags; column 超期 marks them (none when ``limit_years`` is None).

    >>> df = pd.DataFrame({"status": "批而未供", "area_mu": [1.0, 2.0, 4.0],
    ...     "approved_on": pd.to_datetime(["2020-01-01", "2018-07-01", "2018-06-30"])})
    >>> unsupplied_ageing(df, pd.Timestamp("2020-06-30"), limit_years=2)[["宗数", "超期"]].values.tolist()
    [[1, False], [1, False], [1, True], [0, True], [0, True]]
    """
    bands = tuple(sorted(float(b) for b in bands))
    unsupplied = land[is_unsupplied(land)]
    labels = _band_labels(bands)
    cut = pd.cut(unsupplied_days(unsupplied, as_of), [-np.inf, *[b * 365 for b in bands], np.inf], right=True,
                 labels=labels)
    grouped = unsupplied.groupby(cut, observed=False)["area_mu"].agg(["size", "sum"])
    table = _count_and_area(grouped).reindex(labels, fill_value=0)
    table = table.astype({"宗数": "int64", AREA_COL: "float64"})
    lower = np.array([-np.inf, *bands])
    table["超期"] = (lower >= limit_years) if limit_years is not None else False
    return table.rename_axis("批准至今")


def unsupplied_parcels(land: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Every 批而未供 parcel with its approval date and days since, oldest first."""
    unsupplied = land[is_unsupplied(land)]
    table = parcel_columns(unsupplied).assign(
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
    table = parcel_columns(judged).assign(**{
        "竣工日期": judged["completed_on"], "年税收（万元）": judged["annual_tax"],
        TAX_COL: per_mu, "低于标准": (per_mu < standard).astype(bool),
    })
    return table.sort_values([TAX_COL, "地块编号"]).reset_index(drop=True)


def tax_bands(land: pd.DataFrame, as_of: pd.Timestamp, standard: float) -> pd.DataFrame:
    """How the judged parcels' 亩均税收 sits against the standard: 宗 and 亩 per band."""
    table = tax_per_mu(land, as_of, standard)
    labels = ["不足标准50%", "标准50%–100%", "达标至2倍", "2倍标准以上"]
    cut = pd.cut(table[TAX_COL] / standard, [-np.inf, 0.5, 1.0, 2.0, np.inf], right=False, labels=labels)
    out = _count_and_area(table.groupby(cut, observed=False)[AREA_COL].agg(["size", "sum"])).reindex(labels,
                                                                                                    fill_value=0)
    return out.astype({"宗数": "int64", AREA_COL: "float64"}).rename_axis(f"亩均税收（标准{number(standard)}万元/亩）")


def supplied_below_standard(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                            minimum: float) -> pd.DataFrame:
    """Parcels supplied within [period_start, as_of] whose agreed_investment < ``minimum`` 万元."""
    below = land[below_standard_mask(land, period_start, as_of, minimum)]
    table = parcel_columns(below).assign(**{
        "供地日期": below["supplied_on"], "约定投资额（万元）": below["agreed_investment"],
        "亩均约定投资（万元/亩）": below["agreed_investment"] / below["area_mu"],
        "差额（万元）": minimum - below["agreed_investment"], "状态": below["status"],
    })
    return table.sort_values(["供地日期", "地块编号"]).reset_index(drop=True)


def supplied_in_period(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp,
                       minimum: float) -> pd.DataFrame:
    """宗 and 亩 supplied in the period: all, with agreed_investment, and below the standard."""
    supplied = supplied_in_period_mask(land, period_start, as_of)
    with_investment = supplied & land["agreed_investment"].notna()
    below = below_standard_mask(land, period_start, as_of, minimum)
    rows = {"本期供地": supplied, "其中填报约定投资额": with_investment, f"其中低于{number(minimum)}万元": below}
    return pd.DataFrame({"宗数": [int(m.sum()) for m in rows.values()],
                         AREA_COL: [float(land.loc[m, "area_mu"].sum()) for m in rows.values()]},
                        index=pd.Index(list(rows), name="项目"))


def reclaimed_in_period(land: pd.DataFrame, period_start: pd.Timestamp, as_of: pd.Timestamp) -> pd.DataFrame:
    """Parcels with status 已收回 and reclaimed_on within [period_start, as_of], in date order."""
    done = land[reclaimed_mask(land, period_start, as_of)]
    table = parcel_columns(done).assign(
        供地日期=done["supplied_on"], 约定开工日期=done["agreed_start"], 收回日期=done["reclaimed_on"])
    return table.sort_values(["收回日期", "地块编号"]).reset_index(drop=True)


HEADLINE_CHECKS = {
    "land.idle": "闲置土地（超约定开工日期满一年未动工）：",
    "land.idle_reclaimable": "  其中满两年、可依法无偿收回：",
    "land.approved_unsupplied": "批而未供超过{years}年：",
    "land.low_efficiency": "低效用地（亩均税收低于标准）：",
    "land.supply_standard": "本期供地低于投资强度标准：",
}


def headline(land: pd.DataFrame | None, findings: pd.DataFrame, period_start: pd.Timestamp,
             as_of: pd.Timestamp, unsupplied_years: float) -> list[str]:
    """Plain lines for the notebook's pinned headline cell (no floats beyond two decimals).

    ``unsupplied_years`` is the round's ``land_unsupplied_years`` (it names the 批而未供 line).
    """
    if land is None:
        return ["本轮未提供工业用地数据（工业用地.xlsx），土地指标为空。"]
    lines = [f"截至{ymd(as_of)}，工业用地共{len(land)}宗，{number(land['area_mu'].sum())}亩："]
    for status, row in status_chain(land).iterrows():  # the five statuses, not the parcels
        lines.append(f"  {status}：{int(row['宗数'])}宗，{number(row[AREA_COL])}亩")
    parcel_ids = land["parcel_id"].astype("str")
    for check_id, label in HEADLINE_CHECKS.items():
        flagged = land[parcel_ids.isin(set(findings.loc[findings["check_id"] == check_id, "record_id"]))]
        lines.append(f"{label.format(years=number(unsupplied_years))}{len(flagged)}宗，"
                     f"{number(flagged['area_mu'].sum())}亩")
    done = land[reclaimed_mask(land, period_start, as_of)]
    lines.append(f"本期（{ymd(period_start)}至{ymd(as_of)}）收回闲置低效土地：{len(done)}宗，"
                 f"{number(done['area_mu'].sum())}亩")
    return lines

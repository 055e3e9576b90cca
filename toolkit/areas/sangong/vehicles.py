"""公务用车 (vehicle_trips): approval, holiday, night and sensitive-destination rules."""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from toolkit.areas.sangong.common import AREA, ID_SEPARATOR, cell, non_working, on_distinct, per_value, weekday_zh
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import fold_keyword, is_empty, number, ymd_hm


def unapproved_trip_mask(trips: pd.DataFrame) -> pd.Series:
    """approval_no empty (派车无审批)."""
    return is_empty(trips["approval_no"])


def night_mask(times: pd.Series, start: int, end: int) -> pd.Series:
    """hour ≥ start or hour < end.

    >>> t = pd.Series(pd.to_datetime(["2020-03-02 22:00", "2020-03-02 21:59", "2020-03-02 05:59", "2020-03-02 06:00"]))
    >>> night_mask(t, 22, 6).tolist()
    [True, False, True, False]
    """
    hour = times.dt.hour
    return ((hour >= start) | (hour < end)).fillna(False).astype(bool)


def destination_keywords(destinations: pd.Series, keywords: Iterable[str]) -> pd.Series:
    """The keywords each destination contains, joined with 、 in keyword order ('' for none).

    Compared after NFKC and case folding: 'ktv' and 'ＫＴＶ' match 'KTV'.

    >>> destination_keywords(pd.Series(["青岚温泉度假山庄", "某ktv", None]), ["温泉", "度假", "KTV"]).tolist()
    ['温泉、度假', 'KTV', '']
    """
    return on_distinct(destinations, lambda distinct: _keywords_in(distinct, tuple(keywords)), "str")


def _keywords_in(destinations: pd.Series, keywords: tuple[str, ...]) -> pd.Series:
    folded = per_value(destinations, lambda d: fold_keyword(d) if isinstance(d, str) else "", "str")
    found = pd.Series("", index=destinations.index, dtype="str")
    for keyword in keywords:
        if not keyword:
            continue
        hit = folded.str.contains(fold_keyword(keyword), regex=False)
        joined = (found + ID_SEPARATOR).where(found != "", "") + keyword
        found = joined.where(hit, found)
    return found


# ---- the checks ---------------------------------------------------------------------------------------

def _head(r: pd.Series) -> str:
    return (f"{cell(r['unit'])}车辆{cell(r['plate'])}于{ymd_hm(r['start_time'])}出车"
            f"（{cell(r['origin'])}→{cell(r['destination'])}，{number(r['km'], 1, fixed=True)}公里）")


def _flag(trips: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    return flag(trips, mask, message, id_column="id", unit_column="unit")


def vehicle_no_approval(ctx: Context) -> pd.DataFrame:
    """approval_no empty."""
    trips = ctx.data["vehicle_trips"]
    return _flag(trips, unapproved_trip_mask(trips),
                 lambda r: f"{_head(r)}，审批单号为“{cell(r['approval_no'])}”，无派车审批")


def vehicle_holiday_use(ctx: Context) -> pd.DataFrame:
    """start_time falls on a non-working day."""
    trips = ctx.data["vehicle_trips"]
    trips = trips.assign(_weekday=weekday_zh(trips["start_time"]))
    return _flag(trips, non_working(ctx, trips["start_time"]),
                 lambda r: f"{_head(r)}，出车日期（{r['_weekday']}）为非工作日，事由：{cell(r['purpose'])}")


def vehicle_night_use(ctx: Context) -> pd.DataFrame:
    """start_time's hour ≥ vehicle_night_start or < vehicle_night_end."""
    trips = ctx.data["vehicle_trips"]
    start, end = ctx.thresholds.vehicle_night_start, ctx.thresholds.vehicle_night_end
    return _flag(trips, night_mask(trips["start_time"], start, end),
                 lambda r: f"{_head(r)}，出车时间在夜间（{start}时至次日{end}时），事由：{cell(r['purpose'])}")


def vehicle_sensitive_destination(ctx: Context) -> pd.DataFrame:
    """destination contains any of sensitive_destinations."""
    trips = ctx.data["vehicle_trips"]
    words = destination_keywords(trips["destination"], ctx.thresholds.sensitive_destinations)
    trips = trips.assign(_words=words)
    return _flag(trips, words != "",
                 lambda r: f"{_head(r)}，目的地含敏感词“{r['_words']}”，事由：{cell(r['purpose'])}")


CHECKS: list[Check] = [
    Check("vehicle.no_approval", AREA, "vehicle_trips", "medium", "公车出车无审批", vehicle_no_approval, params=()),
    Check("vehicle.holiday_use", AREA, "vehicle_trips", "medium", "节假日用车", vehicle_holiday_use, params=()),
    Check("vehicle.night_use", AREA, "vehicle_trips", "low", "夜间用车", vehicle_night_use,
          params=("vehicle_night_start", "vehicle_night_end")),
    Check("vehicle.sensitive_destination", AREA, "vehicle_trips", "medium", "公车去往敏感场所",
          vehicle_sensitive_destination, params=("sensitive_destinations",)),
]

"""加油卡 (fuel): unbound cards, fills over the tank, holiday fills, and fuel against trip km per plate and month."""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import AREA, cell, non_working, per_value, weekday_zh
from toolkit.checks.base import Check, Context, flag
from toolkit.config import Thresholds
from toolkit.formatting import is_empty, no_spaces, number, ymd_hm

CONSUMPTION_COLUMNS = ["record_id", "plate", "month", "unit", "fills", "liters", "amount", "km", "l_per_100km",
                       "limit", "anomaly"]


def plate_key(plate: Any) -> str:
    """A plate for matching fuel cards to trips: NFKC, no spaces, upper case ('' when empty).

    >>> plate_key(" 赣ａ 12345 "), plate_key(None)
    ('赣A12345', '')
    """
    text = no_spaces(plate)
    return unicodedata.normalize("NFKC", text).upper() if text else ""


def unbound_card_mask(fuel: pd.DataFrame) -> pd.Series:
    """bound_plate empty (车卡未绑定)."""
    return is_empty(fuel["bound_plate"])


def over_tank_mask(fuel: pd.DataFrame, limit: float) -> pd.Series:
    """liters > limit (fuel_tank_liters_max).

    >>> over_tank_mask(pd.DataFrame({"liters": [80.0, 80.01, None]}), 80).tolist()
    [False, True, False]
    """
    return (fuel["liters"] > limit).fillna(False).astype(bool)


def majority_unit(keys: list[pd.Series], units: pd.Series) -> pd.Series:
    """Per group of ``keys``: the unit most rows name; ties → the first in sorted order (missing units ignored).

    Indexed by the groups that have a unit, sorted by key.

    >>> majority_unit([pd.Series(["a", "a", "a", "a", "b"])], pd.Series(["乙局", "甲局", "乙局", "甲局", None])).to_dict()
    {'a': '乙局'}
    """
    frame = pd.DataFrame({f"_k{i}": k for i, k in enumerate(keys)} | {"_unit": units})
    frame = frame[frame["_unit"].notna()]
    names = [f"_k{i}" for i in range(len(keys))]
    counts = frame.groupby([*names, "_unit"], sort=True).size().rename("_n").reset_index()
    # within each group: most rows first, then the unit's sorted order; the first row wins
    counts = counts.sort_values([*names, "_n", "_unit"], ascending=[True] * len(names) + [False, True],
                                kind="stable")
    top = counts.drop_duplicates(names, keep="first")
    return top.set_index(names)["_unit"]


def plate_months(frame: pd.DataFrame, plate: str, time: str) -> tuple[pd.Series, pd.Series]:
    """(plate_key, calendar month) of each row of a fuel or trips frame."""
    return per_value(frame[plate], plate_key, "str"), frame[time].dt.to_period("M")


def fuel_consumption(fuel: pd.DataFrame, trips: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """Fuel per bound plate and calendar month against the trip km of that plate and month.

    Only fuel rows with a non-empty bound_plate; plates are matched after
    removing spaces, NFKC and upper case. Columns: record_id (``PLATE@YYYY-MM``),
    plate, month, unit (the unit most fuel rows name; ties: first in sort order),
    fills, liters, amount (元), km, l_per_100km (NaN when km is 0), limit, anomaly
    (liters > 0 and km = 0, or liters / km × 100 > fuel_l_per_100km_max).

    >>> fuel = pd.DataFrame({"bound_plate": ["赣A1", "赣A1", "赣B2", None], "unit": ["甲", "甲", "乙", "丙"],
    ...     "time": pd.to_datetime(["2020-03-02", "2020-03-20", "2020-03-05", "2020-03-05"]),
    ...     "liters": [20.0, 10.0, 15.0, 50.0], "amount": [140.0, 70.0, 105.0, 350.0]})
    >>> trips = pd.DataFrame({"plate": ["赣A1", "赣A1"], "start_time": pd.to_datetime(["2020-03-01", "2020-03-09"]),
    ...     "km": [100.0, 100.0]})
    >>> table = fuel_consumption(fuel, trips, Thresholds())
    >>> table[["record_id", "liters", "km", "l_per_100km", "anomaly"]].values.tolist()
    [['赣A1@2020-03', 30.0, 200.0, 15.0, False], ['赣B2@2020-03', 15.0, 0.0, nan, True]]
    """
    limit = thresholds.fuel_l_per_100km_max
    rows = fuel[~unbound_card_mask(fuel) & fuel["time"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=CONSUMPTION_COLUMNS)
    plate, month = plate_months(rows, "bound_plate", "time")
    trips = trips[trips["start_time"].notna()]
    trip_plate, trip_month = plate_months(trips, "plate", "start_time")
    km = trips["km"].groupby([trip_plate, trip_month]).sum()
    groups = rows.groupby([plate, month], sort=True)
    table = groups.agg(fills=("liters", "size"), liters=("liters", "sum"), amount=("amount", "sum"))
    table.index.names = ["plate", "month"]
    keys = table.index
    liters = table["liters"].astype("float64").round(6)
    distance = km.reindex(keys).fillna(0.0).astype("float64").round(6).to_numpy()
    unit = majority_unit([plate, month], rows["unit"].astype("str")).reindex(keys).fillna("")
    plates = keys.get_level_values("plate").astype("str")
    months = keys.get_level_values("month").strftime("%Y-%m").astype("str")
    l_per_100km = np.divide(liters.to_numpy() * 100, distance, out=np.full(len(keys), np.nan), where=distance > 0)
    anomaly = (liters.to_numpy() > 0) & ((distance == 0) | (liters.to_numpy() * 100 > limit * distance))
    return pd.DataFrame({
        "record_id": plates + "@" + months, "plate": plates, "month": months,
        "unit": unit.to_numpy(dtype=object), "fills": table["fills"].to_numpy(dtype="int64"),
        "liters": liters.to_numpy(), "amount": table["amount"].astype("float64").round(2).to_numpy(),
        "km": distance, "l_per_100km": l_per_100km, "limit": float(limit), "anomaly": anomaly.astype(bool),
    }, columns=CONSUMPTION_COLUMNS).astype({"unit": "str"})


# ---- the checks ---------------------------------------------------------------------------------------

def _head(r: pd.Series) -> str:
    return (f"{cell(r['unit'])}加油卡{cell(r['card_no'])}于{ymd_hm(r['time'])}在{cell(r['station'])}"
            f"加油{number(r['liters'], fixed=True)}升、{number(r['amount'], fixed=True)}元")


def _flag(fuel: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    return flag(fuel, mask, message, id_column="id", unit_column="unit", amount="amount")


def fuel_unbound_card(ctx: Context) -> pd.DataFrame:
    """bound_plate empty (车卡未绑定)."""
    fuel = ctx.data["fuel"]
    return _flag(fuel, unbound_card_mask(fuel),
                 lambda r: f"{_head(r)}，该卡绑定车牌为“{cell(r['bound_plate'])}”，车卡未绑定")


def fuel_over_tank(ctx: Context) -> pd.DataFrame:
    """liters > fuel_tank_liters_max."""
    fuel = ctx.data["fuel"]
    limit = ctx.thresholds.fuel_tank_liters_max
    return _flag(fuel, over_tank_mask(fuel, limit),
                 lambda r: f"{_head(r)}，单次加油量超过油箱容量上限{number(limit, fixed=True)}升，疑似为其他车辆加油")


def fuel_holiday(ctx: Context) -> pd.DataFrame:
    """time falls on a non-working day."""
    fuel = ctx.data["fuel"]
    fuel = fuel.assign(_weekday=weekday_zh(fuel["time"]))
    return _flag(fuel, non_working(ctx, fuel["time"]),
                 lambda r: f"{_head(r)}，加油日期（{r['_weekday']}）为非工作日")


def _consumption_message(limit: float):
    def message(r: pd.Series) -> str:
        head = (f"车辆{r['plate']}在{r['month']}（{r['unit']}）加油{int(r['fills'])}次共"
                f"{number(r['liters'], fixed=True)}升、{number(r['amount'], fixed=True)}元")
        if r["km"] == 0:
            return f"{head}，当月出车记录里程为0公里，有油耗无出车，疑似公车私用或私车公养"
        return (f"{head}，当月出车里程{number(r['km'], 1, fixed=True)}公里，"
                f"百公里油耗{number(r['l_per_100km'], fixed=True)}升，超过{number(limit, fixed=True)}升/百公里")

    return message


def fuel_consumption_anomaly(ctx: Context) -> pd.DataFrame:
    """Per bound_plate and month: liters > 0 with no trip km, or liters / km × 100 > fuel_l_per_100km_max."""
    table = fuel_consumption(ctx.data["fuel"], ctx.data["vehicle_trips"], ctx.thresholds)
    return flag(table, table["anomaly"].astype(bool), _consumption_message(ctx.thresholds.fuel_l_per_100km_max),
                id_column="record_id", unit_column="unit", amount="amount")


CHECKS: list[Check] = [
    Check("fuel.unbound_card", AREA, "fuel", "medium", "加油卡未绑定车辆", fuel_unbound_card, params=()),
    Check("fuel.over_tank", AREA, "fuel", "high", "单次加油超油箱容量", fuel_over_tank,
          params=("fuel_tank_liters_max",)),
    Check("fuel.holiday", AREA, "fuel", "low", "非工作日加油", fuel_holiday, params=()),
    Check("fuel.consumption_anomaly", AREA, "fuel", "medium", "油耗与里程不匹配", fuel_consumption_anomaly,
          needs=("vehicle_trips",), params=("fuel_l_per_100km_max",)),
]

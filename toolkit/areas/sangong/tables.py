"""The notebook's tables: DataFrame in, new DataFrame out, Chinese headers, built on the rules' own masks."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.sangong.budget import budget_reconciliation, over_budget_mask
from toolkit.areas.sangong.common import (FUEL_CATEGORY, ID_SEPARATOR, OVERSEAS_FEE, RECEPTION_FEE, WAN,
                                          WEEKDAYS_ZH, group_joined, weekday_zh)
from toolkit.areas.sangong.fuel import fuel_consumption, over_tank_mask, unbound_card_mask
from toolkit.areas.sangong.overseas import overseas_days
from toolkit.areas.sangong.reception import (hosts_over_limit_mask, no_letter_mask, per_capita_amount,
                                             per_capita_over_mask, reception_city, same_city_mask, shared_invoice,
                                             split_key)
from toolkit.areas.sangong.vehicles import destination_keywords, night_mask
from toolkit.checks.calendar import non_working_days
from toolkit.config import Thresholds
from toolkit.formatting import number
from toolkit.ingest.validate import ROW_COLUMN

CATEGORY_ORDER = [RECEPTION_FEE, FUEL_CATEGORY, OVERSEAS_FEE]


# ---- spending ---------------------------------------------------------------------------------------

def spending_items(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                   overseas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every spending row of the detail datasets in one long table: unit, category, date, month, yuan.

    >>> rec = pd.DataFrame({"unit": ["甲"], "date": pd.to_datetime(["2020-03-05"]), "amount": [500.0]})
    >>> spending_items(rec).values.tolist()
    [['甲', '公务接待费', Timestamp('2020-03-05 00:00:00'), '2020-03', 500.0]]
    """
    parts = []
    for frame, category, date, money in ((reception, RECEPTION_FEE, "date", "amount"),
                                         (fuel, FUEL_CATEGORY, "time", "amount"),
                                         (overseas, OVERSEAS_FEE, "depart_on", "cost")):
        if frame is not None:
            parts.append(pd.DataFrame({"unit": frame["unit"].astype("str"), "category": category,
                                       "date": frame[date].dt.normalize(), "yuan": frame[money].astype("float64")}))
    if not parts:
        return pd.DataFrame({"unit": pd.Series(dtype="str"), "category": pd.Series(dtype="str"),
                             "date": pd.Series(dtype="datetime64[ns]"), "month": pd.Series(dtype="str"),
                             "yuan": pd.Series(dtype="float64")})
    items = pd.concat(parts, ignore_index=True)
    codes, days = pd.factorize(items["date"], use_na_sentinel=False)   # YYYY-MM once per distinct day
    months = np.asarray(pd.DatetimeIndex(days).strftime("%Y-%m"), dtype=object)[codes]
    items.insert(3, "month", pd.Series(months, index=items.index).astype("str"))
    return items


def _items(reception: pd.DataFrame | None, fuel: pd.DataFrame | None, overseas: pd.DataFrame | None,
           items: pd.DataFrame | None) -> pd.DataFrame:
    """``items`` when the caller already built spending_items (the notebook builds it once), else built here."""
    return spending_items(reception, fuel, overseas) if items is None else items


def _by_category(items: pd.DataFrame, index: str) -> pd.DataFrame:
    table = items.pivot_table(index=index, columns="category", values="yuan", aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=[c for c in CATEGORY_ORDER if c in table.columns]) / WAN
    table.columns.name = None
    return table


def spending_by_unit(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                     overseas: pd.DataFrame | None = None, *, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spending per unit and category in 万元, with a 合计 column, largest first."""
    table = _by_category(_items(reception, fuel, overseas, items), "unit")
    table["合计"] = table.sum(axis=1)
    return table.sort_values("合计", ascending=False).rename_axis("单位")


def spending_by_category(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                         overseas: pd.DataFrame | None = None, *, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per category: rows (笔数), 金额（万元）, share of the total."""
    items = _items(reception, fuel, overseas, items)
    table = items.groupby("category").agg(笔数=("yuan", "size"), 金额_万元=("yuan", "sum"))
    table = table.reindex([c for c in CATEGORY_ORDER if c in table.index])
    table["金额_万元"] = table["金额_万元"] / WAN
    total = table["金额_万元"].sum()
    table["占比"] = table["金额_万元"] / total if total else np.nan
    return table.rename(columns={"金额_万元": "金额（万元）"}).rename_axis("类别")


def spending_by_month(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                      overseas: pd.DataFrame | None = None, *, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spending per month (rows, YYYY-MM) and category (columns) in 万元; months without spending are 0."""
    table = _by_category(_items(reception, fuel, overseas, items), "month")
    if not table.empty:
        months = pd.period_range(min(table.index), max(table.index), freq="M").strftime("%Y-%m")
        table = table.reindex(months, fill_value=0.0)
    return table.rename_axis("月份")


# ---- budget -----------------------------------------------------------------------------------------

def budget_execution(budget: pd.DataFrame) -> pd.DataFrame:
    """Each budget row: 预算/决算 (万元), execution rate (决算/预算, NaN when budget 0), 超支 (万元), 超预算.

    >>> b = pd.DataFrame({"unit": ["甲"], "year": [2020], "category": ["公务接待费"], "budget": [10.0], "actual": [12.5]})
    >>> budget_execution(b)[["执行率", "超支（万元）", "超预算"]].values.tolist()
    [[1.25, 2.5, True]]
    """
    return pd.DataFrame({
        "单位": budget["unit"], "年度": budget["year"], "类别": budget["category"],
        "预算（万元）": budget["budget"], "决算（万元）": budget["actual"],
        "执行率": (budget["actual"] / budget["budget"]).where(budget["budget"] > 0),
        "超支（万元）": (budget["actual"] - budget["budget"]).clip(lower=0), "超预算": over_budget_mask(budget),
    }, index=budget.index)


def budget_by_unit(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget and final accounts per unit (万元, all years and categories summed), execution rate; largest first."""
    groups = budget.groupby("unit")
    table = pd.DataFrame({"预算": groups["budget"].sum(), "决算": groups["actual"].sum(min_count=1)})
    table["执行率"] = (table["决算"] / table["预算"]).where(table["预算"] > 0)
    table = table.sort_values("预算", ascending=False)
    return table.rename(columns={"预算": "预算（万元）", "决算": "决算（万元）"}).rename_axis("单位")


def over_budget_units(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget rows where 决算 > 预算, largest overspend first (万元 and 元)."""
    table = budget_execution(budget)
    table = table[table["超预算"]].sort_values("超支（万元）", ascending=False)
    return table.assign(**{"超支（元）": (table["超支（万元）"] * WAN).round(2)}).drop(columns="超预算")


RECONCILIATION_HEADERS = {"id": "编号", "unit": "单位", "year": "年度", "category": "类别", "actual_yuan": "决算（元）",
                          "detail_sum": "明细合计（元）", "detail_rows": "明细笔数", "difference": "差额（元）",
                          "diff_ratio": "差异率", "mismatch": "不一致"}


def reconciliation_table(budget: pd.DataFrame, reception: pd.DataFrame | None, overseas: pd.DataFrame | None,
                         thresholds: Thresholds) -> pd.DataFrame:
    """budget.detail_mismatch's comparison for people: Chinese headers, largest difference first."""
    table = budget_reconciliation(budget, reception, overseas, thresholds)
    table = table.drop(columns=ROW_COLUMN).rename(columns=RECONCILIATION_HEADERS)
    return table.sort_values("差额（元）", ascending=False)


# ---- reception ----------------------------------------------------------------------------------------

def per_capita(reception: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """Each reception with its persons, per-capita amount and whether it is over reception_per_capita_max."""
    return pd.DataFrame({
        "编号": reception["id"], "接待单位": reception["unit"], "接待日期": reception["date"],
        "来访单位": reception["guest_org"], "接待对象": reception["guests"], "陪餐": reception["hosts"],
        "金额（元）": reception["amount"], "人均（元）": per_capita_amount(reception),
        "超标准": per_capita_over_mask(reception, thresholds.reception_per_capita_max),
    }, index=reception.index)


def per_capita_distribution(reception: pd.DataFrame, thresholds: Thresholds, step: float = 50) -> pd.DataFrame:
    """Receptions per per-capita band of ``step`` 元 (the band edge at the standard is kept), for a histogram."""
    limit = thresholds.reception_per_capita_max
    pc = per_capita_amount(reception)
    top = max(float(pc.max()) if len(pc) else 0.0, float(limit)) + step
    edges = np.arange(0, top + step, step)
    if limit not in edges:
        edges = np.sort(np.append(edges, limit))
    bands = pd.cut(pc, edges, right=True, include_lowest=True, labels=False)
    counts = pd.Series(bands).value_counts().reindex(range(len(edges) - 1), fill_value=0)
    labels = [f"{number(lo, fixed=True)}–{number(hi, fixed=True)}" for lo, hi in zip(edges[:-1], edges[1:])]
    return pd.DataFrame({"人均区间（元）": labels, "批次": counts.to_numpy(dtype="int64"), "超标准": edges[:-1] >= limit})


def hosts_vs_guests(reception: pd.DataFrame) -> pd.DataFrame:
    """Receptions by guests (rows) and hosts (columns): how often the 陪餐 limit is pushed."""
    table = pd.crosstab(reception["guests"].astype("int64"), reception["hosts"].astype("int64"))
    table.index.name, table.columns.name = "接待对象人数", "陪餐人数"
    return table


def _reception_list(reception: pd.DataFrame, mask: pd.Series,
                    extra: dict[str, pd.Series] | None = None) -> pd.DataFrame:
    rows = reception[mask.fillna(False).astype(bool)]
    table = pd.DataFrame({
        "编号": rows["id"], "接待单位": rows["unit"], "接待日期": rows["date"], "来访单位": rows["guest_org"],
        "来访单位所在地": rows["guest_city"], "接待对象": rows["guests"], "陪餐": rows["hosts"],
        "金额（元）": rows["amount"], "用餐地点": rows["venue"], "公函编号": rows["letter_no"],
        "发票号码": rows["invoice_no"],
    }, index=rows.index)
    for name, values in (extra or {}).items():
        table[name] = values[rows.index]
    return table


def same_city_receptions(reception: pd.DataFrame, round_city: str) -> pd.DataFrame:
    """Receptions whose guests came from the reception's own city (同城接待)."""
    return _reception_list(reception, same_city_mask(reception, round_city),
                           {"接待地": reception_city(reception, round_city)})


def no_letter_receptions(reception: pd.DataFrame) -> pd.DataFrame:
    """Receptions without an official letter (公函编号 empty, 无, - …)."""
    return _reception_list(reception, no_letter_mask(reception))


def hosts_over_limit_receptions(reception: pd.DataFrame) -> pd.DataFrame:
    """Receptions whose 陪餐 count breaks the limit."""
    return _reception_list(reception, hosts_over_limit_mask(reception["guests"], reception["hosts"]))


def split_groups(reception: pd.DataFrame) -> pd.DataFrame:
    """Same unit, venue and day with two or more receptions: one row per group (笔数, 合计, 编号)."""
    key = split_key(reception)
    groups = reception[key.notna()].groupby(key, sort=True)
    table = pd.DataFrame({"接待单位": groups["unit"].first(), "接待日期": groups["date"].first(),
                          "用餐地点": groups["venue"].first().astype("str").str.strip(), "笔数": groups.size(),
                          "合计（元）": groups["amount"].sum(), "编号": group_joined(key, reception["id"])})
    return table.reset_index(drop=True)


def _distinct_joined(key: pd.Series, values: pd.Series) -> pd.Series:
    """Per key: its distinct values in order of first appearance, joined with 、."""
    frame = pd.DataFrame({"key": key, "value": values.astype("str")}).dropna().drop_duplicates()
    return group_joined(frame["key"], frame["value"])


def duplicate_invoice_groups(reception: pd.DataFrame) -> pd.DataFrame:
    """Invoice numbers used on two or more receptions: one row per number."""
    shared = shared_invoice(reception)
    groups = reception[shared.notna()].groupby(shared, sort=True)
    table = pd.DataFrame({"笔数": groups.size(), "合计（元）": groups["amount"].sum(),
                          "编号": group_joined(shared, reception["id"]),
                          "接待单位": _distinct_joined(shared, reception["unit"])})
    return table.rename_axis("发票号码").reset_index()


# ---- vehicles -----------------------------------------------------------------------------------------

def vehicle_weekday_hour(trips: pd.DataFrame) -> pd.DataFrame:
    """Trips by weekday (rows 周一…周日) and start hour (columns 0…23), for a heat map."""
    start = trips["start_time"].dropna()
    table = pd.crosstab(start.dt.day_of_week, start.dt.hour).reindex(index=range(7), columns=range(24), fill_value=0)
    table.index = list(WEEKDAYS_ZH)
    table.index.name, table.columns.name = "星期", "出发时刻"
    return table.astype("int64")


def _trip_list(trips: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    rows = trips[mask.fillna(False).astype(bool)]
    return pd.DataFrame({
        "出车编号": rows["id"], "车牌号": rows["plate"], "使用单位": rows["unit"], "出发时间": rows["start_time"],
        "星期": weekday_zh(rows["start_time"]), "返回时间": rows["end_time"], "目的地": rows["destination"],
        "里程（公里）": rows["km"], "事由": rows["purpose"], "审批单号": rows["approval_no"],
    }, index=rows.index)


def holiday_trips(trips: pd.DataFrame, notes: list[str] | None = None) -> pd.DataFrame:
    """Trips starting on a non-working day (official holidays and 调休)."""
    return _trip_list(trips, non_working_days(trips["start_time"], notes))


def night_trips(trips: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """Trips starting at hour ≥ vehicle_night_start or < vehicle_night_end."""
    return _trip_list(trips, night_mask(trips["start_time"], thresholds.vehicle_night_start,
                                        thresholds.vehicle_night_end))


def sensitive_trips(trips: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """Trips whose destination contains one of sensitive_destinations, with the words found."""
    words = destination_keywords(trips["destination"], thresholds.sensitive_destinations)
    table = _trip_list(trips, words != "")
    return table.assign(敏感词=words[table.index])


# ---- fuel ---------------------------------------------------------------------------------------------

CONSUMPTION_HEADERS = {"record_id": "记录编号", "plate": "车牌", "month": "月份", "unit": "单位", "fills": "加油次数",
                       "liters": "升数", "amount": "金额（元）", "km": "里程（公里）", "l_per_100km": "百公里油耗（升）",
                       "limit": "阈值（升）"}


def consumption_anomalies(fuel: pd.DataFrame, trips: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """fuel.consumption_anomaly's plate-months for people (Chinese headers)."""
    return anomaly_rows(fuel_consumption(fuel, trips, thresholds))


def anomaly_rows(consumption: pd.DataFrame) -> pd.DataFrame:
    """The anomalous plate-months of a fuel_consumption table, Chinese headers (what consumption_anomalies shows)."""
    return consumption[consumption["anomaly"].astype(bool)].drop(columns="anomaly").rename(columns=CONSUMPTION_HEADERS)


def unbound_cards(fuel: pd.DataFrame) -> pd.DataFrame:
    """Fuel cards with no bound plate: per card, fills, liters and 元."""
    rows = fuel[unbound_card_mask(fuel)]
    groups = rows.groupby("card_no", sort=True)
    table = pd.DataFrame({"使用单位": _distinct_joined(rows["card_no"], rows["unit"]), "次数": groups.size(),
                          "升数": groups["liters"].sum(), "金额（元）": groups["amount"].sum(),
                          "首次": groups["time"].min(), "末次": groups["time"].max()})
    return table.rename_axis("加油卡号").reset_index()


def over_tank_fills(fuel: pd.DataFrame, thresholds: Thresholds) -> pd.DataFrame:
    """Single fills above fuel_tank_liters_max, largest first."""
    limit = thresholds.fuel_tank_liters_max
    rows = fuel[over_tank_mask(fuel, limit)].sort_values("liters", ascending=False)
    return pd.DataFrame({
        "编号": rows["id"], "加油卡号": rows["card_no"], "绑定车牌": rows["bound_plate"], "使用单位": rows["unit"],
        "加油时间": rows["time"], "加油站": rows["station"], "升数": rows["liters"], "金额（元）": rows["amount"],
        "超出（升）": rows["liters"] - limit,
    }, index=rows.index)


# ---- overseas -----------------------------------------------------------------------------------------

OVERSEAS_HEADERS = {"id": "编号", "unit": "单位", "depart_on": "出发日期", "return_on": "返回日期", "countries": "国家地区",
                    "n_countries": "国家数", "days": "在外天数", "limit": "规定天数", "over_days": "超出天数",
                    "approval_no": "批件号", "cost": "费用（元）"}


def overdue_trips_abroad(overseas: pd.DataFrame) -> pd.DataFrame:
    """overseas.over_days's trips for people (Chinese headers)."""
    table = overseas_days(overseas)
    return table[table["over"]].drop(columns="over").rename(columns=OVERSEAS_HEADERS)

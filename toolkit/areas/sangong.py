"""三公经费: reception, vehicle, fuel, overseas and budget checks, indicators and the notebook's tables.

Every rule is the one of contract/checks.md (section sangong), word for word;
where the contract leaves a choice open the docstring of the rule says what we
chose. Messages are one line of Chinese an analyst can paste into a working
paper (工作底稿): what the record is, the value that breaks the rule, the limit.

Money: reception.amount, fuel.amount and overseas.cost are in 元; the budget
table's budget/actual are in 万元 (datasets.md) and are converted to 元 (× 10 000)
wherever they meet 元 (findings' amount, reconciliation, Benford).
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from toolkit.checks.base import RULE_COLUMNS, Check, Context, Indicator, flag, is_empty
from toolkit.checks.benford import BenfordResult, benford_test
from toolkit.datasets import SANGONG_CATEGORIES
from toolkit.ingest.validate import ROW_COLUMN

AREA = "sangong"
TITLE = "三公经费"

RECEPTION_FEE, VEHICLE_FEE, OVERSEAS_FEE = SANGONG_CATEGORIES  # 公务接待费, 公务用车购置及运行维护费, 因公出国（境）费
FUEL_CATEGORY = "公务用车运行（加油）"
WAN = 10_000.0
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
COUNTRY_SEPARATORS = re.compile(r"[、，,;；]")
CITY_SUFFIXES = ("市", "县", "区")
BENFORD_MIN_N = 300
BENFORD_MAD_MAX = 0.015

# The money columns of the sangong datasets that the Benford screen reads: (dataset, column, factor to 元, label).
MONEY_COLUMNS: tuple[tuple[str, str, float, str], ...] = (
    ("reception", "amount", 1.0, "公务接待金额"),
    ("fuel", "amount", 1.0, "加油金额"),
    ("overseas", "cost", 1.0, "因公出国（境）费用"),
    ("sangong_budget", "budget", WAN, "三公经费预算数"),
    ("sangong_budget", "actual", WAN, "三公经费决算数"),
)


# ---- small helpers ------------------------------------------------------------------------------

def no_spaces(text: Any) -> str:
    """Text without any whitespace (half- and full-width); missing → ''.

    >>> no_spaces(" 青\u3000岚 县 "), no_spaces(None)
    ('青岚县', '')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return ""
    return "".join(str(text).split())


def same_city(a: Any, b: Any) -> bool:
    """checks.md's city rule: equal after removing spaces, or one is the other plus a trailing 市/县/区.

    >>> same_city("青岚", "青岚县"), same_city("南昌市", "南昌"), same_city(" 南 昌 市", "南昌市")
    (True, True, True)
    >>> same_city("南昌市", "南昌县"), same_city("", ""), same_city(None, "青岚县")
    (False, False, False)
    """
    x, y = no_spaces(a), no_spaces(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in CITY_SUFFIXES


def split_countries(text: Any) -> list[str]:
    """The countries/regions of a 国家地区 cell: split on 、，,;；, trimmed, empty pieces dropped, repeats once.

    >>> split_countries("法国、德国,,意大利；"), split_countries("、"), split_countries("美国、 美国")
    (['法国', '德国', '意大利'], [], ['美国'])
    """
    if not isinstance(text, str):
        return []
    pieces = [p.strip() for p in COUNTRY_SEPARATORS.split(text)]
    return list(dict.fromkeys(p for p in pieces if p))


def overseas_day_limit(countries: int) -> int:
    """Days allowed for a trip to n countries: 5 for one, 8 for two, 10 for three or more.

    A cell with no country left after splitting is held to the one-country limit.

    >>> [overseas_day_limit(n) for n in (0, 1, 2, 3, 7)]
    [5, 5, 8, 10, 10]
    """
    return 5 if countries <= 1 else 8 if countries == 2 else 10


def plate_key(plate: Any) -> str:
    """A plate for matching fuel cards to trips: NFKC, no spaces, upper case ('' when empty).

    >>> plate_key(" 赣ａ 12345 "), plate_key(None)
    ('赣A12345', '')
    """
    text = no_spaces(plate)
    return unicodedata.normalize("NFKC", text).upper() if text else ""


def num(x: Any, places: int = 2) -> str:
    """A number for a message: thousands separators, whole numbers without decimals, else ``places`` decimals.

    >>> num(1234.0), num(1234.5), num(0.12345, 4), num(float("nan"))
    ('1,234', '1,234.50', '0.1235', '空')
    """
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "空"
    x = float(x)
    if x.is_integer():
        return f"{int(x):,}"
    return f"{x:,.{places}f}"


def _day(ts: Any) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d") if pd.notna(ts) else "空"


def _minute(ts: Any) -> str:
    return pd.Timestamp(ts).strftime("%Y-%m-%d %H:%M") if pd.notna(ts) else "空"


def _weekday(ts: Any) -> str:
    return WEEKDAYS_ZH[pd.Timestamp(ts).weekday()] if pd.notna(ts) else ""


def _text(value: Any) -> str:
    return "空" if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)) else str(value)


def _stripped(series: pd.Series) -> pd.Series:
    return series.astype("str").str.strip()


def _has_text(series: pd.Series) -> pd.Series:
    return ~is_empty(series)


def _empty_rule() -> pd.DataFrame:
    return pd.DataFrame(columns=RULE_COLUMNS)


def non_working(ctx: Context, dates: pd.Series) -> pd.Series:
    """calendar.non_working_days; dates outside the holiday calendar are noted once per run (ctx.calendar)."""
    from toolkit.checks.calendar import non_working_days

    return non_working_days(dates, ctx.calendar)


def reception_city(reception: pd.DataFrame, round_city: str) -> pd.Series:
    """The city each reception took place in: the row's city, else the round's city.

    >>> df = pd.DataFrame({"city": ["南昌市", None, "无"]})
    >>> reception_city(df, "青岚县").tolist()
    ['南昌市', '青岚县', '青岚县']
    """
    return reception["city"].where(_has_text(reception["city"]), round_city or "").astype("str")


# ---- reception (公务接待) --------------------------------------------------------------------------

def _reception_head(r: pd.Series) -> str:
    return f"{_text(r['unit'])}于{_day(r['date'])}接待{_text(r['guest_org'])}{int(r['guests'])}人"


def reception_no_letter(ctx: Context) -> pd.DataFrame:
    """letter_no empty (无公函接待)."""
    rec = ctx.data["reception"]
    return flag(rec, is_empty(rec["letter_no"]),
                lambda r: f"{_reception_head(r)}，金额{num(r['amount'])}元，公函编号为“{_text(r['letter_no'])}”，"
                          "无公函接待",
                id_column="id", unit_column="unit", amount="amount")


def reception_same_city(ctx: Context) -> pd.DataFrame:
    """guest_city not empty and the same city as the reception's (row's city, else the round's city)."""
    rec = ctx.data["reception"]
    where = reception_city(rec, ctx.round.city)
    mask = _has_text(rec["guest_city"]) & pd.Series(
        [same_city(g, c) for g, c in zip(rec["guest_city"], where)], index=rec.index, dtype=bool)
    rec = rec.assign(_where=where)
    return flag(rec, mask,
                lambda r: f"{_reception_head(r)}，来访单位所在地“{r['guest_city']}”与接待地“{r['_where']}”为同一城市，"
                          f"金额{num(r['amount'])}元，疑似同城公款吃喝",
                id_column="id", unit_column="unit", amount="amount")


def hosts_over_limit_mask(guests: pd.Series, hosts: pd.Series) -> pd.Series:
    """guests ≤ 10 and hosts > 3; or guests > 10 and hosts × 3 > guests.

    >>> hosts_over_limit_mask(pd.Series([10, 10, 12, 11]), pd.Series([3, 4, 4, 4])).tolist()
    [False, True, False, True]
    """
    g, h = guests.astype("float64"), hosts.astype("float64")
    return (((g <= 10) & (h > 3)) | ((g > 10) & (h * 3 > g))).fillna(False).astype(bool)


def reception_hosts_over_limit(ctx: Context) -> pd.DataFrame:
    rec = ctx.data["reception"]

    def message(r: pd.Series) -> str:
        g, h = int(r["guests"]), int(r["hosts"])
        limit = "接待对象10人以内陪餐不得超过3人" if g <= 10 else "接待对象超过10人的陪餐不得超过三分之一"
        allowed = 3 if g <= 10 else g // 3
        return f"{_reception_head(r)}，陪餐{h}人，超过{limit}（最多{allowed}人）"

    return flag(rec, hosts_over_limit_mask(rec["guests"], rec["hosts"]), message,
                id_column="id", unit_column="unit", amount="amount")


def reception_per_capita_over_standard(ctx: Context) -> pd.DataFrame:
    """amount / (guests + hosts) > reception_per_capita_max (compared as amount > max × persons, exact at the limit)."""
    rec = ctx.data["reception"]
    limit = ctx.thresholds.reception_per_capita_max
    persons = (rec["guests"] + rec["hosts"]).astype("float64")
    mask = rec["amount"] > limit * persons
    return flag(rec, mask,
                lambda r: f"{_reception_head(r)}、陪餐{int(r['hosts'])}人，金额{num(r['amount'])}元，"
                          f"人均{num(r['amount'] / (int(r['guests']) + int(r['hosts'])))}元，"
                          f"超过人均{num(limit)}元标准",
                id_column="id", unit_column="unit", amount="amount")


def _shared_invoice(rec: pd.DataFrame) -> pd.Series:
    """The trimmed invoice number of rows whose (set) number appears on two or more rows, else NaN."""
    number = _stripped(rec["invoice_no"]).where(_has_text(rec["invoice_no"]))
    counts = number.map(number.value_counts())
    return number.where(counts >= 2)


def reception_duplicate_invoice(ctx: Context) -> pd.DataFrame:
    """invoice_no set and shared by two or more rows (compared after trimming): every such row."""
    rec = ctx.data["reception"]
    shared = _shared_invoice(rec)
    ids = rec.groupby(shared)["id"].agg(lambda s: "、".join(s.astype(str)))
    rec = rec.assign(_inv=shared, _ids=shared.map(ids), _n=shared.map(shared.value_counts()))
    return flag(rec, shared.notna(),
                lambda r: f"{_reception_head(r)}，金额{num(r['amount'])}元，发票号码{r['_inv']}"
                          f"在{int(r['_n'])}条接待记录中重复使用（{r['_ids']}），疑似重复报销",
                id_column="id", unit_column="unit", amount="amount")


def _split_key(rec: pd.DataFrame) -> pd.Series:
    """unit|venue|date for rows with a venue set and a date; rows in a group of two or more keep the key."""
    key = (_stripped(rec["unit"]) + "|" + _stripped(rec["venue"]) + "|"
           + rec["date"].dt.strftime("%Y-%m-%d"))
    key = key.where(_has_text(rec["venue"]) & rec["date"].notna() & rec["unit"].notna())
    return key.where(key.map(key.value_counts()) >= 2)


def reception_split(ctx: Context) -> pd.DataFrame:
    """Two or more rows with the same unit and venue (trimmed; venue set) on the same date: every such row."""
    rec = ctx.data["reception"]
    key = _split_key(rec)
    group = rec.groupby(key)
    rec = rec.assign(_ids=key.map(group["id"].agg(lambda s: "、".join(s.astype(str)))),
                     _sum=key.map(group["amount"].sum()), _n=key.map(key.value_counts()))
    return flag(rec, key.notna(),
                lambda r: f"{_text(r['unit'])}于{_day(r['date'])}在“{str(r['venue']).strip()}”有{int(r['_n'])}条接待记录"
                          f"（{r['_ids']}），合计{num(r['_sum'])}元，本条{num(r['amount'])}元，疑似拆分报销",
                id_column="id", unit_column="unit", amount="amount")


def reception_holiday(ctx: Context) -> pd.DataFrame:
    rec = ctx.data["reception"]
    return flag(rec, non_working(ctx, rec["date"]),
                lambda r: f"{_reception_head(r)}，金额{num(r['amount'])}元，接待日期{_day(r['date'])}"
                          f"（{_weekday(r['date'])}）为非工作日",
                id_column="id", unit_column="unit", amount="amount")


# ---- vehicles (公务用车) ---------------------------------------------------------------------------

def _trip_head(r: pd.Series) -> str:
    return (f"{_text(r['unit'])}车辆{_text(r['plate'])}于{_minute(r['start_time'])}出车"
            f"（{_text(r['origin'])}→{_text(r['destination'])}，{num(r['km'], 1)}公里）")


def vehicle_no_approval(ctx: Context) -> pd.DataFrame:
    trips = ctx.data["vehicle_trips"]
    return flag(trips, is_empty(trips["approval_no"]),
                lambda r: f"{_trip_head(r)}，审批单号为“{_text(r['approval_no'])}”，无派车审批",
                id_column="id", unit_column="unit")


def vehicle_holiday_use(ctx: Context) -> pd.DataFrame:
    trips = ctx.data["vehicle_trips"]
    return flag(trips, non_working(ctx, trips["start_time"]),
                lambda r: f"{_trip_head(r)}，出车日期（{_weekday(r['start_time'])}）为非工作日，"
                          f"事由：{_text(r['purpose'])}",
                id_column="id", unit_column="unit")


def night_mask(times: pd.Series, start: int, end: int) -> pd.Series:
    """hour ≥ start or hour < end.

    >>> t = pd.Series(pd.to_datetime(["2020-03-02 22:00", "2020-03-02 21:59", "2020-03-02 05:59", "2020-03-02 06:00"]))
    >>> night_mask(t, 22, 6).tolist()
    [True, False, True, False]
    """
    hour = times.dt.hour
    return ((hour >= start) | (hour < end)).fillna(False).astype(bool)


def vehicle_night_use(ctx: Context) -> pd.DataFrame:
    trips = ctx.data["vehicle_trips"]
    start, end = ctx.thresholds.vehicle_night_start, ctx.thresholds.vehicle_night_end
    return flag(trips, night_mask(trips["start_time"], start, end),
                lambda r: f"{_trip_head(r)}，出车时间在夜间（{start}时至次日{end}时），事由：{_text(r['purpose'])}",
                id_column="id", unit_column="unit")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def sensitive_words(destination: Any, keywords: Iterable[str]) -> list[str]:
    """The keywords a destination contains (NFKC, any case: 'ktv' and 'ＫＴＶ' match 'KTV').

    >>> sensitive_words("青岚温泉度假山庄", ["温泉", "度假", "KTV"]), sensitive_words("某ktv", ["KTV"])
    (['温泉', '度假'], ['KTV'])
    """
    if not isinstance(destination, str):
        return []
    folded = _fold(destination)
    return [k for k in keywords if k and _fold(k) in folded]


def vehicle_sensitive_destination(ctx: Context) -> pd.DataFrame:
    trips = ctx.data["vehicle_trips"]
    words = ctx.thresholds.sensitive_destinations
    found = trips["destination"].map(lambda d: sensitive_words(d, words), na_action=None)
    trips = trips.assign(_words=found)
    return flag(trips, found.map(bool).astype(bool),
                lambda r: f"{_trip_head(r)}，目的地含敏感词“{'、'.join(r['_words'])}”，事由：{_text(r['purpose'])}",
                id_column="id", unit_column="unit")


# ---- fuel (加油卡) ---------------------------------------------------------------------------------

def _fuel_head(r: pd.Series) -> str:
    return (f"{_text(r['unit'])}加油卡{_text(r['card_no'])}于{_minute(r['time'])}在{_text(r['station'])}"
            f"加油{num(r['liters'])}升、{num(r['amount'])}元")


def fuel_unbound_card(ctx: Context) -> pd.DataFrame:
    fuel = ctx.data["fuel"]
    return flag(fuel, is_empty(fuel["bound_plate"]),
                lambda r: f"{_fuel_head(r)}，该卡绑定车牌为“{_text(r['bound_plate'])}”，车卡未绑定",
                id_column="id", unit_column="unit", amount="amount")


def fuel_over_tank(ctx: Context) -> pd.DataFrame:
    fuel = ctx.data["fuel"]
    limit = ctx.thresholds.fuel_tank_liters_max
    return flag(fuel, fuel["liters"] > limit,
                lambda r: f"{_fuel_head(r)}，单次加油量超过油箱容量上限{num(limit)}升，疑似为其他车辆加油",
                id_column="id", unit_column="unit", amount="amount")


def fuel_holiday(ctx: Context) -> pd.DataFrame:
    fuel = ctx.data["fuel"]
    return flag(fuel, non_working(ctx, fuel["time"]),
                lambda r: f"{_fuel_head(r)}，加油日期（{_weekday(r['time'])}）为非工作日",
                id_column="id", unit_column="unit", amount="amount")


def _majority(units: pd.Series) -> str:
    """The unit most rows name; ties → the first in sorted order; '' when none.

    >>> _majority(pd.Series(["乙局", "甲局", "乙局", "甲局", None]))
    '乙局'
    """
    counts = units.dropna().astype(str).value_counts()
    if counts.empty:
        return ""
    top = counts.max()
    return sorted(counts[counts == top].index)[0]


def fuel_consumption(fuel: pd.DataFrame, trips: pd.DataFrame, l_per_100km_max: float) -> pd.DataFrame:
    """Fuel per bound plate and calendar month against the trip km of that plate and month.

    Only fuel rows with a non-empty bound_plate; plates are matched after
    removing spaces, NFKC and upper case. Columns: record_id (``PLATE@YYYY-MM``),
    plate, month, unit (the unit most fuel rows name; ties: first in sort order),
    fills, liters, amount (元), km, l_per_100km (NaN when km is 0), limit, anomaly
    (liters > 0 and km = 0, or liters / km × 100 > limit).

    >>> fuel = pd.DataFrame({"bound_plate": ["赣A1", "赣A1", "赣B2", None], "unit": ["甲", "甲", "乙", "丙"],
    ...     "time": pd.to_datetime(["2020-03-02", "2020-03-20", "2020-03-05", "2020-03-05"]),
    ...     "liters": [20.0, 10.0, 15.0, 50.0], "amount": [140.0, 70.0, 105.0, 350.0]})
    >>> trips = pd.DataFrame({"plate": ["赣A1", "赣A1"], "start_time": pd.to_datetime(["2020-03-01", "2020-03-09"]),
    ...     "km": [100.0, 100.0]})
    >>> fuel_consumption(fuel, trips, 15)[["record_id", "liters", "km", "l_per_100km", "anomaly"]].values.tolist()
    [['赣A1@2020-03', 30.0, 200.0, 15.0, False], ['赣B2@2020-03', 15.0, 0.0, nan, True]]
    """
    columns = ["record_id", "plate", "month", "unit", "fills", "liters", "amount", "km", "l_per_100km",
               "limit", "anomaly"]
    rows = fuel[_has_text(fuel["bound_plate"]) & fuel["time"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(_plate=rows["bound_plate"].map(plate_key), _month=rows["time"].dt.to_period("M"))
    trips = trips[trips["start_time"].notna()]
    trips = trips.assign(_plate=trips["plate"].map(plate_key), _month=trips["start_time"].dt.to_period("M"))
    km = trips.groupby(["_plate", "_month"])["km"].sum()
    out = []
    for (plate, month), group in rows.groupby(["_plate", "_month"], sort=True):
        liters = round(float(group["liters"].sum()), 6)
        distance = round(float(km.get((plate, month), 0.0)), 6)
        per_100 = liters * 100 / distance if distance > 0 else math.nan
        anomaly = liters > 0 and (distance == 0 or liters * 100 > l_per_100km_max * distance)
        out.append({
            "record_id": f"{plate}@{month.strftime('%Y-%m')}", "plate": plate, "month": str(month),
            "unit": _majority(group["unit"]), "fills": int(len(group)), "liters": liters,
            "amount": round(float(group["amount"].sum()), 2), "km": distance, "l_per_100km": per_100,
            "limit": float(l_per_100km_max), "anomaly": bool(anomaly),
        })
    return pd.DataFrame(out, columns=columns)


def fuel_consumption_anomaly(ctx: Context) -> pd.DataFrame:
    """Per bound_plate and month: liters > 0 with no trip km, or liters / km × 100 > fuel_l_per_100km_max."""
    limit = ctx.thresholds.fuel_l_per_100km_max
    table = fuel_consumption(ctx.data["fuel"], ctx.data["vehicle_trips"], limit)
    bad = table[table["anomaly"]] if not table.empty else table
    if bad.empty:
        return _empty_rule()

    def message(r: pd.Series) -> str:
        head = (f"车辆{r['plate']}在{r['month']}（{r['unit']}）加油{int(r['fills'])}次共{num(r['liters'])}升、"
                f"{num(r['amount'])}元")
        if r["km"] == 0:
            return f"{head}，当月出车记录里程为0公里，有油耗无出车，疑似公车私用或私车公养"
        return (f"{head}，当月出车里程{num(r['km'], 1)}公里，百公里油耗{num(r['l_per_100km'])}升，"
                f"超过{num(limit)}升/百公里")

    return pd.DataFrame({"record_id": bad["record_id"], "unit": bad["unit"], "amount": bad["amount"],
                         "message": [message(r) for _, r in bad.iterrows()], "row": pd.NA})


# ---- overseas (因公出国（境）) -----------------------------------------------------------------------

def overseas_days(overseas: pd.DataFrame) -> pd.DataFrame:
    """Each trip abroad with its days (return − depart + 1), countries, the day limit and the days over it.

    Names (personal data) are left out.

    >>> df = pd.DataFrame({"id": ["G1"], "unit": ["甲"], "countries": ["法国、、德国"], "approval_no": ["X"],
    ...     "cost": [1.0], "depart_on": pd.to_datetime(["2020-01-01"]), "return_on": pd.to_datetime(["2020-01-09"])})
    >>> overseas_days(df)[["days", "n_countries", "limit", "over_days", "over"]].values.tolist()
    [[9, 2, 8, 1, True]]
    """
    pieces = overseas["countries"].map(split_countries, na_action=None)
    days = ((overseas["return_on"] - overseas["depart_on"]).dt.days + 1).astype("Int64")
    n = pieces.map(len).astype("int64")
    limit = n.map(overseas_day_limit).astype("int64")
    over_days = (days - limit).clip(lower=0)
    return pd.DataFrame({
        "id": overseas["id"], "unit": overseas["unit"], "depart_on": overseas["depart_on"],
        "return_on": overseas["return_on"], "countries": pieces.map("、".join).astype("str"),
        "n_countries": n, "days": days, "limit": limit, "over_days": over_days,
        "over": (days > limit).fillna(False).astype(bool), "approval_no": overseas["approval_no"],
        "cost": overseas["cost"],
    }, index=overseas.index)


def overseas_no_approval(ctx: Context) -> pd.DataFrame:
    ov = ctx.data["overseas"]
    return flag(ov, is_empty(ov["approval_no"]),
                lambda r: f"{_text(r['unit'])}人员{_day(r['depart_on'])}至{_day(r['return_on'])}赴{_text(r['countries'])}，"
                          f"费用{num(r['cost'])}元，批件号为“{_text(r['approval_no'])}”，无出国（境）批件",
                id_column="id", unit_column="unit", amount="cost")


def overseas_over_days(ctx: Context) -> pd.DataFrame:
    """days = return_on − depart_on + 1 over 5 (one country), 8 (two), 10 (three or more).

    Countries are the distinct non-empty pieces after splitting on 、，,;；.
    """
    ov = ctx.data["overseas"]
    table = overseas_days(ov)
    ov = ov.assign(_days=table["days"], _n=table["n_countries"], _limit=table["limit"], _c=table["countries"])
    return flag(ov, table["over"],
                lambda r: f"{_text(r['unit'])}人员{_day(r['depart_on'])}至{_day(r['return_on'])}赴{r['_c'] or '空'}"
                          f"（{int(r['_n'])}个国家/地区），在外{int(r['_days'])}天，超过{int(r['_limit'])}天的规定"
                          f"（超{int(r['_days']) - int(r['_limit'])}天），费用{num(r['cost'])}元",
                id_column="id", unit_column="unit", amount="cost")


# ---- budget (预算与决算) ---------------------------------------------------------------------------

def budget_over_budget(ctx: Context) -> pd.DataFrame:
    """actual > budget; amount = (actual − budget) × 10 000 元 (the columns are in 万元)."""
    bud = ctx.data["sangong_budget"]
    mask = bud["actual"].notna() & (bud["actual"] > bud["budget"])
    over = ((bud["actual"] - bud["budget"]) * WAN).round(2)

    def message(r: pd.Series) -> str:
        diff = r["actual"] - r["budget"]
        pct = f"，超支{diff / r['budget']:.1%}" if r["budget"] > 0 else ""
        return (f"{_text(r['unit'])}{r['year']}年{r['category']}预算{num(r['budget'], 4)}万元，"
                f"决算{num(r['actual'], 4)}万元，超预算{num(diff, 4)}万元（{num(diff * WAN)}元）{pct}")

    return flag(bud, mask, message, id_column="id", unit_column="unit", amount=over)


DETAIL_SOURCES: dict[str, tuple[str, str, str, str]] = {
    # category: (dataset, money column, date column, label)
    RECEPTION_FEE: ("reception", "amount", "date", "公务接待明细"),
    OVERSEAS_FEE: ("overseas", "cost", "depart_on", "因公出国（境）明细"),
}


def detail_totals(detail: pd.DataFrame, money: str, date: str) -> pd.DataFrame:
    """Sum and count of a detail dataset's money by (trimmed unit, calendar year of ``date``)."""
    frame = pd.DataFrame({"unit": _stripped(detail["unit"]), "year": detail[date].dt.year.astype("Int64"),
                          "money": detail[money]})
    frame = frame[frame["year"].notna()]
    return frame.groupby(["unit", "year"]).agg(detail_sum=("money", "sum"), detail_rows=("money", "size"))


def budget_reconciliation(budget: pd.DataFrame, reception: pd.DataFrame | None = None,
                          overseas: pd.DataFrame | None = None, *, ratio: float = 0.05,
                          minimum: float = 1000) -> pd.DataFrame:
    """Final accounts (决算) of 公务接待费 and 因公出国（境）费 against the sum of their detail rows.

    Same unit (exact text after trimming) and year (reception by date,
    overseas by depart_on). Only categories whose detail dataset is given, only
    rows with actual set. A budget row with no detail rows is compared with a
    detail sum of 0. ``mismatch``: abs(actual × 10 000 − detail) > ratio ×
    max(actual × 10 000, detail) and > minimum (元); amounts rounded to the fen.
    """
    columns = ["id", "unit", "year", "category", "actual_yuan", "detail_sum", "detail_rows", "difference",
               "diff_ratio", "mismatch", ROW_COLUMN]
    parts = []
    for category, (name, money, date, _label) in DETAIL_SOURCES.items():
        detail = reception if name == "reception" else overseas
        if detail is None:
            continue
        rows = budget[(budget["category"] == category) & budget["actual"].notna()]
        if rows.empty:
            continue
        grouped = detail_totals(detail, money, date)
        totals = {(str(u), int(y)): (float(r.detail_sum), int(r.detail_rows))
                  for (u, y), r in zip(grouped.index, grouped.itertuples())}
        keys = [(str(u), int(y)) for u, y in zip(_stripped(rows["unit"]), rows["year"])]
        sums = [totals.get(k, (0.0, 0))[0] for k in keys]
        counts = [totals.get(k, (0.0, 0))[1] for k in keys]
        actual = (rows["actual"] * WAN).round(2)
        detail_sum = pd.Series(sums, index=rows.index, dtype="float64").round(2)
        difference = (actual - detail_sum).abs().round(2)
        biggest = np.maximum(actual, detail_sum)
        tolerance = 1e-6
        mismatch = (difference > ratio * biggest + tolerance) & (difference > minimum + tolerance)
        parts.append(pd.DataFrame({
            "id": rows["id"], "unit": rows["unit"], "year": rows["year"], "category": rows["category"],
            "actual_yuan": actual, "detail_sum": detail_sum,
            "detail_rows": pd.Series(counts, index=rows.index, dtype="int64"), "difference": difference,
            "diff_ratio": (difference / biggest).where(biggest > 0), "mismatch": mismatch.astype(bool),
            ROW_COLUMN: rows[ROW_COLUMN] if ROW_COLUMN in rows else pd.NA,
        }, index=rows.index))
    if not parts:
        return pd.DataFrame(columns=columns)
    return pd.concat(parts).sort_index()[columns]


def budget_detail_mismatch(ctx: Context) -> pd.DataFrame:
    """budget.detail_mismatch: 公务接待费 vs reception (when present), 因公出国（境）费 vs overseas (when present).

    A budget row whose unit and year have no detail rows is compared with a
    detail sum of 0 (so any actual over budget_mismatch_min 元 is flagged: the
    spending is not in the detail ledger at all).
    """
    present = [c for c, (name, *_r) in DETAIL_SOURCES.items() if ctx.has(name)]
    if len(present) < len(DETAIL_SOURCES):
        missing = [DETAIL_SOURCES[c][0] for c in DETAIL_SOURCES if c not in present]
        ctx.note(f"budget.detail_mismatch：缺少数据集 {'、'.join(missing)}，"
                 + ("未核对对应类别的决算数" if present else "未执行预决算与明细核对"))
    if not present:
        return _empty_rule()
    t = ctx.thresholds
    table = budget_reconciliation(ctx.data["sangong_budget"], ctx.data.get("reception"), ctx.data.get("overseas"),
                                  ratio=t.budget_mismatch_ratio, minimum=t.budget_mismatch_min)
    bad = table[table["mismatch"]]
    if bad.empty:
        return _empty_rule()

    def message(r: pd.Series) -> str:
        label = DETAIL_SOURCES[r["category"]][3]
        detail = (f"{label}合计{num(r['detail_sum'])}元（{int(r['detail_rows'])}条）" if r["detail_rows"]
                  else f"{label}中无该单位该年度记录（按0元计）")
        return (f"{_text(r['unit'])}{r['year']}年{r['category']}决算数{num(r['actual_yuan'] / WAN, 4)}万元"
                f"（{num(r['actual_yuan'])}元），{detail}，相差{num(r['difference'])}元（{r['diff_ratio']:.1%}），"
                f"超过{t.budget_mismatch_ratio:.0%}且超过{num(t.budget_mismatch_min)}元，决算与明细不符")

    return pd.DataFrame({"record_id": bad["id"].astype("str"), "unit": bad["unit"], "amount": bad["difference"],
                         "message": [message(r) for _, r in bad.iterrows()], "row": bad[ROW_COLUMN]})


# ---- Benford (本福特定律) --------------------------------------------------------------------------

def benford_columns(data: Mapping[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """The money columns of the sangong datasets present, in 元, by 'dataset.column'."""
    out = {}
    for dataset, column, factor, _label in MONEY_COLUMNS:
        frame = data.get(dataset)
        if frame is not None and column in frame:
            out[f"{dataset}.{column}"] = frame[column].astype("float64") * factor
    return out


def benford_summary(data: Mapping[str, pd.DataFrame], digits: int = 1) -> pd.DataFrame:
    """One row per money column: n (values ≥ 10 元), MAD, Nigrini's class, digits that stand out."""
    labels = {f"{d}.{c}": label for d, c, _f, label in MONEY_COLUMNS}
    rows = []
    for name, values in benford_columns(data).items():
        result = benford_test(values, digits)
        rows.append({"列": name, "名称": labels[name], "样本量": result.n,
                     "MAD": None if result.too_small else result.mad,
                     "符合程度": result.conformity_zh, "Nigrini分类": result.conformity,
                     "显著偏离的数字": "、".join(map(str, result.standouts)) if not result.too_small else ""})
    return pd.DataFrame(rows, columns=["列", "名称", "样本量", "MAD", "符合程度", "Nigrini分类", "显著偏离的数字"])


def generic_benford(ctx: Context) -> pd.DataFrame:
    """Per money column with ≥ 300 values ≥ 10 (元): first-digit MAD > 0.015 (Nigrini: nonconformity)."""
    labels = {f"{d}.{c}": label for d, c, _f, label in MONEY_COLUMNS}
    rows = []
    for name, values in benford_columns(ctx.data).items():
        result: BenfordResult = benford_test(values, 1, min_n=BENFORD_MIN_N)
        if result.too_small or not result.mad > BENFORD_MAD_MAX:
            continue
        stand = "、".join(map(str, result.standouts)) or "无"
        rows.append({
            "dataset": name.split(".")[0], "record_id": "", "unit": "", "amount": np.nan, "row": pd.NA,
            "message": f"{name}（{labels[name]}）{result.n}个≥10元的数值首位数字分布偏离本福特定律："
                       f"MAD={result.mad:.4f}，超过{BENFORD_MAD_MAX}，Nigrini分类为{result.conformity_zh}"
                       f"（{result.conformity}）；显著偏离（|z|>1.96）的首位数字：{stand}，建议抽查相关凭证",
        })
    return pd.DataFrame(rows, columns=[*RULE_COLUMNS, "dataset"])


CHECKS: list[Check] = [
    Check("reception.no_letter", AREA, "reception", "medium", "无公函接待", reception_no_letter),
    Check("reception.same_city", AREA, "reception", "high", "同城公款吃喝", reception_same_city),
    Check("reception.hosts_over_limit", AREA, "reception", "medium", "陪餐人数超标", reception_hosts_over_limit),
    Check("reception.per_capita_over_standard", AREA, "reception", "medium", "人均接待费超标准",
          reception_per_capita_over_standard),
    Check("reception.duplicate_invoice", AREA, "reception", "high", "发票重复报销", reception_duplicate_invoice),
    Check("reception.split", AREA, "reception", "medium", "拆分报销接待费", reception_split),
    Check("reception.holiday", AREA, "reception", "low", "非工作日接待", reception_holiday),
    Check("vehicle.no_approval", AREA, "vehicle_trips", "medium", "公车出车无审批", vehicle_no_approval),
    Check("vehicle.holiday_use", AREA, "vehicle_trips", "medium", "节假日用车", vehicle_holiday_use),
    Check("vehicle.night_use", AREA, "vehicle_trips", "low", "夜间用车", vehicle_night_use),
    Check("vehicle.sensitive_destination", AREA, "vehicle_trips", "medium", "公车去往敏感场所",
          vehicle_sensitive_destination),
    Check("fuel.unbound_card", AREA, "fuel", "medium", "加油卡未绑定车辆", fuel_unbound_card),
    Check("fuel.over_tank", AREA, "fuel", "high", "单次加油超油箱容量", fuel_over_tank),
    Check("fuel.holiday", AREA, "fuel", "low", "非工作日加油", fuel_holiday),
    Check("fuel.consumption_anomaly", AREA, "fuel", "medium", "油耗与里程不匹配", fuel_consumption_anomaly,
          needs=("vehicle_trips",)),
    Check("overseas.no_approval", AREA, "overseas", "high", "因公出国（境）无批件", overseas_no_approval),
    Check("overseas.over_days", AREA, "overseas", "medium", "出国（境）天数超标", overseas_over_days),
    Check("budget.over_budget", AREA, "sangong_budget", "medium", "三公经费超预算", budget_over_budget),
    Check("budget.detail_mismatch", AREA, "sangong_budget", "high", "决算与明细不符", budget_detail_mismatch),
    Check("generic.benford", AREA, "reception", "low", "金额分布偏离本福特定律", generic_benford,
          any_of=tuple(dict.fromkeys(d for d, *_r in MONEY_COLUMNS))),
]


def _sum(ctx: Context, dataset: str, column: str) -> float:
    return float(ctx.data[dataset][column].sum())


INDICATORS: list[Indicator] = [
    Indicator("sangong.reception.count", "公务接待（批次）", ("reception",), lambda ctx, f: len(ctx.data["reception"]), "批次"),
    Indicator("sangong.reception.amount", "公务接待金额（元）", ("reception",),
              lambda ctx, f: _sum(ctx, "reception", "amount"), "元"),
    Indicator("sangong.vehicle.trips", "公车出车（次）", ("vehicle_trips",),
              lambda ctx, f: len(ctx.data["vehicle_trips"]), "次"),
    Indicator("sangong.vehicle.km", "公车行驶里程（公里）", ("vehicle_trips",),
              lambda ctx, f: _sum(ctx, "vehicle_trips", "km"), "km"),
    Indicator("sangong.fuel.liters", "加油量（升）", ("fuel",), lambda ctx, f: _sum(ctx, "fuel", "liters"), "L"),
    Indicator("sangong.fuel.amount", "加油金额（元）", ("fuel",), lambda ctx, f: _sum(ctx, "fuel", "amount"), "元"),
    Indicator("sangong.overseas.trips", "因公出国（境）（人次）", ("overseas",),
              lambda ctx, f: len(ctx.data["overseas"]), "人次"),
    Indicator("sangong.overseas.cost", "因公出国（境）费用（元）", ("overseas",),
              lambda ctx, f: _sum(ctx, "overseas", "cost"), "元"),
]


# ---- tables for the notebook (DataFrame in, new DataFrame out) ------------------------------------

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
        if frame is None:
            continue
        parts.append(pd.DataFrame({"unit": frame["unit"].astype("str"), "category": category,
                                   "date": frame[date].dt.normalize(), "yuan": frame[money].astype("float64")}))
    if not parts:
        return pd.DataFrame({"unit": pd.Series(dtype="str"), "category": pd.Series(dtype="str"),
                             "date": pd.Series(dtype="datetime64[ns]"), "month": pd.Series(dtype="str"),
                             "yuan": pd.Series(dtype="float64")})
    items = pd.concat(parts, ignore_index=True)
    items.insert(3, "month", items["date"].dt.strftime("%Y-%m").astype("str"))
    return items


_CATEGORY_ORDER = [RECEPTION_FEE, FUEL_CATEGORY, OVERSEAS_FEE]


def spending_by_unit(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                     overseas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spending per unit and category in 万元, with a 合计 column, largest first."""
    items = spending_items(reception, fuel, overseas)
    table = items.pivot_table(index="unit", columns="category", values="yuan", aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=[c for c in _CATEGORY_ORDER if c in table.columns]) / WAN
    table["合计"] = table.sum(axis=1)
    table = table.sort_values("合计", ascending=False)
    table.columns.name = None
    return table.rename_axis("单位")


def spending_by_category(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                         overseas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per category: rows (笔数), 金额（万元）, share of the total."""
    items = spending_items(reception, fuel, overseas)
    table = items.groupby("category").agg(笔数=("yuan", "size"), 金额_万元=("yuan", "sum"))
    table = table.reindex([c for c in _CATEGORY_ORDER if c in table.index])
    table["金额_万元"] = table["金额_万元"] / WAN
    total = table["金额_万元"].sum()
    table["占比"] = table["金额_万元"] / total if total else np.nan
    return table.rename(columns={"金额_万元": "金额（万元）"}).rename_axis("类别")


def spending_by_month(reception: pd.DataFrame | None = None, fuel: pd.DataFrame | None = None,
                      overseas: pd.DataFrame | None = None) -> pd.DataFrame:
    """Spending per month (rows, YYYY-MM) and category (columns) in 万元; months without spending are 0."""
    items = spending_items(reception, fuel, overseas)
    table = items.pivot_table(index="month", columns="category", values="yuan", aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=[c for c in _CATEGORY_ORDER if c in table.columns]) / WAN
    if not table.empty:
        months = pd.period_range(min(table.index), max(table.index), freq="M").strftime("%Y-%m")
        table = table.reindex(months, fill_value=0.0)
    table.columns.name = None
    return table.rename_axis("月份")


def budget_execution(budget: pd.DataFrame) -> pd.DataFrame:
    """Each budget row: 预算/决算 (万元), execution rate (决算/预算, NaN when budget 0), 超支 (万元), 超预算.

    >>> b = pd.DataFrame({"unit": ["甲"], "year": [2020], "category": ["公务接待费"], "budget": [10.0], "actual": [12.5]})
    >>> budget_execution(b)[["执行率", "超支（万元）", "超预算"]].values.tolist()
    [[1.25, 2.5, True]]
    """
    rate = (budget["actual"] / budget["budget"]).where(budget["budget"] > 0)
    over = (budget["actual"] - budget["budget"]).clip(lower=0)
    return pd.DataFrame({
        "单位": budget["unit"], "年度": budget["year"], "类别": budget["category"],
        "预算（万元）": budget["budget"], "决算（万元）": budget["actual"], "执行率": rate,
        "超支（万元）": over, "超预算": (budget["actual"] > budget["budget"]).fillna(False).astype(bool),
    }, index=budget.index)


def budget_by_unit(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget and final accounts per unit (万元, all years and categories summed), execution rate; largest first."""
    table = budget.groupby("unit").agg(预算=("budget", "sum"), 决算=("actual", lambda s: s.sum(min_count=1)))
    table["执行率"] = (table["决算"] / table["预算"]).where(table["预算"] > 0)
    table = table.sort_values("预算", ascending=False)
    return table.rename(columns={"预算": "预算（万元）", "决算": "决算（万元）"}).rename_axis("单位")


def over_budget_units(budget: pd.DataFrame) -> pd.DataFrame:
    """Budget rows where 决算 > 预算, largest overspend first (万元 and 元)."""
    table = budget_execution(budget)
    table = table[table["超预算"]].sort_values("超支（万元）", ascending=False)
    return table.assign(**{"超支（元）": (table["超支（万元）"] * WAN).round(2)}).drop(columns="超预算")


def per_capita(reception: pd.DataFrame, limit: float = 150) -> pd.DataFrame:
    """Each reception with its persons (guests + hosts), per-capita amount and whether it is over ``limit``."""
    persons = (reception["guests"] + reception["hosts"]).astype("float64")
    return pd.DataFrame({
        "编号": reception["id"], "接待单位": reception["unit"], "接待日期": reception["date"],
        "来访单位": reception["guest_org"], "接待对象": reception["guests"], "陪餐": reception["hosts"],
        "金额（元）": reception["amount"], "人均（元）": reception["amount"] / persons,
        "超标准": (reception["amount"] > limit * persons).fillna(False).astype(bool),
    }, index=reception.index)


def per_capita_distribution(reception: pd.DataFrame, limit: float = 150, step: float = 50) -> pd.DataFrame:
    """Receptions per per-capita band of ``step`` 元 (the band edge at ``limit`` is kept), for a histogram."""
    pc = reception["amount"] / (reception["guests"] + reception["hosts"]).astype("float64")
    top = max(float(pc.max()) if len(pc) else 0.0, float(limit)) + step
    edges = np.arange(0, top + step, step)
    if limit not in edges:
        edges = np.sort(np.append(edges, limit))
    bands = pd.cut(pc, edges, right=True, include_lowest=True, labels=False)
    counts = pd.Series(bands).value_counts().reindex(range(len(edges) - 1), fill_value=0)
    labels = [f"{num(lo)}–{num(hi)}" for lo, hi in zip(edges[:-1], edges[1:])]
    return pd.DataFrame({"人均区间（元）": labels, "批次": counts.to_numpy(dtype="int64"),
                         "超标准": [bool(lo >= limit) for lo in edges[:-1]]})


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
    where = reception_city(reception, round_city)
    mask = _has_text(reception["guest_city"]) & pd.Series(
        [same_city(g, c) for g, c in zip(reception["guest_city"], where)], index=reception.index, dtype=bool)
    return _reception_list(reception, mask, {"接待地": where})


def no_letter_receptions(reception: pd.DataFrame) -> pd.DataFrame:
    """Receptions without an official letter (公函编号 empty, 无, - …)."""
    return _reception_list(reception, is_empty(reception["letter_no"]))


def hosts_over_limit_receptions(reception: pd.DataFrame) -> pd.DataFrame:
    """Receptions whose 陪餐 count breaks the limit."""
    return _reception_list(reception, hosts_over_limit_mask(reception["guests"], reception["hosts"]))


def split_groups(reception: pd.DataFrame) -> pd.DataFrame:
    """Same unit, venue and day with two or more receptions: one row per group (笔数, 合计, 编号)."""
    key = _split_key(reception)
    rows = reception[key.notna()].assign(_key=key)
    if rows.empty:
        return pd.DataFrame(columns=["接待单位", "接待日期", "用餐地点", "笔数", "合计（元）", "编号"])
    table = rows.groupby("_key", sort=True).agg(
        接待单位=("unit", "first"), 接待日期=("date", "first"), 用餐地点=("venue", lambda s: str(s.iloc[0]).strip()),
        笔数=("id", "size"), 合计=("amount", "sum"), 编号=("id", lambda s: "、".join(s.astype(str))))
    return table.rename(columns={"合计": "合计（元）"}).reset_index(drop=True)


def duplicate_invoice_groups(reception: pd.DataFrame) -> pd.DataFrame:
    """Invoice numbers used on two or more receptions: one row per number."""
    shared = _shared_invoice(reception)
    rows = reception[shared.notna()].assign(_inv=shared)
    if rows.empty:
        return pd.DataFrame(columns=["发票号码", "笔数", "合计（元）", "编号", "接待单位"])
    table = rows.groupby("_inv", sort=True).agg(
        笔数=("id", "size"), 合计=("amount", "sum"), 编号=("id", lambda s: "、".join(s.astype(str))),
        接待单位=("unit", lambda s: "、".join(dict.fromkeys(s.astype(str)))))
    return table.rename(columns={"合计": "合计（元）"}).rename_axis("发票号码").reset_index()


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
        "星期": rows["start_time"].map(_weekday), "返回时间": rows["end_time"], "目的地": rows["destination"],
        "里程（公里）": rows["km"], "事由": rows["purpose"], "审批单号": rows["approval_no"],
    }, index=rows.index)


def holiday_trips(trips: pd.DataFrame, notes: list[str] | None = None) -> pd.DataFrame:
    """Trips starting on a non-working day (official holidays and 调休)."""
    from toolkit.checks.calendar import non_working_days

    return _trip_list(trips, non_working_days(trips["start_time"], notes))


def night_trips(trips: pd.DataFrame, start: int = 22, end: int = 6) -> pd.DataFrame:
    """Trips starting at hour ≥ start or < end."""
    return _trip_list(trips, night_mask(trips["start_time"], start, end))


def sensitive_trips(trips: pd.DataFrame, keywords: Iterable[str]) -> pd.DataFrame:
    """Trips whose destination contains a sensitive keyword, with the words found."""
    words = trips["destination"].map(lambda d: sensitive_words(d, list(keywords)), na_action=None)
    table = _trip_list(trips, words.map(bool).astype(bool))
    return table.assign(敏感词=words[table.index].map("、".join))


def unbound_cards(fuel: pd.DataFrame) -> pd.DataFrame:
    """Fuel cards with no bound plate: per card, fills, liters and 元."""
    rows = fuel[is_empty(fuel["bound_plate"])]
    if rows.empty:
        return pd.DataFrame(columns=["加油卡号", "使用单位", "次数", "升数", "金额（元）", "首次", "末次"])
    table = rows.groupby("card_no", sort=True).agg(
        使用单位=("unit", lambda s: "、".join(dict.fromkeys(s.astype(str)))), 次数=("id", "size"),
        升数=("liters", "sum"), 金额=("amount", "sum"), 首次=("time", "min"), 末次=("time", "max"))
    return table.rename(columns={"金额": "金额（元）"}).rename_axis("加油卡号").reset_index()


def over_tank_fills(fuel: pd.DataFrame, limit: float = 80) -> pd.DataFrame:
    """Single fills above the tank limit, largest first."""
    rows = fuel[fuel["liters"] > limit].sort_values("liters", ascending=False)
    return pd.DataFrame({
        "编号": rows["id"], "加油卡号": rows["card_no"], "绑定车牌": rows["bound_plate"], "使用单位": rows["unit"],
        "加油时间": rows["time"], "加油站": rows["station"], "升数": rows["liters"], "金额（元）": rows["amount"],
        "超出（升）": rows["liters"] - limit,
    }, index=rows.index)


def headline(indicators: Mapping[str, Any], findings: pd.DataFrame, data: Mapping[str, pd.DataFrame]) -> str:
    """The key numbers of the area as plain text lines (stable: no timestamps, no addresses)."""
    def val(name: str, fmt) -> str:
        v = indicators.get(name)
        return "缺少数据" if v is None else fmt(v)

    wan = lambda v: f"{v / WAN:,.2f}万元"  # noqa: E731
    lines = [
        f"公务接待：{val('sangong.reception.count', lambda v: f'{v}批次')}，"
        f"{val('sangong.reception.amount', wan)}",
        f"公车出车：{val('sangong.vehicle.trips', lambda v: f'{v}次')}，"
        f"{val('sangong.vehicle.km', lambda v: f'{v:,.1f}公里')}",
        f"加油：{val('sangong.fuel.liters', lambda v: f'{v:,.1f}升')}，{val('sangong.fuel.amount', wan)}",
        f"因公出国（境）：{val('sangong.overseas.trips', lambda v: f'{v}人次')}，"
        f"{val('sangong.overseas.cost', wan)}",
    ]
    budget = data.get("sangong_budget")
    if budget is not None:
        total_b, total_a = float(budget["budget"].sum()), float(budget["actual"].sum())
        rate = f"{total_a / total_b:.1%}" if total_b else "—"
        n_over = int((budget["actual"] > budget["budget"]).fillna(False).sum())
        lines.append(f"三公经费预算{total_b:,.2f}万元，决算{total_a:,.2f}万元，执行率{rate}，超预算{n_over}项")
    else:
        lines.append("三公经费预算与决算：缺少数据")
    area = findings[findings["area"] == AREA]
    lines.append(f"疑点合计{len(area)}条，涉及金额{area['amount'].sum() / WAN:,.2f}万元（各条疑点金额累加，同一记录可能重复计入）")
    for severity, zh in (("high", "高"), ("medium", "中"), ("low", "低")):
        lines.append(f"  {zh}风险：{int((area['severity'] == severity).sum())}条")
    return "\n".join(lines)


# ---- charts for the notebook (each draws on the axes it is given, Chinese titles, units on the axes) ----

def _palette() -> tuple[str, ...]:
    from toolkit.plots import PALETTE

    return PALETTE


def draw_stacked(ax, table: pd.DataFrame, *, title: str, xlabel: str, ylabel: str, horizontal: bool = False):
    """Stacked bars of a table's columns (one colour per column) with a legend."""
    colours = _palette()
    base = np.zeros(len(table))
    labels = [str(i) for i in table.index]
    for i, column in enumerate(table.columns):
        values = table[column].to_numpy(dtype="float64")
        if horizontal:
            ax.barh(labels, values, left=base, height=0.6, color=colours[i % len(colours)], label=str(column))
        else:
            ax.bar(labels, values, bottom=base, width=0.7, color=colours[i % len(colours)], label=str(column))
        base = base + values
    if horizontal:
        ax.invert_yaxis()
        ax.grid(False, axis="y")
    else:
        ax.grid(False, axis="x")
        if len(labels) > 8:
            ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    return ax


def draw_budget(ax, by_unit: pd.DataFrame):
    """Budget vs final accounts per unit (万元), execution rate printed above each pair; over-budget in red."""
    colours = _palette()
    x = np.arange(len(by_unit))
    budget = by_unit["预算（万元）"].to_numpy(dtype="float64")
    actual = by_unit["决算（万元）"].fillna(0).to_numpy(dtype="float64")
    ax.bar(x - 0.2, budget, width=0.4, color=colours[0], label="预算")
    ax.bar(x + 0.2, actual, width=0.4, color=[colours[3] if a > b else colours[2] for a, b in zip(actual, budget)],
           label="决算（红色为超预算）")
    for xi, b, a, r in zip(x, budget, actual, by_unit["执行率"]):
        if pd.notna(r):
            ax.text(xi, max(a, b), f"{r:.0%}", ha="center", va="bottom", fontsize="x-small")
    ax.set_xticks(x, [str(u) for u in by_unit.index], rotation=45, ha="right")
    ax.grid(False, axis="x")
    ax.set_title("各单位三公经费预算与决算（万元，标注为执行率）")
    ax.set_xlabel("单位")
    ax.set_ylabel("金额（万元）")
    ax.legend()
    return ax


def draw_per_capita(ax, distribution: pd.DataFrame, limit: float):
    """Receptions per per-capita band; bands above the standard in red."""
    colours = _palette()
    bars = ax.bar(distribution["人均区间（元）"], distribution["批次"],
                  color=[colours[3] if over else colours[0] for over in distribution["超标准"]], width=0.8)
    ax.bar_label(bars, labels=[f"{n:,}" if n else "" for n in distribution["批次"]], padding=2, fontsize="small")
    ax.grid(False, axis="x")
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(f"公务接待人均费用分布（标准{num(limit)}元/人，红色为超标准）")
    ax.set_xlabel("人均费用（元/人）")
    ax.set_ylabel("接待批次（批）")
    return ax


def draw_hosts_guests(ax, reception: pd.DataFrame):
    """Hosts against guests, dot size = receptions, with the 陪餐 limit line (3 up to 10 guests, then a third)."""
    colours = _palette()
    pairs = reception.groupby([reception["guests"].astype("int64"), reception["hosts"].astype("int64")]).size()
    guests = np.array([g for g, _h in pairs.index], dtype="float64")
    hosts = np.array([h for _g, h in pairs.index], dtype="float64")
    over = hosts_over_limit_mask(pd.Series(guests), pd.Series(hosts)).to_numpy()
    sizes = 15 + 30 * np.sqrt(pairs.to_numpy())
    ax.scatter(guests[~over], hosts[~over], s=sizes[~over], color=colours[0], alpha=0.6, label="未超标")
    ax.scatter(guests[over], hosts[over], s=sizes[over], color=colours[3], alpha=0.9, label="陪餐超标")
    top = max(12.0, float(guests.max()) + 1 if len(guests) else 12.0)
    line_x = np.arange(1, top + 1)
    line_y = np.where(line_x <= 10, 3, np.floor(line_x / 3))
    ax.step(line_x, line_y, where="post", color="#333333", linewidth=1.2, linestyle="--", label="陪餐上限")
    ax.set_title("接待对象人数与陪餐人数（点越大批次越多）")
    ax.set_xlabel("接待对象人数（人）")
    ax.set_ylabel("陪餐人数（人）")
    legend = ax.legend(loc="upper left")
    for handle in legend.legend_handles:
        if hasattr(handle, "set_sizes"):
            handle.set_sizes([40])
    return ax


def draw_heatmap(ax, table: pd.DataFrame, night: tuple[int, int] = (22, 6)):
    """Weekday × hour heat map of trips with the count in each non-empty cell; night hours outlined."""
    data = table.to_numpy(dtype="float64")
    image = ax.imshow(data, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(24), [str(h) for h in range(24)])
    ax.set_yticks(range(len(table.index)), list(table.index))
    ax.grid(False)
    top = data.max() if data.size else 0
    for (i, j), value in np.ndenumerate(data):
        if value:
            ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize=7,
                    color="white" if value > top * 0.6 else "#333333")
    start, end = night
    for edge in (end - 0.5, start - 0.5):
        if 0 < edge < 23.5:
            ax.axvline(edge, color="#D55E00", linewidth=1.2, linestyle="--")
    ax.set_title(f"公务用车出车时间分布（星期×出发时刻，虚线外为夜间{start}时至次日{end}时）")
    ax.set_xlabel("出发时刻（时）")
    ax.set_ylabel("星期")
    ax.figure.colorbar(image, ax=ax, label="出车次数（次）", shrink=0.85)
    return ax


def draw_fuel(ax, consumption: pd.DataFrame, limit: float, top: int = 30):
    """L/100km per plate-month (highest ``top``, anomalies always shown), the limit as a dashed line.

    Months with fuel but no trip km have no ratio: drawn as a red bar at the axis top labelled 无里程.
    """
    colours = _palette()
    table = consumption.assign(_sort=consumption["l_per_100km"].fillna(np.inf))
    table = pd.concat([table[table["anomaly"]], table[~table["anomaly"]]]).drop_duplicates("record_id")
    table = table.sort_values("_sort", ascending=False).head(max(top, int(consumption["anomaly"].sum())))
    values = table["l_per_100km"].to_numpy(dtype="float64")
    finite = values[np.isfinite(values)]
    ceiling = max(float(finite.max()) if finite.size else 0.0, limit) * 1.15
    heights = np.where(np.isfinite(values), values, ceiling)
    bar_colours = [colours[3] if a else colours[0] for a in table["anomaly"]]
    bars = ax.barh(table["record_id"], heights, color=bar_colours, height=0.7)
    ax.bar_label(bars, labels=["无里程" if not np.isfinite(v) else f"{v:.1f}" for v in values], padding=2,
                 fontsize="x-small")
    ax.axvline(limit, color="#333333", linestyle="--", linewidth=1.2, label=f"阈值 {num(limit)} 升/百公里")
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.set_title("车辆月度百公里油耗（红色为异常：超阈值或有油耗无里程）")
    ax.set_xlabel("百公里油耗（升/百公里）")
    ax.set_ylabel("车牌@月份")
    ax.legend(loc="lower right")
    return ax


def draw_overseas(ax, days: pd.DataFrame):
    """Days abroad per trip against its limit (black tick); trips over the limit in red."""
    colours = _palette()
    table = days.sort_values(["over", "days"], ascending=[False, False])
    labels = [f"{i}（{c}）" for i, c in zip(table["id"], table["countries"])]
    ax.barh(labels, table["days"].astype("float64"), height=0.6,
            color=[colours[3] if o else colours[0] for o in table["over"]], label="在外天数（红色为超期）")
    ax.scatter(table["limit"].astype("float64"), labels, marker="|", s=300, color="#000000", label="规定天数",
               zorder=3)
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.set_title("因公出国（境）在外天数与规定天数（1国5天、2国8天、3国及以上10天）")
    ax.set_xlabel("天数（天）")
    ax.set_ylabel("批次（编号与国家地区）")
    ax.legend(loc="lower right")
    return ax


def draw_benford(ax, result: BenfordResult, label: str):
    """Observed vs expected first-digit proportions (%), digits with |z| > 1.96 in red, MAD class in the title."""
    colours = _palette()
    table = result.table
    digits = table["digit"].astype(str).tolist()
    observed = (table["observed"].fillna(0) * 100).to_numpy()
    from matplotlib.patches import Patch

    ax.bar(digits, observed, width=0.6, color=[colours[3] if s else colours[0] for s in table["significant"]])
    (line,) = ax.plot(digits, table["expected"] * 100, color="#000000", marker="o", linewidth=1.5)
    handles = [Patch(color=colours[0], label="实际占比"), Patch(color=colours[3], label="实际占比（|z|>1.96，显著偏离）"),
               line]
    ax.grid(False, axis="x")
    if result.too_small:
        verdict = f"n={result.n}，样本量不足，未做检验"
    else:
        verdict = f"n={result.n}，MAD={result.mad:.4f}，{result.conformity_zh}"
    ax.set_title(f"{label}{result.test_zh}分布（{verdict}）")
    ax.set_xlabel(result.test_zh)
    ax.set_ylabel("占比（%）")
    ax.legend(handles, ["实际占比", "实际占比（|z|>1.96，显著偏离）", "本福特定律期望占比"])
    return ax

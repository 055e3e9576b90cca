"""三公经费: every check of contract/checks.md (section sangong), its indicators, the Benford test and the demo round."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context, run_checks
from toolkit.checks.benford import benford_test, expected_proportions, leading_digits, mad_class, z_statistic
from toolkit.config import RoundConfig, Thresholds
from toolkit.datasets import BOOL, DATASETS, DATE, DATETIME, INT, MONEY, NUMBER, AREA

SANGONG_IDS = [c.id for c in sangong.CHECKS]
CONTRACT_IDS = [
    "reception.no_letter", "reception.same_city", "reception.hosts_over_limit", "reception.per_capita_over_standard",
    "reception.duplicate_invoice", "reception.split", "reception.holiday", "vehicle.no_approval",
    "vehicle.holiday_use", "vehicle.night_use", "vehicle.sensitive_destination", "fuel.unbound_card",
    "fuel.over_tank", "fuel.holiday", "fuel.consumption_anomaly", "overseas.no_approval", "overseas.over_days",
    "budget.over_budget", "budget.detail_mismatch", "generic.benford",
]
SEVERITY = {
    "reception.no_letter": "medium", "reception.same_city": "high", "reception.hosts_over_limit": "medium",
    "reception.per_capita_over_standard": "medium", "reception.duplicate_invoice": "high",
    "reception.split": "medium", "reception.holiday": "low", "vehicle.no_approval": "medium",
    "vehicle.holiday_use": "medium", "vehicle.night_use": "low", "vehicle.sensitive_destination": "medium",
    "fuel.unbound_card": "medium", "fuel.over_tank": "high", "fuel.holiday": "low",
    "fuel.consumption_anomaly": "medium", "overseas.no_approval": "high", "overseas.over_days": "medium",
    "budget.over_budget": "medium", "budget.detail_mismatch": "high", "generic.benford": "low",
}
INDICATOR_NAMES = ["sangong.reception.count", "sangong.reception.amount", "sangong.vehicle.trips",
                   "sangong.vehicle.km", "sangong.fuel.liters", "sangong.fuel.amount", "sangong.overseas.trips",
                   "sangong.overseas.cost"]


# ---- building typed frames the way ingest does (architecture.md) ---------------------------------

def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """A frame of dataset ``name`` with every column and the accepted dtypes; ``_row`` = 2, 3, …"""
    spec = DATASETS[name]
    data = {"_row": pd.array(list(range(2, 2 + len(rows))), dtype="Int64")}
    for col in spec.columns:
        values = [r.get(col.name) for r in rows]
        if col.kind == INT:
            data[col.name] = pd.array(values, dtype="Int64")
        elif col.kind in (NUMBER, MONEY, AREA):
            data[col.name] = np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif col.kind in (DATE, DATETIME):
            data[col.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ns]").array
        elif col.kind == BOOL:
            data[col.name] = pd.array(values, dtype="boolean")
        else:
            data[col.name] = pd.array(values, dtype="str")
    return pd.DataFrame(data)


def reception(rid="R1", **over) -> dict:
    row = {"id": rid, "unit": "县财政局", "date": "2020-03-05", "guest_org": "市财政局", "guest_city": "南昌市",
           "city": None, "guests": 4, "hosts": 2, "amount": 600.0, "venue": f"机关食堂{rid}",
           "letter_no": "市财函〔2020〕1号", "invoice_no": f"INV-{rid}", "approver": "张三", "purpose": "调研"}
    row.update(over)
    return row


def trip(tid="T1", **over) -> dict:
    row = {"id": tid, "plate": "赣A00001", "unit": "县财政局", "start_time": "2020-03-05 09:00",
           "end_time": "2020-03-05 17:00", "origin": "县政府", "destination": "某乡镇", "km": 100.0,
           "purpose": "下乡调研", "driver": "李四", "approval_no": f"派车〔2020〕{tid}"}
    row.update(over)
    return row


def fill(fid="F1", **over) -> dict:
    row = {"id": fid, "card_no": "C001", "bound_plate": "赣A00001", "unit": "县财政局", "time": "2020-03-05 10:00",
           "station": "中石化城东站", "product": "92#", "liters": 10.0, "amount": 70.0}
    row.update(over)
    return row


def trip_abroad(gid="G1", **over) -> dict:
    row = {"id": gid, "name": "王五", "unit": "县商务局", "depart_on": "2020-03-01", "return_on": "2020-03-05",
           "countries": "德国", "approval_no": f"外批〔2020〕{gid}", "cost": 30000.0}
    row.update(over)
    return row


def budget_row(bid="B1", **over) -> dict:
    row = {"id": bid, "unit": "县财政局", "year": 2020, "category": "公务接待费", "budget": 10.0, "actual": 8.0}
    row.update(over)
    return row


def config(city: str = "青岚县", **thresholds) -> RoundConfig:
    return RoundConfig(slug="test", period_start=dt.date(2019, 10, 1), as_of=dt.date(2020, 6, 30), city=city,
                       thresholds=Thresholds().with_overrides(thresholds))


def run(frames: dict[str, list[dict] | pd.DataFrame], city: str = "青岚县", **thresholds):
    data = {name: rows if isinstance(rows, pd.DataFrame) else typed(name, rows) for name, rows in frames.items()}
    return run_checks(Context(data, config(city, **thresholds)), sangong.CHECKS, sangong.INDICATORS)


def found(result, check_id: str) -> list[str]:
    return result.findings.loc[result.findings["check_id"] == check_id, "record_id"].tolist()


def finding(result, check_id: str, record_id: str) -> pd.Series:
    rows = result.findings[(result.findings["check_id"] == check_id) & (result.findings["record_id"] == record_id)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# ---- the module's shape ------------------------------------------------------------------------

def test_every_contract_check_once_with_its_severity():
    assert sorted(SANGONG_IDS) == sorted(CONTRACT_IDS)
    assert {c.id: c.severity for c in sangong.CHECKS} == SEVERITY
    assert sangong.AREA == "sangong" and sangong.TITLE == "三公经费"
    assert all(c.area == "sangong" for c in sangong.CHECKS)
    assert [i.name for i in sangong.INDICATORS] == INDICATOR_NAMES


def test_findings_have_contract_columns_and_chinese_messages():
    result = run({"reception": [reception("R1", letter_no="无")]})
    row = finding(result, "reception.no_letter", "R1")
    assert row["dataset"] == "reception" and row["unit"] == "县财政局" and row["amount"] == 600.0
    assert row["row"] == 2
    assert "县财政局于2020-03-05接待市财政局4人" in row["message"] and "无公函" in row["message"]


# ---- reception -------------------------------------------------------------------------------

@pytest.mark.parametrize("letter,flagged", [
    ("无", True), (None, True), ("  ", True), ("N/A", True), ("—", True), ("没有", True),
    ("市财函〔2020〕1号", False), ("无公函", False),
])
def test_no_letter(letter, flagged):
    result = run({"reception": [reception("R1", letter_no=letter)]})
    assert found(result, "reception.no_letter") == (["R1"] if flagged else [])


@pytest.mark.parametrize("a,b,same", [
    ("青岚", "青岚县", True), ("青岚县", "青岚", True), ("南昌市", "南昌", True), ("南昌区", "南昌", True),
    ("南昌市", "南昌县", False), ("青 岚\u3000县", "青岚县", True), ("南昌市", "南昌市", True),
    ("南昌", "南昌市市", False), ("南", "南昌", False), ("", "", False), (None, "青岚县", False),
    ("昌市", "南昌市", False),
])
def test_same_city_normalisation(a, b, same):
    assert sangong.same_city(a, b) is same
    assert sangong.same_city(b, a) is same


def test_same_city_uses_row_city_else_round_city():
    rows = [
        reception("R1", guest_city="青岚", city=None),              # round city 青岚县 → same
        reception("R2", guest_city="南昌", city="南昌市"),          # row city wins → same
        reception("R3", guest_city="青岚县", city="南昌市"),        # row city wins → different
        reception("R4", guest_city=None, city=None),                # guest city empty → never
        reception("R5", guest_city="南昌县", city="南昌市"),        # different places
        reception("R6", guest_city=" 青 岚 县 ", city="无"),        # 无 = empty city → round city
        reception("R7", guest_city="无", city=None),                # 无 = empty guest city
    ]
    result = run({"reception": rows})
    assert found(result, "reception.same_city") == ["R1", "R2", "R6"]
    message = finding(result, "reception.same_city", "R1")["message"]
    assert "青岚" in message and "青岚县" in message and "同城" in message
    assert finding(result, "reception.same_city", "R2")["amount"] == 600.0


def test_same_city_without_round_city():
    result = run({"reception": [reception("R1", guest_city="青岚县", city=None)]}, city="")
    assert found(result, "reception.same_city") == []


@pytest.mark.parametrize("guests,hosts,flagged", [
    (10, 3, False), (10, 4, True), (1, 3, False), (2, 4, True),
    (12, 4, False), (11, 4, True), (30, 10, False), (30, 11, True), (11, 3, False),
])
def test_hosts_over_limit(guests, hosts, flagged):
    result = run({"reception": [reception("R1", guests=guests, hosts=hosts, amount=100.0)]})
    assert found(result, "reception.hosts_over_limit") == (["R1"] if flagged else [])


def test_hosts_over_limit_message_names_values():
    result = run({"reception": [reception("R1", guests=11, hosts=4)]})
    message = finding(result, "reception.hosts_over_limit", "R1")["message"]
    assert "陪餐4人" in message and "最多3人" in message


@pytest.mark.parametrize("amount,flagged", [(450.0, False), (450.01, True), (100.0, False)])
def test_per_capita_over_standard(amount, flagged):
    result = run({"reception": [reception("R1", guests=2, hosts=1, amount=amount)]})
    assert found(result, "reception.per_capita_over_standard") == (["R1"] if flagged else [])


def test_per_capita_threshold_and_message():
    result = run({"reception": [reception("R1", guests=2, hosts=1, amount=600.0)]}, reception_per_capita_max=200)
    assert found(result, "reception.per_capita_over_standard") == []
    result = run({"reception": [reception("R1", guests=2, hosts=1, amount=601.5)]}, reception_per_capita_max=200)
    row = finding(result, "reception.per_capita_over_standard", "R1")
    assert "人均200.50元" in row["message"] and "200元标准" in row["message"] and row["amount"] == 601.5


def test_duplicate_invoice():
    rows = [reception("R1", invoice_no="3600123"), reception("R2", invoice_no=" 3600123 "),
            reception("R3", invoice_no="3600999"), reception("R4", invoice_no="无"), reception("R5", invoice_no="无"),
            reception("R6", invoice_no=None), reception("R7", invoice_no=None)]
    result = run({"reception": rows})
    assert found(result, "reception.duplicate_invoice") == ["R1", "R2"]
    assert "R1、R2" in finding(result, "reception.duplicate_invoice", "R2")["message"]


def test_split():
    rows = [reception("R1", venue="青岚宾馆", amount=1400.0), reception("R2", venue=" 青岚宾馆", amount=1300.0),
            reception("R3", venue="青岚宾馆", date="2020-03-06"),          # other day
            reception("R4", venue="青岚宾馆", unit="县教育局"),            # other unit
            reception("R5", venue=None), reception("R6", venue=None),      # venue not set
            reception("R7", venue="无"), reception("R8", venue="无")]
    result = run({"reception": rows})
    assert found(result, "reception.split") == ["R1", "R2"]
    message = finding(result, "reception.split", "R1")["message"]
    assert "2条" in message and "合计2,700元" in message and "拆分" in message


@pytest.mark.parametrize("day,flagged", [
    ("2020-01-19", False),   # Sunday, 调休上班
    ("2020-06-25", True),    # Thursday, 端午节
    ("2020-03-07", True),    # ordinary Saturday
    ("2020-03-05", False),   # ordinary Thursday
])
def test_reception_holiday_follows_official_calendar(day, flagged):
    result = run({"reception": [reception("R1", date=day)]})
    assert found(result, "reception.holiday") == (["R1"] if flagged else [])


def test_calendar_fallback_noted_once():
    result = run({"reception": [reception("R1", date="2099-01-03")],
                  "vehicle_trips": [trip("T1", start_time="2099-01-04 09:00", end_time="2099-01-04 10:00")],
                  "fuel": [fill("F1", time="2099-01-05 09:00")]})
    assert found(result, "reception.holiday") == ["R1"] and found(result, "vehicle.holiday_use") == ["T1"]
    assert found(result, "fuel.holiday") == []
    calendar_notes = [n for n in result.notes if "节假日安排未覆盖" in n]
    assert len(calendar_notes) == 1 and "3 天" in calendar_notes[0]


# ---- vehicles --------------------------------------------------------------------------------

@pytest.mark.parametrize("approval,flagged", [(None, True), ("无", True), ("-", True), ("派车〔2020〕1号", False)])
def test_vehicle_no_approval(approval, flagged):
    result = run({"vehicle_trips": [trip("T1", approval_no=approval)]})
    assert found(result, "vehicle.no_approval") == (["T1"] if flagged else [])
    if flagged:
        assert math.isnan(finding(result, "vehicle.no_approval", "T1")["amount"])


@pytest.mark.parametrize("start,flagged", [
    ("2020-01-19 08:30", False), ("2020-06-25 08:30", True), ("2020-03-08 23:00", True), ("2020-03-06 23:59", False),
])
def test_vehicle_holiday_use(start, flagged):
    end = (pd.Timestamp(start) + pd.Timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    result = run({"vehicle_trips": [trip("T1", start_time=start, end_time=end)]})
    assert found(result, "vehicle.holiday_use") == (["T1"] if flagged else [])


@pytest.mark.parametrize("start,flagged", [
    ("2020-03-05 22:00", True), ("2020-03-05 21:59", False), ("2020-03-05 05:59", True), ("2020-03-05 06:00", False),
    ("2020-03-05 00:00", True), ("2020-03-05 12:00", False),
])
def test_vehicle_night_use(start, flagged):
    end = (pd.Timestamp(start) + pd.Timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    result = run({"vehicle_trips": [trip("T1", start_time=start, end_time=end)]})
    assert found(result, "vehicle.night_use") == (["T1"] if flagged else [])


def test_vehicle_night_thresholds():
    rows = [trip("T1", start_time="2020-03-05 20:00", end_time="2020-03-05 21:00"),
            trip("T2", start_time="2020-03-05 06:30", end_time="2020-03-05 07:00")]
    result = run({"vehicle_trips": rows}, vehicle_night_start=20, vehicle_night_end=7)
    assert found(result, "vehicle.night_use") == ["T1", "T2"]


def test_vehicle_sensitive_destination():
    rows = [trip("T1", destination="青岚温泉度假山庄"), trip("T2", destination="县政府"), trip("T3", destination=None),
            trip("T4", destination="城区ktv"), trip("T5", destination="高尔夫球场")]
    result = run({"vehicle_trips": rows})
    assert found(result, "vehicle.sensitive_destination") == ["T1", "T4", "T5"]
    assert "度假、山庄、温泉" in finding(result, "vehicle.sensitive_destination", "T1")["message"]
    result = run({"vehicle_trips": rows}, sensitive_destinations=["政府"])
    assert found(result, "vehicle.sensitive_destination") == ["T2"]


# ---- fuel --------------------------------------------------------------------------------------

@pytest.mark.parametrize("plate,flagged", [(None, True), ("无", True), (" ", True), ("赣A00001", False)])
def test_fuel_unbound_card(plate, flagged):
    result = run({"fuel": [fill("F1", bound_plate=plate)]})
    assert found(result, "fuel.unbound_card") == (["F1"] if flagged else [])
    if flagged:
        assert finding(result, "fuel.unbound_card", "F1")["amount"] == 70.0


@pytest.mark.parametrize("liters,flagged", [(80.0, False), (80.01, True), (30.0, False)])
def test_fuel_over_tank(liters, flagged):
    result = run({"fuel": [fill("F1", liters=liters, amount=liters * 7)]})
    assert found(result, "fuel.over_tank") == (["F1"] if flagged else [])


def test_fuel_over_tank_threshold_and_message():
    result = run({"fuel": [fill("F1", liters=61.0, amount=427.0)]}, fuel_tank_liters_max=60)
    message = finding(result, "fuel.over_tank", "F1")["message"]
    assert "61升" in message and "60升" in message


@pytest.mark.parametrize("time,flagged", [("2020-01-19 10:00", False), ("2020-06-25 10:00", True),
                                          ("2020-03-05 10:00", False)])
def test_fuel_holiday(time, flagged):
    result = run({"fuel": [fill("F1", time=time)]})
    assert found(result, "fuel.holiday") == (["F1"] if flagged else [])


def test_consumption_anomaly_per_plate_month():
    fuel = [
        fill("F1", bound_plate="赣A00001", time="2020-03-02 10:00", liters=20.0, amount=140.0, unit="甲局"),
        fill("F2", bound_plate="赣A00001", time="2020-03-20 10:00", liters=10.0, amount=70.0, unit="甲局"),  # 30 L/200 km
        fill("F3", bound_plate="赣A00001", time="2020-04-03 10:00", liters=30.01, amount=210.0, unit="甲局"),  # > 15
        fill("F4", bound_plate="赣B00002", time="2020-03-05 10:00", liters=15.0, amount=105.0, unit="乙局"),  # 0 km
        fill("F5", bound_plate="赣B00002", time="2020-03-06 10:00", liters=5.0, amount=35.0, unit="甲局"),
        fill("F6", bound_plate="赣C00003", time="2020-03-05 10:00", liters=0.0, amount=0.0),                 # 0 L, 0 km
        fill("F7", bound_plate=None, time="2020-03-05 10:00", liters=50.0, amount=350.0),                  # unbound
        fill("F8", bound_plate=" 赣 d00004", time="2020-03-05 10:00", liters=5.0, amount=35.0, unit="丙局"),
        fill("F9", bound_plate="赣D00004", time="2020-03-06 10:00", liters=5.0, amount=35.0, unit="丁局"),
    ]
    trips = [
        trip("T1", plate="赣A00001", start_time="2020-03-01 09:00", end_time="2020-03-01 12:00", km=100.0),
        trip("T2", plate="赣A00001", start_time="2020-03-09 09:00", end_time="2020-03-09 12:00", km=100.0),
        trip("T3", plate="赣A00001", start_time="2020-04-09 09:00", end_time="2020-04-09 12:00", km=200.0),
        trip("T4", plate="赣B00002", start_time="2020-04-09 09:00", end_time="2020-04-09 12:00", km=300.0),  # April
        trip("T5", plate="赣D00004", start_time="2020-03-31 23:00", end_time="2020-04-01 01:00", km=100.0),  # March
    ]
    result = run({"fuel": fuel, "vehicle_trips": trips})
    assert found(result, "fuel.consumption_anomaly") == ["赣A00001@2020-04", "赣B00002@2020-03"]
    zero = finding(result, "fuel.consumption_anomaly", "赣B00002@2020-03")
    assert zero["amount"] == 140.0 and zero["unit"] == "乙局"        # tie 乙局/甲局 → first in sort order
    assert "0公里" in zero["message"] and "20升" in zero["message"]
    high = finding(result, "fuel.consumption_anomaly", "赣A00001@2020-04")
    assert high["unit"] == "甲局" and high["amount"] == 210.0 and "15.01升" in high["message"]
    assert pd.isna(high["row"])


def test_consumption_anomaly_only_with_trips():
    result = run({"fuel": [fill("F1")]})
    assert "fuel.consumption_anomaly" in result.skipped
    assert found(result, "fuel.consumption_anomaly") == []


def test_consumption_threshold_override():
    fuel = [fill("F1", liters=12.0)]
    trips = [trip("T1", km=100.0)]
    assert found(run({"fuel": fuel, "vehicle_trips": trips}), "fuel.consumption_anomaly") == []
    result = run({"fuel": fuel, "vehicle_trips": trips}, fuel_l_per_100km_max=10)
    assert found(result, "fuel.consumption_anomaly") == ["赣A00001@2020-03"]


# ---- overseas ----------------------------------------------------------------------------------

@pytest.mark.parametrize("approval,flagged", [(None, True), ("无", True), ("外批〔2020〕3号", False)])
def test_overseas_no_approval(approval, flagged):
    result = run({"overseas": [trip_abroad("G1", approval_no=approval)]})
    assert found(result, "overseas.no_approval") == (["G1"] if flagged else [])
    if flagged:
        assert finding(result, "overseas.no_approval", "G1")["amount"] == 30000.0


@pytest.mark.parametrize("countries,days,flagged", [
    ("德国", 5, False), ("德国", 6, True),
    ("德国、法国", 8, False), ("德国、法国", 9, True),
    ("德国、法国、意大利", 10, False), ("德国、法国、意大利", 11, True),
    ("德国，法国;英国；意大利,西班牙", 10, False), ("德国，法国;英国；意大利,西班牙", 11, True),
    ("德国、、法国", 8, False), ("德国、、法国", 9, True),     # empty piece dropped: two countries
    ("德国、", 6, True), ("，德国；", 5, False),               # one country
])
def test_overseas_over_days(countries, days, flagged):
    ret = (pd.Timestamp("2020-03-01") + pd.Timedelta(days=days - 1)).strftime("%Y-%m-%d")
    result = run({"overseas": [trip_abroad("G1", countries=countries, return_on=ret)]})
    assert found(result, "overseas.over_days") == (["G1"] if flagged else [])


def test_overseas_days_message_and_table():
    result = run({"overseas": [trip_abroad("G1", countries="德国、法国", return_on="2020-03-10")]})
    message = finding(result, "overseas.over_days", "G1")["message"]
    assert "在外10天" in message and "超过8天" in message and "2个国家" in message
    table = sangong.overseas_days(typed("overseas", [trip_abroad("G1", countries="德国、、法国")]))
    assert table[["days", "n_countries", "limit"]].values.tolist() == [[5, 2, 8]]


# ---- budget ------------------------------------------------------------------------------------

def test_over_budget_amount_in_yuan_from_wan():
    rows = [budget_row("B1", budget=10.0, actual=10.5), budget_row("B2", budget=10.0, actual=10.0),
            budget_row("B3", budget=10.0, actual=None), budget_row("B4", budget=0.0, actual=0.0123)]
    result = run({"sangong_budget": rows})
    assert found(result, "budget.over_budget") == ["B1", "B4"]
    assert finding(result, "budget.over_budget", "B1")["amount"] == 5000.0
    assert finding(result, "budget.over_budget", "B4")["amount"] == 123.0
    message = finding(result, "budget.over_budget", "B1")["message"]
    assert "预算10万元" in message and "决算10.5000万元" in message and "5,000元" in message


def test_budget_csv_in_wan_loaded_and_converted(tmp_path):
    from toolkit.ingest.load import load_round

    root = tmp_path / "round"
    root.mkdir()
    (root / "round.toml").write_text('[round]\nslug = "t"\ncity = "青岚县"\nperiod_start = 2019-10-01\n'
                                     'as_of = 2020-06-30\n', encoding="utf-8")
    (root / "三公经费预算与决算.csv").write_text(
        "编号,单位,年度,类别,预算数（万元）,决算数（元）\nB1,县财政局,2020,公务接待费,1.5,16000\n"
        "B2,县财政局,2020,因公出国（境）费,2,20000\n", encoding="utf-8")
    data = load_round(root)
    budget = data.frames["sangong_budget"]
    assert budget["budget"].tolist() == [1.5, 2.0] and budget["actual"].tolist() == [1.6, 2.0]
    result = run_checks(Context(data.frames, data.config), sangong.CHECKS, sangong.INDICATORS)
    assert found(result, "budget.over_budget") == ["B1"]
    assert finding(result, "budget.over_budget", "B1")["amount"] == 1000.0


@pytest.mark.parametrize("actual_wan,detail,flagged", [
    (2.0, [19000.0], False),            # below actual by exactly 5 % and exactly 1000 元
    (2.0, [10000.0, 8900.0], True),     # below by 1100 元 (5.5 %)
    (2.0, [21052.0], False),            # above by 1052 元: 5 % of 21052 is 1052.6
    (2.0, [21100.0], True),             # above by 1100 元 > 5 % of 21100 (1055)
    (2.0, [21000.0], False),            # above by exactly 5 % of 21000 (1050) — not more
    (1.0, [9000.0], False),             # 10 % off but exactly 1000 元
    (1.0, [8999.0], True),              # 1001 元
    (100.0, [999000.0], False),         # 1000 元 off but only 0.1 %
    (0.1, [], False),                   # no detail rows: detail 0; difference exactly 1000 元
    (0.11, [], True),                   # no detail rows: 1100 元
])
def test_detail_mismatch_reception(actual_wan, detail, flagged):
    rows = [reception(f"R{i}", amount=amount, guests=30, hosts=0, unit=" 县财政局 ") for i, amount in enumerate(detail)]
    frames = {"sangong_budget": [budget_row("B1", actual=actual_wan, budget=1000.0)], "reception": rows or []}
    result = run(frames)
    assert found(result, "budget.detail_mismatch") == (["B1"] if flagged else [])
    if flagged:
        row = finding(result, "budget.detail_mismatch", "B1")
        assert row["amount"] == pytest.approx(abs(actual_wan * 10000 - sum(detail)))
        assert row["unit"] == "县财政局" and row["severity"] == "high"


def test_detail_mismatch_same_unit_and_year_only():
    frames = {
        "sangong_budget": [budget_row("B1", actual=1.0), budget_row("B2", year=2019, actual=0.5),
                           budget_row("B3", unit="县教育局", actual=None)],
        "reception": [reception("R1", amount=10000.0), reception("R2", amount=5000.0, date="2019-12-31"),
                      reception("R3", amount=7777.0, unit="县财政局局")],
    }
    result = run(frames)
    assert found(result, "budget.detail_mismatch") == []
    table = sangong.budget_reconciliation(typed("sangong_budget", frames["sangong_budget"]),
                                          typed("reception", frames["reception"]))
    assert table[["id", "detail_sum", "detail_rows"]].values.tolist() == [["B1", 10000.0, 1], ["B2", 5000.0, 1]]


def test_detail_mismatch_overseas_and_category_scope():
    frames = {
        "sangong_budget": [budget_row("B1", category="因公出国（境）费", unit="县商务局", actual=5.0),
                           budget_row("B2", category="公务接待费", unit="县商务局", actual=5.0),
                           budget_row("B3", category="公务用车购置及运行维护费", unit="县商务局", actual=5.0)],
        "overseas": [trip_abroad("G1", cost=30000.0, depart_on="2020-12-30", return_on="2021-01-02"),
                     trip_abroad("G2", cost=None)],
    }
    result = run(frames)
    # 50000 vs 30000 (by depart_on's year; empty cost adds nothing); reception absent → 公务接待费 not compared
    assert found(result, "budget.detail_mismatch") == ["B1"]
    assert finding(result, "budget.detail_mismatch", "B1")["amount"] == 20000.0
    assert any("reception" in n and "budget.detail_mismatch" in n for n in result.notes)
    assert "budget.detail_mismatch" not in result.skipped


def test_detail_mismatch_runs_with_either_detail_and_not_without():
    budget = [budget_row("B1", category="公务接待费", actual=5.0)]
    assert found(run({"sangong_budget": budget}), "budget.detail_mismatch") == []
    with_reception = run({"sangong_budget": budget, "reception": [reception("R1", amount=100.0, unit="县财政局")]})
    assert found(with_reception, "budget.detail_mismatch") == ["B1"]
    message = finding(with_reception, "budget.detail_mismatch", "B1")["message"]
    assert "50,000元" in message and "100元" in message and "49,900元" in message


def test_detail_mismatch_no_detail_rows_message():
    result = run({"sangong_budget": [budget_row("B1", actual=2.0)], "overseas": [trip_abroad("G1")],
                  "reception": [reception("R1", unit="别的单位")]})
    assert "按0元计" in finding(result, "budget.detail_mismatch", "B1")["message"]


# ---- Benford -----------------------------------------------------------------------------------

def benford_sample(n: int, seed: int = 1) -> np.ndarray:
    return np.round(10 ** np.random.default_rng(seed).uniform(1, 5, n), 2)


def uniform_digit_sample(n: int, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(1, 10, n) * 10.0 ** rng.integers(1, 4, n) + rng.integers(0, 10, n)


def test_benford_conforming_sample():
    result = benford_test(pd.Series(benford_sample(3000)))
    assert result.n == 3000 and not result.too_small
    assert result.mad <= 0.006 and result.conformity == "close conformity" and result.conformity_zh == "高度符合"
    assert not result.nonconforming
    assert list(result.table.columns) == ["digit", "expected", "observed", "count", "z", "significant"]
    assert result.table["observed"].sum() == pytest.approx(1.0)
    two = benford_test(pd.Series(benford_sample(20000)), digits=2)
    assert len(two.table) == 90 and two.mad <= 0.0018 and not two.nonconforming


def test_benford_uniform_digits_do_not_conform():
    result = benford_test(pd.Series(uniform_digit_sample(2000)))
    assert result.conformity == "nonconformity" and result.conformity_zh == "不符合" and result.nonconforming
    assert result.mad > 0.015
    assert 1 in result.standouts and 9 in result.standouts


def test_benford_too_small():
    result = benford_test(pd.Series(uniform_digit_sample(299)))
    assert result.too_small and result.n == 299 and result.conformity_zh == "样本量不足"
    assert not result.nonconforming and "样本量不足" in result.summary_zh()
    # values under 10 and missing values are not counted
    result = benford_test(pd.Series([5.0, 9.99, None, *uniform_digit_sample(299)]))
    assert result.n == 299 and result.too_small


def test_benford_hand_example():
    # 10 values: leading digits 1,1,1,1,2,2,3,5,8,9
    values = pd.Series([10, 150, 1999, 12.5, 20, 2500, 33, 5e6, 81, 9.5e3])
    assert leading_digits(values, 1).tolist() == [1, 1, 1, 1, 2, 2, 3, 5, 8, 9]
    assert leading_digits(values, 2).tolist() == [10, 15, 19, 12, 20, 25, 33, 50, 81, 95]
    result = benford_test(values, min_n=10)
    expected = [math.log10(1 + 1 / d) for d in range(1, 10)]
    observed = [0.4, 0.2, 0.1, 0, 0.1, 0, 0, 0.1, 0.1]
    mad = sum(abs(o - e) for o, e in zip(observed, expected)) / 9
    assert result.mad == pytest.approx(mad)
    # digit 1: |0.4 − 0.30103| = 0.09897 > 1/20 → corrected: (0.09897 − 0.05) / sqrt(0.30103 × 0.69897 / 10)
    z1 = (abs(0.4 - expected[0]) - 0.05) / math.sqrt(expected[0] * (1 - expected[0]) / 10)
    assert result.table.loc[0, "z"] == pytest.approx(z1)
    # digit 2: |0.2 − 0.17609| = 0.0239 < 0.05 → no correction
    z2 = abs(0.2 - expected[1]) / math.sqrt(expected[1] * (1 - expected[1]) / 10)
    assert result.table.loc[1, "z"] == pytest.approx(z2)
    assert result.table["count"].tolist() == [4, 2, 1, 0, 1, 0, 0, 1, 1]
    assert z_statistic(0.5, 0.30103, 100) == pytest.approx((0.19897 - 0.005) / math.sqrt(0.30103 * 0.69897 / 100),
                                                            rel=1e-4)
    assert expected_proportions(1).sum() == pytest.approx(1.0)


@pytest.mark.parametrize("mad,digits,klass", [
    (0.006, 1, "close conformity"), (0.0061, 1, "acceptable conformity"), (0.012, 1, "acceptable conformity"),
    (0.015, 1, "marginally acceptable conformity"), (0.0151, 1, "nonconformity"),
    (0.0012, 2, "close conformity"), (0.0018, 2, "acceptable conformity"),
    (0.0022, 2, "marginally acceptable conformity"), (0.0023, 2, "nonconformity"),
])
def test_benford_mad_classes(mad, digits, klass):
    assert mad_class(mad, digits)[0] == klass


def test_generic_benford_check():
    uniform = uniform_digit_sample(400)
    fuel = [fill(f"F{i}", liters=10.0, amount=float(a)) for i, a in enumerate(uniform)]
    rec = [reception(f"R{i}", amount=float(a), guests=30) for i, a in enumerate(benford_sample(400))]
    small = [trip_abroad(f"G{i}", cost=float(a)) for i, a in enumerate(uniform[:299])]
    result = run({"fuel": fuel, "reception": rec, "overseas": small})
    rows = result.findings[result.findings["check_id"] == "generic.benford"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["dataset"] == "fuel" and row["record_id"] == "" and row["unit"] == "" and row["severity"] == "low"
    assert "fuel.amount" in row["message"] and "400" in row["message"] and "MAD=" in row["message"]
    assert "不符合" in row["message"]
    assert "generic.benford" not in result.skipped


def test_generic_benford_counts_only_values_from_10():
    amounts = list(uniform_digit_sample(299)) + [5.0] * 50
    result = run({"fuel": [fill(f"F{i}", amount=float(a)) for i, a in enumerate(amounts)]})
    assert found(result, "generic.benford") == []


def test_generic_benford_budget_columns_in_yuan():
    wan = uniform_digit_sample(400) / 10000      # many values under 10 万元, all ≥ 10 元
    rows = [budget_row(f"B{i}", unit=f"单位{i}", budget=float(v), actual=None) for i, v in enumerate(wan)]
    result = run({"sangong_budget": rows})
    rows = result.findings[result.findings["check_id"] == "generic.benford"]
    assert rows["dataset"].tolist() == ["sangong_budget"]
    assert "sangong_budget.budget" in rows.iloc[0]["message"]


# ---- indicators --------------------------------------------------------------------------------

def test_indicators_values():
    result = run({
        "reception": [reception("R1", amount=600.0), reception("R2", amount=400.5)],
        "vehicle_trips": [trip("T1", km=100.0), trip("T2", km=20.5), trip("T3", km=0.0)],
        "fuel": [fill("F1", liters=10.0, amount=70.0), fill("F2", liters=5.5, amount=38.5)],
        "overseas": [trip_abroad("G1", cost=30000.0), trip_abroad("G2", cost=None)],
    })
    assert result.indicators == {
        "sangong.reception.count": 2, "sangong.reception.amount": 1000.5,
        "sangong.vehicle.trips": 3, "sangong.vehicle.km": 120.5,
        "sangong.fuel.liters": 15.5, "sangong.fuel.amount": 108.5,
        "sangong.overseas.trips": 2, "sangong.overseas.cost": 30000.0,
    }


def test_indicators_null_when_missing_and_zero_when_empty():
    result = run({"reception": [reception("R1")]})
    assert result.indicators["sangong.reception.count"] == 1
    for name in INDICATOR_NAMES[2:]:
        assert result.indicators[name] is None
    empty = run({"fuel": typed("fuel", [])})
    assert empty.indicators["sangong.fuel.liters"] == 0 and empty.indicators["sangong.fuel.amount"] == 0
    assert empty.indicators["sangong.reception.count"] is None
    nothing = run({})
    assert all(nothing.indicators[name] is None for name in INDICATOR_NAMES)
    assert nothing.findings.empty


def test_checks_on_empty_frames():
    frames = {name: typed(name, []) for name in ("reception", "vehicle_trips", "fuel", "overseas", "sangong_budget")}
    result = run(frames)
    assert result.findings.empty and not result.skipped


# ---- tables ------------------------------------------------------------------------------------

def test_tables_do_not_mutate_and_convert_to_wan():
    rec = typed("reception", [reception("R1", amount=12000.0, guests=30), reception("R2", amount=8000.0, venue="宾馆"),
                              reception("R3", amount=500.0, venue="宾馆", unit="县教育局", date="2020-04-01")])
    fuel = typed("fuel", [fill("F1", amount=5000.0)])
    ov = typed("overseas", [trip_abroad("G1", cost=30000.0)])
    before = rec.copy()
    by_unit = sangong.spending_by_unit(rec, fuel, ov)
    assert by_unit.loc["县财政局", "公务接待费"] == 2.0 and by_unit.loc["县财政局", "合计"] == 2.5
    assert by_unit.index[0] == "县商务局"
    by_month = sangong.spending_by_month(rec, fuel, ov)
    assert by_month.index.tolist() == ["2020-03", "2020-04"]
    assert by_month.loc["2020-03", "因公出国（境）费"] == 3.0
    by_cat = sangong.spending_by_category(rec, fuel, ov)
    assert by_cat["占比"].sum() == pytest.approx(1.0)
    pd.testing.assert_frame_equal(rec, before)
    assert sangong.per_capita_distribution(rec, 150)["批次"].sum() == 3
    assert sangong.hosts_vs_guests(rec).to_numpy().sum() == 3
    assert sangong.split_groups(rec).empty       # R3: other unit and day


def test_notebook_tables():
    rec = typed("reception", [reception("R1", venue="宾馆"), reception("R2", venue="宾馆", invoice_no="X1"),
                              reception("R3", invoice_no="X1", letter_no="无", guest_city="青岚")])
    assert sangong.split_groups(rec)["编号"].tolist() == ["R1、R2"]
    assert sangong.duplicate_invoice_groups(rec)[["发票号码", "笔数"]].values.tolist() == [["X1", 2]]
    assert sangong.no_letter_receptions(rec)["编号"].tolist() == ["R3"]
    assert sangong.same_city_receptions(rec, "青岚县")["编号"].tolist() == ["R3"]
    trips = typed("vehicle_trips", [trip("T1", start_time="2020-06-25 23:10", end_time="2020-06-25 23:50",
                                         destination="温泉山庄")])
    heat = sangong.vehicle_weekday_hour(trips)
    assert heat.shape == (7, 24) and heat.loc["周四", 23] == 1 and heat.to_numpy().sum() == 1
    assert sangong.holiday_trips(trips)["出车编号"].tolist() == ["T1"]
    assert sangong.night_trips(trips)["出车编号"].tolist() == ["T1"]
    assert sangong.sensitive_trips(trips, ["温泉"])["敏感词"].tolist() == ["温泉"]
    fuel = typed("fuel", [fill("F1", bound_plate=None, liters=90.0), fill("F2", bound_plate="无", liters=10.0)])
    assert sangong.unbound_cards(fuel)[["加油卡号", "次数"]].values.tolist() == [["C001", 2]]
    assert sangong.over_tank_fills(fuel, 80)["超出（升）"].tolist() == [10.0]
    budget = typed("sangong_budget", [budget_row("B1", budget=10.0, actual=12.0), budget_row("B2", actual=None)])
    assert sangong.over_budget_units(budget)["超支（元）"].tolist() == [20000.0]
    assert sangong.budget_by_unit(budget)["执行率"].tolist() == [0.6]
    assert sangong.budget_execution(budget)["执行率"].tolist()[0] == 1.2


# ---- the demo round ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_round(tmp_path_factory):
    demo = pytest.importorskip("toolkit.demo")
    from toolkit.config import load_config
    from toolkit.ingest.load import load_round

    root = tmp_path_factory.mktemp("demo") / "round"
    demo.build_demo(root)
    cfg = load_config(root / "round.toml")
    data = load_round(root, cfg)
    result = run_checks(Context(data.frames, cfg), sangong.CHECKS, sangong.INDICATORS)
    truth = json.loads((root / ".truth.json").read_text(encoding="utf-8"))
    return result, truth


@pytest.mark.parametrize("check_id", CONTRACT_IDS)
def test_demo_findings_match_truth(demo_round, check_id):
    result, truth = demo_round
    if check_id not in truth["findings"]:
        pytest.skip(f"demo truth has no {check_id}")
    if check_id == "generic.benford":
        # dataset-level: record_id is empty; the truth names the flagged column as 'dataset.column',
        # which our message starts with, and the finding's dataset is the column's dataset
        rows = result.findings[result.findings["check_id"] == check_id]
        assert set(rows["record_id"]) <= {""}
        columns = [m.split("（", 1)[0] for m in rows["message"]]
        assert [c.split(".")[0] for c in columns] == rows["dataset"].tolist()
        assert sorted(columns) == sorted(truth["findings"][check_id])
        return
    assert sorted(found(result, check_id)) == sorted(truth["findings"][check_id])


@pytest.mark.parametrize("name", INDICATOR_NAMES)
def test_demo_indicators_match_truth(demo_round, name):
    result, truth = demo_round
    if name not in truth.get("indicators", {}):
        pytest.skip(f"demo truth has no {name}")
    expected = truth["indicators"][name]
    assert result.indicators[name] == (None if expected is None else pytest.approx(expected))

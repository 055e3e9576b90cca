"""加油卡: unbound cards, fills over the tank, holiday fills, L/100km per plate and month."""

from __future__ import annotations

import pandas as pd
import pytest


@pytest.mark.parametrize("plate,flagged", [(None, True), ("无", True), (" ", True), ("赣A00001", False)])
def test_fuel_unbound_card(plate, flagged, sg):
    result = sg.run({"fuel": [sg.fill("F1", bound_plate=plate)]})
    assert sg.found(result, "fuel.unbound_card") == (["F1"] if flagged else [])
    if flagged:
        assert sg.finding(result, "fuel.unbound_card", "F1")["amount"] == 70.0


@pytest.mark.parametrize("liters,flagged", [(80.0, False), (80.01, True), (30.0, False)])
def test_fuel_over_tank(liters, flagged, sg):
    result = sg.run({"fuel": [sg.fill("F1", liters=liters, amount=liters * 7)]})
    assert sg.found(result, "fuel.over_tank") == (["F1"] if flagged else [])


def test_fuel_over_tank_threshold_and_message(sg):
    result = sg.run({"fuel": [sg.fill("F1", liters=61.0, amount=427.0)]}, fuel_tank_liters_max=60)
    message = sg.finding(result, "fuel.over_tank", "F1")["message"]
    assert "61升" in message and "60升" in message


@pytest.mark.parametrize("time,flagged", [("2020-01-19 10:00", False), ("2020-06-25 10:00", True),
                                          ("2020-03-05 10:00", False)])
def test_fuel_holiday(time, flagged, sg):
    result = sg.run({"fuel": [sg.fill("F1", time=time)]})
    assert sg.found(result, "fuel.holiday") == (["F1"] if flagged else [])


def test_consumption_anomaly_per_plate_month(sg):
    fuel = [
        sg.fill("F1", bound_plate="赣A00001", time="2020-03-02 10:00", liters=20.0, amount=140.0, unit="甲局"),
        sg.fill("F2", bound_plate="赣A00001", time="2020-03-20 10:00", liters=10.0, amount=70.0, unit="甲局"),  # 30L/200km
        sg.fill("F3", bound_plate="赣A00001", time="2020-04-03 10:00", liters=30.01, amount=210.0, unit="甲局"),  # > 15
        sg.fill("F4", bound_plate="赣B00002", time="2020-03-05 10:00", liters=15.0, amount=105.0, unit="乙局"),  # 0 km
        sg.fill("F5", bound_plate="赣B00002", time="2020-03-06 10:00", liters=5.0, amount=35.0, unit="甲局"),
        sg.fill("F6", bound_plate="赣C00003", time="2020-03-05 10:00", liters=0.0, amount=0.0),              # 0 L, 0 km
        sg.fill("F7", bound_plate=None, time="2020-03-05 10:00", liters=50.0, amount=350.0),                  # unbound
        sg.fill("F8", bound_plate=" 赣 d00004", time="2020-03-05 10:00", liters=5.0, amount=35.0, unit="丙局"),
        sg.fill("F9", bound_plate="赣D00004", time="2020-03-06 10:00", liters=5.0, amount=35.0, unit="丁局"),
    ]
    trips = [
        sg.trip("T1", plate="赣A00001", start_time="2020-03-01 09:00", end_time="2020-03-01 12:00", km=100.0),
        sg.trip("T2", plate="赣A00001", start_time="2020-03-09 09:00", end_time="2020-03-09 12:00", km=100.0),
        sg.trip("T3", plate="赣A00001", start_time="2020-04-09 09:00", end_time="2020-04-09 12:00", km=200.0),
        sg.trip("T4", plate="赣B00002", start_time="2020-04-09 09:00", end_time="2020-04-09 12:00", km=300.0),  # April
        sg.trip("T5", plate="赣D00004", start_time="2020-03-31 23:00", end_time="2020-04-01 01:00", km=100.0),  # March
    ]
    result = sg.run({"fuel": fuel, "vehicle_trips": trips})
    assert sg.found(result, "fuel.consumption_anomaly") == ["赣A00001@2020-04", "赣B00002@2020-03"]
    zero = sg.finding(result, "fuel.consumption_anomaly", "赣B00002@2020-03")
    assert zero["amount"] == 140.0 and zero["unit"] == "乙局"        # tie 乙局/甲局 → first in sort order
    assert "0公里" in zero["message"] and "20升" in zero["message"]
    high = sg.finding(result, "fuel.consumption_anomaly", "赣A00001@2020-04")
    assert high["unit"] == "甲局" and high["amount"] == 210.0 and "15.01升" in high["message"]
    assert pd.isna(high["row"])


def test_consumption_anomaly_only_with_trips(sg):
    result = sg.run({"fuel": [sg.fill("F1")]})
    assert "fuel.consumption_anomaly" in result.skipped
    assert sg.found(result, "fuel.consumption_anomaly") == []


def test_consumption_threshold_override(sg):
    fuel = [sg.fill("F1", liters=12.0)]
    trips = [sg.trip("T1", km=100.0)]
    assert sg.found(sg.run({"fuel": fuel, "vehicle_trips": trips}), "fuel.consumption_anomaly") == []
    result = sg.run({"fuel": fuel, "vehicle_trips": trips}, fuel_l_per_100km_max=10)
    assert sg.found(result, "fuel.consumption_anomaly") == ["赣A00001@2020-03"]

"""公务用车: approval, holiday, night and sensitive-destination checks."""

from __future__ import annotations

import math

import pandas as pd
import pytest


@pytest.mark.parametrize("approval,flagged", [(None, True), ("无", True), ("-", True), ("派车〔2020〕1号", False)])
def test_vehicle_no_approval(approval, flagged, sg):
    result = sg.run({"vehicle_trips": [sg.trip("T1", approval_no=approval)]})
    assert sg.found(result, "vehicle.no_approval") == (["T1"] if flagged else [])
    if flagged:
        assert math.isnan(sg.finding(result, "vehicle.no_approval", "T1")["amount"])


@pytest.mark.parametrize("start,flagged", [
    ("2020-01-19 08:30", False), ("2020-06-25 08:30", True), ("2020-03-08 23:00", True), ("2020-03-06 23:59", False),
])
def test_vehicle_holiday_use(start, flagged, sg):
    end = (pd.Timestamp(start) + pd.Timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    result = sg.run({"vehicle_trips": [sg.trip("T1", start_time=start, end_time=end)]})
    assert sg.found(result, "vehicle.holiday_use") == (["T1"] if flagged else [])


@pytest.mark.parametrize("start,flagged", [
    ("2020-03-05 22:00", True), ("2020-03-05 21:59", False), ("2020-03-05 05:59", True), ("2020-03-05 06:00", False),
    ("2020-03-05 00:00", True), ("2020-03-05 12:00", False),
])
def test_vehicle_night_use(start, flagged, sg):
    end = (pd.Timestamp(start) + pd.Timedelta(minutes=30)).strftime("%Y-%m-%d %H:%M")
    result = sg.run({"vehicle_trips": [sg.trip("T1", start_time=start, end_time=end)]})
    assert sg.found(result, "vehicle.night_use") == (["T1"] if flagged else [])


def test_vehicle_night_thresholds(sg):
    rows = [sg.trip("T1", start_time="2020-03-05 20:00", end_time="2020-03-05 21:00"),
            sg.trip("T2", start_time="2020-03-05 06:30", end_time="2020-03-05 07:00")]
    result = sg.run({"vehicle_trips": rows}, vehicle_night_start=20, vehicle_night_end=7)
    assert sg.found(result, "vehicle.night_use") == ["T1", "T2"]


def test_vehicle_sensitive_destination(sg):
    rows = [sg.trip("T1", destination="青岚温泉度假山庄"), sg.trip("T2", destination="县政府"), sg.trip("T3", destination=None),
            sg.trip("T4", destination="城区ktv"), sg.trip("T5", destination="高尔夫球场")]
    result = sg.run({"vehicle_trips": rows})
    assert sg.found(result, "vehicle.sensitive_destination") == ["T1", "T4", "T5"]
    assert "度假、山庄、温泉" in sg.finding(result, "vehicle.sensitive_destination", "T1")["message"]
    result = sg.run({"vehicle_trips": rows}, sensitive_destinations=["政府"])
    assert sg.found(result, "vehicle.sensitive_destination") == ["T2"]

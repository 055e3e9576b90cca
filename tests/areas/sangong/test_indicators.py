"""The area's indicators (null when the dataset is absent, 0 when it is empty) and empty frames."""

from __future__ import annotations

from toolkit.areas import sangong

INDICATOR_NAMES = [i.name for i in sangong.INDICATORS]   # the contract's names: see test_registry


def test_indicators_values(sg):
    result = sg.run({
        "reception": [sg.reception("R1", amount=600.0), sg.reception("R2", amount=400.5)],
        "vehicle_trips": [sg.trip("T1", km=100.0), sg.trip("T2", km=20.5), sg.trip("T3", km=0.0)],
        "fuel": [sg.fill("F1", liters=10.0, amount=70.0), sg.fill("F2", liters=5.5, amount=38.5)],
        "overseas": [sg.trip_abroad("G1", cost=30000.0), sg.trip_abroad("G2", cost=None)],
    })
    assert result.indicators == {
        "sangong.reception.count": 2, "sangong.reception.amount": 1000.5,
        "sangong.vehicle.trips": 3, "sangong.vehicle.km": 120.5,
        "sangong.fuel.liters": 15.5, "sangong.fuel.amount": 108.5,
        "sangong.overseas.trips": 2, "sangong.overseas.cost": 30000.0,
    }


def test_indicators_null_when_missing_and_zero_when_empty(sg):
    result = sg.run({"reception": [sg.reception("R1")]})
    assert result.indicators["sangong.reception.count"] == 1
    for name in INDICATOR_NAMES[2:]:
        assert result.indicators[name] is None
    empty = sg.run({"fuel": sg.typed("fuel", [])})
    assert empty.indicators["sangong.fuel.liters"] == 0 and empty.indicators["sangong.fuel.amount"] == 0
    assert empty.indicators["sangong.reception.count"] is None
    nothing = sg.run({})
    assert all(nothing.indicators[name] is None for name in INDICATOR_NAMES)
    assert nothing.findings.empty


def test_checks_on_empty_frames(sg):
    frames = {name: sg.typed(name, []) for name in ("reception", "vehicle_trips", "fuel", "overseas", "sangong_budget")}
    result = sg.run(frames)
    assert result.findings.empty and not result.skipped

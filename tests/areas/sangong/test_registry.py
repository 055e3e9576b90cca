"""The package's shape: every contract check once, with its severity, and the area's indicators."""

from __future__ import annotations

import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context
from toolkit.config import RoundConfig, Thresholds

CONTRACT_IDS = [
    "reception.no_letter", "reception.same_city", "reception.hosts_over_limit", "reception.per_capita_over_standard",
    "reception.duplicate_invoice", "reception.split", "reception.holiday", "vehicle.no_approval",
    "vehicle.holiday_use", "vehicle.night_use", "vehicle.sensitive_destination", "fuel.unbound_card",
    "fuel.over_tank", "fuel.holiday", "fuel.consumption_anomaly", "overseas.no_approval", "overseas.over_days",
    "budget.over_budget", "budget.detail_mismatch", "generic.benford",
]
SANGONG_IDS = [c.id for c in sangong.CHECKS]
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


def test_every_contract_check_once_with_its_severity():
    assert sorted(SANGONG_IDS) == sorted(CONTRACT_IDS)
    assert {c.id: c.severity for c in sangong.CHECKS} == SEVERITY
    assert sangong.AREA == "sangong" and sangong.TITLE == "三公经费"
    assert all(c.area == "sangong" for c in sangong.CHECKS)
    assert [i.name for i in sangong.INDICATORS] == INDICATOR_NAMES


def test_findings_have_contract_columns_and_chinese_messages(sg):
    result = sg.run({"reception": [sg.reception("R1", letter_no="无")]})
    row = sg.finding(result, "reception.no_letter", "R1")
    assert row["dataset"] == "reception" and row["unit"] == "县财政局" and row["amount"] == 600.0
    assert row["row"] == 2
    assert "县财政局于2020-03-05接待市财政局4人" in row["message"] and "无公函" in row["message"]

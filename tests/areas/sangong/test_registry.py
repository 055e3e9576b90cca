"""The package's shape: every contract check once, with its severity, and the area's indicators."""

from __future__ import annotations

import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context, rules_table
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


THRESHOLD_NAMES = frozenset(Thresholds.__dataclass_fields__)


class RecordingThresholds(Thresholds):
    """Thresholds that note every value a rule reads (into the class-level ``read`` set)."""

    read: set[str] = set()

    def __getattribute__(self, name: str):
        if name in THRESHOLD_NAMES:
            RecordingThresholds.read.add(name)
        return super().__getattribute__(name)


@pytest.mark.parametrize("check", sangong.CHECKS, ids=lambda c: c.id)
def test_params_name_exactly_the_thresholds_a_rule_reads(check, sg):
    frames = {"reception": [sg.reception("R1"), sg.reception("R2", invoice_no="INV-R1")],
              "vehicle_trips": [sg.trip("T1")], "fuel": [sg.fill("F1")], "overseas": [sg.trip_abroad("G1")],
              "sangong_budget": [sg.budget_row("B1", actual=20.0)]}
    data = {name: sg.typed(name, rows) for name, rows in frames.items()}
    round_ = RoundConfig(slug="t", period_start=sg.config().period_start, as_of=sg.config().as_of, city="青岚县",
                         thresholds=RecordingThresholds())
    RecordingThresholds.read = set()
    check.run(Context(data, round_))
    assert RecordingThresholds.read == set(check.params)


def test_rules_table_shows_this_runs_values():
    table = rules_table(sangong.CHECKS, Thresholds(reception_per_capita_max=200))
    assert table["规则编号"].tolist() == SANGONG_IDS
    rows = table.set_index("规则编号")["参数（本次取值）"]
    assert rows["reception.per_capita_over_standard"] == "reception_per_capita_max = 200"
    assert rows["vehicle.night_use"] == "vehicle_night_start = 22；vehicle_night_end = 6"
    assert rows["reception.no_letter"] == "—"

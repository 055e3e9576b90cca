"""The registry implements exactly the contract's check ids and indicator names (contract/checks.md)."""

from __future__ import annotations

from toolkit.areas import all_checks, all_indicators

CONTRACT_CHECKS = {
    "ledger.overdue": "medium", "ledger.closed_without_signoff": "medium", "ledger.completed_late": "low",
    "ledger.stalled": "medium", "ledger.regressed": "high",
    "reception.no_letter": "medium", "reception.same_city": "high", "reception.hosts_over_limit": "medium",
    "reception.per_capita_over_standard": "medium", "reception.duplicate_invoice": "high", "reception.split": "medium",
    "reception.holiday": "low", "vehicle.no_approval": "medium", "vehicle.holiday_use": "medium",
    "vehicle.night_use": "low", "vehicle.sensitive_destination": "medium", "fuel.unbound_card": "medium",
    "fuel.over_tank": "high", "fuel.holiday": "low", "fuel.consumption_anomaly": "medium",
    "overseas.no_approval": "high", "overseas.over_days": "medium", "budget.over_budget": "medium",
    "budget.detail_mismatch": "high", "generic.benford": "low",
    "land.idle": "medium", "land.idle_reclaimable": "high", "land.approved_unsupplied": "medium",
    "land.low_efficiency": "medium", "land.supply_standard": "medium",
    "clues.overdue": "medium", "clues.closed_without_disposition": "low", "cases.form_sanction_mismatch": "low",
}
CONTRACT_INDICATORS = {
    "ledger.aspects", "ledger.problems", "ledger.measures", "ledger.leaders", "ledger.units", "ledger.completed",
    "ledger.in_progress", "ledger.not_started", "ledger.signed_off", "ledger.completion_rate", "ledger.overdue",
    "sangong.reception.count", "sangong.reception.amount", "sangong.vehicle.trips", "sangong.vehicle.km",
    "sangong.fuel.liters", "sangong.fuel.amount", "sangong.overseas.trips", "sangong.overseas.cost",
    "land.reclaimed.parcels", "land.reclaimed.area_mu", "land.idle.parcels", "land.idle.area_mu",
    "land.unsupplied.parcels", "land.unsupplied.area_mu",
    "cases.clues.received", "cases.clues.closed", "cases.clues.verification_rate", "cases.cases", "cases.persons",
    "cases.sanctioned", "cases.first_form", "cases.accountability",
}
AREAS = {"ledger": "ledger", "reception": "sangong", "vehicle": "sangong", "fuel": "sangong", "overseas": "sangong",
         "budget": "sangong", "generic": "sangong", "land": "land", "clues": "cases", "cases": "cases"}


def test_every_contract_check_with_its_severity_and_area():
    checks = {c.id: c for c in all_checks()}
    assert {i: c.severity for i, c in checks.items()} == CONTRACT_CHECKS
    for check_id, check in checks.items():
        assert check.area == AREAS[check_id.split(".")[0]], check_id
        assert check.title, check_id


def test_every_contract_indicator_once():
    names = [i.name for i in all_indicators()]
    assert len(names) == len(set(names)) and set(names) == CONTRACT_INDICATORS

"""The demo's 村级财务 rows plant each village rule's violation and near-miss."""

from __future__ import annotations

from toolkit.demo.generate import generate
from toolkit.demo.truth_village import village


def test_planted_village_cases():
    d = generate(20200630)
    found = village(d.tables)
    for check_id in ("village.white_slip", "village.income_to_personal", "village.large_cash",
                     "village.split_payment"):
        assert sorted(found[check_id]) == d.intended[check_id], check_id
        assert d.near[check_id] and not set(found[check_id]) & set(d.near[check_id]), check_id
    rows = {r["id"]: r for r in d.tables["village_finance"]}
    assert any(rows[i]["receipt"] == "无" for i in found["village.white_slip"])
    assert any(r["cash"] and r["amount"] == 2000.0 for r in rows.values())       # at the cash limit, not flagged

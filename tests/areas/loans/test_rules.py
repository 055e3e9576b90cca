"""loans rules: per rule the planted violation (found), the value exactly at the limit (not found), a clean row."""

from __future__ import annotations


def test_low_tax_in_cents(loan_round):
    r = loan_round
    rows = [r.row("L1", tax_last_year="9.999999"),      # 99,999.99 元
            r.row("L2", tax_last_year="9.9999999"),     # 99,999.999 元 → 100,000.00 元: at the limit
            r.row("L3", tax_last_year="10"), r.row("L4", tax_last_year=""), r.row("L5")]
    result = r.run(rows)
    assert r.flagged(result, "loans.low_tax") == ["L1"]
    found = result.findings[result.findings["check_id"] == "loans.low_tax"].iloc[0]
    assert (found["unit"], found["amount"]) == ("企业L1", 3000000.0)


def test_risk_flag(loan_round):
    r = loan_round
    rows = [r.row("L1", safety_issue="是"), r.row("L2", env_issue="√"), r.row("L3", safety_issue="有", env_issue="是"),
            r.row("L4", safety_issue="无", env_issue=""), r.row("L5")]
    assert r.flagged(r.run(rows), "loans.risk_flag") == ["L1", "L2", "L3"]


def test_non_entity_new(loan_round):
    r = loan_round
    rows = [r.row("L1", is_entity="否"), r.row("L2", is_entity="否", renewal=""),
            r.row("L3", is_entity="", renewal="否"), r.row("L4", is_entity="否", renewal="是", previous_amount="400"),
            r.row("L5")]
    assert r.flagged(r.run(rows), "loans.non_entity_new") == ["L1", "L2"]


def test_non_entity_not_reduced_in_cents(loan_round):
    r = loan_round
    renewal = {"is_entity": "否", "renewal": "是", "previous_amount": "300"}
    rows = [r.row("L1", amount="300", **renewal),
            r.row("L2", amount="299.9999999", **renewal),   # 2,999,999.999 元 → equal in cents
            r.row("L3", amount="299.999999", **renewal),    # a cent less: reduced
            r.row("L4", amount="500", is_entity="否", renewal="是", previous_amount=""),
            r.row("L5", amount="350", is_entity="是", renewal="是", previous_amount="300"), r.row("L6")]
    result = r.run(rows)
    assert r.flagged(result, "loans.non_entity_not_reduced") == ["L1", "L2"]
    amounts = result.findings.loc[result.findings["check_id"] == "loans.non_entity_not_reduced", "amount"]
    assert amounts.round(3).tolist() == [3000000.0, 2999999.999]

"""benefit.staff_recipient, after_death and duplicate: the planted violation found, the value at the limit
not, a clean row not; skipped when their list is missing; a finding's unit is village, else town."""

from __future__ import annotations

import pandas as pd

from toolkit.areas.benefits import place


def test_means_tested_benefit_to_staff_on_duty_is_found(build):
    duty, retired, other = (build.valid_id(f"3622021980051200{n}") for n in (1, 2, 3))
    pay = build.payments({"id_number": duty}, {"id_number": duty, "type": " 特 困", "month": "2020-04-01"},
                         {"id_number": duty, "type": "高龄补贴"}, {"id_number": retired}, {"id_number": other})
    people = build.staff((duty, "在职"), (retired, "退休"))
    result = build.run({"benefits": pay, "staff": people})
    assert build.flagged(result, "benefit.staff_recipient") == ["B1", "B2"]
    assert result.findings.loc[result.findings["record_id"] == "B1", "severity"].iloc[0] == "high"


def test_payment_after_the_month_of_death_is_found_that_month_is_not(build):
    dead, alive = build.valid_id("36220219300101001"), build.valid_id("36220219300101002")
    pay = build.payments({"id_number": dead, "month": "2020-04-01"}, {"id_number": dead, "month": "2020-03-01"},
                         {"id_number": alive, "month": "2020-05-01"})
    result = build.run({"benefits": pay, "deaths": build.deaths((dead, "2020-03-31"))})
    assert build.flagged(result, "benefit.after_death") == ["B1"]
    assert "2020-03-31" in result.findings.loc[result.findings["record_id"] == "B1", "message"].iloc[0]


def test_same_id_type_month_twice_is_found(build):
    pay = build.payments({}, {"type": "低 保"}, {"month": "2020-04-01"}, {"type": "特困"},
                         {"id_number": build.valid_id("36220219500101002")})
    assert build.flagged(build.run({"benefits": pay}), "benefit.duplicate") == ["B1", "B2"]


def test_matching_checks_skipped_without_their_lists(build):
    result = build.run({"benefits": build.payments({}, {})})
    assert {"benefit.staff_recipient", "benefit.after_death"} <= set(result.skipped)
    assert result.indicators["benefits.flagged_amount"] is None
    assert result.indicators["benefits.recipients"] == 1
    assert result.indicators["benefits.amount"] == 600.0


def test_flagged_amount_counts_a_row_once(build):
    both = build.valid_id("36220219600101001")
    pay = build.payments({"id_number": both, "month": "2020-05-01", "amount": 410.5}, {"amount": 100.0})
    frames = {"benefits": pay, "staff": build.staff((both, "在职")), "deaths": build.deaths((both, "2020-01-10"))}
    result = build.run(frames)
    assert result.indicators["benefits.flagged_amount"] == 410.5
    only_staff = build.run({"benefits": pay, "staff": build.staff((both, "在职"))})
    assert only_staff.indicators["benefits.flagged_amount"] == 410.5
    nobody = build.run({"benefits": pay, "deaths": build.deaths((build.valid_id("36220219600101009"), "2020-01-10"))})
    assert nobody.indicators["benefits.flagged_amount"] == 0.0


def test_unit_is_village_else_town(build):
    frame = pd.DataFrame({"village": ["桃源村", "无", None, " "], "town": ["白鹭镇", "柳溪镇", "石门乡", None]},
                         dtype="str")
    assert place(frame).tolist() == ["桃源村", "柳溪镇", "石门乡", ""]

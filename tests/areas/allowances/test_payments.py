"""allowance.duplicate and allowance.after_leave: the planted violation found, the value at the limit not,
a clean row not; after_leave skipped without staff."""

from __future__ import annotations


LEFT = "362202198005120017"
RETIRED = "362202196003150012"
ON_DUTY = "362202199001010013"


def test_same_name_unit_month_item_twice_is_found(build):
    pay = build.payments({}, {"name": "张 三"}, {"month": "2020-04-01"}, {"item": "交通补贴"}, {"unit": "县林业局"})
    assert build.flagged(build.run({"allowances": pay}), "allowance.duplicate") == ["A1", "A2"]


def test_payment_after_the_month_of_leaving_is_found_that_month_is_not(build):
    pay = build.payments({"id_number": LEFT, "month": "2020-04-01"},      # month after 2020-03: found
                   {"id_number": LEFT, "month": "2020-03-01"},      # the month of leaving: not
                   {"id_number": RETIRED, "month": "2020-05-01"},   # 退休 keeps allowances
                   {"id_number": ON_DUTY, "month": "2020-05-01"},   # 在职
                   {"month": "2020-05-01"})                          # no id_number
    people = build.staff((LEFT, "调离", "2020-03-31"), (RETIRED, "退休", "2019-01-01"), (ON_DUTY, "在职", None))
    result = build.run({"allowances": pay, "staff": people})
    assert build.flagged(result, "allowance.after_leave") == ["A1"]
    row = result.findings[result.findings["check_id"] == "allowance.after_leave"].iloc[0]
    assert row["severity"] == "high" and "调离" in row["message"] and "2020-03-31" in row["message"]


def test_every_leaving_status_counts_but_not_without_left_on(build):
    ids = [f"36220219800512{n:03d}X" for n in range(5)]
    people = build.staff((ids[0], "死亡", "2020-01-05"), (ids[1], "辞职", "2020-01-05"), (ids[2], "开除", "2020-01-05"),
                   (ids[3], "调离", None), (ids[4], "在职", "2020-01-05"))
    pay = build.payments(*({"id_number": i, "month": "2020-02-01", "name": f"人{n}"} for n, i in enumerate(ids)))
    assert build.flagged(build.run({"allowances": pay, "staff": people}), "allowance.after_leave") == ["A1", "A2", "A3"]


def test_after_leave_skipped_without_staff(build):
    result = build.run({"allowances": build.payments({"id_number": LEFT})})
    assert "allowance.after_leave" in result.skipped
    assert build.flagged(result, "allowance.after_leave") == []

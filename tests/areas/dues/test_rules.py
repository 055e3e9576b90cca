"""党费 rules: every subtlety of checks.md's dues section planted — found, at the limit not found, clean."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.areas import dues
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig


def test_underpaid_at_the_limit(book):
    rows = [book.row("U1", "2020-01-01", paid=39.98), book.row("U2", "2020-02-01", paid=39.99),
            book.row("U3", "2020-03-01", paid=40.0), book.row("U4", "2020-04-01", income=None, paid=0.0)]
    result = book.run(rows)
    assert book.flagged(result, "dues.underpaid") == ["U1"]
    found = book.finding(result, "dues.underpaid", "U1")
    assert found["amount"] == pytest.approx(0.02)
    assert (found["unit"], found["severity"]) == ("机关第一支部", "medium")


def test_paid_is_compared_in_cents(book):
    rows = [book.row("C1", "2020-01-01", paid=39.985), book.row("C2", "2020-02-01", paid=39.984)]
    assert book.flagged(book.run(rows), "dues.underpaid") == ["C2"]


@pytest.mark.parametrize("income, paid, flagged", [
    (3000.0, 14.99, False), (3000.0, 14.98, True), (3000.004, 15.0, False), (3000.005, 15.0, True),
    (3000.005, 30.0, False), (5000.0, 49.99, False), (5000.01, 74.99, True), (10000.0, 149.99, False),
    (10000.004, 150.0, False), (10000.005, 150.0, True), (20000.0, 399.99, False)])
def test_rate_brackets_compare_income_in_cents(book, income, paid, flagged):
    result = book.run([book.row("R1", "2020-01-01", income=income, paid=paid)])
    assert book.flagged(result, "dues.underpaid") == (["R1"] if flagged else [])


@pytest.mark.parametrize("income, paid, flagged", [(5000.0, 24.99, False), (5000.0, 24.98, True),
                                                   (5000.004, 25.0, False), (5000.005, 25.0, True),
                                                   (5000.005, 50.0, False)])
def test_retired_rates(book, income, paid, flagged):
    result = book.run([book.row("R1", "2020-01-01", income=income, paid=paid, retired=True)])
    assert book.flagged(result, "dues.underpaid") == (["R1"] if flagged else [])


def test_one_payment_per_member_and_month(book):
    rows = [book.row("M1", "2020-01-01", income=None, paid=20.0),      # first row: no income
            book.row("M2", "2020-01-01", income=4000.0, paid=20.0),    # 补交: the first income set
            book.row("M3", "2020-01-01", income=9000.0, paid=0.0),     # a later income is not used
            book.row("N1", "2020-02-01", paid=20.0, retired=False), book.row("N2", "2020-02-01", paid=0.0, retired=True),
            book.row("O1", "2020-03-01", paid=20.0, branch="机关第二支部")]
    result = book.run(rows)
    # M: 40 paid on 4000 → 40 due; N: retired if any → 0.5 % of 4000 = 20; O: 20 of 40 → underpaid
    assert book.flagged(result, "dues.underpaid") == ["O1"]
    pay = dues.payments(book.frame(rows))
    assert pay["rows"].tolist() == [3, 2, 1]


def test_underpaid_record_and_unit_from_the_first_row_of_the_month(book):
    rows = [book.row("F1", "2020-01-01", paid=10.0, branch="机关 第一支部"), book.row("F2", "2020-01-01", paid=10.0)]
    found = book.finding(book.run(rows), "dues.underpaid", "F1")
    assert found["unit"] == "机关 第一支部"
    assert found["amount"] == pytest.approx(20.0)


def test_member_is_member_and_branch_of_same_names(book):
    rows = [book.row("A1", "2020-01-01", member="张 建国", branch="机关第一支部"),
            book.row("A2", "2020-04-01", member="张建国", branch=" 机关第一支部 "),
            book.row("B1", "2020-01-01", branch="机关第二支部"), book.row("B2", "2020-03-01", branch="机关第二支部")]
    result = book.run(rows)
    assert book.flagged(result, "dues.missing_month") == ["张 建国@2020-02", "张 建国@2020-03", "张建国@2020-02"]
    assert result.indicators["dues.members"] == 2


def test_the_empty_branch_is_one_branch(book):
    rows = [book.row("E1", "2020-01-01", branch=None), book.row("E2", "2020-02-01", branch="无"),
            book.row("E3", "2020-03-01", branch=" "), book.row("E4", "2020-06-01", branch="/")]
    result = book.run(rows)
    assert book.flagged(result, "dues.missing_month") == ["张建国@2020-04", "张建国@2020-05"]
    assert result.indicators["dues.members"] == 1
    assert book.finding(result, "dues.missing_month", "张建国@2020-04")["unit"] == ""


def test_missing_months_across_the_year(book):
    rows = [book.row("Y1", "2019-11-01"), book.row("Y2", "2020-02-01"), book.row("Y3", "2020-02-01", paid=0.0)]
    result = book.run(rows)
    assert book.flagged(result, "dues.missing_month") == ["张建国@2019-12", "张建国@2020-01"]
    found = book.finding(result, "dues.missing_month", "张建国@2019-12")
    assert (found["severity"], found["unit"]) == ("low", "机关第一支部") and found["amount"] != found["amount"]


def test_no_missing_month_for_consecutive_months(book):
    rows = [book.row("K1", "2020-01-01"), book.row("K2", "2020-02-01")]
    assert book.flagged(book.run(rows), "dues.missing_month") == []


def test_stopped_at_the_limit(book):
    rows = [book.row("S1", "2019-12-01", member="李明"), book.row("S2", "2020-01-01", member="王芳"),
            book.row("S3", "2020-06-01", member="赵强")]
    result = book.run(rows)
    assert book.flagged(result, "dues.stopped") == ["李明"]
    found = book.finding(result, "dues.stopped", "李明")
    assert (found["unit"], found["severity"]) == ("机关第一支部", "medium") and found["amount"] != found["amount"]


def test_stopped_unless_transferred(book):
    rows = [book.row("T1", "2019-10-01", member="李明", branch="机关第一支部"),
            book.row("T2", "2020-03-01", member="李 明", branch="机关第二支部"),
            book.row("T3", "2019-10-01", member="王芳", branch="机关第一支部"),
            book.row("T4", "2019-08-01", member="王芳", branch="机关第二支部")]
    result = book.run(rows)
    # 李明 moved on to 第二支部 (a transfer); 王芳 moved from 第二支部 to 第一支部 (a transfer), then stopped there
    assert book.flagged(result, "dues.stopped") == ["王芳"]
    assert book.finding(result, "dues.stopped", "王芳")["unit"] == "机关第一支部"


def test_stopped_reads_its_threshold(book):
    rows = [book.row("S1", "2020-03-01")]
    assert book.flagged(book.run(rows, dues_stop_months=3), "dues.stopped") == ["张建国"]
    assert book.flagged(book.run(rows, as_of=dt.date(2020, 5, 31), dues_stop_months=3), "dues.stopped") == []


def test_checks_are_skipped_and_indicators_null_without_the_dataset():
    result = run_checks(Context({}, RoundConfig("t", dt.date(2019, 10, 1), dt.date(2020, 6, 30))), dues.CHECKS,
                        dues.INDICATORS)
    assert sorted(result.skipped) == ["dues.missing_month", "dues.stopped", "dues.underpaid"]
    assert result.indicators == {"dues.members": None, "dues.paid": None, "dues.shortfall": None}

"""村级三资 rules: each check's planted violation (found), the value at its limit (not found), a clean row."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.areas import village
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig


def test_receipt_wu_is_kept_as_a_category(books):
    frame = books.load([books.row("V1", receipt="无"), books.row("V2", receipt="")])
    assert frame["receipt"].tolist()[0] == "无"
    assert pd.isna(frame["receipt"].tolist()[1])


def test_white_slip(books):
    result = books.run([books.row("W1", receipt="白条"), books.row("W2", receipt="无"),
                        books.row("W3", receipt=""), books.row("W4", receipt="收据"),
                        books.row("W5", receipt="白条", direction="收入")])
    assert books.flagged(result, "village.white_slip") == ["W1", "W2"]
    found = result.findings[result.findings["record_id"] == "W1"].iloc[0]
    assert (found["unit"], found["amount"], found["severity"]) == ("桃花村", 1000.0, "high")
    assert "白条" in found["message"]


def test_income_to_personal(books):
    result = books.run([books.row("P1", direction="收入", account="个人"), books.row("P2", direction="收入"),
                        books.row("P3", account="个人")])
    assert books.flagged(result, "village.income_to_personal") == ["P1"]


def test_large_cash_compares_in_cents(books):
    result = books.run([books.row("C1", cash="是", amount="2000.01"), books.row("C2", cash="是", amount="2000"),
                        books.row("C3", cash="是", amount="2000.004"), books.row("C4", amount="9000"),
                        books.row("C5", cash="是", amount="9000", direction="收入")])
    assert books.flagged(result, "village.large_cash") == ["C1"]


def test_split_payment_found_at_the_limit_of_the_sum(books):
    rows = [books.row("S1", amount="2500"), books.row("S2", amount="2500", payee=" 青岚县宏达建材商店 "),
            books.row("N1", amount="2500", payee="张三"), books.row("N2", amount="2499.99", payee="张三"),
            books.row("X1", amount="4000", payee="李四"), books.row("X2", amount="4000", payee="李四", date="2020-03-03")]
    result = books.run(rows)
    assert books.flagged(result, "village.split_payment") == ["S1", "S2"]


def test_split_payment_rows_at_or_over_the_limit_take_no_part(books):
    rows = [books.row("A1", amount="5000"), books.row("A2", amount="4999.99"), books.row("A3", amount="0.01"),
            books.row("B1", amount="3000", payee="王五", town=""), books.row("B2", amount="3000", payee="王五", town="无"),
            books.row("D1", amount="3000", payee="", town=""), books.row("D2", amount="3000", payee="无")]
    result = books.run(rows)
    assert books.flagged(result, "village.split_payment") == ["A2", "A3", "B1", "B2"]


def test_split_payment_other_village_or_income_is_not_grouped(books):
    rows = [books.row("V1", amount="3000"), books.row("V2", amount="3000", village="李家村"),
            books.row("V3", amount="3000", direction="收入")]
    assert books.flagged(books.run(rows), "village.split_payment") == []


def test_thresholds_are_read_from_the_round(books):
    rows = [books.row("T1", cash="是", amount="1500.5")]
    result = books.run(rows, thresholds="village_cash_max = 1500\n")
    assert books.flagged(result, "village.large_cash") == ["T1"]


@pytest.mark.parametrize("check", village.CHECKS, ids=lambda c: c.id)
def test_every_check_is_skipped_without_the_dataset(check):
    ctx = Context({}, RoundConfig("t", dt.date(2019, 10, 1), dt.date(2020, 6, 30)))
    run = run_checks(ctx, [check], village.INDICATORS)
    assert check.id in run.skipped and run.findings.empty
    assert set(run.indicators.values()) == {None}

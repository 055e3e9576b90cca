"""The finding key: stable, short, and stamped on every finding."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd

from toolkit.checks.base import EXTRA_COLUMNS, FINDING_COLUMNS, Check, Context, empty_findings
from toolkit.config import RoundConfig
from toolkit.review.keys import KEY_COLUMN, canonical, finding_key, finding_keys


def test_the_key_is_the_documented_hash_of_the_canonical_string():
    text = "ledger.overdue\x1fledger\x1fM-01"
    assert canonical("ledger.overdue", "ledger", "M-01") == text
    assert finding_key("ledger.overdue", "ledger", "M-01") == hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def test_each_part_of_the_triple_changes_the_key_and_nothing_else_does():
    base = finding_key("a.b", "fuel", "F1")
    assert len({base, finding_key("a.c", "fuel", "F1"), finding_key("a.b", "fleet", "F1"),
                finding_key("a.b", "fuel", "F2")}) == 4
    frame = pd.DataFrame({"check_id": ["a.b", "a.b"], "dataset": ["fuel", "fuel"], "record_id": ["F1", "F1"],
                          "message": ["一", "二"], "amount": [1.0, 2.0]})
    assert finding_keys(frame).tolist() == [base, base]


def test_fields_do_not_run_together():
    assert finding_key("a", "bc", "d") != finding_key("ab", "c", "d")


def test_every_finding_of_a_check_carries_its_key_after_the_extra_columns():
    rule = lambda ctx: pd.DataFrame({"record_id": ["R1", "R2"], "unit": ["甲", "乙"], "amount": [1.0, None],
                                     "message": ["m", "n"], "row": [2, 3]})
    check = Check("x.big", "x", "fuel", "high", "过大", rule)
    found = check.run(Context({}, RoundConfig("t", dt.date(2019, 10, 1), dt.date(2020, 6, 30))))
    assert list(found.columns) == FINDING_COLUMNS + EXTRA_COLUMNS
    assert list(found.columns).index(KEY_COLUMN) > list(found.columns).index("row")
    assert found[KEY_COLUMN].tolist() == [finding_key("x.big", "fuel", "R1"), finding_key("x.big", "fuel", "R2")]
    assert found["review_conclusion"].isna().all()
    assert list(empty_findings().columns) == FINDING_COLUMNS + EXTRA_COLUMNS

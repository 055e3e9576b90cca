"""The checks framework: findings table shape, skipping, null indicators, calendar note once."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.checks.base import FINDING_COLUMNS, Check, Context, Indicator, flag, is_empty, run_checks
from toolkit.checks.calendar import non_working_days
from toolkit.config import RoundConfig

ROUND = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=dt.date(2020, 6, 30))


def frame():
    return pd.DataFrame({"id": ["a", "b", "c"], "unit": ["甲", "乙", "丙"], "amount": [1.0, 250.0, 3.0],
                         "day": pd.to_datetime(["2099-01-03", "2099-01-05", "2020-06-25"]), "_row": [2, 3, 4]})


def big_amounts(ctx):
    df = ctx.data["t"]
    return flag(df, df["amount"] > 100, "金额{amount}元超标", id_column="id", unit_column="unit", amount="amount")


def holidays(ctx):
    df = ctx.data["t"]
    return flag(df, non_working_days(df["day"], ctx.calendar), "{day}为非工作日", id_column="id")


CHECKS = [Check("t.big", "x", "t", "high", "金额超标", big_amounts),
          Check("t.holiday", "x", "t", "low", "非工作日", holidays),
          Check("t.holiday2", "x", "t", "low", "非工作日2", holidays),
          Check("t.other", "x", "t", "low", "需要另一个数据集", big_amounts, needs=("absent",))]
INDICATORS = [Indicator("x.n", "行数", ("t",), lambda ctx, f: len(ctx.data["t"])),
              Indicator("x.flagged", "疑点", ("t",), lambda ctx, f: (f["check_id"] == "t.big").sum()),
              Indicator("x.absent", "缺", ("absent",), lambda ctx, f: 0)]


def test_findings_table_and_indicators():
    run = run_checks(Context({"t": frame()}, ROUND), CHECKS, INDICATORS)
    assert list(run.findings.columns[:8]) == FINDING_COLUMNS
    big = run.findings[run.findings["check_id"] == "t.big"].iloc[0]
    assert (big["record_id"], big["unit"], big["amount"], big["message"], big["row"]) == ("b", "乙", 250.0, "金额250元超标", 3)
    assert big["severity"] == "high" and big["area"] == "x" and big["dataset"] == "t" and big["title"] == "金额超标"
    assert sorted(run.findings.loc[run.findings["check_id"] == "t.holiday", "record_id"]) == ["a", "c"]
    assert run.indicators == {"x.n": 3, "x.flagged": 1, "x.absent": None}
    assert run.skipped == {"t.other": "缺少数据集 absent"}


def test_calendar_fallback_is_noted_once_per_run():
    run = run_checks(Context({"t": frame()}, ROUND), CHECKS, INDICATORS)
    assert len(run.notes) == 1 and "2099-01-03 至 2099-01-05" in run.notes[0]


def test_missing_dataset_means_no_findings_and_null_indicators():
    run = run_checks(Context({}, ROUND), CHECKS, INDICATORS)
    assert run.findings.empty and list(run.findings.columns[:8]) == FINDING_COLUMNS
    assert set(run.indicators.values()) == {None}


@pytest.mark.parametrize("value, empty", [("无", True), ("没有", True), ("/", True), ("-", True), ("—", True),
                                          ("n/a", True), ("  ", True), (None, True), ("X函〔2020〕3号", False),
                                          ("无锡市", False)])
def test_is_empty(value, empty):
    assert is_empty(pd.Series([value], dtype="str")).tolist() == [empty]


def test_bad_severity_is_refused():
    with pytest.raises(ValueError):
        Check("x", "x", "t", "urgent", "x", big_amounts)

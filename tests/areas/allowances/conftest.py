"""Typed allowances, allowance_catalog and staff frames for the allowances tests, and a run of the checks.

The frames are built as ingest would accept them: text as ``str``, months as the month's first day,
dates ``datetime64``, ID numbers normalised 18-character text. The round's as_of is 2020-06-30.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.areas import allowances
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.config import RoundConfig


def payments(*rows: dict) -> pd.DataFrame:
    """Allowance rows: 县财政局 张三 2020-03 岗位津贴 500 元 unless overridden; ids A1, A2, …"""
    base = {"name": "张三", "id_number": None, "unit": "县财政局", "month": "2020-03-01", "item": "岗位津贴",
            "amount": 500.0}
    frame = pd.DataFrame([{**base, "id": f"A{i + 1}", **r} for i, r in enumerate(rows)])
    frame = frame.astype({c: "str" for c in ("id", "name", "id_number", "unit", "item")})
    return frame.assign(month=pd.to_datetime(frame["month"]), amount=frame["amount"].astype("float64"),
                        _row=pd.array(range(2, len(frame) + 2), dtype="Int64"))


def catalog(*rows: tuple) -> pd.DataFrame:
    """(item, monthly_cap, units) rows."""
    frame = pd.DataFrame(rows, columns=["item", "monthly_cap", "units"])
    return frame.astype({"item": "str", "units": "str", "monthly_cap": "float64"})


def staff(*rows: tuple) -> pd.DataFrame:
    """(id_number, status, left_on) rows."""
    frame = pd.DataFrame(rows, columns=["id_number", "status", "left_on"])
    return frame.astype({"id_number": "str", "status": "str"}).assign(
        left_on=pd.to_datetime(frame["left_on"]), name="某人", unit="县财政局", role="公务员")


def run(frames: dict[str, pd.DataFrame]) -> CheckRun:
    config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=dt.date(2020, 6, 30))
    return run_checks(Context(frames, config), allowances.CHECKS, allowances.INDICATORS)


def flagged(result: CheckRun, check_id: str) -> list[str]:
    return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


class Build:
    """The builders above, as one fixture (tests import nothing from conftest)."""

    payments = staticmethod(payments)
    catalog = staticmethod(catalog)
    staff = staticmethod(staff)
    run = staticmethod(run)
    flagged = staticmethod(flagged)


@pytest.fixture
def build() -> Build:
    return Build()


@pytest.fixture
def std_catalog() -> pd.DataFrame:
    return catalog(("岗位津贴", 600.0, None), ("交通补贴", 300.0, "县财政局、县教育体育局"), ("加班补贴", None, "无"))

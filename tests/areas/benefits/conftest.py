"""Typed benefits, staff and deaths frames for the benefits tests, valid GB 11643 ID numbers, and a run.

The frames are built as ingest would accept them: text as ``str``, months as the month's first day,
dates ``datetime64``, ID numbers normalised 18-character text. The round's as_of is 2020-06-30.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.areas import benefits
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.config import RoundConfig

_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def valid_id(first17: str) -> str:
    """17 digits + their GB 11643 check character (written out here, independently of the toolkit)."""
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _W)) % 11]


def payments(*rows: dict) -> pd.DataFrame:
    """Benefit rows: 低保 2020-03 300 元 to a valid ID in 白鹭镇桃源村 unless overridden; ids B1, B2, …"""
    base = {"name": "张三", "id_number": valid_id("36220219500101001"), "type": "低保", "month": "2020-03-01",
            "amount": 300.0, "town": "白鹭镇", "village": "桃源村"}
    frame = pd.DataFrame([{**base, "id": f"B{i + 1}", **r} for i, r in enumerate(rows)])
    frame = frame.astype({c: "str" for c in ("id", "name", "id_number", "type", "town", "village")})
    return frame.assign(month=pd.to_datetime(frame["month"]), amount=frame["amount"].astype("float64"),
                        _row=pd.array(range(2, len(frame) + 2), dtype="Int64"))


def staff(*rows: tuple) -> pd.DataFrame:
    """(id_number, status) rows; 退休 and others left on 2019-01-01."""
    frame = pd.DataFrame(rows, columns=["id_number", "status"]).astype("str")
    left = pd.to_datetime(["2019-01-01" if s != "在职" else None for s in frame["status"]])
    return frame.assign(name="某人", unit="县民政局", role="事业编制", left_on=left)


def deaths(*rows: tuple) -> pd.DataFrame:
    """(id_number, died_on) rows."""
    frame = pd.DataFrame(rows, columns=["id_number", "died_on"])
    return frame.assign(id_number=frame["id_number"].astype("str"), died_on=pd.to_datetime(frame["died_on"]),
                        name="某人")


def run(frames: dict[str, pd.DataFrame]) -> CheckRun:
    config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=dt.date(2020, 6, 30))
    return run_checks(Context(frames, config), benefits.CHECKS, benefits.INDICATORS)


def flagged(result: CheckRun, check_id: str) -> list[str]:
    return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


class Build:
    """The builders above, as one fixture (tests import nothing from conftest)."""

    valid_id = staticmethod(valid_id)
    payments = staticmethod(payments)
    staff = staticmethod(staff)
    deaths = staticmethod(deaths)
    run = staticmethod(run)
    flagged = staticmethod(flagged)


@pytest.fixture
def build() -> Build:
    return Build()

"""The ``ledger`` fixture: 党费 rows as a typed frame (as ingest accepts them) and a run of the dues checks.

The round's as_of is 2020-06-30 (as tests/conftest.py); dues_stop_months 6 unless given.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.areas import dues
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.config import RoundConfig, Thresholds


class DuesRounds:
    """Rows of party_dues and runs of the dues checks on them."""

    @staticmethod
    def row(rid: str, month: str, member: str = "张建国", branch: str | None = "机关第一支部",
            income: float | None = 4000.0, paid: float = 40.0, retired: bool | None = None) -> dict:
        return {"id": rid, "member": member, "branch": branch, "month": month, "income": income, "paid": paid,
                "retired": retired}

    @staticmethod
    def frame(rows: list[dict]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=["id", "member", "branch", "month", "income", "paid", "retired"])
        return df.astype({"id": "str", "member": "str", "branch": "str", "income": "float64", "paid": "float64",
                          "retired": "boolean"}).assign(month=pd.to_datetime(df["month"]),
                                                        _row=pd.array(range(2, len(df) + 2), dtype="Int64"))

    def run(self, rows: list[dict], as_of: dt.date = dt.date(2020, 6, 30), **thresholds) -> CheckRun:
        config = RoundConfig("t", dt.date(2019, 10, 1), as_of, thresholds=Thresholds().with_overrides(thresholds))
        return run_checks(Context({"party_dues": self.frame(rows)}, config), dues.CHECKS, dues.INDICATORS)

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])

    @staticmethod
    def finding(result: CheckRun, check_id: str, record_id: str) -> pd.Series:
        f = result.findings
        return f[(f["check_id"] == check_id) & (f["record_id"] == record_id)].iloc[0]


@pytest.fixture
def book() -> DuesRounds:
    return DuesRounds()

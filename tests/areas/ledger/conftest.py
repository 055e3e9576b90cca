"""The ``make`` fixture: ledger and progress frames as ingest hands them over, and a run of the ledger checks."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from toolkit.areas import ledger
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.config import RoundConfig, Thresholds

LEDGER_COLUMNS = ["measure_id", "aspect_no", "aspect", "problem_no", "problem", "sub_problem", "measure",
                  "lead_leader", "units", "kind", "deadline", "status", "completed_on", "signed_off_by",
                  "signed_off_on", "evidence"]
DATES = ("deadline", "completed_on", "signed_off_on")


class LedgerRounds:
    """Builders for the ledger tests; the round runs from 2019-10-01 to as_of 2020-06-30."""

    as_of = dt.date(2020, 6, 30)

    @staticmethod
    def ledger(*rows: dict) -> pd.DataFrame:
        """A typed ledger frame as ingest hands it over (str text, Int64 numbers, datetime64 dates, _row)."""
        base = {"aspect_no": 1, "aspect": "学习贯彻存在差距", "problem_no": 1, "problem": "学习不深入",
                "sub_problem": None, "measure": "深化理论学习", "lead_leader": "张三", "units": "县委办",
                "kind": "限期整改", "deadline": "2020-09-30", "status": "推进中", "completed_on": None,
                "signed_off_by": None, "signed_off_on": None, "evidence": None}
        records = [{**base, "measure_id": f"M{i}", **row} for i, row in enumerate(rows, start=1)]
        frame = pd.DataFrame(records, columns=LEDGER_COLUMNS)
        types = {c: "str" for c in LEDGER_COLUMNS if c not in DATES and c not in ("aspect_no", "problem_no")}
        frame = frame.astype({**types, "aspect_no": "Int64", "problem_no": "Int64"})
        for column in DATES:
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        frame.insert(0, "_row", pd.array(range(2, len(frame) + 2), dtype="Int64"))
        return frame

    @staticmethod
    def done(**row) -> dict:
        """A completed, properly signed-off measure."""
        return {"status": "已完成", "deadline": "2020-05-31", "completed_on": "2020-05-20",
                "signed_off_by": "李四", "signed_off_on": "2020-05-25", "evidence": "青办字〔2020〕12号", **row}

    @staticmethod
    def progress(*reports: tuple) -> pd.DataFrame:
        """Reports as (measure_id, week_of, status, note); ids P1…, _row in order given."""
        frame = pd.DataFrame(reports, columns=["measure_id", "week_of", "status", "note"])
        frame.insert(0, "id", [f"P{i}" for i in range(1, len(frame) + 1)])
        frame = frame.astype({"id": "str", "measure_id": "str", "status": "str", "note": "str"})
        frame["week_of"] = pd.to_datetime(frame["week_of"]).astype("datetime64[ns]")
        frame.insert(0, "_row", pd.array(range(2, len(frame) + 2), dtype="Int64"))
        return frame

    @staticmethod
    def weekly(measure: str, entries: list[tuple[str, str | None]], start: str = "2020-05-04") -> list[tuple]:
        """One report a week from ``start``, as (measure, week_of, status, note)."""
        weeks = pd.date_range(start, periods=len(entries), freq="7D")
        return [(measure, w, status, note) for w, (status, note) in zip(weeks, entries)]

    def run(self, ledger_frame: pd.DataFrame, progress: pd.DataFrame | None = None, **thresholds) -> CheckRun:
        """The ledger checks and indicators on these frames (thresholds override the defaults)."""
        data = {"ledger": ledger_frame}
        if progress is not None:
            data["progress"] = progress
        config = RoundConfig(slug="t", period_start=dt.date(2019, 10, 1), as_of=self.as_of, target="青岚县",
                             thresholds=Thresholds().with_overrides(thresholds))
        return run_checks(Context(data, config), ledger.CHECKS, ledger.INDICATORS)

    @staticmethod
    def ids(result: CheckRun, check_id: str) -> list[str]:
        """The record_ids one check flagged, sorted."""
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


@pytest.fixture
def make() -> LedgerRounds:
    return LedgerRounds()

"""The ``cases_round`` fixture: 问题线索 and 处分与处理 rows written into a test round, and a run of the area's checks.

The test round (tests/conftest.py ROUND_TOML) runs from period_start 2019-10-01 to as_of 2020-06-30.
"""

from __future__ import annotations

import pytest

from toolkit.areas import cases
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.ingest.load import load_round

CLUE_HEADER = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]
CASE_HEADER = ["编号", "案件编号", "姓名", "单位", "形态", "处理结果", "问责", "立案日期"]


class CaseRounds:
    """Writes the two files into one test round and runs the cases checks and indicators."""

    def __init__(self, round_dir):
        self.round_dir = round_dir

    def run(self, clues=None, case_rows=None, thresholds: str = "") -> CheckRun:
        root = self.round_dir.root
        if thresholds:
            toml = (root / "round.toml").read_text(encoding="utf-8") + "[thresholds]\n" + thresholds
            (root / "round.toml").write_text(toml, encoding="utf-8")
        if clues is not None:
            self.round_dir.csv("问题线索.csv", [CLUE_HEADER, *clues])
        if case_rows is not None:
            self.round_dir.csv("处分与处理.csv", [CASE_HEADER, *case_rows])
        data = load_round(root)
        assert data.rejected.empty, data.rejected
        return run_checks(Context(data.frames, data.config), cases.CHECKS, cases.INDICATORS)

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        """The record ids one check flagged, sorted."""
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


@pytest.fixture
def cases_round(round_dir) -> CaseRounds:
    return CaseRounds(round_dir)

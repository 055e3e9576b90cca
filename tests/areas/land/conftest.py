"""The ``parcels`` fixture: 工业用地 rows written as a CSV into a test round, and a run of the land checks.

The test round (tests/conftest.py ROUND_TOML) runs from period_start 2019-10-01 to as_of 2020-06-30.
"""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import land
from toolkit.checks.base import CheckRun, Context, run_checks
from toolkit.ingest.load import load_round

HEADER = ["地块编号", "项目名称", "用地单位", "批准日期", "供地日期", "约定开工日期", "实际开工日期",
          "竣工日期", "面积", "约定投资额", "年税收", "状态", "收回日期"]
KEYS = ["parcel_id", "project", "company", "approved_on", "supplied_on", "agreed_start", "actual_start",
        "completed_on", "area_mu", "agreed_investment", "annual_tax", "status", "reclaimed_on"]


class LandRounds:
    """Builders for the land tests, writing into one test round."""

    header = HEADER

    def __init__(self, round_dir):
        self.round_dir = round_dir

    @staticmethod
    def row(pid: str, **values) -> list[object]:
        """A land row: supplied, not started, nothing else set, unless overridden."""
        row = {"project": f"项目{pid}", "company": "某某实业有限公司", "approved_on": "2015-01-01",
               "supplied_on": "", "agreed_start": "", "actual_start": "", "completed_on": "",
               "area_mu": "10", "agreed_investment": "", "annual_tax": "", "status": "已供未建", "reclaimed_on": ""}
        row.update(parcel_id=pid, **values)
        return [row[k] for k in KEYS]

    def idle(self, pid: str, agreed_start: str, **values) -> list[object]:
        """Supplied on 2017-01-01, not started, agreed to start on ``agreed_start``."""
        return self.row(pid, supplied_on="2017-01-01", agreed_start=agreed_start, **values)

    def done(self, pid: str, completed_on: str = "2018-01-01", annual_tax: str = "30", **values) -> list[object]:
        """Completed on ``completed_on`` with ``annual_tax`` 万元 a year (status 已竣工 unless overridden)."""
        return self.row(pid, supplied_on="2016-01-01", agreed_start="2016-06-01", actual_start="2016-06-01",
                        completed_on=completed_on, annual_tax=annual_tax, status=values.pop("status", "已竣工"),
                        **values)

    def run(self, rows, thresholds: str = "", as_of: str | None = None, header=HEADER) -> CheckRun:
        """Write the rows as 工业用地.csv (``as_of`` moves the round and period_start to 2010-01-01), run the checks."""
        root = self.round_dir.root
        toml = (root / "round.toml").read_text(encoding="utf-8")
        if as_of:
            toml = toml.replace("as_of = 2020-06-30", f"as_of = {as_of}").replace(
                "period_start = 2019-10-01", "period_start = 2010-01-01")
        if thresholds:
            toml += "[thresholds]\n" + thresholds
        (root / "round.toml").write_text(toml, encoding="utf-8")
        self.round_dir.csv("工业用地.csv", [header, *rows])
        data = load_round(root)
        assert data.rejected.empty, data.rejected.to_dict("records")
        return run_checks(Context(data.frames, data.config), land.CHECKS, land.INDICATORS)

    def frame(self) -> pd.DataFrame:
        """The land frame of the round as last written."""
        return load_round(self.round_dir.root).frames["land"]

    @staticmethod
    def flagged(result: CheckRun, check_id: str) -> list[str]:
        """The parcel ids one check flagged, sorted."""
        return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])

    @staticmethod
    def finding(result: CheckRun, check_id: str, record_id: str) -> pd.Series:
        """One finding of one check."""
        f = result.findings
        return f[(f["check_id"] == check_id) & (f["record_id"] == record_id)].iloc[0]


@pytest.fixture
def parcels(round_dir) -> LandRounds:
    return LandRounds(round_dir)

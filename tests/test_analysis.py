"""toolkit.analysis: the Analysis object every layer above the checks passes around."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from toolkit.analysis import Analysis
from toolkit.checks.base import CheckRun, Context
from toolkit.config import RoundConfig
from toolkit.ingest.load import RoundData


def make() -> Analysis:
    config = RoundConfig("t", dt.date(2019, 10, 1), dt.date(2020, 6, 30))
    frames = {"clues": pd.DataFrame({"id": ["C1", "C2"]})}
    rejected = pd.DataFrame({"file": ["a.csv", "a.csv", "b.csv"], "sheet": ["", "", ""], "row": [3, 3, None],
                             "column": ["x", "y", None], "value": ["1", "2", None], "reason": ["r", "r", "r"]})
    data = RoundData(directory=Path("round"), config=config, frames=frames, rejected=rejected)
    findings = pd.DataFrame({"area": ["cases", "land", "cases"], "check_id": ["a", "b", "c"]})
    run = CheckRun(findings, {"cases.clues.received": 2}, {}, [])
    return Analysis(data, run, Context(frames, config), {"ingest_s": 0.1, "checks_s": 0.2})


def test_shortcuts_to_the_data_and_the_run():
    analysis = make()
    assert analysis.config is analysis.data.config
    assert analysis.findings is analysis.run.findings and analysis.indicators == {"cases.clues.received": 2}
    assert analysis.frame("clues") is analysis.data.frames["clues"] and analysis.frame("land") is None
    assert analysis.rejected is analysis.data.rejected


def test_rejected_rows_counts_distinct_rows_not_cells_nor_whole_files():
    assert make().rejected_rows == 1


def test_area_findings():
    analysis = make()
    assert analysis.area_findings("cases")["check_id"].tolist() == ["a", "c"]
    assert analysis.area_findings("ledger").empty

"""The demo round: the sangong checks find exactly what the demo planted, and its indicators."""

from __future__ import annotations

import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context, run_checks

CHECK_IDS = [c.id for c in sangong.CHECKS]            # the contract's ids: see test_registry
INDICATOR_NAMES = [i.name for i in sangong.INDICATORS]


@pytest.fixture(scope="module")
def demo_round(demo):
    result = run_checks(Context(demo.frames, demo.config), sangong.CHECKS, sangong.INDICATORS)
    return result, demo.truth


@pytest.mark.parametrize("check_id", CHECK_IDS)
def test_demo_findings_match_truth(demo_round, check_id, sg):
    result, truth = demo_round
    assert check_id in truth["findings"], "the demo plants every sangong check"
    if check_id == "generic.benford":
        # dataset-level: record_id is empty; the truth names the flagged column as 'dataset.column',
        # which our message starts with, and the finding's dataset is the column's dataset
        rows = result.findings[result.findings["check_id"] == check_id]
        assert set(rows["record_id"]) <= {""}
        columns = [m.split("（", 1)[0] for m in rows["message"]]
        assert [c.split(".")[0] for c in columns] == rows["dataset"].tolist()
        assert sorted(columns) == sorted(truth["findings"][check_id])
        return
    assert sorted(sg.found(result, check_id)) == sorted(truth["findings"][check_id])


@pytest.mark.parametrize("name", INDICATOR_NAMES)
def test_demo_indicators_match_truth(demo_round, name):
    result, truth = demo_round
    assert name in truth["indicators"], "the demo's truth has every sangong indicator"
    expected = truth["indicators"][name]
    assert result.indicators[name] == (None if expected is None else pytest.approx(expected))

"""The demo round's ledger findings and indicators against its truth file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.areas import ledger
from toolkit.checks.base import Context, run_checks
from toolkit.ingest.load import load_round


@pytest.fixture(scope="module")
def demo_round(built_demo) -> Path:
    return built_demo


def test_demo_matches_truth(make, demo_round):
    truth = json.loads((demo_round / ".truth.json").read_text(encoding="utf-8"))
    data = load_round(demo_round)
    assert {"ledger", "progress"} <= set(data.frames)
    result = run_checks(Context(data.frames, data.config), ledger.CHECKS, ledger.INDICATORS)
    for check in ledger.CHECKS:
        assert make.ids(result, check.id) == sorted(truth["findings"][check.id]), check.id
        assert make.ids(result, check.id), f"the demo plants {check.id}"
    for indicator in ledger.INDICATORS:
        expected = truth["indicators"][indicator.name]
        assert result.indicators[indicator.name] == pytest.approx(expected), indicator.name


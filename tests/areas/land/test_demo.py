"""The demo round's land findings and indicators against its truth file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.areas import land
from toolkit.checks.base import Context, run_checks
from toolkit.ingest.load import load_round


def test_demo_round_matches_truth(parcels, built_demo: Path):
    out = built_demo
    truth = json.loads((out / ".truth.json").read_text(encoding="utf-8"))
    data = load_round(out)
    result = run_checks(Context(data.frames, data.config), land.CHECKS, land.INDICATORS)
    for check in land.CHECKS:
        assert parcels.flagged(result, check.id) == sorted(truth["findings"].get(check.id, [])), check.id
    for name, value in result.indicators.items():
        expected = truth["indicators"].get(name)
        assert value == pytest.approx(expected), name


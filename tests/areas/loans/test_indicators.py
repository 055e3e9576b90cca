"""loans indicators (万元); null, never 0, and checks skipped when the dataset is missing."""

from __future__ import annotations

import pytest

from toolkit.areas import loans
from toolkit.checks.base import Context, run_checks
from toolkit.ingest.load import load_round


def test_indicators(loan_round):
    r = loan_round
    result = r.run([r.row("L1", amount="100.5"), r.row("L2", amount="200", is_entity="否"),
                    r.row("L3", amount="50", is_entity="")])
    assert result.indicators["loans.count"] == 3
    assert result.indicators["loans.amount"] == pytest.approx(350.5)
    assert result.indicators["loans.non_entity_amount"] == pytest.approx(200.0)


def test_missing_dataset(round_dir):
    data = load_round(round_dir.root)
    result = run_checks(Context(data.frames, data.config), loans.CHECKS, loans.INDICATORS)
    assert set(result.skipped) == {c.id for c in loans.CHECKS}
    assert set(result.indicators.values()) == {None}

"""bids indicators: tenders, bids, flagged tenders; null (never 0) and checks skipped when 投标记录 is missing."""

from __future__ import annotations

from toolkit.areas import bids
from toolkit.checks.base import Context, run_checks
from toolkit.ingest.load import load_round


def test_indicators(bid_round):
    r = bid_round
    rows = [r.row("T1", "甲公司", phone="13800000001"), r.row("T1", "乙公司", phone="13800000001"),
            r.row("T2", "丙公司", price="100000"), r.row("T2", "丁公司", price="100500"), r.row("T2", "戊公司", price="101000"),
            r.row("T3", "己公司"), r.row("T3", "庚公司")]
    result = r.run(rows)
    assert result.indicators == {"bids.tenders": 3, "bids.bids": 7, "bids.flagged_tenders": 2}


def test_missing_dataset_skips_checks_and_nulls_indicators(round_dir):
    data = load_round(round_dir.root)
    result = run_checks(Context(data.frames, data.config), bids.CHECKS, bids.INDICATORS)
    assert set(result.skipped) == {c.id for c in bids.CHECKS}
    assert result.indicators == {"bids.tenders": None, "bids.bids": None, "bids.flagged_tenders": None}

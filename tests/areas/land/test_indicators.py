"""工业用地 indicators: reclaimed, idle and unsupplied, in 宗 and 亩; null without land."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import land
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig
from toolkit.ingest.load import load_round

AS_OF = pd.Timestamp("2020-06-30")  # the test round's as_of (tests/conftest.py)


def test_indicators(parcels):
    result = parcels.run([
        parcels.row("U1", status="批而未供", area_mu="3"),
        parcels.row("U2", status="批而未供", approved_on="2020-06-01", area_mu="4.5"),  # any age counts
        parcels.idle("I1", "2018-06-30", area_mu="10"),  # idle and reclaimable: counted once
        parcels.idle("I2", "2019-06-30", area_mu="2.5"),
        parcels.idle("NOT_YET", "2020-01-01", area_mu="100"),
        parcels.row("R_IN", status="已收回", reclaimed_on="2019-10-01", area_mu="6"),
        parcels.row("R_END", status="已收回", reclaimed_on="2020-06-30", area_mu="1"),
        parcels.row("R_BEFORE", status="已收回", reclaimed_on="2019-09-30", area_mu="50"),
        parcels.row("R_AFTER", status="已收回", reclaimed_on="2020-07-01", area_mu="70"),
    ])
    ind = result.indicators
    assert ind["land.reclaimed.parcels"] == 2 and ind["land.reclaimed.area_mu"] == pytest.approx(7)
    assert ind["land.idle.parcels"] == 2 and ind["land.idle.area_mu"] == pytest.approx(12.5)
    assert ind["land.unsupplied.parcels"] == 2 and ind["land.unsupplied.area_mu"] == pytest.approx(7.5)
    assert set(ind) == {f"land.{a}.{b}" for a in ("reclaimed", "idle", "unsupplied") for b in ("parcels", "area_mu")}
    assert all(isinstance(v, (int, float)) for v in ind.values())


def test_indicators_zero_when_present_but_nothing(parcels):
    result = parcels.run([parcels.done("GOOD", annual_tax="80")])
    assert result.indicators["land.idle.parcels"] == 0 and result.indicators["land.idle.area_mu"] == 0
    assert result.indicators["land.reclaimed.parcels"] == 0


def test_indicators_null_when_land_missing():
    config = RoundConfig("t", AS_OF.date().replace(year=2019), AS_OF.date())
    result = run_checks(Context({}, config), land.CHECKS, land.INDICATORS)
    assert result.findings.empty
    assert set(result.skipped) == {c.id for c in land.CHECKS}
    assert result.indicators and all(v is None for v in result.indicators.values())


def test_idle_indicator_equals_idle_findings_even_without_the_check(parcels, round_dir):
    rows = [parcels.idle("A", "2018-06-30", area_mu="4"), parcels.idle("B", "2019-06-30", area_mu="6"),
            parcels.idle("C", "2019-07-01", area_mu="100")]
    result = parcels.run(rows)
    assert parcels.flagged(result, "land.idle") == ["A", "B"] and result.indicators["land.idle.area_mu"] == 10
    data = load_round(round_dir.root)
    only_indicators = run_checks(Context(data.frames, data.config), [], land.INDICATORS)
    assert only_indicators.indicators == result.indicators


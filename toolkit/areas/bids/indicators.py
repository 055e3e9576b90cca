"""招投标 indicators (indicators.json): tenders, bids and the tenders a collusion screen flagged.

Computed from the rules' own masks, so they are right even when a run was restricted to other areas' checks.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.bids.common import tender_key
from toolkit.areas.bids.rules import (
    close_submission_mask, identical_price_mask, low_spread_tenders, shared_identity_mask)
from toolkit.checks.base import Context, Indicator

__all__ = ["INDICATORS", "flagged_tenders"]


def flagged_tenders(bids: pd.DataFrame, cv_min: float, window_seconds: float) -> set[str]:
    """Tenders with a shared_identity, identical_price, low_spread or close_submission finding."""
    rows = shared_identity_mask(bids) | identical_price_mask(bids) | close_submission_mask(bids, window_seconds)
    tenders = set(tender_key(bids)[rows])
    return tenders | set(low_spread_tenders(bids, cv_min).index.astype("str"))


def _flagged(ctx: Context, _findings: pd.DataFrame) -> int:
    th = ctx.thresholds
    return len(flagged_tenders(ctx.data["bids"], th.bid_cv_min, th.bid_submit_window_seconds))


INDICATORS = [
    Indicator("bids.tenders", "标段数（个）", ("bids",), lambda ctx, f: tender_key(ctx.data["bids"]).nunique(), "个"),
    Indicator("bids.bids", "投标记录（条）", ("bids",), lambda ctx, f: len(ctx.data["bids"]), "条"),
    Indicator("bids.flagged_tenders", "存在围标串标疑点的标段（个）", ("bids",), _flagged, "个"),
]

"""招投标 (围标串标): shared identities, identical prices, low price dispersion, close submissions and
perennial losers; indicators and tables.

Modules:

* :mod:`~toolkit.areas.bids.common` — AREA, TITLE, the keys bidders and identity fields compare on;
* :mod:`~toolkit.areas.bids.rules` — the five rules of contract/checks.md, each one mask shared by its
  check, the indicators and the tables;
* :mod:`~toolkit.areas.bids.indicators` — indicators.json;
* :mod:`~toolkit.areas.bids.tables` — what the notebook shows;
* :mod:`~toolkit.areas.bids.network` (networkx) and :mod:`~toolkit.areas.bids.charts` — the bidder graph
  and the charts, imported by the notebook only.
"""

from __future__ import annotations

from toolkit.areas.bids.common import AREA, IDENTITY_FIELDS, TITLE, bidder_key, identity_key, mac_key, tender_key
from toolkit.areas.bids.indicators import INDICATORS, flagged_tenders
from toolkit.areas.bids.rules import (
    CHECK_TITLES, CHECKS, bidder_record, close_submission_mask, identical_price_mask, low_spread_tenders,
    perennial_losers, shared_fields, shared_identity_mask, tender_spread)
from toolkit.areas.bids.tables import (
    bids_frame, empty_bids, headline, identity_links, never_won, spread_table, suspicious_bids)

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "IDENTITY_FIELDS",
    "bidder_key", "identity_key", "mac_key", "tender_key", "flagged_tenders",
    "bidder_record", "close_submission_mask", "identical_price_mask", "low_spread_tenders", "perennial_losers",
    "shared_fields", "shared_identity_mask", "tender_spread",
    "bids_frame", "empty_bids", "headline", "identity_links", "never_won", "spread_table", "suspicious_bids",
]

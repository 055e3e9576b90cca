"""工业用地: idle, approved-but-unsupplied, low-efficiency and below-standard land; indicators, tables and charts.

Modules:

* :mod:`~toolkit.areas.land.common` — AREA, TITLE, the status chain, how a message names a parcel;
* :mod:`~toolkit.areas.land.rules` — the five rules (contract/checks.md, and the decisions where it is
  silent), each one mask shared by its check, the indicators and the tables;
* :mod:`~toolkit.areas.land.indicators` — indicators.json;
* :mod:`~toolkit.areas.land.tables` and :mod:`~toolkit.areas.land.cards` — what the notebook shows,
  including the 项目用地跟踪管理卡;
* :mod:`~toolkit.areas.land.charts` — its charts, as Figures.
"""

from __future__ import annotations

from toolkit.areas.land.cards import ADVICE, ADVICE_ORDER, found_by_parcel, tracking_cards
from toolkit.areas.land.common import (
    AREA, AREA_COL, BUILDING, COMPLETED, IDLE_GROUP_1, IDLE_GROUP_2, RECLAIMED, SUPPLIED_NOT_STARTED, TITLE,
    UNSUPPLIED, parcel_label)
from toolkit.areas.land.indicators import INDICATORS
from toolkit.areas.land.rules import (
    CHECK_TITLES, CHECKS, add_years, below_standard_mask, full_months, idle_mask, is_unsupplied, land_approved_unsupplied,
    land_idle, land_idle_reclaimable, land_low_efficiency, land_supply_standard, low_efficiency_mask, reclaimed_mask,
    supplied_in_period_mask, tax_checked_mask, tax_per_mu_values, unsupplied_days, unsupplied_mask)
from toolkit.areas.land.tables import (
    empty_land, headline, idle_parcels, idle_summary, land_frame, parcel_columns, reclaimed_in_period, status_chain,
    supplied_below_standard, supplied_in_period, tax_bands, tax_per_mu, unsupplied_ageing, unsupplied_parcels)

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES",
    "UNSUPPLIED", "SUPPLIED_NOT_STARTED", "BUILDING", "COMPLETED", "RECLAIMED", "IDLE_GROUP_1", "IDLE_GROUP_2",
    "AREA_COL", "ADVICE", "ADVICE_ORDER",
    "parcel_label", "add_years", "full_months",
    "idle_mask", "is_unsupplied", "unsupplied_days", "unsupplied_mask", "tax_checked_mask", "tax_per_mu_values",
    "low_efficiency_mask", "supplied_in_period_mask", "below_standard_mask", "reclaimed_mask",
    "land_idle", "land_idle_reclaimable", "land_approved_unsupplied", "land_low_efficiency", "land_supply_standard",
    "empty_land", "land_frame", "status_chain", "parcel_columns", "idle_parcels", "idle_summary",
    "unsupplied_ageing", "unsupplied_parcels", "tax_per_mu", "tax_bands", "supplied_below_standard",
    "supplied_in_period", "reclaimed_in_period", "headline", "found_by_parcel", "tracking_cards",
]

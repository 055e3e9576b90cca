"""财园信贷通: loans to firms that pay too little tax, carry safety or environmental problems, or are not
real businesses (new loans, renewals not reduced); indicators and tables.

Modules: :mod:`~toolkit.areas.loans.common` (AREA, TITLE, bool tests), :mod:`~toolkit.areas.loans.rules`
(the four rules, one mask each), :mod:`~toolkit.areas.loans.indicators`, :mod:`~toolkit.areas.loans.tables`
and :mod:`~toolkit.areas.loans.charts` (imported by the notebook only).
"""

from __future__ import annotations

from toolkit.areas.loans.common import AREA, ENTITY, NON_ENTITY, TITLE, UNKNOWN, WAN, entity_class, is_false, is_true
from toolkit.areas.loans.indicators import INDICATORS
from toolkit.areas.loans.rules import (
    CHECK_TITLES, CHECKS, low_tax_mask, non_entity_new_mask, not_reduced_mask, risk_flag_mask, rule_masks)
from toolkit.areas.loans.tables import SHORT, by_entity, empty_loans, headline, loans_frame, renewals, risk_flags

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "ENTITY", "NON_ENTITY", "UNKNOWN", "WAN", "SHORT",
    "entity_class", "is_false", "is_true", "low_tax_mask", "non_entity_new_mask", "not_reduced_mask",
    "risk_flag_mask", "rule_masks", "by_entity", "empty_loans", "headline", "loans_frame", "renewals", "risk_flags",
]

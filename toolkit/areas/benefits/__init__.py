"""惠民惠农补贴 (名单碰撞): benefits crossed by ID number with the staff list and the death register,
duplicate payments and ID numbers that fail GB 11643; indicators and tables (charts: notebook only).

Modules:

* :mod:`~toolkit.areas.benefits.common` — AREA, TITLE, a finding's unit (village, else town), labels;
* :mod:`~toolkit.areas.benefits.matching` — staff recipients, payments after death, duplicates;
* :mod:`~toolkit.areas.benefits.idnumber` — the ID number check and ``benefit.bad_id_number``;
* :mod:`~toolkit.areas.benefits.indicators` — indicators.json;
* :mod:`~toolkit.areas.benefits.tables` — what the notebook shows (personal data masked by default);
* :mod:`~toolkit.areas.benefits.charts` — its charts, as Figures.
"""

from __future__ import annotations

from toolkit.areas.benefits import idnumber, matching
from toolkit.areas.benefits.common import AREA, ON_DUTY, TITLE, place, recipient_label
from toolkit.areas.benefits.idnumber import bad_id_mask, birth_dates, check_character, id_number_ok, id_problem
from toolkit.areas.benefits.indicators import INDICATORS, flagged_mask
from toolkit.areas.benefits.matching import (
    after_death_mask, death_dates, duplicate_mask, lookup, means_tested_mask, staff_recipient_mask)
from toolkit.areas.benefits.tables import (
    at_stake, bad_id_rows, benefits_frame, by_type, death_matches, duplicate_rows, empty_benefits, headline,
    masked_findings, masked_people, only_found, payment_rows, staff_matches)

CHECKS = [*matching.CHECKS, *idnumber.CHECKS]
CHECK_TITLES = {c.id: c.title for c in CHECKS}

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "ON_DUTY", "place", "recipient_label",
    "check_character", "birth_dates", "id_number_ok", "id_problem", "bad_id_mask",
    "lookup", "means_tested_mask", "staff_recipient_mask", "death_dates", "after_death_mask", "duplicate_mask",
    "flagged_mask", "only_found", "empty_benefits", "benefits_frame", "masked_findings", "masked_people", "payment_rows", "staff_matches", "death_matches", "duplicate_rows",
    "bad_id_rows", "by_type", "at_stake", "headline",
]

"""问题线索与处分: clue and case checks, indicators, and the tables and charts the notebook shows.

Modules:

* :mod:`~toolkit.areas.cases.common` — AREA, TITLE, the clue statuses;
* :mod:`~toolkit.areas.cases.clues` — clues overdue, clues closed without a disposition;
* :mod:`~toolkit.areas.cases.sanctions` — a sanction that belongs to another of the 四种形态;
* :mod:`~toolkit.areas.cases.indicators` — indicators.json;
* :mod:`~toolkit.areas.cases.tables` — what the notebook shows;
* :mod:`~toolkit.areas.cases.charts` — its charts, as Figures.
"""

from __future__ import annotations

from toolkit.areas.cases import clues, sanctions
from toolkit.areas.cases.clues import (
    closed_without_disposition_mask, clue_age_days, clues_closed_without_disposition, clues_overdue, is_closed,
    overdue_mask)
from toolkit.areas.cases.common import AREA, CLOSED, FIRST_FORM, NOT_HANDLED, TITLE, VERIFYING
from toolkit.areas.cases.indicators import INDICATORS
from toolkit.areas.cases.sanctions import (
    DISCIPLINARY_SANCTIONS, SANCTION_LISTS, SANCTIONS_BY_FORM, cases_form_sanction_mismatch, form_of_sanction, mismatch_mask,
    sanction_mismatch, sanctioned_mask)
from toolkit.areas.cases.tables import (
    clue_funnel, disposition_mix, forms_distribution, monthly_trend, overdue_clues, sanction_lists)

CHECKS = [*clues.CHECKS, *sanctions.CHECKS]

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS",
    "NOT_HANDLED", "VERIFYING", "CLOSED", "FIRST_FORM", "SANCTION_LISTS", "SANCTIONS_BY_FORM", "DISCIPLINARY_SANCTIONS",
    "clue_age_days", "is_closed", "overdue_mask", "closed_without_disposition_mask", "clues_overdue",
    "clues_closed_without_disposition",
    "form_of_sanction", "sanction_mismatch", "mismatch_mask", "sanctioned_mask", "cases_form_sanction_mismatch",
    "clue_funnel", "disposition_mix", "overdue_clues", "forms_distribution", "monthly_trend", "sanction_lists",
]

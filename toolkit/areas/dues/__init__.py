"""党费: dues paid below the official rate, missing months and members who stopped paying; indicators,
tables and charts.

Modules:

* :mod:`~toolkit.areas.dues.common` — AREA, TITLE, the rate brackets (compared in cents), month numbers;
* :mod:`~toolkit.areas.dues.payments` — members ((member, branch) pairs of same names) and payments (the rows of
  one member and month);
* :mod:`~toolkit.areas.dues.rules` — the three rules;
* :mod:`~toolkit.areas.dues.indicators` — indicators.json;
* :mod:`~toolkit.areas.dues.tables` — what the notebook shows;
* :mod:`~toolkit.areas.dues.charts` — its charts, as Figures (imported by the notebook only).
"""

from __future__ import annotations

from toolkit.areas.dues.common import AREA, NO_BRANCH, TITLE, dues_rate, month_number, month_text
from toolkit.areas.dues.indicators import INDICATORS, member_count, paid_total, shortfall
from toolkit.areas.dues.payments import MEMBER_KEYS, keyed, members, payments, underpaid_mask
from toolkit.areas.dues.rules import CHECK_TITLES, CHECKS, branch_text, missing_months, stopped_members
from toolkit.areas.dues.tables import (
    MISSING, PAID, STOPPED, branch_compliance, dues_frame, empty_dues, headline, month_grid, stopped_table,
    underpaid_table)

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "NO_BRANCH", "MEMBER_KEYS", "PAID", "MISSING",
    "STOPPED", "dues_rate", "month_number", "month_text", "member_count", "paid_total", "shortfall",
    "keyed", "members", "payments", "underpaid_mask", "branch_text", "missing_months", "stopped_members",
    "branch_compliance", "dues_frame", "empty_dues", "headline", "month_grid", "stopped_table", "underpaid_table",
]

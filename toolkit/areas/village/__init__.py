"""村级三资: 白条入账, 公款私存, 大额现金 and split payments in village books; indicators, tables and charts.

Modules:

* :mod:`~toolkit.areas.village.common` — AREA, TITLE, the directions and receipt words, same-name keys;
* :mod:`~toolkit.areas.village.rules` — the four rules, each one mask shared by its check, the indicators
  and the tables;
* :mod:`~toolkit.areas.village.indicators` — indicators.json;
* :mod:`~toolkit.areas.village.tables` — what the notebook shows;
* :mod:`~toolkit.areas.village.charts` — its charts, as Figures (imported by the notebook only).
"""

from __future__ import annotations

from toolkit.areas.village.common import AREA, EXPENSE, INCOME, PERSONAL, TITLE, WHITE_SLIPS
from toolkit.areas.village.indicators import INDICATORS, cash_share, expense, white_slip_amount
from toolkit.areas.village.rules import (
    CHECK_TITLES, CHECKS, cash_expense_mask, expense_mask, income_to_personal_mask, large_cash_mask,
    split_candidates_mask, split_groups, split_payment_mask, white_slip_mask)
from toolkit.areas.village.tables import (
    empty_village, headline, monthly_flows, monthly_totals, split_payment_groups, village_frame, village_shares)

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "INCOME", "EXPENSE", "PERSONAL", "WHITE_SLIPS",
    "expense", "white_slip_amount", "cash_share",
    "expense_mask", "white_slip_mask", "income_to_personal_mask", "cash_expense_mask", "large_cash_mask",
    "split_candidates_mask", "split_groups", "split_payment_mask",
    "empty_village", "village_frame", "monthly_flows", "monthly_totals", "village_shares", "split_payment_groups",
    "headline",
]

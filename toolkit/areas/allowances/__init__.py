"""津补贴: allowances paid outside the approved list, to ineligible units, over its cap, twice, or after the
person left; indicators and tables (charts are imported by the notebook only).

Modules:

* :mod:`~toolkit.areas.allowances.common` — AREA, TITLE, folding, months, how a message names a payment;
* :mod:`~toolkit.areas.allowances.catalog` — the three rules against the 津补贴清单;
* :mod:`~toolkit.areas.allowances.payments` — duplicates and payments after leaving (吃空饷);
* :mod:`~toolkit.areas.allowances.indicators` — indicators.json;
* :mod:`~toolkit.areas.allowances.tables` — what the notebook shows;
* :mod:`~toolkit.areas.allowances.charts` — its charts, as Figures.
"""

from __future__ import annotations

from toolkit.areas.allowances import catalog, payments
from toolkit.areas.allowances.catalog import (
    catalog_rows, group_keys, group_sums, not_in_catalog_mask, over_cap_mask, unit_not_eligible_mask)
from toolkit.areas.allowances.common import AREA, LEFT_STATUSES, TITLE, folded, month_key, payment_label
from toolkit.areas.allowances.indicators import INDICATORS
from toolkit.areas.allowances.payments import after_leave_mask, duplicate_mask, leaver_rows
from toolkit.areas.allowances.tables import (
    after_leave_rows, allowances_frame, by_unit_item, duplicate_rows, empty_allowances, headline, outside_catalog,
    over_cap_rows)

CHECKS = [*catalog.CHECKS, *payments.CHECKS]
CHECK_TITLES = {c.id: c.title for c in CHECKS}

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS", "CHECK_TITLES", "LEFT_STATUSES",
    "folded", "month_key", "payment_label",
    "catalog_rows", "group_keys", "group_sums", "not_in_catalog_mask", "unit_not_eligible_mask", "over_cap_mask",
    "duplicate_mask", "leaver_rows", "after_leave_mask",
    "empty_allowances", "allowances_frame", "by_unit_item", "outside_catalog", "over_cap_rows", "after_leave_rows",
    "duplicate_rows", "headline",
]

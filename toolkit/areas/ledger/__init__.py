"""整改台账: ledger and weekly-progress checks, indicators, 三色预警, and the tables and charts the notebook shows.

Two datasets: ``ledger`` (整改台账, one row per rectification measure) and
``progress`` (整改周报, weekly status reports per measure).

Modules:

* :mod:`~toolkit.areas.ledger.common` — AREA, TITLE, statuses, units split from a 责任单位 cell;
* :mod:`~toolkit.areas.ledger.measures` — overdue, closed without sign-off, completed late;
* :mod:`~toolkit.areas.ledger.progress` — stalled and regressed, and the report order (its decisions);
* :mod:`~toolkit.areas.ledger.early_warning` — 三色预警 and the ledger export;
* :mod:`~toolkit.areas.ledger.indicators` — indicators.json, the area's run, the headline;
* :mod:`~toolkit.areas.ledger.tables` and :mod:`~toolkit.areas.ledger.weekly` — what the notebook shows;
* :mod:`~toolkit.areas.ledger.charts` — its charts, as Figures.

Units (责任单位) are split on 、，,;； and trimmed; Empty pieces (blank, 无, …) are dropped.
"""

from __future__ import annotations

from toolkit.areas.ledger import measures, progress
from toolkit.areas.ledger.common import (
    AREA, DONE, IN_PROGRESS, KINDS, LONG_TERM, NO_LEADER, NO_UNIT, NOT_STARTED, SIGNOFF_FIELDS, STATUSES, TITLE,
    UNIT_SEPARATORS, days_between, measure_label, split_units, unit_names)
from toolkit.areas.ledger.early_warning import (
    GREEN, GREEN_DAYS, RED, YELLOW, YELLOW_DAYS, days_left, ledger_export, warning_level, with_warnings)
from toolkit.areas.ledger.indicators import INDICATORS, distinct_leaders, distinct_units, headline, ledger_run
from toolkit.areas.ledger.measures import (
    closed_without_signoff_mask, completed_late_mask, ledger_closed_without_signoff, ledger_completed_late,
    ledger_overdue, missing_signoff, missing_text, overdue_mask, signed_off_mask)
from toolkit.areas.ledger.progress import (
    ledger_regressed, ledger_stalled, normalise_note, ordered_reports, regression_table, stalled_table)
from toolkit.areas.ledger.tables import (
    MEASURE_HEADERS, completion_by_aspect, completion_by_leader, completion_by_problem, completion_by_unit, kind_mix,
    measure_view, overdue_list, regressed_list, stalled_list, unsigned_closures, warning_list)
from toolkit.areas.ledger.weekly import burn_down, changes_since_last_week, status_at
from toolkit.formatting import cn_date, short  # re-exported: the bulletin imports them from here

CHECKS = [*measures.CHECKS, *progress.CHECKS]

__all__ = [
    "AREA", "TITLE", "CHECKS", "INDICATORS",
    "DONE", "IN_PROGRESS", "NOT_STARTED", "STATUSES", "KINDS", "LONG_TERM", "UNIT_SEPARATORS", "SIGNOFF_FIELDS",
    "NO_LEADER", "NO_UNIT", "RED", "YELLOW", "GREEN", "YELLOW_DAYS", "GREEN_DAYS", "MEASURE_HEADERS",
    "cn_date", "short", "split_units", "unit_names", "measure_label", "days_between",
    "overdue_mask", "missing_signoff", "missing_text", "closed_without_signoff_mask", "signed_off_mask",
    "completed_late_mask", "ledger_overdue", "ledger_closed_without_signoff", "ledger_completed_late",
    "normalise_note", "ordered_reports", "stalled_table", "regression_table", "ledger_stalled", "ledger_regressed",
    "warning_level", "days_left", "with_warnings", "ledger_export",
    "distinct_units", "distinct_leaders", "ledger_run", "headline",
    "measure_view", "warning_list", "overdue_list", "unsigned_closures", "stalled_list", "regressed_list",
    "completion_by_aspect", "completion_by_problem", "completion_by_unit", "completion_by_leader", "kind_mix",
    "status_at", "burn_down", "changes_since_last_week",
]

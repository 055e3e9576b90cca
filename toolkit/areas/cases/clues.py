"""问题线索 rules: clues overdue and clues closed without a disposition, one mask each.

The masks are shared by the checks, the indicators and the notebook tables.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.cases.common import AREA, CLOSED
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import is_empty

__all__ = ["clue_age_days", "is_closed", "overdue_mask", "closed_without_disposition_mask", "clues_overdue",
           "clues_closed_without_disposition", "CHECKS"]


def clue_age_days(clues: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """as_of − received_on in days."""
    return (pd.Timestamp(as_of) - clues["received_on"]).dt.days


def is_closed(clues: pd.DataFrame) -> pd.Series:
    """办理状态 = 已办结."""
    return (clues["status"] == CLOSED).fillna(False).astype(bool)


def overdue_mask(clues: pd.DataFrame, as_of: pd.Timestamp, days_max: int) -> pd.Series:
    """checks.md clues.overdue: status ≠ 已办结 and as_of − received_on > ``days_max`` days.

    >>> c = pd.DataFrame({"status": ["核查中", "核查中", "已办结"],
    ...                   "received_on": pd.to_datetime(["2020-04-01", "2020-03-31", "2019-01-01"])})
    >>> overdue_mask(c, pd.Timestamp("2020-06-30"), 90).tolist()
    [False, True, False]
    """
    return ((clues["status"] != CLOSED) & (clue_age_days(clues, as_of) > days_max)).fillna(False).astype(bool)


def closed_without_disposition_mask(clues: pd.DataFrame) -> pd.Series:
    """checks.md clues.closed_without_disposition: status = 已办结 and disposition empty."""
    return is_closed(clues) & is_empty(clues["disposition"])


def clues_overdue(ctx: Context) -> pd.DataFrame:
    """status ≠ 已办结 and as_of − received_on > clue_days_max days."""
    clues = ctx.data["clues"]
    limit = ctx.thresholds.clue_days_max
    return flag(clues.assign(days=clue_age_days(clues, ctx.as_of)), overdue_mask(clues, ctx.as_of, limit),
                "线索{clue_id}（{source}）于{received_on}受理，状态为{status}，"
                f"已{{days}}天未办结，超过{limit}天办理时限", id_column="clue_id")


def clues_closed_without_disposition(ctx: Context) -> pd.DataFrame:
    """status = 已办结 and disposition empty."""
    clues = ctx.data["clues"]
    return flag(clues, closed_without_disposition_mask(clues), "线索{clue_id}（{source}）已于{closed_on}办结，但未填写处置方式",
                id_column="clue_id")


CHECKS = [
    Check("clues.overdue", AREA, "clues", "medium", "线索超期未办结", clues_overdue, params=("clue_days_max",)),
    Check("clues.closed_without_disposition", AREA, "clues", "low", "线索办结未填处置方式",
          clues_closed_without_disposition, params=()),
]

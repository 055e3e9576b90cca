"""整改台账: the words and small helpers every module of the ledger package shares.

The area's identity (AREA, TITLE), the status and kind vocabulary, and the
split of a 责任单位 cell into unit names — written once for the checks, the
indicators, the tables and the bulletin.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from toolkit.formatting import is_empty, is_empty_value, short

AREA = "ledger"
TITLE = "整改台账"

DONE, IN_PROGRESS, NOT_STARTED = "已完成", "推进中", "未启动"
STATUSES = (DONE, IN_PROGRESS, NOT_STARTED)
KINDS = ("立行立改", "限期整改", "长期坚持")
LONG_TERM = "长期坚持"
UNIT_SEPARATORS = re.compile(r"[、，,;；]")
SIGNOFF_FIELDS = {"signed_off_by": "销号审核人", "signed_off_on": "销号日期", "evidence": "佐证材料"}
NO_LEADER = "（未明确）"
NO_UNIT = "（未明确）"


def split_units(text: Any) -> list[str]:
    """The unit names in a 责任单位 cell, split on 、，,;； and trimmed; Empty pieces (blank, 无, …) dropped.

    >>> split_units("县委办、县政府办， 县纪委监委；无")
    ['县委办', '县政府办', '县纪委监委']
    >>> split_units(None)
    []
    """
    if not isinstance(text, str):
        return []
    return [piece.strip() for piece in UNIT_SEPARATORS.split(text) if not is_empty_value(piece)]


def unit_names(units: pd.Series) -> pd.Series:
    """:func:`split_units` of a whole column: one row per unit name, indexed by the ledger row it came from.

    >>> names = unit_names(pd.Series(["县委办、县政府办", None, "无", " 县财政局；"], dtype="str"))
    >>> names.tolist(), names.index.tolist()
    (['县委办', '县政府办', '县财政局'], [0, 0, 3])
    """
    pieces = units.str.split(UNIT_SEPARATORS).explode()
    pieces = pieces[~is_empty(pieces)]
    return pieces.astype("str").str.strip()


def measure_label(row: pd.Series) -> str:
    """整改措施M1“措施文字（前24字）” — how a finding message names a measure."""
    return f"整改措施{row['measure_id']}“{short(row['measure'], 24)}”"


def timestamp(value: Any) -> pd.Timestamp:
    """as_of and other single dates as a Timestamp."""
    return value if isinstance(value, pd.Timestamp) else pd.Timestamp(value)


def days_between(later: pd.Series | pd.Timestamp, earlier: pd.Series | pd.Timestamp) -> pd.Series:
    """Whole days from ``earlier`` to ``later`` (Int64, NA where a date is missing)."""
    return (later - earlier).dt.days.astype("Int64")

"""三色预警 and the ledger export: how close each open measure is to its deadline.

红 overdue (not 已完成 and deadline < as_of), 黄 at most 10 days left, 绿 at
most 20 days left. Completed measures and measures without a deadline
(长期坚持) get no warning.

>>> warning_level("2020-07-10", "推进中", "2020-06-30")
'黄'
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.ledger.common import DONE, timestamp
from toolkit.datasets import LEDGER as LEDGER_SPEC

__all__ = ["RED", "YELLOW", "GREEN", "YELLOW_DAYS", "GREEN_DAYS", "warning_level", "days_left", "with_warnings",
           "ledger_export"]

RED, YELLOW, GREEN = "红", "黄", "绿"
YELLOW_DAYS, GREEN_DAYS = 10, 20
LEVEL_ORDER = {RED: 0, YELLOW: 1, GREEN: 2}


def warning_level(deadline: Any, status: Any, as_of: Any) -> str:
    """三色预警 of one measure: 红 overdue (not 已完成 and deadline < as_of), 黄 ≤ 10 days left,
    绿 ≤ 20 days left, else ''. Completed measures and measures without a deadline (长期坚持) get none.

    >>> [warning_level(d, "推进中", "2020-06-30") for d in ("2020-07-21", "2020-07-20", "2020-07-10", "2020-06-30", "2020-06-29")]
    ['', '绿', '黄', '黄', '红']
    >>> warning_level("2020-06-01", "已完成", "2020-06-30"), warning_level(None, "未启动", "2020-06-30")
    ('', '')
    """
    if status == DONE or deadline is None or pd.isna(deadline):
        return ""
    days = (pd.Timestamp(deadline) - pd.Timestamp(as_of)).days
    if days < 0:
        return RED
    if days <= YELLOW_DAYS:
        return YELLOW
    if days <= GREEN_DAYS:
        return GREEN
    return ""


def days_left(ledger: pd.DataFrame, as_of: Any) -> pd.Series:
    """Days from as_of to the deadline (negative when overdue; NA without a deadline)."""
    return (ledger["deadline"] - timestamp(as_of)).dt.days.astype("Int64")


def with_warnings(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """The ledger with a ``预警`` column (红/黄/绿/''), vectorised :func:`warning_level`.

    >>> df = pd.DataFrame({"deadline": pd.to_datetime(["2020-07-20", "2020-06-01", None, "2020-06-01"]),
    ...                    "status": ["推进中", "未启动", "推进中", "已完成"]})
    >>> with_warnings(df, "2020-06-30")["预警"].tolist()
    ['绿', '红', '', '']
    """
    days = (ledger["deadline"] - timestamp(as_of)).dt.days
    open_ = (ledger["status"] != DONE).fillna(True) & ledger["deadline"].notna()
    level = np.select([open_ & (days < 0), open_ & (days <= YELLOW_DAYS), open_ & (days <= GREEN_DAYS)],
                      [RED, YELLOW, GREEN], default="")
    return ledger.assign(预警=pd.Series(level, index=ledger.index, dtype="str"))


def ledger_export(ledger: pd.DataFrame, as_of: Any) -> pd.DataFrame:
    """The ledger as the rectification office keeps it, Chinese headers, with 剩余天数 and 预警 (三色预警).

    >>> df = pd.DataFrame({c.name: [None] for c in LEDGER_SPEC.columns} | {"_row": [2]})
    >>> df = df.assign(deadline=pd.to_datetime(["2020-07-10"]), status=["推进中"])
    >>> ledger_export(df, "2020-06-30")[["完成时限", "剩余天数", "预警"]].to_dict("records")
    [{'完成时限': Timestamp('2020-07-10 00:00:00'), '剩余天数': 10, '预警': '黄'}]
    """
    warned = with_warnings(ledger, as_of).assign(剩余天数=days_left(ledger, as_of))
    columns = {c.name: c.zh for c in LEDGER_SPEC.columns}
    table = warned[[*columns, "剩余天数", "预警"]].rename(columns=columns)
    return table.assign(剩余天数=table["剩余天数"].where(table["整改状态"] != DONE))

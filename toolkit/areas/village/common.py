"""村级三资: the words every module of the village package shares.

Money in 元; amounts are compared in cents (:func:`toolkit.checks.base.cents`).
"""

from __future__ import annotations

import pandas as pd


AREA = "village"
TITLE = "村级三资"

INCOME, EXPENSE = "收入", "支出"
WHITE_SLIPS = ("白条", "无")       # receipt 无 is a category (no receipt at all), not an empty cell
PERSONAL = "个人"


def is_true(series: pd.Series) -> pd.Series:
    """A bool column's true values (missing is not true)."""
    return series.fillna(False).astype(bool)


def place(row: pd.Series) -> str:
    """How a message names the village: 白鹭镇桃花村 (town left out when empty).

    >>> place(pd.Series({"town": None, "village": "桃花村"}))
    '桃花村'
    """
    town = row.get("town")
    return (town.strip() if isinstance(town, str) else "") + str(row["village"]).strip()


def memo(row: pd.Series) -> str:
    """The voucher's 摘要, or 无摘要."""
    text = row.get("memo")
    return text.strip() if isinstance(text, str) and text.strip() else "无摘要"

"""惠民惠农补贴 (名单碰撞): the words every module of the benefits package shares.

The three lists are crossed on the ID number as ingest normalised it (18 characters: 17 digits and a digit
or X). A finding's unit is the row's village, else its town, else empty.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.allowances.common import folded, month_key
from toolkit.formatting import is_empty

AREA = "benefits"
TITLE = "惠民惠农补贴"

ON_DUTY = "在职"

__all__ = ["AREA", "TITLE", "ON_DUTY", "folded", "month_key", "place", "recipient_label"]


def place(benefits: pd.DataFrame) -> pd.Series:
    """The row's village, else its town, else empty (the unit of its findings).

    >>> place(pd.DataFrame({"village": ["桃源村", "无", None], "town": ["白鹭镇", "柳溪镇", None]})).tolist()
    ['桃源村', '柳溪镇', '']
    """
    village = benefits["village"].where(~is_empty(benefits["village"]))
    town = benefits["town"].where(~is_empty(benefits["town"]))
    return village.fillna(town).fillna("").astype("str")


def recipient_label(row: pd.Series) -> str:
    """How a finding message names a payment: 张三2020年3月低保.

    >>> recipient_label(pd.Series({"name": "张三", "month": pd.Timestamp("2020-03-01"), "type": "低保"}))
    '张三2020年3月低保'
    """
    month = row["month"]
    return f"{row['name']}{month.year}年{month.month}月{row['type']}"

"""津补贴: the words every module of the allowances package shares — folding, cents, months, the row's label.

Money is in 元. "Same name" is checks.md's folding (:func:`toolkit.formatting.fold_name`); amounts are
compared in cents, rounded half up on their decimal value (:func:`cents`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.formatting import fold_name

AREA = "allowances"
TITLE = "津补贴"

#: staff statuses after which no allowance is due (退休 is not one: retirees keep some allowances)
LEFT_STATUSES = ("死亡", "调离", "辞职", "开除")
SEPARATORS = "[、，,;；]"


def folded(series: pd.Series) -> pd.Series:
    """checks.md's "same name" key of a text column, computed once per distinct value (missing stays missing).

    >>> folded(pd.Series([" 岗位 津贴", "ＡＢ", None])).tolist()
    ['岗位津贴', 'ab', nan]
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    keys = np.array([fold_name(u) for u in uniques] + [np.nan], dtype=object)
    return pd.Series(keys[codes], index=series.index, dtype="str")


def month_key(dates: pd.Series) -> pd.Series:
    """A date's calendar month as the month's first day (months compare as (year, month) pairs).

    >>> month_key(pd.Series(pd.to_datetime(["2020-03-31", None]))).tolist()
    [Timestamp('2020-03-01 00:00:00'), NaT]
    """
    return dates.dt.to_period("M").dt.start_time


def payment_label(row: pd.Series) -> str:
    """How a finding message names a payment: 县财政局张三2020年3月岗位津贴.

    >>> payment_label(pd.Series({"unit": "县财政局", "name": "张三", "month": pd.Timestamp("2020-03-01"),
    ...                          "item": "岗位津贴"}))
    '县财政局张三2020年3月岗位津贴'
    """
    month = row["month"]
    when = f"{month.year}年{month.month}月" if pd.notna(month) else ""
    return f"{row['unit']}{row['name']}{when}{row['item']}"

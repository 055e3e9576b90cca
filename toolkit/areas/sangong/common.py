"""What every sangong module shares: the area's names, money units, and small column helpers.

Money: reception.amount, fuel.amount and overseas.cost are in 元; the budget
table's budget/actual are in 万元 (datasets.md) and are converted to 元 (× 10 000)
wherever they meet 元 (findings' amount, reconciliation, Benford).
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np
import pandas as pd

from toolkit.checks.base import RULE_COLUMNS, Context
from toolkit.checks.calendar import non_working_days
from toolkit.datasets import SANGONG_CATEGORIES
from toolkit.formatting import MISSING_IN_TEXT, is_missing

AREA = "sangong"
TITLE = "三公经费"

RECEPTION_FEE, VEHICLE_FEE, OVERSEAS_FEE = SANGONG_CATEGORIES  # 公务接待费, 公务用车购置及运行维护费, 因公出国（境）费
FUEL_CATEGORY = "公务用车运行（加油）"
WAN = 10_000.0
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
ID_SEPARATOR = "、"


def cell(value: Any) -> str:
    """A cell inside a finding message: its text, or 空 when missing.

    >>> cell("县财政局"), cell(None), cell(float("nan"))
    ('县财政局', '空', '空')
    """
    return MISSING_IN_TEXT if is_missing(value) else str(value)


def weekday_zh(times: pd.Series) -> pd.Series:
    """周一…周日 of each moment ('' when missing).

    >>> weekday_zh(pd.Series(pd.to_datetime(["2020-03-05", None]))).tolist()
    ['周四', '']
    """
    day = times.dt.day_of_week
    names = np.array(WEEKDAYS_ZH, dtype=object)[day.fillna(0).astype("int64").to_numpy()]
    return pd.Series(np.where(day.notna().to_numpy(), names, ""), index=times.index, dtype="str")


def per_value(series: pd.Series, func: Callable[[Any], Any], dtype: str = "object") -> pd.Series:
    """``func`` of each cell, computed once per distinct value (missing values included).

    >>> per_value(pd.Series(["ab", None, "ab"]), lambda t: t.upper() if isinstance(t, str) else "", "str").tolist()
    ['AB', '', 'AB']
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    for i, value in enumerate(uniques):
        results[i] = func(value)
    return pd.Series(results[codes], index=series.index, dtype=dtype)


def on_distinct(series: pd.Series, func: Callable[[pd.Series], pd.Series], dtype: str = "object") -> pd.Series:
    """A column function computed on the distinct values only (missing included) and spread back to every row.

    >>> on_distinct(pd.Series(["a", "b", "a"]), lambda u: u + "!", "str").tolist()
    ['a!', 'b!', 'a!']
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    values = np.asarray(func(pd.Series(uniques)), dtype=object)
    return pd.Series(values[codes], index=series.index, dtype=dtype)


def stripped(series: pd.Series) -> pd.Series:
    """Text trimmed at both ends (missing stays missing)."""
    return series.astype("str").str.strip()


def group_joined(key: pd.Series, values: pd.Series, sep: str = ID_SEPARATOR) -> pd.Series:
    """Per key (missing keys left out): the group's values joined with ``sep``, in row order; sorted by key.

    >>> group_joined(pd.Series(["b", None, "a", "b"]), pd.Series(["R1", "R2", "R3", "R4"])).to_dict()
    {'a': 'R3', 'b': 'R1、R4'}
    """
    joined = (values.astype("str") + sep).groupby(key, sort=True).sum()
    return joined.str[: -len(sep)]


def joined_by_row(key: pd.Series, values: pd.Series, sep: str = ID_SEPARATOR) -> pd.Series:
    """For each row with a key: the values of every row sharing that key, joined in row order (else NaN).

    >>> joined_by_row(pd.Series(["b", None, "a", "b"]), pd.Series(["R1", "R2", "R3", "R4"])).tolist()
    ['R1、R4', nan, 'R3', 'R1、R4']
    """
    return key.map(group_joined(key, values, sep))


def shared_key(key: pd.Series) -> pd.Series:
    """The key of rows whose key appears on two or more rows, else missing.

    >>> shared_key(pd.Series(["x", "y", None, "x"])).tolist()
    ['x', nan, nan, 'x']
    """
    return key.where(key.map(key.value_counts()) >= 2)


def non_working(ctx: Context, dates: pd.Series) -> pd.Series:
    """calendar.non_working_days; dates outside the holiday calendar are noted once per run (ctx.calendar)."""
    return non_working_days(dates, ctx.calendar)


def empty_rule() -> pd.DataFrame:
    """A rule's result with no finding."""
    return pd.DataFrame(columns=RULE_COLUMNS)

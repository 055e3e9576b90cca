"""党费: the words every module of the dues package shares — AREA, TITLE, the rate brackets, month numbers.

The rate on monthly after-tax income (中组部《关于中国共产党党费收缴、使用和管理的规定》, 2008):
≤ 3000 元 0.5 %, ≤ 5000 元 1 %, ≤ 10000 元 1.5 %, above 2 %; retired members ≤ 5000 元 0.5 %, above 1 %.
Income is compared with the brackets in cents (checks.md "Money").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.checks.base import cents

AREA = "dues"
TITLE = "党费"

NO_BRANCH = "（未填支部）"
#: (upper bound in cents, rate): the last bracket has no bound
BRACKETS = ((300000, 0.005), (500000, 0.01), (1000000, 0.015))
TOP_RATE = 0.02
RETIRED_BRACKETS = ((500000, 0.005),)
RETIRED_TOP_RATE = 0.01


def _bracket(income_cents: np.ndarray, brackets: tuple, top: float) -> np.ndarray:
    return np.select([income_cents <= bound for bound, _ in brackets], [r for _, r in brackets], top)


def dues_rate(income: pd.Series, retired: pd.Series) -> pd.Series:
    """The rate for each income (元) and retired flag; NaN where income is missing.

    >>> dues_rate(pd.Series([3000.0, 3000.004, 3000.005, 10000.0, 10000.01, 6000.0, None]),
    ...           pd.Series([False, False, False, False, False, True, False])).tolist()
    [0.005, 0.005, 0.01, 0.015, 0.02, 0.01, nan]
    """
    c = cents(income).astype("float64").to_numpy()
    working = _bracket(c, BRACKETS, TOP_RATE)
    retired_rate = _bracket(c, RETIRED_BRACKETS, RETIRED_TOP_RATE)
    rate = np.where(retired.fillna(False).astype(bool).to_numpy(), retired_rate, working)
    return pd.Series(np.where(np.isnan(c), np.nan, rate), index=income.index)


def month_number(months: pd.Series) -> pd.Series:
    """A month as year × 12 + month − 1 (consecutive months differ by 1).

    >>> month_number(pd.Series(pd.to_datetime(["2019-12-01", "2020-01-01"]))).tolist()
    [24239, 24240]
    """
    return (months.dt.year * 12 + months.dt.month - 1).astype("int64")


def month_text(numbers: pd.Series) -> pd.Series:
    """The inverse of :func:`month_number`, written YYYY-MM.

    >>> month_text(pd.Series([24239, 24240])).tolist()
    ['2019-12', '2020-01']
    """
    years, months = np.divmod(numbers.astype("int64"), 12)
    return years.astype("str").str.zfill(4) + "-" + (months + 1).astype("str").str.zfill(2)

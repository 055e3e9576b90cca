"""财园信贷通: the words every module of the loans package shares.

Amounts are in 万元 as the file states them; findings carry the loan amount in 元 (× 10000).
"""

from __future__ import annotations

import pandas as pd

AREA = "loans"
TITLE = "财园信贷通"
WAN = 10000  # 元 per 万元

ENTITY, NON_ENTITY, UNKNOWN = "实体企业", "非实体企业", "未填报"


def is_true(flags: pd.Series) -> pd.Series:
    """True where a bool column is true (missing is not true).

    >>> is_true(pd.Series([True, False, None], dtype="boolean")).tolist()
    [True, False, False]
    """
    return flags.fillna(False).astype(bool)


def is_false(flags: pd.Series) -> pd.Series:
    """True where a bool column is false (missing is not false).

    >>> is_false(pd.Series([True, False, None], dtype="boolean")).tolist()
    [False, True, False]
    """
    return (~flags.fillna(True)).astype(bool)


def entity_class(loans: pd.DataFrame) -> pd.Series:
    """实体企业 / 非实体企业 / 未填报 per loan."""
    out = pd.Series(UNKNOWN, index=loans.index, dtype="str")
    return out.mask(is_true(loans["is_entity"]), ENTITY).mask(is_false(loans["is_entity"]), NON_ENTITY)

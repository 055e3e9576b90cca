"""The ID number check of contract/checks.md (GB 11643-1999), vectorised, and ``benefit.bad_id_number``.

Weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 on the first 17 digits; the weighted sum mod 11 indexes
``1 0 X 9 8 7 6 5 4 3 2``, which must equal the 18th character; digits 7–14 must be a real date
(YYYYMMDD) not after as_of. A failing number is a finding, not a rejection: ingest has accepted it.

>>> ids = pd.Series(["11010519491231002X", "110105194912310021", "110105194902300020", None])
>>> id_number_ok(ids, pd.Timestamp("2020-06-30")).tolist()
[True, False, False, False]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas.benefits.common import AREA, place, recipient_label
from toolkit.checks.base import Check, Context, flag

__all__ = ["WEIGHTS", "CHECK_CHARACTERS", "check_character", "birth_dates", "id_number_ok", "id_problem",
           "bad_id_mask", "benefit_bad_id_number", "CHECKS"]

WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
CHECK_CHARACTERS = np.array(list("10X98765432"))


def _well_formed(ids: pd.Series) -> pd.Series:
    return ids.str.fullmatch(r"[0-9]{17}[0-9X]").fillna(False).astype(bool)


def check_character(ids: pd.Series) -> pd.Series:
    """The GB 11643 check character the first 17 digits call for (missing where not 17 digits + 1).

    >>> check_character(pd.Series(["11010519491231002X", "bad"])).tolist()
    ['X', nan]
    """
    good = _well_formed(ids)
    out = pd.Series(np.nan, index=ids.index, dtype="str")
    if good.any():
        digits = np.frombuffer("".join(ids[good].str.slice(0, 17)).encode("ascii"), dtype=np.uint8) - 48
        sums = digits.reshape(-1, 17).astype(np.int64) @ WEIGHTS
        out[good] = CHECK_CHARACTERS[sums % 11]
    return out


def birth_dates(ids: pd.Series) -> pd.Series:
    """Digits 7–14 as a date; NaT where they are not a real YYYYMMDD date.

    >>> birth_dates(pd.Series(["110105194912310021", "110105194902300020"])).tolist()
    [Timestamp('1949-12-31 00:00:00'), NaT]
    """
    return pd.to_datetime(ids.str.slice(6, 14), format="%Y%m%d", errors="coerce")


def id_problem(ids: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """Why a number fails the check (校验码错误 / 出生日期无效 / 出生日期晚于截止日期 / 格式错误), '' when it passes."""
    good = _well_formed(ids)
    born = birth_dates(ids.where(good))
    reasons = np.select(
        [~good, check_character(ids) != ids.str.slice(17, 18), born.isna(), born > pd.Timestamp(as_of)],
        ["格式错误", "校验码错误", "出生日期无效", "出生日期晚于截止日期"], default="")
    return pd.Series(reasons, index=ids.index, dtype="str")


def id_number_ok(ids: pd.Series, as_of: pd.Timestamp) -> pd.Series:
    """True where the number passes the ID number check (a missing number does not)."""
    return id_problem(ids, as_of) == ""


def bad_id_mask(benefits: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """id_number fails the ID number check."""
    return ~id_number_ok(benefits["id_number"], as_of)


def benefit_bad_id_number(ctx: Context) -> pd.DataFrame:
    """id_number fails the GB 11643 check (check digit, real birth date not after as_of)."""
    ben = ctx.data["benefits"]
    problem = id_problem(ben["id_number"], ctx.as_of)

    def message(row: pd.Series) -> str:
        return f"{recipient_label(row)}补贴的身份证号码{problem[row.name]}（不符合GB 11643-1999），需核实身份真实性"

    return flag(ben.assign(_place=place(ben)), problem != "", message, id_column="id", unit_column="_place",
                amount="amount")


CHECKS = [
    Check("benefit.bad_id_number", AREA, "benefits", "low", "身份证号码校验不通过", benefit_bad_id_number),
]

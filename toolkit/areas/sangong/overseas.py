"""因公出国（境） (overseas): trips without approval and trips longer than the days allowed."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd

from toolkit.areas.sangong.common import AREA, ID_SEPARATOR, cell, per_value
from toolkit.checks.base import Check, Context, flag
from toolkit.formatting import is_empty, number, ymd

COUNTRY_SEPARATORS = re.compile(r"[、，,;；]")


def split_countries(text: Any) -> list[str]:
    """The countries/regions of a 国家地区 cell: split on 、，,;；, trimmed, empty pieces dropped, repeats once.

    >>> split_countries("法国、德国,,意大利；"), split_countries("、"), split_countries("美国、 美国")
    (['法国', '德国', '意大利'], [], ['美国'])
    """
    if not isinstance(text, str):
        return []
    pieces = [p.strip() for p in COUNTRY_SEPARATORS.split(text)]
    return list(dict.fromkeys(p for p in pieces if p))


def overseas_day_limit(countries: Any) -> np.ndarray:
    """Days allowed for trips to n countries: 5 for one, 8 for two, 10 for three or more.

    A cell with no country left after splitting is held to the one-country limit.

    >>> overseas_day_limit([0, 1, 2, 3, 7]).tolist()
    [5, 5, 8, 10, 10]
    """
    n = np.asarray(countries, dtype="int64")
    return np.select([n <= 1, n == 2], [5, 8], 10).astype("int64")


def unapproved_overseas_mask(overseas: pd.DataFrame) -> pd.Series:
    """approval_no empty (无出国（境）批件)."""
    return is_empty(overseas["approval_no"])


def overseas_days(overseas: pd.DataFrame) -> pd.DataFrame:
    """Each trip abroad with its days (return − depart + 1), countries, the day limit and the days over it.

    Names (personal data) are left out.

    >>> df = pd.DataFrame({"id": ["G1"], "unit": ["甲"], "countries": ["法国、、德国"], "approval_no": ["X"],
    ...     "cost": [1.0], "depart_on": pd.to_datetime(["2020-01-01"]), "return_on": pd.to_datetime(["2020-01-09"])})
    >>> overseas_days(df)[["days", "n_countries", "limit", "over_days", "over"]].values.tolist()
    [[9, 2, 8, 1, True]]
    """
    n = per_value(overseas["countries"], lambda text: len(split_countries(text)), "int64")
    countries = per_value(overseas["countries"], lambda text: ID_SEPARATOR.join(split_countries(text)), "str")
    days = ((overseas["return_on"] - overseas["depart_on"]).dt.days + 1).astype("Int64")
    limit = pd.Series(overseas_day_limit(n), index=overseas.index, dtype="int64")
    return pd.DataFrame({
        "id": overseas["id"], "unit": overseas["unit"], "depart_on": overseas["depart_on"],
        "return_on": overseas["return_on"], "countries": countries,
        "n_countries": n, "days": days, "limit": limit, "over_days": (days - limit).clip(lower=0),
        "over": (days > limit).fillna(False).astype(bool), "approval_no": overseas["approval_no"],
        "cost": overseas["cost"],
    }, index=overseas.index)


# ---- the checks ---------------------------------------------------------------------------------------

def _trip(r: pd.Series, countries: str) -> str:
    return f"{cell(r['unit'])}人员{ymd(r['depart_on'])}至{ymd(r['return_on'])}赴{countries}"


def overseas_no_approval(ctx: Context) -> pd.DataFrame:
    """approval_no empty."""
    ov = ctx.data["overseas"]
    return flag(ov, unapproved_overseas_mask(ov),
                lambda r: f"{_trip(r, cell(r['countries']))}，费用{number(r['cost'], fixed=True)}元，"
                          f"批件号为“{cell(r['approval_no'])}”，无出国（境）批件",
                id_column="id", unit_column="unit", amount="cost")


def overseas_over_days(ctx: Context) -> pd.DataFrame:
    """days = return_on − depart_on + 1 over 5 (one country), 8 (two), 10 (three or more).

    Countries are the distinct non-empty pieces after splitting on 、，,;；.
    """
    ov = ctx.data["overseas"]
    table = overseas_days(ov)
    ov = ov.assign(_days=table["days"], _n=table["n_countries"], _limit=table["limit"], _c=table["countries"])
    return flag(ov, table["over"],
                lambda r: f"{_trip(r, r['_c'] or '空')}（{int(r['_n'])}个国家/地区），在外{int(r['_days'])}天，"
                          f"超过{int(r['_limit'])}天的规定（超{int(r['_days']) - int(r['_limit'])}天），"
                          f"费用{number(r['cost'], fixed=True)}元",
                id_column="id", unit_column="unit", amount="cost")


CHECKS: list[Check] = [
    Check("overseas.no_approval", AREA, "overseas", "high", "因公出国（境）无批件", overseas_no_approval, params=()),
    Check("overseas.over_days", AREA, "overseas", "medium", "出国（境）天数超标", overseas_over_days, params=()),
]

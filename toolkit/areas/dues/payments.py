"""党费 payments and members: the definitions every dues rule, indicator and table builds on.

* A **member** is a (member, branch) pair of same names; an Empty branch is one branch, the empty branch.
* The rows of one member and month are one **payment**: paid is the unrounded sum of their paid; income the
  first of them (file order) with income set; retired true if any row says so; id, member and branch as
  written in its first row. due = income × rate (:func:`~toolkit.areas.dues.common.dues_rate`), not rounded.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.dues.common import dues_rate, month_number
from toolkit.checks.base import cents
from toolkit.formatting import same_name_keys

__all__ = ["MEMBER_KEYS", "keyed", "payments", "members", "underpaid_mask"]

MEMBER_KEYS = ["_name", "_branch"]
PAYMENT_KEYS = [*MEMBER_KEYS, "_month"]


def keyed(dues: pd.DataFrame) -> pd.DataFrame:
    """The rows with their member key (_name, _branch) and month number (_month), in file order.

    A frame keyed already (it has the three columns) is returned as it is: the notebook keys its book once
    and every table built on it skips the folding of names.
    """
    if {*PAYMENT_KEYS} <= set(dues.columns):
        return dues
    return dues.assign(_name=same_name_keys(dues["member"]), _branch=same_name_keys(dues["branch"]),
                       _month=month_number(dues["month"]))


def payments(dues: pd.DataFrame) -> pd.DataFrame:
    """One row per member and month (in order of first appearance) with paid, income, retired, rate and due.

    >>> df = pd.DataFrame({"id": ["a", "b"], "member": ["张三", "张 三"], "branch": [None, "无"],
    ...     "month": pd.to_datetime(["2020-01-01"] * 2), "income": [None, 4000.0], "paid": [30.0, 10.0],
    ...     "retired": pd.array([pd.NA, False], dtype="boolean"), "_row": [2, 3]})
    >>> payments(df)[["id", "paid", "income", "due"]].to_dict("records")
    [{'id': 'a', 'paid': 40.0, 'income': 4000.0, 'due': 40.0}]
    """
    rows = keyed(dues)
    grouped = rows.groupby(PAYMENT_KEYS, sort=False)
    first = rows.drop_duplicates(PAYMENT_KEYS).set_index(PAYMENT_KEYS)
    retired = rows.assign(_retired=rows["retired"].fillna(False).astype(bool)).groupby(
        PAYMENT_KEYS, sort=False)["_retired"].any()
    out = first[["id", "member", "branch", "month", "_row"]].assign(
        paid=grouped["paid"].sum(), income=grouped["income"].first(), retired=retired, rows=grouped.size())
    out = out.reset_index()
    rate = dues_rate(out["income"], out["retired"])
    return out.assign(rate=rate, due=out["income"] * rate)


def underpaid_mask(pay: pd.DataFrame) -> pd.Series:
    """Payments with income set and paid (in cents) < due − 0.01."""
    paid = cents(pay["paid"]).astype("float64") / 100
    return (pay["income"].notna() & (paid < pay["due"] - 0.01)).fillna(False).astype(bool)


def members(dues: pd.DataFrame) -> pd.DataFrame:
    """One row per member: member and branch as written in its first row, its first and last month number,
    the months it paid for, and the latest month of any member of the same name (_name_last)."""
    rows = keyed(dues)
    first = rows.drop_duplicates(MEMBER_KEYS).set_index(MEMBER_KEYS)[["id", "member", "branch", "_row"]]
    months = rows.groupby(MEMBER_KEYS, sort=False)["_month"]
    out = first.assign(first=months.min(), last=months.max(), months=months.nunique()).reset_index()
    return out.assign(_name_last=out.groupby("_name")["last"].transform("max"))

"""津补贴 rules against the approved list (津补贴清单): items outside it, units it does not cover, amounts
over its monthly cap. Each rule is one mask, shared by its check, the indicators and the notebook tables.

contract/checks.md, ``allowances``, exactly:

* ``allowance.not_in_catalog`` — item is not the same name as any catalog item (无依据发放);
* ``allowance.unit_not_eligible`` — the item's catalog row has units not Empty and the row's unit is not
  the same name as any of them (split on 、，,;；, empty pieces dropped);
* ``allowance.over_cap`` — the item's monthly_cap is set and the sum of amount over the rows with the same
  name, unit, month and item is > monthly_cap (in cents): every row of that group.

Where two catalog rows fold to the same item, the first in file order is the item's row.
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.allowances.common import AREA, SEPARATORS, folded, payment_label
from toolkit.checks.base import Check, Context, cents, flag
from toolkit.formatting import is_empty, number

__all__ = [
    "catalog_rows", "group_keys", "group_sums", "not_in_catalog_mask", "unit_not_eligible_mask", "over_cap_mask",
    "over_cap",
    "allowance_not_in_catalog", "allowance_unit_not_eligible", "allowance_over_cap", "CHECKS",
]

GROUP = ("name", "unit", "month", "item")


def catalog_rows(allowances: pd.DataFrame, catalog: pd.DataFrame) -> pd.DataFrame:
    """Per payment, its item's catalog row: ``listed`` (bool), ``monthly_cap``, ``units`` (aligned on the index)."""
    first = catalog.assign(_item=folded(catalog["item"])).drop_duplicates("_item")
    keys = pd.DataFrame({"_item": folded(allowances["item"])}, index=allowances.index)
    found = keys.merge(first[["_item", "monthly_cap", "units"]], on="_item", how="left", indicator=True)
    found.index = allowances.index
    return pd.DataFrame({"listed": found["_merge"] == "both", "monthly_cap": found["monthly_cap"],
                         "units": found["units"]}, index=allowances.index)


def not_in_catalog_mask(allowances: pd.DataFrame, catalog: pd.DataFrame) -> pd.Series:
    """item is not the same name as any catalog item."""
    return ~catalog_rows(allowances, catalog)["listed"]


def _eligible_pairs(catalog: pd.DataFrame) -> pd.DataFrame:
    """(folded item, folded unit) for every unit piece of the items' first catalog rows."""
    first = catalog.assign(_item=folded(catalog["item"])).drop_duplicates("_item")
    pieces = first.assign(_unit=first["units"].str.split(SEPARATORS, regex=True))[["_item", "_unit"]]
    pieces = pieces.explode("_unit").dropna()
    pieces = pieces.assign(_unit=folded(pieces["_unit"].astype("str")))
    return pieces[pieces["_unit"] != ""].drop_duplicates()


def unit_not_eligible_mask(allowances: pd.DataFrame, catalog: pd.DataFrame,
                           rows: pd.DataFrame | None = None) -> pd.Series:
    """The item's catalog row lists units (not Empty) and the row's unit is none of them.

    ``rows``: :func:`catalog_rows` of these payments when the caller has it already.
    """
    rows = catalog_rows(allowances, catalog) if rows is None else rows
    restricted = rows["listed"] & ~is_empty(rows["units"])
    keys = pd.DataFrame({"_item": folded(allowances["item"]), "_unit": folded(allowances["unit"])})
    allowed = keys.merge(_eligible_pairs(catalog).assign(_ok=True), on=["_item", "_unit"], how="left")["_ok"]
    return restricted & ~pd.Series(allowed.notna().to_numpy(), index=allowances.index)


def group_keys(allowances: pd.DataFrame) -> pd.DataFrame:
    """The folded (name, unit, month, item) of every payment — the group of over_cap and duplicate."""
    return pd.DataFrame({"name": folded(allowances["name"]), "unit": folded(allowances["unit"]),
                         "month": allowances["month"], "item": folded(allowances["item"])}, index=allowances.index)


def group_sums(allowances: pd.DataFrame, keys: pd.DataFrame | None = None) -> pd.Series:
    """Per payment, the unrounded sum of amount over its (name, unit, month, item) group.
    ``keys``: :func:`group_keys` of these payments when the caller has it already."""
    keys = group_keys(allowances) if keys is None else keys
    return allowances["amount"].groupby([keys[c] for c in GROUP], dropna=False).transform("sum")


def over_cap_mask(allowances: pd.DataFrame, catalog: pd.DataFrame) -> pd.Series:
    """monthly_cap set and the group's sum > monthly_cap, both in cents."""
    return over_cap(catalog_rows(allowances, catalog)["monthly_cap"], group_sums(allowances))


def over_cap(cap: pd.Series, sums: pd.Series) -> pd.Series:
    """over_cap_mask from each payment's monthly_cap and group sum (:func:`catalog_rows`, :func:`group_sums`).

    >>> over_cap(pd.Series([600.0, 600.0, None]), pd.Series([600.004, 600.005, 900.0])).tolist()
    [False, True, False]
    """
    return (cap.notna() & (cents(sums) > cents(cap))).fillna(False).astype(bool)


def allowance_not_in_catalog(ctx: Context) -> pd.DataFrame:
    """item is not the same name as any catalog item (无依据发放)."""
    pay, catalog = ctx.data["allowances"], ctx.data["allowance_catalog"]

    def message(row: pd.Series) -> str:
        return (f"{payment_label(row)}{number(row['amount'])}元，项目“{row['item']}”不在津补贴清单内，"
                f"属无依据发放")

    return flag(pay, not_in_catalog_mask(pay, catalog), message, id_column="id", unit_column="unit",
                amount="amount")


def allowance_unit_not_eligible(ctx: Context) -> pd.DataFrame:
    """The item's catalog row names its units and the row's unit is not one of them."""
    pay, catalog = ctx.data["allowances"], ctx.data["allowance_catalog"]
    units = catalog_rows(pay, catalog)["units"]

    def message(row: pd.Series) -> str:
        return (f"{payment_label(row)}{number(row['amount'])}元，清单规定该项目仅适用于{units[row.name]}，"
                f"{row['unit']}不在适用范围内")

    return flag(pay, unit_not_eligible_mask(pay, catalog), message, id_column="id", unit_column="unit",
                amount="amount")


def allowance_over_cap(ctx: Context) -> pd.DataFrame:
    """The (name, unit, month, item) group's sum is over the item's monthly_cap."""
    pay, catalog = ctx.data["allowances"], ctx.data["allowance_catalog"]
    cap = catalog_rows(pay, catalog)["monthly_cap"]
    sums = group_sums(pay)

    def message(row: pd.Series) -> str:
        return (f"{payment_label(row)}当月合计{number(sums[row.name])}元，超过清单标准"
                f"{number(cap[row.name])}元/人·月")

    return flag(pay, over_cap_mask(pay, catalog), message, id_column="id", unit_column="unit", amount="amount")


CHECKS = [
    Check("allowance.not_in_catalog", AREA, "allowances", "high", "津补贴项目不在清单内（无依据发放）",
          allowance_not_in_catalog, needs=("allowance_catalog",)),
    Check("allowance.unit_not_eligible", AREA, "allowances", "medium", "单位不在该津补贴项目适用范围内",
          allowance_unit_not_eligible, needs=("allowance_catalog",)),
    Check("allowance.over_cap", AREA, "allowances", "medium", "津补贴月发放额超过清单标准",
          allowance_over_cap, needs=("allowance_catalog",)),
]

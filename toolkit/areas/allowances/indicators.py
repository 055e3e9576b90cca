"""津补贴 indicators (indicators.json): the amount paid, and the amount paid outside the approved list.

``allowances.outside_catalog_amount`` comes from the same mask as ``allowance.not_in_catalog`` and is null
when allowance_catalog is missing (never 0).
"""

from __future__ import annotations

from toolkit.areas.allowances.catalog import not_in_catalog_mask
from toolkit.checks.base import Context, Indicator

__all__ = ["INDICATORS"]


def _amount(ctx: Context) -> float:
    return float(ctx.data["allowances"]["amount"].sum())


def _outside_catalog(ctx: Context) -> float:
    pay = ctx.data["allowances"]
    return float(pay.loc[not_in_catalog_mask(pay, ctx.data["allowance_catalog"]), "amount"].sum())


INDICATORS = [
    Indicator("allowances.amount", "津补贴发放金额（元）", ("allowances",), lambda ctx, f: _amount(ctx), "元"),
    Indicator("allowances.outside_catalog_amount", "清单外津补贴发放金额（元）", ("allowances", "allowance_catalog"),
              lambda ctx, f: _outside_catalog(ctx), "元"),
]

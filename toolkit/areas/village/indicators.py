"""村级三资 indicators (indicators.json): expense, 白条 amount and the cash share of expense."""

from __future__ import annotations

from toolkit.areas.village.rules import cash_expense_mask, expense_mask, white_slip_mask
from toolkit.checks.base import Context, Indicator, rate

__all__ = ["INDICATORS", "expense", "white_slip_amount", "cash_share"]


def expense(ctx: Context) -> float:
    """Sum of amount where direction = 支出."""
    vf = ctx.data["village_finance"]
    return float(vf.loc[expense_mask(vf), "amount"].sum())


def white_slip_amount(ctx: Context) -> float:
    """Sum of amount over the rows village.white_slip flags."""
    vf = ctx.data["village_finance"]
    return float(vf.loc[white_slip_mask(vf), "amount"].sum())


def cash_share(ctx: Context) -> float | None:
    """Cash 支出 / all 支出 (null when there is no expense)."""
    vf = ctx.data["village_finance"]
    return rate(float(vf.loc[cash_expense_mask(vf), "amount"].sum()), expense(ctx))


INDICATORS = [
    Indicator("village.expense", "村级支出（元）", ("village_finance",), lambda ctx, f: expense(ctx), "元"),
    Indicator("village.white_slip_amount", "白条入账金额（元）", ("village_finance",),
              lambda ctx, f: white_slip_amount(ctx), "元"),
    Indicator("village.cash_share", "现金支出占比", ("village_finance",), lambda ctx, f: cash_share(ctx), "%"),
]

"""党费 indicators (indicators.json): members, dues paid and the shortfall of underpaid months."""

from __future__ import annotations

from toolkit.areas.dues.payments import members, payments, underpaid_mask
from toolkit.checks.base import Context, Indicator

__all__ = ["INDICATORS", "member_count", "paid_total", "shortfall"]


def member_count(ctx: Context) -> int:
    """Distinct members: (member, branch) pairs of same names."""
    return len(members(ctx.data["party_dues"]))


def paid_total(ctx: Context) -> float:
    """Sum of paid (元)."""
    return float(ctx.data["party_dues"]["paid"].sum())


def shortfall(ctx: Context) -> float:
    """Sum of due − paid over the payments dues.underpaid flags."""
    pay = payments(ctx.data["party_dues"])
    under = pay[underpaid_mask(pay)]
    return float((under["due"] - under["paid"]).sum())


INDICATORS = [
    Indicator("dues.members", "党员人数（人）", ("party_dues",), lambda ctx, f: member_count(ctx), "人"),
    Indicator("dues.paid", "实缴党费（元）", ("party_dues",), lambda ctx, f: paid_total(ctx), "元"),
    Indicator("dues.shortfall", "少交党费金额（元）", ("party_dues",), lambda ctx, f: shortfall(ctx), "元"),
]

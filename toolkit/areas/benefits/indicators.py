"""惠民惠农补贴 indicators (indicators.json): recipients, the amount paid, and the amount at stake.

``benefits.flagged_amount`` sums each row flagged by ``benefit.staff_recipient`` or ``benefit.after_death``
once, from the rules' own masks; it is null when neither staff nor deaths is present (never 0).
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.benefits.matching import after_death_mask, staff_recipient_mask
from toolkit.checks.base import Context, Indicator

__all__ = ["INDICATORS", "flagged_mask"]


def flagged_mask(ctx: Context) -> pd.Series | None:
    """Rows with a staff_recipient or after_death finding; None when neither list is present."""
    ben = ctx.data["benefits"]
    if not (ctx.has("staff") or ctx.has("deaths")):
        return None
    mask = pd.Series(False, index=ben.index)
    if ctx.has("staff"):
        mask |= staff_recipient_mask(ben, ctx.data["staff"], ctx.thresholds.benefit_means_tested_types)
    if ctx.has("deaths"):
        mask |= after_death_mask(ben, ctx.data["deaths"])
    return mask


def _flagged_amount(ctx: Context) -> float | None:
    mask = flagged_mask(ctx)
    return None if mask is None else float(ctx.data["benefits"].loc[mask, "amount"].sum())


INDICATORS = [
    Indicator("benefits.recipients", "补贴领取人数（人）", ("benefits",),
              lambda ctx, f: int(ctx.data["benefits"]["id_number"].nunique()), "人"),
    Indicator("benefits.amount", "惠民惠农补贴发放金额（元）", ("benefits",),
              lambda ctx, f: float(ctx.data["benefits"]["amount"].sum()), "元"),
    Indicator("benefits.flagged_amount", "名单碰撞疑点金额（元）", ("benefits",),
              lambda ctx, f: _flagged_amount(ctx), "元"),
]

"""工业用地 indicators (indicators.json): reclaimed, idle and unsupplied land, in 宗 and 亩.

Each is computed from the same mask as its check, so an indicator is right even
when a run was restricted to other areas' checks (parcel_id is unique: ingest
rejects duplicates).
"""

from __future__ import annotations

import pandas as pd

from toolkit.areas.land.rules import idle_mask, is_unsupplied, reclaimed_mask
from toolkit.checks.base import Context, Indicator

__all__ = ["INDICATORS"]


def _reclaimed(ctx: Context) -> pd.DataFrame:
    land = ctx.data["land"]
    return land[reclaimed_mask(land, ctx.period_start, ctx.as_of)]


def _idle(ctx: Context) -> pd.DataFrame:
    """The parcels land.idle flags (one row per parcel)."""
    land = ctx.data["land"]
    return land[idle_mask(land, ctx.as_of, 1)].drop_duplicates("parcel_id")


def _unsupplied(ctx: Context) -> pd.DataFrame:
    land = ctx.data["land"]
    return land[is_unsupplied(land)]


def _area(frame: pd.DataFrame) -> float:
    return float(frame["area_mu"].sum())


INDICATORS = [
    Indicator("land.reclaimed.parcels", "本期收回闲置低效土地（宗）", ("land",),
              lambda ctx, f: len(_reclaimed(ctx)), "宗"),
    Indicator("land.reclaimed.area_mu", "本期收回闲置低效土地面积（亩）", ("land",),
              lambda ctx, f: _area(_reclaimed(ctx)), "亩"),
    Indicator("land.idle.parcels", "闲置土地（宗）", ("land",), lambda ctx, f: len(_idle(ctx)), "宗"),
    Indicator("land.idle.area_mu", "闲置土地面积（亩）", ("land",), lambda ctx, f: _area(_idle(ctx)), "亩"),
    Indicator("land.unsupplied.parcels", "批而未供土地（宗）", ("land",), lambda ctx, f: len(_unsupplied(ctx)), "宗"),
    Indicator("land.unsupplied.area_mu", "批而未供土地面积（亩）", ("land",),
              lambda ctx, f: _area(_unsupplied(ctx)), "亩"),
]

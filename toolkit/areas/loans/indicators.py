"""财园信贷通 indicators (indicators.json): loans, their amount and the amount lent to non-entity firms (万元)."""

from __future__ import annotations

from toolkit.areas.loans.common import is_false
from toolkit.checks.base import Indicator

__all__ = ["INDICATORS"]

INDICATORS = [
    Indicator("loans.count", "财园信贷通贷款（笔）", ("loans",), lambda ctx, f: len(ctx.data["loans"]), "笔"),
    Indicator("loans.amount", "财园信贷通贷款金额（万元）", ("loans",),
              lambda ctx, f: float(ctx.data["loans"]["amount"].sum()), "万元"),
    Indicator("loans.non_entity_amount", "非实体企业贷款金额（万元）", ("loans",),
              lambda ctx, f: float(ctx.data["loans"].loc[is_false(ctx.data["loans"]["is_entity"]), "amount"].sum()),
              "万元"),
]

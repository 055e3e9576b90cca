"""问题线索与处分 indicators (indicators.json): clues received and closed, cases, persons, sanctions."""

from __future__ import annotations

import pandas as pd

from toolkit.areas.cases.clues import is_closed
from toolkit.areas.cases.common import FIRST_FORM
from toolkit.areas.cases.sanctions import sanctioned_mask
from toolkit.checks.base import Context, Indicator, rate

__all__ = ["INDICATORS"]


def _clues(ctx: Context) -> pd.DataFrame:
    return ctx.data["clues"]


def _cases(ctx: Context) -> pd.DataFrame:
    return ctx.data["cases"]


def _closed(ctx: Context) -> int:
    return int(is_closed(_clues(ctx)).sum())


INDICATORS = [
    Indicator("cases.clues.received", "受理问题线索（件）", ("clues",), lambda ctx, f: len(_clues(ctx)), "件"),
    Indicator("cases.clues.closed", "办结问题线索（件）", ("clues",), lambda ctx, f: _closed(ctx), "件"),
    Indicator("cases.clues.verification_rate", "线索核查率", ("clues",),
              lambda ctx, f: rate(_closed(ctx), len(_clues(ctx))), "%"),
    Indicator("cases.cases", "立案（起）", ("cases",), lambda ctx, f: _cases(ctx)["case_id"].nunique(), "起"),
    Indicator("cases.persons", "处理（人）", ("cases",), lambda ctx, f: len(_cases(ctx)), "人"),
    Indicator("cases.sanctioned", "党纪政务处分（人）", ("cases",), lambda ctx, f: int(sanctioned_mask(_cases(ctx)).sum()),
              "人"),
    Indicator("cases.first_form", "第一种形态（人）", ("cases",),
              lambda ctx, f: int((_cases(ctx)["form"] == FIRST_FORM).sum()), "人"),
    Indicator("cases.accountability", "问责（人）", ("cases",),
              lambda ctx, f: int(_cases(ctx)["accountability"].fillna(False).sum()), "人"),
]

"""整改台账 indicators (indicators.json), the area's share of a run, and the headline lines."""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.areas.ledger.common import AREA, DONE, IN_PROGRESS, NOT_STARTED, unit_names
from toolkit.areas.ledger.measures import signed_off_mask
from toolkit.checks.base import CheckRun, Context, Indicator, finding_ids, rate
from toolkit.formatting import is_empty

__all__ = ["distinct_units", "distinct_leaders", "INDICATORS", "ledger_run", "headline"]


def distinct_units(ledger: pd.DataFrame) -> list[str]:
    """Distinct unit names of the ledger, in order of first appearance.

    >>> distinct_units(pd.DataFrame({"units": ["县委办、县政府办", "县政府办；县财政局", None]}))
    ['县委办', '县政府办', '县财政局']
    """
    return unit_names(ledger["units"]).drop_duplicates().tolist()


def distinct_leaders(ledger: pd.DataFrame) -> list[str]:
    """Distinct non-empty lead_leader values (trimmed), in order of first appearance."""
    leaders = ledger.loc[~is_empty(ledger["lead_leader"]), "lead_leader"].str.strip()
    return leaders.drop_duplicates().tolist()


def _ledger(ctx: Context) -> pd.DataFrame:
    return ctx.data["ledger"]


def _count_status(ctx: Context, status: str) -> int:
    return int((_ledger(ctx)["status"] == status).sum())


INDICATORS = [
    Indicator("ledger.aspects", "整改方面（个）", ("ledger",), lambda ctx, f: _ledger(ctx)["aspect_no"].nunique(), "个"),
    Indicator("ledger.problems", "具体问题（个）", ("ledger",), lambda ctx, f: _ledger(ctx)["problem_no"].nunique(), "个"),
    Indicator("ledger.measures", "整改措施（条）", ("ledger",), lambda ctx, f: len(_ledger(ctx)), "条"),
    Indicator("ledger.leaders", "牵头县级领导（个）", ("ledger",), lambda ctx, f: len(distinct_leaders(_ledger(ctx))), "个"),
    Indicator("ledger.units", "责任单位（个）", ("ledger",), lambda ctx, f: len(distinct_units(_ledger(ctx))), "个"),
    Indicator("ledger.completed", "已完成（条）", ("ledger",), lambda ctx, f: _count_status(ctx, DONE), "条"),
    Indicator("ledger.in_progress", "推进中（条）", ("ledger",), lambda ctx, f: _count_status(ctx, IN_PROGRESS), "条"),
    Indicator("ledger.not_started", "未启动（条）", ("ledger",), lambda ctx, f: _count_status(ctx, NOT_STARTED), "条"),
    Indicator("ledger.signed_off", "已销号（条）", ("ledger",), lambda ctx, f: int(signed_off_mask(_ledger(ctx)).sum()), "条"),
    Indicator("ledger.completion_rate", "整改完成率", ("ledger",),
              lambda ctx, f: rate(_count_status(ctx, DONE), len(_ledger(ctx))), "%"),
    Indicator("ledger.overdue", "逾期未完成（条）", ("ledger",),
              lambda ctx, f: finding_ids(f, "ledger.overdue").nunique(), "条"),
]


def ledger_run(analysis: Any) -> CheckRun:
    """This area's findings, indicators and skipped checks out of an analysed round's run."""
    run = analysis.run
    findings = run.findings[run.findings["area"] == AREA].reset_index(drop=True)
    indicators = {i.name: run.indicators.get(i.name) for i in INDICATORS}
    skipped = {k: v for k, v in run.skipped.items() if k.startswith(f"{AREA}.")}
    return CheckRun(findings, indicators, skipped, list(run.notes))


def headline(indicators: dict[str, Any]) -> list[str]:
    """The headline figures as plain lines (the notebook prints them; nbval pins them).

    >>> headline({"ledger.measures": 3, "ledger.completion_rate": 1 / 3})[2:3] + headline({})[-1:]
    ['整改措施：3 条', '逾期未完成：无数据']
    """
    def value(name: str, unit: str) -> str:
        v = indicators.get(name)
        return "无数据" if v is None else f"{v} {unit}"

    rate_value = indicators.get("ledger.completion_rate")
    return [
        f"整改方面：{value('ledger.aspects', '个')}",
        f"具体问题：{value('ledger.problems', '个')}",
        f"整改措施：{value('ledger.measures', '条')}",
        f"牵头县级领导：{value('ledger.leaders', '人')}",
        f"责任单位：{value('ledger.units', '个')}",
        f"已完成：{value('ledger.completed', '条')}",
        f"推进中：{value('ledger.in_progress', '条')}",
        f"未启动：{value('ledger.not_started', '条')}",
        "完成率：" + ("无数据" if rate_value is None else f"{rate_value * 100:.1f}%"),
        f"已销号：{value('ledger.signed_off', '条')}",
        f"逾期未完成：{value('ledger.overdue', '条')}",
    ]

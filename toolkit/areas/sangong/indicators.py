"""The area's figures for indicators.json, and the same figures as the notebook's headline text."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import pandas as pd

from toolkit.areas.sangong.budget import over_budget_mask
from toolkit.areas.sangong.common import AREA
from toolkit.checks.base import SEVERITIES, SEVERITY_ZH, Context, Indicator
from toolkit.formatting import pct, wan


def _rows(dataset: str) -> Callable[[Context, pd.DataFrame], int]:
    return lambda ctx, findings: len(ctx.data[dataset])


def _sum(dataset: str, column: str) -> Callable[[Context, pd.DataFrame], float]:
    return lambda ctx, findings: float(ctx.data[dataset][column].sum())


INDICATORS: list[Indicator] = [
    Indicator("sangong.reception.count", "公务接待（批次）", ("reception",), _rows("reception"), "批次"),
    Indicator("sangong.reception.amount", "公务接待金额（元）", ("reception",), _sum("reception", "amount"), "元"),
    Indicator("sangong.vehicle.trips", "公车出车（次）", ("vehicle_trips",), _rows("vehicle_trips"), "次"),
    Indicator("sangong.vehicle.km", "公车行驶里程（公里）", ("vehicle_trips",), _sum("vehicle_trips", "km"), "km"),
    Indicator("sangong.fuel.liters", "加油量（升）", ("fuel",), _sum("fuel", "liters"), "L"),
    Indicator("sangong.fuel.amount", "加油金额（元）", ("fuel",), _sum("fuel", "amount"), "元"),
    Indicator("sangong.overseas.trips", "因公出国（境）（人次）", ("overseas",), _rows("overseas"), "人次"),
    Indicator("sangong.overseas.cost", "因公出国（境）费用（元）", ("overseas",), _sum("overseas", "cost"), "元"),
]


def _budget_line(budget: pd.DataFrame | None) -> str:
    if budget is None:
        return "三公经费预算与决算：缺少数据"
    total_b, total_a = float(budget["budget"].sum()), float(budget["actual"].sum())
    rate = pct(total_a / total_b) if total_b else "—"
    n_over = int(over_budget_mask(budget).sum())
    return f"三公经费预算{total_b:,.2f}万元，决算{total_a:,.2f}万元，执行率{rate}，超预算{n_over}项"


def headline(indicators: Mapping[str, Any], findings: pd.DataFrame, data: Mapping[str, pd.DataFrame]) -> str:
    """The key numbers of the area as plain text lines (stable: no timestamps, no addresses)."""
    def val(name: str, fmt: Callable[[Any], str]) -> str:
        value = indicators.get(name)
        return "缺少数据" if value is None else fmt(value)

    lines = [
        f"公务接待：{val('sangong.reception.count', lambda v: f'{v}批次')}，{val('sangong.reception.amount', wan)}",
        f"公车出车：{val('sangong.vehicle.trips', lambda v: f'{v}次')}，"
        f"{val('sangong.vehicle.km', lambda v: f'{v:,.1f}公里')}",
        f"加油：{val('sangong.fuel.liters', lambda v: f'{v:,.1f}升')}，{val('sangong.fuel.amount', wan)}",
        f"因公出国（境）：{val('sangong.overseas.trips', lambda v: f'{v}人次')}，{val('sangong.overseas.cost', wan)}",
        _budget_line(data.get("sangong_budget")),
    ]
    area = findings[findings["area"] == AREA]
    lines.append(f"疑点合计{len(area)}条，涉及金额{wan(area['amount'].sum())}（各条疑点金额累加，同一记录可能重复计入）")
    for severity in SEVERITIES:
        lines.append(f"  {SEVERITY_ZH[severity]}风险：{int((area['severity'] == severity).sum())}条")
    return "\n".join(lines)

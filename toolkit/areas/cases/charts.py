"""问题线索与处分 charts: each function takes a table of :mod:`toolkit.areas.cases.tables` and returns a
matplotlib Figure; a notebook shows it with ``plots.show(fig, name, out_dir)``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.areas.cases.common import CLOSED, NOT_HANDLED, VERIFYING

__all__ = ["STATUS_COLOURS", "clue_funnel_chart", "disposition_chart", "forms_chart", "monthly_trend_chart"]

STATUS_COLOURS = {CLOSED: plots.PALETTE[2], VERIFYING: plots.PALETTE[1], NOT_HANDLED: plots.PALETTE[3]}


def clue_funnel_chart(funnel: pd.DataFrame) -> Figure:
    """Clues per source by status (stacked) beside each source's 核查率 (:func:`~toolkit.areas.cases.tables.clue_funnel`)."""
    fig = Figure(figsize=(12, max(3.5, 0.45 * len(funnel) + 1.5)))
    status_ax, rate_ax = fig.subplots(1, 2)
    left = np.zeros(len(funnel))
    for status, colour in STATUS_COLOURS.items():
        values = funnel[status].to_numpy(dtype=float)
        status_ax.barh(funnel.index, values, left=left, height=0.6, color=colour, label=status)
        left = left + values
    status_ax.invert_yaxis()
    status_ax.set_title("各来源线索办理状态")
    status_ax.set_xlabel("线索数（件）")
    status_ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    status_ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3)
    plots.bar(rate_ax, funnel.index, funnel["核查率"] * 100, title="各来源核查率", xlabel="核查率（%）",
              fmt="{:.1f}%", horizontal=True)
    fig.suptitle("问题线索办理漏斗（件、%）")
    return fig


def _count_bars(series: pd.Series, title: str, xlabel: str, ylabel: str) -> Figure:
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    plots.bar(ax, series.index, series.values, title=title, xlabel=xlabel, ylabel=ylabel)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def disposition_chart(mix: pd.Series) -> Figure:
    """Closed clues per disposition (:func:`~toolkit.areas.cases.tables.disposition_mix`)."""
    return _count_bars(mix, "已办结线索的处置方式", "处置方式", "线索数（件）")


def forms_chart(forms: pd.Series) -> Figure:
    """Persons per form of the 四种形态 (:func:`~toolkit.areas.cases.tables.forms_distribution`)."""
    return _count_bars(forms, "运用“四种形态”处理人数", "形态", "人数（人）")


def monthly_trend_chart(trend: pd.DataFrame) -> Figure:
    """Clues received and closed and cases filed per month (:func:`~toolkit.areas.cases.tables.monthly_trend`)."""
    fig = Figure(figsize=(10, 4.5))
    ax = fig.add_subplot()
    months = [str(m) for m in trend.index]
    for column in trend.columns:
        ax.plot(months, trend[column], marker="o", label=column)
    ax.set_title("问题线索与立案月度趋势")
    ax.set_xlabel("月份")
    ax.set_ylabel("数量（件、起）")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    if len(months) > 12:
        ax.tick_params(axis="x", labelrotation=45)
    return fig

"""工业用地 charts: each function takes a table of :mod:`toolkit.areas.land.tables` and returns a
matplotlib Figure; a notebook shows it with ``plots.show(fig, name, out_dir)``.

Colours: the house palette; 疑点 (idle two years, over the limit, below the
standard) in vermillion, the rest in blue or orange.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.areas.land.common import AREA_COL, IDLE_GROUP_1, IDLE_GROUP_2
from toolkit.areas.land.tables import TAX_COL

__all__ = ["tax_hist_bins", "status_chain_chart", "idle_chart", "unsupplied_ageing_chart", "tax_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]
GREY = "#555555"
COUNT_LABEL = "地块数（宗）"


def tax_hist_bins(values: pd.Series, standard: float, bins: int = 12) -> np.ndarray:
    """Histogram edges with ``standard`` on an edge, so no bar straddles the standard line.

    >>> tax_hist_bins(pd.Series([3.0, 8.0]), 5, bins=5).tolist()
    [3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]
    >>> tax_hist_bins(pd.Series([], dtype=float), 5).tolist()
    [4.5, 5.0, 5.5]
    """
    values = pd.Series(values, dtype="float64").dropna()
    lo = min(float(values.min()), standard) if len(values) else standard
    hi = max(float(values.max()), standard) if len(values) else standard
    width = (hi - lo) / bins if hi > lo else max(abs(standard) * 0.1, 0.5)
    below = int(np.ceil((standard - lo) / width - 1e-9))
    above = int(np.floor((hi - standard) / width + 1e-9)) + 1
    return standard + width * np.arange(-max(below, 1), above + 1)


def status_chain_chart(chain: pd.DataFrame) -> Figure:
    """宗 and 亩 per status (:func:`~toolkit.areas.land.tables.status_chain`), side by side."""
    fig = Figure(figsize=(11, 4.5))
    count_ax, area_ax = fig.subplots(1, 2)
    plots.bar(count_ax, chain.index, chain["宗数"], title="各环节地块数", ylabel=COUNT_LABEL)
    plots.bar(area_ax, chain.index, chain[AREA_COL], title="各环节土地面积", ylabel=AREA_COL, fmt="{:,.1f}")
    count_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle("工业用地状态链（宗、亩）")
    return fig


def idle_chart(idle: pd.DataFrame) -> Figure:
    """Months past the agreed start per idle parcel (:func:`~toolkit.areas.land.tables.idle_parcels`),
    with the one- and two-year lines; the plots.MAX_BARS longest overdue when there are more."""
    idle, note = plots.top_rows(idle, idle["逾期月数"].astype(float), word="宗")
    fig = Figure(figsize=(9, max(3.0, 0.35 * len(idle) + 1.5)))
    ax = fig.add_subplot()
    colours = np.where(idle["分组"] == IDLE_GROUP_2, RED, ORANGE)
    labels = [f"{p}（{a:,.1f}亩）" for p, a in zip(idle["地块编号"], idle[AREA_COL])]
    ax.barh(labels, idle["逾期月数"].astype(float), color=colours, height=0.6)
    ax.invert_yaxis()
    ax.axvline(12, color=GREY, linestyle="--", linewidth=1)
    ax.axvline(24, color=RED, linestyle="--", linewidth=1)
    ax.legend(handles=[Patch(color=ORANGE, label=IDLE_GROUP_1), Patch(color=RED, label=IDLE_GROUP_2),
                       Line2D([], [], color=GREY, linestyle="--", label="满一年：征缴土地闲置费"),
                       Line2D([], [], color=RED, linestyle="--", label="满两年：可无偿收回")],
              loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_xlabel("超过约定开工日期（月）")
    ax.set_title(f"闲置土地逾期开工月数{note}")
    ax.grid(False, axis="y")
    return fig


def unsupplied_ageing_chart(ageing: pd.DataFrame, limit_years: float) -> Figure:
    """批而未供 宗 and 亩 per age band (:func:`~toolkit.areas.land.tables.unsupplied_ageing`); bands over
    ``limit_years`` (the round's land_unsupplied_years) in red."""
    fig = Figure(figsize=(11, 4.5))
    count_ax, area_ax = fig.subplots(1, 2)
    plots.bar(count_ax, ageing.index, ageing["宗数"], title="批而未供地块数", xlabel="批准至今", ylabel=COUNT_LABEL)
    plots.bar(area_ax, ageing.index, ageing[AREA_COL], title="批而未供面积", xlabel="批准至今", ylabel=AREA_COL,
              fmt="{:,.1f}")
    for ax in (count_ax, area_ax):
        for patch, over in zip(ax.patches, ageing["超期"]):
            if over:
                patch.set_color(RED)
    count_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    area_ax.legend(handles=[Patch(color=BLUE, label="未超期"),
                            Patch(color=RED, label=f"超过{limit_years:g}年（疑点）")])
    fig.suptitle("批而未供土地账龄（按批准日期至截止日，365天为一年）")
    return fig


def tax_chart(tax: pd.DataFrame, standard: float) -> Figure:
    """Histogram of 亩均税收 (:func:`~toolkit.areas.land.tables.tax_per_mu`), below the standard stacked in red."""
    fig = Figure(figsize=(9, 4.5))
    ax = fig.add_subplot()
    values = tax[TAX_COL]
    ax.hist([values[values < standard], values[values >= standard]], bins=tax_hist_bins(values, standard),
            stacked=True, color=[RED, BLUE], edgecolor="white", label=["低于标准（低效用地）", "达到标准"])
    ax.axvline(standard, color="#333333", linestyle="--", linewidth=1.5, label=f"标准 {standard:g} 万元/亩")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_xlabel(TAX_COL)
    ax.set_ylabel(COUNT_LABEL)
    ax.set_title(f"竣工满一年地块亩均税收分布（{len(values)}宗，低于标准{int(tax['低于标准'].sum())}宗）")
    return fig

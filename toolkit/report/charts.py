"""The report's charts: findings per area (index.html) and per area and check (the overview notebook).

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot state), in the house
style of :mod:`toolkit.plots`; a notebook shows one with ``plots.show(fig, name, out_dir)``.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from toolkit import plots

COUNT_LABEL = "疑点数（条）"


def findings_by_area_figure(by_area: pd.Series) -> Figure:
    """Horizontal bars: findings per area (the index of ``by_area`` holds the areas' Chinese titles)."""
    fig = Figure(figsize=(7.0, 0.6 * len(by_area) + 1.4))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    plots.bar(ax, list(by_area.index), list(by_area.values), title="各领域疑点数", xlabel=COUNT_LABEL,
              horizontal=True)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def findings_overview_figure(by_area: pd.Series, by_check: pd.DataFrame) -> Figure:
    """Two panels: findings per area, and per kind of finding (checks that found something).

    ``by_check`` is :func:`toolkit.report.html.findings_by_check`'s table (columns 疑点类型, 疑点数).
    """
    found = by_check[by_check["疑点数"].fillna(0) > 0]
    fig = Figure(figsize=(12, max(4.0, 0.32 * len(by_check) + 1.5)))
    FigureCanvasAgg(fig)
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.6]})
    plots.bar(left, by_area.index, by_area.values, title="各领域疑点数", xlabel=COUNT_LABEL, horizontal=True)
    plots.bar(right, found["疑点类型"], found["疑点数"].astype(int), title="各类疑点数", xlabel=COUNT_LABEL,
              horizontal=True)
    left.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))   # a narrow panel: 4-digit counts apart
    right.xaxis.set_major_locator(MaxNLocator(integer=True))
    fig.suptitle("疑点分布（条）")
    return fig


def findings_chart_png(by_area: pd.Series) -> bytes | None:
    """:func:`findings_by_area_figure` as PNG bytes in the house style (rcParams restored after), or None
    when there are no findings."""
    if by_area.empty:
        return None
    with mpl.rc_context():
        plots.use_house_style()
        return plots.png_bytes(findings_by_area_figure(by_area))

"""Small multiples of the cross-round view: per area, one panel per check, one bar per round."""

from __future__ import annotations

import base64
import math

import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots

COLUMNS = 3


def area_small_multiples(checks: pd.DataFrame, area_title: str, measure: str = "每千条记录疑点数") -> Figure:
    """The area's checks side by side (``checks``: rows of :func:`toolkit.batch.summary.check_table` for one area),
    each panel the rounds' ``measure`` as horizontal bars (a missing value shows —)."""
    plots.use_house_style()
    ids = list(dict.fromkeys(checks["检查编号"]))
    rounds = list(dict.fromkeys(checks["轮次"]))
    columns = min(COLUMNS, max(1, len(ids)))
    rows = max(1, math.ceil(len(ids) / columns))
    height = 0.9 + 0.22 * len(rounds)
    fig = Figure(figsize=(4.2 * columns, height * rows + 0.8), layout="constrained")
    axes = fig.subplots(rows, columns, squeeze=False)
    for index, check_id in enumerate(ids):
        ax = axes[index // columns][index % columns]
        part = checks[checks["检查编号"] == check_id].set_index("轮次").reindex(rounds)
        title = str(part["疑点类型"].dropna().iloc[0]) if part["疑点类型"].notna().any() else check_id
        plots.bar(ax, rounds, part[measure].tolist(), title=title, fmt="{:,.1f}", horizontal=True)
        ax.tick_params(labelsize="small")
        ax.title.set_fontsize("medium")
    for index in range(len(ids), rows * columns):
        axes[index // columns][index % columns].set_visible(False)
    fig.suptitle(f"{area_title}：各轮次{measure}", fontsize="large")
    return fig


def area_chart_uri(checks: pd.DataFrame, area_title: str) -> str:
    """The area's small multiples as a PNG data URI (the page stays one self-contained file)."""
    png = plots.png_bytes(area_small_multiples(checks, area_title))
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

"""党费 charts: each takes a table of :mod:`toolkit.areas.dues.tables` and returns a Figure;
a notebook shows it with ``plots.show(fig, name, out_dir)``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from toolkit import plots
from toolkit.areas.dues.tables import MISSING, PAID, STOPPED

__all__ = ["compliance_chart", "grid_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]
EMPTY_COLOUR, PAID_COLOUR = "#f2f2f2", "#9ecae1"


def compliance_chart(compliance: pd.DataFrame) -> Figure:
    """应缴 vs 实缴 per branch (:func:`~toolkit.areas.dues.tables.branch_compliance`), 元; the plots.MAX_BARS
    branches that paid the least of what was due when there are more."""
    compliance, note = plots.top_rows(compliance, (compliance["应缴（元）"] - compliance["实缴（元）"]).fillna(0),
                                      word="个支部")
    fig = Figure(figsize=(10, max(3.5, 0.45 * len(compliance) + 1.5)))
    ax = fig.add_subplot()
    y = np.arange(len(compliance))
    ax.barh(y - 0.2, compliance["应缴（元）"], height=0.4, color=ORANGE, label="应缴")
    ax.barh(y + 0.2, compliance["实缴（元）"], height=0.4, color=BLUE, label="实缴")
    ax.set_yticks(y, compliance["支部"])
    ax.invert_yaxis()
    ax.set_xlabel("金额（元，有收入记录的月份）")
    ax.set_title(f"各支部应缴与实缴党费{note}")
    ax.legend(loc="lower right")
    ax.grid(False, axis="y")
    return fig


def grid_chart(grid: pd.DataFrame) -> Figure:
    """The member × month grid (:func:`~toolkit.areas.dues.tables.month_grid`) as a heat map:
    paid light blue, missing red, stopped orange, outside the member's months grey; the first plots.MAX_BARS
    members when there are more."""
    grid, note = plots.top_rows(grid, word="名")
    codes = {"": 0, PAID: 1, MISSING: 2, STOPPED: 3}
    values = grid.replace(codes).to_numpy(dtype=float) if len(grid) else np.zeros((1, max(len(grid.columns), 1)))
    fig = Figure(figsize=(max(8.0, 0.38 * len(grid.columns) + 4), max(3.0, 0.32 * len(grid) + 1.8)))
    ax = fig.add_subplot()
    cmap = ListedColormap([EMPTY_COLOUR, PAID_COLOUR, RED, ORANGE])
    ax.imshow(values, cmap=cmap, vmin=-0.5, vmax=3.5, aspect="auto", interpolation="nearest")
    ax.set_xticks(range(len(grid.columns)), grid.columns, rotation=90)
    ax.set_yticks(range(len(grid)), grid.index)
    ax.grid(False)
    ax.legend(handles=[Patch(color=PAID_COLOUR, label="已交"), Patch(color=RED, label="缺月未交"),
                       Patch(color=ORANGE, label="停交（至截止月）")], loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(f"党员逐月交纳情况（仅列出有缺月或停交的党员）{note}")
    return fig

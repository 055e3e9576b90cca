"""整改台账 charts: each function takes a table of :mod:`toolkit.areas.ledger.tables` (or ``weekly``)
and returns a matplotlib Figure; a notebook shows it with ``plots.show(fig, name, out_dir)``.

The ``draw_*`` functions draw into an Axes someone else laid out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.dates import DateFormatter
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.areas.ledger.common import DONE, IN_PROGRESS, NOT_STARTED, STATUSES
from toolkit.formatting import short

__all__ = ["STATUS_COLOURS", "draw_completion", "draw_burn_down", "completion_chart", "kind_mix_chart",
           "burn_down_chart"]

STATUS_COLOURS = {DONE: "#009E73", IN_PROGRESS: "#E69F00", NOT_STARTED: "#D55E00"}
COUNT_LABEL = "措施数（条）"


def draw_completion(ax: Axes, table: pd.DataFrame, title: str, label_width: int = 16) -> Axes:
    """Horizontal stacked bars (已完成 / 推进中 / 未启动) of a completion table, with 完成率 at the bar end."""
    labels = [short(label, label_width) for label in table.index]
    left = np.zeros(len(table))
    y = np.arange(len(table))
    for status in STATUSES:
        values = table[status].to_numpy(dtype=float)
        ax.barh(y, values, left=left, height=0.6, label=status, color=STATUS_COLOURS[status])
        left = left + values
    for yi, total, share in zip(y, left, table["完成率"]):
        ax.text(total, yi, f" {share * 100:.1f}%", va="center", fontsize="small")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.set_xlim(0, max(float(left.max()) if len(left) else 0.0, 1.0) * 1.15)
    ax.set_xlabel(COUNT_LABEL)
    ax.set_title(title, pad=30)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)
    return ax


def draw_burn_down(ax: Axes, table: pd.DataFrame, title: str = "未完成整改措施周度变化") -> Axes:
    """Line chart of open measures (未完成) per week, with 推进中 and 未启动."""
    x = table["周报日期"]
    ax.plot(x, table["未完成"], marker="o", label="未完成（推进中+未启动）", color="#0072B2")
    ax.plot(x, table[IN_PROGRESS], marker=".", linestyle="--", label=IN_PROGRESS, color=STATUS_COLOURS[IN_PROGRESS])
    ax.plot(x, table[NOT_STARTED], marker=".", linestyle=":", label=NOT_STARTED, color=STATUS_COLOURS[NOT_STARTED])
    ax.set_title(title)
    ax.set_xlabel("周报日期")
    ax.set_ylabel(COUNT_LABEL)
    ax.set_ylim(bottom=0)
    ax.legend()
    ax.xaxis.set_major_formatter(DateFormatter("%m-%d"))
    return ax


def completion_chart(table: pd.DataFrame, title: str, *, label_width: int = 16, row_inches: float = 0.32) -> Figure:
    """A completion table (by aspect, problem, unit or leader) as stacked bars, ``row_inches`` tall per row.

    >>> t = pd.DataFrame({"措施数": [2], "已完成": [1], "推进中": [1], "未启动": [0], "完成率": [0.5]}, index=["县委办"])
    >>> completion_chart(t, "责任单位整改措施完成情况").axes[0].get_title()
    '责任单位整改措施完成情况'
    """
    fig = Figure(figsize=(9, row_inches * len(table) + 1.5))
    draw_completion(fig.add_subplot(), table, title, label_width=label_width)
    return fig


def kind_mix_chart(mix: pd.DataFrame) -> Figure:
    """Measures per 整改类型 (the 合计 column of :func:`~toolkit.areas.ledger.tables.kind_mix`, without its 合计 row)."""
    fig = Figure(figsize=(6, 3.5))
    plots.bar(fig.add_subplot(), mix.index[:-1], mix["合计"].iloc[:-1], title="整改措施类型构成", ylabel=COUNT_LABEL)
    return fig


def burn_down_chart(table: pd.DataFrame, title: str = "未完成整改措施周度变化") -> Figure:
    """The burn-down table (:func:`~toolkit.areas.ledger.weekly.burn_down`) as lines per week."""
    fig = Figure(figsize=(9, 4))
    draw_burn_down(fig.add_subplot(), table, title)
    return fig

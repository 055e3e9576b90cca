"""招投标 charts: each function takes a table of :mod:`toolkit.areas.bids.tables` (or the bidder graph of
:mod:`toolkit.areas.bids.network`) and returns a matplotlib Figure; a notebook shows it with ``plots.show``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.areas.bids.tables import CV_COL

__all__ = ["spread_chart", "network_chart", "never_won_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]
GREY = "#555555"


def spread_chart(spread: pd.DataFrame, cv_min: float) -> Figure:
    """CV per tender (:func:`~toolkit.areas.bids.tables.spread_table`), below ``cv_min`` in red, with the line."""
    judged = spread[spread[CV_COL].notna()].sort_values(CV_COL, kind="stable")
    fig = Figure(figsize=(10, max(3.5, 0.28 * len(judged) + 1.5)))
    ax = fig.add_subplot()
    colours = np.where(judged["低于阈值"], RED, BLUE)
    ax.barh(judged["标段编号"], judged[CV_COL] * 100, color=colours, height=0.6)
    ax.invert_yaxis()
    ax.axvline(cv_min * 100, color=GREY, linestyle="--", linewidth=1.2)
    ax.legend(handles=[Patch(color=RED, label="低于阈值（疑似围标）"), Patch(color=BLUE, label="正常"),
                       Line2D([], [], color=GREY, linestyle="--", label=f"阈值 {cv_min * 100:g}%")],
              loc="lower right")
    ax.set_xlabel("报价变异系数（%）")
    ax.set_title("各标段投标报价离散度（变异系数 = 标准差 / 均值）")
    ax.grid(False, axis="y")
    return fig


def _group_positions(graph: nx.Graph, columns: int) -> dict[str, tuple[float, float]]:
    """Each connected group on a circle in its own cell of a grid (largest group first), so groups never overlap."""
    groups = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)))
    pos = {}
    for i, members in enumerate(groups):  # groups (a handful), not data rows
        cx, cy = i % columns, -(i // columns)
        names = sorted(members)
        angles = np.pi / 2 + 2 * np.pi * np.arange(len(names)) / len(names) + (np.pi / 2 if len(names) == 2 else 0)
        for name, angle in zip(names, angles):
            pos[name] = (cx + 0.3 * np.cos(angle), cy + 0.28 * np.sin(angle))
    return pos


def network_chart(graph: nx.Graph, columns: int = 3) -> Figure:
    """The bidder graph: bidders as points (one cell per connected group, 团伙), an edge per shared
    phone/IP/MAC/account, its fields as the label."""
    groups = nx.number_connected_components(graph)
    rows = max(1, -(-groups // columns))
    fig = Figure(figsize=(4.4 * min(columns, max(groups, 1)), 3.2 * rows + 0.8))
    ax = fig.add_subplot()
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "未发现共用联系电话、IP、MAC或保证金账户的投标人", ha="center", va="center")
        return fig
    pos = _group_positions(graph, columns)
    for a, b, data in graph.edges(data=True):  # edges of the graph (a few dozen), not data rows
        (xa, ya), (xb, yb) = pos[a], pos[b]
        ax.plot([xa, xb], [ya, yb], color=ORANGE, linewidth=2, zorder=1)
        ax.text((xa + xb) / 2, (ya + yb) / 2, data["label"], fontsize=8, color=GREY, ha="center", va="center",
                bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 1}, zorder=2)
    xy = np.array([pos[n] for n in graph.nodes])
    ax.scatter(xy[:, 0], xy[:, 1], s=160, color=RED, zorder=3)
    for name, (x, y) in pos.items():
        above = y >= round(y)
        ax.text(x, y + (0.07 if above else -0.07), name, fontsize=8, ha="center", va="bottom" if above else "top",
                zorder=4)
    for i in range(groups):
        ax.text(i % columns - 0.48, -(i // columns) + 0.42, f"团伙{i + 1}", fontsize=10, fontweight="bold",
                color=RED, ha="left", va="top")
    ax.set_xlim(-0.55, min(columns, groups) - 0.45)
    ax.set_ylim(-(rows - 1) - 0.5, 0.5)
    ax.set_title(f"投标人关联图：{graph.number_of_nodes()}家投标人、{groups}个关联团伙（跨全部标段）")
    return fig


def never_won_chart(losers: pd.DataFrame, min_tenders: int) -> Figure:
    """Tenders entered by each bidder that never won (:func:`~toolkit.areas.bids.tables.never_won`)."""
    fig = Figure(figsize=(9, max(3.0, 0.35 * len(losers) + 1.5)))
    ax = fig.add_subplot()
    colours = np.where(losers["陪标专业户"], RED, ORANGE)
    ax.barh(losers["投标人"], losers["参与标段数"], color=colours, height=0.6)
    ax.invert_yaxis()
    ax.axvline(min_tenders, color=GREY, linestyle="--", linewidth=1.2)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(handles=[Patch(color=RED, label=f"参与≥{min_tenders}个标段（陪标专业户）"),
                       Patch(color=ORANGE, label="未达阈值")], loc="lower right")
    ax.set_xlabel("参与标段数（个）")
    ax.set_title("从未中标的投标人")
    ax.grid(False, axis="y")
    return fig

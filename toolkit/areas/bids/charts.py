"""招投标 charts: each function takes a table of :mod:`toolkit.areas.bids.tables` (or the bidder graph of
:mod:`toolkit.areas.bids.network`) and returns a matplotlib Figure; a notebook shows it with ``plots.show``.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.areas.bids.network import groups_of
from toolkit.areas.bids.tables import CV_COL

__all__ = ["spread_chart", "network_chart", "never_won_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]
GREY = "#555555"


def spread_chart(spread: pd.DataFrame, cv_min: float) -> Figure:
    """CV per tender (:func:`~toolkit.areas.bids.tables.spread_table`), below ``cv_min`` in red, with the line;
    the plots.MAX_BARS lowest when there are more."""
    judged, note = plots.top_rows(spread[spread[CV_COL].notna()].sort_values(CV_COL, kind="stable"), word="个标段")
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
    ax.set_title(f"各标段投标报价离散度（变异系数 = 标准差 / 均值）{note}")
    ax.grid(False, axis="y")
    return fig


MAX_GROUPS = 9           # the network chart draws the largest groups only (3 × 3 cells)
MAX_EDGE_LABELS = 60     # beyond this many edges the shared fields are not written on the edges
MAX_NAME_LABELS = 200    # nor the bidders' names beyond this many bidders


def _group_positions(groups: list[set[str]], columns: int) -> dict[str, tuple[float, float]]:
    """Each connected group on a circle in its own cell of a grid (largest group first), so groups never overlap."""
    pos = {}
    for i, members in enumerate(groups):  # groups (a handful), not data rows
        cx, cy = i % columns, -(i // columns)
        names = sorted(members)
        angles = np.pi / 2 + 2 * np.pi * np.arange(len(names)) / len(names) + (np.pi / 2 if len(names) == 2 else 0)
        pos.update(zip(names, zip(cx + 0.3 * np.cos(angles), cy + 0.28 * np.sin(angles))))
    return pos


def network_chart(graph: nx.Graph, columns: int = 3, totals: tuple[int, int] | None = None) -> Figure:
    """The bidder graph: bidders as points (one cell per connected group, 团伙), an edge per shared
    phone/IP/MAC/account, its fields as the label. The MAX_GROUPS largest groups are drawn; labels on the
    edges (and names) only while they stay readable — the title says what was left out. ``totals``: the
    whole graph's (bidders, groups) when ``graph`` holds only the largest groups
    (:func:`~toolkit.areas.bids.network.largest_groups_graph`)."""
    all_groups = groups_of(graph)
    groups = all_groups[:MAX_GROUPS]
    bidders, group_count = totals or (sum(map(len, all_groups)), len(all_groups))
    drawn = set().union(*groups)
    nodes = [n for n in graph if n in drawn]   # the drawn groups' nodes, in the graph's order
    rows = max(1, -(-len(groups) // columns))
    fig = Figure(figsize=(4.4 * min(columns, max(len(groups), 1)), 3.2 * rows + 0.8))
    ax = fig.add_subplot()
    ax.set_axis_off()
    if not nodes:
        ax.text(0.5, 0.5, "未发现共用联系电话、IP、MAC或保证金账户的投标人", ha="center", va="center")
        return fig
    pos = _group_positions(groups, columns)
    edges = list(graph.edges(nodes, data="label"))   # edges of a group stay inside it
    ax.add_collection(LineCollection(_segments([pos[a] for a, _, _ in edges], [pos[b] for _, b, _ in edges]),
                                     colors=ORANGE, linewidths=2, zorder=1), autolim=False)   # limits set below
    if len(edges) <= MAX_EDGE_LABELS:
        for a, b, label in edges:  # a few dozen edges at most
            (xa, ya), (xb, yb) = pos[a], pos[b]
            ax.text((xa + xb) / 2, (ya + yb) / 2, label, fontsize=8, color=GREY, ha="center", va="center",
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.9, "pad": 1}, zorder=2)
    xy = np.array([pos[n] for n in nodes])
    ax.scatter(xy[:, 0], xy[:, 1], s=160 if len(xy) <= MAX_NAME_LABELS else 20, color=RED, zorder=3)
    if len(pos) <= MAX_NAME_LABELS:
        for name, (x, y) in pos.items():  # at most MAX_NAME_LABELS names
            above = y >= round(y)
            ax.text(x, y + (0.07 if above else -0.07), name, fontsize=8, ha="center",
                    va="bottom" if above else "top", zorder=4)
    for i in range(len(groups)):
        ax.text(i % columns - 0.48, -(i // columns) + 0.42, f"团伙{i + 1}", fontsize=10, fontweight="bold",
                color=RED, ha="left", va="top")
    ax.set_xlim(-0.55, min(columns, len(groups)) - 0.45)
    ax.set_ylim(-(rows - 1) - 0.5, 0.5)
    ax.set_title(f"投标人关联图：{bidders}家投标人、{group_count}个关联团伙（跨全部标段）"
                 + _network_note(len(groups), group_count, len(edges) > MAX_EDGE_LABELS))
    return fig


def _segments(starts: list[tuple[float, float]], ends: list[tuple[float, float]]) -> np.ndarray:
    """The segments start → end as one (n, 2, 2) array, which a LineCollection takes without a list per edge.

    >>> _segments([(0, 0)], [(1, 2)]).tolist()
    [[[0.0, 0.0], [1.0, 2.0]]]
    """
    return np.stack([np.asarray(starts, dtype=float).reshape(-1, 2), np.asarray(ends, dtype=float).reshape(-1, 2)],
                    axis=1)


def _network_note(shown: int, groups: int, unlabelled: bool) -> str:
    """What the network chart leaves out, for its title ('' when nothing).

    >>> _network_note(9, 39, True)
    '\\n图中为最大的 9 个团伙；连线太多，未标注共用信息'
    >>> _network_note(4, 4, False)
    ''
    """
    parts = ([f"图中为最大的 {shown} 个团伙"] if shown < groups else []) + (["连线太多，未标注共用信息"] if unlabelled else [])
    return "\n" + "；".join(parts) if parts else ""


def never_won_chart(losers: pd.DataFrame, min_tenders: int) -> Figure:
    """Tenders entered by each bidder that never won (:func:`~toolkit.areas.bids.tables.never_won`, most tenders
    first); the first plots.MAX_BARS when there are more."""
    losers, note = plots.top_rows(losers, word="家")
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
    ax.set_title(f"从未中标的投标人{note}")
    ax.grid(False, axis="y")
    return fig

"""惠民惠农补贴 charts: each function takes a table of :mod:`toolkit.areas.benefits.tables` and returns a
matplotlib Figure; a notebook shows it with ``plots.show(fig, name, out_dir)``.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.areas.benefits.tables import AMOUNT

__all__ = ["by_type_chart", "at_stake_chart"]


def by_type_chart(by_type: pd.DataFrame) -> Figure:
    """The amount paid per benefit type (:func:`~toolkit.areas.benefits.tables.by_type`)."""
    fig = Figure(figsize=(9, 0.45 * max(len(by_type), 4) + 1.2))
    plots.bar(fig.add_subplot(), by_type["补贴类型"], by_type[AMOUNT].to_numpy(), title="各类补贴发放金额",
              xlabel=AMOUNT, horizontal=True)
    return fig


def at_stake_chart(at_stake: pd.DataFrame) -> Figure:
    """The amount at stake per kind of problem (:func:`~toolkit.areas.benefits.tables.at_stake`)."""
    fig = Figure(figsize=(9, 3.6))
    ax = plots.bar(fig.add_subplot(), at_stake["问题"], at_stake[AMOUNT].to_numpy(), title="名单碰撞疑点涉及金额",
                   xlabel=AMOUNT, horizontal=True, fmt="{:,.2f}")
    for patch in ax.patches:
        patch.set_color(plots.PALETTE[3])
    return fig

"""津补贴 charts: each function takes a table of :mod:`toolkit.areas.allowances.tables` and returns a
matplotlib Figure; a notebook shows it with ``plots.show(fig, name, out_dir)``.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots
from toolkit.areas.allowances.common import folded
from toolkit.areas.allowances.tables import AMOUNT

__all__ = ["amount_by_unit_chart", "amount_by_item_chart"]


def amount_by_unit_chart(by_unit_item: pd.DataFrame, top: int = 15) -> Figure:
    """The amount paid per unit (the largest ``top``), from :func:`~toolkit.areas.allowances.tables.by_unit_item`."""
    totals = by_unit_item.groupby(folded(by_unit_item["单位"]).rename("_u"), sort=False).agg(
        单位=("单位", "first"), 金额=(AMOUNT, "sum")).set_index("单位")["金额"]
    totals = totals.sort_values(ascending=False).head(top)
    fig = Figure(figsize=(9, 0.45 * max(len(totals), 4) + 1.2))
    plots.bar(fig.add_subplot(), totals.index, totals.to_numpy(), title="各单位津补贴发放金额",
              xlabel=AMOUNT, horizontal=True)
    return fig


def amount_by_item_chart(by_unit_item: pd.DataFrame) -> Figure:
    """The amount paid per item; items outside the catalog in vermillion. At most plots.MAX_BARS items: those
    outside the catalog first, then the largest."""
    totals = by_unit_item.groupby(folded(by_unit_item["项目"]).rename("_i"), sort=False).agg(
        项目=("项目", "first"), 金额=(AMOUNT, "sum"), 在清单内=("在清单内", "first")).set_index("项目")
    totals = totals.sort_values("金额", ascending=False)
    totals, note = plots.top_rows(totals, (totals["在清单内"] == "否").astype(int), word="项")
    fig = Figure(figsize=(9, 0.45 * max(len(totals), 4) + 1.2))
    ax = plots.bar(fig.add_subplot(), totals.index, totals["金额"].to_numpy(), title=f"各项目津补贴发放金额（红色为清单外项目）{note}",
                   xlabel=AMOUNT, horizontal=True)
    outside = (totals["在清单内"] == "否").to_numpy()
    for patch, red in zip(ax.patches, outside):
        if red:
            patch.set_color(plots.PALETTE[3])
    return fig

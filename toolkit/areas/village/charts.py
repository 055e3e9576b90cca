"""村级三资 charts: each takes a table of :mod:`toolkit.areas.village.tables` and returns a Figure;
a notebook shows it with ``plots.show(fig, name, out_dir)``."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from toolkit import plots

__all__ = ["monthly_chart", "shares_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]


def monthly_chart(totals: pd.DataFrame) -> Figure:
    """收入 and 支出 of all villages per month (:func:`~toolkit.areas.village.tables.monthly_totals`), 万元."""
    fig = Figure(figsize=(10, 4.5))
    ax = fig.add_subplot()
    x = np.arange(len(totals))
    ax.bar(x - 0.2, totals["收入（元）"] / 10000, width=0.4, color=BLUE, label="收入")
    ax.bar(x + 0.2, totals["支出（元）"] / 10000, width=0.4, color=ORANGE, label="支出")
    ax.set_xticks(x, totals.index, rotation=45)
    ax.set_ylabel("金额（万元）")
    ax.set_title("各月村级收入与支出（全部村合计）")
    ax.legend()
    return fig


def shares_chart(shares: pd.DataFrame) -> Figure:
    """白条 and cash share of expense per village (:func:`~toolkit.areas.village.tables.village_shares`);
    the plots.MAX_BARS villages with the largest 白条 or cash share when there are more."""
    shares, note = plots.top_rows(shares, shares[["白条占比", "现金占比"]].fillna(0).max(axis=1), word="村")
    fig = Figure(figsize=(10, max(3.5, 0.4 * len(shares) + 1.5)))
    ax = fig.add_subplot()
    y = np.arange(len(shares))
    ax.barh(y - 0.2, shares["白条占比"].fillna(0) * 100, height=0.4, color=RED, label="白条占支出比例")
    ax.barh(y + 0.2, shares["现金占比"].fillna(0) * 100, height=0.4, color=BLUE, label="现金支出占比")
    ax.set_yticks(y, shares["村"])
    ax.invert_yaxis()
    ax.set_xlabel("占本村支出（%）")
    ax.set_title(f"各村白条入账与现金支出占比{note}")
    ax.legend(loc="lower right")
    ax.grid(False, axis="y")
    return fig

"""财园信贷通 charts: each function takes a table of :mod:`toolkit.areas.loans.tables` and returns a Figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from toolkit import plots
from toolkit.areas.loans.tables import AMOUNT_COL

__all__ = ["entity_chart", "renewal_chart", "flags_chart"]

BLUE, ORANGE, RED = plots.PALETTE[0], plots.PALETTE[1], plots.PALETTE[3]


def entity_chart(entity: pd.DataFrame) -> Figure:
    """笔数 and 万元 by 实体 / 非实体 / 未填报 (:func:`~toolkit.areas.loans.tables.by_entity`, 合计 left out)."""
    table = entity.drop(index="合计")
    fig = Figure(figsize=(11, 4.5))
    count_ax, amount_ax = fig.subplots(1, 2)
    plots.bar(count_ax, table.index, table["笔数"], title="贷款笔数", ylabel="笔数（笔）")
    plots.bar(amount_ax, table.index, table[AMOUNT_COL], title="贷款金额", ylabel=AMOUNT_COL, fmt="{:,.0f}")
    count_ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for ax in (count_ax, amount_ax):
        ax.patches[1].set_color(RED)        # 非实体企业
    fig.suptitle("财园信贷通贷款：实体企业与非实体企业")
    return fig


def renewal_chart(renewals: pd.DataFrame) -> Figure:
    """Previous and current amount of each renewal (:func:`~toolkit.areas.loans.tables.renewals`); 未压降 in red.
    At most plots.MAX_BARS renewals, those 未压降 first."""
    renewals, note = plots.top_rows(renewals, renewals["未压降"].astype(int), word="笔")
    fig = Figure(figsize=(10, max(3.0, 0.4 * len(renewals) + 1.5)))
    ax = fig.add_subplot()
    labels = [f"{c}（{i}）" for c, i in zip(renewals["企业"], renewals["编号"])]
    y = np.arange(len(renewals))
    ax.barh(y - 0.2, renewals["上次金额（万元）"].fillna(0), height=0.4, color="#BBBBBB", label="上次金额")
    ax.barh(y + 0.2, renewals["本次金额（万元）"], height=0.4,
            color=np.where(renewals["未压降"], RED, BLUE), label="本次金额")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.legend(handles=[Patch(color="#BBBBBB", label="上次金额"), Patch(color=BLUE, label="本次金额"),
                       Patch(color=RED, label="本次金额（非实体企业未压降）")], loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_xlabel(AMOUNT_COL)
    ax.set_title(f"续贷金额与上次金额对比{note}")
    ax.grid(False, axis="y")
    return fig


def flags_chart(flags: pd.DataFrame, columns: list[str]) -> Figure:
    """Loans per risk flag (:func:`~toolkit.areas.loans.tables.risk_flags`; ``columns`` its flag columns)."""
    fig = Figure(figsize=(8, 4))
    ax = fig.add_subplot()
    plots.bar(ax, columns, [int(flags[c].sum()) for c in columns], title="各类疑点涉及贷款笔数", ylabel="笔数（笔）")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    return fig

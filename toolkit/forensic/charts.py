"""90_forensic's charts: each ``*_chart`` returns a new matplotlib Figure (no pyplot state).

Call ``plots.use_house_style()`` first so that Chinese renders; the notebook shows a chart
with ``plots.show(fig, name, out_dir)``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from toolkit.forensic.digits import Z_CRITICAL, BenfordResult
from toolkit.plots import PALETTE

BLUE, RED, GREEN = PALETTE[0], PALETTE[3], PALETTE[2]
def _percent() -> PercentFormatter:
    """Proportions as percentages, with as many decimals as the axis needs (0.5%, 1%, 1.5% …)."""
    return PercentFormatter(xmax=1.0)


def digit_chart(result: BenfordResult, label: str) -> Figure:
    """Observed against expected proportions of one digit test; digits with |z| > 1.96 in red."""
    table = result.table
    wide = len(table) > 20
    fig = Figure(figsize=(12 if wide else 9, 4.5))
    ax = fig.add_subplot()
    positions = np.arange(len(table))
    ax.bar(positions, table["observed"].fillna(0), width=0.7,
           color=np.where(table["significant"], RED, BLUE))
    (line,) = ax.plot(positions, table["expected"], color="#000000", marker="" if wide else "o", linewidth=1.5)
    step = 10 if wide else 1
    ax.set_xticks(positions[::step], [str(d).zfill(2 if result.name == "last_two" else 1)
                                      for d in table["digit"].iloc[::step]])
    ax.yaxis.set_major_formatter(_percent())
    ax.grid(False, axis="x")
    verdict = (f"n={result.n}，样本量不足，未做检验" if result.too_small
               else f"n={result.n}，MAD={result.mad:.4f}，{result.conformity_zh}")
    expected = "期望占比（均匀分布）" if result.name == "last_two" else "期望占比（本福特定律）"
    ax.set_title(f"{label}：{result.test_zh}分布（{verdict}）")
    ax.set_xlabel(result.test_zh)
    ax.set_ylabel("占比")
    ax.legend([Patch(color=BLUE), Patch(color=RED), line],
              ["实际占比", f"实际占比（|z|>{Z_CRITICAL}，显著偏离）", expected])
    return fig


def summation_chart(table: pd.DataFrame, label: str) -> Figure:
    """The summation test: each first-two-digit pair's share of the total against the equal share 1/90."""
    ordered = table.sort_values("digit")
    fig = Figure(figsize=(12, 4.5))
    ax = fig.add_subplot()
    ax.bar(ordered["digit"].astype(str), ordered["share"].fillna(0), width=0.7, color=BLUE, label="金额占比")
    ax.axhline(1 / 90, color=RED, linewidth=1.5, label="期望占比（1/90）")
    ax.set_xticks(np.arange(0, 90, 10), [str(d) for d in range(10, 100, 10)])
    ax.yaxis.set_major_formatter(_percent())
    ax.grid(False, axis="x")
    ax.set_title(f"{label}：求和检验（按前两位数字汇总金额）")
    ax.set_xlabel("前两位数字")
    ax.set_ylabel("占全部金额的比例")
    ax.legend()
    return fig


def shares_chart(table: pd.DataFrame, label_column: str, title: str) -> Figure:
    """Shares of the count and of the amount per band or bucket (a stratify or age table)."""
    fig = Figure(figsize=(10, 4.5))
    ax = fig.add_subplot()
    labels = table[label_column].astype(str).tolist()
    positions = np.arange(len(labels))
    has_amount = "金额占比" in table
    width = 0.38 if has_amount else 0.6
    ax.bar(positions - (width / 2 if has_amount else 0), table["笔数占比"].fillna(0), width=width, color=BLUE,
           label="笔数占比")
    if has_amount:
        ax.bar(positions + width / 2, table["金额占比"].fillna(0), width=width, color=GREEN, label="金额占比")
    ax.set_xticks(positions, labels, rotation=20 if len(labels) > 6 else 0)
    ax.yaxis.set_major_formatter(_percent())
    ax.grid(False, axis="x")
    ax.set_title(title)
    ax.set_xlabel(label_column)
    ax.set_ylabel("占比")
    ax.legend()
    return fig

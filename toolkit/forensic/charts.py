"""90_forensic's charts: each ``*_chart`` returns a new matplotlib Figure (no pyplot state).

Every chart puts all datasets of the round in one figure (one row per dataset): a figure costs the
same time to draw whether it holds one dataset or eight, and one figure per test and dataset made the
notebook slow on a large round. Call ``plots.use_house_style()`` first so that Chinese renders; the
notebook shows a chart with ``plots.show(fig, name, out_dir)``.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from toolkit.forensic.digits import TEST_ZH, TESTS, Z_CRITICAL, BenfordResult
from toolkit.plots import PALETTE

#: a shares chart's bands / buckets, lightest to darkest; grey for 金额缺失 / 日期缺失, orange for 晚于截止日
_SEQUENCE = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B", "#041F45")
_EXTRA = {"金额缺失": "#BDBDBD", "日期缺失": "#BDBDBD", "晚于截止日": PALETTE[1]}


def _percent(decimals: int | None = None) -> PercentFormatter:
    """Proportions as percentages, with as many decimals as the axis needs (0.5%, 1%, 1.5% …)."""
    return PercentFormatter(xmax=1.0, decimals=decimals)


def _heatmap(ax: Axes, deviation: pd.DataFrame, significant: pd.DataFrame | None, title: str) -> None:
    """Datasets (rows) × digits (columns): actual − expected share, red above and blue below expectation;
    a black dot on each digit with |z| > 1.96."""
    values = deviation.to_numpy(dtype="float64")
    scale = max(float(np.abs(np.nan_to_num(values)).max(initial=0.0)), 1e-4)
    ax.imshow(values, aspect="auto", cmap="RdBu_r", vmin=-scale, vmax=scale, interpolation="nearest")
    if significant is not None:
        rows, cols = np.nonzero(significant.to_numpy(dtype=bool))
        ax.scatter(cols, rows, s=7, color="#000000", marker="o", linewidths=0)
    digits = [str(d) for d in deviation.columns]
    step = 10 if len(digits) > 20 else 1
    ax.set_xticks(np.arange(len(digits))[::step], digits[::step])
    ax.set_yticks(np.arange(len(deviation)), list(deviation.index))
    ax.grid(False)
    ax.set_title(f"{title}（颜色最深处 ±{scale:.1%}）", loc="left")   # no colour bar: it costs as much as the panel


def _row_label(label: str, result: BenfordResult) -> str:
    """The dataset with its conformity (the last two digits have no bounds: only 样本量不足 is said)."""
    verdict = "样本量不足" if result.too_small else result.conformity_zh
    return f"{label}（{verdict}）" if result.name != "last_two" or result.too_small else label


def digit_chart(results: Mapping[str, Mapping[str, BenfordResult]], summations: Mapping[str, pd.DataFrame]) -> Figure:
    """Every digit test of every dataset (``results``: label → test → result; ``summations``: label →
    summation table): one heatmap per test, a row per dataset (its conformity in brackets), a column per digit."""
    labels = list(results)
    panel = 0.3 * len(labels) + 1.0
    fig = Figure(figsize=(13, 5 * panel + 0.6))
    axes = fig.subplots(5, 1)
    for ax, test in zip(axes, TESTS):
        tables = {_row_label(label, results[label][test]): results[label][test].table for label in labels}
        digits = next(iter(tables.values()))["digit"].to_numpy()
        names = [f"{d:02d}" for d in digits] if test == "last_two" else [str(d) for d in digits]
        deviation = pd.DataFrame([(t["observed"] - t["expected"]).to_numpy() for t in tables.values()],
                                 index=list(tables), columns=names)
        significant = pd.DataFrame([t["significant"].to_numpy() for t in tables.values()], index=list(tables),
                                   columns=names)
        expected = "均匀分布" if test == "last_two" else "本福特定律"
        _heatmap(ax, deviation, significant,
                 f"{TEST_ZH[test]}：实际占比 − 期望占比（{expected}），黑点为 |z|>{Z_CRITICAL}")
    shares = pd.DataFrame([t.sort_values("digit")["share"].fillna(0).to_numpy() - 1 / 90 for t in summations.values()],
                          index=list(summations), columns=[str(d) for d in range(10, 100)])
    _heatmap(axes[4], shares, None, "求和检验：按前两位数字汇总的金额占比 − 1/90")
    fig.suptitle("数字分析：各数据集的实际分布与期望分布之差（红：多于期望；蓝：少于期望）")
    return fig


def _stacked(ax: Axes, shares: pd.DataFrame, title: str) -> None:
    """One horizontal bar per dataset (row), split by band (column) in the band's colour."""
    left = np.zeros(len(shares))
    rows = np.arange(len(shares))
    normal = [c for c in shares.columns if c not in _EXTRA]
    colours = dict(zip(normal, _SEQUENCE[-len(normal):] if len(normal) <= len(_SEQUENCE) else
                       [_SEQUENCE[i % len(_SEQUENCE)] for i in range(len(normal))]))
    for column in shares.columns:
        width = shares[column].fillna(0).to_numpy(dtype="float64")
        ax.barh(rows, width, left=left, height=0.7, color=colours.get(column, _EXTRA.get(column)), label=column)
        left += width
    ax.set_yticks(rows, list(shares.index))
    ax.set_ylim(len(shares) - 0.5, -0.5)      # the first dataset on top
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(_percent(0))
    ax.grid(False, axis="y")
    ax.set_title(title, loc="left")


def shares_chart(tables: Mapping[str, pd.DataFrame], label_column: str, title: str) -> Figure:
    """Shares of the count (and of the amount) per band or bucket of every dataset (``tables``: label →
    a stratify or age table): a 100 % bar per dataset and measure, the bands left to right."""
    order = list(dict.fromkeys(v for t in tables.values() for v in t[label_column].astype(str)))
    measures = ["笔数占比"] + (["金额占比"] if all("金额占比" in t for t in tables.values()) else [])
    fig = Figure(figsize=(13, 0.4 * len(tables) + 1.8))
    axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
    for ax, measure in zip(axes, measures):
        shares = pd.DataFrame({label: t.set_index(t[label_column].astype(str))[measure] for label, t in tables.items()})
        _stacked(ax, shares.reindex(order).T, measure)
    handles, names = axes[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncols=min(len(names), 5))
    fig.suptitle(title)
    return fig

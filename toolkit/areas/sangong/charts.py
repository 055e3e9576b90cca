"""The notebook's charts: each ``*_chart`` function returns a new matplotlib Figure (no pyplot state).

The ``draw_*`` functions draw on the axes they are given (Chinese titles, units on
the axes); the notebook shows a chart with ``plots.show(fig, name, out_dir)``.
Call ``plots.use_house_style()`` first so that Chinese renders.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from toolkit.areas.sangong.reception import hosts_allowed, hosts_over_limit_mask
from toolkit.areas.sangong.tables import per_capita_distribution
from toolkit.checks.benford import Z_CRITICAL, BenfordResult
from toolkit.config import Thresholds
from toolkit.formatting import number
from toolkit.plots import MAX_BARS, PALETTE, top_rows

BLUE, RED, GREEN = PALETTE[0], PALETTE[3], PALETTE[2]
INK = "#333333"
def draw_stacked(ax: Axes, table: pd.DataFrame, *, title: str, xlabel: str, ylabel: str,
                 horizontal: bool = False) -> Axes:
    """Stacked bars of a table's columns (one colour per column) with a legend."""
    base = np.zeros(len(table))
    labels = [str(i) for i in table.index]
    for i, column in enumerate(table.columns):
        values = table[column].to_numpy(dtype="float64")
        colour = PALETTE[i % len(PALETTE)]
        if horizontal:
            ax.barh(labels, values, left=base, height=0.6, color=colour, label=str(column))
        else:
            ax.bar(labels, values, bottom=base, width=0.7, color=colour, label=str(column))
        base = base + values
    if horizontal:
        ax.invert_yaxis()
        ax.grid(False, axis="y")
    else:
        ax.grid(False, axis="x")
        if len(labels) > 8:
            ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(loc="best")
    return ax


def draw_budget(ax: Axes, by_unit: pd.DataFrame, note: str = "") -> Axes:
    """Budget vs final accounts per unit (万元), execution rate printed above each pair; over-budget in red."""
    x = np.arange(len(by_unit))
    budget = by_unit["预算（万元）"].to_numpy(dtype="float64")
    actual = by_unit["决算（万元）"].fillna(0).to_numpy(dtype="float64")
    ax.bar(x - 0.2, budget, width=0.4, color=BLUE, label="预算")
    ax.bar(x + 0.2, actual, width=0.4, color=np.where(actual > budget, RED, GREEN), label="决算（红色为超预算）")
    for xi, b, a, r in zip(x, budget, actual, by_unit["执行率"]):
        if pd.notna(r):
            ax.text(xi, max(a, b), f"{r:.0%}", ha="center", va="bottom", fontsize="x-small")
    ax.set_xticks(x, [str(u) for u in by_unit.index], rotation=45, ha="right")
    ax.grid(False, axis="x")
    ax.set_title(f"各单位三公经费预算与决算（万元，标注为执行率）{note}")
    ax.set_xlabel("单位")
    ax.set_ylabel("金额（万元）")
    ax.legend()
    return ax


def draw_per_capita(ax: Axes, distribution: pd.DataFrame, limit: float) -> Axes:
    """Receptions per per-capita band; bands above the standard in red."""
    bars = ax.bar(distribution["人均区间（元）"], distribution["批次"],
                  color=np.where(distribution["超标准"], RED, BLUE), width=0.8)
    ax.bar_label(bars, labels=[f"{n:,}" if n else "" for n in distribution["批次"]], padding=2, fontsize="small")
    ax.grid(False, axis="x")
    ax.tick_params(axis="x", labelrotation=45)
    ax.set_title(f"公务接待人均费用分布（标准{number(limit, fixed=True)}元/人，红色为超标准）")
    ax.set_xlabel("人均费用（元/人）")
    ax.set_ylabel("接待批次（批）")
    return ax


def draw_hosts_guests(ax: Axes, reception: pd.DataFrame) -> Axes:
    """Hosts against guests, dot size = receptions, with the 陪餐 limit line (3 up to 10 guests, then a third)."""
    pairs = reception.groupby([reception["guests"].astype("int64"), reception["hosts"].astype("int64")]).size()
    guests = pairs.index.get_level_values(0).to_numpy(dtype="float64")
    hosts = pairs.index.get_level_values(1).to_numpy(dtype="float64")
    over = hosts_over_limit_mask(pd.Series(guests), pd.Series(hosts)).to_numpy()
    sizes = 15 + 30 * np.sqrt(pairs.to_numpy())
    ax.scatter(guests[~over], hosts[~over], s=sizes[~over], color=BLUE, alpha=0.6, label="未超标")
    ax.scatter(guests[over], hosts[over], s=sizes[over], color=RED, alpha=0.9, label="陪餐超标")
    top = max(12.0, float(guests.max()) + 1 if len(guests) else 12.0)
    line_x = np.arange(1, top + 1)
    ax.step(line_x, hosts_allowed(line_x), where="post", color=INK, linewidth=1.2, linestyle="--", label="陪餐上限")
    ax.set_title("接待对象人数与陪餐人数（点越大批次越多）")
    ax.set_xlabel("接待对象人数（人）")
    ax.set_ylabel("陪餐人数（人）")
    legend = ax.legend(loc="upper left")
    for handle in legend.legend_handles:
        if hasattr(handle, "set_sizes"):
            handle.set_sizes([40])
    return ax


def draw_heatmap(ax: Axes, table: pd.DataFrame, thresholds: Thresholds) -> Axes:
    """Weekday × hour heat map of trips with the count in each non-empty cell; night hours outlined."""
    data = table.to_numpy(dtype="float64")
    image = ax.imshow(data, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(24), [str(h) for h in range(24)])
    ax.set_yticks(range(len(table.index)), list(table.index))
    ax.grid(False)
    top = data.max() if data.size else 0
    for (i, j), value in np.ndenumerate(data):
        if value:
            ax.text(j, i, f"{int(value)}", ha="center", va="center", fontsize=7,
                    color="white" if value > top * 0.6 else INK)
    start, end = thresholds.vehicle_night_start, thresholds.vehicle_night_end
    for edge in (end - 0.5, start - 0.5):
        if 0 < edge < 23.5:
            ax.axvline(edge, color=RED, linewidth=1.2, linestyle="--")
    ax.set_title(f"公务用车出车时间分布（星期×出发时刻，虚线外为夜间{start}时至次日{end}时）")
    ax.set_xlabel("出发时刻（时）")
    ax.set_ylabel("星期")
    ax.figure.colorbar(image, ax=ax, label="出车次数（次）", shrink=0.85)
    return ax


def _fuel_rows(consumption: pd.DataFrame, top: int) -> pd.DataFrame:
    """The plate-months to draw: the ``top`` highest L/100km (no km counts as highest), every anomaly kept."""
    table = consumption.assign(_sort=consumption["l_per_100km"].fillna(np.inf))
    table = pd.concat([table[table["anomaly"]], table[~table["anomaly"]]]).drop_duplicates("record_id")
    return table.sort_values("_sort", ascending=False).head(max(top, int(consumption["anomaly"].sum())))


def draw_fuel(ax: Axes, consumption: pd.DataFrame, thresholds: Thresholds, top: int = 30) -> Axes:
    """L/100km per plate-month (highest ``top``, anomalies shown up to plots.MAX_BARS bars), the limit dashed.

    Months with fuel but no trip km have no ratio: drawn as a red bar at the axis top labelled 无里程.
    """
    limit = thresholds.fuel_l_per_100km_max
    table, note = top_rows(_fuel_rows(consumption, top))
    values = table["l_per_100km"].to_numpy(dtype="float64")
    finite = values[np.isfinite(values)]
    ceiling = max(float(finite.max()) if finite.size else 0.0, limit) * 1.15
    heights = np.where(np.isfinite(values), values, ceiling)
    bars = ax.barh(table["record_id"], heights, color=np.where(table["anomaly"], RED, BLUE), height=0.7)
    ax.bar_label(bars, labels=["无里程" if not np.isfinite(v) else f"{v:.1f}" for v in values], padding=2,
                 fontsize="x-small")
    ax.axvline(limit, color=INK, linestyle="--", linewidth=1.2, label=f"阈值 {number(limit, fixed=True)} 升/百公里")
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    ax.set_title(f"车辆月度百公里油耗（红色为异常：超阈值或有油耗无里程）{note}")
    ax.set_xlabel("百公里油耗（升/百公里）")
    ax.set_ylabel("车牌@月份")
    ax.legend(loc="lower right")
    return ax


def draw_overseas(ax: Axes, days: pd.DataFrame, note: str = "") -> Axes:
    """Days abroad per trip against its limit (black tick); trips over the limit in red."""
    table = days.sort_values(["over", "days"], ascending=[False, False])
    labels = [f"{i}（{c}）" for i, c in zip(table["id"], table["countries"])]
    ax.barh(labels, table["days"].astype("float64"), height=0.6, color=np.where(table["over"], RED, BLUE),
            label="在外天数（红色为超期）")
    # at the bars' numeric positions: a scatter on the category labels costs as much again as the bars
    ax.scatter(table["limit"].astype("float64"), np.arange(len(labels)), marker="|", s=300, color="#000000",
               label="规定天数", zorder=3)
    ax.invert_yaxis()
    ax.grid(False, axis="y")
    # the note on a line of its own: after this long title it ran past the figure's edges (cut, then drawn again)
    ax.set_title("因公出国（境）在外天数与规定天数（1国5天、2国8天、3国及以上10天）" + (f"\n{note}" if note else ""))
    ax.set_xlabel("天数（天）")
    ax.set_ylabel("批次（编号与国家地区）")
    ax.legend(loc="lower right")
    return ax


def draw_benford(ax: Axes, result: BenfordResult, label: str) -> Axes:
    """Observed vs expected first-digit proportions (%), digits with |z| > 1.96 in red, MAD class in the title."""
    table = result.table
    digits = table["digit"].astype(str).tolist()
    observed = (table["observed"].fillna(0) * 100).to_numpy()
    ax.bar(digits, observed, width=0.6, color=np.where(table["significant"], RED, BLUE))
    (line,) = ax.plot(digits, table["expected"] * 100, color="#000000", marker="o", linewidth=1.5)
    significant = f"实际占比（|z|>{Z_CRITICAL}，显著偏离）"
    handles = [Patch(color=BLUE), Patch(color=RED), line]
    ax.grid(False, axis="x")
    if result.too_small:
        verdict = f"n={result.n}，样本量不足，未做检验"
    else:
        verdict = f"n={result.n}，MAD={result.mad:.4f}，{result.conformity_zh}"
    ax.set_title(f"{label}{result.test_zh}分布（{verdict}）")
    ax.set_xlabel(result.test_zh)
    ax.set_ylabel("占比（%）")
    ax.legend(handles, ["实际占比", significant, "本福特定律期望占比"])
    return ax


def draw_benford_overview(ax: Axes, results: Mapping[str, BenfordResult], labels: Mapping[str, str]) -> Axes:
    """Observed − expected first-digit share (percentage points) per column (rows) and digit, one heat map;
    digits with |z| > 1.96 marked *, each row's n and MAD in its label."""
    names = list(results)
    gaps = np.array([(results[n].table["observed"].fillna(0) - results[n].table["expected"]).to_numpy() * 100
                     for n in names], dtype="float64").reshape(len(names), -1)
    top = float(np.abs(gaps).max()) if gaps.size else 0.0
    ax.imshow(gaps, aspect="auto", cmap="RdBu_r", vmin=-max(top, 1.0), vmax=max(top, 1.0))
    digits = results[names[0]].table["digit"].astype(str).tolist() if names else []
    ax.set_xticks(range(len(digits)), digits)
    ax.set_yticks(range(len(names)), [f"{labels[n]}（n={results[n].n:,}，MAD={results[n].mad:.4f}）" for n in names])
    ax.grid(False)
    for (i, j), value in np.ndenumerate(gaps):
        star = "*" if results[names[i]].table["significant"].iloc[j] else ""
        ax.text(j, i, f"{value:+.1f}{star}", ha="center", va="center", fontsize=8,
                color="white" if abs(value) > top * 0.6 else INK)
    ax.set_title(f"各金额列首位数字实际占比与本福特期望之差（百分点，*为|z|>{Z_CRITICAL}显著偏离）")
    ax.set_xlabel("首位数字（红色为多于期望，蓝色为少于期望）")
    return ax


# ---- whole figures ------------------------------------------------------------------------------------

def spending_by_unit_chart(by_unit: pd.DataFrame) -> Figure:
    """spending_by_unit (without 合计) as horizontal stacked bars; the plots.MAX_BARS largest units when there are more."""
    by_unit, note = top_rows(by_unit, by_unit["合计"])
    fig = Figure(figsize=(10, max(4, 0.4 * len(by_unit) + 1.5)))
    draw_stacked(fig.add_subplot(), by_unit.drop(columns="合计"), title=f"各单位三公经费明细支出（万元）{note}",
                 xlabel="金额（万元）", ylabel="单位", horizontal=True)
    return fig


def spending_by_month_chart(by_month: pd.DataFrame) -> Figure:
    """spending_by_month as stacked bars per month."""
    fig = Figure(figsize=(11, 4.5))
    draw_stacked(fig.add_subplot(), by_month, title="三公经费明细支出月度分布（万元）", xlabel="月份", ylabel="金额（万元）")
    return fig


def budget_chart(by_unit: pd.DataFrame) -> Figure:
    """budget_by_unit: budget against final accounts per unit; the plots.MAX_BARS largest budgets when there are more."""
    by_unit, note = top_rows(by_unit, by_unit[["预算（万元）", "决算（万元）"]].max(axis=1))
    fig = Figure(figsize=(11, 5))
    draw_budget(fig.add_subplot(), by_unit, note)
    return fig


def reception_chart(reception: pd.DataFrame, thresholds: Thresholds) -> Figure:
    """Per-capita distribution (left) and hosts against guests (right)."""
    fig = Figure(figsize=(13, 4.8))
    left, right = fig.subplots(1, 2)
    draw_per_capita(left, per_capita_distribution(reception, thresholds), thresholds.reception_per_capita_max)
    draw_hosts_guests(right, reception)
    return fig


def heatmap_chart(table: pd.DataFrame, thresholds: Thresholds) -> Figure:
    """vehicle_weekday_hour as a heat map with the night hours marked."""
    fig = Figure(figsize=(13, 4.6))
    draw_heatmap(fig.add_subplot(), table, thresholds)
    return fig


def fuel_chart(consumption: pd.DataFrame, thresholds: Thresholds, top: int = 30) -> Figure:
    """fuel_consumption's L/100km per plate-month against the limit (at most plots.MAX_BARS bars)."""
    bars = min(len(_fuel_rows(consumption, top)), MAX_BARS)
    fig = Figure(figsize=(10, max(4.5, 0.28 * bars + 1.5)))
    draw_fuel(fig.add_subplot(), consumption, thresholds, top)
    return fig


def overseas_chart(days: pd.DataFrame) -> Figure:
    """overseas_days: days abroad against the days allowed; over-limit and longest trips first, at most plots.MAX_BARS."""
    table = days.sort_values(["over", "days"], ascending=[False, False], kind="stable")
    table, note = top_rows(table, word="批")
    fig = Figure(figsize=(10, max(4, 0.35 * len(table) + 1.5)))
    draw_overseas(fig.add_subplot(), table, note)
    return fig


def benford_chart(result: BenfordResult, label: str) -> Figure:
    """One money column's first-digit distribution against Benford's law."""
    fig = Figure(figsize=(9, 4.5))
    draw_benford(fig.add_subplot(), result, label)
    return fig


def benford_overview_chart(results: Mapping[str, BenfordResult], labels: Mapping[str, str]) -> Figure:
    """Every tested column's first-digit deviation in one heat map (a round with many tested columns)."""
    fig = Figure(figsize=(11, max(3.5, 0.45 * len(results) + 1.8)))
    draw_benford_overview(fig.add_subplot(), results, labels)
    return fig

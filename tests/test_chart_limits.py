"""Charts of a big round draw at most a fixed number of bars (the largest) and say so in the title."""

import numpy as np
import pandas as pd

import toolkit.plots as plots
from toolkit.areas.sangong import charts


def by_unit(n):
    units = [f"单位{i:03d}" for i in range(n)]
    spend = np.arange(n, 0, -1, dtype="float64")
    return pd.DataFrame({"接待": spend, "加油": spend, "合计": 2 * spend}, index=pd.Index(units, name="单位"))


def trips(n):
    return pd.DataFrame({"id": [f"CG{i:04d}" for i in range(n)], "countries": "法国", "days": np.arange(n) % 9 + 1,
                         "limit": 5, "over": (np.arange(n) % 9 + 1) > 5})


def bars_and_title(fig):
    ax = fig.axes[0]
    return len(ax.patches), ax.get_title()


def test_units_beyond_the_limit_are_cut_to_the_largest_and_counted_in_the_title():
    plots.use_house_style()
    count, title = bars_and_title(charts.spending_by_unit_chart(by_unit(plots.MAX_BARS + 1)))
    assert count == 2 * plots.MAX_BARS and title.endswith(f"（前 {plots.MAX_BARS} 个，共 {plots.MAX_BARS + 1} 个）")
    labels = [t.get_text() for t in charts.spending_by_unit_chart(by_unit(plots.MAX_BARS + 1)).axes[0].get_yticklabels()]
    assert f"单位{plots.MAX_BARS:03d}" not in labels and "单位000" in labels


def test_units_at_the_limit_are_all_drawn_without_a_note():
    count, title = bars_and_title(charts.spending_by_unit_chart(by_unit(plots.MAX_BARS)))
    assert count == 2 * plots.MAX_BARS and title == "各单位三公经费明细支出（万元）"


def test_budget_chart_keeps_the_largest_budgets():
    table = pd.DataFrame({"预算（万元）": np.arange(plots.MAX_BARS + 5, 0, -1, dtype="float64"),
                          "决算（万元）": 1.0, "执行率": 0.5},
                         index=[f"单位{i:03d}" for i in range(plots.MAX_BARS + 5)])
    count, title = bars_and_title(charts.budget_chart(table))
    assert count == 2 * plots.MAX_BARS and "共 65 个" in title
    assert bars_and_title(charts.budget_chart(table.head(3)))[1] == "各单位三公经费预算与决算（万元，标注为执行率）"


def test_overseas_chart_keeps_trips_over_the_limit_first():
    fig = charts.overseas_chart(trips(200))
    ax = fig.axes[0]
    drawn = [t.get_text() for t in ax.get_yticklabels()]
    assert len(drawn) == plots.MAX_BARS and "共 200 批" in ax.get_title()
    over = trips(200).query("over")
    assert len(over) >= plots.MAX_BARS and all(label.split("（")[0] in set(over["id"]) for label in drawn)
    assert len(charts.overseas_chart(trips(plots.MAX_BARS)).axes[0].get_yticklabels()) == plots.MAX_BARS


def test_top_rows_keeps_the_largest_in_the_tables_order_and_nothing_at_the_limit():
    frame = pd.DataFrame({"v": [3.0, 9, 1, 7]}, index=list("abcd"))
    kept, note = plots.top_rows(frame, frame["v"], limit=2, word="村")
    assert list(kept.index) == ["b", "d"] and note == "（前 2 村，共 4 村）"
    assert plots.top_rows(frame, frame["v"], limit=4) == (frame, "")


def test_village_shares_chart_cut_to_the_largest_shares():
    from toolkit.areas.village import charts as village_charts

    n = plots.MAX_BARS + 3
    shares = pd.DataFrame({"村": [f"村{i:03d}" for i in range(n)], "白条占比": np.linspace(0.9, 0.0, n),
                           "现金占比": 0.0})
    ax = village_charts.shares_chart(shares).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == plots.MAX_BARS and labels[0] == "村000" and f"共 {n} 村" in ax.get_title()


def test_bids_charts_cut_tenders_losers_and_groups():
    from toolkit.areas.bids import charts as bid_charts
    import networkx as nx

    n = plots.MAX_BARS + 1
    spread = pd.DataFrame({"标段编号": [f"T{i:03d}" for i in range(n)], bid_charts.CV_COL: np.linspace(0.01, 0.5, n),
                           "低于阈值": [True] + [False] * (n - 1)})
    ax = bid_charts.spread_chart(spread, 0.03).axes[0]
    assert len(ax.patches) == plots.MAX_BARS and f"共 {n} 个标段" in ax.get_title()
    losers = pd.DataFrame({"投标人": [f"公司{i}" for i in range(n)], "参与标段数": np.arange(n, 0, -1),
                           "陪标专业户": True})
    assert len(bid_charts.never_won_chart(losers, 5).axes[0].patches) == plots.MAX_BARS
    graph = nx.Graph([(f"甲{i}", f"乙{i}", {"label": "联系电话"}) for i in range(bid_charts.MAX_GROUPS + 1)])
    title = bid_charts.network_chart(graph).axes[0].get_title()
    assert f"图中为最大的 {bid_charts.MAX_GROUPS} 个团伙" in title and f"{bid_charts.MAX_GROUPS + 1}个关联团伙" in title
    small = nx.Graph([("甲", "乙", {"label": "联系电话"})])
    assert "图中" not in bid_charts.network_chart(small).axes[0].get_title()


def test_show_draws_once_saves_the_png_it_displays_at_the_figures_own_size(tmp_path, monkeypatch):
    from matplotlib.figure import Figure
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    fig = Figure(figsize=(3, 2), dpi=110)
    fig.add_subplot().bar(["甲", "乙"], [1, 2])
    path = plots.show(fig, "chart", tmp_path)
    data = path.read_bytes()
    assert shown[0].data == data and plots.png_size(data)[0] > shown[0].width
    assert shown[0].width == round(plots.png_size(data)[0] * 110 / plots.SAVE_DPI)


def test_loans_renewals_and_allowance_items_keep_the_red_ones_first():
    from toolkit.areas.allowances import charts as allowance_charts
    from toolkit.areas.loans import charts as loan_charts

    n = plots.MAX_BARS + 5
    renewals = pd.DataFrame({"企业": [f"企业{i}" for i in range(n)], "编号": [f"L{i}" for i in range(n)],
                             "上次金额（万元）": 10.0, "本次金额（万元）": 10.0, "未压降": [False] * (n - 1) + [True]})
    ax = loan_charts.renewal_chart(renewals).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == plots.MAX_BARS and f"企业{n - 1}（L{n - 1}）" in labels and f"共 {n} 笔" in ax.get_title()
    items = pd.DataFrame({"单位": "县委办", "项目": [f"项目{i}" for i in range(n)],
                          allowance_charts.AMOUNT: np.arange(n, 0, -1, dtype="float64"),
                          "在清单内": ["是"] * (n - 1) + ["否"]})
    ax = allowance_charts.amount_by_item_chart(items).axes[0]
    assert len(ax.patches) == plots.MAX_BARS and f"共 {n} 项" in ax.get_title()


def test_fuel_chart_draws_at_most_the_bar_limit_of_anomalies():
    from toolkit.config import Thresholds

    n = plots.MAX_BARS + 7
    consumption = pd.DataFrame({"record_id": [f"赣A{i:05d}@2020-03" for i in range(n)], "anomaly": True,
                                "l_per_100km": np.linspace(40.0, 20.0, n)})
    count, title = bars_and_title(charts.fuel_chart(consumption, Thresholds()))
    assert count == plots.MAX_BARS and title.endswith(f"（前 {plots.MAX_BARS} 个，共 {n} 个）")
    count, title = bars_and_title(charts.fuel_chart(consumption.head(plots.MAX_BARS), Thresholds()))
    assert count == plots.MAX_BARS and "共" not in title

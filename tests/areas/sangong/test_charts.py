"""The notebook's charts: each returns its own Figure (nothing left in pyplot), with Chinese titles and labels."""

from __future__ import annotations

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from toolkit.areas import sangong  # noqa: E402
from toolkit.areas.sangong import charts  # noqa: E402
from toolkit.config import Thresholds  # noqa: E402


@pytest.fixture(scope="module")
def frames(sg):
    return {
        "reception": sg.typed("reception", [sg.reception("R1", guests=2, hosts=4, amount=900.0),
                                            sg.reception("R2", guests=12, hosts=3)]),
        "trips": sg.typed("vehicle_trips", [sg.trip("T1", start_time="2020-03-07 23:10", end_time="2020-03-07 23:50"),
                                            sg.trip("T2")]),
        "fuel": sg.typed("fuel", [sg.fill("F1", liters=30.0), sg.fill("F2", bound_plate="赣B00002")]),
        "overseas": sg.typed("overseas", [sg.trip_abroad("G1", return_on="2020-03-09"), sg.trip_abroad("G2")]),
        "budget": sg.typed("sangong_budget", [sg.budget_row("B1", actual=12.0), sg.budget_row("B2", unit="县教育局")]),
    }


def every_chart(f, thresholds: Thresholds) -> dict[str, Figure]:
    items = (f["reception"], f["fuel"], f["overseas"])
    result = sangong.benford_test(f["reception"]["amount"])
    return {
        "by_unit": charts.spending_by_unit_chart(sangong.spending_by_unit(*items)),
        "by_month": charts.spending_by_month_chart(sangong.spending_by_month(*items)),
        "budget": charts.budget_chart(sangong.budget_by_unit(f["budget"])),
        "reception": charts.reception_chart(f["reception"], thresholds),
        "heatmap": charts.heatmap_chart(sangong.vehicle_weekday_hour(f["trips"]), thresholds),
        "fuel": charts.fuel_chart(sangong.fuel_consumption(f["fuel"], f["trips"], thresholds), thresholds),
        "overseas": charts.overseas_chart(sangong.overseas_days(f["overseas"])),
        "benford": charts.benford_chart(result, "公务接待金额"),
    }


def test_every_chart_is_its_own_figure_with_chinese_titles(frames):
    plt.close("all")
    figures = every_chart(frames, Thresholds())
    assert plt.get_fignums() == []          # no pyplot state: the notebook shows and closes each figure
    for name, fig in figures.items():
        assert isinstance(fig, Figure), name
        titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
        assert titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), name


def test_charts_read_the_thresholds_they_are_given(frames):
    thresholds = Thresholds(reception_per_capita_max=120, vehicle_night_start=20, vehicle_night_end=7,
                            fuel_l_per_100km_max=9)
    figures = every_chart(frames, thresholds)
    assert "标准120元/人" in figures["reception"].axes[0].get_title()
    assert "夜间20时至次日7时" in figures["heatmap"].axes[0].get_title()
    assert "阈值 9 升/百公里" in figures["fuel"].axes[0].get_legend().get_texts()[0].get_text()


def test_the_checks_never_import_matplotlib():
    """Charts live in each area's ``charts`` module, which only notebooks import: checks stay light."""
    code = "import sys, toolkit.areas; assert not [m for m in sys.modules if m.startswith('matplotlib')]"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_benford_overview_chart_one_row_per_column_with_its_deviations():
    rng = np.random.default_rng(3)
    values = {"reception.amount": pd.Series(np.round(10 ** rng.uniform(1, 5, 400), 2)),
              "fuel.amount": pd.Series(rng.integers(1, 10, 400) * 100.0 + 5)}
    results = {name: sangong.benford_test(v) for name, v in values.items()}
    fig = charts.benford_overview_chart(results, sangong.COLUMN_LABELS)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("公务接待金额（n=400") and labels[1].startswith("加油金额（n=400")
    assert len(ax.texts) == 2 * 9 and "本福特" in ax.get_title()
    gap = (results["fuel.amount"].table["observed"] - results["fuel.amount"].table["expected"]).iloc[0] * 100
    assert ax.texts[9].get_text().startswith(f"{gap:+.1f}")


def test_benford_overview_only_beyond_the_chart_limit():
    assert not sangong.overview_only(["c"] * sangong.BENFORD_CHARTS_MAX)
    assert sangong.overview_only(["c"] * (sangong.BENFORD_CHARTS_MAX + 1))

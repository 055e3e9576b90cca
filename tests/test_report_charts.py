"""toolkit.report.charts: findings per area (index.html) and per area and check (overview notebook)."""

from __future__ import annotations

import io

import matplotlib as mpl
import pandas as pd
from matplotlib.image import imread

from toolkit.report import charts

BY_AREA = pd.Series([23, 97, 1234], index=["整改台账", "三公经费", "工业用地"], name="疑点数")
BY_CHECK = pd.DataFrame({"疑点类型": ["整改逾期", "无公函接待", "土地闲置"], "疑点数": pd.array([5, pd.NA, 0], dtype="Int64")})


def bar_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_findings_per_area_chart_as_png_leaves_the_style_alone():
    before = dict(mpl.rcParams)
    png = charts.findings_chart_png(BY_AREA)
    assert png.startswith(b"\x89PNG") and imread(io.BytesIO(png)).shape[0] > 100
    assert dict(mpl.rcParams) == before


def test_no_findings_no_chart():
    assert charts.findings_chart_png(BY_AREA.iloc[0:0]) is None


def test_findings_per_area_figure_labels_every_bar():
    ax = charts.findings_by_area_figure(BY_AREA).axes[0]
    assert bar_labels(ax) == ["23", "97", "1,234"]
    assert [t.get_text() for t in ax.get_yticklabels()] == list(BY_AREA.index)


def test_overview_figure_shows_only_checks_that_found_something():
    fig = charts.findings_overview_figure(BY_AREA, BY_CHECK)
    left, right = fig.axes
    assert bar_labels(left) == ["23", "97", "1,234"]
    assert [t.get_text() for t in right.get_yticklabels()] == ["整改逾期"] and bar_labels(right) == ["5"]
    assert fig.get_suptitle() == "疑点分布（条）"

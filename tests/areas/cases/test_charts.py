"""The cases charts: each returns its own Figure (nothing left in pyplot) with the expected titles and labels,
drawn in the house style without a missing glyph (``draw``, tests/areas/conftest.py)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit.areas import cases
from toolkit.areas.cases import charts


@pytest.fixture
def clues() -> pd.DataFrame:
    return pd.DataFrame({
        "clue_id": ["a", "b", "c", "d"], "source": ["信访举报", "信访举报", "巡视巡察", "其他"],
        "status": ["已办结", "核查中", "已办结", "未办理"],
        "received_on": pd.to_datetime(["2020-01-05", "2020-02-01", "2020-02-03", "2020-03-01"]),
        "closed_on": pd.to_datetime(["2020-02-01", None, "2020-03-01", None]),
        "disposition": ["谈话函询", None, "予以了结", None],
    })


def test_clue_funnel_chart(clues, draw):
    plt.close("all")
    funnel = cases.clue_funnel(clues)
    fig = draw(charts.clue_funnel_chart(funnel))
    assert isinstance(fig, Figure) and plt.get_fignums() == []
    status_ax, rate_ax = fig.axes
    assert fig.get_suptitle() == "问题线索办理漏斗（件、%）"
    assert status_ax.get_title() == "各来源线索办理状态" and status_ax.get_xlabel() == "线索数（件）"
    assert [t.get_text() for t in status_ax.get_legend().get_texts()] == ["已办结", "核查中", "未办理"]
    assert [t.get_text() for t in status_ax.get_yticklabels()] == ["巡视巡察", "信访举报", "其他"]
    assert rate_ax.get_title() == "各来源核查率" and rate_ax.get_xlabel() == "核查率（%）"
    assert [t.get_text() for t in rate_ax.texts] == ["100.0%", "50.0%", "0.0%"]


def test_disposition_and_forms_charts(clues, draw):
    fig = draw(charts.disposition_chart(cases.disposition_mix(clues)))
    ax, = fig.axes
    assert ax.get_title() == "已办结线索的处置方式" and ax.get_xlabel() == "处置方式" and ax.get_ylabel() == "线索数（件）"
    assert sorted(t.get_text() for t in ax.get_xticklabels()) == ["予以了结", "谈话函询"]
    forms = cases.forms_distribution(pd.DataFrame({"form": ["第一种形态", "第一种形态", "第三种形态"]}))
    fig = draw(charts.forms_chart(forms))
    ax, = fig.axes
    assert ax.get_title() == "运用“四种形态”处理人数" and ax.get_xlabel() == "形态" and ax.get_ylabel() == "人数（人）"
    assert [p.get_height() for p in ax.patches] == [2, 0, 1, 0]


def test_monthly_trend_chart(clues, draw):
    case_rows = pd.DataFrame({"case_id": ["A1", "A1", "A2"], "filed_on": pd.to_datetime(["2020-02-10"] * 2 + [None])})
    trend = cases.monthly_trend(clues, case_rows)
    fig = draw(charts.monthly_trend_chart(trend))
    ax, = fig.axes
    assert ax.get_title() == "问题线索与立案月度趋势" and ax.get_xlabel() == "月份" and ax.get_ylabel() == "数量（件、起）"
    assert [line.get_label() for line in ax.get_lines()] == ["受理线索", "办结线索", "立案"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2020-01", "2020-02", "2020-03"]
    assert list(ax.get_lines()[2].get_ydata()) == [0, 1, 0]

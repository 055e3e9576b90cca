"""The ledger charts: each returns its own Figure (nothing left in pyplot) with the expected titles and labels,\ndrawn in the house style without a missing glyph (``draw``, tests/areas/conftest.py)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit.areas import ledger
from toolkit.areas.ledger import charts


@pytest.fixture
def frame(make) -> pd.DataFrame:
    return make.ledger(
        make.done(aspect_no=1, aspect="学习贯彻存在差距", units="县委办、县政府办"),
        {"aspect_no": 1, "aspect": "学习贯彻存在差距", "units": "县委办", "kind": "立行立改"},
        {"aspect_no": 2, "aspect": "从严治党有欠缺", "units": None, "status": "未启动", "kind": "长期坚持"},
    )


def test_completion_chart(frame, draw):
    plt.close("all")
    table = ledger.completion_by_unit(frame)
    fig = draw(charts.completion_chart(table, "责任单位整改措施完成情况"))
    assert isinstance(fig, Figure) and plt.get_fignums() == []
    ax, = fig.axes
    assert ax.get_title() == "责任单位整改措施完成情况" and ax.get_xlabel() == "措施数（条）"
    assert [t.get_text() for t in ax.get_yticklabels()] == table.index.tolist()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["已完成", "推进中", "未启动"]
    assert len(ax.patches) == 3 * len(table)
    assert [t.get_text() for t in ax.texts] == [f" {r * 100:.1f}%" for r in table["完成率"]]
    assert fig.get_size_inches()[1] == pytest.approx(0.32 * len(table) + 1.5)


def test_completion_chart_cuts_long_labels(frame, draw):
    table = ledger.completion_by_aspect(frame)
    fig = draw(charts.completion_chart(table, "各方面整改措施完成情况", label_width=6, row_inches=0.6))
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["1.学习贯…", "2.从严治…"]
    assert fig.get_size_inches()[1] == pytest.approx(0.6 * 2 + 1.5)


def test_kind_mix_chart(frame, draw):
    fig = draw(charts.kind_mix_chart(ledger.kind_mix(frame)))
    ax, = fig.axes
    assert ax.get_title() == "整改措施类型构成" and ax.get_ylabel() == "措施数（条）"
    assert [t.get_text() for t in ax.get_xticklabels()] == list(ledger.KINDS)
    assert [p.get_height() for p in ax.patches] == [1, 1, 1]


def test_burn_down_chart(make, draw):
    reports = make.progress(("M1", "2020-06-01", "推进中", ""), ("M2", "2020-06-01", "未启动", ""),
                            ("M1", "2020-06-08", "已完成", ""))
    burn = ledger.burn_down(reports, make.as_of)
    fig = draw(charts.burn_down_chart(burn))
    ax, = fig.axes
    assert ax.get_title() == "未完成整改措施周度变化" and ax.get_xlabel() == "周报日期"
    assert ax.get_ylabel() == "措施数（条）"
    assert [line.get_label() for line in ax.get_lines()] == ["未完成（推进中+未启动）", "推进中", "未启动"]
    assert list(ax.get_lines()[0].get_ydata()) == [2, 1]

"""The land charts: each returns its own Figure (nothing left in pyplot) with the expected titles and labels,
drawn in the house style without a missing glyph (``draw``, tests/areas/conftest.py)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit.areas import land
from toolkit.areas.land import charts

AS_OF = pd.Timestamp("2020-06-30")


@pytest.fixture
def frame(parcels) -> pd.DataFrame:
    parcels.run([
        parcels.row("U1", status="批而未供", approved_on="2018-03-01", area_mu="3"),
        parcels.row("U2", status="批而未供", approved_on="2020-03-01", area_mu="4"),
        parcels.idle("I1", "2018-06-30"), parcels.idle("I2", "2019-06-30", area_mu="2.5"),
        parcels.done("LOW", annual_tax="10"), parcels.done("GOOD", annual_tax="80"),
    ])
    return parcels.frame()


def titles(fig: Figure) -> list[str]:
    return [ax.get_title() for ax in fig.axes]


def test_status_chain_chart(frame, draw):
    plt.close("all")
    fig = draw(charts.status_chain_chart(land.status_chain(frame)))
    assert isinstance(fig, Figure) and plt.get_fignums() == []
    assert fig.get_suptitle() == "工业用地状态链（宗、亩）" and titles(fig) == ["各环节地块数", "各环节土地面积"]
    assert [ax.get_ylabel() for ax in fig.axes] == ["地块数（宗）", "面积（亩）"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["批而未供", "已供未建", "在建", "已竣工", "已收回"]
    assert [p.get_height() for p in fig.axes[0].patches] == [2, 2, 0, 2, 0]


def test_idle_chart(frame, draw):
    idle = land.idle_parcels(frame, AS_OF)
    fig = draw(charts.idle_chart(idle))
    ax, = fig.axes
    assert ax.get_title() == "闲置土地逾期开工月数" and ax.get_xlabel() == "超过约定开工日期（月）"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["I1（10.0亩）", "I2（2.5亩）"]
    assert [p.get_width() for p in ax.patches] == [24, 12]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        land.IDLE_GROUP_1, land.IDLE_GROUP_2, "满一年：征缴土地闲置费", "满两年：可无偿收回"]


def test_unsupplied_ageing_chart_marks_the_bands_over_the_limit(frame, draw):
    ageing = land.unsupplied_ageing(frame, AS_OF, limit_years=2)
    fig = draw(charts.unsupplied_ageing_chart(ageing, 2))
    assert fig.get_suptitle().startswith("批而未供土地账龄") and titles(fig) == ["批而未供地块数", "批而未供面积"]
    assert [ax.get_xlabel() for ax in fig.axes] == ["批准至今", "批准至今"]
    red = [p.get_facecolor() for p in fig.axes[0].patches]
    assert [c == red[-1] for c in red] == ageing["超期"].tolist()
    assert [t.get_text() for t in fig.axes[1].get_legend().get_texts()] == ["未超期", "超过2年（疑点）"]


def test_tax_chart(frame, draw):
    tax = land.tax_per_mu(frame, AS_OF, 5)
    fig = draw(charts.tax_chart(tax, 5))
    ax, = fig.axes
    assert ax.get_title() == "竣工满一年地块亩均税收分布（2宗，低于标准1宗）"
    assert ax.get_xlabel() == "亩均税收（万元/亩）" and ax.get_ylabel() == "地块数（宗）"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["低于标准（低效用地）", "达到标准", "标准 5 万元/亩"]

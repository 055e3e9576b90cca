"""The benefits charts draw with every Chinese glyph, also when a list is missing (no bar, a dash)."""

from __future__ import annotations

from toolkit.areas import benefits as area
from toolkit.areas.benefits import charts


def test_charts_render(build, draw):
    pay = build.payments({}, {"type": "高龄补贴"}, {"type": "残疾人两项补贴"})
    draw(charts.by_type_chart(area.by_type(pay)))
    stake = area.at_stake(pay, {"死亡后仍发放": None, "重复发放": area.duplicate_mask(pay)})
    fig = draw(charts.at_stake_chart(stake))
    assert "—" in [t.get_text() for t in fig.axes[0].texts]

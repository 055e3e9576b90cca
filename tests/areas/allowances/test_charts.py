"""The allowances charts draw with every Chinese glyph; items outside the catalog in vermillion."""

from __future__ import annotations

from toolkit import plots
from toolkit.areas import allowances as area
from toolkit.areas.allowances import charts


def test_charts_render(build, std_catalog, draw):
    pay = build.payments({}, {"item": "误餐补贴", "unit": "县林业局"}, {"name": "李四", "item": "交通补贴"})
    table = area.by_unit_item(pay, std_catalog)
    draw(charts.amount_by_unit_chart(table))
    fig = draw(charts.amount_by_item_chart(table))
    colours = [p.get_facecolor() for p in fig.axes[0].patches]
    red = [c for c in colours if c[:3] == tuple(int(plots.PALETTE[3][i:i + 2], 16) / 255 for i in (1, 3, 5))]
    assert len(red) == 1

"""村级三资 charts render with every Chinese glyph."""

from __future__ import annotations

from toolkit.areas import village
from toolkit.areas.village import charts


def test_charts_render(books, draw):
    frame = books.load([books.row("A", amount="300", receipt="白条"), books.row("B", amount="900", direction="收入"),
                        books.row("C", amount="700", cash="是", date="2020-04-02")])
    draw(charts.monthly_chart(village.monthly_totals(frame)))
    draw(charts.shares_chart(village.village_shares(frame, 2000)))

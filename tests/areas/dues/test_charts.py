"""党费 charts render with every Chinese glyph."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import dues
from toolkit.areas.dues import charts


def test_charts_render(book, draw):
    frame = book.frame([book.row("A1", "2020-01-01", paid=20.0), book.row("A2", "2020-03-01"),
                        book.row("B1", "2019-11-01", member="李明", branch=None)])
    draw(charts.compliance_chart(dues.branch_compliance(frame)))
    draw(charts.grid_chart(dues.month_grid(frame, pd.Timestamp("2020-06-30"), 6)))

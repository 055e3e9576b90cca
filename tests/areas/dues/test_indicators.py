"""党费 indicators: members, paid and shortfall."""

from __future__ import annotations

import pytest


def test_indicators(book):
    rows = [book.row("A1", "2020-01-01", paid=30.0), book.row("A2", "2020-01-01", paid=5.0),
            book.row("B1", "2020-01-01", member="李明", income=12000.0, paid=200.0),
            book.row("C1", "2020-01-01", member="王芳", income=None, paid=12.5),
            book.row("D1", "2020-01-01", member="王芳", branch="无", paid=40.0)]
    result = book.run(rows)
    assert result.indicators["dues.members"] == 4
    assert result.indicators["dues.paid"] == pytest.approx(287.5)
    assert result.indicators["dues.shortfall"] == pytest.approx(45.0)   # 5 (A) + 40 (B)


def test_shortfall_is_zero_when_nothing_is_underpaid(book):
    result = book.run([book.row("A1", "2020-01-01")])
    assert result.indicators["dues.shortfall"] == 0.0

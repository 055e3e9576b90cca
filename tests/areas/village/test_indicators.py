"""村级三资 indicators: expense, 白条 amount and cash share from the same masks as the checks."""

from __future__ import annotations

import pytest


def test_indicators(books):
    rows = [books.row("E1", amount="1000", receipt="白条", cash="是"), books.row("E2", amount="3000", receipt="无"),
            books.row("E3", amount="6000", cash="是"), books.row("I1", amount="50000", direction="收入", cash="是")]
    result = books.run(rows)
    assert result.indicators["village.expense"] == pytest.approx(10000.0)
    assert result.indicators["village.white_slip_amount"] == pytest.approx(4000.0)
    assert result.indicators["village.cash_share"] == pytest.approx(0.7)


def test_cash_share_is_null_without_expense(books):
    result = books.run([books.row("I1", direction="收入", amount="100")])
    assert result.indicators["village.expense"] == 0.0
    assert result.indicators["village.cash_share"] is None

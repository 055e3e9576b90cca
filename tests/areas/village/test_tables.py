"""村级三资 tables: monthly flows, shares per village, split-payment groups, headline."""

from __future__ import annotations

import pytest

from toolkit.areas import village


def test_monthly_flows_and_totals(books):
    frame = books.load([books.row("A", amount="100", direction="收入"), books.row("B", amount="40"),
                        books.row("C", amount="10", date="2020-04-01", village="李家村")])
    flows = village.monthly_flows(frame)
    assert flows.to_dict("records") == [
        {"村": "白鹭镇·李家村", "月份": "2020-04", "收入（元）": 0.0, "支出（元）": 10.0},
        {"村": "白鹭镇·桃花村", "月份": "2020-03", "收入（元）": 100.0, "支出（元）": 40.0}]
    assert village.monthly_totals(frame)["支出（元）"].tolist() == [40.0, 10.0]


def test_village_shares(books):
    frame = books.load([books.row("A", amount="300", receipt="白条"), books.row("B", amount="700", cash="是"),
                        books.row("C", amount="10", village="李家村", direction="收入")])
    shares = village.village_shares(frame, 2000).set_index("村")
    assert shares.loc["白鹭镇·桃花村", "白条占比"] == pytest.approx(0.3)
    assert shares.loc["白鹭镇·桃花村", "现金占比"] == pytest.approx(0.7)
    assert shares.index[-1] == "白鹭镇·李家村"      # no expense: no share, listed last


def test_split_payment_groups_and_headline(books):
    frame = books.load([books.row("S1", amount="2500"), books.row("S2", amount="2500"),
                        books.row("T1", amount="4000", payee="张三"), books.row("T2", amount="1000", payee="张三")])
    groups = village.split_payment_groups(frame, 5000)
    assert groups["组"].tolist() == [1, 1, 2, 2]
    assert groups["组合计（元）"].tolist() == [5000.0, 5000.0, 5000.0, 5000.0]
    lines = village.headline(frame, 2000, 5000)
    assert lines[-1] == "疑似拆分支出 2 组 4 笔"


def test_empty_round_tables():
    frame = village.empty_village()
    assert village.monthly_flows(frame).empty
    assert village.split_payment_groups(frame, 5000).empty
    assert village.headline(frame, 2000, 5000)[0] == "凭证 0 张，涉及 0 个村"

"""loans tables and charts: by entity, renewals, risk flags, headline; charts render with Chinese glyphs."""

from __future__ import annotations

from toolkit.areas import loans
from toolkit.areas.loans import charts


def _frame(r):
    r.run([r.row("L1", amount="100"), r.row("L2", amount="300", is_entity="否", renewal="是", previous_amount="300"),
           r.row("L3", amount="100", is_entity="否", renewal="是", previous_amount="200", tax_last_year="5"),
           r.row("L4", amount="100", is_entity="")])
    return r.frame()


def test_by_entity_and_renewals(loan_round):
    frame = _frame(loan_round)
    entity = loans.by_entity(frame)
    assert entity["笔数"].tolist() == [1, 2, 1, 4]
    assert entity.loc["非实体企业", "金额占比"] == 400 / 600
    renewals = loans.renewals(frame)
    assert renewals[["编号", "未压降"]].values.tolist() == [["L2", True], ["L3", False]]


def test_risk_flags_and_headline(loan_round):
    frame = _frame(loan_round)
    flags = loans.risk_flags(frame, 10)
    assert flags["编号"].tolist() == ["L2", "L3"]
    assert flags[["纳税低于标准", "续贷未压降"]].values.tolist() == [[False, True], [True, False]]
    lines = loans.headline(frame, None, 10)
    assert lines[-1] == "存在疑点的贷款合计2笔，400万元"
    assert loans.headline(None, None, 10) == ["本轮未提供财园信贷通数据（财园信贷通.csv），信贷指标为空。"]


def test_charts_render(loan_round, draw):
    frame = _frame(loan_round)
    draw(charts.entity_chart(loans.by_entity(frame)))
    draw(charts.renewal_chart(loans.renewals(frame)))
    draw(charts.flags_chart(loans.risk_flags(frame, 10), list(loans.SHORT.values())))


def test_tables_of_a_round_without_loans():
    empty = loans.empty_loans()
    assert loans.by_entity(empty)["笔数"].tolist() == [0, 0, 0, 0]
    assert loans.renewals(empty).empty and loans.risk_flags(empty, 10).empty

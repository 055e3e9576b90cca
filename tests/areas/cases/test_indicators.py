"""问题线索与处分 indicators; null when a dataset is missing."""

from __future__ import annotations


def test_indicators(cases_round):
    result = cases_round.run(clues=[
        ["C1", "信访举报", "2020-01-01", "已办结", "2020-02-01", "予以了结"],
        ["C2", "信访举报", "2020-01-01", "已办结", "2020-02-01", "立案审查"],
        ["C3", "信访举报", "2020-06-01", "核查中", "", ""],
        ["C4", "其他", "2020-06-01", "未办理", "", ""],
    ], case_rows=[
        ["P1", "A1", "张三", "甲", "第一种形态", "诫勉", "是", "2020-01-01"],
        ["P2", "A1", "李四", "甲", "第二种形态", "警告", "否", "2020-01-01"],
        ["P3", "A2", "王五", "乙", "第三种形态", "撤职", "", "2020-02-01"],
        ["P4", "A3", "赵六", "乙", "第四种形态", "移送司法", "√", "2020-03-01"],
        ["P5", "A3", "钱七", "乙", "第二种形态", "免职", "否", "2020-03-01"],
    ])
    ind = result.indicators
    assert ind["cases.clues.received"] == 4 and ind["cases.clues.closed"] == 2
    assert ind["cases.clues.verification_rate"] == 0.5
    assert ind["cases.cases"] == 3 and ind["cases.persons"] == 5
    assert ind["cases.sanctioned"] == 2          # 警告, 撤职; 免职 and 移送司法 are not 党纪政务处分 in the list
    assert ind["cases.first_form"] == 1 and ind["cases.accountability"] == 2


def test_missing_dataset_gives_null_indicators_and_skips_checks(cases_round):
    result = cases_round.run(clues=[["C1", "信访举报", "2020-01-01", "核查中", "", ""]])
    assert result.indicators["cases.persons"] is None and result.indicators["cases.sanctioned"] is None
    assert "cases.form_sanction_mismatch" in result.skipped
    assert result.indicators["cases.clues.received"] == 1


def test_empty_clues_rate_is_null(cases_round):
    result = cases_round.run(clues=[])
    assert result.indicators["cases.clues.received"] == 0
    assert result.indicators["cases.clues.verification_rate"] is None


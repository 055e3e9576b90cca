"""问题线索与处分: each check's violation, boundary and clean case; every indicator."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import cases
from toolkit.checks.base import Context, run_checks
from toolkit.ingest.load import load_round

CLUE_HEADER = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]
CASE_HEADER = ["编号", "案件编号", "姓名", "单位", "形态", "处理结果", "问责", "立案日期"]


def run(round_dir, clues=None, case_rows=None, thresholds=""):
    if thresholds:
        toml = (round_dir.root / "round.toml").read_text(encoding="utf-8") + "[thresholds]\n" + thresholds
        (round_dir.root / "round.toml").write_text(toml, encoding="utf-8")
    if clues is not None:
        round_dir.csv("问题线索.csv", [CLUE_HEADER, *clues])
    if case_rows is not None:
        round_dir.csv("处分与处理.csv", [CASE_HEADER, *case_rows])
    data = load_round(round_dir.root)
    assert data.rejected.empty, data.rejected
    return run_checks(Context(data.frames, data.config), cases.CHECKS, cases.INDICATORS)


def flagged(result, check_id):
    return sorted(result.findings.loc[result.findings["check_id"] == check_id, "record_id"])


def test_clues_overdue_boundary(round_dir):
    # as_of 2020-06-30: 2020-04-01 is 90 days before (not over), 2020-03-31 is 91 days (over)
    result = run(round_dir, clues=[
        ["AT", "信访举报", "2020-04-01", "核查中", "", ""],
        ["OVER", "信访举报", "2020-03-31", "未办理", "", ""],
        ["DONE", "信访举报", "2019-01-01", "已办结", "2019-02-01", "予以了结"],
    ])
    assert flagged(result, "clues.overdue") == ["OVER"]
    finding = result.findings[result.findings["check_id"] == "clues.overdue"].iloc[0]
    assert finding["severity"] == "medium" and finding["area"] == "cases" and finding["dataset"] == "clues"
    assert "91天" in finding["message"] and finding["unit"] == "" and pd.isna(finding["amount"])


def test_clues_overdue_threshold_from_round(round_dir):
    result = run(round_dir, clues=[["A", "其他", "2020-05-01", "核查中", "", ""]], thresholds="clue_days_max = 30\n")
    assert flagged(result, "clues.overdue") == ["A"]


@pytest.mark.parametrize("disposition, hit", [("", True), ("谈话函询", False), ("立案审查", False)])
def test_closed_without_disposition(round_dir, disposition, hit):
    result = run(round_dir, clues=[["C", "巡视巡察", "2020-01-01", "已办结", "2020-02-01", disposition],
                                   ["OPEN", "巡视巡察", "2020-06-01", "核查中", "", ""]])
    assert flagged(result, "clues.closed_without_disposition") == (["C"] if hit else [])


@pytest.mark.parametrize("form, sanction, hit", [
    ("第一种形态", "警告", True),
    ("第一种形态", " 诫勉 ", False),
    ("第二种形态", "开除党籍", True),
    ("第三种形态", "开除党籍", False),
    ("第四种形态", "开除党籍", False),
    ("第四种形态", "移送司法", False),
    ("第三种形态", "移送司法", True),
    ("第二种形态", "批评教育", True),
    ("第二种形态", "其他处理", False),        # in no list: not a mismatch
    ("第一种形态", "警告、诫勉", False),      # the whole cell is compared
])
def test_form_sanction_mismatch(round_dir, form, sanction, hit):
    result = run(round_dir, case_rows=[["P1", "A1", "张三", "县财政局", form, sanction, "否", "2020-01-01"]])
    assert flagged(result, "cases.form_sanction_mismatch") == (["P1"] if hit else [])
    if hit:
        assert result.findings.iloc[0]["unit"] == "县财政局"


def test_indicators(round_dir):
    result = run(round_dir, clues=[
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


def test_missing_dataset_gives_null_indicators_and_skips_checks(round_dir):
    result = run(round_dir, clues=[["C1", "信访举报", "2020-01-01", "核查中", "", ""]])
    assert result.indicators["cases.persons"] is None and result.indicators["cases.sanctioned"] is None
    assert "cases.form_sanction_mismatch" in result.skipped
    assert result.indicators["cases.clues.received"] == 1


def test_empty_clues_rate_is_null(round_dir):
    result = run(round_dir, clues=[])
    assert result.indicators["cases.clues.received"] == 0
    assert result.indicators["cases.clues.verification_rate"] is None


def test_notebook_tables():
    clues = pd.DataFrame({
        "source": ["信访举报", "信访举报", "巡视巡察"], "status": ["已办结", "核查中", "已办结"],
        "received_on": pd.to_datetime(["2020-01-05", "2020-02-01", "2020-02-03"]),
        "closed_on": pd.to_datetime(["2020-02-01", None, "2020-03-01"]),
        "disposition": ["谈话函询", None, "予以了结"], "category": ["四风", "扶贫", "四风"], "clue_id": ["a", "b", "c"],
    })
    funnel = cases.clue_funnel(clues)
    assert funnel.loc["巡视巡察", "核查率"] == 1.0 and funnel["受理"].sum() == 3
    assert cases.disposition_mix(clues).to_dict() == {"谈话函询": 1, "予以了结": 1}
    trend = cases.monthly_trend(clues)
    assert trend["受理线索"].tolist() == [1, 2, 0] and trend["办结线索"].tolist() == [0, 1, 1]
    overdue = cases.overdue_clues(clues, pd.Timestamp("2020-06-30"), 90)
    assert overdue["线索编号"].tolist() == ["b"] and overdue["已办理天数"].tolist() == [150]

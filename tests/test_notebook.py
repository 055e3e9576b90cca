"""toolkit.notebook: what a notebook calls first (open_round) and its findings tables."""

from __future__ import annotations

import pytest

from toolkit.areas import AREAS
from toolkit.errors import ParameterError
from toolkit.notebook import area_findings, findings_summary, open_round

CLUES = [["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"],
         ["C1", "信访举报", "2020-01-01", "核查中", "", ""],
         ["C2", "信访举报", "2020-06-01", "已办结", "2020-06-10", ""]]


@pytest.fixture
def analysis(round_dir):
    round_dir.csv("问题线索.csv", CLUES)
    return open_round(str(round_dir.root), {})


def test_open_round_reads_and_checks(analysis):
    assert len(analysis.frame("clues")) == 2 and len(analysis.findings) == 2


def test_open_round_applies_thresholds(round_dir):
    round_dir.csv("问题线索.csv", CLUES)
    assert "clues.overdue" not in set(open_round(round_dir.root, {"clue_days_max": 1000}).findings["check_id"])


@pytest.mark.parametrize("data_dir, thresholds, words", [
    (None, None, "data_dir 应为数据目录路径"), ("", None, "data_dir 应为数据目录路径"),
    ("/nonexistent/round", None, "不存在"), (".", [("clue_days_max", 1)], "thresholds 应为字典"),
])
def test_open_round_refuses_bad_parameters(data_dir, thresholds, words):
    with pytest.raises(ParameterError, match=words):
        open_round(data_dir, thresholds)


def test_area_findings_for_people(analysis):
    table = area_findings(analysis, "cases")
    assert list(table.columns[:3]) == ["疑点类型", "检查编号", "记录编号"] and set(table["严重程度"]) <= {"高", "中", "低"}
    assert area_findings(analysis, "land").empty


def test_findings_summary_names_areas_by_their_title(analysis):
    summary = findings_summary(analysis)
    assert set(summary["领域"]) == {AREAS["cases"].TITLE} and summary["疑点数"].sum() == 2
    assert findings_summary(analysis, "ledger").empty

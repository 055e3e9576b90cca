"""toolkit.notebook: what a notebook calls first (open_round), its findings tables and how it shows a table."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import AREAS
from toolkit.errors import ParameterError
from toolkit.notebook import area_findings, findings_summary, open_round, table

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


# ---- table ---------------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def payload_frame() -> pd.DataFrame:
    """Markup in a value, an index label, a column label and both axes' names."""
    frame = pd.DataFrame({"单位": [SCRIPT, "县委办"], f"金额{SCRIPT}": [1234.5, None]},
                         index=pd.Index([SCRIPT, "乙"], name=SCRIPT))
    return frame.rename_axis(columns=SCRIPT)


def test_table_escapes_values_labels_and_names():
    html = table(payload_frame(), {f"金额{SCRIPT}": "{:,.2f}"}, show_index=True).html
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 5
    assert "1,234.50" in html


def test_table_hides_the_index_unless_asked():
    assert "乙" not in table(payload_frame()).html and "乙" in table(payload_frame(), show_index=True).html


def test_table_formats_na_and_precision_for_every_column():
    frame = pd.DataFrame({"名称": ["甲", None], "值": [1.23456, None]})
    html = table(frame, precision=2, na_rep="无").html
    assert "1.23<" in html and "1.23456" not in html and html.count(">无<") == 2


def test_table_shows_as_html_and_as_plain_text_without_addresses():
    shown = table(pd.DataFrame({"单位": ["县委办"]}))
    assert shown._repr_html_() == shown.html and "<table" in shown.html
    assert repr(shown).split() == ["单位", "县委办"]


def test_table_cuts_a_long_frame_to_its_first_rows_and_says_how_many_it_has():
    frame = pd.DataFrame({"编号": [f"R{i:04d}" for i in range(201)]})
    cut = table(frame, max_rows=200).html
    assert "R0199" in cut and "R0200" not in cut
    assert "共 201 行，此处显示前 200 行，其余 1 行未显示。" in cut


def test_table_at_the_limit_or_below_shows_every_row_without_a_note():
    at_limit = table(pd.DataFrame({"编号": [f"R{i:04d}" for i in range(200)]}), max_rows=200).html
    short = table(pd.DataFrame({"编号": ["R0000"]})).html
    assert "R0199" in at_limit and "未显示" not in at_limit and "未显示" not in short

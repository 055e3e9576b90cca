"""Review status on the page: index.html's 核查反馈 table, null indicators without review.csv."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from toolkit.pipeline import analyse
from toolkit.report.html import indicators_table, render_index
from toolkit.review.log import LOG_COLUMNS, append_log
from toolkit.review.status import review_indicators, review_table


def _log(round_dir, findings, conclusions):
    lines = [{c: None for c in LOG_COLUMNS} | {"finding_key": key, "conclusion": conclusion, "note": "说明",
                                               "imported_at": dt.datetime(2020, 7, 1).isoformat()}
             for key, conclusion in zip(findings["finding_key"], conclusions)]
    append_log(round_dir, pd.DataFrame(lines))


def test_index_shows_the_review_table_once_answers_exist(demo_round, tmp_path):
    before = analyse(demo_round)
    plain = render_index(tmp_path, before, {"ignored_files": []})
    assert "尚未导入核查反馈" in plain
    findings = before.findings
    _log(demo_round, findings.head(3), ["属实", "部分属实", "不属实"])
    analysis = analyse(demo_round)
    assert "review.csv" not in analysis.data.ignored       # the toolkit's own file, not an unknown one
    page = render_index(tmp_path, analysis, {"ignored_files": analysis.data.ignored})
    assert "各单位对疑点的核查结论" in page and "已忽略无法识别的文件：review.csv" not in page
    total = review_table(analysis.findings, {}).iloc[-1]
    assert (total["属实"], total["部分属实"], total["不属实"], total["未答复"]) == (1, 1, 1, len(findings) - 3)
    assert not any(name.startswith("review.") for name in indicators_table(analysis.indicators)["名称"])


def test_indicators_are_null_without_a_log_and_zero_counts_with_an_empty_answer_set():
    findings = pd.DataFrame({"area": ["land", "sangong"], "amount": [3.0, 500.0],
                             "review_conclusion": pd.Series(["属实", "属实"], dtype="str")})
    assert set(review_indicators(findings, False).values()) == {None}
    values = review_indicators(findings, True)
    assert values["review.confirmed"] == 2 and values["review.pending"] == 0
    assert values["review.confirmed_amount"] == 500.0     # the land finding's 亩 are not money

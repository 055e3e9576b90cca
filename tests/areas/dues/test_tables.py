"""党费 tables: compliance by branch, underpaid months, the member × month grid, stopped members, headline."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import dues

AS_OF = pd.Timestamp("2020-06-30")


def _rows(book):
    return book.frame([
        book.row("A1", "2020-01-01", paid=20.0), book.row("A2", "2020-03-01"), book.row("A3", "2020-06-01"),
        book.row("B1", "2019-11-01", member="李明", branch=None, income=None, paid=10.0),
        book.row("C1", "2020-05-01", member="王芳", branch="机关第二支部"),
        book.row("C2", "2020-06-01", member="王芳", branch="机关第二支部")])


def test_branch_compliance(book):
    table = dues.branch_compliance(_rows(book))
    assert table["支部"].tolist() == ["机关第一支部", "机关第二支部", "（未填支部）"]
    first = table.iloc[0]
    assert (first["党员（人）"], first["核定月数"], first["少交月数"]) == (1, 3, 1)
    assert first["应缴（元）"] == pytest.approx(120.0) and first["少交（元）"] == pytest.approx(20.0)
    assert first["足额率"] == pytest.approx(2 / 3)
    assert pd.isna(table.iloc[2]["足额率"])


def test_underpaid_table(book):
    table = dues.underpaid_table(_rows(book))
    assert table[["编号", "少交（元）"]].to_dict("records") == [{"编号": "A1", "少交（元）": 20.0}]


def test_month_grid(book):
    grid = dues.month_grid(_rows(book), AS_OF, 6)
    assert grid.index.tolist() == ["机关第一支部·张建国", "（未填支部）·李明"]
    assert grid.columns[0] == "2019-11" and grid.columns[-1] == "2020-06"
    assert grid.loc["机关第一支部·张建国", ["2020-01", "2020-02", "2020-03", "2020-04"]].tolist() == ["✓", "缺", "✓", "缺"]
    assert grid.loc["（未填支部）·李明"].tolist() == ["✓"] + ["停"] * 7
    assert len(dues.month_grid(_rows(book), AS_OF, 6, only_flagged=False)) == 3


def test_stopped_table_and_headline(book):
    frame = _rows(book)
    assert dues.stopped_table(frame, AS_OF, 6).to_dict("records") == [
        {"支部": "（未填支部）", "党员": "李明", "首次交纳": "2019-11", "最后交纳": "2019-11", "未交月数": 7}]
    lines = dues.headline(frame, AS_OF, 6)
    assert lines[0] == "党员 3 人（按党员与支部区分），交纳记录 6 条，合并为 6 个人月"
    assert lines[-1] == "缺月未交 3 个人月；连续 6 个月以上未交 1 人"


def test_empty_round_tables():
    frame = dues.empty_dues()
    assert dues.branch_compliance(frame).empty and dues.month_grid(frame, AS_OF, 6).empty
    assert dues.headline(frame, AS_OF, 6)[-1] == "缺月未交 0 个人月；连续 6 个月以上未交 0 人"


def test_tables_of_a_book_keyed_once_are_the_same(book):
    rows = _rows(book)
    once = dues.keyed(rows)
    assert dues.keyed(once) is once and once[["_name", "_month"]].values.tolist()[0] == ["张建国", 24240]
    assert dues.headline(once, AS_OF, 3) == dues.headline(rows, AS_OF, 3)
    for build in (dues.branch_compliance, dues.underpaid_table):
        pd.testing.assert_frame_equal(build(once), build(rows))
    pd.testing.assert_frame_equal(dues.month_grid(once, AS_OF, 3), dues.month_grid(rows, AS_OF, 3))
    pd.testing.assert_frame_equal(dues.stopped_table(once, AS_OF, 3), dues.stopped_table(rows, AS_OF, 3))


def test_members_passed_in_gives_the_same_months(book):
    frame = _rows(book)
    mem = dues.rules.members(frame)
    pd.testing.assert_frame_equal(dues.rules.missing_months(frame, mem), dues.rules.missing_months(frame))
    pd.testing.assert_frame_equal(dues.rules.stopped_members(frame, AS_OF, 6, mem),
                                  dues.rules.stopped_members(frame, AS_OF, 6))

"""`toolkit review import`: answers validated row by row, appended to review.csv, files never changed."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pandas as pd

from toolkit.cli import main
from toolkit.review.export import unit_file_name
from toolkit.review.log import LOG_COLUMNS, append_log, latest_answers, read_log

from .answering import answer, key_of, reply


def _biggest(folder: Path) -> Path:
    """The exported workbook of the unit with the most findings (at least 4 rows)."""
    counts = {p: len(pd.read_excel(p, sheet_name="疑点清单", engine="openpyxl")) for p in folder.iterdir()}
    path = max(counts, key=counts.get)
    assert counts[path] >= 4
    return path


def test_good_answers_are_logged_with_the_file_hash_and_the_file_is_untouched(demo_round, workbooks, tmp_path, capsys):
    path = answer(_biggest(workbooks), {2: reply("属实"), 3: reply("不属实", "无此事")})
    before = path.read_bytes()
    assert main(["review", "import", str(demo_round), str(path)]) == 0
    assert path.read_bytes() == before
    log = read_log(demo_round)
    assert list(log.columns) == LOG_COLUMNS and len(log) == 2
    assert log["finding_key"].tolist() == [key_of(path, 2), key_of(path, 3)]
    assert log["conclusion"].tolist() == ["属实", "不属实"]
    assert set(log["source_sha256"]) == {hashlib.sha256(before).hexdigest()}
    assert log["reviewed_on"].tolist() == ["2020-07-10", "2020-07-10"]
    assert log["source_row"].tolist() == ["2", "3"]
    assert "导入 2 条答复" in capsys.readouterr().out


def test_bad_rows_are_rejected_with_file_row_column_and_reason_and_the_good_ones_kept(demo_round, workbooks, tmp_path, capsys):
    path = _biggest(workbooks)
    answer(path, {2: reply("属实"), 3: reply("确实"), 4: {**reply("属实"), "疑点编号": None},
                  5: reply("部分属实", day="7月某日")})
    assert main(["review", "import", str(demo_round), str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path.name} 工作表「疑点清单」 第 3 行，列「核查结论」，值「确实」：核查结论应为 属实、部分属实、不属实 之一" in out
    assert f"{path.name} 工作表「疑点清单」 第 4 行，列「疑点编号」，值「」：疑点编号为空" in out
    assert f"第 5 行，列「核查日期」，值「7月某日」：无法识别的日期" in out
    log = read_log(demo_round)
    assert log["finding_key"].tolist() == [key_of(path, 2)]


def test_an_unknown_key_and_a_file_that_is_not_a_review_workbook_are_rejected(demo_round, workbooks, tmp_path, capsys):
    path = answer(_biggest(workbooks), {2: {**reply("属实"), "疑点编号": "0000000000"}})
    stranger = tmp_path / "其他.xlsx"
    pd.DataFrame({"a": [1]}).to_excel(stranger, index=False)
    assert main(["review", "import", str(demo_round), str(path), str(stranger)]) == 1
    out = capsys.readouterr().out
    assert "列「疑点编号」，值「0000000000」：未知的疑点编号" in out
    assert "其他.xlsx 工作表「疑点清单」：没有工作表「疑点清单」" in out
    assert not (demo_round / "review.csv").exists()


def test_the_latest_answer_of_a_key_wins_and_earlier_lines_stay(demo_round, workbooks, tmp_path):
    path = _biggest(workbooks)
    answer(path, {2: reply("属实")})
    assert main(["review", "import", str(demo_round), str(path)]) == 0
    answer(path, {2: reply("不属实", "复核后不属实")})
    assert main(["review", "import", str(demo_round), str(path)]) == 0
    log = read_log(demo_round)
    assert log["conclusion"].tolist() == ["属实", "不属实"]
    assert latest_answers(log)["conclusion"].tolist() == ["不属实"]


def test_the_log_reads_back_what_it_wrote_formula_like_text_included(tmp_path):
    line = {c: None for c in LOG_COLUMNS} | {"finding_key": "abc", "conclusion": "属实", "note": "=1+1 -5 元",
                                              "imported_at": dt.datetime(2020, 7, 1).isoformat()}
    append_log(tmp_path, pd.DataFrame([line]))
    append_log(tmp_path, pd.DataFrame([line | {"note": "@第二次"}]))
    text = (tmp_path / "review.csv").read_text(encoding="utf-8")
    assert text.count("\ufeff") == 1 and "'=1+1" in text
    log = read_log(tmp_path)
    assert log["note"].tolist() == ["=1+1 -5 元", "@第二次"]

"""Inputs that used to stop ingest or lose a whole file: each now costs at most its own rows."""

from __future__ import annotations

import csv
import datetime as dt
import resource
import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.ingest.dates import DATE_RANGE
from toolkit.ingest.load import load_round

CLUE_HEADER = ["线索编号", "来源", "受理日期", "类别", "办理状态", "办结日期", "处置方式"]
TRIP_HEADER = ["出车编号", "车牌号", "使用单位", "出发时间", "返回时间", "里程（公里）"]


def rejected_lines(data) -> list[tuple]:
    return [(r.row, r.column, r.value, r.reason) for r in data.rejected.itertuples()]


# ------------------------------------------------------------- dates pandas cannot store (exit 70 before)

def test_a_date_beyond_the_storable_range_rejects_its_row(round_dir, tmp_path):
    round_dir.csv("问题线索.csv", [CLUE_HEADER,
                                ["C1", "信访举报", "1020-10-08", "", "未办理", "", ""],
                                ["C2", "信访举报", "2020-03-05", "", "已办结", "9999-12-31", "谈话函询"],
                                ["C3", "其他", "2262-04-11", "", "未办理", "", ""]])
    data = load_round(round_dir.root)
    assert data.frames["clues"]["clue_id"].tolist() == ["C3"]
    assert rejected_lines(data) == [(2, "受理日期", "1020-10-08", DATE_RANGE), (3, "办结日期", "9999-12-31", DATE_RANGE)]
    assert main(["check", str(round_dir.root), "--out", str(tmp_path / "out")]) == 0


def test_excel_dates_beyond_the_storable_range(round_dir):
    round_dir.xlsx("公务用车出车记录.xlsx", [TRIP_HEADER,
                                        ["T1", "赣C1", "县财政局", dt.datetime(9999, 12, 31, 8), dt.datetime(9999, 12, 31, 9), 1],
                                        ["T2", "赣C1", "县财政局", 2958465.5, 43831.5, 1],
                                        ["T3", "赣C1", "县财政局", 43831.25, 43831.5, 1]])
    data = load_round(round_dir.root)
    assert data.frames["vehicle_trips"]["start_time"].tolist() == [pd.Timestamp("2020-01-01 06:00")]
    assert [(row, column, reason) for row, column, _, reason in rejected_lines(data)] == [
        (2, "出发时间", DATE_RANGE), (2, "返回时间", DATE_RANGE), (3, "出发时间", DATE_RANGE)]


def test_an_integer_too_long_for_int64_rejects_its_row(round_dir):
    round_dir.csv("公务接待.csv", [["编号", "接待单位", "接待日期", "来访单位", "接待对象人数", "陪餐人数", "金额"],
                                ["R1", "县财政局", "2020-03-05", "市财政局", "1" * 25, "1", "300"],
                                ["R2", "县财政局", "2020-03-05", "市财政局", "2", "1", "300"]])
    data = load_round(round_dir.root)
    assert data.frames["reception"]["id"].tolist() == ["R2"]
    assert rejected_lines(data) == [(2, "接待对象人数", "1" * 25, "数值超出整数范围")]


# ------------------------------------------------------------------------ hidden sheets are never read

def _workbook(path, sheets: list[tuple[str, str, list[list]]]) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, state, rows in sheets:
        sheet = workbook.create_sheet(name)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    workbook.save(path)


CLUES_OLD = [CLUE_HEADER, ["C0", "其他", "2019-01-02", "", "未办理", None, None]]
CLUES_NOW = [CLUE_HEADER, ["C1", "其他", "2020-01-02", "", "未办理", None, None]]


def test_a_hidden_first_sheet_with_the_header_is_skipped_and_reported(round_dir):
    _workbook(round_dir.root / "问题线索.xlsx", [("旧数据", "hidden", CLUES_OLD), ("线索", "visible", CLUES_NOW),
                                              ("模板", "veryHidden", CLUES_OLD)])
    data = load_round(round_dir.root)
    report = data.reports[0]
    assert data.frames["clues"]["clue_id"].tolist() == ["C1"] and report.sheet == "线索"
    assert report.skipped_sheets == ("旧数据", "模板") and report.ok
    assert report.notes == ["已跳过隐藏的工作表「旧数据」（隐藏的工作表不读取）",
                            "已跳过隐藏的工作表「模板」（隐藏的工作表不读取）"]


def test_a_header_only_on_a_hidden_sheet_rejects_the_file_saying_why(round_dir):
    _workbook(round_dir.root / "问题线索.xlsx", [("说明", "visible", [["填表说明"]]), ("线索", "hidden", CLUES_NOW)])
    data = load_round(round_dir.root)
    assert "clues" not in data.frames
    assert "隐藏的工作表「线索」" in data.reports[0].error
    assert rejected_lines(data) == [(pd.NA, "", "", "表头只在隐藏的工作表「线索」中找到，隐藏的工作表不读取（请取消隐藏），整个文件未读取")]


def test_visible_sheets_only_no_note(round_dir):
    _workbook(round_dir.root / "问题线索.xlsx", [("线索", "visible", CLUES_NOW)])
    report = load_round(round_dir.root).reports[0]
    assert report.skipped_sheets == () and report.notes == []


# ------------------------------------------------------- one long CSV cell (csv's 128 KiB field limit)

def test_a_one_megabyte_cell_is_data(round_dir):
    long_text = "很长的说明" * 200_000
    round_dir.csv("问题线索.csv", [CLUE_HEADER, ["C1", "其他", "2020-01-02", long_text, "未办理", "", ""],
                                ["C2", "其他", "2020-01-03", "四风", "未办理", "", ""]])
    clues = load_round(round_dir.root).frames["clues"]
    assert clues["category"].str.len().tolist() == [len(long_text), 2]


def test_a_one_megabyte_cell_through_the_csv_module(round_dir):
    """A NUL byte sends the file through csv.reader, whose field limit used to reject the whole file."""
    long_text = "x" * 1_000_000
    round_dir.csv("问题线索.csv", [CLUE_HEADER + ["备注"], ["C1", "其他", "2020-01-02", long_text, "未办理", "", "", "\x00"]])
    data = load_round(round_dir.root)
    assert data.frames["clues"]["category"].str.len().tolist() == [1_000_000]
    assert data.rejected.empty
    assert csv.field_size_limit() == 131072  # the module's limit is restored


# --------------------------------------------------------------- one GBK row in a UTF-8 CSV

def _mixed_csv(round_dir, gbk_rows: dict[int, list[str]], rows: list[list[str]]) -> None:
    """A UTF-8 CSV whose lines at the given indexes are GBK."""
    lines = [",".join(row) + "\r\n" for row in rows]
    data = b"".join(line.encode("gbk" if i in gbk_rows else "utf-8") for i, line in enumerate(lines))
    (round_dir.root / "问题线索.csv").write_bytes(data)


def test_one_gbk_row_in_a_utf8_csv_rejects_that_row_with_its_line_number(round_dir):
    rows = [["问题线索登记表"], CLUE_HEADER, ["C1", "信访举报", "2020-01-02", "四风", "未办理", "", ""],
            ["C2", "信访举报", "2020-01-03", "四风", "未办理", "", ""],
            ["C3", "其他", "2020-01-04", "作风", "未办理", "", ""]]
    _mixed_csv(round_dir, {3: rows[3]}, rows)
    data = load_round(round_dir.root)
    assert data.frames["clues"]["clue_id"].tolist() == ["C1", "C3"]
    assert data.frames["clues"]["category"].tolist() == ["四风", "作风"]
    assert rejected_lines(data) == [(4, "", "", "此行不是 UTF-8 编码（文件其他行是 UTF-8，可能混入了 GBK 编码的内容），整行未读取")]
    report = data.reports[0]
    assert report.header_row == 2 and report.rejected_rows == 1 and report.rows_read == 3


def test_a_gbk_file_with_a_utf8_looking_row_is_still_gbk(round_dir):
    rows = [CLUE_HEADER, ["C1", "信访举报", "2020-01-02", "四风问题", "未办理", "", ""]]
    (round_dir.root / "问题线索.csv").write_bytes("".join(",".join(r) + "\n" for r in rows).encode("gb18030"))
    data = load_round(round_dir.root)
    assert data.frames["clues"]["category"].tolist() == ["四风问题"] and data.rejected.empty


# ------------------------------------------- a sheet whose range is absurd (calamine would abort)

def _stray_cell_workbook(path, with_data: bool, with_dimension: bool) -> None:
    import re
    import zipfile

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "线索"
    if with_data:
        for row in CLUES_NOW:
            sheet.append(row)
    sheet["XFD1048576"] = "x"  # one stray cell: 1,048,576 rows × 16,384 columns from A1
    workbook.save(path)
    if not with_dimension:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: archive.read(info.filename) for info in archive.infolist()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, re.sub(rb"<dimension ref=\"[^\"]+\"/>", b"", data))


@pytest.mark.parametrize("with_data, with_dimension", [(True, True), (False, True), (True, False)])
def test_an_absurd_sheet_range_is_refused_before_it_is_allocated(round_dir, with_data, with_dimension):
    """In a process limited to 4 GB of address space: calamine would abort reserving 512 GB (SIGABRT)."""
    _stray_cell_workbook(round_dir.root / "问题线索.xlsx", with_data, with_dimension)
    limit = 4 << 30
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "validate", str(round_dir.root)], capture_output=True, text=True,
        timeout=120, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert done.returncode == 1, done.stderr
    assert "工作表「线索」范围过大：A1:XFD1048576" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr

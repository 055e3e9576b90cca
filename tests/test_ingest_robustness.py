"""Inputs that used to stop ingest or lose a whole file: each now costs at most its own rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd

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

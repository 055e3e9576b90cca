"""Tests for toolkit.checks.calendar (非工作日, contract/checks.md)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pandas as pd
import pytest

from toolkit.checks.calendar import (
    CalendarNote,
    calendar_coverage,
    is_non_working_day,
    non_working_days,
)


def _series(*days, index=None) -> pd.Series:
    return pd.Series(pd.to_datetime(list(days), format="ISO8601"), index=index)


# --- single days -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected", "why"),
    [
        ("2020-01-19", False, "Sunday, 调休上班 before Spring Festival"),
        ("2020-06-25", True, "Thursday, 端午节"),
        ("2020-03-07", True, "plain Saturday"),
        ("2020-03-08", True, "plain Sunday"),
        ("2020-03-04", False, "plain Wednesday"),
        ("2020-09-27", False, "Sunday, 调休上班 before National Day"),
        ("2020-10-10", False, "Saturday, 调休上班 after National Day"),
        ("2020-01-01", True, "元旦"),
    ],
)
def test_is_non_working_day_known_days(day, expected, why):
    assert is_non_working_day(pd.Timestamp(day)) is expected, why
    assert is_non_working_day(dt.date.fromisoformat(day)) is expected, why
    assert is_non_working_day(dt.datetime.fromisoformat(day + " 23:59")) is expected, why
    assert is_non_working_day(day) is expected, why


def test_national_day_2020_week():
    golden_week = pd.date_range("2020-10-01", "2020-10-08", freq="D")
    assert all(is_non_working_day(d) for d in golden_week)
    assert non_working_days(pd.Series(golden_week)).all()


def test_missing_single_day_is_working():
    assert is_non_working_day(None) is False
    assert is_non_working_day(pd.NaT) is False
    notes: list[str] = []
    is_non_working_day(pd.NaT, notes)
    assert notes == []


def test_single_day_fallback_note():
    notes: list[str] = []
    assert is_non_working_day(dt.date(2099, 1, 3), notes) is True  # Saturday
    assert len(notes) == 1
    assert "2099-01-03" in notes[0] and "按周六周日判断非工作日" in notes[0]
    notes2: list[str] = []
    assert is_non_working_day(dt.date(2020, 1, 4), notes2) is True  # covered
    assert notes2 == []


# --- Series ------------------------------------------------------------------


def test_series_matches_known_days_and_keeps_index():
    index = ["r9", "r2", "r5", "r1", "r7", "r3", "r8"]
    s = _series(
        "2020-01-19 08:00",  # Sunday, working
        "2020-06-25 12:30",  # holiday
        "2020-03-07 00:00",  # Saturday
        "2020-03-04 17:45",  # Wednesday
        None,                # NaT
        "2020-09-27 09:00",  # Sunday, working
        "2020-10-10 23:59",  # Saturday, working
        index=index,
    ).rename("start_time")
    got = non_working_days(s)
    assert got.dtype == bool
    assert list(got.index) == index
    assert got.name == "start_time"
    assert got.tolist() == [False, True, True, False, False, False, False]


def test_series_duplicate_and_unsorted_index():
    s = _series("2020-10-01", "2020-10-09", "2020-10-01", index=[5, 5, 0])
    got = non_working_days(s)
    assert got.index.tolist() == [5, 5, 0]
    assert got.tolist() == [True, False, True]


def test_all_nat_and_empty():
    assert non_working_days(pd.Series([pd.NaT, pd.NaT], dtype="datetime64[ns]")).tolist() == [False, False]
    empty = non_working_days(pd.Series([], dtype="datetime64[ns]"))
    assert empty.empty and empty.dtype == bool


def test_non_datetime_inputs():
    # pandas 3 text column (str dtype): unparseable text and missing -> False
    text = pd.Series(["2020-10-01", "not a date", None, "2020-10-10"], dtype="str")
    assert non_working_days(text).tolist() == [True, False, False, False]
    # object column of datetime.date
    dates = pd.Series([dt.date(2020, 6, 25), dt.date(2020, 6, 24), None])
    assert non_working_days(dates).tolist() == [True, False, False]


def test_timezone_aware_uses_local_day():
    s = pd.Series(pd.to_datetime(["2020-10-01 01:00", "2020-09-30 23:00"]).tz_localize("Asia/Shanghai"))
    assert non_working_days(s).tolist() == [True, False]


def test_vectorised_agrees_with_scalar():
    days = pd.Series(pd.date_range("2019-12-01", "2021-02-28", freq="13h"))
    got = non_working_days(days)
    expected = [chinese_calendar.is_holiday(d.date()) for d in days]
    assert got.tolist() == expected


def test_no_note_when_covered():
    notes: list[str] = []
    non_working_days(_series("2020-10-01", "2024-02-10"), notes)
    assert notes == []


# --- fallback outside chinese-calendar's coverage -----------------------------


def test_2099_falls_back_to_weekend_with_one_note():
    s = _series(
        "2099-01-01",  # Thursday
        "2099-01-03",  # Saturday
        "2099-01-04 10:00",  # Sunday
        "2099-01-04 15:00",  # same day again
        "2099-03-04",  # Wednesday
        None,
        "2020-10-01",  # covered: 国庆
    )
    notes = ["an earlier note"]
    got = non_working_days(s, notes)
    assert got.tolist() == [False, True, True, True, False, False, True]
    assert len(notes) == 2 and notes[0] == "an earlier note"
    note = notes[1]
    assert note.startswith("节假日安排未覆盖 2099-01-01 至 2099-03-04 的日期（4 天），按周六周日判断非工作日")
    assert "2020" not in note.split(" | ")[0]


def test_fallback_without_notes_still_answers():
    assert non_working_days(_series("2099-01-03", "2099-01-05")).tolist() == [True, False]
    assert is_non_working_day("1999-10-01") is False  # Friday, before coverage


def test_calendar_note_accumulates_across_calls():
    note = CalendarNote()
    assert not note and note.message == "" and note.first is None
    non_working_days(_series("2099-05-01", "2020-05-01"), note)
    non_working_days(_series("2000-01-01"), note)
    is_non_working_day("2099-05-01", note)  # already recorded
    assert note.count == 2
    assert (note.first, note.last) == (dt.date(2000, 1, 1), dt.date(2099, 5, 1))
    assert str(note).startswith("节假日安排未覆盖 2000-01-01 至 2099-05-01 的日期（2 天）")


def test_calendar_coverage_matches_chinese_calendar():
    first, last = calendar_coverage()
    assert first == dt.date(first.year, 1, 1) and last == dt.date(last.year, 12, 31)
    assert first.year <= 2020 <= last.year
    chinese_calendar.is_workday(first)
    chinese_calendar.is_workday(last)
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(first - dt.timedelta(days=1))
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(last + dt.timedelta(days=1))

    notes: list[str] = []
    non_working_days(_series(last.isoformat()), notes)
    assert notes == []
    non_working_days(_series((last + dt.timedelta(days=1)).isoformat()), notes)
    assert len(notes) == 1

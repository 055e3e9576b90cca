"""Non-working days (非工作日) by China's official holiday arrangement.

contract/checks.md: a non-working day is a day the State Council's holiday
arrangement makes a rest day — statutory holidays, and weekends that are not
adjusted working days (调休上班). The ``chinese-calendar`` package carries the
arrangement; for a date it does not cover we fall back to Saturday/Sunday and
report it once, through an optional ``notes`` argument (a ``list[str]``, which
gets one message per call, or a :class:`CalendarNote`, which accumulates
across calls so several checks can share one message).

>>> import pandas as pd
>>> days = pd.Series(pd.to_datetime(
...     ["2020-01-19", "2020-06-25", "2020-03-07", None, "2099-01-03"]))
>>> notes = []
>>> non_working_days(days, notes).tolist()
[False, True, True, False, True]
>>> print(notes[0].split(" | ")[0])
节假日安排未覆盖 2099-01-03 的日期（1 天），按周六周日判断非工作日
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

import chinese_calendar
import pandas as pd

__all__ = [
    "CalendarNote",
    "calendar_coverage",
    "is_non_working_day",
    "non_working_days",
]


@lru_cache(maxsize=1)
def calendar_coverage() -> tuple[_dt.date, _dt.date]:
    """First and last day of the years chinese-calendar has arrangements for.

    Outside this range chinese-calendar raises NotImplementedError and we
    fall back to Saturday/Sunday.

    >>> first, last = calendar_coverage()
    >>> first
    datetime.date(2004, 1, 1)
    >>> last.month, last.day, last.year >= 2026
    (12, 31, True)
    """
    years = [d.year for d in chinese_calendar.holidays] + [d.year for d in chinese_calendar.workdays]
    return _dt.date(min(years), 1, 1), _dt.date(max(years), 12, 31)


@dataclass
class CalendarNote:
    """Dates that fell outside the holiday calendar (weekend fallback used).

    Pass one instance as ``notes`` to several calls to collect every such
    date, then report :attr:`message` once (stderr, manifest.json).

    >>> note = CalendarNote()
    >>> bool(note), note.message
    (False, '')
    >>> is_non_working_day("2099-01-04", note)   # a Sunday
    True
    >>> _ = non_working_days(pd.Series(pd.to_datetime(["2099-03-02", "2020-05-01"])), note)
    >>> bool(note), note.count, str(note.first), str(note.last)
    (True, 2, '2099-01-04', '2099-03-02')
    >>> print(note.message.split(" | ")[0])
    节假日安排未覆盖 2099-01-04 至 2099-03-02 的日期（2 天），按周六周日判断非工作日
    """

    days: set[_dt.date] = field(default_factory=set)

    def add(self, days: Iterable[_dt.date]) -> None:
        self.days.update(days)

    def __bool__(self) -> bool:
        return bool(self.days)

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def first(self) -> _dt.date | None:
        return min(self.days) if self.days else None

    @property
    def last(self) -> _dt.date | None:
        return max(self.days) if self.days else None

    @property
    def message(self) -> str:
        """Chinese, then English after `` | ``; empty when nothing fell back."""
        if not self.days:
            return ""
        first, last, n = self.first, self.last, self.count
        span_zh = f"{first}" if first == last else f"{first} 至 {last}"
        span_en = f"on {first}" if first == last else f"from {first} to {last}"
        cov_first, cov_last = calendar_coverage()
        return (
            f"节假日安排未覆盖 {span_zh} 的日期（{n} 天），按周六周日判断非工作日"
            f" | holiday calendar (chinese-calendar {chinese_calendar.__version__}, "
            f"{cov_first.year}-{cov_last.year}) does not cover {n} day(s) {span_en}; "
            "Saturdays and Sundays taken as non-working days"
        )

    def __str__(self) -> str:
        return self.message


def _classify(day: _dt.date) -> tuple[bool, bool]:
    """(non-working?, fell back to weekend?) for one calendar day."""
    first, last = calendar_coverage()
    if first <= day <= last:
        try:
            return bool(chinese_calendar.is_holiday(day)), False
        except NotImplementedError:
            pass
    return day.weekday() >= 5, True


def _record(notes: Any, fallback: list[_dt.date]) -> None:
    if notes is None or not fallback:
        return
    if isinstance(notes, CalendarNote):
        notes.add(fallback)
    else:
        notes.append(CalendarNote(set(fallback)).message)


def _as_date(day: Any) -> _dt.date | None:
    if day is None:
        return None
    if isinstance(day, _dt.datetime):  # includes pd.Timestamp; before date
        if pd.isna(day):  # NaT
            return None
        return day.date()
    if isinstance(day, _dt.date):
        return day
    try:
        ts = pd.Timestamp(day)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a date: {day!r}") from exc
    if pd.isna(ts):
        return None
    return ts.date()


def is_non_working_day(day: Any, notes: list[str] | CalendarNote | None = None) -> bool:
    """Whether *day* (date, datetime, Timestamp or ISO text) is a non-working day.

    A 调休 working weekend is a working day; a statutory holiday is not.
    None/NaT give False. Outside the calendar's coverage: Saturday/Sunday,
    and a note is added to *notes* if given.

    >>> import datetime
    >>> is_non_working_day(datetime.date(2020, 1, 19))        # Sunday, 调休上班
    False
    >>> is_non_working_day(pd.Timestamp("2020-06-25 21:15"))  # 端午节, a Thursday
    True
    >>> is_non_working_day(pd.NaT)
    False
    >>> notes = []
    >>> is_non_working_day("2099-01-05", notes), len(notes)   # a Monday, not covered
    (False, 1)
    """
    d = _as_date(day)
    if d is None:
        return False
    result, fell_back = _classify(d)
    _record(notes, [d] if fell_back else [])
    return result


def non_working_days(dates: pd.Series, notes: list[str] | CalendarNote | None = None) -> pd.Series:
    """Boolean Series, same index as *dates*: True on non-working days.

    The time of day is ignored; NaT (and text that is not a date) gives
    False. Each distinct day is looked up once. Days outside the calendar's
    coverage fall back to Saturday/Sunday; if *notes* is given, one message
    naming their range and count is added per call.

    >>> s = pd.Series(pd.to_datetime(["2020-10-01 09:00", "2020-10-10 18:30", None]),
    ...               index=[7, 3, 5])
    >>> non_working_days(s)
    7     True
    3    False
    5    False
    dtype: bool
    """
    if not isinstance(dates, pd.Series):
        dates = pd.Series(dates)
    values = dates
    if not pd.api.types.is_datetime64_any_dtype(values.dtype):
        values = pd.to_datetime(values, errors="coerce", format="mixed")
    if getattr(values.dt, "tz", None) is not None:
        values = values.dt.tz_localize(None)  # local wall-clock day
    days = values.dt.normalize()

    rest: list[pd.Timestamp] = []
    fallback: list[_dt.date] = []
    for ts in days.dropna().unique():
        ts = pd.Timestamp(ts)
        result, fell_back = _classify(ts.date())
        if result:
            rest.append(ts)
        if fell_back:
            fallback.append(ts.date())
    _record(notes, fallback)

    out = days.isin(rest) if rest else pd.Series(False, index=days.index)
    return pd.Series(out.to_numpy(dtype=bool), index=dates.index, name=dates.name, dtype=bool)

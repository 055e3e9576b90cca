"""Parse a date, date-time or month cell (part of :mod:`toolkit.ingest.values`).

Excel serials (1900 date system), date/datetime objects and the text forms of datasets.md. A date
pandas cannot store (before 1677-09-22 or after 2262-04-11, such as 1020-10-08 or 9999-12-31) is
rejected with its own reason instead of stopping ingest later.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re

import numpy as np
import pandas as pd

from toolkit.formatting import is_blank, nfkc_strip

_fold = nfkc_strip
DATE_RANGE = "日期超出可处理的范围（1677-09-22 至 2262-04-11）"


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _storable(moment: pd.Timestamp) -> pd.Timestamp:
    """The moment, if pandas can hold it as datetime64[ns]; else ValueError(DATE_RANGE)."""
    if not pd.Timestamp.min <= moment <= pd.Timestamp.max:
        raise ValueError(DATE_RANGE)
    return moment


_SERIAL_MAX = 2_958_465  # 9999-12-31
_SERIAL = re.compile(r"\d+(?:\.\d+)?", re.ASCII)
_DATE = re.compile(
    r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"|(?P<cy>\d{4})\s*年\s*(?P<cm>\d{1,2})\s*月\s*(?P<cd>\d{1,2})\s*[日号]?"
    r"|(?P<ny>\d{4})(?P<nm>\d{2})(?P<nd>\d{2})",
    re.ASCII,
)
_TIME = re.compile(
    r"(?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2})(?P<f>\.\d+)?)?"
    r"|(?P<cH>\d{1,2})\s*[时点]\s*(?:(?P<cM>\d{1,2})\s*分\s*(?:(?P<cS>\d{1,2})\s*秒)?)?",
    re.ASCII,
)


def _from_serial(serial: float, date_only: bool) -> dt.datetime:
    """Excel 1900 date system: 1 = 1900-01-01, 43831 = 2020-01-01.

    The fraction is the time of day, rounded to the nearest second; a date keeps only the whole days.
    """
    if not 1 <= serial < _SERIAL_MAX + 1:
        raise ValueError
    epoch = dt.datetime(1899, 12, 30) if serial >= 61 else dt.datetime(1899, 12, 31)
    if date_only:
        return epoch + dt.timedelta(days=math.floor(serial))
    return epoch + dt.timedelta(seconds=round(serial * 86400))


def _from_text(text: str) -> dt.datetime:
    """A date with an optional time: 2020-03-05, 2020/3/5 8:05, 2020年3月5日14时30分, 20200305."""
    match = _DATE.match(text)
    if not match:
        raise ValueError
    prefix = next(p for p in ("", "c", "n") if match[p + "y"])
    y, m, d = (int(match[prefix + k]) for k in "ymd")
    rest = text[match.end():]
    if match["ny"] and rest[:1].isdigit():
        raise ValueError
    hour = minute = second = micro = 0
    rest = rest.lstrip()
    if rest[:1] in ("T", "t"):
        rest = rest[1:]
    if rest:
        time = _TIME.fullmatch(rest)
        if not time:
            raise ValueError
        if time["H"] is not None:
            hour, minute, second = int(time["H"]), int(time["M"]), int(time["S"] or 0)
            micro = round(float(time["f"]) * 1_000_000) if time["f"] else 0
        else:
            hour, minute, second = int(time["cH"]), int(time["cM"] or 0), int(time["cS"] or 0)
    return dt.datetime(y, m, d, hour, minute, second, min(micro, 999_999))


def _to_datetime(value, date_only: bool) -> dt.datetime:
    """Any accepted date/datetime cell as a naive datetime; bare ValueError otherwise."""
    if is_blank(value) or _is_bool(value):
        raise ValueError
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None) if value.tzinfo else value
        return value.to_pydatetime()
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (numbers.Real, np.integer, np.floating, decimal.Decimal)):
        return _from_serial(float(value), date_only)
    if isinstance(value, str):
        text = _fold(value)
        if _SERIAL.fullmatch(text) and not (len(text) == 8 and text.isdigit()):
            return _from_serial(float(text), date_only)
        return _from_text(text)
    raise ValueError


def parse_date(value) -> pd.Timestamp:
    """A date (midnight Timestamp, no tz); a datetime or a time part keeps only its date.

    Accepts date/datetime objects, Excel serials (number or numeric text; 43831 =
    2020-01-01), '2020-03-05', '2020/3/5', '2020.3.5', '2020年3月5日', '20200305'.
    Raises ValueError('无法识别的日期'), or ValueError(DATE_RANGE) for a date pandas cannot store.

    >>> parse_date("2020年3月5日"), parse_date("2020/3/5 14:30"), parse_date(43831)
    (Timestamp('2020-03-05 00:00:00'), Timestamp('2020-03-05 00:00:00'), Timestamp('2020-01-01 00:00:00'))
    >>> parse_date("20200305"), parse_date("４３８３１.７５")
    (Timestamp('2020-03-05 00:00:00'), Timestamp('2020-01-01 00:00:00'))
    >>> parse_date("2020-02-30")
    Traceback (most recent call last):
    ...
    ValueError: 无法识别的日期
    >>> parse_date("1020-10-08")
    Traceback (most recent call last):
    ...
    ValueError: 日期超出可处理的范围（1677-09-22 至 2262-04-11）
    """
    try:
        moment = _to_datetime(value, date_only=True)
        day = pd.Timestamp(dt.datetime(moment.year, moment.month, moment.day))
    except (ValueError, OverflowError, ArithmeticError):
        raise ValueError("无法识别的日期") from None
    return _storable(day)


def parse_datetime(value) -> pd.Timestamp:
    """Like parse_date but keeps the time; a bare date is midnight. Seconds optional.

    Raises ValueError('无法识别的日期时间').

    >>> parse_datetime("2020-03-05 14:30"), parse_datetime("2020年3月5日14时30分")
    (Timestamp('2020-03-05 14:30:00'), Timestamp('2020-03-05 14:30:00'))
    >>> parse_datetime(43831.75), parse_datetime("2020/3/5")
    (Timestamp('2020-01-01 18:00:00'), Timestamp('2020-03-05 00:00:00'))
    """
    try:
        moment = pd.Timestamp(_to_datetime(value, date_only=False))
    except (ValueError, OverflowError, ArithmeticError):
        raise ValueError("无法识别的日期时间") from None
    return _storable(moment)


_MONTH = re.compile(r"^(\d{4})\s*(?:年\s*(\d{1,2})\s*月?|[-/.](\d{1,2})|(\d{2}))$")
BARE_YEAR = "只有年份，缺少月份"
_NOT_A_MONTH = "无法识别的月份"
_YEARS = (1000, 9999)          # a whole number of four digits is a bare year
_YEAR_MONTHS = (100000, 999999)  # six digits: YYYYMM; any other number below 100000 is an Excel serial


def _month_of_number(number: float) -> dt.datetime:
    """A number in a month column: a bare year (rejected), YYYYMM, or an Excel serial below 100000."""
    whole = float(number).is_integer()
    if whole and _YEARS[0] <= number <= _YEARS[1]:
        raise ValueError(BARE_YEAR)
    if whole and _YEAR_MONTHS[0] <= number <= _YEAR_MONTHS[1]:
        year, month = divmod(int(number), 100)
        return dt.datetime(year, month, 1)
    if number >= _YEAR_MONTHS[0]:
        raise ValueError(_NOT_A_MONTH)
    moment = _from_serial(float(number), date_only=True)
    return dt.datetime(moment.year, moment.month, 1)


def _first_of_month(value) -> dt.datetime:
    """The first day of the month a cell names; ValueError (bare, or with BARE_YEAR) otherwise."""
    if isinstance(value, str):
        text = _fold(value)
        if match := _MONTH.match(text):
            return dt.datetime(int(match[1]), int(match[2] or match[3] or match[4]), 1)
        if _SERIAL.fullmatch(text) and not (len(text) == 8 and text.isdigit()):
            return _month_of_number(float(text))
    elif isinstance(value, (numbers.Real, np.integer, np.floating, decimal.Decimal)) and not _is_bool(value):
        return _month_of_number(float(value))
    moment = _to_datetime(value, date_only=True)
    return dt.datetime(moment.year, moment.month, 1)


def parse_month(value) -> pd.Timestamp:
    """A calendar month as the Timestamp of its first day.

    Accepts '2020-03', '2020/3', '2020.03', '2020年3月', '202003' (text or number), and any date the date
    reader takes (its month), an Excel serial included. A bare year (four digits, text or number) is
    rejected; any other number below 100000 is an Excel serial.

    >>> parse_month("2020年3月"), parse_month("202003"), parse_month("2020-03-17")
    (Timestamp('2020-03-01 00:00:00'), Timestamp('2020-03-01 00:00:00'), Timestamp('2020-03-01 00:00:00'))
    >>> parse_month(202003.0), parse_month(43905), parse_month("43905")
    (Timestamp('2020-03-01 00:00:00'), Timestamp('2020-03-01 00:00:00'), Timestamp('2020-03-01 00:00:00'))
    >>> parse_month("2020-13")
    Traceback (most recent call last):
    ...
    ValueError: 无法识别的月份
    >>> parse_month(2020)
    Traceback (most recent call last):
    ...
    ValueError: 只有年份，缺少月份
    """
    try:
        first = _first_of_month(value)
    except ValueError as exc:
        raise ValueError(BARE_YEAR if str(exc) == BARE_YEAR else _NOT_A_MONTH) from None
    except (OverflowError, ArithmeticError):
        raise ValueError(_NOT_A_MONTH) from None
    return _storable(pd.Timestamp(first))

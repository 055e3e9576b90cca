"""Array parsers for the common value forms: the fast path of :mod:`toolkit.ingest.columns`.

Each parser takes many values at once and returns ``(values, ok)``: ``ok`` marks the values it
read, with exactly the result the cell parsers of :mod:`toolkit.ingest.values` give. A value it
does not read (``ok`` False) is not an error: the caller sends it through the cell parser, which
decides. So the forms below are deliberately narrow:

- text: ``str.strip`` when the text holds no BOM or zero-width character;
- numbers: ``-1,234.5``, ``12000``, ``1.2万`` (ASCII digits, optional 千/万/亿 right after);
- dates: ``2020-03-05``, ``2020/3/5``, ``2020.3.5``, ``2020年3月5日`` (or 号, or neither),
  ``20200305``, each with an optional `` hh:mm[:ss]`` or ``Thh:mm[:ss]``; Excel serials as
  numbers or as digit text; ``datetime``/``date`` objects.

Date results are ``datetime64`` in seconds (or microseconds for objects); the caller checks
them against the nanosecond range pandas stores.
"""

from __future__ import annotations

import operator
import re
from itertools import repeat

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# Characters strip_edges removes but str.strip keeps: a text holding one goes to the cell parser.
JUNK = "\ufeff\u200b\u200c\u200d\u2060"
# Control characters Excel files cannot hold (a NUL, a bell pasted from Word): removed from text by the cell parser.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A lone surrogate: a byte no encoding could read (text no file can hold); the cell parser rejects it.
SURROGATE = re.compile("[\ud800-\udfff]")
_JUNK_OR_CONTROL = re.compile(f"[{JUNK}\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

_NUMBER = r"^(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<mult>[千万亿]?)$"
_MULTIPLIERS = ["", "千", "万", "亿"]
_MULTIPLIER_VALUES = np.array([1.0, 1_000.0, 10_000.0, 100_000_000.0])
_SERIAL_TEXT = r"^\d+(?:\.\d+)?$"
_DATE = (
    r"^(?:(?P<y1>\d{4})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P<s2>[-/.])(?P<d1>\d{1,2})"
    r"|(?P<y2>\d{4})年(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]?"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2}))"
    r"(?:[ T](?P<H>\d{1,2}):(?P<M>\d{1,2})(?::(?P<S>\d{1,2}))?)?$"
)
_SERIAL_MAX = 2_958_465  # 9999-12-31
_DAY = np.timedelta64(1, "D")
_EPOCH = np.datetime64("1899-12-30", "D")  # serial 1 = 1900-01-01 (Excel's 1900-02-29 is serial 60)
_YEAR_10000 = np.datetime64("10000-01-01T00:00:00", "s")
_NS_MIN, _NS_MAX = -(2**63) + 1, 2**63 - 1  # the nanoseconds pandas stores (NaT is -2**63)
_ZERO, _NOTHING = pa.scalar("0", pa.large_string()), pa.scalar("", pa.large_string())
_NS_PER_UNIT = {"D": 86_400 * 10**9, "s": 10**9, "us": 10**3, "ns": 1}


def _texts(texts: list[str]) -> pa.Array:
    return pa.array(texts, type=pa.large_string())


def _filled(array: pa.Array, fill: float) -> np.ndarray:
    return array.to_numpy(zero_copy_only=False).astype(np.float64) if array.null_count == 0 else \
        pc.fill_null(array, fill).to_numpy(zero_copy_only=False).astype(np.float64)


def junk_mask(texts: list[str]) -> np.ndarray:
    """Which texts hold a BOM, zero-width, control character or lone surrogate (found once over the column).

    >>> junk_mask(["a", "\\ufeffb", "c\\u200b", "d\\x00"]).tolist()
    [False, True, True, True]
    """
    joined = "".join(texts)
    if joined.isprintable() or not _JUNK_OR_CONTROL.search(joined):  # isprintable: a fast first pass
        return np.zeros(len(texts), dtype=bool)
    return np.fromiter(map(bool, map(_JUNK_OR_CONTROL.search, texts)), dtype=bool, count=len(texts))


def strip_texts(texts: list[str]) -> np.ndarray:
    """``str.strip`` of every text, as an object array (exact for texts without :data:`JUNK`)."""
    out = np.empty(len(texts), dtype=object)
    out[:] = list(map(str.strip, texts))
    return out


def parse_numbers(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Plain numbers: ``-1,234.5``, ``0012``, ``1.2万`` → float64 (stripped texts in, no junk).

    >>> values, ok = parse_numbers(["1,234.5", "1.2万", "-3", "1e5", "12,34", "１２"])
    >>> values[ok].tolist(), ok.tolist()
    ([1234.5, 12000.0, -3.0], [True, True, True, False, False, False])
    """
    parts = pc.extract_regex(_texts(texts), _NUMBER)
    ok = parts.is_valid().to_numpy(zero_copy_only=False)
    if not ok.any():
        return np.full(len(texts), np.nan), ok
    digits = pc.replace_substring(pc.struct_field(parts, "num"), ",", "")
    values = _filled(pc.cast(digits, pa.float64()), np.nan)
    which = pc.index_in(pc.struct_field(parts, "mult"), value_set=pa.array(_MULTIPLIERS))
    factor = _MULTIPLIER_VALUES[pc.fill_null(which, 0).to_numpy(zero_copy_only=False)]
    values = values * factor
    ok &= np.isfinite(values)
    return values, ok


def id_numbers(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """ID numbers of 17 ASCII digits and a digit or X (a final x upper-cased), as an object array.

    >>> values, ok = id_numbers(["36220219900101123x", "362202199001011237", "3622021990010112", "３６"])
    >>> values[ok].tolist(), ok.tolist()
    (['36220219900101123X', '362202199001011237'], [True, True, False, False])
    """
    array = _texts(texts)
    ok = pc.match_substring_regex(array, r"^[0-9]{17}[0-9Xx]$").to_numpy(zero_copy_only=False)
    values = np.empty(len(texts), dtype=object)
    values[:] = pc.utf8_upper(array).to_pylist()
    return values, ok


def serial_texts(texts: list[str]) -> np.ndarray:
    """Which texts are an Excel serial (digits, optional decimals; eight bare digits are a date)."""
    array = _texts(texts)
    ok = pc.match_substring_regex(array, _SERIAL_TEXT).to_numpy(zero_copy_only=False)
    eight_digits = pc.match_substring_regex(array, r"^\d{8}$").to_numpy(zero_copy_only=False)
    return ok & ~eight_digits


def text_floats(texts: list[str]) -> np.ndarray:
    """float64 of texts already known to be numbers (``serial_texts``)."""
    return _filled(pc.cast(_texts(texts), pa.float64()), np.nan)


def serials(numbers: np.ndarray, date_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """Excel 1900 serials → datetime64[s]: 43831 = 2020-01-01, 43831.75 = 18:00 (nearest second).

    A date keeps only the whole days. Below serial 61 the epoch is a day later (Excel's 1900-02-29, serial 60,
    becomes 1900-03-01).

    >>> values, ok = serials(np.array([43831.75, 61.0, 60.0, 0.5]), date_only=False)
    >>> [str(v) for v in values[ok]], ok.tolist()
    (['2020-01-01T18:00:00', '1900-03-01T00:00:00', '1900-03-01T00:00:00'], [True, True, True, False])
    """
    numbers = np.asarray(numbers, dtype=np.float64)
    ok = (numbers >= 1) & (numbers < _SERIAL_MAX + 1)
    safe = np.where(ok, numbers, 1.0)
    epoch = np.where(safe >= 61, _EPOCH, _EPOCH + _DAY).astype("datetime64[s]")
    if date_only:
        offset = np.floor(safe).astype(np.int64) * 86_400
    else:
        offset = np.rint(safe * 86_400).astype(np.int64)
    values = epoch + offset.astype("timedelta64[s]")
    ok &= values < _YEAR_10000
    return values, ok


def parse_dates(texts: list[str], date_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """Date texts (with an optional hh:mm[:ss]) → datetime64[s]; a date keeps only its day.

    >>> values, ok = parse_dates(["2020-03-05", "2020/3/5 8:05", "2020年3月5日", "20200305 14:30:15",
    ...                           "2020-02-30", "2020-03/05", "2020-3-5 24:00"], date_only=False)
    >>> [str(v) for v in values[ok]], ok.tolist()
    (['2020-03-05T00:00:00', '2020-03-05T08:05:00', '2020-03-05T00:00:00', '2020-03-05T14:30:15'], \
[True, True, True, True, False, False, False])
    """
    parts = pc.extract_regex(_texts(texts), _DATE)
    ok = parts.is_valid().to_numpy(zero_copy_only=False)
    n = len(texts)
    if not ok.any():
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[s]"), ok

    def number(*names: str) -> np.ndarray:
        joined = pc.binary_join_element_wise(_ZERO, *(pc.struct_field(parts, k) for k in names), _NOTHING)
        return _filled(pc.cast(joined, pa.int64()), 0).astype(np.int64)

    year, month, day = number("y1", "y2", "y3"), number("m1", "m2", "m3"), number("d1", "d2", "d3")
    hour, minute, second = number("H"), number("M"), number("S")
    same_separator = pc.equal(pc.struct_field(parts, "s1"), pc.struct_field(parts, "s2"))
    ok &= pc.fill_null(same_separator, False).to_numpy(zero_copy_only=False)
    ok &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1)
    ok &= (hour <= 23) & (minute <= 59) & (second <= 59)
    months = np.where(ok, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    first = months.astype("datetime64[D]")
    next_first = (months + 1).astype("datetime64[D]")
    days = first + (np.where(ok, day, 1) - 1).astype("timedelta64[D]")
    ok &= days < next_first
    values = days.astype("datetime64[s]")
    if not date_only:
        values = values + (hour * 3600 + minute * 60 + second).astype("timedelta64[s]")
    return values, ok


def datetime_objects(objects: list, date_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """``datetime.datetime`` objects without tzinfo → datetime64[us] (a date keeps only its day)."""
    zones = map(operator.attrgetter("tzinfo"), objects)
    ok = np.fromiter(map(operator.is_, zones, repeat(None)), dtype=bool, count=len(objects))
    if ok.all():
        values = np.array(objects, dtype="datetime64[us]").reshape(-1)
    else:  # calamine gives naive datetimes: this is for other callers
        values = np.array([o.replace(tzinfo=None) for o in objects], dtype="datetime64[us]")
    if date_only:
        values = values.astype("datetime64[D]").astype("datetime64[us]")
    return values, ok


def date_objects(objects: list) -> np.ndarray:
    """``datetime.date`` objects → datetime64[D]."""
    return np.array(objects, dtype="datetime64[D]")


def within_nanoseconds(values: np.ndarray) -> np.ndarray:
    """Which datetime64 values (D, s, us or ns) pandas can hold as datetime64[ns].

    >>> within_nanoseconds(np.array(["1677-09-22", "1677-09-21", "2262-04-11", "2262-04-12"],
    ...                             dtype="datetime64[D]")).tolist()
    [True, False, True, False]
    """
    unit = np.datetime_data(values.dtype)[0]
    per = _NS_PER_UNIT[unit]
    low, high = -(-_NS_MIN // per), _NS_MAX // per
    ints = values.view(np.int64)
    return (ints >= low) & (ints <= high)

"""How the toolkit reads and writes small pieces of text: one module for every layer.

Three families, each written once:

- **Missing and Empty** — :func:`is_missing` (None, NaN, NA, NaT),
  :func:`is_blank` (also blank text), :func:`is_empty_value` and the vectorised
  :func:`is_empty` (checks.md's "Empty": blank, or 无/没有/「/」/-/—/N/A).
- **Folding** for comparisons — :func:`strip_edges`, :func:`nfkc_strip`,
  :func:`no_spaces`, :func:`fold_name` (checks.md's "same name"),
  :func:`fold_keyword`.
- **Display** for people — :func:`number`, :func:`wan`, :func:`pct`,
  :func:`ymd`, :func:`ymd_hm`, :func:`cn_date`, :func:`chinese_ordinal`,
  :func:`short`.

The house style for figures: thousands separators, at most two decimals,
no trailing zeros (``12.5``, ``1,234.57``), percentages to one decimal,
money in 万元 to two decimals. Finding messages keep the style they were
written with (``fixed=True`` where a rule prints ``12.50``), so that
findings.csv stays byte-identical across releases.

This module imports nothing of the toolkit: every layer may use it.
"""

from __future__ import annotations

import decimal
import math
import re
import unicodedata
from typing import Any, Callable

import numpy as np
import pandas as pd

#: The words checks.md counts as "empty" (compared after NFKC + strip, any case).
EMPTY_MARKERS: frozenset[str] = frozenset({"无", "没有", "/", "-", "—", "N/A"})
MISSING = "—"          # a missing figure in a table or chart
MISSING_IN_TEXT = "空"  # a missing value inside a finding message

_EMPTY_FOLDED = frozenset(m.casefold() for m in EMPTY_MARKERS)
# A run of dashes ("——" is what a Chinese IME types for a dash) is the dash marker.
_DASH_RUN = re.compile(r"[-\u2010-\u2015\u2212\u2500\u2501]+")
# Whitespace Python's str.strip() misses: BOM and zero-width characters.
_EDGE_JUNK = re.compile(r"^[\s\ufeff\u200b-\u200d\u2060]+|[\s\ufeff\u200b-\u200d\u2060]+$")


# ----------------------------------------------------------------------------- missing and Empty

def is_missing(value: Any) -> bool:
    """None, pd.NA, NaT or a float NaN (text is never missing here: see :func:`is_blank`).

    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, np.float64("nan"), "", 0)]
    [True, True, True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, (float, np.floating)):
        return math.isnan(value)
    if isinstance(value, (np.datetime64, np.timedelta64)):
        return bool(np.isnat(value))
    if isinstance(value, decimal.Decimal):
        return value.is_nan()
    return False


def is_blank(value: Any) -> bool:
    """Missing, or a string that is empty after stripping (incl. full-width space, BOM, zero-width).

    >>> [is_blank(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", " \u3000 ")]
    [True, True, True, True, True, True]
    >>> [is_blank(v) for v in (0, "0", "无", False)]
    [False, False, False, False]
    """
    if isinstance(value, str):
        return strip_edges(value) == ""
    if isinstance(value, (bool, np.bool_)):
        return False
    return is_missing(value)


def is_empty_value(value: Any) -> bool:
    """checks.md's "Empty" for one value: blank, or one of EMPTY_MARKERS (any case, after NFKC).

    A run of dashes such as ``——`` (what a Chinese input method types) counts as the dash marker.

    >>> [is_empty_value(v) for v in ("无", " 没有 ", "n/a", "Ｎ／Ａ", "／", "－", "—", "——", None)]
    [True, True, True, True, True, True, True, True, True]
    >>> [is_empty_value(v) for v in ("有", "无公函", "0", 0)]
    [False, False, False, False]
    """
    if is_blank(value):
        return True
    if not isinstance(value, str):
        return False
    text = nfkc_strip(value).casefold()
    return text in _EMPTY_FOLDED or _DASH_RUN.fullmatch(text) is not None


def per_distinct(series: pd.Series, func: Callable[[Any], Any], missing: Any, dtype: Any = object) -> np.ndarray:
    """``func`` of every value of a column, called once per distinct value; ``missing`` for a missing one.

    >>> per_distinct(pd.Series(["a", None, "a"]), str.upper, "").tolist()
    ['A', '', 'A']
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return np.array([func(u) for u in uniques] + [missing], dtype=dtype)[codes]   # code -1 (missing): the last


def is_empty(series: pd.Series) -> pd.Series:
    """checks.md's "Empty" for a whole column, computed once per distinct value.

    >>> is_empty(pd.Series(["无", " ", None, "N/a", "X函〔2020〕1号"])).tolist()
    [True, True, True, True, False]
    """
    return pd.Series(per_distinct(series, is_empty_value, True, bool), index=series.index)


def has_text(series: pd.Series) -> pd.Series:
    """Not Empty.

    >>> has_text(pd.Series(["X函〔2020〕1号", "无"])).tolist()
    [True, False]
    """
    return ~is_empty(series)


# ----------------------------------------------------------------------------- folding

def strip_edges(text: str) -> str:
    """Strip whitespace at both ends, including full-width space, BOM and zero-width characters.

    >>> strip_edges("\ufeff\u3000 5-2-3 \u200b")
    '5-2-3'
    """
    return _EDGE_JUNK.sub("", text)


def nfkc_strip(text: str) -> str:
    """NFKC (full-width digits, letters and punctuation become ASCII), stripped; − becomes -.

    >>> nfkc_strip(" １２．５％ ")
    '12.5%'
    """
    return strip_edges(unicodedata.normalize("NFKC", text)).replace("\u2212", "-")


def no_spaces(text: Any) -> str:
    """Text without any whitespace (half- and full-width); missing → ''.

    >>> no_spaces(" 青\u3000岚 县 "), no_spaces(None)
    ('青岚县', '')
    """
    if is_missing(text):
        return ""
    return "".join(str(text).split())


def fold_name(text: Any) -> str:
    """checks.md's "same name" and header matching: NFKC, no whitespace, lower case.

    >>> fold_name(" 金额（元） "), fold_name("青岚 宏达ＡＢ公司")
    ('金额(元)', '青岚宏达ab公司')
    """
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def same_name_keys(series: pd.Series) -> pd.Series:
    """checks.md's "same name" key of a whole text column (:func:`fold_name`); an Empty value (blank, 无, / …)
    and a missing one fold to '' — the empty branch, town or payee.

    >>> same_name_keys(pd.Series([" 第一 支部", "无", None, "ＡＢ村"])).tolist()
    ['第一支部', '', '', 'ab村']
    """
    keys = pd.Series(per_distinct(series, fold_name, ""), index=series.index, dtype="str")
    return keys.where(~is_empty(series), "").astype("str")


def fold_keyword(text: str) -> str:
    """NFKC and case-folded, spaces kept: for finding a keyword inside a text ('ＫＴＶ' contains 'ktv').

    >>> fold_keyword("某ＫＴＶ会所")
    '某ktv会所'
    """
    return unicodedata.normalize("NFKC", text).casefold()


# ----------------------------------------------------------------------------- display

def number(value: Any, digits: int = 2, *, fixed: bool = False, grouping: bool = True,
           missing: str = MISSING_IN_TEXT) -> str:
    """A figure for people.

    By default: thousands separators, at most ``digits`` decimals, no trailing zeros.
    With ``fixed``, whole numbers have no decimals and others exactly ``digits``.

    >>> number(12.5), number(3.0), number(1234.567), number(None), number(2.0 / 3, 1), number(-0.001)
    ('12.5', '3', '1,234.57', '空', '0.7', '0')
    >>> number(1234.0, fixed=True), number(1234.5, fixed=True), number(0.12345, 4, fixed=True)
    ('1,234', '1,234.50', '0.1235')
    >>> number(1234.5, grouping=False), number(float("nan"), missing="—")
    ('1234.5', '—')
    """
    if is_missing(value):
        return missing
    value = float(value)
    comma = "," if grouping else ""
    if fixed:
        return f"{int(value):{comma}}" if value.is_integer() else f"{value:{comma}.{digits}f}"
    text = f"{value:{comma}.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wan(yuan: Any, digits: int = 2, *, unit: str = "万元", missing: str = MISSING) -> str:
    """An amount in 元 as 万元 with ``digits`` decimals and thousands separators.

    >>> wan(12345.6), wan(123456789), wan(-5000), wan(None), wan(52000, unit=" 万元")
    ('1.23万元', '12,345.68万元', '-0.50万元', '—', '5.20 万元')
    """
    if is_missing(yuan):
        return missing
    return f"{float(yuan) / 10_000:,.{digits}f}{unit}"


def pct(fraction: Any, digits: int = 1, *, missing: str = MISSING) -> str:
    """A fraction as a percentage with one decimal.

    >>> pct(0.1234), pct(1), pct(0.6241), pct(float("nan"))
    ('12.3%', '100.0%', '62.4%', '—')
    """
    if is_missing(fraction):
        return missing
    return f"{float(fraction) * 100:.{digits}f}%"


def ymd(value: Any, *, missing: str = MISSING_IN_TEXT) -> str:
    """A date as 2020-06-30.

    >>> ymd(pd.Timestamp("2020-06-30 14:00")), ymd(pd.NaT)
    ('2020-06-30', '空')
    """
    return missing if is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


def ymd_hm(value: Any, *, missing: str = MISSING_IN_TEXT) -> str:
    """A moment as 2020-06-30 14:05.

    >>> ymd_hm(pd.Timestamp("2020-06-30 14:05:09")), ymd_hm(None)
    ('2020-06-30 14:05', '空')
    """
    return missing if is_missing(value) else pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")


def cn_date(value: Any, *, missing: str = "") -> str:
    """A date as 2020年6月30日 (no leading zeros).

    >>> cn_date(pd.Timestamp("2020-06-05")), cn_date("2021-12-31"), cn_date(pd.NaT)
    ('2020年6月5日', '2021年12月31日', '')
    """
    if is_missing(value):
        return missing
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        return missing
    return f"{ts.year}年{ts.month}月{ts.day}日"


def chinese_ordinal(number: int) -> str:
    """1…9999 → 一…九千九百九十九 (the numeral of 一是…十一是, （十二）; 一百一十, 一百零一 past 99).

    >>> [chinese_ordinal(n) for n in (1, 9, 10, 11, 20, 21, 99)]
    ['一', '九', '十', '十一', '二十', '二十一', '九十九']
    >>> [chinese_ordinal(n) for n in (100, 101, 110, 234, 1000, 1005, 1010, 2300)]
    ['一百', '一百零一', '一百一十', '二百三十四', '一千', '一千零五', '一千零一十', '二千三百']
    """
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    if number < 100:
        tens, units = divmod(number, 10)
        return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")
    unit, size = ("千", 1000) if number >= 1000 else ("百", 100)
    head, rest = divmod(number, size)
    if not rest:
        return digits[head] + unit
    gap = "零" if rest < size // 10 else ""
    tail = "一" + chinese_ordinal(rest) if 10 <= rest < 20 else chinese_ordinal(rest)
    return digits[head] + unit + gap + tail


def short(text: Any, width: int = 30) -> str:
    """A text on one line, cut to ``width`` characters with …, for messages and chart labels.

    >>> short("深化理论学习，梳理未学习的法规条例并补学", 8), short(None)
    ('深化理论学习，…', '')
    """
    text = "" if is_missing(text) else " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"

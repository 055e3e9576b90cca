"""Parse one spreadsheet cell into a typed value.

A cell comes from Excel (``str``, ``int``, ``float``, ``bool``,
``datetime.datetime``/``date``/``time`` or ``None``) or from a CSV (always
``str``). Every parser raises :class:`ValueError` whose message is a short
Chinese reason for the analyst (``不是数字``, ``无法识别的日期`` …), never an
English text.

Units and value forms follow ``datasets.md``: 万元 ↔ 元 (×10,000); 亩,
平方米 (1 亩 = 10000/15 m²) and 公顷 (= 15 亩); 公里 = 千米 = km; 升 = L.
A cell that names its own unit wins over the column's; a bare 万 is a
multiplier.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import numbers
import re
from fractions import Fraction

import numpy as np
import pandas as pd

from toolkit.formatting import EMPTY_MARKERS, is_blank, is_empty_value, nfkc_strip, strip_edges
from toolkit.ingest.dates import DATE_RANGE, parse_date, parse_datetime, parse_month
from toolkit.ingest.vector import CONTROL, SURROGATE

__all__ = [
    "EMPTY_MARKERS",
    "is_blank",
    "is_empty_marker",
    "normalise_text",
    "normalise_unit",
    "unit_factor",
    "parse_quantity",
    "parse_number",
    "parse_int",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_month",
    "DATE_RANGE",
    "TRUE_WORDS",
    "FALSE_WORDS",
]

# The Empty test and the folding of text live in toolkit.formatting, shared by every layer.
_strip = strip_edges
_fold = nfkc_strip


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


is_empty_marker = is_empty_value


_EXACT_INTEGER = 2**53  # floats hold every integer up to here
_DECIMAL_DIGITS = 40  # a Decimal with more integer digits is shown in scientific notation
_INTEGER_BITS = 10_000  # about 3,000 digits: Python refuses to print an int past 4,300


def _integer_text(number: int) -> str:
    """An int's digits; a huge one in scientific notation (``str`` would raise).

    >>> _integer_text(12), _integer_text(10 ** 5000)
    ('12', '1.000000E+5000')
    """
    if number.bit_length() < _INTEGER_BITS:
        return str(number)
    return format(decimal.Decimal(number), ".6E")


def normalise_text(value) -> str:
    """Cell -> text as the user typed it.

    Strip (incl. \u3000) and drop control characters (invisible, and refused by .xlsx files such as
    findings.xlsx); a lone surrogate (an unreadable byte) shows as U+FFFD; a float that is integral becomes its int text
    (36000007.0 -> '36000007', 1e7 -> '10000000'); int -> str; bool -> '是'/'否';
    date/datetime -> ISO text (a datetime at midnight is its date). Blank -> ''.
    Used for text columns and ids.

    >>> normalise_text(36000007.0), normalise_text(1e7), normalise_text(12), normalise_text(2.5)
    ('36000007', '10000000', '12', '2.5')
    >>> normalise_text(1.7e308), normalise_text(2.0 ** 53), normalise_text(2.0 ** 53 + 2)
    ('1.7e+308', '9007199254740992', '9007199254740994.0')
    >>> normalise_text("\u3000 5-2-3 "), normalise_text(True), normalise_text(None), normalise_text("C\\x001\\x07")
    ('5-2-3', '是', '', 'C1')
    >>> normalise_text(dt.date(2020, 3, 5)), normalise_text(dt.datetime(2020, 3, 5, 14, 30))
    ('2020-03-05', '2020-03-05 14:30:00')
    """
    if is_blank(value):
        return ""
    if isinstance(value, str):
        return _strip(SURROGATE.sub("\ufffd", CONTROL.sub("", value)))
    if _is_bool(value):
        return "是" if value else "否"
    if isinstance(value, (numbers.Integral, np.integer)):
        return _integer_text(int(value))
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if math.isfinite(value) and value.is_integer() and abs(value) <= _EXACT_INTEGER:
            return str(int(value))
        return repr(value)  # 2.5, 1.7e+308 (a float that large has no exact digits to show)
    if isinstance(value, decimal.Decimal):
        if not value.is_finite() or abs(value.adjusted()) > _DECIMAL_DIGITS:
            return str(value)  # 'NaN', '1E+999999': never expanded digit by digit
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return _strip(str(value))


# -------------------------------------------------------------------------- units

_UNIT_SPELLINGS: dict[str, str] = {
    "元": "元",
    "万元": "万元",
    "亩": "亩",
    "平方米": "平方米",
    "平米": "平方米",
    "m2": "平方米",  # also m² and ㎡ after NFKC
    "m^2": "平方米",
    "公顷": "公顷",
    "hm2": "公顷",  # also hm² after NFKC
    "hm^2": "公顷",
    "ha": "公顷",
    "公里": "km",
    "千米": "km",
    "km": "km",
    "升": "L",
    "l": "L",
}
# Longest spelling first, so that "万元" wins over "元" and "hm2" over "m2".
_UNIT_SUFFIXES = sorted(_UNIT_SPELLINGS, key=len, reverse=True)

# Each canonical unit: (dimension, size in the dimension's base unit).
_UNIT_SIZE: dict[str, tuple[str, Fraction]] = {
    "元": ("money", Fraction(1)),
    "万元": ("money", Fraction(10000)),
    "平方米": ("area", Fraction(1)),
    "亩": ("area", Fraction(10000, 15)),
    "公顷": ("area", Fraction(10000)),
    "km": ("length", Fraction(1)),
    "L": ("volume", Fraction(1)),
}


def normalise_unit(text: str) -> str | None:
    """Map a unit spelling to its canonical name, or None if not a unit we know.

    NFKC + strip + case-insensitive.

    >>> [normalise_unit(u) for u in ("元", "万元", "亩", "平米", "m²", "㎡", "hm²", "千米", "KM", "升", "l")]
    ['元', '万元', '亩', '平方米', '平方米', '平方米', '公顷', 'km', 'km', 'L', 'L']
    >>> normalise_unit("人") is None
    True
    """
    if not isinstance(text, str):
        return None
    return _UNIT_SPELLINGS.get(_fold(text).casefold().replace(" ", ""))


def _canonical_unit(unit: str) -> str:
    canonical = normalise_unit(unit)
    if canonical is None:
        raise ValueError(f"无法识别的单位：{unit}")
    return canonical


def unit_factor(from_unit: str, to_unit: str) -> float:
    """Multiplier converting a value in from_unit to to_unit.

    Takes canonical names (other spellings are normalised first). Incompatible
    units raise ValueError('单位不一致：…'); an unknown unit ValueError('无法识别的单位：…').

    >>> unit_factor("万元", "元"), unit_factor("公顷", "亩"), unit_factor("平方米", "亩"), unit_factor("km", "km")
    (10000.0, 15.0, 0.0015, 1.0)
    >>> unit_factor("亩", "元")
    Traceback (most recent call last):
    ...
    ValueError: 单位不一致：亩 不能换算为 元
    """
    src, dst = _canonical_unit(from_unit), _canonical_unit(to_unit)
    (src_dim, src_size), (dst_dim, dst_size) = _UNIT_SIZE[src], _UNIT_SIZE[dst]
    if src_dim != dst_dim:
        raise ValueError(f"单位不一致：{src} 不能换算为 {dst}")
    return float(src_size / dst_size)


# ------------------------------------------------------------------------ numbers

_NOT_A_NUMBER = "不是数字"
_ARABIC = re.compile(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?\.\d+)"
    r"\s*(?P<mult>[千万亿]?)",
    re.IGNORECASE | re.ASCII,
)
_MULTIPLIERS = {"": 1, "千": 1_000, "万": 10_000, "亿": 100_000_000}
_CN_NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿点负壹贰叁肆伍陆柒捌玖拾佰仟萬億")
_CN_ALLOWED = _CN_NUMERAL_CHARS | set("0123456789.")
_CURRENCY = ("¥", "￥")


def _finite(number: float) -> float:
    if not math.isfinite(number):
        raise ValueError(_NOT_A_NUMBER)
    return number


def _split_unit(text: str) -> tuple[str, str | None]:
    """Split a trailing unit off a folded text: ('1.2', '万元')."""
    lowered = text.casefold()
    for spelling in _UNIT_SUFFIXES:
        if lowered.endswith(spelling) and len(text) > len(spelling):
            return _strip(text[: -len(spelling)]), _UNIT_SPELLINGS[spelling]
    return text, None


def _parse_body(body: str) -> float:
    """The number in a text with no unit: Arabic (with 千/万/亿) or Chinese numerals."""
    match = _ARABIC.fullmatch(body)
    if match:
        return _finite(float(match["num"].replace(",", "")) * _MULTIPLIERS[match["mult"]])
    if body and set(body) <= _CN_ALLOWED and set(body) & _CN_NUMERAL_CHARS:
        import cn2an  # ~1 s to import: only when a cell really is written in Chinese numerals

        try:
            return _finite(float(cn2an.cn2an(body, "smart")))
        except Exception:  # cn2an raises ValueError / KeyError / IndexError with its own texts
            raise ValueError(_NOT_A_NUMBER) from None
    raise ValueError(_NOT_A_NUMBER)


def parse_quantity(value) -> tuple[float, str | None]:
    """A number and the unit the cell itself names (canonical) or None.

    Text may use thousands commas, full-width digits, a multiplier (``1.2万``,
    also 千 and 亿), Chinese numerals (``三千五百``, ``两千``) and a trailing
    unit; a leading ¥/￥ names 元. The sign is kept. Raises ValueError('不是数字').

    >>> parse_quantity("1,234.5"), parse_quantity("１２３４"), parse_quantity(" 45 ")
    ((1234.5, None), (1234.0, None), (45.0, None))
    >>> parse_quantity("1.2万"), parse_quantity("1.2万元"), parse_quantity("三千五百元")
    ((12000.0, None), (1.2, '万元'), (3500.0, '元'))
    >>> parse_quantity("12.5亩"), parse_quantity("800平方米"), parse_quantity(-5)
    ((12.5, '亩'), (800.0, '平方米'), (-5.0, None))
    >>> parse_quantity("12.3.4")
    Traceback (most recent call last):
    ...
    ValueError: 不是数字
    """
    if _is_bool(value):
        raise ValueError(_NOT_A_NUMBER)
    if isinstance(value, (numbers.Real, np.integer, np.floating, decimal.Decimal)):
        try:
            return _finite(float(value)), None
        except (OverflowError, ValueError):
            raise ValueError(_NOT_A_NUMBER) from None
    if not isinstance(value, str):
        raise ValueError(_NOT_A_NUMBER)
    text = _fold(value)
    unit = None
    if text.startswith(_CURRENCY):
        text, unit = _strip(text[1:]), "元"
    body, named = _split_unit(text)
    if named is not None:
        if unit is not None and _UNIT_SIZE[named][0] != "money":
            raise ValueError(_NOT_A_NUMBER)  # "¥12亩"
        unit = named
    return _parse_body(body), unit


def parse_number(value, unit: str | None = None) -> float:
    """parse_quantity, then convert to `unit` (the column's unit) when the cell names its own unit.

    A cell unit incompatible with the column unit raises ValueError('单位不一致：…').
    Without a column unit the number is returned as the cell states it.

    >>> parse_number("1.2万元", "元"), parse_number("1.2万", "元"), parse_number("5", "元")
    (12000.0, 12000.0, 5.0)
    >>> parse_number("3公顷", "亩"), parse_number("3000元", "万元")
    (45.0, 0.3)
    """
    number, cell_unit = parse_quantity(value)
    if cell_unit is None or unit is None:
        return number
    return number * unit_factor(cell_unit, unit)


def parse_int(value) -> int:
    """parse_quantity; the number must be integral (a unit the cell names is ignored).

    >>> parse_int("3"), parse_int(3.0), parse_int("三"), parse_int("1.2万")
    (3, 3, 3, 12000)
    >>> parse_int("2.5")
    Traceback (most recent call last):
    ...
    ValueError: 不是整数
    """
    number, _ = parse_quantity(value)
    if not number.is_integer():
        raise ValueError("不是整数")
    return int(number)


# ------------------------------------------------------------------------- bools

TRUE_WORDS = _TRUE_WORDS = frozenset({"是", "√", "✓", "✔", "有", "y", "yes", "true", "1", "1.0", "对"})
FALSE_WORDS = _FALSE_WORDS = frozenset({"否", "×", "✗", "✘", "无", "没有", "n", "no", "false", "0", "0.0", "错"})


def _number_or_none(value) -> float | None:
    """A numeric cell as a float, None when it has none (a signalling NaN, a huge Decimal)."""
    try:
        return float(value)
    except (ValueError, OverflowError, ArithmeticError):
        return None


def parse_bool(value) -> bool:
    """是/√/有/Y/yes/true/1/对 -> True; 否/×/无/没有/N/no/false/0/错 -> False.

    Raises ValueError('无法识别的是/否值') for anything else.

    >>> parse_bool("是"), parse_bool("√"), parse_bool("Yes"), parse_bool(1.0), parse_bool(True)
    (True, True, True, True, True)
    >>> parse_bool("否"), parse_bool("×"), parse_bool("无"), parse_bool("N"), parse_bool(0)
    (False, False, False, False, False)
    """
    if _is_bool(value):
        return bool(value)
    if isinstance(value, (numbers.Real, np.integer, np.floating, decimal.Decimal)):
        if _number_or_none(value) == 1:
            return True
        if _number_or_none(value) == 0:
            return False
    elif isinstance(value, str):
        text = _fold(value).casefold()
        if text in _TRUE_WORDS:
            return True
        if text in _FALSE_WORDS:
            return False
    raise ValueError("无法识别的是/否值")

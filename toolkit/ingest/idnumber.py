"""Read an ID number (身份证号) cell: the ID-number value type of datasets.md.

Text with all whitespace removed, NFKC folded (full-width digits become ASCII) and a final ``x``
upper-cased; a 15-digit old number is converted to 18 digits (``19`` after the 6th digit, the
GB 11643 check digit appended). Anything else that is not 17 digits followed by a digit or ``X``
is rejected. An Empty value (checks.md: ``无``, ``/``, ``-`` …) is empty. An ID stored as a number
with more than 15 digits is rejected: Excel keeps 15 significant digits, the rest are already lost.
Whether the check digit and the birth date are right is a check (``benefit.bad_id_number``), not
a rejection.
"""

from __future__ import annotations

import decimal
import numbers
import re
import unicodedata

import numpy as np

from toolkit.formatting import is_empty_value

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
BAD_FORM = "身份证号格式不正确（应为 18 位：17 位数字加 1 位数字或 X；或 15 位旧号码）"
STORED_AS_NUMBER = "身份证号以数字形式存储且超过 15 位，Excel 已改动其末几位（请把该列设为文本后重新录入）"
SCIENTIFIC = "身份证号已被 Excel 显示为科学计数法，末几位已丢失（请把该列设为文本后重新录入）"
EIGHTEEN = re.compile(r"[0-9]{17}[0-9X]")
FIFTEEN = re.compile(r"[0-9]{15}")
_SCIENTIFIC = re.compile(r"[0-9](?:\.[0-9]+)?E\+?[0-9]+", re.IGNORECASE)
_OLD_DIGITS = 15


def check_character(first17: str) -> str:
    """The GB 11643-1999 check character of the first 17 digits.

    >>> check_character("11010519491231002")
    'X'
    >>> check_character("36220219900101123")
    '7'
    """
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS))
    return CHECK_CHARACTERS[total % 11]


def upgrade_old(number: str) -> str:
    """A 15-digit old ID number as 18 digits: ``19`` after the 6th digit, the check character appended.

    >>> upgrade_old("362202900101123")
    '362202199001011237'
    """
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_character(first17)


def parse_id_number(value: object) -> str | None:
    """One non-blank cell → the normalised 18-character ID number, None when Empty; ValueError otherwise.

    >>> parse_id_number(" 3622 0219 9001 01123x "), parse_id_number("３６２２０２１９９００１０１１２３６")
    ('36220219900101123X', '362202199001011236')
    >>> parse_id_number("362202900101123"), parse_id_number(362202900101123.0), parse_id_number("无")
    ('362202199001011237', '362202199001011237', None)
    >>> parse_id_number(3.62202199001011e17)
    Traceback (most recent call last):
    ...
    ValueError: 身份证号以数字形式存储且超过 15 位，Excel 已改动其末几位（请把该列设为文本后重新录入）
    """
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(BAD_FORM)
    if isinstance(value, (numbers.Real, np.integer, np.floating, decimal.Decimal)):
        return _from_number(value)
    if not isinstance(value, str):
        raise ValueError(BAD_FORM)
    text = "".join(unicodedata.normalize("NFKC", value).split())
    if is_empty_value(text):
        return None
    if text[-1:] == "x":
        text = text[:-1] + "X"
    if EIGHTEEN.fullmatch(text):
        return text
    if FIFTEEN.fullmatch(text):
        return upgrade_old(text)
    if _SCIENTIFIC.fullmatch(text):
        raise ValueError(SCIENTIFIC)
    raise ValueError(BAD_FORM)


def _from_number(value: object) -> str:
    """A number cell: only a whole number of exactly 15 digits (an old ID) is readable."""
    try:
        number = value if isinstance(value, decimal.Decimal) else decimal.Decimal(
            int(value) if isinstance(value, (numbers.Integral, np.integer)) else float(value))
        whole = number.is_finite() and number == number.to_integral_value() and number > 0
    except (ArithmeticError, OverflowError, TypeError, ValueError):
        raise ValueError(BAD_FORM) from None
    if not whole:
        raise ValueError(BAD_FORM)
    digits = number.adjusted() + 1
    if digits > _OLD_DIGITS:
        raise ValueError(STORED_AS_NUMBER)
    if digits < _OLD_DIGITS:
        raise ValueError(BAD_FORM)
    return upgrade_old(str(int(number)))

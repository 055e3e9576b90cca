"""One cell → its typed value: the reference semantics of ingest.

:func:`parse_cell` decides every value form and every rejection reason. The column typer
(:mod:`toolkit.ingest.columns`) reads the common forms of a whole column with array operations and
sends every other value here, so the two always agree (``tests/test_ingest_columns.py`` proves it).
"""

from __future__ import annotations

import numpy as np

from toolkit.datasets import AREA, BOOL, CATEGORY, DATE, DATETIME, ID_NUMBER, INT, MONEY, MONTH, NUMBER, Column, fold
from toolkit.ingest import values
from toolkit.ingest.errorcells import UNREADABLE_CELLS
from toolkit.ingest.idnumber import parse_id_number
from toolkit.ingest.vector import CONTROL, SURROGATE

CONVERSION_DECIMALS = 9  # a converted value is rounded here, so 30000 元 is exactly 3.0 万元
NOT_POSITIVE = "必须大于 0"
NEGATIVE = "不能为负数"
TOO_LARGE = "数值超出整数范围"
UNREADABLE = "含有无法识别的字符（编码错误）"
# No amount, area, count or quantity of a round comes near 10^15 in its canonical unit (1000 万亿元 is
# ten times China's GDP); a larger cell is a typing or export accident, and a million of them still
# sum far below float64's limit, so no total can overflow to inf and print as "data missing".
MAX_MAGNITUDE = 1e15
TOO_BIG = "数值过大（绝对值超过 1000 万亿）"


def parse_cell(value: object, column: Column, header_unit: str | None) -> object:
    """One cell → its typed value in the column's canonical unit (None when blank).

    >>> from toolkit.datasets import DATASETS
    >>> parse_cell("1.2万", DATASETS["reception"].column("amount"), "元")
    12000.0
    >>> parse_cell("30000", DATASETS["sangong_budget"].column("budget"), "元")
    3.0
    >>> parse_cell("800平方米", DATASETS["land"].column("area_mu"), "亩")
    1.2
    """
    if isinstance(value, str) and CONTROL.search(value):
        value = CONTROL.sub("", value)  # invisible, and refused by .xlsx files: never part of a value
    if isinstance(value, str) and SURROGATE.search(value):
        raise ValueError(UNREADABLE)
    if values.is_blank(value):
        return None
    if isinstance(value, UNREADABLE_CELLS):  # an Excel error, a formula saved without its result
        raise ValueError(value.reason)
    kind = column.kind
    if kind == CATEGORY:
        return _category(value, column)
    if kind == INT:
        return _bounded(_int64(values.parse_int(value)), column)
    if kind in (NUMBER, MONEY, AREA):
        source_unit = header_unit or column.unit
        number = values.parse_number(value, source_unit)
        if column.unit and source_unit != column.unit:
            number = round(number * values.unit_factor(source_unit, column.unit), CONVERSION_DECIMALS)
        return _bounded(number, column)
    if kind == DATE:
        return values.parse_date(value)
    if kind == DATETIME:
        return values.parse_datetime(value)
    if kind == MONTH:
        return values.parse_month(value)
    if kind == BOOL:
        return values.parse_bool(value)
    if kind == ID_NUMBER:
        return parse_id_number(values.normalise_text(value) if isinstance(value, str) else value)
    return values.normalise_text(value)


def category_lookup(column: Column) -> dict[str, str]:
    """Folded spelling → category (the first category wins when two fold alike).

    >>> from toolkit.datasets import DATASETS
    >>> category_lookup(DATASETS["sangong_budget"].column("category"))["因公出国(境)费"]
    '因公出国（境）费'
    """
    lookup: dict[str, str] = {}
    for category in reversed(column.categories):
        lookup[fold(category)] = category
    return lookup


def category_reason(column: Column) -> str:
    return f"不在允许的取值内（{'、'.join(column.categories)}）"


def _category(value: object, column: Column) -> str:
    text = fold(values.normalise_text(value))
    for category in column.categories:
        if fold(category) == text:
            return category
    raise ValueError(category_reason(column))


def _int64(number: int) -> int:
    """An integer the Int64 column can hold (a longer one used to stop ingest with OverflowError)."""
    if not -(2**63) < number < 2**63:
        raise ValueError(TOO_LARGE)
    return number


def _below_minimum(column: Column) -> str:
    if column.minimum == 0:
        return NEGATIVE
    return f"不能小于 {column.minimum:g}"


def _bounded(number: float | int, column: Column) -> float | int:
    if abs(number) > MAX_MAGNITUDE:
        raise ValueError(TOO_BIG)
    if column.positive and number <= 0:
        raise ValueError(NOT_POSITIVE)
    if column.minimum is not None and number < column.minimum:
        raise ValueError(_below_minimum(column))
    return number


def bound_reasons(numbers: np.ndarray, column: Column) -> np.ndarray:
    """The rejection reason of each number under the column's bounds (None when within), as ``_bounded``.

    >>> from toolkit.datasets import DATASETS
    >>> bound_reasons(np.array([-1.0, 0.0, 2.0, 1e15, 1.7e308]), DATASETS["land"].column("area_mu")).tolist()
    ['必须大于 0', '必须大于 0', None, None, '数值过大（绝对值超过 1000 万亿）']
    """
    reasons = np.full(len(numbers), None, dtype=object)
    if column.minimum is not None:
        reasons[numbers < column.minimum] = _below_minimum(column)
    if column.positive:
        reasons[numbers <= 0] = NOT_POSITIVE
    reasons[np.abs(numbers) > MAX_MAGNITUDE] = TOO_BIG
    return reasons

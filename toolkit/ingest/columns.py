"""Type a whole column at once: each distinct value once, the common forms by array operations.

:func:`type_column` factorises the cells of a column, reads the distinct values whose form the
fast path of :mod:`toolkit.ingest.vector` knows (plain text, plain numbers, dates, Excel serials,
date objects, category and yes/no words by dictionary) and sends every other distinct value
through :func:`toolkit.ingest.cells.parse_cell`, the reference semantics. Values, blanks and
rejection reasons are therefore the cell parser's, only computed once per distinct value and,
for the common forms, without a Python call per value.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd

from toolkit.datasets import AREA, BOOL, CATEGORY, DATE, DATETIME, ID_NUMBER, INT, MONEY, MONTH, NUMBER, TEXT, Column, fold
from toolkit.formatting import is_blank, nfkc_strip
from toolkit.ingest import values as cell_values
from toolkit.ingest import vector
from toolkit.ingest.cells import CONVERSION_DECIMALS, bound_reasons, category_lookup, parse_cell

REQUIRED_EMPTY = "必填项为空"
NUMERIC_KINDS = (NUMBER, MONEY, AREA)
DATE_KINDS = (DATE, DATETIME, MONTH)
_EXACT_INT = 2**53  # integers a float64 holds exactly
_BOOL_WORDS = {**dict.fromkeys(cell_values.TRUE_WORDS, True), **dict.fromkeys(cell_values.FALSE_WORDS, False)}


@dataclass(frozen=True)
class TypedColumn:
    """A typed column: each cell's code into the typed distinct values, and each cell's rejection reason."""

    kind: str
    codes: np.ndarray            # per cell: its distinct value
    distinct: np.ndarray         # object (text, category, bool), int64 (int), float64, datetime64[ns]
    distinct_blank: np.ndarray   # bool, per distinct value
    reasons: np.ndarray          # per cell, object: why the cell is rejected, None when it is fine

    @property
    def values(self) -> np.ndarray:
        return self.distinct[self.codes]

    @property
    def blank(self) -> np.ndarray:
        return self.distinct_blank[self.codes]

    def array(self, keep: np.ndarray):
        """The kept cells as the pandas array of the accepted frame (text ``str``, int ``Int64`` …)."""
        codes = self.codes[keep]
        if self.kind == INT:
            return pd.arrays.IntegerArray(self.distinct[codes], self.distinct_blank[codes])
        if self.kind in NUMERIC_KINDS or self.kind in DATE_KINDS:
            return self.distinct[codes]
        return _pandas_array(self.kind, self.distinct, self.distinct_blank).take(codes)


def type_column(cells: np.ndarray, column: Column, header_unit: str | None) -> TypedColumn:
    """Type every cell of one column (an object array of raw cells) like ``parse_cell`` does.

    >>> from toolkit.datasets import DATASETS
    >>> typed = type_column(np.array(["1,200", "1.2万", "", "-5", "三千"], dtype=object),
    ...                     DATASETS["reception"].column("amount"), "元")
    >>> typed.values.tolist(), typed.reasons.tolist()
    ([1200.0, 12000.0, nan, -5.0, 3000.0], [None, None, '必填项为空', '不能为负数', None])
    """
    codes, uniques = factorize_cells(cells)
    distinct = _Distinct(uniques, column.kind)
    _FAST.get(column.kind, _no_fast_path)(distinct, column, header_unit)
    distinct.fallback(column, header_unit)
    reasons = distinct.reasons[codes]
    if column.required:
        reasons[distinct.blank[codes]] = REQUIRED_EMPTY
    return TypedColumn(column.kind, codes, distinct.values, distinct.blank, reasons)


def blank_cells(cells: np.ndarray) -> np.ndarray:
    """Which cells are blank (``is_blank``), computed once per distinct value.

    >>> blank_cells(np.array(["", " ", "\\u3000", None, "a", 0.0, float("nan")], dtype=object)).tolist()
    [True, True, True, True, False, False, True]
    """
    codes, uniques = factorize_cells(cells)
    distinct = _Distinct(uniques, None)
    distinct.fallback(None, None)
    return distinct.blank[codes]


def factorize_cells(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes and distinct values of raw cells; ``True``, ``1`` and ``1.0`` stay apart (pandas merges them).

    >>> codes, uniques = factorize_cells(np.array([1.0, True, 1.0, "1", None], dtype=object))
    >>> codes.tolist(), uniques.tolist()
    ([0, 1, 0, 2, 3], [1.0, True, '1', None])
    """
    cells = np.asarray(cells, dtype=object)
    codes, found = _factorize(cells)
    uniques = np.empty(len(found) + 1, dtype=object)  # the last one stands for every missing cell (code -1)
    uniques[:-1] = found
    codes[codes < 0] = len(found)
    not_text = pd.api.types.infer_dtype(uniques, skipna=False) != "string"
    if not_text and pd.Series(uniques, dtype=object).isin([0, 1]).any():  # object: text may not be storable
        is_bool = _types(cells) == bool
        codes, first = _first_occurrences(codes * 2 + is_bool)
        uniques = cells[first]
    return codes, uniques


def _factorize(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """pd.factorize; a cell that cannot be hashed (a signalling-NaN Decimal, a list) is a value of its own."""
    try:
        return pd.factorize(cells)
    except TypeError:
        keys = np.empty(len(cells), dtype=object)
        keys[:] = [cell if _hashable(cell) else _Unhashable(i) for i, cell in enumerate(cells)]
        codes, _ = pd.factorize(keys)
        present = np.flatnonzero(codes >= 0)
        _, first = np.unique(codes[present], return_index=True)
        return codes, cells[present[first]]


class _Unhashable:
    """Stands for the cell at one position in the keys :func:`_factorize` hashes."""

    def __init__(self, position: int):
        self.position = position

    def __hash__(self) -> int:
        return hash(("unhashable", self.position))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Unhashable) and other.position == self.position


def _hashable(cell: object) -> bool:
    try:
        hash(cell)
    except TypeError:
        return False
    return True


def _first_occurrences(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, _ = pd.factorize(keys)
    _, first = np.unique(codes, return_index=True)
    return codes, first


def _types(items: np.ndarray) -> np.ndarray:
    return np.fromiter(map(type, items), dtype=object, count=len(items))


def _empty_values(kind: str | None, n: int) -> np.ndarray:
    if kind == INT:
        return np.zeros(n, dtype=np.int64)
    if kind in NUMERIC_KINDS:
        return np.full(n, np.nan)
    if kind in DATE_KINDS:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    return np.full(n, None, dtype=object)


class _Distinct:
    """The distinct values of a column, grouped by Python type, with their typed values as they are found."""

    def __init__(self, uniques: np.ndarray, kind: str | None):
        n = len(uniques)
        self.uniques, self.kind = uniques, kind
        self.values = _empty_values(kind, n)
        self.reasons = np.full(n, None, dtype=object)
        self.blank = np.zeros(n, dtype=bool)
        self.done = np.zeros(n, dtype=bool)
        types = _types(uniques)
        self._group_strings(np.flatnonzero(types == str))
        others = np.flatnonzero(types != str)
        missing = pd.isna(uniques[others])
        self.blank[others[missing]] = self.done[others[missing]] = True
        others = others[~missing]
        kinds = types[others]
        floats, ints = others[kinds == float], others[kinds == int]
        ints = ints[[abs(v) < _EXACT_INT for v in uniques[ints]]]  # calamine gives floats: ints are rare
        self.numbers = np.concatenate([floats, ints])
        self.number_values = np.array(uniques[self.numbers].tolist(), dtype=np.float64).reshape(-1)
        finite = np.isfinite(self.number_values)
        self.numbers, self.number_values = self.numbers[finite], self.number_values[finite]
        self.bools = others[kinds == bool]
        self.datetimes = others[kinds == dt.datetime]
        self.dates = others[kinds == dt.date]

    def _group_strings(self, strings: np.ndarray) -> None:
        """Blank texts are done; the others without junk characters are ``strings``, stripped."""
        raw = self.uniques[strings].tolist()
        clean = strings[~vector.junk_mask(raw)]
        stripped = vector.strip_texts(self.uniques[clean].tolist())
        empty = stripped == ""
        self.blank[clean[empty]] = self.done[clean[empty]] = True
        self.strings, self.stripped = clean[~empty], stripped[~empty]

    def accept(self, index: np.ndarray, typed, reasons: np.ndarray | None = None) -> None:
        self.values[index] = typed
        if reasons is not None:
            self.reasons[index] = reasons
        self.done[index] = True

    def reject(self, index: np.ndarray, reason: str) -> None:
        self.reasons[index] = reason
        self.done[index] = True

    def fallback(self, column: Column | None, header_unit: str | None) -> None:
        """Every distinct value the fast path did not read, through the cell parser (no column: is_blank)."""
        for i in np.flatnonzero(~self.done):
            if column is None:
                self.blank[i] = is_blank(self.uniques[i])
                continue
            try:
                typed = parse_cell(self.uniques[i], column, header_unit)
            except ValueError as exc:
                self.reasons[i] = str(exc)
                continue
            if typed is None:
                self.blank[i] = True
            else:
                self.values[i] = _storable(self.kind, typed)
        self.done[:] = True


def _storable(kind: str, typed: object) -> object:
    if kind in DATE_KINDS:
        moment = np.datetime64(typed.to_datetime64())
        if not vector.within_nanoseconds(np.array([moment])).all():
            raise pd.errors.OutOfBoundsDatetime(f"Out of bounds nanosecond timestamp: {typed}")
        return moment
    return typed


# ------------------------------------------------------------------------------------- fast paths

def _no_fast_path(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    """Months: few distinct values, all through the cell parser."""


def _fast_text(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    distinct.accept(distinct.strings, distinct.stripped)
    numbers = distinct.number_values
    whole = (np.floor(numbers) == numbers) & (np.abs(numbers) < 1e15)
    texts = np.empty(int(whole.sum()), dtype=object)
    texts[:] = list(map(str, numbers[whole].astype(np.int64).tolist()))
    distinct.accept(distinct.numbers[whole], texts)


def _fast_category(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    lookup = category_lookup(column)
    found = np.empty(len(distinct.strings), dtype=object)
    found[:] = list(map(lookup.get, map(fold, distinct.stripped)))
    known = np.not_equal(found, None)
    distinct.accept(distinct.strings[known], found[known])


def _fast_bool(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    found = np.empty(len(distinct.strings), dtype=object)
    found[:] = list(map(_BOOL_WORDS.get, map(str.casefold, map(nfkc_strip, distinct.stripped))))
    known = np.not_equal(found, None)
    distinct.accept(distinct.strings[known], found[known])
    numbers = distinct.number_values
    for number, flag in ((1.0, True), (0.0, False)):
        distinct.accept(distinct.numbers[numbers == number], flag)
    distinct.accept(distinct.bools, distinct.uniques[distinct.bools])


def _numbers(distinct: _Distinct) -> tuple[np.ndarray, np.ndarray]:
    """Index and float64 of the distinct values that are plain numbers (text or cell)."""
    parsed, ok = vector.parse_numbers(distinct.stripped.tolist())
    index = np.concatenate([distinct.strings[ok], distinct.numbers])
    return index, np.concatenate([parsed[ok], distinct.number_values])


def _fast_number(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    source_unit = header_unit or column.unit
    factor = None
    if column.unit and source_unit != column.unit:
        try:
            factor = cell_values.unit_factor(source_unit, column.unit)
        except ValueError:
            return  # every cell gets the cell parser's reason
    index, numbers = _numbers(distinct)
    if factor is not None:
        rounded = map(round, (numbers * factor).tolist(), repeat(CONVERSION_DECIMALS))
        numbers = np.fromiter(rounded, dtype=np.float64, count=len(numbers))
    distinct.accept(index, numbers, bound_reasons(numbers, column))


def _fast_int(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    index, numbers = _numbers(distinct)
    whole = np.floor(numbers) == numbers
    distinct.reject(index[~whole], "不是整数")
    exact = whole & (np.abs(numbers) < _EXACT_INT)
    integers = numbers[exact].astype(np.int64)
    distinct.accept(index[exact], integers, bound_reasons(integers, column))


def _fast_dates(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    date_only = column.kind == DATE
    serial = vector.serial_texts(distinct.stripped.tolist())
    as_serials, serial_ok = vector.serials(vector.text_floats(distinct.stripped[serial].tolist()), date_only)
    as_dates, date_ok = vector.parse_dates(distinct.stripped[~serial].tolist(), date_only)
    candidates = [
        (distinct.strings[serial], as_serials, serial_ok),
        (distinct.strings[~serial], as_dates, date_ok),
        (distinct.numbers, *vector.serials(distinct.number_values, date_only)),
        (distinct.datetimes, *vector.datetime_objects(distinct.uniques[distinct.datetimes].tolist(), date_only)),
        (distinct.dates, vector.date_objects(distinct.uniques[distinct.dates].tolist()),
         np.ones(len(distinct.dates), dtype=bool)),
    ]
    for index, moments, ok in candidates:
        ok = ok & vector.within_nanoseconds(moments)
        distinct.accept(index[ok], moments[ok].astype("datetime64[ns]"))


def _fast_id_number(distinct: _Distinct, column: Column, header_unit: str | None) -> None:
    """ID numbers already in their 18-character form (a lower-case final x upper-cased); the rest by the cell parser."""
    upper, ok = vector.id_numbers(distinct.stripped.tolist())
    distinct.accept(distinct.strings[ok], upper[ok])


_FAST = {
    ID_NUMBER: _fast_id_number, INT: _fast_int, NUMBER: _fast_number, MONEY: _fast_number, AREA: _fast_number,
    DATE: _fast_dates, DATETIME: _fast_dates, BOOL: _fast_bool, CATEGORY: _fast_category, TEXT: _fast_text,
}


def _pandas_array(kind: str, values: np.ndarray, blank: np.ndarray):
    if kind == INT:
        return pd.arrays.IntegerArray(values, blank.copy())
    if kind in NUMERIC_KINDS or kind in DATE_KINDS:
        return values
    if kind == BOOL:
        return pd.array(values, dtype="boolean")
    return pd.array(values, dtype="str")


def empty_array(kind: str, n: int):
    """An all-missing column of the kind's dtype (an optional column the file does not have)."""
    return _pandas_array(kind, _empty_values(kind, n), np.ones(n, dtype=bool))


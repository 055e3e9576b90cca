"""Fuzzing the cell parsers and the column typer: any value gives a typed value or a Chinese reason.

Hypothesis draws anything a reader could hand over and more — any text (surrogates and control
characters too), any float (nan, ±inf, -0.0, 1.7e308), ints far past int64, bools, naive and aware
datetimes, dates, times, Decimals, numpy scalars, Excel error cells, unhashable objects — and every
parser of :mod:`toolkit.ingest.values` and :mod:`toolkit.ingest.dates`, :func:`parse_cell` for every
column of every dataset and :func:`type_column` over whole columns must either return a value of the
kind's type or reject it with a :class:`ValueError` whose message is Chinese. Nothing else.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.datasets import AREA, BOOL, CATEGORY, DATASETS, DATE, DATETIME, INT, MONEY, MONTH, NUMBER
from toolkit.ingest import dates, values
from toolkit.ingest.cells import MAX_MAGNITUDE, parse_cell
from toolkit.ingest.columns import type_column
from toolkit.ingest.errorcells import ExcelError, UncachedFormula
from toolkit.ingest.vector import CONTROL

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
CHINESE = re.compile(r"[\u4e00-\u9fff]")
COLUMNS = [column for dataset in DATASETS.values() for column in dataset.columns]
UNITS = [None, "元", "万元", "亩", "平方米", "公顷", "km", "L"]

number_like = st.text(alphabet="0123456789.,-+eE万亿千元年月日号时分秒:/ T１２３４５６７８９０．，亩米￥¥", max_size=24)
any_text = st.one_of(st.text(max_size=30), number_like,
                     st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12))
scalars = st.one_of(
    any_text,
    st.floats(),  # nan, ±inf, -0.0, subnormals, 1.7e308
    st.integers(), st.integers(-(10**400), 10**400), st.booleans(),
    st.datetimes(), st.datetimes(timezones=st.timezones()), st.dates(), st.times(), st.timedeltas(),
    st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
    st.fractions(),
    st.sampled_from([None, pd.NA, pd.NaT, np.float64("nan"), np.float32(3.4e38), np.int64(-(2**63)),
                     np.uint64(2**64 - 1), np.bool_(True), np.datetime64("NaT"), np.datetime64("9999-12-31"),
                     np.datetime64("0001-01-01"), pd.Timestamp("2020-01-01", tz="Asia/Shanghai"),
                     decimal.Decimal("1E+999999"), -0.0, 2958465.99999, ExcelError("#N/A"), ExcelError(""),
                     UncachedFormula("SUM(A1:A2)"), b"bytes", "\x00", "\ufeff", "a\udc80b", "\ud800", "1e400",
                     "-1.7e308", "9" * 400]),
)
anything = st.one_of(scalars, st.sampled_from([[1, 2], {"a": 1}, bytearray(b"1"), object()]))


def assert_chinese(error: ValueError) -> None:
    assert CHINESE.search(str(error)), repr(error)


def _quantity(value) -> None:
    number, unit = values.parse_quantity(value)
    assert isinstance(number, float) and math.isfinite(number) and unit in UNITS


def _number(value) -> None:
    assert math.isfinite(values.parse_number(value, "万元"))


def _integer(value) -> None:
    assert type(values.parse_int(value)) is int


def _yes_no(value) -> None:
    assert type(values.parse_bool(value)) is bool


def _date(value) -> None:
    day = dates.parse_date(value)
    assert day == day.normalize() and day.tzinfo is None


def _datetime(value) -> None:
    assert dates.parse_datetime(value).tzinfo is None


def _month(value) -> None:
    first = dates.parse_month(value)
    assert first.day == 1 and first == first.normalize()


PARSERS = (_quantity, _number, _integer, _yes_no, _date, _datetime, _month)


@FUZZ
@given(scalars)
def test_every_cell_parser_types_or_rejects_in_chinese(value):
    for check in PARSERS:
        try:
            check(value)
        except ValueError as error:
            assert_chinese(error)


@FUZZ
@given(anything)
def test_normalise_text_is_always_a_clean_text(value):
    text = values.normalise_text(value)
    assert isinstance(text, str) and text == text.strip() and not CONTROL.search(text)
    assert text == "" or not values.is_blank(value)


KIND_TYPES = {INT: int, BOOL: bool, DATE: pd.Timestamp, DATETIME: pd.Timestamp, MONTH: pd.Timestamp}


@FUZZ
@given(scalars, st.sampled_from(COLUMNS), st.sampled_from(UNITS))
def test_parse_cell_gives_the_kind_or_a_chinese_reason(value, column, header_unit):
    try:
        typed = parse_cell(value, column, header_unit)
    except ValueError as error:
        assert_chinese(error)
        return
    if typed is None:  # blank, once the control characters are gone
        assert values.is_blank(CONTROL.sub("", value) if isinstance(value, str) else value)
    elif column.kind in (NUMBER, MONEY, AREA):
        assert isinstance(typed, float) and abs(typed) <= MAX_MAGNITUDE
    elif column.kind == CATEGORY:
        assert typed in column.categories
    elif column.kind in KIND_TYPES:
        assert type(typed) is KIND_TYPES[column.kind] or isinstance(typed, KIND_TYPES[column.kind])
    else:
        assert isinstance(typed, str) and typed


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(anything, min_size=1, max_size=10), st.sampled_from(COLUMNS), st.sampled_from(UNITS))
def test_the_column_typer_only_rejects(cells, column, header_unit):
    array = np.empty(len(cells), dtype=object)
    array[:] = cells
    typed = type_column(array, column, header_unit)
    assert all(reason is None or CHINESE.search(reason) for reason in typed.reasons)
    accepted = np.equal(typed.reasons, None)
    column_array = typed.array(accepted)
    assert len(column_array) == accepted.sum()
    if column.kind in (NUMBER, MONEY, AREA):
        kept = typed.values[accepted & ~typed.blank]
        assert np.isfinite(kept).all() and (np.abs(kept) <= MAX_MAGNITUDE).all()

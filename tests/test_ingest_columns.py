"""The column-wise typer agrees with the per-cell parser on every value form (property-based).

``type_column`` reads the common forms of a column with array operations and sends the rest
through ``parse_cell``; here hypothesis draws columns mixing every form the contract allows —
and the awkward ones — for every column kind, and the typed values, blanks and rejection reasons
must be exactly those of ``parse_cell`` applied to each cell.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.datasets import AREA, BOOL, CATEGORY, DATASETS, DATE, DATETIME, INT, MONEY, MONTH, NUMBER, TEXT, Column
from toolkit.ingest.cells import parse_cell
from toolkit.ingest.columns import REQUIRED_EMPTY, blank_cells, factorize_cells, type_column
from toolkit.ingest.values import is_blank

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _forms():
    """tests/ingest_forms.py (test modules do not import each other under --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("ingest_forms", Path(__file__).with_name("ingest_forms.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


forms = _forms()
COLUMNS, KINDS, UNITS, cells_for = forms.COLUMNS, forms.KINDS, forms.UNITS, forms.cells_for
columns_and_cells = forms.columns_and_cells


def test_every_kind_is_drawn():
    assert {c.kind for c in COLUMNS} == KINDS


# --------------------------------------------------------------------------------- reference

def reference(cells: list, column: Column, header_unit: str | None) -> tuple[list, list, list]:
    """parse_cell on every cell, as ingest did cell by cell."""
    typed, blank, reasons = [], [], []
    for cell in cells:
        try:
            value = parse_cell(cell, column, header_unit)
        except ValueError as exc:
            typed.append(None), blank.append(False), reasons.append(str(exc))
            continue
        typed.append(value), blank.append(value is None)
        reasons.append(REQUIRED_EMPTY if value is None and column.required else None)
    return typed, blank, reasons


def same_value(got, want, kind: str) -> bool:
    if kind in (NUMBER, MONEY, AREA):
        return math.isclose(got, want, rel_tol=0, abs_tol=0) or (np.isnan(got) and np.isnan(want))
    if kind in (DATE, DATETIME, MONTH):
        return pd.Timestamp(got) == want
    if kind == INT:
        return int(got) == want and type(want) is int
    return got == want and type(got) is type(want)


def assert_agrees(column: Column, header_unit: str | None, cells: list) -> None:
    array = np.array(cells + [None], dtype=object)[:-1]
    typed, blank, reasons = reference(cells, column, header_unit)
    got = type_column(array, column, header_unit)
    assert got.reasons.tolist() == reasons, list(zip(cells, got.reasons.tolist(), reasons))
    assert got.blank.tolist() == blank, list(zip(cells, got.blank.tolist(), blank))
    for cell, value, want, reason in zip(cells, got.values, typed, reasons):
        if want is not None and reason is None:
            assert same_value(value, want, column.kind), (cell, value, want)


@PROPERTY
@given(columns_and_cells())
def test_column_typer_agrees_with_parse_cell(drawn):
    column, header_unit, cells = drawn
    assert_agrees(column, header_unit, cells)


@pytest.mark.parametrize("column", COLUMNS, ids=lambda c: f"{c.kind}-{c.name}")
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_column_kind_agrees(column, data):
    header_unit = data.draw(st.sampled_from(UNITS)) if column.kind in (NUMBER, MONEY, AREA, INT) else None
    cells = data.draw(st.lists(cells_for(column), min_size=1, max_size=20))
    assert_agrees(column, header_unit, cells)


# --------------------------------------------------------------------------------- examples

AMOUNT = DATASETS["reception"].column("amount")
BUDGET = DATASETS["sangong_budget"].column("budget")
AREA_MU = DATASETS["land"].column("area_mu")
GUESTS = DATASETS["reception"].column("guests")
INVOICE = DATASETS["reception"].column("invoice_no")
RECEIVED = DATASETS["clues"].column("received_on")
START = DATASETS["vehicle_trips"].column("start_time")
ACCOUNTABLE = DATASETS["cases"].column("accountability")
SOURCE = DATASETS["clues"].column("source")
OPTIONAL_ID = DATASETS["allowances"].column("id_number")
REQUIRED_ID = DATASETS["benefits"].column("id_number")
ID_FORMS = ["36220219900101123x", "362202199001011237", " 3622 0219 9001 0112 37 ", "３６２２０２１９９００１０１１２３７",
            "362202900101123", 362202900101123.0, 3.62202199001011e17, 3622021990010112.0, "3.62202E+17", "无", "/",
            "3622021990010112", "36220219900101123A", True, dt.date(2020, 3, 5), "", None, "\ufeff362202199001011237"]


@pytest.mark.parametrize("column, unit, cells", [
    (AMOUNT, "元", ["1.2万", "1.2万元", "三千五百", "两千", "１２３４", "1,234.5", "¥12", "-5", "", "abc", 300.0]),
    (BUDGET, "元", ["30000", "3万", "1.5万元", 20000.0, "12", "0"]),
    (BUDGET, "亩", ["30000", "1.2万元"]),
    (AREA_MU, "平方米", ["800", "800平方米", "1公顷", "0", "-1", 6666.6667]),
    (GUESTS, None, ["3", 3.0, "2.5", "三", "1.2万", "0", True, 1.0, "1"]),
    (INVOICE, None, [36000007.0, "36000007", 1e7, 2.5, True, 1.0, "\ufeff12", "\u3000X\u3000", dt.date(2020, 3, 5)]),
    (RECEIVED, None, ["2020年3月5日", "2020/3/5", "2020.03.05", "20200305", 43895, "43895", "43831.75", 43831.75,
                      dt.datetime(2020, 3, 5, 14, 30), dt.date(2020, 3, 5), "2020-02-30", "无", True, "1"]),
    (START, None, ["2020/3/5 8:05", 43831.75, "43831.75", "2020年3月5日14时30分", "2020-03-05T08:00",
                   dt.datetime(2020, 3, 5, 14, 30, 15, 250000), "2020-03-05 8:05:09.5", "20200305 14:30"]),
    (ACCOUNTABLE, None, ["是", "否", "√", "无", 1.0, 0.0, True, False, 1, "也许", 2.0]),
    (SOURCE, None, ["信访举报", " 信访举报 ", "巡视 巡察", "外星人", 1.0]),
    (OPTIONAL_ID, None, ID_FORMS),
    (REQUIRED_ID, None, ID_FORMS),
])
def test_awkward_forms_agree(column, unit, cells):
    assert_agrees(column, unit, cells)


def test_true_one_and_one_point_zero_stay_apart():
    codes, uniques = factorize_cells(np.array([1.0, True, 1, "1", False, 0.0, None], dtype=object))
    assert [type(u).__name__ for u in uniques[codes]] == ["float", "bool", "float", "str", "bool", "float",
                                                           "NoneType"]
    typed = type_column(np.array([1.0, True, "1"], dtype=object), INVOICE, None)
    assert typed.values.tolist() == ["1", "是", "1"]


def test_blank_cells_matches_is_blank():
    cells = [None, "", " ", "\u3000", "\ufeff", "\u200b\u3000", float("nan"), pd.NaT, 0.0, "0", "无", False]
    assert blank_cells(np.array(cells, dtype=object)).tolist() == [is_blank(c) for c in cells]


def test_typed_dtypes():
    assert str(type_column(np.array(["3"], dtype=object), GUESTS, None).array(np.array([True])).dtype) == "Int64"
    assert str(type_column(np.array(["是"], dtype=object), ACCOUNTABLE, None).array(np.array([True])).dtype) == "boolean"
    assert str(type_column(np.array(["x"], dtype=object), INVOICE, None).array(np.array([True])).dtype) == "str"
    assert type_column(np.array(["2020-01-01"], dtype=object), RECEIVED, None).values.dtype == "datetime64[ns]"

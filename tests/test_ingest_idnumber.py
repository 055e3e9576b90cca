"""The ID-number value type of datasets.md: normalised text, old numbers upgraded, bad forms rejected with a reason."""

from __future__ import annotations

import numpy as np
import pytest

from toolkit.datasets import DATASETS
from toolkit.ingest.cells import parse_cell
from toolkit.ingest.columns import REQUIRED_EMPTY, type_column
from toolkit.ingest.idnumber import BAD_FORM, SCIENTIFIC, STORED_AS_NUMBER, check_character, upgrade_old

OPTIONAL = DATASETS["allowances"].column("id_number")
REQUIRED = DATASETS["benefits"].column("id_number")


def test_check_character_follows_gb_11643():
    assert check_character("11010519491231002") == "X"  # the standard's example 11010519491231002X
    assert check_character("36220219900101123") == "7"


@pytest.mark.parametrize("cell, expected", [
    ("362202199001011237", "362202199001011237"),
    ("11010519491231002x", "11010519491231002X"),
    (" 3622 0219 9001 0112 37\u3000", "362202199001011237"),
    ("３６２２０２１９９００１０１１２３７", "362202199001011237"),
    ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
    ("362202199001011230", "362202199001011230"),     # wrong check digit: a check, not a rejection
    ("362202199002301231", "362202199002301231"),     # 30 February: a check, not a rejection
    ("362202900101123", upgrade_old("362202900101123")),
    (362202900101123.0, "362202199001011237"),        # a 15-digit number is exact in Excel
])
def test_valid_forms_normalise(cell, expected):
    assert parse_cell(cell, OPTIONAL, None) == expected


def test_old_number_gets_nineteen_and_its_check_character():
    assert upgrade_old("362202900101123") == "362202199001011237"


@pytest.mark.parametrize("cell, reason", [
    ("36220219900101123", BAD_FORM),       # 17 characters
    ("3622021990010112377", BAD_FORM),     # 19
    ("3622021990010112", BAD_FORM),        # 16
    ("36220219900101123A", BAD_FORM),
    ("3622021990010x1237", BAD_FORM),      # an x not at the end
    ("3.62202199001011E+17", SCIENTIFIC),
    (3.62202199001011e17, STORED_AS_NUMBER),
    (3622021990010112.0, STORED_AS_NUMBER),  # 16 digits as a number
    (362202199001011237, STORED_AS_NUMBER),
    (36220219900101.0, BAD_FORM),          # 14 digits
    (362202900101123.5, BAD_FORM),
    (True, BAD_FORM),
])
def test_bad_forms_rejected_with_a_chinese_reason(cell, reason):
    with pytest.raises(ValueError) as raised:
        parse_cell(cell, OPTIONAL, None)
    assert str(raised.value) == reason


def test_stored_as_number_reason_says_excel_changed_the_digits():
    assert "Excel 已改动" in STORED_AS_NUMBER and "15 位" in STORED_AS_NUMBER


@pytest.mark.parametrize("cell", ["无", "/", "-", "没有", "N/A", "——", "", None])
def test_empty_in_optional_column_is_empty(cell):
    typed = type_column(np.array([cell], dtype=object), OPTIONAL, None)
    assert typed.reasons.tolist() == [None] and typed.blank.tolist() == [True]


def test_empty_in_required_column_is_required_empty():
    typed = type_column(np.array(["无", "362202199001011237"], dtype=object), REQUIRED, None)
    assert typed.reasons.tolist() == [REQUIRED_EMPTY, None]


def test_column_is_text_with_missing_for_empty():
    typed = type_column(np.array(["36220219900101123x", "无"], dtype=object), OPTIONAL, None)
    array = typed.array(np.array([True, True]))
    assert str(array.dtype) == "str" and array[0] == "36220219900101123X" and array.isna().tolist() == [False, True]

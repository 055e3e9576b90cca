"""The 责任单位 split, one cell at a time and for a whole column."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import ledger

CELLS = ["县委办、县政府办", " 县委办 ，县财政局；", "无", None, "", "县纪委监委;县委办 ,", "——", "县委办、无、/",
         "Ｎ／Ａ", "县委办，，县政府办", "  ", "县财政局"]


def test_split_units_trims_and_drops_empty_pieces():
    assert ledger.split_units("县委办、县政府办， 县纪委监委；无") == ["县委办", "县政府办", "县纪委监委"]
    assert ledger.split_units(" 县委办 ，县财政局；") == ["县委办", "县财政局"]
    assert ledger.split_units("——") == [] and ledger.split_units(None) == []


def test_unit_names_equals_split_units_cell_by_cell():
    names = ledger.unit_names(pd.Series(CELLS, dtype="str"))
    expected = [(i, name) for i, cell in enumerate(CELLS) for name in ledger.split_units(cell)]
    assert list(zip(names.index, names)) == expected


def test_unit_names_keeps_the_frame_index():
    units = pd.Series(["县委办、县政府办", None], index=[10, 20], dtype="str")
    assert ledger.unit_names(units).index.tolist() == [10, 10]

"""Fuzzing the header matcher and a sheet's rows: any grid of cells gives a header or none, never an exception.

Rows mix header words of every dataset (with units, stray brackets, BOMs, full-width forms) with any
cell a reader could hand over; the matcher must find a header holding every required column within
the first 30 rows, or say which required columns are missing. When a header is found, typing the
rows below it must account for each one: accepted, or rejected with a reason.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.datasets import DATASETS
from toolkit.ingest.columns import blank_cells
from toolkit.ingest.errorcells import ExcelError
from toolkit.ingest.grid import rows_grid
from toolkit.ingest.read import HEADER_SEARCH_ROWS, Sheet, find_header, match_header, repeated_columns, split_header
from toolkit.ingest.validate import Rejections, apply_row_rules, reject_duplicate_ids, type_sheet

FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
WORDS = sorted({spelling for d in DATASETS.values() for c in d.columns for spelling in (c.name, c.zh, *c.aliases)})

header_words = st.one_of(
    st.sampled_from(WORDS),
    st.tuples(st.sampled_from(WORDS), st.sampled_from(["（元）", "(万元)", "/平方米", "（", ")", "（人）", "/", "()"]))
    .map("".join),
    st.sampled_from(WORDS).map(lambda w: f"\ufeff{w}\u3000"),
    st.sampled_from(WORDS).map(lambda w: w.upper()),
)
cells = st.one_of(
    header_words, st.text(max_size=10), st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=6),
    st.none(), st.floats(), st.integers(), st.booleans(), st.datetimes(), st.dates(), st.times(),
    st.sampled_from([ExcelError("#N/A"), "", " ", "2020-01-02", "300", "1.7e308", "是", "未办理", "信访举报"]),
)
rows = st.lists(st.lists(cells, max_size=9), max_size=8)


@FUZZ
@given(rows, st.sampled_from(list(DATASETS.values())))
def test_a_row_of_any_cells_matches_columns_or_none(grid_rows, dataset):
    for row in grid_rows:
        named = match_header(row, dataset)
        assert len({c.column.name for c in named}) == len(named)
        assert all(isinstance(row[c.position], str) for c in named)
        for name, repeated in repeated_columns(row, dataset).items():
            assert len(repeated) > 1 and {c.column.name for c in repeated} == {name}
        for cell in row:
            if isinstance(cell, str):
                folded, unit = split_header(cell)
                assert isinstance(folded, str) and (unit is None or isinstance(unit, str))


@FUZZ
@given(rows, st.sampled_from(list(DATASETS.values())), st.integers(0, 34))
def test_a_grid_gives_a_header_or_the_missing_columns(grid_rows, dataset, title_rows):
    grid = rows_grid([["标题"]] * title_rows + [list(r) for r in grid_rows])
    header, missing = find_header(Sheet("表", grid), dataset)
    required = {c.name for c in dataset.required}
    if header is None:
        assert missing and missing <= required
        return
    assert not missing and required <= header.names and 1 <= header.row <= HEADER_SEARCH_ROWS


def _clue_header_rows():
    header = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]
    return st.lists(st.lists(cells, min_size=0, max_size=8), max_size=12).map(lambda body: [header, *body])


@FUZZ
@given(_clue_header_rows())
@example([["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"], ["\x1b"]])  # only a control character
def test_every_row_below_a_header_is_accepted_or_rejected(grid_rows):
    dataset = DATASETS["clues"]
    sheet = Sheet("", rows_grid(grid_rows))
    header, _ = find_header(sheet, dataset)
    rejections = Rejections("问题线索.csv", "")
    frame = type_sheet(sheet, header, dataset, rejections)
    frame = reject_duplicate_ids(frame, dataset, header, rejections)
    frame = apply_row_rules(frame, dataset, header, rejections)
    body = sheet.grid.iloc[header.row:].to_numpy(dtype=object)
    blank = np.ones(len(body), dtype=bool)
    for j in range(body.shape[1]):
        blank &= blank_cells(body[:, j])
    assert len(frame) + len(rejections.rows) == int((~blank).sum())
    assert set(frame["_row"]).isdisjoint(rejections.rows)
    assert frame["received_on"].dtype == "datetime64[ns]" and frame["clue_id"].notna().all()
    lines = pd.concat(rejections.blocks) if rejections.blocks else pd.DataFrame({"reason": []})
    assert lines["reason"].map(lambda reason: isinstance(reason, str) and reason != "").all()


def test_dates_in_a_header_row_are_not_header_words():
    row = [dt.date(2020, 1, 1), "线索编号", 3.0, "来源", "受理日期", "办理状态"]
    assert [c.position for c in match_header(row, DATASETS["clues"])] == [1, 3, 4, 5]

"""Whole sheets: the column-wise ingest gives the frame and rejection lines of the row-by-row ingest,
and the CSV grid reader gives the records of Python's csv module (property-based)."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.datasets import AREA, BOOL, DATASETS, DATE, DATETIME, INT, MONEY, MONTH, NUMBER, Column, Dataset
from toolkit.errors import InputError
from toolkit.ingest.cells import parse_cell
from toolkit.ingest.csvgrid import csv_grid
from toolkit.ingest.read import Sheet, find_header
from toolkit.ingest.validate import (
    REJECTED_COLUMNS, ROW_COLUMN, Rejections, apply_row_rules, reject_duplicate_ids, type_sheet, value_text,
)
from toolkit.ingest.values import is_blank
from toolkit.ingest.grid import rows_grid

def _forms():
    """tests/ingest_forms.py (test modules do not import each other under --import-mode=importlib)."""
    spec = importlib.util.spec_from_file_location("ingest_forms", Path(__file__).with_name("ingest_forms.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cells_for = _forms().cells_for
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.data_too_large])


# ----------------------------------------------------------------- the row-by-row ingest, as it was

def _reference_array(items: list, column: Column):
    if column.kind == INT:
        return pd.array(items, dtype="Int64")
    if column.kind in (NUMBER, MONEY, AREA):
        return np.array([np.nan if v is None else float(v) for v in items], dtype="float64")
    if column.kind in (DATE, DATETIME, MONTH):
        return pd.to_datetime(pd.Series(items, dtype="object"), errors="raise").astype("datetime64[ns]").array
    if column.kind == BOOL:
        return pd.array(items, dtype="boolean")
    return pd.array(items, dtype="str")


def reference_load(rows: list[list], dataset: Dataset) -> tuple[pd.DataFrame, list[tuple]]:
    """Type cell by cell, then duplicate ids and row rules with iterrows: the ingest before columns.py."""
    header, _ = find_header(Sheet("", rows_grid(rows)), dataset)
    lines, records = [], []
    for index in range(header.row, len(rows)):
        raw = rows[index]
        if all(is_blank(v) for v in raw):
            continue
        record, ok = {ROW_COLUMN: index + 1}, True
        for cell in header.cells:
            value = raw[cell.position] if cell.position < len(raw) else None
            try:
                typed = parse_cell(value, cell.column, cell.unit)
            except ValueError as exc:
                lines.append((index + 1, cell.text, value_text(value), str(exc)))
                ok = False
                continue
            if typed is None and cell.column.required:
                lines.append((index + 1, cell.text, value_text(value), "必填项为空"))
                ok = False
            record[cell.column.name] = typed
        if ok:
            records.append(record)
    data = {ROW_COLUMN: pd.array([r[ROW_COLUMN] for r in records], dtype="Int64")}
    for col in dataset.columns:
        data[col.name] = _reference_array([r.get(col.name) for r in records], col)
    frame = pd.DataFrame(data)
    text = {c.column.name: c.text for c in header.cells}
    repeated = frame[dataset.id_column].duplicated(keep="first")
    first_row = frame.drop_duplicates(dataset.id_column).set_index(dataset.id_column)[ROW_COLUMN]
    for _, row in frame[repeated].iterrows():
        ident = row[dataset.id_column]
        lines.append((int(row[ROW_COLUMN]), text[dataset.id_column], value_text(ident),
                      f"编号重复（与第 {int(first_row[ident])} 行相同）"))
    frame = frame[~repeated].reset_index(drop=True)
    bad = pd.Series(False, index=frame.index)
    for rule in dataset.row_rules:
        mask = rule.test(frame).fillna(False).astype(bool) & ~bad
        for _, row in frame[mask].iterrows():
            lines.append((int(row[ROW_COLUMN]), text.get(rule.column, rule.column), value_text(row[rule.column]),
                          rule.reason))
        bad |= mask
    return frame[~bad].reset_index(drop=True), lines


def column_load(rows: list[list], dataset: Dataset) -> tuple[pd.DataFrame, list[tuple]]:
    sheet = Sheet("", rows_grid(rows))
    header, _ = find_header(sheet, dataset)
    rejections = Rejections("f.csv", "")
    frame = type_sheet(sheet, header, dataset, rejections)
    frame = reject_duplicate_ids(frame, dataset, header, rejections)
    frame = apply_row_rules(frame, dataset, header, rejections)
    lines = [(line["row"], line["column"], line["value"], line["reason"]) for line in rejections.lines]
    return frame, lines


# ----------------------------------------------------------------------------------- sheets drawn

DATASET_NAMES = sorted(DATASETS)


@st.composite
def sheets(draw):
    dataset = DATASETS[draw(st.sampled_from(DATASET_NAMES))]
    optional = [c for c in dataset.columns if not c.required]
    chosen = dataset.required + draw(st.lists(st.sampled_from(optional), unique_by=lambda c: c.name, max_size=4)) \
        if optional else dataset.required
    chosen = draw(st.permutations(chosen))
    header = [draw(st.sampled_from([c.zh, c.name, f"{c.zh}（{c.unit}）" if c.unit else c.zh])) for c in chosen]
    header.insert(draw(st.integers(0, len(header))), "备注")  # a column no dataset names
    titles = draw(st.lists(st.sampled_from([["某县2020年度明细表"], [], ["填报单位：县财政局", None, "单位：元"]]),
                           max_size=3))
    ids = st.sampled_from(["A1", "A2", "A3", "A1 ", 1.0, "1", ""])
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 9)) == 0:
            rows.append(draw(st.sampled_from([[], ["", None, "\u3000"]])))
            continue
        row = [draw(ids if c.name == dataset.id_column else _cell_strategy(c)) for c in chosen]
        row.insert(header.index("备注"), draw(st.sampled_from(["", "说明", None])))
        rows.append(row[: draw(st.integers(len(row) - 2, len(row)))])  # some rows are short (ragged CSV)
    return dataset, [list(t) for t in titles] + [header] + rows


def _cell_strategy(column: Column):
    if column.name in ("deadline", "kind", "status", "reclaimed_on", "closed_on", "start_time", "end_time"):
        return st.one_of(cells_for(column), st.sampled_from(["", "2020-03-05", "2020-03-05 08:00", "长期坚持",
                                                             "已收回", "已办结", "2020-03-04 09:00"]))
    return cells_for(column)


@PROPERTY
@given(sheets())
def test_column_ingest_agrees_with_row_ingest(drawn):
    dataset, rows = drawn
    want_frame, want_lines = reference_load(rows, dataset)
    got_frame, got_lines = column_load(rows, dataset)
    assert got_lines == want_lines
    pd.testing.assert_frame_equal(got_frame, want_frame, check_exact=True)


def test_rejection_lines_come_by_row_then_header_order():
    header = ["线索编号", "来源", "受理日期", "办理状态", "办结日期"]
    rows = [header, ["C1", "外星人", "2020-02-30", "未办理", ""], ["", "", "", "", ""],
            ["C2", "信访举报", "", "已办结", ""], ["C3", "其他", "2020-01-01", "未办理", ""],
            ["C3", "其他", "2020-01-02", "未办理", ""], ["C4", "其他", "2020-01-02", "已办结", ""]]
    frame, lines = column_load(rows, DATASETS["clues"])
    assert frame["_row"].tolist() == [5]
    assert [(r, c, v, reason[:7]) for r, c, v, reason in lines] == [
        (2, "来源", "外星人", "不在允许的取值"), (2, "受理日期", "2020-02-30", "无法识别的日期"),
        (4, "受理日期", "", "必填项为空"), (6, "线索编号", "C3", "编号重复（与第"),
        (7, "办结日期", "", "办理状态为已办"),
    ]
    assert lines[3][3] == "编号重复（与第 5 行相同）"
    assert lines == reference_load(rows, DATASETS["clues"])[1]


# ------------------------------------------------------------------------------------ CSV records

def reader_rows(text: str) -> list[list[str]]:
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""))]


def assert_same_records(text: str) -> None:
    try:
        want = reader_rows(text)
    except csv.Error:
        with pytest.raises(InputError):
            csv_grid(text.encode("utf-8"))
        return
    grid = csv_grid(text.encode("utf-8")).to_numpy(dtype=object)
    assert len(grid) == len(want)
    for got_row, want_row in zip(grid.tolist(), want):  # cells past a record's end are blank
        width = max(len(got_row), len(want_row))
        padded = [("" if cell is None else cell) for cell in got_row] + [""] * (width - len(got_row))
        assert padded == want_row + [""] * (width - len(want_row))


@st.composite
def csv_texts(draw) -> str:
    field = st.text(alphabet='ab 中,"\n\r\t', max_size=5)
    records = draw(st.lists(st.lists(field, max_size=5), max_size=6))
    ends = st.sampled_from(["\n", "\r\n", "\r"])
    out = []
    for record in records:
        cells = [f'"{f.replace(chr(34), chr(34) * 2)}"' if draw(st.booleans()) or any(c in f for c in ',"\n\r')
                 else f for f in record]
        out.append(",".join(cells) + draw(ends))
    text = "".join(out)
    return text if draw(st.booleans()) else text.rstrip("\r\n")


@settings(max_examples=200, deadline=None)
@given(csv_texts())
def test_csv_grid_keeps_the_csv_records(text):
    assert_same_records(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='ab,"\n\r\t \x00中', max_size=40))
def test_csv_grid_keeps_the_records_of_any_text(text):
    assert_same_records(text)


@pytest.mark.parametrize("text", [
    "标题\n\n编号,金额\nA,1\n", "a,b\n1,2,3,4\n5\n", 'a,"x\ny",c\n1,"p,q,r,s,t"\n', '"unterminated\n', "a\rb\rc",
    "a,b\n1,\"x\"y,2\n", "\n\n", "a\x00b\n", '"a\n\nb,c,d,e",f\n',
])
def test_csv_grid_examples(text):
    assert_same_records(text)


def test_rejected_columns_are_the_contract():
    assert REJECTED_COLUMNS == ["file", "sheet", "row", "column", "value", "reason"]

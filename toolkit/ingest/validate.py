"""Type every cell of a sheet and reject the rows that cannot be read.

Each row is either accepted into the typed DataFrame or listed in the
rejections (file, sheet, Excel row, column, value, reason) — never dropped or
coerced silently. pandera's lesson: collect every failure into one table.

Typing is column-wise (:mod:`toolkit.ingest.columns`); the per-cell reference is
:func:`parse_cell`. Rejection lines are built as arrays, in the order the rows and
the header's columns come.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.datasets import Dataset
from toolkit.ingest import values
from toolkit.ingest.cells import CONVERSION_DECIMALS, parse_cell
from toolkit.ingest.columns import REQUIRED_EMPTY, TypedColumn, blank_cells, empty_array, type_column
from toolkit.ingest.csvgrid import UNDECODABLE_ROW
from toolkit.ingest.read import Header, Sheet

__all__ = ["CONVERSION_DECIMALS", "REJECTED_COLUMNS", "REQUIRED_EMPTY", "ROW_COLUMN", "Rejections",
           "apply_row_rules", "parse_cell", "reject_duplicate_ids", "rejected_row_count", "type_sheet"]

REJECTED_COLUMNS = ["file", "sheet", "row", "column", "value", "reason"]
ROW_COLUMN = "_row"  # the Excel row number of every accepted row


def value_text(value: object) -> str:
    """A rejected cell's value as rejected.csv shows it."""
    return "" if values.is_blank(value) else values.normalise_text(value)


@dataclass
class Rejections:
    """Rows that could not be read, one line per reason, kept as blocks of lines."""

    file: str
    sheet: str
    blocks: list[pd.DataFrame] = field(default_factory=list)
    rows: set[int] = field(default_factory=set)  # the distinct rejected rows

    def add(self, row: int | None, column: str, value: object, reason: str) -> None:
        self.add_lines([row], [column], [value], [reason])

    def add_lines(self, rows, columns, cells, reasons) -> None:
        """Many lines at once: Excel rows, column headers, raw values and reasons (equal lengths)."""
        rows = pd.array(list(rows), dtype="Int64")
        if not len(rows):
            return
        self.blocks.append(pd.DataFrame({
            "file": self.file, "sheet": self.sheet, "row": rows, "column": list(columns),
            "value": list(map(value_text, cells)), "reason": list(reasons),
        }, columns=REJECTED_COLUMNS))
        self.rows.update(rows.dropna().tolist())

    @property
    def lines(self) -> list[dict]:
        return [line for block in self.blocks for line in block.to_dict("records")]


def rejected_table(rejections: list[Rejections]) -> pd.DataFrame:
    """Every line of every file, sorted by file then row (file-wide lines first), else in order."""
    blocks = [block for r in rejections for block in r.blocks]
    if not blocks:
        return pd.DataFrame([], columns=REJECTED_COLUMNS).astype({"row": "Int64"})
    table = pd.concat(blocks, ignore_index=True)
    return table.sort_values(["file", "row"], kind="stable", na_position="first").reset_index(drop=True)


def type_sheet(sheet: Sheet, header: Header, dataset: Dataset, rejections: Rejections) -> pd.DataFrame:
    """Typed frame of the rows below the header; unreadable rows go to ``rejections``."""
    positions = np.arange(header.row, len(sheet.grid))
    readable = ~np.isin(positions, sheet.undecodable_rows)
    unreadable = positions[~readable] + 1
    rejections.add_lines(unreadable, [""] * len(unreadable), [""] * len(unreadable),
                         [UNDECODABLE_ROW] * len(unreadable))
    body = sheet.grid.iloc[header.row:] if readable.all() else sheet.grid.iloc[positions[readable]]
    block = body.to_numpy(dtype=object)  # one array: a sheet may have thousands of columns
    cells = {position: block[:, j] for j, position in enumerate(body.columns)}
    typed = {c.position: type_column(cells[c.position], c.column, c.unit) for c in header.cells}
    keep = ~_blank_rows(cells, typed, len(body))
    excel_rows = (positions[readable] + 1)[keep]
    line_rows = _reject_cells(header, cells, typed, keep, excel_rows, rejections)
    accepted = np.ones(len(excel_rows), dtype=bool)
    accepted[line_rows] = False
    return _frame({c.column.name: typed[c.position] for c in header.cells}, keep, accepted, excel_rows, dataset)


def _reject_cells(header: Header, cells: dict[int, np.ndarray], typed: dict[int, TypedColumn], keep: np.ndarray,
                  excel_rows: np.ndarray, rejections: Rejections) -> np.ndarray:
    """One line per rejected cell, by row then in header order; returns the kept-row index of each line."""
    rows, columns, raws, reasons = [], [], [], []
    for index, cell in enumerate(header.cells):
        column_reasons = typed[cell.position].reasons[keep]
        bad = np.flatnonzero(np.not_equal(column_reasons, None))
        rows.append(bad)
        columns.append(np.full(len(bad), index))
        raws.append(cells[cell.position][keep][bad])
        reasons.append(column_reasons[bad])
    rows, columns = np.concatenate(rows), np.concatenate(columns)
    order = np.lexsort((columns, rows))
    texts = np.array([c.text for c in header.cells], dtype=object)
    rejections.add_lines(excel_rows[rows[order]], texts[columns[order]], np.concatenate(raws)[order],
                         np.concatenate(reasons)[order])
    return rows


def _blank_rows(cells: dict[int, np.ndarray], typed: dict[int, TypedColumn], n: int) -> np.ndarray:
    """Rows whose every cell is blank as written (``is_blank``; header columns or not).

    A typed column's blank is a shortcut: a cell the typer reads as empty but that is not blank as
    written (only control characters) keeps its row, which is then rejected or accepted, never dropped.
    """
    blank = np.ones(n, dtype=bool)
    for position, column in cells.items():
        if not blank.any():
            break
        blank &= typed[position].blank if position in typed else blank_cells(column)
    candidates = np.flatnonzero(blank)
    for position in typed:
        if not len(candidates):
            break
        candidates = candidates[blank_cells(cells[position][candidates])]
    blank[:] = False
    blank[candidates] = True
    return blank


def _frame(typed: dict[str, TypedColumn], keep: np.ndarray, accepted: np.ndarray, excel_rows: np.ndarray,
           dataset: Dataset) -> pd.DataFrame:
    """The accepted rows with one dtype per kind; absent optional columns are all-missing."""
    rows = keep.copy()
    rows[keep] = accepted
    data = {ROW_COLUMN: pd.array(excel_rows[accepted], dtype="Int64")}
    for col in dataset.columns:
        column = typed.get(col.name)
        data[col.name] = column.array(rows) if column is not None else empty_array(col.kind, int(accepted.sum()))
    return pd.DataFrame(data)


def empty_frame(dataset: Dataset) -> pd.DataFrame:
    """A dataset's frame with no rows and the accepted dtypes (what a round without its file stands for).

    >>> from toolkit.datasets import DATASETS
    >>> frame = empty_frame(DATASETS["loans"])
    >>> len(frame), str(frame["amount"].dtype), str(frame["renewal"].dtype), list(frame)[:2]
    (0, 'float64', 'boolean', ['_row', 'id'])
    """
    return pd.DataFrame({ROW_COLUMN: pd.array([], dtype="Int64"),
                         **{col.name: empty_array(col.kind, 0) for col in dataset.columns}})


def reject_duplicate_ids(df: pd.DataFrame, dataset: Dataset, header: Header, rejections: Rejections) -> pd.DataFrame:
    """Keep the first row of each id; list the repeats as rejected."""
    id_col = dataset.id_column
    repeated = df[id_col].duplicated(keep="first")
    if repeated.any():
        first_row = df.drop_duplicates(id_col).set_index(id_col)[ROW_COLUMN]
        copies = df[repeated]
        first = copies[id_col].map(first_row).astype("Int64").astype(str)
        reasons = "编号重复（与第 " + first + " 行相同）"
        rejections.add_lines(copies[ROW_COLUMN], [_header_text(header, id_col)] * len(copies),
                             copies[id_col].tolist(), reasons.tolist())
    return df[~repeated].reset_index(drop=True)


def apply_row_rules(df: pd.DataFrame, dataset: Dataset, header: Header, rejections: Rejections) -> pd.DataFrame:
    """Reject rows failing a cross-column condition of the dataset."""
    bad = pd.Series(False, index=df.index)
    for rule in dataset.row_rules:
        mask = rule.test(df).fillna(False).astype(bool) & ~bad
        failing = df[mask]
        rejections.add_lines(failing[ROW_COLUMN], [_header_text(header, rule.column)] * len(failing),
                             failing[rule.column].tolist(), [rule.reason] * len(failing))
        bad |= mask
    return df[~bad].reset_index(drop=True)


def _header_text(header: Header, name: str) -> str:
    for cell in header.cells:
        if cell.column.name == name:
            return cell.text
    return name


def rejected_row_count(rejected: pd.DataFrame | None) -> int:
    """Distinct input rows rejected (a row with three bad cells counts once); whole files not counted.

    >>> rejected_row_count(pd.DataFrame({"file": ["a", "a", "a", "b"], "sheet": ["", "", "", ""],
    ...                                  "row": [5, 5, 7, None]}))
    2
    """
    if rejected is None or rejected.empty:
        return 0
    rows = rejected.dropna(subset=["row"])
    return int(len(rows.drop_duplicates(["file", "sheet", "row"])))

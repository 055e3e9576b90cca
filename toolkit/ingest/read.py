"""Read .xlsx/.xls/.csv files into grids of raw cells and find the header row.

A :class:`Sheet` is what one sheet (or one CSV) holds: a DataFrame of object columns with the cell
values as the reader gives them; grid row ``i`` is the row the user sees in Excel as ``i + 1``.
Nothing is typed here; :mod:`toolkit.ingest.validate` does that. The readers are
:mod:`toolkit.ingest.csvgrid` and :mod:`toolkit.ingest.workbook`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.datasets import Column, Dataset, fold
from toolkit.errors import InputError
from toolkit.ingest.csvgrid import CSV_ENCODINGS, decode_csv, read_csv_grid
from toolkit.ingest.values import is_blank, normalise_unit
from toolkit.ingest.vector import JUNK
from toolkit.ingest.workbook import read_workbook_grids

__all__ = ["CSV_ENCODINGS", "EXCEL_SUFFIXES", "HEADER_SEARCH_ROWS", "TABLE_SUFFIXES", "Header", "HeaderCell",
           "Sheet", "decode_csv", "find_header", "is_blank_row", "match_header", "read_sheets", "repeated_columns",
           "split_header"]

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
TABLE_SUFFIXES = EXCEL_SUFFIXES | {".csv"}
HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True, eq=False)
class Sheet:
    """The cells of one sheet; ``grid.iloc[i]`` is Excel row ``i + 1``, column ``j`` is Excel column ``j + 1``."""

    name: str
    grid: pd.DataFrame = field(default_factory=pd.DataFrame)
    hidden: bool = False  # a hidden (or very hidden) Excel sheet
    undecodable_rows: tuple[int, ...] = ()  # grid rows not in the file's encoding (see csvgrid)

    def head(self, n: int) -> list[list[object]]:
        """The first n rows as lists (for the header search)."""
        return self.grid.iloc[:n].to_numpy(dtype=object).tolist()

    @property
    def rows(self) -> list[list[object]]:
        """Every row as a list (convenient for small sheets; ingest itself works on ``grid``)."""
        return self.head(len(self.grid))

    @property
    def is_empty(self) -> bool:
        return len(self.grid) == 0


@dataclass(frozen=True)
class HeaderCell:
    """A header cell matched to a dataset column, with the unit the header names."""

    position: int
    column: Column
    unit: str | None
    text: str


@dataclass(frozen=True)
class Header:
    """The header row found in a sheet: its Excel row number and matched columns."""

    row: int
    cells: tuple[HeaderCell, ...]

    @property
    def names(self) -> set[str]:
        return {c.column.name for c in self.cells}


def read_sheets(path: Path) -> list[Sheet]:
    """Every sheet of a workbook, or the one table of a CSV."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        grid, undecodable = read_csv_grid(path)
        return [Sheet("", grid, undecodable_rows=undecodable)]
    if suffix in EXCEL_SUFFIXES:
        return [Sheet(name, grid, hidden) for name, grid, hidden in read_workbook_grids(path)]
    raise InputError(f"{path.name}: 不支持的文件类型 {suffix}（只读 .xlsx/.xls/.csv）")


_NO_JUNK = dict.fromkeys(map(ord, JUNK))  # BOM and zero-width characters, pasted or left by a concatenation
_TRAILING_UNIT = re.compile(r"^(?P<name>.+?)(?:\((?P<paren>[^()]*)\)|/(?P<slash>[^/]+))$")
_TRAILING_RATE = re.compile(r"^(?P<name>[^/()]+?)(?:/(?P<slash>[^/()]+/[^/()]+))$")  # 标准/元/月: the name has no slash


def split_header(text: str) -> tuple[str, str | None]:
    """A header cell's folded name and the unit it names, if any.

    >>> split_header("金额（元）")
    ('金额', '元')
    >>> split_header("面积/平方米")
    ('面积', '平方米')
    >>> split_header(" Amount ")
    ('amount', None)
    >>> split_header("标准（元/月）"), split_header("标准(万元/人·月)"), split_header("标准/元/月")
    (('标准', '元'), ('标准', '万元'), ('标准', '元'))
    """
    folded = fold(text)
    match = _TRAILING_RATE.match(folded) or _TRAILING_UNIT.match(folded)
    if not match:
        return folded, None
    parts = match.groupdict()
    unit_text = parts["paren"] if parts.get("paren") is not None else parts["slash"]
    return parts["name"], _leading_unit(unit_text)


def _leading_unit(unit_text: str) -> str | None:
    """The unit a header names; a rate (``元/月``, ``元/人·月``) is its leading unit.

    >>> _leading_unit("元"), _leading_unit("万元/月"), _leading_unit("元/人·月"), _leading_unit("人/月")
    ('元', '万元', '元', None)
    """
    unit = normalise_unit(unit_text)
    if unit is None and "/" in unit_text:
        return normalise_unit(unit_text.split("/", 1)[0])
    return unit


def _lookup(dataset: Dataset) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for col in dataset.columns:
        for spelling in (col.name, col.zh, *col.aliases):
            table.setdefault(fold(spelling), col)
    return table


def match_header(row: list[object], dataset: Dataset) -> tuple[HeaderCell, ...]:
    """The dataset columns a row's cells name (first occurrence wins; see :func:`repeated_columns`)."""
    cells: list[HeaderCell] = []
    seen: set[str] = set()
    for cell in _named_cells(row, dataset):
        if cell.column.name not in seen:
            seen.add(cell.column.name)
            cells.append(cell)
    return tuple(cells)


def repeated_columns(row: list[object], dataset: Dataset) -> dict[str, list[HeaderCell]]:
    """The dataset columns a header row names more than once, with every cell naming them.

    >>> from toolkit.datasets import DATASETS
    >>> repeated = repeated_columns(["编号", "金额", "备注", "金额（元）"], DATASETS["reception"])
    >>> {name: [c.position for c in cells] for name, cells in repeated.items()}
    {'amount': [1, 3]}
    """
    by_name: dict[str, list[HeaderCell]] = {}
    for cell in _named_cells(row, dataset):
        by_name.setdefault(cell.column.name, []).append(cell)
    return {name: cells for name, cells in by_name.items() if len(cells) > 1}


def _named_cells(row: list[object], dataset: Dataset) -> list[HeaderCell]:
    """Every cell of a row that names a dataset column (a BOM or zero-width character is ignored)."""
    lookup = _lookup(dataset)
    cells = []
    for position, value in enumerate(row):
        if not isinstance(value, str) or is_blank(value):
            continue
        value = value.translate(_NO_JUNK)
        column = lookup.get(fold(value))
        unit = None
        if column is None:
            name, unit = split_header(value)
            column = lookup.get(name)
        if column is not None:
            cells.append(HeaderCell(position, column, unit, value.strip()))
    return cells


def find_header(sheet: Sheet, dataset: Dataset) -> tuple[Header | None, set[str]]:
    """The first row (of the first 30) holding every required column.

    Returns the header, or None with the required columns missing from the
    best-matching row (for the error message).
    """
    required = {c.name for c in dataset.required}
    best_missing = required
    for index, row in enumerate(sheet.head(HEADER_SEARCH_ROWS)):
        cells = match_header(row, dataset)
        missing = required - {c.column.name for c in cells}
        if not missing:
            return Header(index + 1, cells), set()
        if len(missing) < len(best_missing):
            best_missing = missing
    return None, best_missing


def is_blank_row(row: list[object]) -> bool:
    return all(is_blank(v) for v in row)

"""Read .xlsx/.xls/.csv files into raw cell grids and find the header row.

A :class:`Sheet` is what one sheet (or one CSV) holds: cell values as the
reader gives them, with the row number the user sees in Excel. Nothing is typed
here; :mod:`toolkit.ingest.validate` does that.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from toolkit.datasets import Column, Dataset, fold
from toolkit.errors import InputError
from toolkit.ingest.values import is_blank, normalise_unit

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls"}
TABLE_SUFFIXES = EXCEL_SUFFIXES | {".csv"}
HEADER_SEARCH_ROWS = 30
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class Sheet:
    """The cells of one sheet; ``rows[i]`` is Excel row ``i + 1``."""

    name: str
    rows: list[list[object]]


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
        return [Sheet("", _read_csv_rows(path))]
    if suffix in EXCEL_SUFFIXES:
        return _read_workbook(path)
    raise InputError(f"{path.name}: 不支持的文件类型 {suffix}（只读 .xlsx/.xls/.csv）")


def decode_csv(data: bytes, name: str) -> str:
    """Decode CSV bytes as UTF-8 (with or without BOM), else GB18030.

    >>> decode_csv("编号".encode("gb18030"), "x.csv")
    '编号'
    """
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: 无法识别文件编码（应为 UTF-8 或 GB18030）")


def _read_csv_rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path.name}: 文件为空")
    text = decode_csv(data, path.name)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""))]
    except csv.Error as exc:
        raise InputError(f"{path.name}: CSV 格式错误：{exc}") from None


def _read_workbook(path: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    if path.stat().st_size == 0:
        raise InputError(f"{path.name}: 文件为空")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            grid = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(Sheet(name, [list(r) for r in grid]))
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        raise InputError(f"{path.name}: 无法读取 Excel 文件（文件损坏或格式不符）：{type(exc).__name__}") from None
    return sheets


_TRAILING_UNIT = re.compile(r"^(?P<name>.+?)(?:\((?P<paren>[^()]*)\)|/(?P<slash>[^/]+))$")


def split_header(text: str) -> tuple[str, str | None]:
    """A header cell's folded name and the unit it names, if any.

    >>> split_header("金额（元）")
    ('金额', '元')
    >>> split_header("面积/平方米")
    ('面积', '平方米')
    >>> split_header(" Amount ")
    ('amount', None)
    """
    folded = fold(text)
    match = _TRAILING_UNIT.match(folded)
    if not match:
        return folded, None
    unit_text = match.group("paren") if match.group("paren") is not None else match.group("slash")
    return match.group("name"), normalise_unit(unit_text)


def _lookup(dataset: Dataset) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for col in dataset.columns:
        for spelling in (col.name, col.zh, *col.aliases):
            table.setdefault(fold(spelling), col)
    return table


def match_header(row: list[object], dataset: Dataset) -> tuple[HeaderCell, ...]:
    """The dataset columns a row's cells name (first occurrence wins)."""
    lookup = _lookup(dataset)
    cells: list[HeaderCell] = []
    seen: set[str] = set()
    for position, value in enumerate(row):
        if is_blank(value) or not isinstance(value, str):
            continue
        folded = fold(value)
        column = lookup.get(folded)
        unit = None
        if column is None:
            name, unit = split_header(value)
            column = lookup.get(name)
        if column is not None and column.name not in seen:
            seen.add(column.name)
            cells.append(HeaderCell(position, column, unit, value.strip()))
    return tuple(cells)


def find_header(sheet: Sheet, dataset: Dataset) -> tuple[Header | None, set[str]]:
    """The first row (of the first 30) holding every required column.

    Returns the header, or None with the required columns missing from the
    best-matching row (for the error message).
    """
    required = {c.name for c in dataset.required}
    best_missing = required
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        cells = match_header(row, dataset)
        missing = required - {c.column.name for c in cells}
        if not missing:
            return Header(index + 1, cells), set()
        if len(missing) < len(best_missing):
            best_missing = missing
    return None, best_missing


def is_blank_row(row: list[object]) -> bool:
    return all(is_blank(v) for v in row)

"""Write a run's files atomically: findings.csv/.xlsx, indicators.json, rejected.csv, manifest.json.

The lowest of the writers: it imports nothing of the toolkit, so ingest, the
checks and everything above may use it. What it must know of the layers above
is passed in — the findings columns in contract order, the areas' Chinese
titles (``{"ledger": "整改台账", ...}``, from the area registry).

Exports are inert: every CSV goes through :func:`write_csv`, which prefixes with ``'`` each text
cell a spreadsheet would read as a formula (:func:`inert_cells`, OWASP's CSV-injection rule);
every workbook goes through :func:`write_sheets_xlsx`, which stores text as text (never a
formula) and dates the package :data:`WORKBOOK_TIME`, so the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import json
import math
import os
import re
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
import xlsxwriter

FINDING_HEADERS_ZH = {
    "check_id": "检查编号", "area": "领域", "dataset": "数据集", "record_id": "记录编号", "unit": "单位",
    "severity": "严重程度", "amount": "金额（元）/面积（亩）", "message": "疑点说明", "title": "疑点类型",
    "row": "原表行号", "finding_key": "疑点编号", "review_conclusion": "核查结论", "review_note": "核查说明",
}
SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}
SUMMARY_SHEET = "汇总"
DATE_FORMAT = "YYYY-MM-DD"
DATETIME_FORMAT = "YYYY-MM-DD HH:MM"
#: text stays text: no formulas, links or numbers made of strings (every text cell goes through write_string)
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}
#: a character from the CJK radicals on (U+2E81…) is two columns wide in a spreadsheet
WIDE_CHARACTER = "[\u2e81-\U0010ffff]"
WIDE_PATTERN = re.compile(WIDE_CHARACTER)
#: xlsxwriter adds 5/7 of a character to a column's width; taken off so the file stores the width asked for
XLSXWRITER_PADDING = 5 / 7
MAX_WIDTH = 80   # a column is never wider (in characters)
#: characters that make a spreadsheet read a CSV cell as a formula (OWASP, CSV injection)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: the creation and modification time of every workbook written, and of its zip entries: a fixed
#: epoch (the zip format's first day), never the clock, so that the same inputs give the same bytes
WORKBOOK_TIME = dt.datetime(1980, 1, 1)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_beside(path: Path) -> Path:
    """A new temporary file beside ``path`` (same suffix), with the permissions a plain open() gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600 files; reports are shared with colleagues
    return Path(tmp)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    tmp_path = temp_beside(path)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the block runs, then back as it was.

    For a file built of many small objects (a workbook keeps a tuple per cell, a document an element
    per run): each batch of them would start a collection that walks every object alive in the
    process, and none of them is cyclic garbage. Freed objects are still freed at once (reference
    counting); cycles left by the block are collected after it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return path


def write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_csv(path: Path, frame: pd.DataFrame, date_format: str | None = None) -> Path:
    """CSV in UTF-8 with BOM so that Excel opens Chinese text correctly; text cells made inert.

    The one way the toolkit writes a CSV: cells that would start a formula get a leading ``'``
    (:func:`inert_cells`).
    """
    with atomic_path(path) as tmp:
        inert_cells(frame).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n",
                                  date_format=date_format)
    return path


def inert_text(value: Any) -> Any:
    """A text that starts with = + - @ tab or CR, prefixed with ``'``; anything else unchanged.

    A spreadsheet opening the CSV shows the text instead of evaluating it (OWASP's advice on CSV
    injection). Numbers are not text: -5.0 stays a number.

    >>> print(inert_text('=HYPERLINK("http://x","click")'))
    '=HYPERLINK("http://x","click")
    >>> inert_text("-5"), inert_text(-5.0), inert_text("县委办")
    ("'-5", -5.0, '县委办')
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def inert_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :func:`inert_text` applied to every text cell (str columns, str values of object and
    category columns); number, date and boolean columns untouched. A new frame; the input is not changed.

    >>> inert_cells(pd.DataFrame({"t": ["@SUM(A1)", "甲"], "n": [-5.0, 1.0]})).values.tolist()
    [["'@SUM(A1)", -5.0], ['甲', 1.0]]
    """
    result = frame.copy()
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if isinstance(column.dtype, pd.StringDtype):
            trigger = column.str.startswith(FORMULA_TRIGGERS)
            if trigger.any():
                result.isetitem(position, column.where(~trigger, "'" + column))
        elif column.dtype == object or isinstance(column.dtype, pd.CategoricalDtype):
            result.isetitem(position, column.map(inert_text))
    return result


def write_findings_csv(path: Path, findings: pd.DataFrame, columns: Sequence[str]) -> Path:
    """findings.csv: the given columns in the given order (the contract's, then ours), UTF-8 with BOM."""
    return write_csv(path, findings[list(columns)])


def findings_for_people(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with Chinese headers and severities, for the Excel list (疑点清单)."""
    review = [c for c in ("finding_key", "review_conclusion", "review_note") if c in findings.columns]
    table = findings[["title", "check_id", "record_id", "unit", "severity", "amount", "message", "dataset", "row",
                      *review]]
    table = table.assign(severity=table["severity"].map(SEVERITY_ZH))
    return table.rename(columns=FINDING_HEADERS_ZH)


def write_findings_xlsx(path: Path, findings: pd.DataFrame, titles: Mapping[str, str]) -> Path:
    """汇总, then one sheet per area of ``titles`` (area → Chinese title, in sheet order), named by its title.

    Chinese headers, frozen header row, filters, readable widths.
    """
    sheets = {SUMMARY_SHEET: summarise(findings, titles)}
    people, areas = findings_for_people(findings), findings["area"].to_numpy()   # once, then cut per area
    for area, title in titles.items():
        sheets[title[:31]] = people[areas == area]
    return write_sheets_xlsx(path, sheets)


def write_table_xlsx(path: Path, table: pd.DataFrame, sheet: str) -> Path:
    """One table in one sheet, styled like the findings list."""
    return write_sheets_xlsx(path, {sheet: table})


def write_sheets_xlsx(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """A workbook people read: frozen header row, filters, widths fitted to Chinese text, dates as dates
    (2020-06-30) and moments to the minute (2020-06-30 14:05).

    Inert and reproducible: every text cell is a string cell, never a formula (``=HYPERLINK(…)`` is
    shown as written); the document properties and the zip entries carry :data:`WORKBOOK_TIME`.
    Written with xlsxwriter column by column; widths come from each column's string lengths.
    """
    package = io.BytesIO()
    with collection_paused():   # a tuple per cell
        book = xlsxwriter.Workbook(package, WORKBOOK_OPTIONS)
        book.set_properties({"created": WORKBOOK_TIME})   # core.xml's created and modified
        formats = {"date": book.add_format({"num_format": DATE_FORMAT}),
                   "moment": book.add_format({"num_format": DATETIME_FORMAT})}
        for name, table in sheets.items():
            write_sheet(book.add_worksheet(name), dates_only(table), formats)
        book.close()   # in memory: every zip entry dated 1980-01-01 (WORKBOOK_TIME)
    with atomic_path(path) as tmp:
        tmp.write_bytes(package.getvalue())
    return path


def write_sheet(sheet: Any, table: pd.DataFrame, formats: Mapping[str, Any]) -> None:
    """One table into an xlsxwriter worksheet: text header, cells by kind, frozen header, filter, widths."""
    for index, name in enumerate(table.columns):
        sheet.write_string(0, index, str(name))
        column = table.iloc[:, index]
        _write_column(sheet, index, column, formats)
        width = max(text_width(str(name)), _column_width(column, MAX_WIDTH - 2))
        sheet.set_column(index, index, min(max(width + 2, 8), MAX_WIDTH) - XLSXWRITER_PADDING)
    if table.shape[1] == 0:
        sheet.set_column(0, 0, 8 - XLSXWRITER_PADDING)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(table), max(table.shape[1] - 1, 0))


def _write_column(sheet: Any, index: int, column: pd.Series, formats: Mapping[str, Any]) -> None:
    """The cells of one column from row 2 on; blanks (None, NaN, NaT, NA, empty text) left empty."""
    if isinstance(column.dtype, pd.StringDtype):
        values = column.to_numpy(dtype=object, na_value="")
        rows = np.flatnonzero(values != "")   # the blanks found for the whole column, not cell by cell
        write_string = sheet.write_string
        for row, value in zip((rows + 1).tolist(), values[rows].tolist()):
            write_string(row, index, value)
        return
    if _plain_numbers(column):
        values = column.to_numpy(dtype="float64", na_value=np.nan)
        rows = np.flatnonzero(np.isfinite(values))
        write_number = sheet.write_number
        for row, value in zip((rows + 1).tolist(), values[rows].tolist()):   # Python floats: same digits
            write_number(row, index, value)
        for row in np.flatnonzero(np.isinf(values)).tolist():
            sheet.write_string(row + 1, index, "inf" if values[row] > 0 else "-inf")   # as pandas' inf_rep
        return
    elif pd.api.types.is_datetime64_any_dtype(column):
        values = column.astype(object).where(column.notna(), None).to_numpy()
        moment = formats["moment"]
        write = lambda row, col, value: sheet.write_datetime(row, col, value, moment)  # noqa: E731
    else:
        values = column.astype(object).where(column.notna(), None).to_numpy()
        write = lambda row, col, value: _write_value(sheet, row, col, value, formats)  # noqa: E731
    for row, value in enumerate(values, start=1):
        if value is not None and not (isinstance(value, str) and value == ""):
            write(row, index, value)


def _write_value(sheet: Any, row: int, col: int, value: Any, formats: Mapping[str, Any]) -> None:
    """A cell of a column of mixed or non-text kind: the cell type its Python value calls for."""
    if isinstance(value, str):
        sheet.write_string(row, col, value)
    elif isinstance(value, (bool, np.bool_)):
        sheet.write_boolean(row, col, bool(value))
    elif isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
        if math.isinf(number):
            sheet.write_string(row, col, "inf" if number > 0 else "-inf")   # as pandas' inf_rep
        else:
            sheet.write_number(row, col, value)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, col, value, formats["moment"])
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, formats["date"])
    else:
        sheet.write_string(row, col, str(value))


def _plain_numbers(column: pd.Series) -> bool:
    """A float or integer column (not bool) whose every value fits a float exactly: written as numbers."""
    if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
        return False
    return pd.api.types.is_float_dtype(column) or bool(column.dropna().abs().lt(2 ** 53).all())


def _column_width(column: pd.Series, enough: int | None = None) -> int:
    """The widest cell of a column as text, by :func:`display_width`; 0 when every cell is blank.

    Each distinct text is measured once. With ``enough``: once a cell has that many characters the
    column is at least that wide, and that is returned without measuring the wide characters (a width
    beyond it is not used).
    """
    present = column.dropna()
    if present.empty:
        return 0
    if not isinstance(present.dtype, pd.StringDtype):
        present = present.astype(str)
    texts = pd.Series(present.astype("str").unique(), dtype="str")
    if enough is not None and int(texts.str.len().max()) >= enough:
        return enough
    return display_width(texts)


def display_width(texts: pd.Series) -> int:
    """The widest of ``texts`` in columns: a CJK (or later) character counts 2, any other 1.

    >>> display_width(pd.Series(["ab", "县委办"], dtype="str"))
    6
    """
    if texts.empty:
        return 0
    widths = texts.str.len() + texts.str.count(WIDE_CHARACTER)
    return int(widths.max())


def text_width(text: str) -> int:
    """The width of one text in columns, as :func:`display_width` counts it.

    >>> text_width("ab县委办")
    8
    """
    return len(text) + len(WIDE_PATTERN.findall(text))


def dates_only(table: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns that hold only midnights become plain dates (Excel shows 2020-06-30, not 00:00).

    >>> dates_only(pd.DataFrame({"d": pd.to_datetime(["2020-06-30", None])}))["d"].tolist()
    [datetime.date(2020, 6, 30), NaT]
    """
    changes = {}
    for name in table.columns:
        column = table[name]
        if pd.api.types.is_datetime64_any_dtype(column) and (column.dropna() == column.dropna().dt.normalize()).all():
            changes[name] = column.dt.date.astype(object).where(column.notna(), pd.NaT)
    return table.assign(**changes) if changes else table


def summarise(findings: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Findings per area and check: count and amount at stake; areas named by ``titles`` (else their codes).

    >>> f = pd.DataFrame({"area": ["land", "land"], "check_id": ["land.idle"] * 2, "title": ["土地闲置"] * 2,
    ...                   "severity": ["medium"] * 2, "record_id": ["D1", "D2"], "amount": [1.5, 2.0]})
    >>> summarise(f, {"land": "工业用地"}).values.tolist()
    [['工业用地', 'land.idle', '土地闲置', '中', 2, 3.5]]
    """
    if findings.empty:
        return pd.DataFrame(columns=["领域", "检查编号", "疑点类型", "严重程度", "疑点数", "涉及金额/面积"])
    titles = titles or {}
    grouped = findings.groupby(["area", "check_id", "title", "severity"], sort=True).agg(
        n=("record_id", "size"), amount=("amount", "sum")).reset_index()
    grouped = grouped.assign(area=grouped["area"].map(lambda a: titles.get(a, a)),
                             severity=grouped["severity"].map(SEVERITY_ZH))
    return grouped.rename(columns={"area": "领域", "check_id": "检查编号", "title": "疑点类型",
                                   "severity": "严重程度", "n": "疑点数", "amount": "涉及金额/面积"})

"""An Excel workbook (.xlsx/.xlsm/.xls) → one grid of raw cells per sheet, through python-calamine.

calamine reads a sheet into Python rows in Rust; the rows become one 2-D object array
(:func:`toolkit.ingest.grid.rows_grid`) without a Python loop per row. Row ``i`` of a grid is
Excel row ``i + 1`` and column ``j`` is Excel column ``j + 1`` (empty rows and columns before the
data are kept).

A workbook is read by what it holds, not by its name (:mod:`toolkit.ingest.sniff`): an .xls that
is really an .xlsx is read; a web page, a CSV or an encrypted workbook named .xlsx is refused in
one line. Excel error values (``#N/A`` …), which calamine reads as empty text, are in the grid as
:class:`~toolkit.ingest.errorcells.ExcelError` (found by :mod:`~toolkit.ingest.errorcells` in an .xlsx,
by :mod:`~toolkit.ingest.xlserrors` in an .xls), and so are .xlsx formulas saved without their result.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from toolkit.errors import InputError
from toolkit.ingest import sniff
from toolkit.ingest.errorcells import ErrorCell, patched_workbook, unsupported, workbook_error_cells
from toolkit.ingest.grid import rows_grid
from toolkit.ingest.xlserrors import xls_error_cells
from toolkit.ingest.xlsxguard import check_declared_ranges, check_used_range

_ZIP_SUFFIXES = (".xlsx", ".xlsm")


def read_workbook_grids(path: Path) -> list[tuple[str, pd.DataFrame, bool]]:
    """(sheet name, grid, hidden) of every sheet, in workbook order.

    A sheet whose range is absurd (one stray cell at XFD1048576) is refused before it is allocated.
    """
    kind = sniff.file_kind(path)
    problem = sniff.not_a_workbook(kind)
    if problem is not None:
        raise InputError(f"{path.name}: {problem}")
    if kind == sniff.CFB and sniff.is_encrypted(path):
        raise InputError(f"{path.name}: {sniff.ENCRYPTED}")
    if kind == sniff.ZIP:
        check_declared_ranges(path)
        errors = workbook_error_cells(path)
    else:
        errors = xls_error_cells(path)
    try:
        workbook = _open(path, kind, errors)
        sheets = []
        for meta in workbook.sheets_metadata:
            sheet = workbook.get_sheet_by_name(meta.name)
            check_used_range(path, meta.name, sheet.end)
            grid = place_errors(rows_grid(sheet.to_python(skip_empty_area=False)), errors.get(meta.name, ()))
            sheets.append((meta.name, grid, meta.visible != SheetVisibleEnum.Visible))
        return sheets
    except InputError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        if "password" in str(exc).lower():
            raise InputError(f"{path.name}: {sniff.ENCRYPTED}") from None
        raise InputError(f"{path.name}: 无法读取 Excel 文件（文件损坏或格式不符）：{type(exc).__name__}") from None


def _open(path: Path, kind: str, errors: dict[str, list[ErrorCell]]) -> CalamineWorkbook:
    """calamine's workbook: from the path when the name says what the file is, else from its content."""
    if kind == sniff.ZIP and unsupported(errors):
        return CalamineWorkbook.from_filelike(patched_workbook(path))
    if (kind == sniff.ZIP) == path.suffix.lower().endswith(_ZIP_SUFFIXES):
        return CalamineWorkbook.from_path(str(path))
    with path.open("rb") as handle:  # an .xls that is an .xlsx, or the other way round
        return CalamineWorkbook.from_filelike(handle)


def place_errors(grid: pd.DataFrame, cells) -> pd.DataFrame:
    """The grid with an :class:`ExcelError` in each error cell and an ``UncachedFormula`` in each formula cell
    without a result (a new frame; cells outside the grid are ignored).

    >>> place_errors(rows_grid([["a", ""], ["", 1.0]]), [ErrorCell(0, 1, "#N/A")]).values.tolist()
    [['a', ExcelError(text='#N/A')], ['', 1.0]]
    """
    inside = [c for c in cells if c.row < grid.shape[0] and c.column < grid.shape[1]]
    if not inside:
        return grid
    values = grid.to_numpy(dtype=object, copy=True)
    markers = np.empty(len(inside), dtype=object)
    markers[:] = [c.marker() for c in inside]
    values[[c.row for c in inside], [c.column for c in inside]] = markers
    return pd.DataFrame(values, dtype=object)

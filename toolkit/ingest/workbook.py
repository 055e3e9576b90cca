"""An Excel workbook (.xlsx/.xlsm/.xls) → one grid of raw cells per sheet, through python-calamine.

calamine reads a sheet into Python rows in Rust; the rows become one 2-D object array
(:func:`toolkit.ingest.grid.rows_grid`) without a Python loop per row. Row ``i`` of a grid is
Excel row ``i + 1`` and column ``j`` is Excel column ``j + 1`` (empty rows and columns before the
data are kept).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from toolkit.errors import InputError
from toolkit.ingest.grid import rows_grid
from toolkit.ingest.xlsxguard import check_declared_ranges, check_used_range


def read_workbook_grids(path: Path) -> list[tuple[str, pd.DataFrame, bool]]:
    """(sheet name, grid, hidden) of every sheet, in workbook order.

    A sheet whose range is absurd (one stray cell at XFD1048576) is refused before it is allocated.
    """
    if path.stat().st_size == 0:
        raise InputError(f"{path.name}: 文件为空")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_declared_ranges(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in workbook.sheets_metadata:
            sheet = workbook.get_sheet_by_name(meta.name)
            check_used_range(path, meta.name, sheet.end)
            sheets.append((meta.name, rows_grid(sheet.to_python(skip_empty_area=False)),
                           meta.visible != SheetVisibleEnum.Visible))
        return sheets
    except InputError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for corrupt files
        raise InputError(f"{path.name}: 无法读取 Excel 文件（文件损坏或格式不符）：{type(exc).__name__}") from None

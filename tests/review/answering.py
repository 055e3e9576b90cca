"""Fill exported review workbooks as a unit would (openpyxl, ignoring the sheet protection like a script)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from toolkit.review.export import HEADERS, SHEET


def answer(path: Path, answers: dict[int, dict[str, object]]) -> Path:
    """Write ``{excel_row: {header: value}}`` into a workbook's 疑点清单 and save it in place."""
    book = load_workbook(path)
    sheet = book[SHEET]
    for row, cells in answers.items():
        for header, value in cells.items():
            sheet.cell(row=row, column=HEADERS.index(header) + 1).value = value   # None clears the cell
    book.save(path)
    return path


def key_of(path: Path, row: int) -> str:
    return load_workbook(path)[SHEET].cell(row=row, column=HEADERS.index("疑点编号") + 1).value


def reply(conclusion: str, note: str = "已核实", day: object = dt.date(2020, 7, 10)) -> dict[str, object]:
    return {"核查结论": conclusion, "核查说明": note, "佐证材料": "会议纪要", "核查人": "张三", "核查日期": day}

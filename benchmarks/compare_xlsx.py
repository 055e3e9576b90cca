"""Two workbooks hold the same thing: sheets in order, every cell's value and number format,
frozen panes, filters and column widths (not a test; prints the first differences).

    .venv/bin/python benchmarks/compare_xlsx.py BEFORE.xlsx AFTER.xlsx
"""

from __future__ import annotations

import sys

import openpyxl


def describe(path: str) -> dict:
    book = openpyxl.load_workbook(path)
    out = {"sheets": book.sheetnames}
    for sheet in book.worksheets:
        cells = [[(c.value, c.number_format if c.value is not None else None) for c in row] for row in sheet.iter_rows()]
        while cells and all(value is None for value, _ in cells[-1]):
            cells.pop()
        widths = {index: d.width for d in sheet.column_dimensions.values() if d.customWidth
                  for index in range(d.min, d.max + 1)}   # a <col> may span columns of one width
        out[sheet.title] = {"cells": cells, "freeze": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
                            "widths": widths}
    return out


def main(before: str, after: str) -> int:
    a, b = describe(before), describe(after)
    differences = [f"{key}: {a.get(key)!r:.300} != {b.get(key)!r:.300}" for key in a.keys() | b.keys()
                   if a.get(key) != b.get(key)]
    for line in differences[:10]:
        print(line)
    print("same" if not differences else f"{len(differences)} differences", before, after)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))

"""Typed rows → the files a county hands over: xlsx with title rows, GB18030 and UTF-8-BOM CSV, text dates,
Excel serial dates, money as text, 万元 and 平方米 headers; and round.toml.

Byte-for-byte determinism: xlsx zip entries carry a fixed timestamp and the
document properties a fixed date. The demo itself is written with openpyxl;
scaled rounds stream their workbooks (:mod:`toolkit.demo.xlsx_stream`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from toolkit.demo import xlsx_stream
from toolkit.demo.layouts import LAYOUTS, ROW_WRITERS, Layout
from toolkit.demo.spec import FILES, FIXED_TIME, ROUND, THRESHOLDS, ZIP_TIME

CREATOR = "青岚县巡视整改工作领导小组办公室"


def save_xlsx(path: Path, layout: Layout, rows: Iterable[list]) -> None:
    """One sheet with openpyxl (title rows merged, header, number formats, frozen panes), fixed dates."""
    wb = Workbook()
    ws = wb.active
    ws.title = layout.sheet
    headers = layout.headers
    for t in layout.titles:
        ws.append([t])
    if layout.titles:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.append(headers)
    for row in rows:
        ws.append(row)
    first = len(layout.titles) + 2
    for c in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = layout.widths.get(c, 14)
        for (xl,) in ws.iter_rows(min_row=first, min_col=c, max_col=c):
            v = xl.value
            if isinstance(v, dt.datetime):
                xl.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(v, dt.date):
                xl.number_format = "yyyy-mm-dd"
            elif c in layout.money_cols and isinstance(v, (int, float)):
                xl.number_format = "#,##0.00"
            elif c in layout.text_cols:
                xl.number_format = "@"
    ws.freeze_panes = ws.cell(row=first, column=1)
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    buf = io.BytesIO()
    archive = zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    ExcelWriter(wb, archive).save()      # save_workbook() would stamp the current time
    path.write_bytes(_normalise_zip(buf.getvalue()))


def _normalise_zip(data: bytes) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, zin.read(info.filename))
    return out.getvalue()


def stream_xlsx(path: Path, layout: Layout, rows: Iterable[list], n_rows: int | None = None) -> None:
    """The same sheet layout, streamed (for rounds too large for openpyxl); ``n_rows`` rows declare the range."""
    xlsx_stream.write_xlsx(path, layout.sheet, layout.headers, rows, titles=layout.titles,
                           money_cols=layout.money_cols, text_cols=layout.text_cols, widths=layout.widths,
                           creator=CREATOR, when=FIXED_TIME, zip_time=ZIP_TIME, n_rows=n_rows)


def save_csv(path: Path, headers: list[str], rows: Iterable[list], encoding: str) -> None:
    """CRLF lines; None as an empty field; utf-8-sig starts with the BOM."""
    with open(path, "w", encoding=encoding, newline="") as out:
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(headers)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])


def write_round(out: Path, round_values: Mapping | None = None) -> None:
    """round.toml: [round] (the demo's, or the values given) and the contract's full [thresholds]."""
    def val(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, list):
            return "[" + ", ".join(val(x) for x in v) + "]"
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        return repr(v)

    lines = ["# The demo round: synthetic data with planted violations (toolkit.demo).", "[round]"]
    lines += [f"{k} = {val(v)}" for k, v in (round_values or ROUND).items()]
    lines += ["", "[thresholds]"]
    lines += [f"{k} = {val(v)}" for k, v in THRESHOLDS.items()]
    (out / "round.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_files(tables: Mapping[str, Sequence[dict]], out: Path, stream: bool = False) -> None:
    """Every dataset into its file of :data:`FILES` (workbooks streamed when stream is set)."""
    for ds, layout in LAYOUTS.items():
        to_cells: Callable[[dict], list] = ROW_WRITERS.get(ds, layout.cells)
        rows = (to_cells(r) for r in tables[ds])
        path = out / FILES[ds]
        if layout.encoding:
            save_csv(path, layout.headers, rows, layout.encoding)
        elif stream:
            stream_xlsx(path, layout, rows, len(tables[ds]))
        else:
            save_xlsx(path, layout, rows)

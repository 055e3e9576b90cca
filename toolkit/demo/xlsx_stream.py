"""A lean streaming .xlsx writer for scaled demo rounds (hundreds of thousands of rows).

openpyxl keeps every cell in memory and writes some 50,000 cells a second;
this writer streams rows straight into the zip as inline strings, with the
same sheet layout the demo uses: title rows (the first merged across the
table), the header row, frozen panes below it, column widths, and number
formats for dates, datetimes, money columns and text columns. Fixed zip
timestamps and document dates keep the bytes deterministic.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"

#: cellXfs indexes: 0 plain, 1 date, 2 datetime, 3 money (#,##0.00), 4 text (@)
DATE, DATETIME, MONEY, TEXT = 1, 2, 3, 4
_STYLES = (_HEAD + f'<styleSheet xmlns="{_MAIN}"><numFmts count="2">'
           '<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/>'
           '</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           '<fills count="2"><fill><patternFill patternType="none"/></fill>'
           '<fill><patternFill patternType="gray125"/></fill></fills>'
           '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
           + "".join(f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                     for n in (164, 165, 4, 49))
           + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           '</styleSheet>')


def _escape(text: str) -> str:
    """
    >>> _escape('a<b & "c"')
    'a&lt;b &amp; "c"'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, value, style: int) -> str:
    """One <c> element (empty string for None); style applies to numbers and dates only, as in openpyxl."""
    if value is None:
        return ""
    if isinstance(value, str):
        s = f' s="{TEXT}"' if style == TEXT else ""
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_escape(value)}</t></is></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="{DATETIME}"><v>{to_excel(value)!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE}"><v>{to_excel(value)!r}</v></c>'
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s}><v>{value!r}</v></c>'


def _package_parts(sheet: str, creator: str, when: dt.datetime) -> dict[str, str]:
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "[Content_Types].xml": _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
        "_rels/.rels": _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>',
        "docProps/core.xml": _HEAD + '<cp:coreProperties '
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:creator>{_escape(creator)}</dc:creator><cp:lastModifiedBy>{_escape(creator)}</cp:lastModifiedBy>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>',
        "xl/workbook.xml": _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name="{_escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>',
        "xl/styles.xml": _STYLES,
    }


def _sheet_top(n_cols: int, first_data_row: int, widths: dict[int, float], last_row: int | None) -> str:
    """The sheet's XML up to <sheetData>; with ``last_row``, the <dimension> Excel writes (A1 to the last cell)."""
    cols = "".join(f'<col min="{c}" max="{c}" width="{widths.get(c, 14)}" customWidth="1"/>'
                   for c in range(1, n_cols + 1))
    split = first_data_row - 1
    dimension = f'<dimension ref="A1:{get_column_letter(n_cols)}{last_row}"/>' if last_row else ""
    return (_HEAD + f'<worksheet xmlns="{_MAIN}">{dimension}<sheetViews><sheetView workbookViewId="0">'
            f'<pane ySplit="{split}" topLeftCell="A{first_data_row}" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>')


def _info(name: str, when: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o600 << 16
    return info


def write_xlsx(path: Path, sheet: str, headers: list[str], rows: Iterable[list], *, titles=(),
               money_cols=(), text_cols=(), widths: dict[int, float] | None = None, creator: str = "",
               when: dt.datetime = dt.datetime(2020, 7, 1), zip_time: tuple = (2020, 7, 1, 0, 0, 0),
               n_rows: int | None = None) -> None:
    """Write one sheet: title rows, headers, then rows (lists of cell values; columns numbered from 1).

    With ``n_rows`` (the number of ``rows``), the sheet declares its range as Excel does.
    """
    n = len(headers)
    letters = [get_column_letter(c) for c in range(1, n + 1)]
    styles = [MONEY if c in money_cols else TEXT if c in text_cols else 0 for c in range(1, n + 1)]
    first = len(titles) + 2
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _package_parts(sheet, creator, when).items():
            archive.writestr(_info(name, zip_time), text)
        with archive.open(_info("xl/worksheets/sheet1.xml", zip_time), "w", force_zip64=True) as out:
            out.write(_sheet_top(n, first, widths or {}, None if n_rows is None else first - 1 + n_rows).encode())
            head = [[t] for t in titles] + [headers]
            for i, values in enumerate(head, 1):
                cells = "".join(_cell(f"{letters[c]}{i}", v, 0) for c, v in enumerate(values))
                out.write(f'<row r="{i}">{cells}</row>'.encode())
            chunk: list[str] = []
            for i, values in enumerate(rows, first):
                cells = "".join(_cell(f"{letters[c]}{i}", v, styles[c]) for c, v in enumerate(values))
                chunk.append(f'<row r="{i}">{cells}</row>')
                if len(chunk) == 2000:
                    out.write("".join(chunk).encode())
                    chunk = []
            out.write("".join(chunk).encode())
            merge = f'<mergeCells count="1"><mergeCell ref="A1:{letters[-1]}1"/></mergeCells>' if titles else ""
            out.write(f"</sheetData>{merge}</worksheet>".encode())

"""Excel error values (``#N/A``, ``#DIV/0!``, ``#VALUE!`` …) in .xlsx sheets.

calamine reads an error cell as empty text, so a required ``#N/A`` would pass for a blank cell
and an optional one would vanish. This module finds the error cells in a sheet's XML (cells with
``t="e"``) so that ingest can put an :class:`ExcelError` in their place: every column kind rejects
it with the reason ``Excel 错误值 #N/A``.

calamine knows the seven classic error values and refuses the whole workbook on any other
(``#SPILL!``, ``#CALC!``, ``#GETTING_DATA`` …); :func:`patched_workbook` gives it a copy in memory
where those read ``#N/A`` (the grid still shows the real text).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import unescape

from toolkit.errors import InputError
from toolkit.ingest.xlsxguard import cell_position, sheet_members

CALAMINE_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})
ERROR_REASON = "Excel 错误值"
_CHUNK = 1 << 20
_ERROR_TAG = re.compile(rb"""<(?:\w+:)?c(?=\s)[^>]*?\st=["']e["'][^>]*>""")
_REFERENCE = re.compile(rb"""\sr\s*=\s*["']\$?([A-Za-z]{1,3}\$?[0-9]{1,7})["']""")
_VALUE_OR_END = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>|</(?:\w+:)?c>")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_ERROR_TYPE = re.compile(rb"""t=["']e["']""")  # a literal prefix: searched at memchr speed


@dataclass(frozen=True)
class ExcelError:
    """The value of a cell holding an Excel error; shown (and rejected) as its text.

    >>> str(ExcelError("#N/A")), ExcelError("#N/A") == "#N/A"
    ('#N/A', False)
    """

    text: str

    def __str__(self) -> str:
        return self.text

    @property
    def reason(self) -> str:
        return f"{ERROR_REASON} {self.text}".strip()


class UnplacedError(Exception):
    """An error cell without a cell reference (``r``): its position is unknown."""


@dataclass(frozen=True)
class ErrorCell:
    """An error cell of a sheet: zero-based row and column, and its error text."""

    row: int
    column: int
    text: str


def error_cells(xml: bytes) -> list[ErrorCell]:
    """The error cells of (a whole number of rows of) a sheet's XML.

    >>> error_cells(b'<row r="2"><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="s"><v>0</v></c></row>')
    [ErrorCell(row=1, column=1, text='#DIV/0!')]
    """
    if not _ERROR_TYPE.search(xml):
        return []
    found = []
    for tag in _ERROR_TAG.finditer(xml):
        reference = _REFERENCE.search(tag[0])
        if reference is None:
            raise UnplacedError
        text = ""
        if not tag[0].endswith(b"/>"):
            value = _VALUE_OR_END.search(xml, tag.end())
            if value is not None and value[1] is not None:
                text = unescape(value[1].decode("utf-8", "replace")).strip()
        row, column = cell_position(reference[1].decode("ascii").replace("$", ""))
        found.append(ErrorCell(row, column, text))
    return found


def member_error_cells(archive: zipfile.ZipFile, member: str) -> list[ErrorCell]:
    """Error cells of one sheet member: one quick pass for an error type at all, then (rarely) a pass
    reading rows, in chunks cut after a whole row so that memory stays small."""
    if not _has_error_type(archive, member):
        return []
    found: list[ErrorCell] = []
    with archive.open(member) as handle:
        carry = b""
        while chunk := handle.read(_CHUNK):
            text = carry + chunk
            cut = _last_row_end(text)
            found += error_cells(text[:cut])
            carry = text[cut:]
        found += error_cells(carry)
    return found


def _has_error_type(archive: zipfile.ZipFile, member: str) -> bool:
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            if _ERROR_TYPE.search(chunk) or _ERROR_TYPE.search(tail + chunk[:8]):
                return True
            tail = chunk[-8:]
    return False


def _last_row_end(text: bytes) -> int:
    """Just after the last ``</row>`` in text (0 when none: the whole text is carried on)."""
    position = text.rfind(b"row>")
    while position > 0:
        match = _ROW_END.match(text, text.rfind(b"<", 0, position))
        if match:
            return match.end()
        position = text.rfind(b"row>", 0, position)
    return 0


def workbook_error_cells(path: Path) -> dict[str, list[ErrorCell]]:
    """Error cells of every sheet of an .xlsx (a zip) by sheet name; sheets without any are left out.

    An unreadable archive gives no cells (calamine then says what is wrong); an error cell
    without a cell reference cannot be placed, so the file is refused rather than read blank.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            cells = {sheet: member_error_cells(archive, member) for sheet, member in sheet_members(archive)}
    except UnplacedError:
        raise InputError(f"{path.name}: 含有 Excel 错误值（如 #N/A）的单元格缺少位置信息，无法读取；"
                         "请用 Excel 打开后另存") from None
    except Exception:  # a broken zip or workbook XML (BadZipFile, zlib.error, ParseError …): calamine reports it
        return {}
    return {sheet: found for sheet, found in cells.items() if found}


def unsupported(cells: dict[str, list[ErrorCell]]) -> bool:
    """Whether calamine would refuse the workbook for one of these error values."""
    return any(cell.text not in CALAMINE_ERRORS for found in cells.values() for cell in found)


def patched_workbook(path: Path) -> io.BytesIO:
    """The workbook in memory with every error value calamine does not know replaced by ``#N/A``."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        members = {member for _, member in sheet_members(source)}
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in members:
                data = known_errors_only(data)
            target.writestr(info.filename, data)
    out.seek(0)
    return out


def known_errors_only(xml: bytes) -> bytes:
    """A sheet's XML with each error value calamine does not know replaced by ``#N/A``.

    >>> known_errors_only(b'<c r="A1" t="e"><v>#SPILL!</v></c><c r="A2" t="e"><v>#REF!</v></c>')
    b'<c r="A1" t="e"><v>#N/A</v></c><c r="A2" t="e"><v>#REF!</v></c>'
    """
    pieces, done = [], 0
    for tag in _ERROR_TAG.finditer(xml):
        value = None if tag[0].endswith(b"/>") else _VALUE_OR_END.search(xml, tag.end())
        if value is None or value[1] is None:
            continue
        if unescape(value[1].decode("utf-8", "replace")).strip() not in CALAMINE_ERRORS:
            pieces += [xml[done:value.start(1)], b"#N/A"]
            done = value.end(1)
    return b"".join(pieces) + xml[done:]

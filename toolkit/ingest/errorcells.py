"""Cells calamine reads as empty text although they are not: Excel errors and formulas without a result.

An error cell (``#N/A``, ``#DIV/0!``, ``#VALUE!`` …, ``t="e"`` in the sheet's XML) would pass for a
blank cell, a required ``#N/A`` as well as an optional one; a formula saved without its result (a
workbook written by a program and never calculated by Excel: ``<f>SUM(B2:B9)</f><v></v>``) would
too. This module finds them in the sheet's XML so that ingest can put an :class:`ExcelError` or an
:class:`UncachedFormula` in their place: every column kind rejects both, with the reason
``Excel 错误值 #N/A`` or "公式没有计算结果".

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
_EMPTY_VALUE = rb"(<v\s*/>|<v>\s*</v>)?"
_FORMULA_WITHOUT_VALUE = re.compile(rb"<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)" + _EMPTY_VALUE + rb"</c>")
_CELL_TYPE = re.compile(rb"""\st=["'](\w+)["']""")
FORMULA_REASON = "公式没有计算结果（文件由程序写出、未经 Excel 计算保存）：请用 Excel 打开并保存后再读取"


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


@dataclass(frozen=True)
class UncachedFormula:
    """The value of a formula cell saved without its result; shown as its formula, always rejected.

    >>> str(UncachedFormula("SUM(B2:B9)")), UncachedFormula("").reason == FORMULA_REASON
    ('=SUM(B2:B9)', True)
    """

    formula: str

    def __str__(self) -> str:
        return f"={self.formula}"

    @property
    def reason(self) -> str:
        return FORMULA_REASON


UNREADABLE_CELLS = (ExcelError, UncachedFormula)


class UnplacedError(Exception):
    """An error or formula cell without a cell reference (``r``): its position is unknown."""


@dataclass(frozen=True)
class ErrorCell:
    """A cell calamine reads as empty text: zero-based row and column, its error text (or formula)."""

    row: int
    column: int
    text: str
    formula: bool = False  # a formula without its result, ``text`` being the formula

    def marker(self) -> ExcelError | UncachedFormula:
        return UncachedFormula(self.text) if self.formula else ExcelError(self.text)


def error_cells(xml: bytes) -> list[ErrorCell]:
    """The error cells of (a whole number of rows of) a sheet's XML.

    >>> error_cells(b'<row r="2"><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="s"><v>0</v></c></row>')
    [ErrorCell(row=1, column=1, text='#DIV/0!', formula=False)]
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


def formula_cells(xml: bytes) -> list[ErrorCell]:
    """The formula cells without a result of (a whole number of rows of) a sheet's XML.

    A text formula whose result is the empty text (``t="str"`` and an empty ``<v>``) has its result.

    >>> formula_cells(b'<c r="A2"><f>SUM(B2:B9)</f><v></v></c><c r="B2"><f>1+1</f><v>2</v></c>'
    ...               b'<c r="C2" t="str"><f>""</f><v></v></c><c r="D2"><f t="shared" si="0"/></c>')
    [ErrorCell(row=1, column=0, text='SUM(B2:B9)', formula=True), ErrorCell(row=1, column=3, text='', formula=True)]
    """
    if b"<f" not in xml:
        return []
    found = []
    for formula in _FORMULA_WITHOUT_VALUE.finditer(xml):
        start = xml.rfind(b"<c", 0, formula.start())  # a cell's formula is its first child
        tag = xml[start:xml.find(b">", start) + 1]
        kind = _CELL_TYPE.search(tag)
        kind = kind[1] if kind else b"n"
        if kind == b"e" or (kind == b"str" and formula[2] is not None):
            continue
        reference = _REFERENCE.search(tag)
        if reference is None:
            raise UnplacedError
        row, column = cell_position(reference[1].decode("ascii").replace("$", ""))
        text = unescape(formula[1].decode("utf-8", "replace")) if formula[1] is not None else ""
        found.append(ErrorCell(row, column, text, formula=True))
    return found


def unreadable_cells(xml: bytes) -> list[ErrorCell]:
    """Error cells, then formula cells without a result, of (a whole number of rows of) a sheet's XML."""
    return error_cells(xml) + formula_cells(xml)


def member_error_cells(archive: zipfile.ZipFile, member: str) -> list[ErrorCell]:
    """Unreadable cells of one sheet member: one quick pass for an error type or a formula at all, then
    (rarely) a pass reading rows, in chunks cut after a whole row so that memory stays small."""
    if not _may_hold_unreadable(archive, member):
        return []
    found: list[ErrorCell] = []
    with archive.open(member) as handle:
        carry = b""
        while chunk := handle.read(_CHUNK):
            text = carry + chunk
            cut = _last_row_end(text)
            found += unreadable_cells(text[:cut])
            carry = text[cut:]
        found += unreadable_cells(carry)
    return found


def _may_hold_unreadable(archive: zipfile.ZipFile, member: str) -> bool:
    tail = b""
    with archive.open(member) as handle:
        while chunk := handle.read(_CHUNK):
            seam = tail + chunk[:8]
            if b"<f" in chunk or _ERROR_TYPE.search(chunk) or b"<f" in seam or _ERROR_TYPE.search(seam):
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
    """Error cells and formula cells without a result of every sheet of an .xlsx (a zip) by sheet name;
    sheets without any are left out.

    An unreadable archive gives no cells (calamine then says what is wrong); such a cell
    without a cell reference cannot be placed, so the file is refused rather than read blank.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            cells = {sheet: member_error_cells(archive, member) for sheet, member in sheet_members(archive)}
    except UnplacedError:
        raise InputError(f"{path.name}: 含有 Excel 错误值（如 #N/A）或公式的单元格缺少位置信息，无法读取；"
                         "请用 Excel 打开后另存") from None
    except Exception:  # a broken zip or workbook XML (BadZipFile, zlib.error, ParseError …): calamine reports it
        return {}
    return {sheet: found for sheet, found in cells.items() if found}


def unsupported(cells: dict[str, list[ErrorCell]]) -> bool:
    """Whether calamine would refuse the workbook for one of these error values."""
    return any(not cell.formula and cell.text not in CALAMINE_ERRORS for found in cells.values() for cell in found)


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

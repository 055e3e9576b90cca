"""Refuse an .xlsx sheet whose range is absurd before calamine allocates it.

calamine reserves memory for a sheet's declared range (``<dimension ref="A1:XFD1048576"/>``: 17
billion cells, 512 GB — the process aborts), and the grid ingest builds spans from A1 to the last
cell. A 53 KB file with one stray cell at XFD1048576 would do either. This module reads the
declared ranges from the workbook's XML (a few KB) so that such a sheet is refused with a clear
message instead; an archive declaring a part of gigabytes (a zip bomb) is refused the same way.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from toolkit.errors import InputError

MAX_SHEET_CELLS = 100_000_000  # e.g. 1,048,576 rows × 95 columns
MAX_MEMBER_BYTES = 2 << 30  # one XML part of a workbook, unpacked, as the archive declares it
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z0-9:$]+)\"")
_CELL = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
# The r attribute of a cell (letters then digits) and of a row (digits only); no other element has one.
_WIDE_COLUMN = re.compile(rb" r=\"([A-Z]{2,3})[0-9]")
_ROW_NUMBER = re.compile(rb" r=\"([0-9]{1,7})\"")
_HEAD_BYTES = 1 << 16


def cell_position(ref: str) -> tuple[int, int]:
    """Zero-based (row, column) of a cell reference.

    >>> cell_position("A1"), cell_position("XFD1048576")
    ((0, 0), (1048575, 16383))
    """
    match = _CELL.match(ref)
    if match is None:
        raise ValueError(ref)
    column = 0
    for letter in match[1].upper():
        column = column * 26 + ord(letter) - 64
    return int(match[2]) - 1, column - 1


def cell_name(row: int, column: int) -> str:
    """The reference of a zero-based (row, column).

    >>> cell_name(1048575, 16383)
    'XFD1048576'
    """
    letters, number = "", column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def range_cells(ref: str) -> int:
    """Cells in a range reference (a single cell is one).

    >>> range_cells("A1:XFD1048576"), range_cells("XFD1048576"), range_cells("B2:C3")
    (17179869184, 1, 4)
    """
    first, _, last = ref.partition(":")
    (top, left), (bottom, right) = cell_position(first), cell_position(last or first)
    return (abs(bottom - top) + 1) * (abs(right - left) + 1)


def too_large(path: Path, sheet: str, ref: str) -> InputError:
    where = f"工作表「{sheet}」" if sheet else "工作表"
    return InputError(f"{path.name}: {where}范围过大：{ref}（超过 {MAX_SHEET_CELLS:,} 个单元格），未读取；"
                      "请删除表格末尾多余的行、列或单元格后另存")


def check_declared_ranges(path: Path) -> None:
    """Raise InputError if a sheet of an .xlsx/.xlsm declares an absurd range, or a member of the archive
    unpacks to more than MAX_MEMBER_BYTES (a zip bomb: calamine would hold its strings in memory until
    the system kills the process); unreadable XML is left to calamine."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.file_size > MAX_MEMBER_BYTES:
                    raise InputError(f"{path.name}: 工作簿解压后过大（{info.filename} 有 {info.file_size:,} 字节，"
                                     f"超过 {MAX_MEMBER_BYTES:,}），未读取；文件可能已损坏")
            for sheet, member in sheet_members(archive):
                ref = _declared_range(archive, member)
                if ref is not None and range_cells(ref) > MAX_SHEET_CELLS:
                    raise too_large(path, sheet, ref)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError):
        return


def check_used_range(path: Path, sheet: str, end: tuple[int, int] | None) -> None:
    """Raise InputError if the grid from A1 to a loaded sheet's last cell would be absurd."""
    if end is not None and (end[0] + 1) * (end[1] + 1) > MAX_SHEET_CELLS:
        raise too_large(path, sheet, f"A1:{cell_name(*end)}")


def sheet_members(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member of its XML) in workbook order."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in relations}
    members = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member in archive.namelist():
            members.append((sheet.get("name", ""), member))
    return members


def _declared_range(archive: zipfile.ZipFile, member: str) -> str | None:
    """The sheet's ``<dimension ref>``; without one (some writers), the range its references span."""
    with archive.open(member) as handle:
        head = handle.read(_HEAD_BYTES)
        match = _DIMENSION.search(head)
        if match:
            return match[1].decode("ascii").replace("$", "")
        return _scanned_range(head, handle)


def _scanned_range(head: bytes, handle) -> str | None:
    """A1 to the largest row and column the cell and row references name, in one streaming pass.

    Only columns of two or three letters are collected (beyond Z), so a usual sheet costs a search
    that finds nothing; chunks overlap so that no reference is cut.
    """
    columns: set[bytes] = set()
    bottom = 0
    chunk, tail = head, b""
    while chunk:
        text = tail + chunk
        columns.update(_WIDE_COLUMN.findall(text))
        bottom = max(bottom, max(map(int, _ROW_NUMBER.findall(text)), default=0))
        tail, chunk = text[-64:], handle.read(1 << 20)
    if not bottom:
        return None
    right = max(columns, key=lambda letters: (len(letters), letters)).decode("ascii") if columns else "Z"
    return f"A1:{right}{bottom}"

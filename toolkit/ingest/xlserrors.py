"""Excel error values (``#N/A`` …) in old .xls workbooks (BIFF8 inside an OLE2 compound file).

calamine reads an .xls error cell as empty text, as it does for .xlsx (see
:mod:`toolkit.ingest.errorcells`). This module reads just enough of the file to find them: the
compound file's ``Workbook`` stream, the sheets' names and offsets (BOUNDSHEET), and in each sheet
the cells holding an error — a BOOLERR record with its error flag, or a FORMULA record whose
cached result is an error. Anything it cannot follow gives no cells: calamine then reads (or
refuses) the file as before.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np

from toolkit.ingest.errorcells import ErrorCell

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAST_SECTOR = 0xFFFFFFFA  # larger values: end of chain, free, FAT and DIFAT markers
_BOUNDSHEET, _EOF, _BOOLERR, _FORMULA = 0x0085, 0x000A, 0x0205, 0x0006
# Bytes that may be a BOOLERR record holding an error, or a FORMULA record whose result is one: without
# any, the records need not be walked one by one (two patterns: each starts with a literal, searched fast).
_CANDIDATES = (re.compile(rb"\x05\x02\x08\x00.{6}.\x01", re.S), re.compile(rb"\x06\x00.{8}\x02.{5}\xff\xff", re.S))


def xls_error_cells(path: Path) -> dict[str, list[ErrorCell]]:
    """Error cells of every sheet of an .xls by sheet name; sheets without any are left out."""
    try:
        stream = workbook_stream(path.read_bytes())
        if not stream or not any(candidate.search(stream) for candidate in _CANDIDATES):  # the common case
            return {}
        return {name: found for name, found in _sheet_errors(stream).items() if found}
    except (struct.error, IndexError, ValueError, KeyError):
        return {}


# ----------------------------------------------------------------------------------- compound file

def workbook_stream(data: bytes) -> bytes | None:
    """The ``Workbook`` (or BIFF5 ``Book``) stream of an OLE2 compound file, None when it has none."""
    if not data.startswith(_CFB_MAGIC):
        return None
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    directory_start, = struct.unpack_from("<I", data, 0x30)
    cutoff, _, _, difat_start, difat_count = struct.unpack_from("<IIIII", data, 0x38)
    fat = _fat(data, sector, difat_start, difat_count)
    directory = _chain_bytes(data, fat, directory_start, sector)
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    for entry in entries:
        name = entry[:max(struct.unpack_from("<H", entry, 64)[0] - 2, 0)].decode("utf-16-le", "replace")
        if entry[66] == 2 and name in ("Workbook", "Book"):
            start, size = struct.unpack_from("<II", entry, 116)
            # Excel pads the stream to 4096 bytes, out of the mini stream (a smaller one is not read)
            return _chain_bytes(data, fat, start, sector)[:size] if size >= cutoff else None
    return None


def _fat(data: bytes, sector: int, difat_start: int, difat_count: int) -> np.ndarray:
    """The file allocation table: next sector of each sector."""
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    current = difat_start
    for _ in range(min(difat_count, len(data) // sector)):  # a looping chain cannot spin
        if current > _LAST_SECTOR:
            break
        block = struct.unpack_from(f"<{sector // 4}I", data, (current + 1) * sector)
        difat += block[:-1]
        current = block[-1]
    sectors = [s for s in difat if s <= _LAST_SECTOR]
    return np.frombuffer(b"".join(data[(s + 1) * sector:(s + 2) * sector] for s in sectors), dtype="<u4")


def _chain_bytes(data: bytes, table: np.ndarray, start: int, size: int) -> bytes:
    """The bytes of a chain of sectors, a run of consecutive sectors at a time (a loop or a pointer out of
    the table ends it)."""
    following, parts, seen, current = table.tolist(), [], set(), start
    while current <= _LAST_SECTOR and current < len(following) and current not in seen:
        first = current
        seen.add(current)
        while following[current] == current + 1 and current + 1 < len(following) and current + 1 not in seen:
            current += 1
            seen.add(current)
        parts.append(data[(first + 1) * size:(current + 2) * size])  # sector n starts after the header
        current = following[current]
    return b"".join(parts)


# ----------------------------------------------------------------------------------- BIFF records

def _records(stream: bytes, position: int, end: int):
    """(type, body) of the records from a position to the next EOF record (or ``end``)."""
    end = min(end, len(stream))
    while position + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        yield kind, stream[position + 4:position + 4 + length] if kind in (_BOUNDSHEET, _BOOLERR, _FORMULA) else b""
        if kind == _EOF:
            return
        position += 4 + length


def _sheet_errors(stream: bytes) -> dict[str, list[ErrorCell]]:
    """Each sheet's error cells; a sheet's records end at its EOF or where the next sheet starts, so
    that no byte is read twice whatever offsets the file claims."""
    sheets = [(_sheet_name(body), struct.unpack_from("<I", body, 0)[0])
              for kind, body in _records(stream, 0, len(stream)) if kind == _BOUNDSHEET]
    offsets = sorted({offset for _, offset in sheets}) + [len(stream)]
    ends = dict(zip(offsets, offsets[1:]))
    cells = {offset: list(_error_cells(stream, offset, ends[offset])) for offset in offsets[:-1]}
    return {name: cells[offset] for name, offset in sheets}


def _sheet_name(body: bytes) -> str:
    """A BOUNDSHEET name: BIFF8 ShortXLUnicodeString (length, flags, characters)."""
    length, flags = body[6], body[7]
    if flags & 1:
        return body[8:8 + 2 * length].decode("utf-16-le", "replace")
    return body[8:8 + length].decode("latin-1")


def _error_cells(stream: bytes, offset: int, end: int):
    for kind, body in _records(stream, offset, end):
        if kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
            row, column = struct.unpack_from("<HH", body, 0)
            yield ErrorCell(row, column, ERROR_CODES.get(body[6], ""))
        elif kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
            row, column = struct.unpack_from("<HH", body, 0)
            yield ErrorCell(row, column, ERROR_CODES.get(body[8], ""))

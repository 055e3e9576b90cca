"""A CSV file → a grid of text cells, one row per CSV record, as Python's csv module reads it.

The file is decoded once (UTF-8 with or without BOM, else GB18030) and tokenised by pandas' C
parser with every cell as text: no Python code runs per row (the widest record is estimated from the
positions of commas, quotes and line breaks). Row ``i`` of the grid is record
``i`` of the file — blank lines and title rows included — so Excel row numbers are ``i + 1``,
exactly as with ``csv.reader``; ragged rows are padded with empty cells. A file the C parser
might not take as ``csv.reader`` would (a NUL byte, a record wider than estimated, an
unterminated quote) is read with ``csv.reader`` itself, and so is a very wide one (a record of
thousands of fields: one 2-D array is far quicker than a pandas column per field).
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit.errors import InputError
from toolkit.ingest.grid import rows_grid
from toolkit.ingest.sniff import not_a_csv

CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\udc80-\udcff]")  # an undecodable byte, as errors="surrogateescape" keeps it
_WIDE = 1000  # records wider than this go to csv.reader: one 2-D array instead of a pandas column per field
UNDECODABLE_ROW = "此行不是 UTF-8 编码（文件其他行是 UTF-8，可能混入了 GBK 编码的内容），整行未读取"


def read_csv_grid(path: Path) -> tuple[pd.DataFrame, tuple[int, ...]]:
    """The grid of a CSV file and its undecodable rows; an empty or malformed file raises InputError.

    A UTF-8 file with a few rows in another encoding (a GBK row pasted in) is read as UTF-8: those
    rows are listed (grid row indexes) for ingest to reject, instead of the whole file.
    """
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path.name}: 文件为空")
    problem = not_a_csv(data)
    if problem is not None:  # a workbook or UTF-16 text named .csv
        raise InputError(f"{path.name}: {problem}")
    if _mostly_utf8(data):
        body = data[len(_BOM):] if data.startswith(_BOM) else data
        grid = csv_grid(body, path.name, errors="surrogateescape")
        return grid, _undecodable_rows(grid)
    return csv_grid(utf8_body(data, path.name), path.name), ()


def _mostly_utf8(data: bytes) -> bool:
    """Not valid UTF-8, but far more of its non-ASCII text is valid UTF-8 than not.

    A GB18030 file fails at its first non-ASCII character: that is decided without decoding the rest.
    """
    try:
        data.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if data[:exc.start].isascii():
            return False
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_SURROGATE.findall(text))
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    return good > bad


def _undecodable_rows(grid: pd.DataFrame) -> tuple[int, ...]:
    bad = np.zeros(len(grid), dtype=bool)
    for position in grid.columns:
        bad |= np.fromiter(map(_has_surrogate, grid[position].to_numpy(dtype=object)), dtype=bool, count=len(grid))
    return tuple(np.flatnonzero(bad).tolist())


def _has_surrogate(cell: object) -> bool:
    return isinstance(cell, str) and _SURROGATE.search(cell) is not None


def decode_csv(data: bytes, name: str) -> str:
    """Decode CSV bytes as UTF-8 (with or without BOM), else GB18030.

    >>> decode_csv("编号".encode("gb18030"), "x.csv")
    '编号'
    """
    for encoding in CSV_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{name}: 无法识别文件编码（应为 UTF-8 或 GB18030）")


def utf8_body(data: bytes, name: str) -> bytes:
    """The file as UTF-8 bytes without BOM: UTF-8 files as they are, GB18030 files transcoded once."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_csv(data, name).encode("utf-8")
    return data[len(_BOM):] if data.startswith(_BOM) else data


def csv_grid(body: bytes, name: str = "", errors: str = "strict") -> pd.DataFrame:
    """Grid of a UTF-8 CSV body: object columns of ``str``, row i = record i.

    >>> csv_grid("标题\\n\\na,b,c\\n1,\\"x,y\\"\\n".encode()).values.tolist()
    [['标题', '', ''], ['', '', ''], ['a', 'b', 'c'], ['1', 'x,y', '']]
    """
    width = _widest_record(body)
    if b"\x00" in body or width > _WIDE:
        return reader_grid(body.decode("utf-8", errors), name)
    try:
        with warnings.catch_warnings():  # a record wider than the estimate: pandas would drop its last fields
            warnings.simplefilter("error", pd.errors.ParserWarning)
            return pd.read_csv(
                io.BytesIO(body), header=None, names=range(width), index_col=False, dtype=object,
                na_filter=False, keep_default_na=False, skip_blank_lines=False, engine="c", encoding="utf-8",
                quotechar='"', doublequote=True, skipinitialspace=False, on_bad_lines="error", encoding_errors=errors,
            )
    except (pd.errors.ParserError, pd.errors.ParserWarning):
        return reader_grid(body.decode("utf-8", errors), name)


def _widest_record(body: bytes) -> int:
    """Fields of the widest record, estimated: 1 + its commas, a record ending at a line break outside quotes.

    The estimate is exact for well-formed files; when it is short, the C parser fails and csv.reader reads.

    >>> _widest_record(b'a,b\\n1,"x\\ny",z,w\\n')
    4
    """
    raw = np.frombuffer(body, dtype=np.uint8)
    commas = np.flatnonzero(raw == 44)
    if not len(commas):
        return 1
    breaks = np.flatnonzero((raw == 10) | (raw == 13))
    quotes_before = np.searchsorted(np.flatnonzero(raw == 34), breaks)
    breaks = breaks[quotes_before % 2 == 0]
    return int(np.bincount(np.searchsorted(breaks, commas)).max()) + 1


def reader_grid(text: str, name: str = "") -> pd.DataFrame:
    """The same grid through ``csv.reader`` (cells beyond a short row's end are None)."""
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # one long cell is data, not a broken file
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(f"{name}: CSV 格式错误：{exc}") from None
    finally:
        csv.field_size_limit(limit)
    return rows_grid(rows)

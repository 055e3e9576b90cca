"""Finding messages for many rows at once: a format string over whole columns, or a function of each row.

:func:`render_messages` gives what ``message.format(**display(row))`` (or ``message(row)``) gave row by
row through ``DataFrame.iterrows``, character for character, without building a Series per row:

* a format string whose fields are plain column names (``"{guests}人"``) is filled column by column:
  each column shown by :func:`display_column` (dates as 2020-06-30, whole floats without .0, blanks
  as 空) and the pieces joined with vectorised string addition;
* a field with a format spec or a conversion (``{amount:,.2f}``, ``{x!r}``) and a function of the row
  get a light :class:`Row` per row, holding the very values ``iterrows`` would have given.
"""

from __future__ import annotations

import math
import string
from typing import Any, Callable, Iterator

import numpy as np
import pandas as pd

MISSING = "空"
DATE, MOMENT = "%Y-%m-%d", "%Y-%m-%d %H:%M"
INT64_SAFE = 2.0 ** 53   # whole floats below this turn into int64 exactly


class Row:
    """One row as ``iterrows`` gives it — ``row["col"]``, ``row.name``, ``row.get`` — without a Series.

    Anything else a Series offers is answered by the Series itself, built on first use.

    >>> row = Row({"a": 0, "n": 1}, np.array(["x", 2], dtype=object), 7)
    >>> row["a"], row.name, row.get("z", 0), row.index.tolist()
    ('x', 7, 0, ['a', 'n'])
    """

    __slots__ = ("_columns", "_values", "name", "_series")

    def __init__(self, columns: Any, values: np.ndarray, name: Any) -> None:
        self._columns, self._values, self.name, self._series = columns, values, name, None

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str) and key in self._columns:
            return self._values[self._columns[key]]
        return self.series[key]

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if key in self._columns else default

    def items(self) -> Iterator[tuple[Any, Any]]:
        return zip(self._columns, self._values)

    def __contains__(self, key: Any) -> bool:
        return key in self._columns

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    @property
    def series(self) -> pd.Series:
        if self._series is None:
            self._series = pd.Series(self._values, index=list(self._columns), name=self.name)
        return self._series

    def __getattr__(self, attribute: str) -> Any:
        return getattr(self.series, attribute)


def rows_of(frame: pd.DataFrame) -> Iterator[Row | pd.Series]:
    """Each row of ``frame`` with the values ``frame.iterrows()`` gives (same upcasting and boxing).

    A row of mixed kinds holding a number (every typed dataset's ``_row``) is a light :class:`Row`
    over ``frame.values``; any other row of an object table is the Series iterrows builds, since
    pandas infers a dtype for it (all text → str, all blank or dates → datetime).
    """
    columns = {name: position for position, name in enumerate(frame.columns)}
    table = frame.values
    if table.dtype.kind in "mM":   # only dates or durations: a Series boxes them as Timestamp / NaT
        table = frame.astype(object).values
    light = np.ones(len(frame), dtype=bool)
    if table.dtype == object:
        light[:] = False
        for position in range(frame.shape[1]):
            column = frame.iloc[:, position]
            if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
                light |= column.notna().to_numpy(dtype=bool)
    for name, values, plain in zip(frame.index, table, light):
        yield Row(columns, values, name) if plain else pd.Series(values, index=frame.columns, name=name)


def display_value(value: Any) -> Any:
    """One value shaped for a message: dates as 2020-06-30 (or 2020-06-30 14:05), whole floats without
    .0, blanks as 空; anything else as it is.

    >>> display_value(pd.Timestamp("2020-06-30")), display_value(3.0), display_value(None), display_value("甲")
    ('2020-06-30', 3, '空', '甲')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return MISSING
    if isinstance(value, pd.Timestamp):
        return value.strftime(DATE) if value == value.normalize() else value.strftime(MOMENT)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def display(row: Any) -> dict[str, Any]:
    """Every value of a row shaped by :func:`display_value`, keyed by column name."""
    return {str(key): display_value(value) for key, value in row.items()}


def display_column(column: pd.Series) -> pd.Series:
    """``str(display_value(v))`` for every value of a column, computed on the whole column.

    >>> display_column(pd.Series([1.0, 2.5, None])).tolist()
    ['1', '2.5', '空']
    >>> display_column(pd.to_datetime(pd.Series(["2020-06-30 00:00", "2020-07-01 14:05", None]))).tolist()
    ['2020-06-30', '2020-07-01 14:05', '空']
    """
    present = column.notna()
    if isinstance(column.dtype, pd.StringDtype):
        text = column
    elif pd.api.types.is_datetime64_any_dtype(column):
        midnight = column == column.dt.normalize()
        text = column.dt.strftime(DATE).where(midnight, column.dt.strftime(MOMENT))
    elif pd.api.types.is_float_dtype(column) and column.dtype == np.float64:
        values = column.to_numpy()
        whole = np.isfinite(values) & (np.floor(values) == values) & (np.abs(values) < INT64_SAFE)
        as_int = pd.Series(np.where(whole, values, 0).astype(np.int64), index=column.index).astype(str)
        odd = present & ~whole & np.isfinite(values) & (np.floor(values) == values)   # whole but huge
        text = as_int.where(whole, column.astype(str))
        if odd.any():
            text = text.where(~odd, column[odd].map(lambda v: str(display_value(v))))
    elif pd.api.types.is_integer_dtype(column) or pd.api.types.is_bool_dtype(column):
        text = column.astype(object).where(present, None).map(str, na_action="ignore")
    else:
        return column.map(lambda v: str(display_value(v))).astype("str")
    return text.astype("str").where(present, MISSING).astype("str")


def _plain_fields(message: str) -> list[tuple[str, str | None]] | None:
    """(literal, column) pieces of a format string whose fields are plain names; None when any is not."""
    pieces = []
    for literal, field, spec, conversion in string.Formatter().parse(message):
        if field is not None and (spec or conversion or not field.isidentifier()):
            return None
        pieces.append((literal, field))
    return pieces


def render_messages(rows: pd.DataFrame, message: str | Callable[[Any], str]) -> list[str]:
    """The message of every row of ``rows``, in order (see the module's docstring).

    >>> df = pd.DataFrame({"n": [1.0, 2.5], "d": pd.to_datetime(["2020-06-30", None])})
    >>> render_messages(df, "n={n}，{d}")
    ['n=1，2020-06-30', 'n=2.5，空']
    >>> render_messages(df, lambda r: f"{r.name}:{r['n']}")
    ['0:1.0', '1:2.5']
    """
    if callable(message):
        return [message(row) for row in rows_of(rows)]
    pieces = _plain_fields(message)
    if pieces is None:
        return [message.format(**display(row)) for row in rows_of(rows)]
    if rows.empty:
        return []
    text = pd.Series("", index=rows.index, dtype="str")
    for literal, field in pieces:
        if literal:
            text = text + literal
        if field is not None:
            text = text + display_column(rows[field])
    return text.tolist()

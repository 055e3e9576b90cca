"""Rows of cells → the grid a :class:`toolkit.ingest.read.Sheet` holds (object columns 0…width-1)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def rows_grid(rows: list[list[object]]) -> pd.DataFrame:
    """Rows → a DataFrame of object columns 0…width-1; short rows are padded with None.

    >>> rows_grid([["a", 1.0], ["", None]]).values.tolist()
    [['a', 1.0], ['', None]]
    >>> rows_grid([["a", "b"], []]).values.tolist()
    [['a', 'b'], [None, None]]
    """
    if not rows:
        return pd.DataFrame()
    widths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    width = int(widths.max())
    if (widths != width).any():  # calamine's rows are all as wide: this is csv.reader's ragged rows
        rows = [row + [None] * (width - len(row)) for row in rows]
    cells = np.empty((len(rows), width), dtype=object)
    if width:
        cells[:] = rows
    return pd.DataFrame(cells, dtype=object)

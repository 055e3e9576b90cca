"""DUPLICATES (重复记录): rows equal on chosen columns, grouped, with counts and sums."""

from __future__ import annotations

from typing import Sequence

import pandas as pd

SEPARATOR = "、"


def duplicates(df: pd.DataFrame, by: Sequence[str], amount_column: str | None = None,
               id_column: str | None = "id") -> pd.DataFrame:
    """One row per group of two or more rows with equal (non-missing) values in every ``by`` column.

    Columns: the ``by`` columns, 笔数, 金额合计 (when ``amount_column``), 记录编号 (the
    ``id_column`` values) and 原表行号 (``_row`` when the frame has it), most rows first.

    >>> df = pd.DataFrame({"id": ["a", "b", "c", "d"], "inv": ["1", "1", "2", None],
    ...                    "amount": [10.0, 10, 5, 5], "_row": [2, 3, 4, 5]})
    >>> duplicates(df, ["inv", "amount"], "amount").values.tolist()
    [['1', 10.0, 2, 20.0, 'a、b', '2、3']]
    """
    keys = list(by)
    frame = df.dropna(subset=keys)
    repeated = frame[frame.duplicated(subset=keys, keep=False)]
    grouped = repeated.groupby(keys, sort=False, dropna=False)
    out = grouped.size().rename("笔数").reset_index()
    if amount_column is not None:
        out["金额合计"] = grouped[amount_column].sum().to_numpy()
    if id_column in repeated.columns:
        out["记录编号"] = grouped[id_column].agg(lambda v: SEPARATOR.join(map(str, v))).to_numpy()
    if "_row" in repeated.columns:
        out["原表行号"] = grouped["_row"].agg(lambda v: SEPARATOR.join(map(str, v))).to_numpy()
    order = ["笔数", "金额合计"] if amount_column is not None else ["笔数"]
    return out.sort_values(order, ascending=False, kind="stable").reset_index(drop=True)


def duplicate_rows(df: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """The rows of every duplicate group (all columns), with 组号 (1 = the largest group).

    >>> df = pd.DataFrame({"inv": ["1", "2", "1"], "x": [1, 2, 3]})
    >>> duplicate_rows(df, ["inv"]).values.tolist()
    [[1, '1', 1], [1, '1', 3]]
    """
    keys = list(by)
    frame = df.dropna(subset=keys)
    repeated = frame[frame.duplicated(subset=keys, keep=False)]
    sizes = repeated.groupby(keys, sort=False)[keys[0]].transform("size")
    group = repeated.groupby(keys, sort=False).ngroup()
    ordered = repeated.assign(_size=sizes, _group=group).sort_values(["_size", "_group"], ascending=[False, True],
                                                                     kind="stable")
    number = ordered["_group"].ne(ordered["_group"].shift()).cumsum()
    return ordered.drop(columns=["_size", "_group"]).assign(组号=number.to_numpy()).reindex(
        columns=["组号", *repeated.columns])

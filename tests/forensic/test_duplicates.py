"""DUPLICATES: the planted duplicate found, a near one (one column differs) and missing keys not."""

from __future__ import annotations

import pandas as pd

from toolkit.forensic.duplicates import duplicate_rows, duplicates


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": ["r1", "r2", "r3", "r4", "r5", "r6", "r7"],
        "unit": ["甲", "甲", "甲", "乙", "乙", None, None],
        "date": pd.to_datetime(["2020-01-05"] * 3 + ["2020-01-05", "2020-01-06", "2020-01-07", "2020-01-07"]),
        "amount": [880.0, 880.0, 880.0, 880.0, 880.0, 50.0, 50.0],
        "_row": [2, 3, 4, 5, 6, 7, 8],
    })


def test_exact_duplicates_grouped_with_counts_and_sums():
    df = frame()
    before = df.copy()
    table = duplicates(df, ["unit", "date", "amount"], "amount")
    assert table[["unit", "笔数", "金额合计", "记录编号", "原表行号"]].values.tolist() == [
        ["甲", 3, 2640.0, "r1、r2、r3", "2、3、4"]]
    pd.testing.assert_frame_equal(df, before)


def test_duplicate_rows_numbered_by_group():
    rows = duplicate_rows(frame(), ["amount"])
    assert rows["组号"].tolist() == [1, 1, 1, 1, 1, 2, 2]
    assert rows["id"].tolist() == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"]
    assert duplicates(frame(), ["id"]).empty

"""GAPS on sequences with known holes and repeats, prefixed and plain, text and numbers."""

from __future__ import annotations

import pandas as pd

from toolkit.forensic.gaps import gap_summary, gaps, split_numbers


def rows(table: pd.DataFrame) -> list[list]:
    return table[["前缀", "类型", "起始号码", "结束号码", "号数"]].values.tolist()


def test_prefixed_invoice_numbers_with_known_holes_and_a_repeat():
    numbers = [f"QL2020-{i:06d}" for i in range(1, 21) if i not in (5, 9, 10, 11)] + ["QL2020-000015"]
    table = gaps(pd.Series(numbers))
    assert rows(table) == [
        ["QL2020-", "缺号", "QL2020-000005", "QL2020-000005", 1],
        ["QL2020-", "缺号", "QL2020-000009", "QL2020-000011", 3],
        ["QL2020-", "重号", "QL2020-000015", "QL2020-000015", 2],
    ]
    assert table["起"].tolist() == [5, 9, 15] and table["止"].tolist() == [5, 11, 15]


def test_each_prefix_is_its_own_sequence_and_ends_are_not_gaps():
    numbers = pd.Series(["A-001", "A-002", "A-004", "B-100", "B-101", "B-103", "B-103", "B-103"])
    assert rows(gaps(numbers)) == [
        ["A-", "缺号", "A-003", "A-003", 1],
        ["B-", "缺号", "B-102", "B-102", 1],
        ["B-", "重号", "B-103", "B-103", 3],
    ]
    assert gap_summary(gaps(numbers)).values.tolist() == [["A-", "", 1, 1, 0], ["B-", "", 1, 1, 1]]


def test_document_numbers_with_a_suffix():
    numbers = pd.Series(["赣外审〔2019〕201号", "赣外审〔2019〕204号", "赣外审〔2019〕204号", "赣外审〔2020〕1号",
                         "赣外审〔2020〕2号"])
    assert rows(gaps(numbers)) == [
        ["赣外审〔2019〕", "缺号", "赣外审〔2019〕202号", "赣外审〔2019〕203号", 2],
        ["赣外审〔2019〕", "重号", "赣外审〔2019〕204号", "赣外审〔2019〕204号", 2],
    ]


def test_numbers_stored_as_numbers_full_width_and_unreadable_values():
    numeric = pd.Series([1001.0, 1002, 1003, 1005, 1010, None])
    assert rows(gaps(numeric)) == [["", "缺号", "1004", "1004", 1], ["", "缺号", "1006", "1009", 4]]
    text = pd.Series(["ＮＯ.０１", "NO.02", " NO.04 ", "作废", None])
    table = gaps(text)
    assert rows(table.iloc[:1]) == [["NO.", "缺号", "NO.03", "NO.03", 1]]
    assert table.iloc[-1]["类型"] == "未识别" and table.iloc[-1]["号数"] == 1


def test_a_complete_sequence_has_no_gaps_and_input_is_unchanged():
    series = pd.Series([f"V{i}" for i in range(1, 50)])
    before = series.copy()
    assert gaps(series).empty
    pd.testing.assert_series_equal(series, before)


def test_arabic_indic_digits_are_read_as_digits():
    numbers = pd.Series(["A-١", "A-٣", "A-4"], dtype="str")   # Arabic-Indic 1 and 3
    assert rows(gaps(numbers)) == [["A-", "缺号", "A-2", "A-2", 1]]


def test_ascii_and_other_text_split_alike_in_one_column():
    # ASCII values take the Arrow path, the others Python's: whitespace of both kinds removed, order kept
    numbers = pd.Series(["B\x1c7", "Ｂ８", " B 10\t", "B\u30009", None, "B\x0b12"], dtype="str")
    parts = split_numbers(numbers)
    assert parts["number"].tolist()[:4] == [7.0, 8.0, 10.0, 9.0] and parts["number"].tolist()[5] == 12.0
    assert parts["prefix"].tolist()[:4] == ["B"] * 4 and pd.isna(parts.loc[4, "prefix"])
    assert rows(gaps(numbers)) == [["B", "缺号", "B11", "B11", 1]]


def test_numbers_longer_than_eighteen_digits_are_read_as_pandas_reads_them():
    parts = split_numbers(pd.Series(["F" + "9" * 20, "F" + "1" * 18], dtype="str"))
    assert parts["number"].tolist() == [float("9" * 20), float("1" * 18)]
    assert parts["width"].tolist() == [20.0, 18.0]

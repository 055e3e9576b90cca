"""GAPS (断号与重号): missing and repeated numbers in a sequence of invoice or voucher numbers.

A number is read as a prefix, its last run of digits and a suffix without digits:
``QL2020-000123`` is prefix ``QL2020-`` and number 123 (six digits wide); ``000124`` and
``124`` have an empty prefix; the document number ``赣外审〔2019〕204号`` is prefix
``赣外审〔2019〕``, number 204, suffix ``号``. Each prefix (with its suffix) is its own sequence. Between the smallest and the largest
number of a sequence, every number not present is missing (缺号, reported as
ranges), every number present more than once is repeated (重号). Text is read
after NFKC (full-width digits are digits) without whitespace; numbers stored as
numbers are read as whole numbers; values without any digit are left out and
counted in the ``未识别`` row.
"""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

GAP_COLUMNS = ["前缀", "后缀", "类型", "起始号码", "结束号码", "号数", "起", "止"]
MISSING, REPEATED, UNREAD = "缺号", "重号", "未识别"


def _one_text(value: object) -> object:
    """One value as text: a whole float as an integer ('7.0' → '7'), text NFKC; missing stays missing."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value)
    return value if value is None or (isinstance(value, float) and value != value) else str(value)


def _as_text(series: pd.Series) -> pd.Series:
    """Invoice numbers as text: numbers as whole numbers, text NFKC without whitespace; missing → NaN."""
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        numbers = pd.to_numeric(series, errors="coerce")
        whole = numbers.where(numbers.notna() & (numbers == np.floor(numbers)))
        return whole.astype("Int64").astype("str").where(whole.notna())
    text = series.map(_one_text).astype("object")
    return text.str.replace(r"\s+", "", regex=True).replace("", np.nan)


def split_numbers(series: pd.Series) -> pd.DataFrame:
    """Sequence key (prefix and suffix), number and width of each value (NaN number: no digit at all).

    >>> split_numbers(pd.Series(["QL2020-000123", "１２５", 7.0, "A-", "赣外审〔2019〕204号"])).values.tolist()
    [['QL2020-', 123.0, 6.0, ''], ['', 125.0, 3.0, ''], ['', 7.0, 1.0, ''], [nan, nan, nan, nan], ['赣外审〔2019〕', 204.0, 3.0, '号']]
    """
    parts = _as_text(pd.Series(series)).str.extract(r"^(.*?)(\d+)(\D*)$")
    return pd.DataFrame({"prefix": parts[0], "number": pd.to_numeric(parts[1]).astype("float64"),
                         "width": parts[1].str.len().astype("float64"), "suffix": parts[2]}, index=parts.index)


def _label(prefix: pd.Series, number: pd.Series, width: pd.Series, suffix: pd.Series) -> pd.Series:
    digits = number.astype("int64").astype("str")
    padded = [d.zfill(int(w)) for d, w in zip(digits, width)]
    return prefix + pd.Series(padded, index=prefix.index, dtype="str") + suffix


def gaps(series: pd.Series) -> pd.DataFrame:
    """Missing numbers (as ranges) and repeated numbers of each prefix's sequence.

    Columns: 前缀, 后缀, 类型 (缺号 / 重号 / 未识别), 起始号码, 结束号码, 号数 (numbers missing,
    or times a repeated number occurs), 起 and 止 (the numbers).

    >>> g = gaps(pd.Series(["QL2020-000120", "QL2020-000121", "QL2020-000125", "QL2020-000125", "9", "11"]))
    >>> g[["前缀", "类型", "起始号码", "结束号码", "号数"]].values.tolist()
    [['', '缺号', '10', '10', 1], ['QL2020-', '缺号', 'QL2020-000122', 'QL2020-000124', 3], ['QL2020-', '重号', 'QL2020-000125', 'QL2020-000125', 2]]
    """
    parts = split_numbers(series)
    unread = int(parts["number"].isna().sum() - pd.Series(series).isna().sum())
    read = parts.dropna(subset=["number"])
    keys = ["prefix", "suffix"]
    width = read.groupby(keys)["width"].transform("min")
    counts = read.assign(width=width).groupby([*keys, "number"], as_index=False).agg(
        times=("width", "size"), width=("width", "first"))
    counts = counts.sort_values([*keys, "number"], kind="stable")
    following = counts.groupby(keys)["number"].shift(-1)
    holes = counts[following.notna() & (following - counts["number"] > 1)]
    hole_rows = pd.DataFrame({"前缀": holes["prefix"], "后缀": holes["suffix"], "类型": MISSING,
                              "起": holes["number"] + 1, "止": following[holes.index] - 1, "width": holes["width"]})
    hole_rows["号数"] = hole_rows["止"] - hole_rows["起"] + 1
    twice = counts[counts["times"] > 1]
    repeat_rows = pd.DataFrame({"前缀": twice["prefix"], "后缀": twice["suffix"], "类型": REPEATED,
                                "起": twice["number"], "止": twice["number"], "width": twice["width"],
                                "号数": twice["times"]})
    out = pd.concat([hole_rows, repeat_rows], ignore_index=True)
    if len(out):
        out["起始号码"] = _label(out["前缀"], out["起"], out["width"], out["后缀"])
        out["结束号码"] = _label(out["前缀"], out["止"], out["width"], out["后缀"])
    out = out.reindex(columns=[*GAP_COLUMNS, "width"]).sort_values(["前缀", "后缀", "类型", "起"], kind="stable",
                                                                key=_order)
    if unread > 0:   # last
        out = pd.concat([out, pd.DataFrame([{"前缀": "", "后缀": "", "类型": UNREAD, "号数": unread}])],
                        ignore_index=True)
    out = out.reset_index(drop=True)
    for column in ("起", "止", "号数"):
        out[column] = out[column].astype("Int64") if len(out) else pd.Series(dtype="Int64")
    return out.reindex(columns=GAP_COLUMNS)


def _order(column: pd.Series) -> pd.Series:
    """Sort key: 缺号 before 重号 before 未识别; other columns as they are."""
    if column.name == "类型":
        return column.map({MISSING: 0, REPEATED: 1, UNREAD: 2})
    return column


def gap_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Per prefix: ranges and numbers missing, numbers repeated (from a :func:`gaps` table).

    >>> gap_summary(gaps(pd.Series(["A1", "A4", "A4", "B2"]))).values.tolist()
    [['A', '', 1, 2, 1]]
    """
    found = table[table["类型"].isin([MISSING, REPEATED])]
    summary = found.groupby(["前缀", "后缀"]).agg(
        缺号段数=("类型", lambda t: int((t == MISSING).sum())),
        缺号个数=("号数", lambda n: int(n[found.loc[n.index, "类型"] == MISSING].sum())),
        重号个数=("类型", lambda t: int((t == REPEATED).sum())))
    return summary.reset_index()

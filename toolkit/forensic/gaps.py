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
import pyarrow as pa
import pyarrow.compute as pc

GAP_COLUMNS = ["前缀", "后缀", "类型", "起始号码", "结束号码", "号数", "起", "止"]
MISSING, REPEATED, UNREAD = "缺号", "重号", "未识别"
_ASCII_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]+"
_ASCII_PARTS = r"^(?P<prefix>.*?)(?P<number>[0-9]+)(?P<suffix>[^0-9]*)$"


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


def _split_text(text: pd.Series) -> pd.DataFrame:
    """Prefix, number, width and suffix of each text (Python's regex: any Unicode digit is a digit)."""
    parts = text.str.extract(r"^(.*?)(\d+)(\D*)$")
    digits = parts[1].map(_ascii_digits, na_action="ignore")
    return pd.DataFrame({"prefix": parts[0], "number": pd.to_numeric(digits).astype("float64"),
                         "width": parts[1].str.len().astype("float64"), "suffix": parts[2]}, index=parts.index)


def _ascii_digits(digits: str) -> str:
    """Any Unicode decimal digits as ASCII ones ('٣' → '3')."""
    return digits if digits.isascii() else str(int(digits))


def _split_ascii(values: pd.Series) -> pd.DataFrame:
    """:func:`_split_text` of ASCII text (whitespace not yet removed) with Arrow's compute functions: NFKC
    leaves ASCII as it is, and Python's ``\\s`` and ``\\d`` of ASCII are the classes written out in
    _ASCII_SPACE and _ASCII_PARTS. Numbers of up to 18 digits are read as int64 (exact), longer ones as
    pandas reads them."""
    text = pc.replace_substring_regex(pa.array(values.array), _ASCII_SPACE, "")
    prefix, digits, suffix = pc.extract_regex(pc.if_else(pc.equal(text, ""), None, text), _ASCII_PARTS).flatten()
    width = pc.utf8_length(digits)
    short = pc.fill_null(pc.less_equal(width, 18), True)
    number = np.array(pc.cast(pc.if_else(short, digits, None), pa.int64()).to_numpy(zero_copy_only=False),
                      dtype="float64")
    long = ~short.to_numpy(zero_copy_only=False)
    number[long] = pd.to_numeric(digits.filter(pc.invert(short)).to_numpy(zero_copy_only=False)).astype("float64")
    return pd.DataFrame({"prefix": _objects(prefix, values.index), "number": number,
                         "width": width.to_numpy(zero_copy_only=False).astype("float64"),
                         "suffix": _objects(suffix, values.index)}, index=values.index)


def _objects(array: pa.Array, index: pd.Index) -> pd.Series:
    """An Arrow string array as an object Series (as ``str.extract`` of object text gives) with NaN for null."""
    out = np.asarray(array.to_numpy(zero_copy_only=False), dtype=object)
    out[pc.is_null(array).to_numpy(zero_copy_only=False)] = np.nan
    return pd.Series(out, index=index, dtype="object")


def split_numbers(series: pd.Series) -> pd.DataFrame:
    """Sequence key (prefix and suffix), number and width of each value (NaN number: no digit at all).

    >>> split_numbers(pd.Series(["QL2020-000123", "１２５", 7.0, "A-", "赣外审〔2019〕204号"])).values.tolist()
    [['QL2020-', 123.0, 6.0, ''], ['', 125.0, 3.0, ''], ['', 7.0, 1.0, ''], [nan, nan, nan, nan], ['赣外审〔2019〕', 204.0, 3.0, '号']]
    >>> split_numbers(pd.Series(["A-٣", " A-4", None], dtype="str")).values.tolist()   # Arabic-Indic digits too
    [['A-', 3.0, 1.0, ''], ['A-', 4.0, 1.0, ''], [nan, nan, nan, nan]]
    """
    series = pd.Series(series)
    if not isinstance(series.dtype, pd.StringDtype):
        return _split_text(_as_text(series))
    ascii_ = series.str.isascii().fillna(False).to_numpy(dtype=bool)   # nearly all: in Arrow
    if ascii_.all():
        return _split_ascii(series)
    parts = pd.concat([_split_ascii(series[ascii_]), _split_text(_as_text(series[~ascii_]))])
    return parts.iloc[np.argsort(np.r_[np.flatnonzero(ascii_), np.flatnonzero(~ascii_)], kind="stable")]


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

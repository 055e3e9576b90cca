"""Value forms for the property-based ingest tests: hypothesis strategies drawing cells of every
form the contract allows (and the awkward ones) for any dataset column.

Loaded by ``test_ingest_columns.py`` and ``test_ingest_sheets.py`` (not a test module itself).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from toolkit.datasets import (AREA, BOOL, CATEGORY, DATASETS, DATE, DATETIME, ID_NUMBER, INT, MONEY, MONTH, NUMBER, TEXT,
                              Column)

FULL_WIDTH = str.maketrans("0123456789.,-", "０１２３４５６７８９．，－")
UNITS = [None, "元", "万元", "亩", "平方米", "公顷", "km", "L"]


def _distinct_columns() -> list[Column]:
    seen, out = set(), []
    for dataset in DATASETS.values():
        for column in dataset.columns:
            key = (column.kind, column.required, column.unit, column.categories, column.minimum, column.positive)
            if key not in seen:
                seen.add(key)
                out.append(column)
    return out


COLUMNS = _distinct_columns()
KINDS = {TEXT, INT, NUMBER, MONEY, AREA, DATE, DATETIME, MONTH, BOOL, CATEGORY, ID_NUMBER}


# --------------------------------------------------------------------------------- value forms

blanks = st.sampled_from([None, "", " ", "\u3000", "\t \u3000", float("nan"), "\ufeff", "\u200b ", pd.NA])
empty_tokens = st.sampled_from(["无", "/", "—", "-", "没有", "N/A", "——"])
padding = st.sampled_from(["", " ", "\u3000", "  ", "\t", "\ufeff", "\u200b"])

plain_numbers = st.one_of(
    st.integers(-10**6, 10**12),
    st.floats(-1e9, 1e12, allow_nan=False),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, 0.0, 1.0, -0.0, 36000007.0, 1e7, 1e20, 2.5, 0.1, 2**53 + 1, -(2**60), 2**63, 10**400]),
)


@st.composite
def number_texts(draw) -> str:
    number = draw(st.one_of(st.integers(-10**9, 10**12), st.decimals(-10**6, 10**9, places=draw(st.integers(0, 4)),
                                                                         allow_nan=False)))
    style = draw(st.sampled_from(["plain", "comma", "wide", "mult", "unit", "yen", "exp", "bad"]))
    text = str(number)
    if style == "comma":
        text = f"{number:,}"
    elif style == "wide":
        text = text.translate(FULL_WIDTH)
    elif style == "mult":
        text += draw(st.sampled_from(["万", "千", "亿", " 万"]))
    elif style == "unit":
        text += draw(st.sampled_from(["元", "万元", "亩", "平方米", "公顷", "km", "公里", "升", "人", "m²"]))
    elif style == "yen":
        text = draw(st.sampled_from(["¥", "￥"])) + text
    elif style == "exp":
        text = f"{float(number):e}"
    elif style == "bad":
        text = draw(st.sampled_from(["12.3.4", "1,23", ".5", "+5", "5-", "1_000", "0x10", "inf", "nan", "1e999",
                                     "9" * 400]))
    return draw(padding) + text + draw(padding)


chinese_numbers = st.sampled_from(["三千五百", "两千", "一万二", "十", "三", "一点五", "负五", "壹佰", "三千五百元",
                                   "两千万", "零", "五百亩"])

days = st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)), st.dates(dt.date(1000, 1, 1)))
moments = st.one_of(st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31)),
                    st.datetimes(dt.datetime(1000, 1, 1)), st.sampled_from([dt.datetime(1677, 9, 21, 0, 12, 44),
                                                                           dt.datetime(2262, 4, 11, 23, 47, 16)]))


@st.composite
def date_texts(draw) -> str:
    moment = draw(moments)
    y, m, d = moment.year, moment.month, moment.day
    date = draw(st.sampled_from([
        f"{y:04d}-{m:02d}-{d:02d}", f"{y}/{m}/{d}", f"{y}.{m:02d}.{d:02d}", f"{y}年{m}月{d}日", f"{y}年{m}月{d}号",
        f"{y}年{m}月{d}", f"{y} 年 {m} 月 {d} 日", f"{y:04d}{m:02d}{d:02d}", f"{y}-{m}/{d}", f"{y}/{m}/{d:03d}",
        f"{y:04d}-{m:02d}-{d + 30:02d}", f"{y:04d}-{m + 12:02d}-{d:02d}", f"{y}-0-{d}", "0000-01-01",
    ]))
    time = draw(st.sampled_from([
        "", f" {moment.hour}:{moment.minute:02d}", f" {moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}",
        f"T{moment.hour:02d}:{moment.minute:02d}", f"  {moment.hour}:{moment.minute}", f" {moment.hour}时{moment.minute}分",
        f"{moment.hour}时", f" {moment.hour}:{moment.minute:02d}:{moment.second:02d}.5", " 24:00", " 12:60", " 8:005",
        f"{moment.hour:02d}:{moment.minute:02d}",
    ]))
    text = date + time
    if draw(st.booleans()) and draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return draw(padding) + text + draw(padding)


serial_numbers = st.one_of(
    st.floats(-5, 3_000_000, allow_nan=False),
    st.integers(0, 3_000_000),
    st.sampled_from([43831.75, 43831.0, 0.5, 1.0, 59.0, 60.0, 60.5, 61.0, 2958465.0, 2958465.99999, 2958466.0,
                     109574.0, 109575.0, -1.0]),
)
serial_texts = st.one_of(
    serial_numbers.map(lambda x: str(abs(x))),
    st.sampled_from(["43831", "43831.75", "20200305", "202003051", "2020030", "４３８３１", "43831.", "20200305.5"]),
)
month_texts = st.sampled_from(["2020-03", "2020/3", "2020.03", "2020年3月", "202003", "2020-13", "2020年3", "2020",
                               "0000-03", "1020-10", "2262-04", "2262-05", "9999年12月"])
bool_texts = st.sampled_from(["是", "否", "√", "×", "Y", "n", "Yes", "TRUE", "false", "1", "0", "1.0", "有", "无",
                              "没有", "对", "错", "也许", "ｙｅｓ", " 是 ", "✓", "✔", "✗"])
python_objects = st.one_of(
    st.booleans(), days, moments, st.times(), st.sampled_from([dt.timedelta(days=1), np.float64(2.5), np.int64(3)]),
    moments.map(lambda m: m.replace(tzinfo=dt.timezone(dt.timedelta(hours=8)))),
)
ids = st.sampled_from(["ZB00001", "36000007", "0012", "００１２", "XS2019-0001", "1-1-1", "A\u3000B", "中文名称"])
garbage = st.text(max_size=12)


@st.composite
def id_number_cells(draw):
    """ID numbers in every written form: 18 and 15 digits, lower-case x, spaces inside, full width, as numbers."""
    digits = draw(st.text("0123456789", min_size=17, max_size=17))
    last = draw(st.sampled_from(list("0123456789Xx")))
    eighteen = digits + last
    old = digits[:15]
    form = draw(st.sampled_from(["plain", "spaced", "wide", "old", "old_number", "number", "short", "long", "letter",
                                 "scientific", "sixteen", "empty"]))
    if form == "spaced":
        cell = f"{eighteen[:6]} {eighteen[6:14]}\u3000{eighteen[14:]}"
    elif form == "wide":
        cell = eighteen.translate(FULL_WIDTH).replace("X", "Ｘ").replace("x", "ｘ")
    elif form == "old":
        cell = old
    elif form == "old_number":
        cell = float(int("1" + old[1:]))
    elif form == "number":
        cell = draw(st.sampled_from([float(int("1" + digits)), int("1" + digits), float(int("1" + digits[:15]))]))
    elif form == "short":
        cell = eighteen[:draw(st.integers(1, 16))]
    elif form == "long":
        cell = eighteen + draw(st.sampled_from(["0", "X", "1234"]))
    elif form == "letter":
        cell = digits[:16] + draw(st.sampled_from(["A", "x", "X"])) + last
    elif form == "scientific":
        cell = draw(st.sampled_from(["3.62202E+17", "3.62202199001011e17", "1E+15"]))
    elif form == "sixteen":
        cell = draw(st.sampled_from([float(int("1" + digits[:15])), 3622021990010112.0, 1e16, 123456789012345.5]))
    elif form == "empty":
        cell = draw(st.sampled_from(["无", "/", "-", "N/A", "——"]))
    else:
        cell = eighteen
    return draw(padding) + cell + draw(padding) if isinstance(cell, str) else cell


def category_texts(column: Column):
    variants = [c for c in column.categories] + [f" {c} " for c in column.categories]
    variants += [c.replace("（", "(").replace("）", ")") for c in column.categories]
    variants += [c.upper() for c in column.categories] + ["外星人", "其它", "不明"]
    return st.sampled_from(variants)


def cells_for(column: Column):
    forms = [blanks, empty_tokens, plain_numbers, number_texts(), chinese_numbers, date_texts(), serial_numbers,
             serial_texts, month_texts, bool_texts, python_objects, ids, garbage]
    if column.kind == CATEGORY:
        forms += [category_texts(column)] * 3
    if column.kind == ID_NUMBER:
        forms += [id_number_cells()] * 4
    return st.one_of(forms)


@st.composite
def columns_and_cells(draw):
    column = draw(st.sampled_from(COLUMNS))
    header_unit = draw(st.sampled_from(UNITS)) if column.kind in (NUMBER, MONEY, AREA, INT) else None
    # a few distinct values, repeated: the column typer works on distinct values
    distinct = draw(st.lists(cells_for(column), min_size=1, max_size=12))
    cells = draw(st.lists(st.sampled_from(distinct), min_size=1, max_size=30))
    return column, header_unit, cells

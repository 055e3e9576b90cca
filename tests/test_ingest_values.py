"""Cell parsers of toolkit.ingest.values: every accepted form and every rejection."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from toolkit.ingest.values import (
    EMPTY_MARKERS,
    is_blank,
    is_empty_marker,
    normalise_text,
    normalise_unit,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_int,
    parse_month,
    parse_number,
    parse_quantity,
    unit_factor,
)

# ------------------------------------------------------------------ blank / empty


def test_empty_markers_are_the_checks_md_words():
    assert EMPTY_MARKERS == frozenset({"无", "没有", "/", "-", "—", "N/A"})


@pytest.mark.parametrize(
    "value",
    [None, float("nan"), np.nan, np.float64("nan"), pd.NA, pd.NaT, np.datetime64("NaT"),
     "", " ", "\u3000", " \u3000\t\n", "\ufeff"],
)
def test_is_blank(value):
    assert is_blank(value)


@pytest.mark.parametrize("value", [0, 0.0, False, "0", "无", "-", "a", dt.date(2020, 1, 1)])
def test_is_not_blank(value):
    assert not is_blank(value)


@pytest.mark.parametrize(
    "value",
    ["无", "没有", "/", "-", "—", "N/A", "n/a", "N/a", "Ｎ／Ａ", "／", "－", " 无 ", "\u3000没有\u3000",
     "——", "--", None, "", "\u3000", float("nan")],
)
def test_is_empty_marker(value):
    assert is_empty_marker(value)


@pytest.mark.parametrize("value", ["有", "无公函", "NA", "0", 0, "X办字〔2020〕12号", "-1", "/a"])
def test_is_not_empty_marker(value):
    assert not is_empty_marker(value)


# ------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    "value, expected",
    [
        (36000007.0, "36000007"),  # an invoice number read back as a float
        (1e7, "10000000"),
        (np.float64(36000007.0), "36000007"),
        (12, "12"),
        (np.int64(12), "12"),
        (2.5, "2.5"),
        (0.1, "0.1"),
        (True, "是"),
        (False, "否"),
        ("  5-2-3 ", "5-2-3"),
        ("\u3000张三\u3000", "张三"),
        ("\ufeffabc\u200b", "abc"),
        ("００１２", "００１２"),  # text stays as typed (no NFKC)
        ("0012", "0012"),
        (dt.date(2020, 3, 5), "2020-03-05"),
        (dt.datetime(2020, 3, 5), "2020-03-05"),
        (dt.datetime(2020, 3, 5, 14, 30), "2020-03-05 14:30:00"),
        (pd.Timestamp("2020-03-05 08:05:09"), "2020-03-05 08:05:09"),
        (dt.time(14, 30), "14:30:00"),
        (None, ""),
        (float("nan"), ""),
        (pd.NA, ""),
        ("  ", ""),
    ],
)
def test_normalise_text(value, expected):
    assert normalise_text(value) == expected


# ------------------------------------------------------------------------ units


@pytest.mark.parametrize(
    "text, expected",
    [
        ("元", "元"), (" 元 ", "元"), ("万元", "万元"), ("亩", "亩"),
        ("平方米", "平方米"), ("m2", "平方米"), ("M2", "平方米"), ("m²", "平方米"), ("㎡", "平方米"),
        ("平米", "平方米"),
        ("公顷", "公顷"), ("hm2", "公顷"), ("hm²", "公顷"),
        ("公里", "km"), ("千米", "km"), ("km", "km"), ("KM", "km"), ("ｋｍ", "km"),
        ("升", "L"), ("L", "L"), ("l", "L"),
    ],
)
def test_normalise_unit(text, expected):
    assert normalise_unit(text) == expected


@pytest.mark.parametrize("text", ["人", "个", "", "米", "%", "天", "万"])
def test_normalise_unit_unknown(text):
    assert normalise_unit(text) is None


@pytest.mark.parametrize(
    "src, dst, factor",
    [
        ("万元", "元", 10000.0),
        ("元", "万元", 0.0001),
        ("元", "元", 1.0),
        ("平方米", "亩", 15 / 10000),
        ("亩", "平方米", 10000 / 15),
        ("公顷", "亩", 15.0),
        ("亩", "公顷", 1 / 15),
        ("公顷", "平方米", 10000.0),
        ("平方米", "公顷", 0.0001),
        ("km", "km", 1.0),
        ("公里", "km", 1.0),
        ("千米", "公里", 1.0),
        ("升", "L", 1.0),
        ("L", "L", 1.0),
        ("m²", "亩", 15 / 10000),
    ],
)
def test_unit_factor(src, dst, factor):
    assert unit_factor(src, dst) == pytest.approx(factor, rel=1e-12)


def test_unit_factor_exact_for_mu():
    assert unit_factor("公顷", "亩") == 15.0
    assert unit_factor("平方米", "亩") == 0.0015
    assert 6000 * unit_factor("平方米", "亩") == pytest.approx(9.0)


@pytest.mark.parametrize("src, dst", [("亩", "元"), ("万元", "平方米"), ("km", "L"), ("L", "公顷")])
def test_unit_factor_incompatible(src, dst):
    with pytest.raises(ValueError, match=r"^单位不一致："):
        unit_factor(src, dst)


def test_unit_factor_unknown():
    with pytest.raises(ValueError, match=r"^无法识别的单位："):
        unit_factor("人", "元")


# ---------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "value, expected",
    [
        (5, (5.0, None)),
        (2.5, (2.5, None)),
        (np.int64(7), (7.0, None)),
        (-5, (-5.0, None)),
        ("1,234.5", (1234.5, None)),
        ("1,234,567", (1234567.0, None)),
        ("１２３４", (1234.0, None)),
        ("１，２３４．５", (1234.5, None)),
        (" 45 ", (45.0, None)),
        ("\u300045\u3000", (45.0, None)),
        ("-5", (-5.0, None)),
        ("－5", (-5.0, None)),
        ("+5", (5.0, None)),
        ("0", (0.0, None)),
        ("0.5", (0.5, None)),
        ("1.2万", (12000.0, None)),
        ("1.2 万", (12000.0, None)),
        ("3亿", (300000000.0, None)),
        ("1.2万元", (1.2, "万元")),
        ("3000元", (3000.0, "元")),
        ("3000 元", (3000.0, "元")),
        ("¥1,234", (1234.0, "元")),
        ("￥1,234", (1234.0, "元")),
        ("12.5亩", (12.5, "亩")),
        ("800平方米", (800.0, "平方米")),
        ("800㎡", (800.0, "平方米")),
        ("800m²", (800.0, "平方米")),
        ("1.2万平方米", (12000.0, "平方米")),
        ("3公顷", (3.0, "公顷")),
        ("10公里", (10.0, "km")),
        ("10千米", (10.0, "km")),
        ("10km", (10.0, "km")),
        ("45升", (45.0, "L")),
        ("45L", (45.0, "L")),
        ("三千五百", (3500.0, None)),
        ("三千五百元", (3500.0, "元")),
        ("一万二千", (12000.0, None)),
        ("两千", (2000.0, None)),
        ("三", (3.0, None)),
        ("十二点五", (12.5, None)),
        ("五万元", (5.0, "万元")),
        ("二十万", (200000.0, None)),
        ("壹仟贰佰", (1200.0, None)),
        ("负五", (-5.0, None)),
        ("1万2千", (12000.0, None)),
        ("1e7", (10000000.0, None)),
    ],
)
def test_parse_quantity(value, expected):
    assert parse_quantity(value) == expected


@pytest.mark.parametrize(
    "value",
    ["abc", "", "  ", "12.3.4", "(1,234)", "5%", "12%", "1,23", "3 000", "nan", "inf", "-inf",
     float("nan"), float("inf"), float("-inf"), True, False, None, "元", "万", "万元", "3人",
     "三千abc", "-三千", "¥12亩", "1e400", dt.date(2020, 1, 1), "٣"],
)
def test_parse_quantity_rejects(value):
    with pytest.raises(ValueError, match=r"^不是数字$"):
        parse_quantity(value)


@pytest.mark.parametrize(
    "value, unit, expected",
    [
        ("1.2万元", "元", 12000.0),
        ("1.2万", "元", 12000.0),
        ("5", "元", 5.0),
        (5, "元", 5.0),
        ("3000元", "万元", 0.3),
        ("3000元", "元", 3000.0),
        ("1.2万元", "万元", 1.2),
        ("12", "万元", 12.0),  # no cell unit: the column's unit
        ("三千五百元", "万元", 0.35),
        ("6000平方米", "亩", 9.0),
        ("6000平米", "亩", 9.0),
        ("2公顷", "亩", 30.0),
        ("15亩", "公顷", 1.0),
        ("10公里", "km", 10.0),
        ("10千米", "公里", 10.0),
        ("45升", "L", 45.0),
        ("45L", "升", 45.0),
        ("1.2万元", None, 1.2),  # no column unit: as the cell says
    ],
)
def test_parse_number(value, unit, expected):
    assert parse_number(value, unit) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("value, unit", [("12亩", "元"), ("3000元", "亩"), ("10km", "L")])
def test_parse_number_incompatible_unit(value, unit):
    with pytest.raises(ValueError, match=r"^单位不一致："):
        parse_number(value, unit)


def test_parse_number_rejects_text():
    with pytest.raises(ValueError, match=r"^不是数字$"):
        parse_number("abc", "元")


def test_parse_number_keeps_sign():
    assert parse_number("-5", "元") == -5.0


@pytest.mark.parametrize(
    "value, expected",
    [("3", 3), (3, 3), (3.0, 3), ("三", 3), ("十二", 12), ("１２", 12), (" 7 ", 7), ("-2", -2),
     ("1.2万", 12000), ("1,000", 1000), ("3.0", 3)],
)
def test_parse_int(value, expected):
    result = parse_int(value)
    assert result == expected and type(result) is int


@pytest.mark.parametrize("value", ["2.5", 2.5, "十二点五"])
def test_parse_int_rejects_fraction(value):
    with pytest.raises(ValueError, match=r"^不是整数$"):
        parse_int(value)


@pytest.mark.parametrize("value", ["abc", "", None, True])
def test_parse_int_rejects_non_number(value):
    with pytest.raises(ValueError, match=r"^不是数字$"):
        parse_int(value)


# ------------------------------------------------------------------------ bools


@pytest.mark.parametrize(
    "value",
    ["是", "√", "✓", "✔", "有", "Y", "y", "yes", "YES", "true", "True", "1", "1.0", "对", " 是 ",
     1, 1.0, True, np.bool_(True)],
)
def test_parse_bool_true(value):
    assert parse_bool(value) is True


@pytest.mark.parametrize(
    "value",
    ["否", "×", "✗", "无", "没有", "N", "n", "no", "No", "false", "False", "0", "0.0", "错",
     0, 0.0, False, np.bool_(False)],
)
def test_parse_bool_false(value):
    assert parse_bool(value) is False


@pytest.mark.parametrize("value", ["maybe", "", None, 2, 0.5, float("nan"), "是否", "-", dt.date(2020, 1, 1)])
def test_parse_bool_rejects(value):
    with pytest.raises(ValueError, match=r"^无法识别的是/否值$"):
        parse_bool(value)


# ------------------------------------------------------------------------ dates

D20200305 = pd.Timestamp(2020, 3, 5)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-03-05", D20200305),
        ("2020-3-5", D20200305),
        ("2020/3/5", D20200305),
        ("2020/03/05", D20200305),
        ("2020.03.05", D20200305),
        ("2020.3.5", D20200305),
        ("2020年3月5日", D20200305),
        ("2020年03月05日", D20200305),
        ("2020 年 3 月 5 日", D20200305),
        ("2020年3月5号", D20200305),
        ("20200305", D20200305),
        ("２０２０年３月５日", D20200305),
        ("２０２０／３／５", D20200305),
        (" 2020-03-05 ", D20200305),
        ("2020/3/5 14:30", D20200305),
        ("2020-03-05 14:30:59", D20200305),
        ("2020-03-05T14:30:00", D20200305),
        ("2020年3月5日14时30分", D20200305),
        (dt.date(2020, 3, 5), D20200305),
        (dt.datetime(2020, 3, 5, 14, 30), D20200305),
        (pd.Timestamp("2020-03-05 14:30"), D20200305),
        (np.datetime64("2020-03-05T10:00"), D20200305),
        (43831, pd.Timestamp(2020, 1, 1)),
        (43831.0, pd.Timestamp(2020, 1, 1)),
        (43831.75, pd.Timestamp(2020, 1, 1)),
        (43831.999999, pd.Timestamp(2020, 1, 1)),  # fraction dropped, never rounded up
        ("43831", pd.Timestamp(2020, 1, 1)),
        ("43831.5", pd.Timestamp(2020, 1, 1)),
        ("４３８３１", pd.Timestamp(2020, 1, 1)),
        (43895, D20200305),
        (61, pd.Timestamp(1900, 3, 1)),
        (1, pd.Timestamp(1900, 1, 1)),
        (109574, pd.Timestamp(2199, 12, 31)),
        ("2020-02-29", pd.Timestamp(2020, 2, 29)),
        ("1677-09-22", pd.Timestamp(1677, 9, 22)),
        ("2262-04-11", pd.Timestamp(2262, 4, 11)),
    ],
)
def test_parse_date(value, expected):
    result = parse_date(value)
    assert result == expected
    assert result.tzinfo is None and result == result.normalize()


@pytest.mark.parametrize("func", [parse_date, parse_datetime, parse_month])
@pytest.mark.parametrize("value", ["1020-10-08", "9999-12-31", "1677-09-21", 2958465, "2958465", dt.date(1020, 10, 8),
                                   dt.datetime(9999, 12, 31, 23, 59), "1000年1月1日", "10200101"])
def test_dates_pandas_cannot_store_have_their_own_reason(func, value):
    """Before, they parsed and then stopped the whole ingest (OutOfBoundsDatetime, exit 70)."""
    if func is parse_month and value in (2958465, "2958465"):
        value = "9999年12月"  # in a month column a number of 100000 or more is no Excel serial (see below)
    with pytest.raises(ValueError, match=r"^日期超出可处理的范围（1677-09-22 至 2262-04-11）$"):
        func(value)


@pytest.mark.parametrize("value", ["2020-03", "2020/3", "2020.03", "2020年3月", " 2020 年 3 月 ", "202003", 202003,
                                   202003.0, "２０２０年３月", "2020-03-31", "2020/3/5 14:30", "20200305", 43905,
                                   43905.75, "43905", dt.date(2020, 3, 5), dt.datetime(2020, 3, 31, 23, 59)])
def test_month_value_forms(value):
    assert parse_month(value) == pd.Timestamp(2020, 3, 1)


@pytest.mark.parametrize("value", ["2020", 2020, 2020.0, "２０２０", " 2020 "])
def test_bare_year_in_a_month_column_is_rejected(value):
    with pytest.raises(ValueError, match=r"^只有年份，缺少月份$"):
        parse_month(value)


@pytest.mark.parametrize("value", [202013, "202013", 202003.5, 1000000, 2958465, "2958465", 20200305, 0.5, "2020年",
                                   "2020-3月份", True])
def test_other_month_values_are_rejected(value):
    with pytest.raises(ValueError, match=r"^无法识别的月份$"):
        parse_month(value)


def test_a_number_below_100000_in_a_month_column_is_an_excel_serial():
    assert parse_month(99999) == pd.Timestamp(2173, 10, 1)
    assert parse_month(999) == pd.Timestamp(1902, 9, 1)


def test_month_of_a_date_at_the_edge():
    assert parse_month("2262-04") == parse_month("2262-04-12") == pd.Timestamp(2262, 4, 1)
    with pytest.raises(ValueError, match=r"^日期超出可处理的范围"):
        parse_month("2262-05")
    assert parse_month("1677-10-15") == pd.Timestamp(1677, 10, 1)
    with pytest.raises(ValueError, match=r"^无法识别的月份$"):
        parse_month("0000-03")  # used to be an English message from datetime


def test_parse_date_drops_timezone():
    assert parse_date(pd.Timestamp("2020-03-05 14:00", tz="Asia/Shanghai")) == D20200305


@pytest.mark.parametrize(
    "value",
    ["2020-02-30", "2019-02-29", "2020-13-01", "2020-00-10", "2020/3/32", "20200230", "20201301",
     "20-3-5", "3/5/2020", "05/03/2020", "5.3.2020", "2020-3/5", "2020年3月", "2020-03", "abc", "",
     None, float("nan"), pd.NaT, True, 0, -1, 2958466, "0", "2020-03-05 25:00", "2020-03-05 下午",
     "2020-03-05 14:30Z", "202003051", dt.time(14, 30), "1,234"],
)
def test_parse_date_rejects(value):
    with pytest.raises(ValueError, match=r"^无法识别的日期$"):
        parse_date(value)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2020-03-05 14:30", pd.Timestamp(2020, 3, 5, 14, 30)),
        ("2020/3/5 8:05:09", pd.Timestamp(2020, 3, 5, 8, 5, 9)),
        ("2020/3/5 8:05", pd.Timestamp(2020, 3, 5, 8, 5)),
        ("2020年3月5日 14:30", pd.Timestamp(2020, 3, 5, 14, 30)),
        ("2020年3月5日14时30分", pd.Timestamp(2020, 3, 5, 14, 30)),
        ("2020年3月5日14时30分15秒", pd.Timestamp(2020, 3, 5, 14, 30, 15)),
        ("2020年3月5日14时", pd.Timestamp(2020, 3, 5, 14)),
        ("2020-03-05T14:30:00", pd.Timestamp(2020, 3, 5, 14, 30)),
        ("２０２０-０３-０５　１４：３０", pd.Timestamp(2020, 3, 5, 14, 30)),
        ("2020-03-05", pd.Timestamp(2020, 3, 5)),
        ("2020年3月5日", pd.Timestamp(2020, 3, 5)),
        ("20200305", pd.Timestamp(2020, 3, 5)),
        (43831.75, pd.Timestamp(2020, 1, 1, 18)),
        ("43831.75", pd.Timestamp(2020, 1, 1, 18)),
        (43831.5 + 0.4 / 86400, pd.Timestamp(2020, 1, 1, 12)),  # nearest second
        (43831.5 + 0.6 / 86400, pd.Timestamp(2020, 1, 1, 12, 0, 1)),
        (43831, pd.Timestamp(2020, 1, 1)),
        (dt.datetime(2020, 3, 5, 14, 30), pd.Timestamp(2020, 3, 5, 14, 30)),
        (dt.date(2020, 3, 5), pd.Timestamp(2020, 3, 5)),
        (pd.Timestamp("2020-03-05 14:30"), pd.Timestamp(2020, 3, 5, 14, 30)),
    ],
)
def test_parse_datetime(value, expected):
    result = parse_datetime(value)
    assert result == expected and result.tzinfo is None


@pytest.mark.parametrize(
    "value",
    ["2020-02-30 10:00", "2020-03-05 24:00", "2020-03-05 14:60", "2020-03-05 14:30 下午", "abc", "", None,
     True, 0, "14:30", dt.time(14, 30), "03/05/2020 14:30"],
)
def test_parse_datetime_rejects(value):
    with pytest.raises(ValueError, match=r"^无法识别的日期时间$"):
        parse_datetime(value)


# ------------------------------------------------------------- messages are Chinese


@pytest.mark.parametrize(
    "func, value",
    [(parse_quantity, "x"), (parse_number, "x"), (parse_int, "2.5"), (parse_bool, "x"),
     (parse_date, "x"), (parse_datetime, "x"), (parse_quantity, "一万万")],
)
def test_error_messages_have_no_english(func, value):
    with pytest.raises(ValueError) as info:
        func(value)
    message = str(info.value)
    assert message and not any("a" <= ch.lower() <= "z" for ch in message)
    assert info.value.__context__ is None or info.value.__suppress_context__


def test_results_are_plain_floats():
    number, unit = parse_quantity(np.float32(1.5))
    assert type(number) is float and unit is None and not math.isnan(number)

"""toolkit.notebook.table writes byte for byte the HTML pandas' Styler writes, without the Styler.

Random frames (text with markup and Chinese, ints, floats, bools, dates, nullable and mixed columns, every kind
of missing value), random formats, na_rep, precision, index shown or hidden and row cuts: the direct writer and
the Styler path give the same string, and ``table`` gives the same string with the direct writer switched off.
"""

from __future__ import annotations

from unittest.mock import patch

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.notebook import _direct_html, _styler_html, table

TEXT = st.text(alphabet=list("ab <>&'\"县委办甲乙\u3000 1.%{}") + ["\n"], max_size=8)
MISSING = st.sampled_from([None, np.nan, pd.NA, pd.NaT])
FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64) | st.sampled_from([0.5, 1234.5, -0.125, 1e20])
INTS = st.integers(min_value=-(10 ** 12), max_value=10 ** 12)
DATES = st.datetimes(min_value=pd.Timestamp("1990-01-01").to_pydatetime(),
                     max_value=pd.Timestamp("2030-12-31").to_pydatetime())

#: Formats that accept any value (strings arrive HTML-escaped, as markupsafe.Markup), and those for numbers.
ANY_FORMATS = ["{}", "【{!s:>6}】", str, repr, lambda v: f"<i>{v}</i>", lambda v: None, lambda v: v,
               lambda v: v + "<b>" if isinstance(v, str) else v]
NUMBER_FORMATS = ["{:,.2f}", "{:.1%}", "{:,.0f}", lambda v: f"{v:,}"]
DATE_FORMATS = ["{:%Y-%m-%d}", lambda v: v.strftime("%Y年%m月")]


def column(kind: str, n: int) -> st.SearchStrategy[pd.Series]:
    """A column of ``n`` values of one kind, as the areas' frames hold them."""
    if kind in ("str", "string", "category"):   # pandas 3 text (NaN missing), nullable text (pd.NA), categories
        return st.lists(TEXT | st.none(), min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype=kind))
    if kind == "int":
        return st.lists(INTS, min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype="int64"))
    if kind == "Int64":
        return st.lists(INTS | st.none(), min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype="Int64"))
    if kind == "float":
        return st.lists(FLOATS, min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype="float64"))
    if kind == "bool":
        return st.lists(st.booleans(), min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype="bool"))
    if kind == "date":
        return st.lists(DATES | st.none(), min_size=n, max_size=n).map(lambda v: pd.Series(pd.to_datetime(v)))
    mixed = TEXT | INTS | FLOATS | st.booleans() | MISSING | DATES.map(pd.Timestamp)
    return st.lists(mixed, min_size=n, max_size=n).map(lambda v: pd.Series(v, dtype=object))


KINDS = ["str", "string", "category", "int", "Int64", "float", "bool", "date", "object"]


def formats_for(kind: str) -> st.SearchStrategy:
    numeric = NUMBER_FORMATS if kind in ("int", "Int64", "float", "bool") else []
    dates = DATE_FORMATS if kind == "date" else []
    return st.sampled_from([None, *ANY_FORMATS, *numeric, *dates])


LABELS = TEXT | st.integers(-3, 30) | st.sampled_from([1.5, 2.0])


@st.composite
def tables(draw):
    """A flat frame and the arguments of ``table`` for it."""
    n = draw(st.integers(0, 7))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=5))
    labels = draw(st.lists(LABELS, min_size=len(kinds), max_size=len(kinds)))   # duplicates allowed
    frame = pd.concat([draw(column(kind, n)) for kind in kinds], axis=1, keys=range(len(kinds)))
    frame.columns = pd.Index(labels, dtype=object, name=draw(st.none() | TEXT))
    index = draw(st.sampled_from(["range", "text", "float", "date"]))
    if index != "range":
        values = {"text": TEXT, "float": FLOATS, "date": DATES}[index]
        frame.index = pd.Index(draw(st.lists(values, min_size=n, max_size=n)))
    frame.index.name = draw(st.none() | TEXT | st.integers(0, 9))
    kind_formats = [draw(formats_for(kind)) for kind in kinds]
    style = draw(st.sampled_from(["none", "dict", "one", "empty dict"]))
    formats = {"none": None, "empty dict": {},
               "one": draw(st.sampled_from(ANY_FORMATS)),
               "dict": {**{label: f for label, f in zip(labels, kind_formats) if f is not None}, "缺列": "{:.2f}"}}
    if style == "dict" and len(set(map(str, labels))) < len(labels):
        formats["dict"] = {}   # one label, two kinds: a number format could meet text
    return frame, dict(formats=formats[style], na_rep=draw(st.sampled_from(["", "-", "无", "<NA>&"])),
                       precision=draw(st.none() | st.integers(0, 4)), show_index=draw(st.booleans()),
                       max_rows=draw(st.none() | st.integers(1, 8)))


def styler_only(frame: pd.DataFrame, arguments: dict) -> str:
    """What ``table`` shows when every table goes through the Styler."""
    with patch("toolkit.notebook._direct_html", return_value=None):
        return table(frame, arguments["formats"], **{k: v for k, v in arguments.items() if k != "formats"}).html


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_direct_html_is_the_stylers_html_byte_for_byte(case):
    frame, arguments = case
    options = (arguments["formats"], arguments["na_rep"], arguments["precision"], arguments["show_index"])
    assert _direct_html(frame, "t", *options) == _styler_html(frame, "t", *options)
    shown = table(frame, arguments["formats"], **{k: v for k, v in arguments.items() if k != "formats"})
    assert shown.html == styler_only(frame, arguments)


def test_the_styler_writes_what_the_direct_writer_leaves():
    pairs = pd.DataFrame({("金额", "合计"): [1.5], ("金额", "<b>"): [2.0]})
    stacked = pd.DataFrame({"值": [1, 2]}, index=pd.MultiIndex.from_tuples([("甲", 1), ("乙", 2)]))
    no_columns = pd.DataFrame(index=pd.Index(["甲"], name="单位"))
    for frame in (pairs, stacked, no_columns):
        assert _direct_html(frame, "t", None, "", None, True) is None
        assert table(frame, show_index=True).html == styler_only(frame, dict(formats=None, na_rep="", precision=None,
                                                                              show_index=True, max_rows=200))


def test_styler_options_off_their_defaults_go_to_the_styler():
    frame = pd.DataFrame({"金额": [1234.5, None]})
    with pd.option_context("styler.format.thousands", ","):
        assert _direct_html(frame, "t", None, "", None, False) is None
        assert "1,234.500000" in table(frame).html
    with pd.option_context("styler.format.precision", 2):
        assert _direct_html(frame, "t", None, "", None, False) == _styler_html(frame, "t", None, "", None, False)
        assert ">1234.50<" in table(frame).html


def test_a_table_styler_would_trim_goes_to_the_styler():
    frame = pd.DataFrame({"n": range(30), "m": range(30)})
    with pd.option_context("styler.render.max_elements", 59):
        assert _direct_html(frame, "t", None, "", None, False) is None
        trimmed = table(frame, max_rows=None).html
        assert trimmed == styler_only(frame, dict(formats=None, na_rep="", precision=None, show_index=False,
                                                  max_rows=None))
        assert trimmed.count("<tr>") == 26 and 'class="data col0 row_trim" >...</td>' in trimmed   # 24 rows + "..."
    assert _direct_html(frame, "t", None, "", None, False) == _styler_html(frame, "t", None, "", None, False)


def test_a_formats_value_the_styler_refuses_is_refused_by_the_styler():
    frame = pd.DataFrame({"金额": [1.5]})
    assert _direct_html(frame, "t", {"金额": 2}, "", None, False) is None
    with pytest.raises(TypeError, match="'formatter' expected str or callable"):
        table(frame, {"金额": 2})


def test_na_rep_empty_shows_nan_unless_formats_are_given():
    """The Styler reads ``na_rep or None`` without formats but ``na_rep`` itself with them."""
    frame = pd.DataFrame({"值": [None, 1.0]})
    assert '>nan</td>' in table(frame).html and '>nan</td>' not in table(frame, {}).html
    assert '<td class="data row0 col0" ></td>' in table(frame, {}).html

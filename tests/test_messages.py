"""flag()'s messages built on whole columns give exactly the text the row-by-row way gave.

The reference is the former implementation: ``message.format(**shaped(row))`` (or ``message(row)``)
for each row of ``DataFrame.iterrows()``.
"""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.checks.base import flag
from toolkit.checks.messages import Row, display_column, render_messages


def shaped(row: pd.Series) -> dict:
    """The former per-row display: dates as 2020-06-30, whole floats without .0, blanks as 空."""
    out = {}
    for key, value in row.items():
        if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
            out[str(key)] = "空"
        elif isinstance(value, pd.Timestamp):
            out[str(key)] = value.strftime("%Y-%m-%d") if value == value.normalize() else value.strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, float) and value.is_integer():
            out[str(key)] = int(value)
        else:
            out[str(key)] = value
    return out


def reference(frame: pd.DataFrame, message) -> list[str]:
    render = message if callable(message) else (lambda r: message.format(**shaped(r)))
    return [render(r) for _, r in frame.iterrows()]


TEXT = st.one_of(st.none(), st.text(max_size=6), st.sampled_from(["县委办", "{x}", "=1+1", "", " "]))
FLOAT = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True, width=64),
                  st.sampled_from([0.0, -0.0, 3.0, 1.5, 1e16, 2.0 ** 60, 1e300, 96.29, 1150.0]))
INT = st.integers(-10**12, 10**12)
MOMENT = st.one_of(st.none(), st.datetimes(min_value=pd.Timestamp("1990-01-01").to_pydatetime(),
                                           max_value=pd.Timestamp("2030-12-31").to_pydatetime()),
                   st.dates(min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2030-12-31").date())
                   .map(pd.Timestamp))
MIXED = st.one_of(st.none(), st.text(max_size=4), st.integers(-100, 100), st.floats(width=64), st.booleans())


@st.composite
def frames(draw, with_text: bool = True) -> pd.DataFrame:
    n = draw(st.integers(0, 6))
    columns = {
        "f": pd.Series(draw(st.lists(FLOAT, min_size=n, max_size=n)), dtype="float64"),
        "i": pd.Series(draw(st.lists(INT, min_size=n, max_size=n)), dtype="int64"),
        "n": pd.Series(draw(st.lists(st.one_of(st.none(), INT), min_size=n, max_size=n)), dtype="Int64"),
        "d": pd.to_datetime(pd.Series(draw(st.lists(MOMENT, min_size=n, max_size=n)), dtype=object)),
        "b": pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype="bool"),
    }
    if with_text:
        columns["t"] = pd.Series(draw(st.lists(TEXT, min_size=n, max_size=n)), dtype="str")
        columns["o"] = pd.Series(draw(st.lists(MIXED, min_size=n, max_size=n)), dtype=object)
    keep = draw(st.lists(st.sampled_from(sorted(columns)), min_size=1, unique=True))
    index = draw(st.lists(st.integers(0, 10**6), min_size=n, max_size=n, unique=True))
    return pd.DataFrame({name: columns[name].to_numpy() if name != "d" else columns[name] for name in keep},
                        index=pd.Index(index))


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(frames(), st.data())
def test_a_format_string_filled_by_columns_is_the_row_by_row_text(frame, data):
    fields = data.draw(st.lists(st.sampled_from(list(frame.columns)), min_size=1, max_size=4))
    message = "前{{括号}}" + "，".join("{" + f + "}" for f in fields) + "后"
    assert render_messages(frame, message) == reference(frame, message)


@SETTINGS
@given(st.one_of(frames(), frames(with_text=False)), st.data())
def test_a_function_of_the_row_sees_what_iterrows_gave(frame, data):
    field = data.draw(st.sampled_from(list(frame.columns)))
    message = lambda r: f"{r.name}:{r[field]!r}:{type(r[field]).__name__}"  # noqa: E731
    assert render_messages(frame, message) == reference(frame, message)


def test_a_format_spec_falls_back_to_the_row_by_row_way():
    frame = pd.DataFrame({"amount": [1234.5, 7000.0], "unit": ["县委办", None]})
    message = "{unit}：{amount:,}元"
    assert render_messages(frame, message) == reference(frame, message) == ["县委办：1,234.5元", "空：7,000元"]


def test_display_column_of_each_kind():
    assert display_column(pd.Series([3.0, 2.5, float("nan"), float("inf"), 2.0 ** 60])).tolist() == [
        "3", "2.5", "空", "inf", str(2 ** 60)]
    assert display_column(pd.Series([7, None], dtype="Int64")).tolist() == ["7", "空"]
    assert display_column(pd.Series(["甲", None], dtype="str")).tolist() == ["甲", "空"]


def test_a_row_answers_like_a_series():
    row = Row({"a": 0, "b": 1}, pd.Series(["x", 2.0], dtype=object).to_numpy(), "k")
    assert (row["a"], row.name, row.get("b"), row.get("z"), "a" in row, list(row)) == ("x", "k", 2.0, None, True, ["x", 2.0])
    assert row[["a", "b"]].tolist() == ["x", 2.0] and row.isna().tolist() == [False, False]


def test_flag_messages_of_planted_rows():
    frame = pd.DataFrame({"id": ["a", "b", "c"], "guests": [2.0, 7.0, None], "_row": [2, 3, 4]})
    found = flag(frame, frame["guests"].ne(2.0), "{id}接待{guests}人", id_column="id")
    assert found["message"].tolist() == ["b接待7人", "c接待空人"] and found["row"].tolist() == [3, 4]

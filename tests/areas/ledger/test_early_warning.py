"""三色预警: the scalar rule, its vectorised form and the warning list."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import ledger


@pytest.mark.parametrize("deadline,expected", [
    ("2020-07-21", ""), ("2020-07-20", "绿"), ("2020-07-11", "绿"), ("2020-07-10", "黄"),
    ("2020-06-30", "黄"), ("2020-06-29", "红"), ("2019-12-31", "红"),
])
def test_warning_level_days(make, deadline, expected):
    assert ledger.warning_level(pd.Timestamp(deadline), "推进中", make.as_of) == expected
    assert ledger.warning_level(deadline, "未启动", pd.Timestamp(make.as_of)) == expected


def test_warning_level_none_for_completed_and_no_deadline(make):
    assert ledger.warning_level("2020-06-01", "已完成", make.as_of) == ""
    assert ledger.warning_level(None, "推进中", make.as_of) == ""
    assert ledger.warning_level(pd.NaT, "推进中", make.as_of) == ""


def test_with_warnings_matches_scalar_function(make):
    deadlines = ["2020-07-21", "2020-07-20", "2020-07-10", "2020-06-30", "2020-06-29", None, "2020-06-01"]
    frame = make.ledger(*[{"deadline": d, "kind": "长期坚持" if d is None else "限期整改"} for d in deadlines],
                        make.done(deadline="2020-06-01"))
    warned = ledger.with_warnings(frame, make.as_of)
    assert warned["预警"].tolist() == ["", "绿", "黄", "黄", "红", "", "红", ""]
    assert warned["预警"].tolist() == [ledger.warning_level(d, s, make.as_of)
                                     for d, s in zip(frame["deadline"], frame["status"])]
    assert list(frame.columns) + ["预警"] == list(warned.columns)
    listed = ledger.warning_list(frame, make.as_of)
    assert listed["预警"].tolist() == ["红", "红", "黄", "黄", "绿"]
    assert listed["剩余天数"].tolist() == [-29, -1, 0, 10, 20]


"""The ID number check (GB 11643-1999) and benefit.bad_id_number: valid numbers pass (X included), a wrong
check digit, an impossible birth date and a birth after as_of fail; the birth date exactly on as_of passes."""

from __future__ import annotations

import pandas as pd

from toolkit.areas.benefits import check_character, id_number_ok, id_problem

AS_OF = pd.Timestamp("2020-06-30")


def test_known_numbers(build):
    ids = pd.Series(["11010519491231002X", "110105194912310021", "440524188001010014"])
    assert check_character(ids).tolist() == ["X", "X", "4"]
    assert id_number_ok(ids, AS_OF).tolist() == [True, False, True]


def test_reasons(build):
    good = build.valid_id("36220219900101001")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    impossible = build.valid_id("36220219900230001")        # 30 February
    after = build.valid_id("36220220200701001")              # born the day after as_of
    on_as_of = build.valid_id("36220220200630001")
    ids = pd.Series([good, wrong, impossible, after, on_as_of, "36220219900101001", None])
    assert id_problem(ids, AS_OF).tolist() == ["", "校验码错误", "出生日期无效", "出生日期晚于截止日期", "", "格式错误",
                                               "格式错误"]


def test_bad_id_number_found_valid_not(build):
    good = build.valid_id("36220219900101001")
    pay = build.payments({"id_number": good}, {"id_number": good[:17] + ("1" if good[17] == "0" else "0")},
                         {"id_number": build.valid_id("36220219901301002")})
    result = build.run({"benefits": pay})
    assert build.flagged(result, "benefit.bad_id_number") == ["B2", "B3"]
    row = result.findings[result.findings["record_id"] == "B2"].iloc[0]
    assert (row["severity"], row["unit"], row["amount"]) == ("low", "桃源村", 300.0)

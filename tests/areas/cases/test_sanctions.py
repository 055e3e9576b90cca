"""cases.form_sanction_mismatch: a sanction of another form of the 四种形态."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import cases


@pytest.mark.parametrize("form, sanction, hit", [
    ("第一种形态", "警告", True),
    ("第一种形态", " 诫勉 ", False),
    ("第二种形态", "开除党籍", True),
    ("第三种形态", "开除党籍", False),
    ("第四种形态", "开除党籍", False),
    ("第四种形态", "移送司法", False),
    ("第三种形态", "移送司法", True),
    ("第二种形态", "批评教育", True),
    ("第二种形态", "其他处理", False),        # in no list: not a mismatch
    ("第一种形态", "警告、诫勉", False),      # the whole cell is compared
])
def test_form_sanction_mismatch(cases_round, form, sanction, hit):
    result = cases_round.run(case_rows=[["P1", "A1", "张三", "县财政局", form, sanction, "否", "2020-01-01"]])
    assert cases_round.flagged(result, "cases.form_sanction_mismatch") == (["P1"] if hit else [])
    if hit:
        assert result.findings.iloc[0]["unit"] == "县财政局"



SANCTIONS = [*sorted(cases.sanctions.LISTED_SANCTIONS), " 警告 ", "诫勉\u3000", "其他处理", "警告、诫勉", "", None]
FORMS = [*cases.SANCTIONS_BY_FORM, "第五种形态", None]


def test_mismatch_mask_equals_the_rule_row_by_row():
    pairs = [(form, sanction) for form in FORMS for sanction in SANCTIONS]
    frame = pd.DataFrame(pairs, columns=["form", "sanction"]).astype("str")
    expected = [cases.sanction_mismatch(f, s) for f, s in zip(frame["form"], frame["sanction"])]
    assert cases.mismatch_mask(frame).tolist() == expected
    assert sum(expected) > 50 and not all(expected)


def test_mismatch_message(cases_round):
    result = cases_round.run(case_rows=[["P1", "A1", "张三", "县财政局", "第二种形态", " 开除党籍 ", "否", "2020-01-01"]])
    assert result.findings["message"].tolist() == ["案件A1：处理结果“开除党籍”属于第三种形态、第四种形态，与所填第二种形态不符"]

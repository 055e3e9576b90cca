"""The benefits notebook's tables: personal data masked by default (张*, 3622**********1234), shown in full
only when asked; matches, duplicates, bad ID numbers with their reason, amounts at stake, the headline."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import benefits as area

AS_OF = pd.Timestamp("2020-06-30")


def test_staff_matches_masked_by_default(build):
    number = build.valid_id("36220219800512001")
    pay = build.payments({"id_number": number, "name": "张三丰"}, {})
    out = area.staff_matches(pay, build.staff((number, "在职")), ("低保", "特困"))
    assert out[["编号", "姓名", "身份证号", "在职单位", "身份"]].values.tolist() == [
        ["B1", "张**", number[:4] + "*" * 10 + number[-4:], "县民政局", "事业编制"]]
    shown = area.staff_matches(pay, build.staff((number, "在职")), ("低保",), masked=False)
    assert shown[["姓名", "身份证号"]].values.tolist() == [["张三丰", number]]


def test_death_matches_and_duplicates(build):
    dead = build.valid_id("36220219300101001")
    pay = build.payments({"id_number": dead, "month": "2020-05-01"}, {}, {})
    out = area.death_matches(pay, build.deaths((dead, "2020-04-02")))
    assert out[["编号", "死亡日期"]].values.tolist() == [["B1", "2020-04-02"]]
    assert area.duplicate_rows(pay)["编号"].tolist() == ["B2", "B3"]
    assert "*" in area.duplicate_rows(pay)["身份证号"].iloc[0]


def test_bad_id_rows_give_the_reason_masked(build):
    impossible = build.valid_id("36220219900230001")
    out = area.bad_id_rows(build.payments({"id_number": impossible}, {}), AS_OF)
    assert out[["编号", "身份证号", "问题"]].values.tolist() == [["B1", "3622**********" + impossible[-4:], "出生日期无效"]]


def test_at_stake_null_when_list_missing(build):
    pay = build.payments({}, {})
    out = area.at_stake(pay, {"死亡后仍发放": None, "重复发放": area.duplicate_mask(pay)})
    assert out["笔数"].tolist()[1] == 2 and pd.isna(out["笔数"].iloc[0]) and out["金额（元）"].tolist()[1] == 600.0


def test_by_type_and_headline(build):
    pay = build.payments({}, {"type": "高龄补贴", "amount": 80.0})
    assert area.by_type(pay).values.tolist() == [["低保", 1, 1, 300.0], ["高龄补贴", 1, 1, 80.0]]
    result = build.run({"benefits": pay})
    lines = area.headline(pay, result.indicators, result.findings)
    assert lines[:2] == ["惠民惠农补贴发放 2 笔，领取人 1 人，金额 380 元", "名单碰撞疑点金额：未提供财政供养人员和死亡人员名单"]


def test_masked_findings_leave_no_name(build):
    pay = build.payments({"name": "欧阳修文"}, {"name": "李四"})
    result = build.run({"benefits": pay})
    found = area.masked_findings(result.findings, pay, None)
    assert not found["message"].str.contains("欧阳修文|李四").any()
    assert found["message"].str.contains("欧\\*\\*\\*").any()

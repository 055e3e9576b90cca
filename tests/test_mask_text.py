"""mask_text: ID and phone numbers in every common written form are masked; amounts, dates and codes are not."""

import pandas as pd
import pytest

from toolkit.report.mask import mask_findings, mask_name, mask_round, mask_text, mask_value


@pytest.mark.parametrize("written, masked", [
    ("360102199001011234", "3601**********1234"),                 # 18 digits
    ("36220319900101123X", "3622**********123X"),                 # check digit X
    ("36220319900101123x", "3622**********123X"),                 # lower-case x
    ("3622 0319 9001 0112 34", "3622**********1234"),             # groups of four
    ("362203 19900101 1234", "3622**********1234"),               # region, birth date, rest
    ("362203-19900101-1234", "3622**********1234"),
    ("３６０１０２１９９００１０１１２３４", "3601**********1234"),   # full-width digits
    ("360102900101123", "3601*******1123"),                       # 15 digits (old form)
])
def test_id_numbers_are_masked(written, masked):
    assert mask_text(f"身份证号{written}。") == f"身份证号{masked}。"


@pytest.mark.parametrize("written, masked", [
    ("13812345678", "138****5678"),
    ("138-1234-5678", "138****5678"),
    ("138 1234 5678", "138****5678"),
    ("+8613812345678", "+86138****5678"),
    ("+86 138 1234 5678", "+86 138****5678"),
    ("86-13812345678", "86-138****5678"),
    ("008613812345678", "0086138****5678"),
    ("１３８１２３４５６７８", "138****5678"),                        # full-width digits
    ("0791-86123456", "0791-****3456"),                            # landlines
    ("0791 8612 3456", "0791 ****3456"),
    ("(0791)86123456", "(0791)****3456"),
    ("（0791）8612345", "（0791）***2345"),
    ("010-62345678", "010-****5678"),
])
def test_phone_numbers_are_masked(written, masked):
    assert mask_text(f"联系电话：{written}，") == f"联系电话：{masked}，"


@pytest.mark.parametrize("text", [
    "发票号码 36000007",
    "金额 12345678.50 元", "金额 1,234,567.00 元", "12345678901 元",   # 11 digits, not a mobile prefix
    "日期 2020-06-30", "2020-06-30 至 2020-12-31", "2020年6月30日 14:30",
    "合同编号 HT-2020-0001", "地块 3601022020000001",                 # 16 digits: no ID length
    "编号 360102201399991234",                                         # 18 digits but no birth date
    "用地面积 12.5 亩，单价 380 万元",
])
def test_amounts_dates_and_codes_are_left_alone(text):
    assert mask_text(text) == text


def test_names_are_masked_longest_first():
    assert mask_text("欧阳修文与欧阳同行", names={"欧阳修文", "欧阳"}) == "欧***与欧*同行"
    assert mask_name("王") == "*"


def test_mask_value_by_kind():
    assert [mask_value(v) for v in ["张三", " 李四 ", "138-1234-5678", "36220319900101123x"]] == [
        "张*", "李*", "138****5678", "3622**********123X"]


def test_mask_findings_masks_every_text_column_and_keeps_the_input():
    findings = pd.DataFrame({"record_id": ["R1"], "unit": ["张三所在单位"], "message": ["张三 13812345678"],
                             "amount": [36000007.0]})
    masked = mask_findings(findings, {"张三"})
    assert masked.loc[0, "message"] == "张* 138****5678" and masked.loc[0, "unit"] == "张*所在单位"
    assert masked.loc[0, "amount"] == 36000007.0 and findings.loc[0, "message"] == "张三 13812345678"


def test_mask_round_masks_sensitive_columns_free_text_and_rejected_values():
    frames = {"people": pd.DataFrame({"name": ["张三丰", None], "phone": ["13812345678", "0791-86123456"],
                                      "note": ["张三丰的身份证 360102199001011234", "无"]})}
    findings = pd.DataFrame({"message": ["张三丰未报告"]})
    rejected = pd.DataFrame({"file": ["a.xlsx", "a.xlsx", "b.csv"], "column": ["name", "note", "姓名"],
                             "value": ["李四光", "电话13812345678", "王五"], "reason": ["重复", "格式", "缺失"]})
    sensitive = {"people": ("name", "phone"), "cases": ("person",)}   # cases.person: 姓名 in rejected.csv
    masked, masked_findings, masked_rejected = mask_round(frames, findings, rejected, sensitive)
    people = masked["people"]
    assert people["name"].tolist()[0] == "张**" and pd.isna(people["name"].tolist()[1])
    assert people["phone"].tolist() == ["138****5678", "0791-****3456"]
    assert people["note"].tolist() == ["张**的身份证 3601**********1234", "无"]
    assert masked_findings["message"].tolist() == ["张**未报告"]
    assert masked_rejected["value"].tolist() == ["李**", "电话138****5678", "王*"]
    assert frames["people"]["name"].tolist()[0] == "张三丰" and rejected["value"].tolist()[0] == "李四光"

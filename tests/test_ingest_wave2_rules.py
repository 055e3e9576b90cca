"""The second-wave reading rules of datasets.md, each on a whole file: bools, months, rate headers, Empty values."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.ingest.load import load_round
from toolkit.ingest.read import split_header

DUES_HEADER = ["编号", "党员", "支部", "月份", "月工资收入", "实缴", "离退休"]


def rejected_reasons(data) -> list[tuple]:
    return [(r.row, r.column, r.value, r.reason) for r in data.rejected.itertuples()]


def test_wu_and_meiyou_are_false_in_a_bool_column(round_dir):
    round_dir.csv("village_finance.csv", [
        ["凭证号", "村", "日期", "收支", "金额", "票据类型", "现金"],
        ["V1", "东村", "2020-03-05", "支出", "100", "发票", "无"], ["V2", "东村", "2020-03-05", "支出", "100", "发票", "没有"],
        ["V3", "东村", "2020-03-05", "支出", "100", "发票", "有"], ["V4", "东村", "2020-03-05", "支出", "100", "发票", "√"],
    ])
    assert load_round(round_dir.root).frames["village_finance"]["cash"].tolist() == [False, False, True, True]


def test_receipt_wu_is_a_category_not_an_empty_cell(round_dir):
    round_dir.csv("村级财务.csv", [
        ["凭证号", "村", "日期", "收支", "金额", "票据类型"],
        ["V1", "东村", "2020-03-05", "支出", "100", "无"], ["V2", "东村", "2020-03-05", "支出", "100", ""],
        ["V3", "东村", "2020-03-05", "支出", "100", "白条"], ["V4", "东村", "2020-03-05", "支出", "100", "没有"],
    ])
    data = load_round(round_dir.root)
    receipts = data.frames["village_finance"]["receipt"]
    assert receipts.iloc[0] == "无" and pd.isna(receipts.iloc[1]) and receipts.iloc[2] == "白条"
    assert [r[:3] for r in rejected_reasons(data)] == [(5, "票据类型", "没有")]


def test_month_forms_in_a_file(tmp_path, round_dir):
    months = ["2020-03", "2020/3", "2020.03", "2020年3月", "202003", 202003, "2020-03-15", 43905, "43905"]
    rows = [[f"D{i}", "张三", "第一支部", month, "5000", "25", "否"] for i, month in enumerate(months)]
    round_dir.xlsx("党费.xlsx", [DUES_HEADER, *rows, ["D90", "李四", "第一支部", 2020, "5000", "25", "否"],
                                ["D91", "李四", "第一支部", "2020", "5000", "25", "否"]])
    data = load_round(round_dir.root)
    assert data.frames["party_dues"]["month"].tolist() == [pd.Timestamp(2020, 3, 1)] * len(months)
    assert rejected_reasons(data) == [(11, "月份", "2020", "只有年份，缺少月份"), (12, "月份", "2020", "只有年份，缺少月份")]


def test_six_digit_month_as_a_csv_number_and_bare_year(round_dir):
    round_dir.csv("allowances.csv", [
        ["编号", "姓名", "单位", "月份", "项目", "金额"],
        ["A1", "张三", "县财政局", "202003", "交通补贴", "300"], ["A2", "张三", "县财政局", "2020", "交通补贴", "300"],
    ])
    data = load_round(round_dir.root)
    assert data.frames["allowances"]["month"].tolist() == [pd.Timestamp(2020, 3, 1)]
    assert rejected_reasons(data) == [(3, "月份", "2020", "只有年份，缺少月份")]


@pytest.mark.parametrize("header, unit", [("标准（元/月）", "元"), ("标准(元/人·月)", "元"), ("标准（万元/月）", "万元"),
                                          ("标准/元/月", "元"), ("标准（元）", "元")])
def test_rate_header_is_its_leading_unit(header, unit):
    assert split_header(header) == ("标准", unit)


def test_rate_header_converts_in_a_file(round_dir):
    round_dir.csv("津补贴清单.csv", [["项目", "标准（万元/人·月）", "适用单位"], ["交通补贴", "0.05", "县财政局、县教育局"]])
    assert load_round(round_dir.root).frames["allowance_catalog"]["monthly_cap"].tolist() == [500.0]


def test_catalog_units_empty_means_every_unit(round_dir):
    round_dir.csv("allowance_catalog.csv", [
        ["项目", "标准（元/月）", "适用单位"], ["交通补贴", "500", "无"], ["岗位津贴", "800", "/"], ["加班补贴", "300", ""],
        ["通讯补贴", "100", "县财政局；县教育局"],
    ])
    data = load_round(round_dir.root)
    units = data.frames["allowance_catalog"]["units"]
    assert units.isna().tolist() == [True, True, True, False] and data.rejected.empty

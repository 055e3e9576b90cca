"""The second-wave dataset specs: benefits, staff, deaths, allowances.id_number, party_dues.retired."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.datasets import DATASETS, ID_NUMBER, LATER_DATASETS, dataset_for_filename
from toolkit.ingest.load import load_round

ID_A, ID_B = "362202199001011237", "11010519491231002X"


def rejected_reasons(data) -> list[tuple]:
    return [(r.row, r.column, r.value, r.reason) for r in data.rejected.itertuples()]


@pytest.mark.parametrize("filename, name", [
    ("惠民惠农补贴发放.xlsx", "benefits"), ("benefits.csv", "benefits"),
    ("财政供养人员及村干部.xlsx", "staff"), ("staff.csv", "staff"),
    ("死亡人员.xlsx", "deaths"), ("deaths.csv", "deaths"),
])
def test_files_recognised_by_title_and_canonical_name(filename, name):
    assert dataset_for_filename(filename).name == name


def test_new_datasets_are_later_datasets_listed_only_when_provided():
    assert {"benefits", "staff", "deaths"} <= LATER_DATASETS


@pytest.mark.parametrize("dataset, column", [
    ("allowances", "id_number"), ("benefits", "id_number"), ("staff", "id_number"), ("deaths", "id_number"),
])
def test_id_number_columns(dataset, column):
    spec = DATASETS[dataset].column(column)
    assert spec.kind == ID_NUMBER and spec.sensitive


@pytest.mark.parametrize("dataset, columns", [
    ("benefits", {"name", "id_number"}), ("staff", {"name", "id_number"}), ("deaths", {"name", "id_number"}),
    ("allowances", {"name", "id_number"}), ("party_dues", {"member"}), ("bids", {"phone", "deposit_account"}),
])
def test_personal_data_columns_are_sensitive(dataset, columns):
    assert {c.name for c in DATASETS[dataset].columns if c.sensitive} == columns


def test_benefits_read_with_id_numbers_normalised(round_dir):
    round_dir.csv("惠民惠农补贴发放.csv", [
        ["编号", "姓名", "身份证号", "补贴类型", "月份", "金额（元）", "乡镇", "村"],
        ["B1", "张三", "11010519491231002x", "低保", "2020年3月", "500", "青岚镇", "东村"],
        ["B2", "李四", "362202900101123", "特困", "202003", "600", "", ""],
        ["B3", "王五", "3622021990", "低保", "2020-03", "500", "", ""],
    ])
    data = load_round(round_dir.root)
    frame = data.frames["benefits"]
    assert frame["id_number"].tolist() == [ID_B, ID_A]
    assert frame["month"].tolist() == [pd.Timestamp("2020-03-01")] * 2
    assert [(r[0], r[1], r[2]) for r in rejected_reasons(data)] == [(4, "身份证号", "3622021990")]


def test_staff_id_unique_after_normalisation(round_dir):
    round_dir.csv("staff.csv", [
        ["身份证号", "姓名", "单位", "身份", "状态", "离岗日期"],
        [ID_B, "张三", "县财政局", "公务员", "在职", ""],
        ["11010519491231002x", "张三", "县财政局", "公务员", "在职", ""],
        ["１１０１０５１９４９１２３１００２Ｘ", "张三", "县财政局", "公务员", "在职", ""],
    ])
    data = load_round(round_dir.root)
    assert data.frames["staff"]["id_number"].tolist() == [ID_B]
    assert [(r[0], r[3]) for r in rejected_reasons(data)] == [(3, "编号重复（与第 2 行相同）"),
                                                              (4, "编号重复（与第 2 行相同）")]


def test_staff_left_on_required_unless_serving(round_dir):
    round_dir.csv("财政供养人员及村干部.csv", [
        ["身份证号", "姓名", "单位", "身份", "状态", "离岗日期"],
        [ID_A, "张三", "县财政局", "公务员", "在职", ""],
        [ID_B, "李四", "东村", "村干部", "调离", ""],
        ["362202199001021234", "王五", "东村", "村干部", "退休", "2020-06-30"],
        ["362202199001031234", "赵六", "东村", "村干部", "借调", "2020-06-30"],
    ])
    data = load_round(round_dir.root)
    assert data.frames["staff"]["name"].tolist() == ["张三", "王五"]
    reasons = rejected_reasons(data)
    assert reasons[0] == (3, "离岗日期", "", "状态不是在职时离岗日期必填")
    assert reasons[1][:3] == (5, "状态", "借调")


def test_deaths_read(round_dir):
    round_dir.csv("死亡人员.csv", [["身份证号", "姓名", "死亡日期"], [ID_A, "张三", "2020年5月3日"], ["无", "李四", "2020-05-03"]])
    data = load_round(round_dir.root)
    assert data.frames["deaths"]["died_on"].tolist() == [pd.Timestamp("2020-05-03")]
    assert rejected_reasons(data) == [(3, "身份证号", "无", "必填项为空")]


def test_allowances_id_number_optional_and_dues_retired(round_dir):
    round_dir.csv("allowances.csv", [
        ["编号", "姓名", "身份证号", "单位", "月份", "项目", "金额"],
        ["A1", "张三", "无", "县财政局", "2020-03", "交通补贴", "300"],
        ["A2", "李四", "", "县财政局", "2020-03", "交通补贴", "300"],
        ["A3", "王五", ID_A, "县财政局", "2020-03", "交通补贴", "300"],
    ])
    round_dir.csv("党费.csv", [
        ["编号", "党员", "支部", "月份", "月工资收入", "实缴", "离退休"],
        ["D1", "张三", "第一支部", "2020-03", "5000", "25", "否"], ["D2", "李四", "第一支部", "2020-03", "3000", "15", "是"],
        ["D3", "王五", "第一支部", "2020-03", "3000", "15", "没有"], ["D4", "赵六", "第一支部", "2020-03", "3000", "15", ""],
    ])
    data = load_round(round_dir.root)
    assert data.frames["allowances"]["id_number"].isna().tolist() == [True, True, False]
    assert data.frames["party_dues"]["retired"].tolist() == [False, True, False, pd.NA]
    assert data.rejected.empty

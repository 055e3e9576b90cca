"""The allowances notebook's tables: amount by unit and item against the cap, items outside the catalog,
over-cap and ineligible payments, payments after leaving, duplicates, the headline."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import allowances as area

LEFT = "362202198005120017"


def test_by_unit_item_groups_same_names_and_counts_over_cap(build, std_catalog):
    pay = build.payments({"amount": 500.0}, {"name": "李四", "item": "岗位 津贴", "amount": 900.0},
                         {"item": "误餐补贴", "amount": 50.0})
    out = area.by_unit_item(pay, std_catalog)
    assert out[["单位", "项目", "笔数", "人数", "金额（元）", "超标准笔数", "在清单内"]].values.tolist() == [
        ["县财政局", "岗位津贴", 2, 2, 1400.0, 1, "是"], ["县财政局", "误餐补贴", 1, 1, 50.0, 0, "否"]]


def test_by_unit_item_without_catalog_has_no_caps(build):
    out = area.by_unit_item(build.payments({}), None)
    assert out["清单标准（元/人·月）"].isna().all() and out["在清单内"].tolist() == ["—"]


def test_outside_catalog_lists_items_with_their_units(build, std_catalog):
    pay = build.payments({"item": "误餐补贴", "amount": 10.0}, {"item": "误餐补贴", "unit": "县林业局", "amount": 5.0},
                         {})
    assert area.outside_catalog(pay, std_catalog).values.tolist() == [["误餐补贴", 2, "县财政局、县林业局", 15.0]]


def test_over_cap_rows_show_the_total_and_the_cap(build, std_catalog):
    pay = build.payments({"amount": 500.0}, {"amount": 100.01}, {"name": "李四"})
    out = area.over_cap_rows(pay, std_catalog)
    assert out["编号"].tolist() == ["A1", "A2"]
    assert out["当月合计（元）"].tolist() == [600.01, 600.01] and out["月份"].tolist() == ["2020-03"] * 2


def test_after_leave_rows_show_status_and_day(build):
    pay = build.payments({"id_number": LEFT, "month": "2020-05-01"}, {"id_number": LEFT, "month": "2020-04-01"})
    out = area.after_leave_rows(pay, build.staff((LEFT, "辞职", "2020-04-30")))
    assert out[["编号", "人员状态", "离岗日期"]].values.tolist() == [["A1", "辞职", "2020-04-30"]]


def test_duplicate_rows_and_headline(build, std_catalog):
    pay = build.payments({}, {}, {"name": "李四"})
    assert area.duplicate_rows(pay)["编号"].tolist() == ["A1", "A2"]
    result = build.run({"allowances": pay, "allowance_catalog": std_catalog})
    lines = area.headline(pay, result.indicators, result.findings)
    assert lines[:2] == ["津补贴发放 3 笔，金额 1,500 元", "清单外发放金额：0 元"]
    assert "allowance.duplicate：2 条" in lines and "allowance.over_cap：2 条" in lines


def test_empty_frame_has_the_accepted_columns():
    empty = area.empty_allowances()
    assert len(empty) == 0 and empty["month"].dtype == "datetime64[ns]" and "id_number" in empty.columns
    assert area.by_unit_item(empty, None).empty and area.duplicate_rows(empty).empty
    assert isinstance(area.headline(empty, {}, pd.DataFrame({"check_id": []})), list)

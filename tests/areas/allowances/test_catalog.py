"""allowance.not_in_catalog, unit_not_eligible and over_cap: the planted violation found, the value at the
limit not, a clean row not; skipped without allowance_catalog."""

from __future__ import annotations

import pandas as pd

from toolkit.areas import allowances as area
from toolkit.areas.allowances import group_sums, not_in_catalog_mask
from toolkit.areas.allowances.catalog import catalog_rows, group_keys, over_cap
from toolkit.checks.base import cents


def test_item_outside_the_catalog_is_found_same_name_is_not(build, std_catalog):
    pay = build.payments({"item": "误餐补贴"}, {"item": "岗位 津贴"}, {"item": "ＡＢ补贴"}, {"item": "交通补贴"})
    cat = pd.concat([std_catalog, build.catalog(("ab补贴", None, None))], ignore_index=True)
    result = build.run({"allowances": pay, "allowance_catalog": cat})
    assert build.flagged(result, "allowance.not_in_catalog") == ["A1"]
    row = result.findings[result.findings["check_id"] == "allowance.not_in_catalog"].iloc[0]
    assert (row["unit"], row["amount"], row["severity"]) == ("县财政局", 500.0, "high")
    assert "误餐补贴" in row["message"]


def test_unit_outside_the_items_units_is_found(build, std_catalog):
    pay = build.payments({"item": "交通补贴", "unit": "县水利局", "amount": 100.0},
                   {"item": "交通补贴", "unit": "县 教育体育局", "amount": 100.0},
                   {"item": "加班补贴", "unit": "县水利局"},                      # units 无: every unit
                   {"item": "岗位津贴", "unit": "县水利局"},                      # no units: every unit
                   {"item": "误餐补贴", "unit": "县水利局"})                      # not in the catalog at all
    result = build.run({"allowances": pay, "allowance_catalog": std_catalog})
    assert build.flagged(result, "allowance.unit_not_eligible") == ["A1"]


def test_units_split_on_every_separator(build):
    cat = build.catalog(("交通补贴", None, "县财政局，县水利局;县林业局；;县民政局,县审计局"))
    pay = build.payments(*({"item": "交通补贴", "unit": u} for u in ("县财政局", "县水利局", "县林业局", "县民政局",
                                                               "县审计局", "县公安局")))
    assert build.flagged(build.run({"allowances": pay, "allowance_catalog": cat}), "allowance.unit_not_eligible") == ["A6"]


def test_group_over_the_cap_is_found_every_row_at_the_cap_is_not(build, std_catalog):
    pay = build.payments({"amount": 300.0}, {"amount": 300.01},                                # 600.01 > 600: both
                   {"name": "李四", "amount": 400.0}, {"name": "李 四", "amount": 200.0},   # exactly 600
                   {"name": "王五", "amount": 600.004},                                   # 600.00 in cents
                   {"name": "赵六", "amount": 600.005},                                   # 600.01 in cents
                   {"name": "钱七", "item": "加班补贴", "amount": 9000.0},                 # no cap
                   {"name": "孙八", "amount": 300.0, "month": "2020-04-01"})
    result = build.run({"allowances": pay, "allowance_catalog": std_catalog})
    assert build.flagged(result, "allowance.over_cap") == ["A1", "A2", "A6"]


def test_cents_round_half_up_on_the_decimal_value(build):
    assert cents(pd.Series([1.005, 0.015, 600.005, 600.004999])).tolist() == [101.0, 2.0, 60001.0, 60000.0]


def test_group_sums_use_the_same_name(build):
    pay = build.payments({"amount": 1.0}, {"name": " 张 三", "amount": 2.0}, {"unit": "县林业局", "amount": 4.0})
    assert group_sums(pay).tolist() == [3.0, 3.0, 4.0]
    assert group_sums(pay, group_keys(pay)).tolist() == [3.0, 3.0, 4.0]   # keys folded once by the caller


def test_catalog_checks_skipped_and_indicator_null_without_catalog(build):
    result = build.run({"allowances": build.payments({}, {"amount": 50.0})})
    assert {"allowance.not_in_catalog", "allowance.unit_not_eligible", "allowance.over_cap"} <= set(result.skipped)
    assert result.indicators["allowances.outside_catalog_amount"] is None
    assert result.indicators["allowances.amount"] == 550.0


def test_outside_catalog_amount_sums_the_flagged_rows(build, std_catalog):
    pay = build.payments({"item": "误餐补贴", "amount": 120.5}, {"item": "误餐补贴", "amount": 10.0, "name": "李四"}, {})
    result = build.run({"allowances": pay, "allowance_catalog": std_catalog})
    assert result.indicators["allowances.outside_catalog_amount"] == 130.5
    assert not_in_catalog_mask(pay, std_catalog).tolist() == [True, True, False]


def test_over_cap_and_unit_not_eligible_from_rows_already_built_are_the_masks(build, std_catalog):
    pay = build.payments({"amount": 500.0}, {"amount": 100.01}, {"name": "李四", "amount": 600.0},
                         {"item": "交通补贴", "unit": "县林业局", "amount": 100.0})
    rows, sums = catalog_rows(pay, std_catalog), group_sums(pay)
    assert over_cap(rows["monthly_cap"], sums).tolist() == [True, True, False, False]
    pd.testing.assert_series_equal(over_cap(rows["monthly_cap"], sums), area.over_cap_mask(pay, std_catalog))
    assert area.unit_not_eligible_mask(pay, std_catalog, rows).tolist() == [False, False, False, True]
    pd.testing.assert_series_equal(area.unit_not_eligible_mask(pay, std_catalog, rows),
                                   area.unit_not_eligible_mask(pay, std_catalog))

"""round.toml: defaults, overrides and one-line errors."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.config import Thresholds, load_config
from toolkit.errors import ConfigError

GOOD = """[round]
slug = "2020-sw1-xx"
title = "整改"
city = "X县"
period_start = 2019-10-01
as_of = 2020-06-30
"""


def write(tmp_path, text):
    path = tmp_path / "round.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_for_every_threshold(tmp_path):
    config = load_config(write(tmp_path, GOOD))
    assert config.slug == "2020-sw1-xx" and config.as_of == dt.date(2020, 6, 30)
    assert config.thresholds == Thresholds()
    assert config.thresholds.reception_per_capita_max == 150 and config.thresholds.ledger_stall_weeks == 4


def test_example_round_toml_from_contract_parses(tmp_path):
    example = """[round]
slug = "2020-sw1-xx"
title = "省委第一巡视组巡视X县反馈意见整改"
inspector = "省委第一巡视组"
target = "X县"
city = "X县"
period_start = 2019-10-01
as_of = 2020-06-30
[thresholds]
reception_per_capita_max = 150
vehicle_night_start = 22
vehicle_night_end = 6
sensitive_destinations = ["景区", "度假", "山庄", "会所", "高尔夫", "温泉", "农家乐", "KTV", "洗浴"]
fuel_tank_liters_max = 80
fuel_l_per_100km_max = 15
budget_mismatch_ratio = 0.05
budget_mismatch_min = 1000
land_unsupplied_years = 2
land_tax_per_mu_min = 5
land_supply_investment_min = 2000
clue_days_max = 90
ledger_stall_weeks = 4
"""
    assert load_config(write(tmp_path, example)).thresholds == Thresholds()


def test_override(tmp_path):
    config = load_config(write(tmp_path, GOOD + "[thresholds]\nclue_days_max = 60\nsensitive_destinations = [\"会所\"]\n"))
    assert config.thresholds.clue_days_max == 60
    assert config.thresholds.sensitive_destinations == ("会所",)


@pytest.mark.parametrize("text, message", [
    (GOOD.replace('"2020-sw1-xx"', '"Round 1"'), "slug 'Round 1' 只能包含小写字母"),
    (GOOD.replace('"2020-sw1-xx"', '"第一轮"'), "只能包含小写字母"),
    (GOOD.replace("as_of = 2020-06-30\n", ""), "缺少必填键 as_of"),
    (GOOD.replace("as_of = 2020-06-30", 'as_of = "yesterday"'), "as_of 应为日期"),
    (GOOD.replace("as_of = 2020-06-30", "as_of = 2019-01-01"), "晚于 as_of"),
    (GOOD + "[thresholds]\nclue_days = 60\n", "未知的阈值 'clue_days'"),
    (GOOD + "[thresholds]\nclue_days_max = \"ninety\"\n", "clue_days_max 应为数字"),
    (GOOD + "[thresholds]\nclue_days_max = 60.5\n", "clue_days_max 应为整数"),
    (GOOD + "[thresholds]\nsensitive_destinations = \"会所\"\n", "应为字符串列表"),
    (GOOD + "[extra]\na = 1\n", "未知的表 [extra]"),
    (GOOD.replace("[round]", "[rounds]"), "未知的表"),
    ("[round\nslug=", "TOML 格式错误"),
    ("[round]\nslug = \"x\n", "TOML 格式错误：第 2 行第 10 列"),
    (GOOD.replace('city = "X县"', "city = 3"), "city 应为文本"),
    (GOOD + "colour = 1\n", "未知的键 colour"),
    (GOOD + "[thresholds]\nfuel_tank_liters_max = nan\n", "fuel_tank_liters_max 应为不小于 0 的有限数"),
    (GOOD + "[thresholds]\nfuel_tank_liters_max = inf\n", "fuel_tank_liters_max 应为不小于 0 的有限数"),
    (GOOD + "[thresholds]\nreception_per_capita_max = -1\n", "reception_per_capita_max 应为不小于 0"),
    (GOOD + "[thresholds]\nledger_stall_weeks = 0\n", "ledger_stall_weeks 应为不小于 1"),
    (GOOD + "[thresholds]\nvehicle_night_start = 25\n", "应为 0 至 23 的整点"),
    (GOOD.replace("as_of = 2020-06-30", "as_of = 9999-12-31"), "超出可处理的范围"),
    (GOOD.replace("period_start = 2019-10-01", "period_start = 1020-10-08"), "超出可处理的范围"),
    ("a = " + "[" * 100_000 + "]" * 100_000 + "\n", "嵌套层数过多"),
])
def test_errors_are_one_line(tmp_path, text, message):
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert message in str(info.value)
    assert "\n" not in str(info.value).strip()


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, GOOD + "# " + "x" * (1 << 20) + "\n")
    with pytest.raises(ConfigError, match="文件过大"):
        load_config(path)


def test_thresholds_at_their_lower_bounds_are_accepted(tmp_path):
    config = load_config(write(tmp_path, GOOD + "[thresholds]\nledger_stall_weeks = 1\nreception_per_capita_max = 0\n"
                                                "vehicle_night_start = 0\nvehicle_night_end = 23\n"))
    assert config.thresholds.ledger_stall_weeks == 1 and config.thresholds.reception_per_capita_max == 0


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="找不到 round.toml"):
        load_config(tmp_path / "round.toml")


def test_with_overrides_rejects_unknown_names():
    with pytest.raises(ConfigError, match="未知的阈值"):
        Thresholds().with_overrides({"nope": 1})
    with pytest.raises(ConfigError, match="应为数字"):
        Thresholds().with_overrides({"fuel_tank_liters_max": True})


def test_shipped_round_example_parses():
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "round.example.toml"
    config = load_config(example)
    assert config.slug == "2020-sw1-xx" and config.thresholds == Thresholds()

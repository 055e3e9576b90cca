"""The notebook's tables: built on the rules' masks, never mutating their input, 万元 where they say so."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.areas import sangong
from toolkit.config import Thresholds


def test_tables_do_not_mutate_and_convert_to_wan(sg):
    rec = sg.typed("reception", [sg.reception("R1", amount=12000.0, guests=30),
                                 sg.reception("R2", amount=8000.0, venue="宾馆"),
                                 sg.reception("R3", amount=500.0, venue="宾馆", unit="县教育局", date="2020-04-01")])
    fuel = sg.typed("fuel", [sg.fill("F1", amount=5000.0)])
    ov = sg.typed("overseas", [sg.trip_abroad("G1", cost=30000.0)])
    before = rec.copy()
    by_unit = sangong.spending_by_unit(rec, fuel, ov)
    assert by_unit.loc["县财政局", "公务接待费"] == 2.0 and by_unit.loc["县财政局", "合计"] == 2.5
    assert by_unit.index[0] == "县商务局"
    by_month = sangong.spending_by_month(rec, fuel, ov)
    assert by_month.index.tolist() == ["2020-03", "2020-04"]
    assert by_month.loc["2020-03", "因公出国（境）费"] == 3.0
    by_cat = sangong.spending_by_category(rec, fuel, ov)
    assert by_cat["占比"].sum() == pytest.approx(1.0)
    pd.testing.assert_frame_equal(rec, before)
    assert sangong.per_capita_distribution(rec, Thresholds(reception_per_capita_max=150))["批次"].sum() == 3
    assert sangong.hosts_vs_guests(rec).to_numpy().sum() == 3
    assert sangong.split_groups(rec).empty       # R3: other unit and day


def test_notebook_tables(sg):
    rec = sg.typed("reception", [sg.reception("R1", venue="宾馆"), sg.reception("R2", venue="宾馆", invoice_no="X1"),
                                 sg.reception("R3", invoice_no="X1", letter_no="无", guest_city="青岚")])
    assert sangong.split_groups(rec)["编号"].tolist() == ["R1、R2"]
    assert sangong.duplicate_invoice_groups(rec)[["发票号码", "笔数"]].values.tolist() == [["X1", 2]]
    assert sangong.no_letter_receptions(rec)["编号"].tolist() == ["R3"]
    assert sangong.same_city_receptions(rec, "青岚县")["编号"].tolist() == ["R3"]
    trips = sg.typed("vehicle_trips", [sg.trip("T1", start_time="2020-06-25 23:10", end_time="2020-06-25 23:50",
                                            destination="温泉山庄")])
    heat = sangong.vehicle_weekday_hour(trips)
    assert heat.shape == (7, 24) and heat.loc["周四", 23] == 1 and heat.to_numpy().sum() == 1
    assert sangong.holiday_trips(trips)["出车编号"].tolist() == ["T1"]
    assert sangong.night_trips(trips, Thresholds())["出车编号"].tolist() == ["T1"]
    assert sangong.sensitive_trips(trips, Thresholds(sensitive_destinations=("温泉",)))["敏感词"].tolist() == ["温泉"]
    fuel = sg.typed("fuel", [sg.fill("F1", bound_plate=None, liters=90.0), sg.fill("F2", bound_plate="无", liters=10.0)])
    assert sangong.unbound_cards(fuel)[["加油卡号", "次数"]].values.tolist() == [["C001", 2]]
    assert sangong.over_tank_fills(fuel, Thresholds(fuel_tank_liters_max=80))["超出（升）"].tolist() == [10.0]
    budget = sg.typed("sangong_budget", [sg.budget_row("B1", budget=10.0, actual=12.0),
                                         sg.budget_row("B2", actual=None)])
    assert sangong.over_budget_units(budget)["超支（元）"].tolist() == [20000.0]
    assert sangong.budget_by_unit(budget)["执行率"].tolist() == [0.6]
    assert sangong.budget_execution(budget)["执行率"].tolist()[0] == 1.2


def test_tables_of_rule_details_for_people(sg):
    budget = sg.typed("sangong_budget", [sg.budget_row("B1", actual=2.0), sg.budget_row("B2", actual=1.0)])
    rec = sg.typed("reception", [sg.reception("R1", amount=10000.0)])
    recon = sangong.reconciliation_table(budget, rec, None, Thresholds())
    assert recon["编号"].tolist() == ["B1", "B2"] and recon["差额（元）"].tolist() == [10000.0, 0.0]
    assert recon["不一致"].tolist() == [True, False] and "_row" not in recon
    fuel = sg.typed("fuel", [sg.fill("F1", liters=20.0), sg.fill("F2", bound_plate="赣B00002", liters=15.0)])
    trips = sg.typed("vehicle_trips", [sg.trip("T1", km=100.0)])
    anomalies = sangong.consumption_anomalies(fuel, trips, Thresholds(fuel_l_per_100km_max=15))
    assert anomalies[["记录编号", "百公里油耗（升）"]].values.tolist()[0] == ["赣A00001@2020-03", 20.0]
    assert anomalies["记录编号"].tolist() == ["赣A00001@2020-03", "赣B00002@2020-03"]
    ov = sg.typed("overseas", [sg.trip_abroad("G1", return_on="2020-03-06"), sg.trip_abroad("G2")])
    late = sangong.overdue_trips_abroad(ov)
    assert late[["编号", "在外天数", "规定天数", "超出天数"]].values.tolist() == [["G1", 6, 5, 1]]


def test_spending_tables_from_items_built_once_are_the_same(sg):
    rec = sg.typed("reception", [sg.reception("R1", amount=12000.0), sg.reception("R2", date="2020-05-02")])
    fuel = sg.typed("fuel", [sg.fill("F1", amount=5000.0)])
    items = sangong.spending_items(rec, fuel, None)
    assert items["month"].tolist() == ["2020-03", "2020-05", "2020-03"]
    for build in (sangong.spending_by_unit, sangong.spending_by_category, sangong.spending_by_month):
        pd.testing.assert_frame_equal(build(items=items), build(rec, fuel, None))


def test_anomaly_rows_of_a_consumption_table_are_consumption_anomalies(sg):
    fuel = sg.typed("fuel", [sg.fill("F1", liters=20.0), sg.fill("F2", bound_plate="赣B00002", liters=15.0),
                             sg.fill("F3", bound_plate="赣C00003", liters=1.0)])
    trips = sg.typed("vehicle_trips", [sg.trip("T1", km=100.0), sg.trip("T2", plate="赣C00003", km=100.0)])
    limits = Thresholds(fuel_l_per_100km_max=15)
    rows = sangong.anomaly_rows(sangong.fuel_consumption(fuel, trips, limits))
    assert rows["记录编号"].tolist() == ["赣A00001@2020-03", "赣B00002@2020-03"]
    pd.testing.assert_frame_equal(rows, sangong.consumption_anomalies(fuel, trips, limits))

"""预算与决算: overspending in 元 from 万元, and final accounts against the detail ledgers."""

from __future__ import annotations

import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context, run_checks
from toolkit.config import Thresholds


def test_over_budget_amount_in_yuan_from_wan(sg):
    rows = [sg.budget_row("B1", budget=10.0, actual=10.5), sg.budget_row("B2", budget=10.0, actual=10.0),
            sg.budget_row("B3", budget=10.0, actual=None), sg.budget_row("B4", budget=0.0, actual=0.0123)]
    result = sg.run({"sangong_budget": rows})
    assert sg.found(result, "budget.over_budget") == ["B1", "B4"]
    assert sg.finding(result, "budget.over_budget", "B1")["amount"] == 5000.0
    assert sg.finding(result, "budget.over_budget", "B4")["amount"] == 123.0
    message = sg.finding(result, "budget.over_budget", "B1")["message"]
    assert "预算10万元" in message and "决算10.5000万元" in message and "5,000元" in message


def test_budget_csv_in_wan_loaded_and_converted(tmp_path, sg):
    from toolkit.ingest.load import load_round

    root = tmp_path / "round"
    root.mkdir()
    (root / "round.toml").write_text('[round]\nslug = "t"\ncity = "青岚县"\nperiod_start = 2019-10-01\n'
                                     'as_of = 2020-06-30\n', encoding="utf-8")
    (root / "三公经费预算与决算.csv").write_text(
        "编号,单位,年度,类别,预算数（万元）,决算数（元）\nB1,县财政局,2020,公务接待费,1.5,16000\n"
        "B2,县财政局,2020,因公出国（境）费,2,20000\n", encoding="utf-8")
    data = load_round(root)
    budget = data.frames["sangong_budget"]
    assert budget["budget"].tolist() == [1.5, 2.0] and budget["actual"].tolist() == [1.6, 2.0]
    result = run_checks(Context(data.frames, data.config), sangong.CHECKS, sangong.INDICATORS)
    assert sg.found(result, "budget.over_budget") == ["B1"]
    assert sg.finding(result, "budget.over_budget", "B1")["amount"] == 1000.0


@pytest.mark.parametrize("actual_wan,detail,flagged", [
    (2.0, [19000.0], False),            # below actual by exactly 5 % and exactly 1000 元
    (2.0, [10000.0, 8900.0], True),     # below by 1100 元 (5.5 %)
    (2.0, [21052.0], False),            # above by 1052 元: 5 % of 21052 is 1052.6
    (2.0, [21100.0], True),             # above by 1100 元 > 5 % of 21100 (1055)
    (2.0, [21000.0], False),            # above by exactly 5 % of 21000 (1050) — not more
    (1.0, [9000.0], False),             # 10 % off but exactly 1000 元
    (1.0, [8999.0], True),              # 1001 元
    (100.0, [999000.0], False),         # 1000 元 off but only 0.1 %
    (0.1, [], False),                   # no detail rows: detail 0; difference exactly 1000 元
    (0.11, [], True),                   # no detail rows: 1100 元
])
def test_detail_mismatch_reception(actual_wan, detail, flagged, sg):
    rows = [sg.reception(f"R{i}", amount=amount, guests=30, hosts=0, unit=" 县财政局 ") for i, amount in enumerate(detail)]
    frames = {"sangong_budget": [sg.budget_row("B1", actual=actual_wan, budget=1000.0)], "reception": rows or []}
    result = sg.run(frames)
    assert sg.found(result, "budget.detail_mismatch") == (["B1"] if flagged else [])
    if flagged:
        row = sg.finding(result, "budget.detail_mismatch", "B1")
        assert row["amount"] == pytest.approx(abs(actual_wan * 10000 - sum(detail)))
        assert row["unit"] == "县财政局" and row["severity"] == "high"


def test_detail_mismatch_same_unit_and_year_only(sg):
    frames = {
        "sangong_budget": [sg.budget_row("B1", actual=1.0), sg.budget_row("B2", year=2019, actual=0.5),
                           sg.budget_row("B3", unit="县教育局", actual=None)],
        "reception": [sg.reception("R1", amount=10000.0), sg.reception("R2", amount=5000.0, date="2019-12-31"),
                      sg.reception("R3", amount=7777.0, unit="县财政局局")],
    }
    result = sg.run(frames)
    assert sg.found(result, "budget.detail_mismatch") == []
    table = sangong.budget_reconciliation(sg.typed("sangong_budget", frames["sangong_budget"]),
                                          sg.typed("reception", frames["reception"]), None, Thresholds())
    assert table[["id", "detail_sum", "detail_rows"]].values.tolist() == [["B1", 10000.0, 1], ["B2", 5000.0, 1]]


def test_detail_mismatch_overseas_and_category_scope(sg):
    frames = {
        "sangong_budget": [sg.budget_row("B1", category="因公出国（境）费", unit="县商务局", actual=5.0),
                           sg.budget_row("B2", category="公务接待费", unit="县商务局", actual=5.0),
                           sg.budget_row("B3", category="公务用车购置及运行维护费", unit="县商务局", actual=5.0)],
        "overseas": [sg.trip_abroad("G1", cost=30000.0, depart_on="2020-12-30", return_on="2021-01-02"),
                     sg.trip_abroad("G2", cost=None)],
    }
    result = sg.run(frames)
    # 50000 vs 30000 (by depart_on's year; empty cost adds nothing); reception absent → 公务接待费 not compared
    assert sg.found(result, "budget.detail_mismatch") == ["B1"]
    assert sg.finding(result, "budget.detail_mismatch", "B1")["amount"] == 20000.0
    assert any("reception" in n and "budget.detail_mismatch" in n for n in result.notes)
    assert "budget.detail_mismatch" not in result.skipped


def test_detail_mismatch_runs_with_either_detail_and_not_without(sg):
    budget = [sg.budget_row("B1", category="公务接待费", actual=5.0)]
    assert sg.found(sg.run({"sangong_budget": budget}), "budget.detail_mismatch") == []
    with_reception = sg.run({"sangong_budget": budget, "reception": [sg.reception("R1", amount=100.0, unit="县财政局")]})
    assert sg.found(with_reception, "budget.detail_mismatch") == ["B1"]
    message = sg.finding(with_reception, "budget.detail_mismatch", "B1")["message"]
    assert "50,000元" in message and "100元" in message and "49,900元" in message


def test_detail_mismatch_no_detail_rows_message(sg):
    result = sg.run({"sangong_budget": [sg.budget_row("B1", actual=2.0)], "overseas": [sg.trip_abroad("G1")],
                     "reception": [sg.reception("R1", unit="别的单位")]})
    assert "按0元计" in sg.finding(result, "budget.detail_mismatch", "B1")["message"]

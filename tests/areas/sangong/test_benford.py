"""generic.benford: the money columns of the sangong datasets screened by their first digits."""

from __future__ import annotations

import numpy as np
import pandas as pd

from toolkit.areas import sangong


def benford_sample(n: int, seed: int = 1) -> np.ndarray:
    return np.round(10 ** np.random.default_rng(seed).uniform(1, 5, n), 2)


def uniform_digit_sample(n: int, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(1, 10, n) * 10.0 ** rng.integers(1, 4, n) + rng.integers(0, 10, n)


def test_generic_benford_check(sg):
    uniform = uniform_digit_sample(400)
    fuel = [sg.fill(f"F{i}", liters=10.0, amount=float(a)) for i, a in enumerate(uniform)]
    rec = [sg.reception(f"R{i}", amount=float(a), guests=30) for i, a in enumerate(benford_sample(400))]
    small = [sg.trip_abroad(f"G{i}", cost=float(a)) for i, a in enumerate(uniform[:299])]
    result = sg.run({"fuel": fuel, "reception": rec, "overseas": small})
    rows = result.findings[result.findings["check_id"] == "generic.benford"]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["dataset"] == "fuel" and row["record_id"] == "" and row["unit"] == "" and row["severity"] == "low"
    assert "fuel.amount" in row["message"] and "400" in row["message"] and "MAD=" in row["message"]
    assert "不符合" in row["message"]
    assert "generic.benford" not in result.skipped


def test_generic_benford_counts_only_values_from_10(sg):
    amounts = list(uniform_digit_sample(299)) + [5.0] * 50
    result = sg.run({"fuel": [sg.fill(f"F{i}", amount=float(a)) for i, a in enumerate(amounts)]})
    assert sg.found(result, "generic.benford") == []


def test_generic_benford_budget_columns_in_their_canonical_unit(sg):
    """checks.md: values ≥ 10 in the column's canonical unit — 万元 for the budget columns."""
    small = uniform_digit_sample(400) / 10000    # all ≥ 10 元 but under 10 万元: too few values to judge
    rows = [sg.budget_row(f"B{i}", unit=f"单位{i}", budget=float(v), actual=None) for i, v in enumerate(small)]
    assert sg.found(sg.run({"sangong_budget": rows}), "generic.benford") == []
    large = uniform_digit_sample(400)              # ≥ 10 万元, uniform first digits: nonconforming
    rows = [sg.budget_row(f"B{i}", unit=f"单位{i}", budget=float(v), actual=None) for i, v in enumerate(large)]
    result = sg.run({"sangong_budget": rows})
    rows = result.findings[result.findings["check_id"] == "generic.benford"]
    assert rows["dataset"].tolist() == ["sangong_budget"]
    assert "sangong_budget.budget" in rows.iloc[0]["message"] and "≥10万元" in rows.iloc[0]["message"]

def test_results_summary_of_tests_run_once_is_benford_summary(sg):
    data = {"reception": pd.DataFrame({"amount": benford_sample(400)}),
            "fuel": pd.DataFrame({"amount": uniform_digit_sample(400)})}
    summary = sangong.results_summary(sangong.benford_results(data))
    pd.testing.assert_frame_equal(summary, sangong.benford_summary(data))
    assert summary["列"].tolist() == ["reception.amount", "fuel.amount"]
    assert summary["Nigrini分类"].tolist()[1] == "nonconformity"

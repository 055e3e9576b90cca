"""Digit tests: a synthetic Benford set conforms, a uniform set does not; second digits, last two digits and
the summation test against their definitions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import toolkit.checks.benford as checks_benford
from toolkit.forensic.digits import (benford_test, digit_test, expected_proportions, summation_test,
                                     digits_of)


def benford_set(n: int, seed: int = 11) -> pd.Series:
    """Log-uniform over four decades: Benford in every leading digit."""
    return pd.Series(np.round(10 ** np.random.default_rng(seed).uniform(1, 5, n), 2))


def uniform_set(n: int, seed: int = 12) -> pd.Series:
    return pd.Series(np.random.default_rng(seed).integers(10, 10_000, n).astype("float64"))


def test_benford_set_conforms_on_every_leading_digit_test():
    values = benford_set(50_000)
    first, second, two = (digit_test(values, t) for t in ("first", "second", "first_two"))
    assert first.n == second.n == two.n == 50_000
    assert first.conformity == "close conformity" and first.mad <= 0.006
    assert second.conformity == "close conformity" and second.mad <= 0.008
    assert two.conformity in ("close conformity", "acceptable conformity") and two.mad <= 0.0018
    assert not (first.nonconforming or second.nonconforming or two.nonconforming)


def test_uniform_set_does_not_conform():
    values = uniform_set(20_000)
    first, two = digit_test(values, "first"), digit_test(values, "first_two")
    assert first.nonconforming and first.mad > 0.015 and first.conformity_zh == "不符合"
    assert two.nonconforming and two.mad > 0.0022
    assert 1 in first.standouts and 9 in first.standouts


def test_second_digit_expectation_is_the_textbook_sum():
    """P(second = k) = Σ_{d=1..9} log10(1 + 1/(10d + k)): 0.11968 for 0 … 0.08500 for 9 (Nigrini 2012, table 5.1)."""
    expected = [sum(math.log10(1 + 1 / (10 * d + k)) for d in range(1, 10)) for k in range(10)]
    assert expected_proportions("second").tolist() == pytest.approx(expected)
    assert round(expected[0], 5) == 0.11968 and round(expected[9], 5) == 0.08500


def test_digits_read_from_each_value():
    values = pd.Series([1234.56, 19.999999999999996, 305.0, 7.0, None, 10.0])
    assert digits_of(values, "first").tolist() == [1, 2, 3, 1]
    assert digits_of(values, "second").tolist() == [2, 0, 0, 0]
    assert digits_of(values, "first_two").tolist() == [12, 20, 30, 10]
    assert digits_of(values, "last_two").tolist() == [34, 20, 5, 10]


def test_last_two_digits_find_planted_round_amounts():
    rng = np.random.default_rng(3)
    clean = pd.Series(rng.integers(100, 100_000, 5_000).astype("float64"))
    planted = pd.concat([clean, pd.Series(rng.integers(1, 1_000, 1_000) * 100.0)], ignore_index=True)
    result = digit_test(planted, "last_two")
    assert result.standouts[0] == 0 and result.table.loc[0, "count"] >= 1_000
    assert result.conformity_zh == "无公认临界值"
    assert digit_test(clean, "last_two").mad < result.mad


def test_summation_test_points_at_the_large_amounts():
    planted = pd.Series([470_000.0, 471_000, 472_000, 473_000, 474_000])     # 2.36 million of about 35 million
    values = pd.concat([benford_set(3_000), planted], ignore_index=True)
    table = summation_test(values)
    assert table.iloc[0]["digit"] == 47 and table.iloc[0]["excess"] > 0.05
    assert table.iloc[1]["excess"] < table.iloc[0]["excess"] / 2
    assert table["share"].sum() == pytest.approx(1.0) and table["count"].sum() == 3_005
    assert (table["expected"] == 1 / 90).all()


def test_first_wave_names_still_work():
    """toolkit.checks.benford is the old name of the same functions (generic.benford uses them)."""
    assert checks_benford.benford_test is benford_test
    result = checks_benford.benford_test(benford_set(1_000))
    assert result.digits == 1 and result.test_zh == "首位数字"
    assert list(result.table.columns) == ["digit", "expected", "observed", "count", "z", "significant"]
    with pytest.raises(ValueError):
        digit_test(benford_set(10), "third")

"""Sampling sizes and bounds against independently known values: published tables and examples, and the
binomial / Poisson definitions computed again with scipy."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from toolkit.errors import ParameterError
from toolkit.forensic.sampling import (attribute_plan, binomial_cdf, mus_evaluate, mus_plan, mus_select,
                                       poisson_factor)


def scipy_attribute_n(tolerable: float, expected: float, confidence: float) -> tuple[int, int]:
    """Smallest n with P(X ≤ ⌈n·expected⌉ | n, tolerable) ≤ 1 − confidence, by scipy's binomial."""
    n = 1
    while True:
        k = math.ceil(round(n * expected, 9))
        if stats.binom.cdf(k, n, tolerable) <= 1 - confidence:
            return n, k
        n += 1


def scipy_factor(errors: float, confidence: float) -> float:
    """scipy's gamma quantile, rounded up to two decimals as the printed tables are."""
    return math.ceil(round(stats.gamma.ppf(confidence, errors + 1) * 100, 6)) / 100


def test_attribute_plan_published_zero_deviation_sizes():
    """95 % confidence, none expected: 5 % tolerable → 59, 10 % → 29 (the issue; ln 0.05 / ln 0.95 = 58.4)."""
    assert (attribute_plan(0.05).n, attribute_plan(0.05).allowed_deviations) == (59, 0)
    assert (attribute_plan(0.10).n, attribute_plan(0.10).allowed_deviations) == (29, 0)
    assert attribute_plan(0.05, 0, 0.95).risk <= 0.05 < (0.95 ** 58)


@pytest.mark.parametrize("tolerable,expected,confidence", [
    (0.05, 0.01, 0.95), (0.04, 0.01, 0.95), (0.05, 0.02, 0.95), (0.03, 0.005, 0.95), (0.10, 0.02, 0.90),
    (0.07, 0.0, 0.90), (0.02, 0.0, 0.99), (0.06, 0.0125, 0.95),
])
def test_attribute_plan_matches_scipy_binomial(tolerable, expected, confidence):
    plan = attribute_plan(tolerable, expected, confidence)
    assert (plan.n, plan.allowed_deviations) == scipy_attribute_n(tolerable, expected, confidence)


@pytest.mark.parametrize("tolerable,expected,n,k", [
    (0.05, 0.01, 93, 1), (0.04, 0.01, 156, 2), (0.05, 0.02, 181, 4), (0.03, 0.005, 157, 1),
])
def test_attribute_plan_published_table_values(tolerable, expected, n, k):
    """AICPA Audit Sampling guide, table A-1 (5 % risk of overreliance): 'n (k)' entries."""
    plan = attribute_plan(tolerable, expected)
    assert (plan.n, plan.allowed_deviations) == (n, k)


def test_binomial_cdf_matches_scipy():
    for k, n, p in [(0, 59, 0.05), (1, 93, 0.05), (4, 181, 0.05), (10, 400, 0.02)]:
        assert binomial_cdf(k, n, p) == pytest.approx(stats.binom.cdf(k, n, p), rel=1e-10)


def test_poisson_factors_published_table():
    """The MUS table of Messier, Glover & Prawitt, *Auditing & Assurance Services*, problem 9A-14:
    risk 5 %: 3.00 4.75 6.30 7.76 9.16; 10 %: 2.31 3.89 5.33 6.69 8.00; 1 %: 4.61 6.64 8.41 10.05 11.61."""
    assert [poisson_factor(k, 0.95) for k in range(5)] == [3.00, 4.75, 6.30, 7.76, 9.16]
    assert [poisson_factor(k, 0.90) for k in range(5)] == [2.31, 3.89, 5.33, 6.69, 8.00]
    assert [poisson_factor(k, 0.99) for k in range(5)] == [4.61, 6.64, 8.41, 10.05, 11.61]


@pytest.mark.parametrize("confidence", [0.80, 0.90, 0.95, 0.99])
def test_poisson_factors_match_scipy_gamma(confidence):
    for errors in (0, 1, 2, 3, 5, 8, 12, 0.37, 2.5):
        assert poisson_factor(errors, confidence) == scipy_factor(errors, confidence)
        assert poisson_factor(errors, confidence, exact=True) == pytest.approx(
            stats.gamma.ppf(confidence, errors + 1), rel=1e-9)


@pytest.mark.parametrize("value,tolerable", [
    (1_000_000, 50_000), (300_000, 15_000), (9_000_000, 360_000), (1_234_567, 37_000), (2_500_000, 125_000),
    (87_654.32, 4_321.0),
])
def test_mus_plan_zero_expected_is_three_times_value_over_tolerable(value, tolerable):
    """95 %, nothing expected: n = ⌈3.0 × value / tolerable⌉ (1,234,567 / 37,000: 100.1 → 101, where the
    unrounded factor 2.9957 would give 100)."""
    plan = mus_plan(value, tolerable)
    assert plan.n == math.ceil(round(3.0 * value / tolerable, 9))
    assert plan.interval == pytest.approx(value / plan.n)


@pytest.mark.parametrize("value,tolerable,expected,confidence", [
    (1_000_000, 50_000, 10_000, 0.95), (9_000_000, 360_000, 90_000, 0.95), (500_000, 40_000, 5_000, 0.90),
    (2_000_000, 100_000, 30_000, 0.99),
])
def test_mus_plan_with_expected_misstatement_matches_scipy(value, tolerable, expected, confidence):
    n = 1
    while n * tolerable / value < scipy_factor(n * expected / value, confidence) - 1e-9:
        n += 1
    assert mus_plan(value, tolerable, expected, confidence).n == n


def test_mus_plan_refuses_impossible_plans():
    with pytest.raises(ParameterError):
        mus_plan(1_000_000, 50_000, expected=50_000)
    with pytest.raises(ParameterError):
        mus_plan(0, 50_000)


def test_stringer_bound_textbook_example():
    """Messier, Glover & Prawitt, *Auditing & Assurance Services*, problem 9-23 (Nancy Van Pelt, inventory of
    $9,000,000, sample of 156, interval $57,692). The published solution ranks the taintings .33, .25, .20 (the
    solution rounds 3,000 / 9,000 to .33: audited 6,030 gives exactly that), uses the factors 3.0, 4.7, 6.2, 7.6
    and adds the $60,000 item above the interval as it is: upper misstatement limit $303,229."""
    sample = pd.DataFrame({"账面金额": [10_000.0, 9_000, 60_000, 800], "审定金额": [7_500.0, 6_030, 0, 640]})
    result = mus_evaluate(sample, 57_692, factors=[3.0, 4.7, 6.2, 7.6])
    assert result.basic_precision == pytest.approx(173_076)
    assert result.top_stratum == 60_000
    assert result.table["tainting"].round(2).tolist() == [0.33, 0.25, 0.20]
    assert result.upper_limit == pytest.approx(303_229, abs=1)
    assert not result.exceeds(360_000)


def test_stringer_bound_published_software_figures():
    """The same solution's ACL evaluation (EVALUATE MONETARY, 95 %, interval 68,906.25, errors 10,000/2,500,
    9,000/3,000, 60,000/60,000, 800/160): most likely error $122,882.81, upper error limit $407,351.03 (ACL's
    factors carry more decimals than the printed table: within half a yuan)."""
    sample = pd.DataFrame({"账面金额": [10_000.0, 9_000, 60_000, 800], "审定金额": [7_500.0, 6_000, 0, 640]})
    result = mus_evaluate(sample, 68_906.25)
    assert result.top_stratum == 0
    assert result.projected == pytest.approx(122_882.81, abs=0.01)
    assert result.upper_limit == pytest.approx(407_351.03, abs=0.5)


def test_stringer_bound_without_misstatements_is_basic_precision():
    sample = pd.DataFrame({"账面金额": [100.0, 200], "审定金额": [100.0, 250]})
    result = mus_evaluate(sample, 10_000)
    assert result.upper_limit == result.basic_precision == 30_000
    assert result.understatements == 1 and result.table.empty


def test_mus_select_is_systematic_and_reproducible():
    rng = np.random.default_rng(5)
    df = pd.DataFrame({"id": [f"R{i:04d}" for i in range(500)], "amount": rng.lognormal(7, 1.5, 500).round(2)})
    df.loc[3, "amount"] = 0.0
    df.loc[7, "amount"] = np.nan
    df.loc[11, "amount"] = df["amount"].sum()          # larger than any interval: hit many times
    before = df.copy()
    sample = mus_select(df, "amount", 60, seed=42)
    pd.testing.assert_frame_equal(df, before)           # the input is not changed
    total = df.loc[df["amount"] > 0, "amount"].sum()
    assert sample.interval == pytest.approx(total / 60) and 0 <= sample.start < sample.interval
    assert sample.excluded_items == 2 and sample.population_items == 498
    assert sample.frame["抽中次数"].sum() == 60
    assert "R0011" in sample.record_ids and sample.frame.set_index("id").loc["R0011", "抽中次数"] >= 30
    assert not {"R0003", "R0007"} & set(sample.record_ids)
    big = df.loc[df["amount"] >= sample.interval, "id"]
    assert set(big) <= set(sample.record_ids)          # every item of an interval or more is selected
    again = mus_select(df, "amount", 60, seed=42)
    assert again.record_ids == sample.record_ids and again.start == sample.start
    assert mus_select(df, "amount", 60, seed=43).record_ids != sample.record_ids
    record = sample.record()
    assert record["seed"] == 42 and record["size"] == 60 and record["record_ids"] == sample.record_ids


def test_mus_select_points_land_in_the_right_items():
    df = pd.DataFrame({"id": ["a", "b", "c"], "amount": [100.0, 200, 300]})
    sample = mus_select(df, "amount", 3, seed=0)        # interval 200; points s, s+200, s+400
    cumulative = np.array([100.0, 300, 600])
    points = sample.start + 200 * np.arange(3)
    chosen = sorted({"abc"[int(np.searchsorted(cumulative, p, side="right"))] for p in points})
    assert sorted(sample.record_ids) == chosen

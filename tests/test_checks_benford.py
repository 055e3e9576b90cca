"""Benford's law statistics (toolkit.checks.benford): Nigrini's MAD classes, z with continuity correction."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from toolkit.checks.benford import benford_test, expected_proportions, leading_digits, mad_class, z_statistic


def benford_sample(n: int, seed: int = 1) -> np.ndarray:
    return np.round(10 ** np.random.default_rng(seed).uniform(1, 5, n), 2)


def uniform_digit_sample(n: int, seed: int = 2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.integers(1, 10, n) * 10.0 ** rng.integers(1, 4, n) + rng.integers(0, 10, n)


def test_benford_conforming_sample():
    result = benford_test(pd.Series(benford_sample(3000)))
    assert result.n == 3000 and not result.too_small
    assert result.mad <= 0.006 and result.conformity == "close conformity" and result.conformity_zh == "高度符合"
    assert not result.nonconforming
    assert list(result.table.columns) == ["digit", "expected", "observed", "count", "z", "significant"]
    assert result.table["observed"].sum() == pytest.approx(1.0)
    two = benford_test(pd.Series(benford_sample(20000)), digits=2)
    assert len(two.table) == 90 and two.mad <= 0.0018 and not two.nonconforming


def test_benford_uniform_digits_do_not_conform():
    result = benford_test(pd.Series(uniform_digit_sample(2000)))
    assert result.conformity == "nonconformity" and result.conformity_zh == "不符合" and result.nonconforming
    assert result.mad > 0.015
    assert 1 in result.standouts and 9 in result.standouts


def test_benford_too_small():
    result = benford_test(pd.Series(uniform_digit_sample(299)))
    assert result.too_small and result.n == 299 and result.conformity_zh == "样本量不足"
    assert not result.nonconforming and "样本量不足" in result.summary_zh()
    # values under 10 and missing values are not counted
    result = benford_test(pd.Series([5.0, 9.99, None, *uniform_digit_sample(299)]))
    assert result.n == 299 and result.too_small


def test_benford_hand_example():
    # 10 values: leading digits 1,1,1,1,2,2,3,5,8,9
    values = pd.Series([10, 150, 1999, 12.5, 20, 2500, 33, 5e6, 81, 9.5e3])
    assert leading_digits(values, 1).tolist() == [1, 1, 1, 1, 2, 2, 3, 5, 8, 9]
    assert leading_digits(values, 2).tolist() == [10, 15, 19, 12, 20, 25, 33, 50, 81, 95]
    result = benford_test(values, min_n=10)
    expected = [math.log10(1 + 1 / d) for d in range(1, 10)]
    observed = [0.4, 0.2, 0.1, 0, 0.1, 0, 0, 0.1, 0.1]
    mad = sum(abs(o - e) for o, e in zip(observed, expected)) / 9
    assert result.mad == pytest.approx(mad)
    # digit 1: |0.4 − 0.30103| = 0.09897 > 1/20 → corrected: (0.09897 − 0.05) / sqrt(0.30103 × 0.69897 / 10)
    z1 = (abs(0.4 - expected[0]) - 0.05) / math.sqrt(expected[0] * (1 - expected[0]) / 10)
    assert result.table.loc[0, "z"] == pytest.approx(z1)
    # digit 2: |0.2 − 0.17609| = 0.0239 < 0.05 → no correction
    z2 = abs(0.2 - expected[1]) / math.sqrt(expected[1] * (1 - expected[1]) / 10)
    assert result.table.loc[1, "z"] == pytest.approx(z2)
    assert result.table["count"].tolist() == [4, 2, 1, 0, 1, 0, 0, 1, 1]
    assert z_statistic(0.5, 0.30103, 100) == pytest.approx((0.19897 - 0.005) / math.sqrt(0.30103 * 0.69897 / 100),
                                                            rel=1e-4)
    assert expected_proportions(1).sum() == pytest.approx(1.0)


@pytest.mark.parametrize("mad,digits,klass", [
    (0.006, 1, "close conformity"), (0.0061, 1, "acceptable conformity"), (0.012, 1, "acceptable conformity"),
    (0.015, 1, "marginally acceptable conformity"), (0.0151, 1, "nonconformity"),
    (0.0012, 2, "close conformity"), (0.0018, 2, "acceptable conformity"),
    (0.0022, 2, "marginally acceptable conformity"), (0.0023, 2, "nonconformity"),
])
def test_benford_mad_classes(mad, digits, klass):
    assert mad_class(mad, digits)[0] == klass

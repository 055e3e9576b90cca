"""Benford's law (本福特定律) first-digit and first-two-digit tests, as forensic auditors run them.

Following Nigrini (*Benford's Law*, 2012; *Forensic Analytics*, 2011):

* only values ≥ 10 are tested (small amounts carry no useful leading digits);
* the expected proportion of leading digit(s) ``d`` is ``log10(1 + 1/d)``
  (d = 1…9 for the first-digit test, 10…99 for the first-two-digits test);
* conformity is judged by the mean absolute deviation (MAD) between observed
  and expected proportions, against Nigrini's critical values:

  ====================  ====================  ====================  =====================
  test                  close conformity      acceptable            marginally acceptable
  ====================  ====================  ====================  =====================
  first digit           ≤ 0.006               ≤ 0.012               ≤ 0.015
  first two digits      ≤ 0.0012              ≤ 0.0018              ≤ 0.0022
  ====================  ====================  ====================  =====================

  above the last column: nonconformity (不符合);
* each digit gets a z-statistic with the continuity correction
  ``z = (|p_o − p_e| − 1/(2n)) / sqrt(p_e(1 − p_e)/n)`` where the correction
  ``1/(2n)`` is applied only when it is smaller than ``|p_o − p_e|``; digits with
  ``|z| > 1.96`` (5 % level) stand out;
* fewer than 300 values (``min_n``) are too few to test: the result says
  ``样本量不足`` and no conformity is claimed (the table is still filled in so a
  chart can show it).

>>> import numpy as np
>>> values = pd.Series(10 ** np.random.default_rng(0).uniform(1, 5, 5000))   # log-uniform: Benford
>>> result = benford_test(values)
>>> result.n, result.conformity, result.nonconforming
(5000, 'close conformity', False)
>>> benford_test(pd.Series([12.0, 250, 3])).too_small, benford_test(pd.Series([12.0, 250, 3])).n
(True, 2)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

MIN_N = 300
MIN_VALUE = 10.0
Z_CRITICAL = 1.96
SIGNIFICANT = 12     # values are read to 12 significant figures (float noise such as 29.999999999999996 is 30)
EDGE_NOISE = 1e-9    # how close to a rounding edge a scaled value must be to be formatted exactly

# (upper bound, English class, Chinese class); above the last bound: nonconformity.
MAD_CLASSES: dict[int, tuple[tuple[float, str, str], ...]] = {
    1: ((0.006, "close conformity", "高度符合"),
        (0.012, "acceptable conformity", "可接受的符合"),
        (0.015, "marginally acceptable conformity", "勉强可接受的符合")),
    2: ((0.0012, "close conformity", "高度符合"),
        (0.0018, "acceptable conformity", "可接受的符合"),
        (0.0022, "marginally acceptable conformity", "勉强可接受的符合")),
}
NONCONFORMITY = ("nonconformity", "不符合")
TOO_SMALL = ("insufficient sample", "样本量不足")
TEST_ZH = {1: "首位数字", 2: "前两位数字"}


@dataclass(frozen=True)
class BenfordResult:
    """The outcome of one Benford test.

    ``table`` has one row per digit (or digit pair): ``digit``, ``expected``
    and ``observed`` proportions, ``count``, ``z`` and ``significant``
    (``|z| > 1.96``).
    """

    digits: int
    n: int
    mad: float
    conformity: str
    conformity_zh: str
    table: pd.DataFrame
    too_small: bool
    min_n: int = MIN_N

    @property
    def nonconforming(self) -> bool:
        """Tested (enough values) and the MAD is above the marginal bound."""
        return not self.too_small and self.conformity == NONCONFORMITY[0]

    @property
    def standouts(self) -> list[int]:
        """Digits whose |z| > 1.96, largest |z| first (over-represented or under-represented)."""
        sig = self.table[self.table["significant"]]
        return [int(d) for d in sig.reindex(sig["z"].abs().sort_values(ascending=False).index)["digit"]]

    @property
    def test_zh(self) -> str:
        return TEST_ZH.get(self.digits, f"前{self.digits}位数字")

    def summary_zh(self) -> str:
        """One line: '首位数字检验：n=5000，MAD=0.0011，高度符合'.

        >>> benford_test(pd.Series([15.0] * 10)).summary_zh()
        '首位数字检验：n=10，样本量不足（少于300个≥10的数值），未做检验'
        """
        if self.too_small:
            return (f"{self.test_zh}检验：n={self.n}，样本量不足（少于{self.min_n}个≥{MIN_VALUE:g}的数值），"
                    "未做检验")
        places = 4 if self.digits == 1 else 5
        text = f"{self.test_zh}检验：n={self.n}，MAD={self.mad:.{places}f}，{self.conformity_zh}"
        if self.standouts:
            text += "；显著偏离的数字：" + "、".join(str(d) for d in self.standouts)
        return text


def expected_proportions(digits: int = 1) -> pd.Series:
    """Benford's expected proportion of each leading digit (pair), indexed by digit.

    >>> expected_proportions(1).round(4).tolist()[:3]
    [0.301, 0.1761, 0.1249]
    >>> p = expected_proportions(2); int(p.index[0]), int(p.index[-1]), round(float(p.sum()), 12)
    (10, 99, 1.0)
    """
    if digits not in (1, 2):
        raise ValueError(f"digits 只能为 1 或 2，实际为 {digits!r}")
    lo, hi = 10 ** (digits - 1), 10 ** digits
    index = pd.Index(range(lo, hi), name="digit")
    return pd.Series(np.log10(1 + 1 / index.to_numpy(dtype="float64")), index=index, name="expected")


def leading_digits(values: pd.Series, digits: int = 1) -> pd.Series:
    """The first ``digits`` significant digits of each value ≥ 10 (smaller and missing values dropped).

    Values are read to 12 significant figures, so float noise such as
    ``29.999999999999996`` counts as 30.

    >>> leading_digits(pd.Series([12.5, 999, 3, None, 1000, 29.999999999999996, 0.5]), 2).tolist()
    [12, 99, 10, 30]
    >>> leading_digits(pd.Series([12.5, 999, 3, 1000]), 1).tolist()
    [1, 9, 1]
    """
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")
    numbers = numbers[numbers.notna() & np.isfinite(numbers) & (numbers >= MIN_VALUE)]
    lead = _leading_digits(numbers.to_numpy(), digits)
    return pd.Series(lead, index=numbers.index, dtype="int64", name="digit")


def _leading_digits(values: np.ndarray, digits: int) -> np.ndarray:
    """Leading digits of positive values as ``f"{v:.11e}"`` reads them, without formatting every value.

    ``scaled`` is the value with ``digits`` digits before the point; rounding to 12 significant figures
    moves the leading digits up by one only when the fraction of ``scaled`` is at least
    ``1 − 0.5 × 10^(digits − 12)``. Values within float noise of that edge are formatted exactly.
    """
    exponent = np.floor(np.log10(values))
    scaled = values / 10.0 ** (exponent - digits + 1)
    low, high = 10 ** (digits - 1), 10 ** digits
    exponent = exponent + (scaled >= high) - (scaled < low)   # log10 off by one next to a power of ten
    scaled = values / 10.0 ** (exponent - digits + 1)
    lead = np.floor(scaled)
    edge = 1 - 0.5 * 10.0 ** (digits - SIGNIFICANT)
    fraction = scaled - lead
    lead = lead + (fraction >= edge)
    lead = np.where(lead >= high, low, lead).astype("int64")
    unsure = np.abs(fraction - edge) < EDGE_NOISE
    for i in np.flatnonzero(unsure):   # almost never: values like 1.99999999999500
        lead[i] = _formatted_leading_digits(float(values[i]), digits)
    return lead


def _formatted_leading_digits(value: float, digits: int) -> int:
    """The leading digits of ``value`` read from its 12-significant-figure scientific notation.

    >>> _formatted_leading_digits(29.999999999999996, 2), _formatted_leading_digits(1234.5, 1)
    (30, 1)
    """
    mantissa = f"{value:.{SIGNIFICANT - 1}e}"   # '2.99999999999e+01' style
    return int(mantissa[0] + mantissa[2:1 + digits])


def z_statistic(observed: float, expected: float, n: int) -> float:
    """Nigrini's z for one digit: ``(|p_o − p_e| − 1/(2n)) / sqrt(p_e(1 − p_e)/n)``.

    The continuity correction ``1/(2n)`` is used only when it is smaller than
    ``|p_o − p_e|``.

    >>> round(z_statistic(0.40, 0.30103, 100), 4)   # (0.09897 - 0.005) / 0.045871
    2.0486
    >>> z_statistic(0.301, 0.30103, 100)   # correction larger than the difference: not applied
    0.000654...
    """
    if n <= 0:
        return math.nan
    return float(z_statistics(np.array([observed]), np.array([expected]), n)[0])


def z_statistics(observed: np.ndarray, expected: np.ndarray, n: int) -> np.ndarray:
    """:func:`z_statistic` of every digit at once.

    >>> z_statistics(np.array([0.40, 0.301]), np.array([0.30103, 0.30103]), 100).round(6).tolist()
    [2.04859, 0.000654]
    """
    diff = np.abs(observed - expected)
    correction = 1 / (2 * n)
    diff = np.where(correction < diff, diff - correction, diff)
    return diff / np.sqrt(expected * (1 - expected) / n)


def mad_class(mad: float, digits: int = 1) -> tuple[str, str]:
    """Nigrini's conformity class of a MAD: (English, Chinese).

    >>> mad_class(0.006), mad_class(0.0151)
    (('close conformity', '高度符合'), ('nonconformity', '不符合'))
    >>> mad_class(0.0018, 2)
    ('acceptable conformity', '可接受的符合')
    """
    for bound, english, chinese in MAD_CLASSES[digits]:
        if mad <= bound:
            return english, chinese
    return NONCONFORMITY


def nonconformity_bound(digits: int = 1) -> float:
    """The largest MAD still (marginally) acceptable: above it, Nigrini's nonconformity.

    >>> nonconformity_bound(1), nonconformity_bound(2)
    (0.015, 0.0022)
    """
    return MAD_CLASSES[digits][-1][0]


def benford_test(values: pd.Series, digits: int = 1, min_n: int = MIN_N) -> BenfordResult:
    """Test the leading digit(s) of ``values`` (those ≥ 10) against Benford's law.

    A tiny worked example (n = 4, so "too small", but the arithmetic is the same):

    >>> r = benford_test(pd.Series([10, 11, 25, 9000.0]))
    >>> r.n, r.too_small, r.conformity_zh
    (4, True, '样本量不足')
    >>> r.table.loc[r.table["digit"] == 1, ["count", "observed"]].values.tolist()
    [[2.0, 0.5]]
    >>> round(r.mad, 6)  # (|.5-.30103| + |.25-.17609| + |0-.12494| + ... + |.25-.04576|) / 9
    0.106027
    >>> round(float(r.table.loc[0, "z"]), 4)  # (|.5-.30103| - 1/8) / sqrt(.30103 × .69897 / 4)
    0.3225
    """
    expected = expected_proportions(digits)
    lead = leading_digits(values, digits)
    n = int(len(lead))
    counts = lead.value_counts().reindex(expected.index, fill_value=0).astype("int64")
    if n:
        observed = counts / n
        z = z_statistics(observed.to_numpy(dtype="float64"), expected.to_numpy(), n)
        mad = float((observed - expected).abs().mean())
    else:
        observed = pd.Series(np.nan, index=expected.index)
        z = np.full(len(expected), math.nan)
        mad = math.nan
    table = pd.DataFrame({
        "digit": expected.index.to_numpy(),
        "expected": expected.to_numpy(),
        "observed": observed.to_numpy(dtype="float64"),
        "count": counts.to_numpy(),
        "z": np.asarray(z, dtype="float64"),
    })
    table["significant"] = (table["z"].abs() > Z_CRITICAL).fillna(False).astype(bool)
    too_small = n < min_n
    if too_small:
        english, chinese = TOO_SMALL
    else:
        english, chinese = mad_class(mad, digits)
    return BenfordResult(digits=digits, n=n, mad=mad, conformity=english, conformity_zh=chinese,
                         table=table, too_small=too_small, min_n=min_n)

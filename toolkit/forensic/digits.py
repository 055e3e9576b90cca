"""Digit tests (数字分析): Benford's first, second and first-two digits, last-two digits and the summation test.

Following Nigrini (*Benford's Law*, 2012; *Forensic Analytics*, 2011):

* only values ≥ 10 are tested (small amounts carry no useful leading digits);
* expected proportions: first digit ``d`` (1…9) ``log10(1 + 1/d)``; first two digits
  ``d`` (10…99) ``log10(1 + 1/d)``; second digit ``k`` (0…9)
  ``Σ_{d=1..9} log10(1 + 1/(10d + k))``; last two digits (00…99, of the whole part
  in the column's unit) uniform, 1 % each;
* conformity is judged by the mean absolute deviation (MAD) between observed
  and expected proportions, against Nigrini's critical values (2012, table 7.1):

  ====================  ====================  ====================  =====================
  test                  close conformity      acceptable            marginally acceptable
  ====================  ====================  ====================  =====================
  first digit           ≤ 0.006               ≤ 0.012               ≤ 0.015
  second digit          ≤ 0.008               ≤ 0.010               ≤ 0.012
  first two digits      ≤ 0.0012              ≤ 0.0018              ≤ 0.0022
  ====================  ====================  ====================  =====================

  above the last column: nonconformity (不符合). Nigrini gives no MAD bounds for the
  last-two-digits test: its MAD is reported and the class is 无公认临界值;
* each digit gets a z-statistic with the continuity correction
  ``z = (|p_o − p_e| − 1/(2n)) / sqrt(p_e(1 − p_e)/n)`` where the correction
  ``1/(2n)`` is applied only when it is smaller than ``|p_o − p_e|``; digits with
  ``|z| > 1.96`` (5 % level) stand out;
* fewer than 300 values (``min_n``) are too few to test: the result says
  ``样本量不足`` and no conformity is claimed (the table is still filled in so a
  chart can show it);
* the summation test (:func:`summation_test`) sums the amounts per first-two digits:
  under Benford's law every sum is expected to be equal (1/90 of the total); a
  sum far above it points at a few large amounts or many copies of one amount.

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

_CLOSE, _ACCEPTABLE, _MARGINAL = ("close conformity", "高度符合"), ("acceptable conformity", "可接受的符合"), \
    ("marginally acceptable conformity", "勉强可接受的符合")
# (upper bound, English class, Chinese class) by test; above the last bound: nonconformity.
MAD_BOUNDS: dict[str, tuple[tuple[float, str, str], ...]] = {
    "first": ((0.006, *_CLOSE), (0.012, *_ACCEPTABLE), (0.015, *_MARGINAL)),
    "second": ((0.008, *_CLOSE), (0.010, *_ACCEPTABLE), (0.012, *_MARGINAL)),
    "first_two": ((0.0012, *_CLOSE), (0.0018, *_ACCEPTABLE), (0.0022, *_MARGINAL)),
    "last_two": (),
}
#: the first-wave names: by number of leading digits
MAD_CLASSES: dict[int, tuple[tuple[float, str, str], ...]] = {1: MAD_BOUNDS["first"], 2: MAD_BOUNDS["first_two"]}
NONCONFORMITY = ("nonconformity", "不符合")
NO_BOUNDS = ("no published bounds", "无公认临界值")
TOO_SMALL = ("insufficient sample", "样本量不足")
TESTS = ("first", "second", "first_two", "last_two")
TEST_ZH = {"first": "首位数字", "second": "第二位数字", "first_two": "前两位数字", "last_two": "末两位数字"}
_BY_DIGITS = {1: "first", 2: "first_two"}


def canonical_test(test: str | int) -> str:
    """The test's name; 1 and 2 (the number of leading digits) are 'first' and 'first_two'.

    >>> canonical_test(1), canonical_test("second")
    ('first', 'second')
    """
    name = _BY_DIGITS.get(test, test) if isinstance(test, int) else test
    if name not in TESTS:
        raise ValueError(f"数字检验只能为 {'、'.join(TESTS)}（或 1、2），实际为 {test!r}")
    return name


@dataclass(frozen=True)
class BenfordResult:
    """The outcome of one digit test.

    ``table`` has one row per digit (or digit pair): ``digit``, ``expected``
    and ``observed`` proportions, ``count``, ``z`` and ``significant``
    (``|z| > 1.96``). ``digits`` is 1 for the first-digit test, 2 for the others.
    """

    digits: int
    n: int
    mad: float
    conformity: str
    conformity_zh: str
    table: pd.DataFrame
    too_small: bool
    min_n: int = MIN_N
    test: str = ""

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
    def name(self) -> str:
        """The test: 'first', 'second', 'first_two' or 'last_two'."""
        return self.test or _BY_DIGITS[self.digits]

    @property
    def test_zh(self) -> str:
        return TEST_ZH[self.name]

    def summary_zh(self) -> str:
        """One line: '首位数字检验：n=5000，MAD=0.0011，高度符合'.

        >>> benford_test(pd.Series([15.0] * 10)).summary_zh()
        '首位数字检验：n=10，样本量不足（少于300个≥10的数值），未做检验'
        """
        if self.too_small:
            return (f"{self.test_zh}检验：n={self.n}，样本量不足（少于{self.min_n}个≥{MIN_VALUE:g}的数值），"
                    "未做检验")
        places = 5 if self.name in ("first_two", "last_two") else 4
        text = f"{self.test_zh}检验：n={self.n}，MAD={self.mad:.{places}f}，{self.conformity_zh}"
        if self.standouts:
            text += "；显著偏离的数字：" + "、".join(str(d) for d in self.standouts)
        return text


def expected_proportions(digits: int | str = 1) -> pd.Series:
    """The expected proportion of each digit (pair) of a test, indexed by digit.

    >>> expected_proportions(1).round(4).tolist()[:3]
    [0.301, 0.1761, 0.1249]
    >>> p = expected_proportions(2); int(p.index[0]), int(p.index[-1]), round(float(p.sum()), 12)
    (10, 99, 1.0)
    >>> expected_proportions("second").round(4).tolist()[:2], float(expected_proportions("last_two")[7])
    ([0.1197, 0.1139], 0.01)
    """
    name = canonical_test(digits)
    if name == "last_two":
        return pd.Series(0.01, index=pd.Index(range(100), name="digit"), name="expected")
    if name == "second":
        firsts = np.arange(1, 10, dtype="float64")[:, None]
        values = np.log10(1 + 1 / (10 * firsts + np.arange(10)[None, :])).sum(axis=0)
        return pd.Series(values, index=pd.Index(range(10), name="digit"), name="expected")
    lo, hi = (1, 10) if name == "first" else (10, 100)
    index = pd.Index(range(lo, hi), name="digit")
    return pd.Series(np.log10(1 + 1 / index.to_numpy(dtype="float64")), index=index, name="expected")


def testable(values: pd.Series) -> pd.Series:
    """The values a digit test reads: numeric, finite and ≥ 10 (float64, original index).

    >>> testable(pd.Series([5, 10, None, "x", 12.5])).tolist()
    [10.0, 12.5]
    """
    numbers = pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")
    return numbers[numbers.notna() & np.isfinite(numbers) & (numbers >= MIN_VALUE)]


def leading_digits(values: pd.Series, digits: int = 1) -> pd.Series:
    """The first ``digits`` significant digits of each value ≥ 10 (smaller and missing values dropped).

    Values are read to 12 significant figures, so float noise such as
    ``29.999999999999996`` counts as 30.

    >>> leading_digits(pd.Series([12.5, 999, 3, None, 1000, 29.999999999999996, 0.5]), 2).tolist()
    [12, 99, 10, 30]
    >>> leading_digits(pd.Series([12.5, 999, 3, 1000]), 1).tolist()
    [1, 9, 1]
    """
    numbers = testable(values)
    lead = _leading_digits(numbers.to_numpy(), digits)
    return pd.Series(lead, index=numbers.index, dtype="int64", name="digit")


def digits_of(values: pd.Series, test: str | int) -> pd.Series:
    """The digit(s) a test counts, for each value ≥ 10: first, second, first two or last two.

    The last two digits are those of the whole part (``1234.56`` → 34).

    >>> s = pd.Series([1234.56, 19.999999999999996, 305, 7])
    >>> [digits_of(s, t).tolist() for t in TESTS]
    [[1, 2, 3], [2, 0, 0], [12, 20, 30], [34, 20, 5]]
    """
    name = canonical_test(test)
    if name == "first":
        return leading_digits(values, 1)
    if name == "first_two":
        return leading_digits(values, 2)
    if name == "second":
        return leading_digits(values, 2) % 10
    numbers = testable(values)
    whole = np.floor(np.round(numbers.to_numpy(), 6))
    return pd.Series(np.mod(whole, 100).astype("int64"), index=numbers.index, name="digit")


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


def mad_class(mad: float, digits: int | str = 1) -> tuple[str, str]:
    """Nigrini's conformity class of a MAD: (English, Chinese).

    >>> mad_class(0.006), mad_class(0.0151)
    (('close conformity', '高度符合'), ('nonconformity', '不符合'))
    >>> mad_class(0.0018, 2), mad_class(0.009, "second"), mad_class(0.001, "last_two")
    (('acceptable conformity', '可接受的符合'), ('acceptable conformity', '可接受的符合'), ('no published bounds', '无公认临界值'))
    """
    bounds = MAD_BOUNDS[canonical_test(digits)]
    if not bounds:
        return NO_BOUNDS
    for bound, english, chinese in bounds:
        if mad <= bound:
            return english, chinese
    return NONCONFORMITY


def nonconformity_bound(digits: int | str = 1) -> float:
    """The largest MAD still (marginally) acceptable: above it, Nigrini's nonconformity.

    >>> nonconformity_bound(1), nonconformity_bound(2), nonconformity_bound("second")
    (0.015, 0.0022, 0.012)
    """
    return MAD_BOUNDS[canonical_test(digits)][-1][0]


def digit_test(values: pd.Series, test: str | int = "first", min_n: int = MIN_N) -> BenfordResult:
    """One digit test of ``values`` (those ≥ 10): 'first', 'second', 'first_two' or 'last_two'.

    >>> r = digit_test(pd.Series([1234.0, 2234, 3234, 4234] * 100), "last_two")
    >>> r.n, int(r.table.loc[34, "count"]), round(r.mad, 4), r.conformity_zh
    (400, 400, 0.0198, '无公认临界值')
    >>> digit_test(pd.Series([15.0, 25, 35]), "second").table["count"].tolist()
    [0, 0, 0, 0, 0, 3, 0, 0, 0, 0]
    """
    name = canonical_test(test)
    expected = expected_proportions(name)
    found = digits_of(values, name)
    n = int(len(found))
    counts = found.value_counts().reindex(expected.index, fill_value=0).astype("int64")
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
    english, chinese = TOO_SMALL if too_small else mad_class(mad, name)
    return BenfordResult(digits=1 if name == "first" else 2, n=n, mad=mad, conformity=english,
                         conformity_zh=chinese, table=table, too_small=too_small, min_n=min_n, test=name)


def benford_test(values: pd.Series, digits: int = 1, min_n: int = MIN_N) -> BenfordResult:
    """Test the leading digit(s) of ``values`` (those ≥ 10) against Benford's law (``digits`` 1 or 2).

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
    if digits not in (1, 2):
        raise ValueError(f"digits 只能为 1 或 2，实际为 {digits!r}")
    return digit_test(values, digits, min_n)


def summation_test(values: pd.Series) -> pd.DataFrame:
    """Nigrini's summation test: the amounts (≥ 10) summed per first two digits, against equal sums.

    Columns ``digit`` (10…99), ``count``, ``sum``, ``share`` (of the total), ``expected``
    (1/90) and ``excess`` (share − expected), largest excess first: the top rows are the
    digit pairs where a few large amounts (or many equal ones) sit.

    >>> t = summation_test(pd.Series([12.0, 13, 1500, 99]))
    >>> int(t.loc[0, "digit"]), int(t.loc[0, "count"]), float(t.loc[0, "sum"]), round(float(t.loc[0, "share"]), 4)
    (15, 1, 1500.0, 0.9236)
    >>> len(t), round(float(t["share"].sum()), 12)
    (90, 1.0)
    """
    numbers = testable(values)
    lead = leading_digits(numbers, 2)
    index = pd.Index(range(10, 100), name="digit")
    grouped = numbers.groupby(lead)
    sums = grouped.sum().reindex(index, fill_value=0.0).astype("float64")
    counts = grouped.size().reindex(index, fill_value=0).astype("int64")
    total = float(sums.sum())
    share = sums / total if total else pd.Series(np.nan, index=index)
    table = pd.DataFrame({"digit": index.to_numpy(), "count": counts.to_numpy(), "sum": sums.to_numpy(),
                          "share": share.to_numpy(), "expected": 1 / 90})
    table["excess"] = table["share"] - table["expected"]
    return table.sort_values(["excess", "digit"], ascending=[False, True], kind="stable").reset_index(drop=True)


def summation_mad(table: pd.DataFrame) -> float:
    """The MAD of a :func:`summation_test` table's shares against 1/90 (no published bounds).

    >>> round(summation_mad(summation_test(pd.Series([11.0, 12, 13]))), 6)
    0.021481
    """
    return float(table["excess"].abs().mean())

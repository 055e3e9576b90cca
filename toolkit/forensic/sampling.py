"""Statistical sampling (统计抽样): monetary-unit sampling (MUS, 货币单位抽样) and attribute sampling (属性抽样).

Definitions (the textbook ones, e.g. AICPA *Audit Sampling* guide; Stringer 1963):

* **Confidence factors** (Poisson): ``R(k)`` is the upper limit of the expected number of
  misstatements when ``k`` were found, at the confidence level: the ``confidence`` quantile
  of the gamma distribution with shape ``k + 1`` (for whole ``k`` the Poisson upper
  confidence limit). As the published tables print them, it is rounded *up* to two
  decimals: 95 % → 3.00, 4.75, 6.30, 7.76, 9.16 …; 90 % → 2.31, 3.89, 5.33 ….
* :func:`mus_plan`: the smallest ``n`` with ``n × tolerable / value ≥ R(n × expected / value)``;
  no expected misstatement: ``n = ⌈R(0) × value / tolerable⌉`` (95 %: ⌈3.0 × value / tolerable⌉).
* :func:`mus_select`: systematic selection with a random start. Interval ``J = total / n`` (positive
  amounts only); start ``s`` uniform in ``[0, J)`` from ``numpy.random.default_rng(seed)``; the item
  holding monetary unit ``s + i·J`` (``i = 0 … n − 1``, cumulative amounts in the frame's order)
  is selected. An item of ``J`` or more is selected every time (``抽中次数`` > 1 possible).
* :func:`mus_evaluate` (Stringer bound, overstatements): items of ``J`` or more add their
  misstatement as it is; every other misstatement has the tainting ``t = (book − audited) / book``;
  with the taintings ranked largest first, the upper misstatement limit is
  ``UML = J × (R(0) + Σ_i (R(i) − R(i−1)) × t_i) + top-stratum misstatements`` = basic
  precision ``J × R(0)`` + projected misstatement ``J × Σ t_i`` (+ top stratum) + the
  incremental allowance ``J × Σ (R(i) − R(i−1) − 1) × t_i``.
* :func:`attribute_plan` (binomial): the smallest ``n`` such that, allowing
  ``k = ⌈n × expected_rate⌉`` deviations, ``P(X ≤ k | n, tolerable_rate) ≤ 1 − confidence``
  (95 %, 5 % tolerable, none expected: 59; 10 % tolerable: 29).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import pandas as pd

from toolkit.errors import ParameterError

CONFIDENCE = 0.95
FACTOR_DECIMALS = 2
_NOISE = 1e-9
_MAX_N = 200_000
BOOK, AUDITED = "账面金额", "审定金额"


def _gamma_p(a: float, x: float) -> float:
    """The regularized lower incomplete gamma function P(a, x) (series, else continued fraction).

    >>> round(_gamma_p(1.0, 2.995732273554), 6)   # 1 − e^−x
    0.95
    """
    if x <= 0:
        return 0.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        term = total = 1 / a
        k = a
        while abs(term) > abs(total) * 1e-16:
            k += 1
            term *= x / k
            total += term
        return total * math.exp(log_front)
    b, c, d = x + 1 - a, 1 / 1e-300, 1 / (x + 1 - a)
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = 1 / (d if abs(d) > 1e-300 else 1e-300)
        c = b + an / c
        c = c if abs(c) > 1e-300 else 1e-300
        h *= d * c
        if abs(d * c - 1) < 1e-16:
            break
    return 1 - math.exp(log_front) * h


def poisson_factor(errors: float, confidence: float = CONFIDENCE, exact: bool = False) -> float:
    """The confidence factor R(errors): the gamma(errors + 1) quantile, rounded up to two decimals.

    >>> [poisson_factor(k) for k in range(5)]
    [3.0, 4.75, 6.3, 7.76, 9.16]
    >>> poisson_factor(0, 0.90), poisson_factor(1, 0.99), round(poisson_factor(0, exact=True), 6)
    (2.31, 6.64, 2.995732)
    """
    if not 0 < confidence < 1:
        raise ParameterError(f"置信水平应在 0 与 1 之间，实际为 {confidence!r}")
    low, high = 0.0, 10.0 + 4 * errors
    while _gamma_p(errors + 1, high) < confidence:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        low, high = (mid, high) if _gamma_p(errors + 1, mid) < confidence else (low, mid)
        if high - low < 1e-13:
            break
    if exact:
        return high
    scale = 10 ** FACTOR_DECIMALS
    return math.ceil(round(high * scale, 6)) / scale


@dataclass(frozen=True)
class MusPlan:
    """A monetary-unit sample size: ``n`` items, interval ``population_value / n``."""

    n: int
    interval: float
    factor: float
    population_value: float
    tolerable: float
    expected: float
    confidence: float


def mus_plan(population_value: float, tolerable: float, expected: float = 0, confidence: float = CONFIDENCE) -> MusPlan:
    """The MUS sample size (Poisson): the smallest n with ``n·T/V ≥ R(n·E/V)`` (see the module doc).

    >>> mus_plan(1_000_000, 50_000).n        # ⌈3.0 × 1,000,000 / 50,000⌉
    60
    >>> p = mus_plan(300_000, 15_000); p.n, p.interval
    (60, 5000.0)
    >>> mus_plan(1_000_000, 50_000, expected=10_000).n
    93
    """
    if not population_value > 0 or not tolerable > 0:
        raise ParameterError("总体金额和可容忍错报都应大于 0")
    if not 0 <= expected < tolerable:
        raise ParameterError(f"预计错报应不小于 0 且小于可容忍错报（{tolerable:g}），实际为 {expected!r}")
    ratio = tolerable / population_value
    n = max(1, math.ceil(round(poisson_factor(0, confidence) / ratio, 6)))
    while n <= _MAX_N:
        factor = poisson_factor(round(n * expected / population_value, 9), confidence)
        if n * ratio >= factor - _NOISE:
            return MusPlan(n, population_value / n, factor, float(population_value), float(tolerable),
                           float(expected), confidence)
        n += 1
    raise ParameterError(f"预计错报与可容忍错报过于接近：样本量超过 {_MAX_N}")


@dataclass(frozen=True)
class MusSample:
    """A monetary-unit sample: the rows selected and what is needed to draw it again."""

    frame: pd.DataFrame            # the selected rows (original columns) + 抽中次数, 抽样点, 累计金额
    amount_column: str
    n: int
    seed: int
    interval: float
    start: float
    population_value: float
    population_items: int
    excluded_items: int            # missing, zero or negative amounts: not in the population
    id_column: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def record_ids(self) -> list[str]:
        """The selected records: their ``id_column`` values, else their row labels."""
        ids = self.frame[self.id_column] if self.id_column else self.frame.index.to_series()
        return [str(v) for v in ids]

    def record(self) -> dict[str, Any]:
        """What manifest.json keeps so that the same sample is drawn again."""
        return {"method": "mus_systematic", "amount_column": self.amount_column, "seed": self.seed,
                "size": self.n, "interval": self.interval, "start": self.start,
                "population_value": self.population_value, "population_items": self.population_items,
                "excluded_items": self.excluded_items, "selected_items": len(self.frame),
                "id_column": self.id_column, "record_ids": self.record_ids}


def mus_select(df: pd.DataFrame, amount_column: str, n: int, seed: int, id_column: str | None = "id") -> MusSample:
    """Systematic monetary-unit selection with a random start (see the module doc); ``df`` is not changed.

    >>> df = pd.DataFrame({"id": ["a", "b", "c", "d"], "amount": [100.0, 900, 0, 1000]})
    >>> s = mus_select(df, "amount", 4, seed=1)
    >>> s.interval, round(s.start, 2), s.record_ids, s.frame["抽中次数"].tolist(), s.excluded_items
    (500.0, 255.91, ['b', 'd'], [2, 2], 1)
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError(f"样本量应为正整数，实际为 {n!r}")
    amounts = pd.to_numeric(df[amount_column], errors="coerce").astype("float64")
    population = df[amounts > 0]
    values = amounts[amounts > 0].to_numpy()
    total = float(values.sum())
    if not len(values):
        raise ParameterError(f"列 {amount_column} 没有大于 0 的金额，无法按金额抽样")
    interval = total / n
    start = float(np.random.default_rng(seed).random() * interval)
    points = start + interval * np.arange(n)
    cumulative = np.cumsum(values)
    hit = np.minimum(np.searchsorted(cumulative, points, side="right"), len(values) - 1)
    items, first = np.unique(hit, return_index=True)
    frame = population.iloc[items].copy()
    frame["抽中次数"] = np.bincount(hit)[items]
    frame["抽样点"] = points[first]
    frame["累计金额"] = cumulative[items]
    id_col = id_column if id_column in df.columns else None
    return MusSample(frame, amount_column, int(n), int(seed), interval, start, total, int(len(values)),
                     int(len(df) - len(values)), id_col)


@dataclass(frozen=True)
class MusEvaluation:
    """The Stringer bound of a MUS sample, its parts and the ranked misstatements."""

    interval: float
    confidence: float
    basic_precision: float
    projected: float
    incremental: float
    top_stratum: float
    upper_limit: float
    table: pd.DataFrame
    understatements: int

    def exceeds(self, tolerable: float) -> bool:
        """The upper misstatement limit is above the tolerable misstatement."""
        return self.upper_limit > tolerable


def mus_evaluate(sample: pd.DataFrame, interval: float, confidence: float = CONFIDENCE, *, book: str = BOOK,
                 audited: str = AUDITED, factors: Sequence[float] | None = None) -> MusEvaluation:
    """The upper misstatement limit (Stringer bound) of an audited MUS sample (see the module doc).

    ``factors`` replaces the Poisson factors R(0), R(1), … (e.g. a firm's own table).
    Understatements (audited above book) are counted, not bounded.

    >>> s = pd.DataFrame({"账面金额": [400.0, 500, 6000, 80], "审定金额": [320.0, 0, 2500, 80]})
    >>> e = mus_evaluate(s, 5000)
    >>> e.basic_precision, e.projected, round(e.incremental, 2), e.top_stratum, round(e.upper_limit, 2)
    (15000.0, 9500.0, 4300.0, 3500.0, 28800.0)
    """
    frame = pd.DataFrame({"book": pd.to_numeric(sample[book], errors="coerce").astype("float64"),
                          "audited": pd.to_numeric(sample[audited], errors="coerce").astype("float64")})
    frame = frame[frame["book"].notna() & frame["audited"].notna()]
    frame["misstatement"] = frame["book"] - frame["audited"]
    top = frame["book"] >= interval
    over = frame[~top & (frame["misstatement"] > 0) & (frame["book"] > 0)].copy()
    over["tainting"] = (over["misstatement"] / over["book"]).clip(upper=1.0)
    over = over.sort_values("tainting", ascending=False, kind="stable").reset_index(drop=True)
    needed = len(over) + 1
    r = list(factors) if factors is not None else [poisson_factor(k, confidence) for k in range(needed)]
    if len(r) < needed:
        raise ParameterError(f"置信系数表只有 {len(r)} 个值，需要 {needed} 个（发现 {needed - 1} 项错报）")
    over["factor"] = r[1:needed]
    over["increment"] = np.diff(np.asarray(r[:needed], dtype="float64"))
    over["projected"] = over["tainting"] * interval
    over["upper"] = over["increment"] * over["projected"]
    top_stratum = float(frame.loc[top, "misstatement"].clip(lower=0).sum())
    basic = interval * r[0]
    projected = float(over["projected"].sum()) + top_stratum
    incremental = float(((over["increment"] - 1) * over["projected"]).sum())
    understatements = int((frame["misstatement"] < 0).sum())
    return MusEvaluation(interval, confidence, basic, projected, incremental, top_stratum,
                         basic + projected + incremental, over, understatements)


@dataclass(frozen=True)
class AttributePlan:
    """An attribute sample size and the deviations it may hold."""

    n: int
    allowed_deviations: int
    tolerable_rate: float
    expected_rate: float
    confidence: float
    risk: float                    # P(X ≤ allowed | n, tolerable_rate)


def binomial_cdf(k: int, n: int, p: float) -> float:
    """P(X ≤ k) for X ~ Binomial(n, p), summed in log space.

    >>> round(binomial_cdf(0, 59, 0.05), 6), round(binomial_cdf(1, 93, 0.05), 6)
    (0.048495, 0.049976)
    """
    if p <= 0:
        return 1.0
    if p >= 1:
        return 1.0 if k >= n else 0.0
    logs = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * math.log(p)
            + (n - i) * math.log1p(-p) for i in range(0, min(k, n) + 1)]
    return float(min(1.0, sum(math.exp(v) for v in logs)))


def attribute_plan(tolerable_rate: float, expected_rate: float = 0, confidence: float = CONFIDENCE) -> AttributePlan:
    """The attribute sample size (binomial, see the module doc).

    >>> attribute_plan(0.05).n, attribute_plan(0.10).n
    (59, 29)
    >>> p = attribute_plan(0.05, 0.01); p.n, p.allowed_deviations
    (93, 1)
    """
    if not 0 < tolerable_rate < 1:
        raise ParameterError(f"可容忍偏差率应在 0 与 1 之间，实际为 {tolerable_rate!r}")
    if not 0 <= expected_rate < tolerable_rate:
        raise ParameterError(f"预计偏差率应不小于 0 且小于可容忍偏差率，实际为 {expected_rate!r}")
    if not 0 < confidence < 1:
        raise ParameterError(f"置信水平应在 0 与 1 之间，实际为 {confidence!r}")
    for n in range(1, _MAX_N + 1):
        k = math.ceil(round(n * expected_rate, 9))
        risk = binomial_cdf(k, n, tolerable_rate)
        if risk <= 1 - confidence:
            return AttributePlan(n, k, tolerable_rate, expected_rate, confidence, risk)
    raise ParameterError(f"预计偏差率与可容忍偏差率过于接近：样本量超过 {_MAX_N}")

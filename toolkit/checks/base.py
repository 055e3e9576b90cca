"""Checks and indicators as objects, and the run that collects every finding into one table.

A :class:`Check` has a stable id (contract/checks.md), an area, the dataset it
reads, a severity, a Chinese title and a rule. The rule takes a
:class:`Context` and returns one row per finding (``record_id``, ``unit``,
``amount``, ``message`` and optionally ``row``); :func:`run_checks` adds the
check's identity and gathers all of them — pandera's "every failure in one
table". A check whose datasets are absent is skipped, and an indicator whose
datasets are absent is null, never 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Iterable, Mapping

import numpy as np
import pandas as pd

from toolkit.checks.calendar import CalendarNote
from toolkit.checks.messages import render_messages
from toolkit.config import RoundConfig, Thresholds
from toolkit.formatting import is_empty  # noqa: F401  (the rules' Empty test, re-exported)
from toolkit.ingest.validate import ROW_COLUMN
from toolkit.review.keys import KEY_COLUMN, finding_keys

FINDING_COLUMNS = ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount", "message"]
EXTRA_COLUMNS = ["title", "row"]  # our extensions, after the contract's columns
# then the finding's stable key (toolkit.review.keys) and its latest review answer (toolkit.review.status)
REVIEW_COLUMNS = [KEY_COLUMN, "review_conclusion", "review_note"]
EXTRA_COLUMNS += REVIEW_COLUMNS
RULE_COLUMNS = ["record_id", "unit", "amount", "message", "row"]
SEVERITIES = ("high", "medium", "low")


@dataclass
class Context:
    """What a rule sees: the accepted frames, the round and its thresholds, and a notes list."""

    data: Mapping[str, pd.DataFrame]
    round: RoundConfig
    notes: list[str] = field(default_factory=list)
    calendar: CalendarNote = field(default_factory=CalendarNote)  # dates outside the holiday calendar

    @property
    def thresholds(self) -> Thresholds:
        return self.round.thresholds

    @property
    def as_of(self) -> pd.Timestamp:
        return self.round.as_of_ts

    @property
    def period_start(self) -> pd.Timestamp:
        return self.round.period_start_ts

    def has(self, *names: str) -> bool:
        return all(name in self.data for name in names)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


@dataclass(frozen=True)
class Check:
    """One rule of contract/checks.md."""

    id: str
    area: str
    dataset: str
    severity: str
    title: str
    rule: Callable[[Context], pd.DataFrame]
    needs: tuple[str, ...] = ()   # further datasets that must be present
    any_of: tuple[str, ...] = ()  # or: the check runs when any of these is present (dataset-level screens)
    params: tuple[str, ...] = ()  # the Thresholds the rule reads (shown with their values in rules_table)

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.id}: severity {self.severity!r}")

    @property
    def datasets(self) -> tuple[str, ...]:
        return (self.dataset, *self.needs)

    def missing(self, ctx: Context) -> list[str]:
        """The datasets whose absence stops this check (empty when it can run)."""
        if self.any_of:
            return [] if any(ctx.has(d) for d in self.any_of) else list(self.any_of)
        return [d for d in self.datasets if not ctx.has(d)]

    def run(self, ctx: Context) -> pd.DataFrame:
        """The rule's findings with the check's identity, in FINDING_COLUMNS + EXTRA_COLUMNS order.

        A rule may name each finding's dataset in a ``dataset`` column (dataset-level screens);
        otherwise every finding carries the check's dataset.
        """
        found = self.rule(ctx)
        datasets = found["dataset"] if "dataset" in found.columns else self.dataset
        found = found.reindex(columns=RULE_COLUMNS).assign(
            check_id=self.id, area=self.area, dataset=datasets, severity=self.severity, title=self.title)
        found = found.assign(**{KEY_COLUMN: finding_keys(found)})
        return _finding_dtypes(found.reindex(columns=FINDING_COLUMNS + EXTRA_COLUMNS))


@dataclass(frozen=True)
class Indicator:
    """One named figure of indicators.json; ``compute(ctx, findings)``."""

    name: str
    label: str
    datasets: tuple[str, ...]
    compute: Callable[[Context, pd.DataFrame], Any]
    unit: str = ""


def empty_findings() -> pd.DataFrame:
    return _finding_dtypes(pd.DataFrame(columns=FINDING_COLUMNS + EXTRA_COLUMNS))


def _finding_dtypes(df: pd.DataFrame) -> pd.DataFrame:
    text = {c: "str" for c in ("check_id", "area", "dataset", "record_id", "unit", "severity", "message", "title",
                               *REVIEW_COLUMNS)}
    df = df.astype({**text, "amount": "float64", "row": "Int64"})
    return df.assign(record_id=df["record_id"].fillna(""), unit=df["unit"].fillna(""))


def flag(frame: pd.DataFrame, mask: pd.Series, message: str | Callable[[pd.Series], str], *,
         id_column: str, unit_column: str | None = None, amount: str | pd.Series | None = None) -> pd.DataFrame:
    """The rule rows for the rows of ``frame`` where ``mask`` holds.

    ``message`` is a format string over the row's columns (``"{guests}人"``), filled column by column,
    or a function of the row (``r["col"]``, ``r.name``: a :class:`~toolkit.checks.messages.Row`);
    see :func:`~toolkit.checks.messages.render_messages`.

    >>> df = pd.DataFrame({"id": ["a", "b"], "n": [1, 5], "_row": [2, 3]})
    >>> flag(df, df["n"] > 3, "n={n}", id_column="id")[["record_id", "message", "row"]].to_dict("records")
    [{'record_id': 'b', 'message': 'n=5', 'row': 3}]
    """
    mask = mask.fillna(False).astype(bool)
    rows = frame[mask]
    if isinstance(amount, str):
        amounts = rows[amount]
    elif isinstance(amount, pd.Series):
        amounts = amount[mask]
    else:
        amounts = pd.Series(np.nan, index=rows.index)
    return pd.DataFrame({
        "record_id": rows[id_column].astype("str"),
        "unit": rows[unit_column] if unit_column else "",
        "amount": amounts.astype("float64"),
        "message": render_messages(rows, message),
        "row": rows[ROW_COLUMN] if ROW_COLUMN in rows else pd.NA,
    }, index=rows.index)


@dataclass
class CheckRun:
    """The outcome of running checks: one findings table, the indicators, skipped checks, notes."""

    findings: pd.DataFrame
    indicators: dict[str, Any]
    skipped: dict[str, str]
    notes: list[str]


def run_checks(ctx: Context, checks: Iterable[Check], indicators: Iterable[Indicator]) -> CheckRun:
    """Run every check whose datasets are present, then compute every indicator."""
    parts, skipped = [], {}
    for check in checks:
        missing = check.missing(ctx)
        if missing:
            skipped[check.id] = "缺少数据集 " + "、".join(missing)
            continue
        parts.append(check.run(ctx))
    findings = pd.concat([empty_findings(), *parts], ignore_index=True) if parts else empty_findings()
    values = {}
    for indicator in indicators:
        if not ctx.has(*indicator.datasets):
            values[indicator.name] = None
            continue
        values[indicator.name] = plain_number(indicator.compute(ctx, findings))
    if ctx.calendar:
        ctx.note(ctx.calendar.message)
    return CheckRun(findings, values, skipped, list(ctx.notes))


def plain_number(value: Any) -> int | float | None:
    """A JSON-ready number: numpy scalars → Python, NaN/inf → None.

    >>> plain_number(np.int64(3)), plain_number(float("nan")), plain_number(2.5)
    (3, None, 2.5)
    """
    if value is None or value is pd.NA:
        return None
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def rate(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when the denominator is 0.

    >>> rate(1, 4), rate(1, 0)
    (0.25, None)
    """
    return None if not denominator else numerator / denominator


def finding_ids(findings: pd.DataFrame, check_id: str) -> pd.Series:
    """The record_ids one check flagged."""
    return findings.loc[findings["check_id"] == check_id, "record_id"]


SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}


def rules_table(checks: Iterable[Check], thresholds: Thresholds) -> pd.DataFrame:
    """The rules as a notebook shows them: id, severity, Chinese title and the parameters of this run.

    Generated from the registered checks, so a notebook never hand-copies a rule.

    >>> c = Check("x.big", "x", "x", "medium", "金额过大", lambda ctx: None, params=("fuel_tank_liters_max",))
    >>> rules_table([c], Thresholds()).to_dict("records")
    [{'规则编号': 'x.big', '风险等级': '中', '规则': '金额过大', '参数（本次取值）': 'fuel_tank_liters_max = 80'}]
    """
    rows = []
    for check in checks:
        values = []
        for name in check.params:
            value = getattr(thresholds, name)
            values.append(f"{name} = {'、'.join(value) if isinstance(value, tuple) else value}")
        rows.append({"规则编号": check.id, "风险等级": SEVERITY_ZH[check.severity], "规则": check.title,
                     "参数（本次取值）": "；".join(values) or "—"})
    return pd.DataFrame(rows, columns=["规则编号", "风险等级", "规则", "参数（本次取值）"])



def cents(values: pd.Series | float, scale: float = 1) -> pd.Series | int:
    """Money in whole cents, rounded half up to 0.01 元 on its decimal value (checks.md, second wave);
    ``scale`` 10000 converts 万元 to 元 first.

    Exact decimal arithmetic, once per distinct value (a float such as 1.005 is 100.4999… cents in
    binary). A Series gives float cents, missing stays NaN; a number gives an int.

    >>> cents(pd.Series([2.675, 1.005, None, 5000.0, 0.125])).tolist()
    [268.0, 101.0, nan, 500000.0, 13.0]
    >>> cents(2000), cents(pd.Series([9.999999, 9.9999999]), 10000).tolist()
    (200000, [9999999.0, 10000000.0])
    """
    if not isinstance(values, pd.Series):
        exact = Decimal(repr(float(values))) * Decimal(repr(scale))
        return int(exact.quantize(Decimal("0.01"), ROUND_HALF_UP) * 100)
    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    table = {x: float(cents(x, scale)) for x in pd.unique(numbers.dropna())}
    return numbers.map(table).astype("float64")

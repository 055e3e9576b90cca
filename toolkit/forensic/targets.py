"""What 90_forensic analyses: the main money datasets of a round and, for each, its columns by role.

A :class:`Target` names a dataset and the columns each test reads: ``amount`` (digit tests,
stratification, sampling), ``date`` (ageing), ``name`` (fuzzy duplicates), ``number``
(gaps: by default the record numbers 编号 / 凭证号, whose holes are deleted or missing records;
invoice numbers from many sellers are no single sequence), ``duplicate`` (the columns of an exact
duplicate). :data:`DEFAULT_COLUMNS` gives them
for the datasets of the contract; for any other dataset (or to override) the notebook's
parameters name the columns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Mapping, Sequence

import pandas as pd

from toolkit.datasets import DATASETS
from toolkit.errors import ParameterError

#: the main money datasets, in report order, with each test's columns (None: the test is skipped)
DEFAULT_COLUMNS: dict[str, dict[str, object]] = {
    "reception": {"amount": "amount", "date": "date", "name": "guest_org", "number": "id",
                  "duplicate": ("unit", "date", "amount")},
    "fuel": {"amount": "amount", "date": "time", "name": "station", "number": "id",
             "duplicate": ("card_no", "time", "amount")},
    "overseas": {"amount": "cost", "date": "depart_on", "name": None, "number": "id",
                 "duplicate": ("name", "depart_on", "countries")},
    "village_finance": {"amount": "amount", "date": "date", "name": "payee", "number": "id",
                        "duplicate": ("village", "date", "amount", "payee")},
    "allowances": {"amount": "amount", "date": None, "name": None, "number": None,
                   "duplicate": ("name", "month", "item")},
    "loans": {"amount": "amount", "date": "date", "name": "company", "number": "id",
              "duplicate": ("company", "date", "amount")},
    "bids": {"amount": "price", "date": "submitted_at", "name": "bidder", "number": "id",
             "duplicate": ("tender_id", "bidder")},
    "benefits": {"amount": "amount", "date": None, "name": None, "number": None,
                 "duplicate": ("id_number", "type", "month")},
}


@dataclass(frozen=True)
class Target:
    """One dataset to analyse and its columns by role."""

    dataset: str
    amount: str
    date: str | None = None
    name: str | None = None
    number: str | None = None
    duplicate: tuple[str, ...] = ()
    unit: str = "元"

    @property
    def title(self) -> str:
        """The dataset's Chinese name (公务接待), else its name."""
        spec = DATASETS.get(self.dataset)
        return spec.zh if spec else self.dataset


def _unit(dataset: str, column: str) -> str:
    spec = DATASETS.get(dataset)
    if spec is None or column not in spec.names:
        return "元"
    return spec.column(column).unit or "元"


def default_target(dataset: str) -> Target | None:
    """The default columns of a contract dataset, or None.

    >>> default_target("fuel")
    Target(dataset='fuel', amount='amount', date='time', name='station', number='id', duplicate=('card_no', 'time', 'amount'), unit='元')
    """
    roles = DEFAULT_COLUMNS.get(dataset)
    if roles is None:
        return None
    return Target(dataset, str(roles["amount"]), roles["date"], roles["name"], roles["number"],  # type: ignore[arg-type]
                  tuple(roles["duplicate"]), _unit(dataset, str(roles["amount"])))  # type: ignore[arg-type]


def resolve_targets(data: Mapping[str, pd.DataFrame], dataset: str | None = None, *, amount_column: str | None = None,
                    date_column: str | None = None, name_column: str | None = None,
                    number_column: str | None = None, duplicate_columns: Sequence[str] | None = None) -> list[Target]:
    """The targets of the notebook's parameters: ``dataset`` None → every main money dataset with rows;
    a named dataset with its default columns, overridden by any column given.

    >>> frames = {"fuel": pd.DataFrame({"id": ["a"], "amount": [1.0], "time": [None], "station": ["x"], "card_no": ["1"]})}
    >>> [t.dataset for t in resolve_targets(frames)], resolve_targets(frames, "fuel", name_column="card_no")[0].name
    (['fuel'], 'card_no')
    """
    if dataset is None:
        return [t for name in DEFAULT_COLUMNS if name in data and len(data[name])
                for t in [default_target(name)] if t is not None]
    if dataset not in data:
        raise ParameterError(f"dataset：本轮没有数据集 {dataset}（有：{'、'.join(sorted(data))}）")
    base = default_target(dataset)
    if base is None and amount_column is None:
        raise ParameterError(f"数据集 {dataset} 没有默认的金额列：请设置参数 amount_column")
    target = base or Target(dataset, str(amount_column))
    changes = {k: v for k, v in {"amount": amount_column, "date": date_column, "name": name_column,
                                 "number": number_column}.items() if v is not None}
    if duplicate_columns is not None:
        changes["duplicate"] = tuple(duplicate_columns)
    target = replace(target, **changes)
    target = replace(target, unit=_unit(dataset, target.amount))
    frame = data[dataset]
    named = [target.amount, target.date, target.name, target.number, *target.duplicate]
    unknown = [c for c in named if c is not None and c not in frame.columns]
    if unknown:
        raise ParameterError(f"数据集 {dataset} 没有列 {'、'.join(unknown)}（有：{'、'.join(map(str, frame.columns))}）")
    return [target]

"""Drawing helpers shared by the generators: rows, unique names, dates, weighted choices, working days.

Only ``random.Random`` is used, so a seed fixes every draw.

>>> row = make_row(unit="县财政局")
>>> row["_tags"], row["_near"], row["_fmt"]
([], [], {})
>>> period_workdays()[0], len(month_workdays()[(2020, 1)])
(datetime.date(2019, 10, 8), 17)
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from functools import cache

from toolkit.demo.rules import is_workday
from toolkit.demo.spec import AS_OF, PERIOD_START
from toolkit.demo.vocabulary import DOC_PREFIX, GIVEN, SURNAMES


class Names:
    """Person names drawn from the seeded generator, never the same twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def new(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + "".join(
                self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2, 2))))
            if n not in self.used:
                self.used.add(n)
                return n


def make_row(**kw) -> dict:
    """A generated row: its values, plus the checks it must fail (_tags) or narrowly pass (_near) and cell formats."""
    kw.setdefault("_tags", [])
    kw.setdefault("_near", [])
    kw.setdefault("_fmt", {})
    return kw


def wchoice(rng: random.Random, pairs):
    """One item of (item, weight) pairs."""
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights, k=1)[0]


def rand_date(rng: random.Random, a: dt.date, b: dt.date) -> dt.date:
    """A day in [a, b]."""
    return a + dt.timedelta(days=rng.randint(0, (b - a).days))


def doc_no(rng: random.Random, year: int) -> str:
    """A county document number such as 青财字〔2020〕12号."""
    return f"{rng.choice(DOC_PREFIX)}〔{year}〕{rng.randint(1, 98)}号"


@cache
def period_workdays() -> tuple[dt.date, ...]:
    """The working days from period_start to as_of."""
    days = (PERIOD_START + dt.timedelta(days=i) for i in range((AS_OF - PERIOD_START).days + 1))
    return tuple(d for d in days if is_workday(d))


@cache
def month_workdays() -> dict[tuple[int, int], list[dt.date]]:
    """(year, month) → that month's working days within the period."""
    months: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for d in period_workdays():
        months[(d.year, d.month)].append(d)
    return dict(months)

"""财园信贷通: 50 ordinary loans to the county's firms, and loans planted for every loans rule at its limit —
tax a cent under 10 万元 (and a rounding hair from it), safety and environmental problems, non-entity firms'
new loans, and non-entity renewals kept at (or a cent under) the previous amount.

Draws only from its own ``random.Random(f"{seed}-loans")`` so the first-wave files do not change.
"""

from __future__ import annotations

import random

from toolkit.demo.draw import make_row, rand_date
from toolkit.demo.spec import AS_OF, PERIOD_START
from toolkit.demo.vocabulary import COMPANY_KINDS, COMPANY_PARTS

LOW_TAX, RISK, NEW, KEPT = "loans.low_tax", "loans.risk_flag", "loans.non_entity_new", "loans.non_entity_not_reduced"
PLACES = ["青岚", "岚山", "青江", "白鹭", "桃源", "柳溪"]


class _Book:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: list[dict] = []
        self.names = iter(rng.sample([p + q + k for p in PLACES for q in COMPANY_PARTS for k in COMPANY_KINDS], 90))

    def loan(self, amount=None, tax="draw", entity=True, safety=False, env=False, renewal=False, previous=None,
             tags=(), near=()) -> dict:
        rng = self.rng
        amount = amount if amount is not None else rng.randint(10, 100) * 10
        if tax == "draw":
            tax = round(rng.uniform(10.5, 260), 2)
        if renewal is True and previous is None and entity is True:
            previous = amount + rng.choice((-50, 0, 50, 100))
        row = make_row(id="", company="江西" + next(self.names), date=rand_date(rng, PERIOD_START, AS_OF),
                       amount=amount, tax_last_year=tax, is_entity=entity, safety_issue=safety, env_issue=env,
                       renewal=renewal, previous_amount=previous, _tags=list(tags), _near=list(near))
        self.rows.append(row)
        return row


def _plant(book: _Book) -> None:
    book.loan(tax=9.999999, tags=[LOW_TAX])             # 99,999.99 元 < 100,000.00 元
    book.loan(tax=9.9999999, near=[LOW_TAX])            # 99,999.999 元 rounds to 100,000.00 元
    book.loan(tax=10.0, near=[LOW_TAX])
    book.loan(tax=None, near=[LOW_TAX])
    book.loan(tax=3.2, tags=[LOW_TAX])
    book.loan(safety=True, tags=[RISK])
    book.loan(env=True, tags=[RISK])
    book.loan(safety=True, env=True, tags=[RISK])
    book.loan(safety=None, env=None, near=[RISK])
    book.loan(entity=False, renewal=False, tags=[NEW])
    book.loan(entity=False, renewal=None, tags=[NEW])
    book.loan(entity=None, renewal=False, near=[NEW])
    book.loan(amount=300.0, entity=False, renewal=True, previous=300.0, tags=[KEPT], near=[NEW])
    book.loan(amount=299.9999999, entity=False, renewal=True, previous=300.0, tags=[KEPT])   # equal in cents
    book.loan(amount=299.999999, entity=False, renewal=True, previous=300.0, near=[KEPT])    # a cent less
    book.loan(amount=500.0, entity=False, renewal=True, previous=None, near=[KEPT])
    book.loan(amount=350.0, entity=True, renewal=True, previous=300.0, near=[KEPT])
    book.loan(amount=420.0, entity=False, renewal=True, previous=400.0, tax=6.5, tags=[KEPT, LOW_TAX])
    book.loan(amount=200.0, entity=False, renewal=True, previous=260.0, safety=True, tags=[RISK])


def gen_loans(seed: int) -> list[dict]:
    """Loans in date order, ids CYXD-2020-001…; booleans written 是/否/√/blank."""
    rng = random.Random(f"{seed}-loans")
    book = _Book(rng)
    for _ in range(50):
        book.loan(renewal=rng.random() < 0.3)
    _plant(book)
    rows = sorted(book.rows, key=lambda r: (r["date"], r["company"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"CYXD-{r['date'].year}-{i:03d}"
        if r["renewal"] is False and rng.random() < 0.4:
            r["renewal"] = None if r["is_entity"] is True else False    # blank 续贷 on a clean loan
        r["_fmt"]["date"] = rng.choice(("iso", "iso", "slash", "cn", "dot"))
        for col in ("is_entity", "safety_issue", "env_issue", "renewal"):
            if r[col] is not None and rng.random() < 0.15:
                r["_fmt"][col] = "mark"                                   # √ / blank instead of 是 / 否
    return rows

"""党费: monthly payments of the party members of six branches, retired members included, with 补交 rows,
underpaid months at the rate brackets, missing months, stopped members and a transfer planted.

Drawn from its own ``random.Random(f"{seed}-party_dues")`` so the first-wave files never change.
Months are written as 2020-03, 2020年3月, 202003 or 2020/3.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import Names, make_row
from toolkit.demo.spec import MONTHS

BRANCHES = ["县财政局机关党支部", "县教体局第一党支部", "县卫健委机关党支部", "白鹭镇桃花村党支部", "县委办机关党支部"]
RETIRED_BRANCH = "县直离退休干部党支部"
_UP, _MM, _ST = "dues.underpaid", "dues.missing_month", "dues.stopped"


def rate(income: float, retired: bool) -> float:
    """The 2008 rates (the demo's incomes are whole or have two decimals, so cents are exact)."""
    if retired:
        return 0.005 if income <= 5000 else 0.01
    for bound, r in ((3000, 0.005), (5000, 0.01), (10000, 0.015)):
        if income <= bound:
            return r
    return 0.02


def _pay(member, branch, month, income, paid=None, retired=None, tags=(), near=(), fmt=None) -> dict:
    if paid is None:
        paid = round(income * rate(income, bool(retired)) + 1e-9, 2) if income is not None else 20.0
    return make_row(member=member, branch=branch, month=dt.date(*month, 1), income=income, paid=paid,
                    retired=retired, _tags=list(tags), _near=list(near), _fmt=dict(fmt or {}))


def _clean(rng: random.Random, names: Names) -> list[dict]:
    rows = []
    for branch in BRANCHES + [RETIRED_BRANCH]:
        retired = branch == RETIRED_BRANCH
        for _ in range(rng.randint(3, 5)):
            member = names.new()
            income = float(rng.choice(range(2600, 12600, 50)) if not retired else rng.choice(range(2800, 7000, 50)))
            for month in MONTHS:
                rows.append(_pay(member, branch, month, None if rng.random() < 0.05 else income,
                                 retired=True if retired else rng.choice([False, None])))
    return rows


def _underpaid(names: Names) -> list[dict]:
    b, r = BRANCHES[0], RETIRED_BRANCH
    m = MONTHS
    one, two, three, four, five = (names.new() for _ in range(5))
    return [
        *[_pay(one, b, mo, 4000.0) for mo in m[:3]],
        _pay(one, b, m[3], 4000.0, 39.98, tags=[_UP]), _pay(one, b, m[4], 4000.0, 39.99, near=[_UP]),
        *[_pay(one, b, mo, 4000.0) for mo in m[5:]],
        _pay(two, b, m[0], 3000.0, 15.0, near=[_UP]), _pay(two, b, m[1], 3000.01, 15.0, tags=[_UP]),
        *[_pay(two, b, mo, 3000.0) for mo in m[2:]],
        # 补交: the first row without income, the month's income on the second; paid is their sum
        _pay(three, b, m[0], None, 30.0, near=[_UP]), _pay(three, b, m[0], 5000.0, 20.0),
        _pay(three, b, m[0], 12000.0, 0.0),
        *[_pay(three, b, mo, 5000.0) for mo in m[1:]],
        # retired if any row of the month says so
        _pay(four, r, m[0], 6000.0, 30.0, retired=None, near=[_UP]), _pay(four, r, m[0], 6000.0, 30.0, retired=True),
        _pay(four, r, m[1], 6000.0, 59.0, retired=True, tags=[_UP]),
        *[_pay(four, r, mo, 6000.0, retired=True) for mo in m[2:]],
        *[_pay(five, b, mo, 10000.0) for mo in m[:4]],
        _pay(five, b, m[4], 10000.01, 150.0, tags=[_UP]), *[_pay(five, b, mo, 10000.0) for mo in m[5:]],
    ]


def _missing_and_stopped(names: Names) -> tuple[list[dict], list[str], list[str], list[str]]:
    """Rows, then the record ids planted for missing_month, stopped and stopped's near-misses."""
    b1, b2 = BRANCHES[1], BRANCHES[2]
    m = MONTHS
    gap, empty, late, near_stop, moved = (names.new() for _ in range(5))
    spaced = gap[0] + " " + gap[1:]
    rows = [_pay(spaced, b1, m[0], 4500.0), _pay(gap, b1, m[1], 4500.0), *[_pay(gap, b1, mo, 4500.0) for mo in m[4:]],
            _pay(empty, None, m[0], 3600.0), _pay(empty, "无", m[2], 3600.0),      # the empty branch
            *[_pay(late, b2, mo, 5200.0) for mo in m[:3]],          # last 2019-12: 6 months to 2020-06
            *[_pay(near_stop, b2, mo, 5200.0) for mo in m[:4]],     # last 2020-01: 5 months
            _pay(moved, b1, m[0], 3800.0), _pay(moved, b2, m[1], 3800.0), *[_pay(moved, b2, mo, 3800.0) for mo in m[2:]]]
    missing = [f"{spaced}@2019-12", f"{spaced}@2020-01", f"{empty}@2019-11"]
    stopped = [late, empty]
    near = [near_stop, moved]
    return rows, missing, stopped, near


def gen_dues(seed: int) -> tuple[list[dict], dict[str, list[str]], dict[str, list[str]]]:
    """Rows in file order with ids DF0001…, and the record ids planted for missing_month and stopped
    (intended, near) — those checks name members, not rows."""
    rng = random.Random(f"{seed}-party_dues")
    names = Names(rng)
    rows = _clean(rng, names) + _underpaid(names)
    extra, missing, stopped, near = _missing_and_stopped(names)
    rows += extra
    for i, r in enumerate(rows, 1):
        r["id"] = f"DF{i:04d}"
        r["_fmt"]["month"] = rng.choice(["iso", "iso", "cn", "six", "slash"])
        if rng.random() < 0.1:
            r["_fmt"]["paid"] = "text"
    return rows, {_MM: sorted(missing), _ST: sorted(stopped)}, {_ST: sorted(near)}

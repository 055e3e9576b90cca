"""因公出国（境）: delegations of 2–4 people within the day limits, planted over-long trips and missing approvals."""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import Names, make_row, period_workdays, wchoice
from toolkit.demo.vocabulary import OVERSEAS_UNITS

D = dt.date
COMBOS = {1: [["日本"], ["韩国"], ["新加坡"], ["泰国"], ["中国香港"], ["马来西亚"]],
          2: [["日本", "韩国"], ["德国", "法国"], ["美国", "加拿大"], ["新加坡", "马来西亚"]],
          3: [["德国", "法国", "意大利"], ["英国", "法国", "比利时"], ["泰国", "越南", "柬埔寨"]]}
MAX_DAYS = {1: 5, 2: 8, 3: 10}
#: (countries as written, days, flagged?) — separators of every kind, empty pieces dropped
OVER_DAYS = [("泰国", 6, True), ("新加坡", 5, False), ("日本、韩国", 8, False), ("日本，韩国", 9, True),
             ("德国、法国、意大利", 10, False), ("英国;法国;德国", 11, True), ("新加坡、", 6, True),
             ("德国,法国；；意大利", 10, False)]


class _Approvals:
    """批件号 with increasing sequence numbers."""

    def __init__(self, rng: random.Random):
        self.rng, self.seq = rng, 100

    def next(self, year: int) -> str:
        self.seq += self.rng.randint(1, 9)
        return f"赣外审〔{year}〕{self.seq}号"


def _delegations(rng: random.Random, names: Names, approvals: _Approvals, window: list) -> list[dict]:
    rows: list[dict] = []
    for _ in range(13):
        unit = rng.choice(OVERSEAS_UNITS)
        k = wchoice(rng, [(1, 5), (2, 4), (3, 2)])
        countries = rng.choice(COMBOS[k])
        days = rng.randint(max(3, MAX_DAYS[k] - 3), MAX_DAYS[k])
        dep = rng.choice(window)
        ret = dep + dt.timedelta(days=days - 1)
        appr = approvals.next(dep.year)
        sep = rng.choice(["、", "、", "，", ","])
        for _ in range(rng.randint(2, 4)):
            rows.append(make_row(name=names.new(), unit=unit, depart_on=dep, return_on=ret,
                                 countries=sep.join(countries), approval_no=appr,
                                 cost=round(rng.uniform(9000, 16000) * (1 + 0.35 * (k - 1)) + days * 800, 2)))
    return rows


def _planted(rng: random.Random, names: Names, approvals: _Approvals, window: list) -> list[dict]:
    rows: list[dict] = []
    cid = "overseas.over_days"
    for countries, days, flagged in OVER_DAYS:
        dep = rng.choice(window)
        rows.append(make_row(name=names.new(), unit=rng.choice(OVERSEAS_UNITS), depart_on=dep,
                             return_on=dep + dt.timedelta(days=days - 1), countries=countries,
                             approval_no=approvals.next(dep.year), cost=round(rng.uniform(15000, 38000), 2),
                             _tags=[cid] if flagged else [], _near=[] if flagged else [cid]))
    for appr in ["", "无"]:
        dep = rng.choice(window)
        rows.append(make_row(name=names.new(), unit=rng.choice(OVERSEAS_UNITS), depart_on=dep,
                             return_on=dep + dt.timedelta(days=4), countries="中国香港", approval_no=appr,
                             cost=round(rng.uniform(9000, 14000), 2), _tags=["overseas.no_approval"]))
    return rows


def gen_overseas(rng: random.Random, names: Names) -> list[dict]:
    """Trips departing up to 2020-01-17, sorted, ids CG001…; some costs missing or written as text."""
    approvals = _Approvals(rng)
    window = [d for d in period_workdays() if d <= D(2020, 1, 17)]
    rows = _delegations(rng, names, approvals, window) + _planted(rng, names, approvals, window)
    rows.sort(key=lambda r: (r["depart_on"], r["unit"], r["name"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"CG{i:03d}"
        roll = rng.random()
        if roll < 0.08:
            r["cost"] = None
        elif roll < 0.2:
            r["_fmt"]["cost"] = "text"
        if rng.random() < 0.1:
            r["_fmt"]["depart_on"] = "cn"
    return rows

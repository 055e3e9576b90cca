"""公务接待: the receptions of the 15 budget units, with every reception rule planted and its near-misses.

Clean receptions are on working days, by letter, from another city, within
the per-capita standard, each with its own invoice and venue-day; their
amounts are log-uniform over one decade (Benford-conforming). Four unit-years
carry integer amounts with an exact total, for the budget boundary cases.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from toolkit.demo.draw import Names, make_row, period_workdays
from toolkit.demo.rules import same_city
from toolkit.demo.spec import CITY
from toolkit.demo.vocabulary import GUESTS, REC_PURPOSES, REC_UNITS, VENUES

D = dt.date

#: unit-years whose receptions sum exactly to a budget boundary (see budget.py)
BOUNDARY = {("县商务局", 2020): "ratio_exact", ("县工业园区管委会", 2020): "ratio_over",
            ("白鹭镇人民政府", 2019): "min_exact", ("桃源镇人民政府", 2019): "min_over"}
SPLIT_DAYS = {D(2019, 11, 20), D(2020, 4, 15), D(2020, 4, 16), D(2020, 5, 13)}


class _Book:
    """The reception book being written: rows, the (unit, venue, date) triples in use, and row makers."""

    def __init__(self, rng: random.Random, names: Names):
        self.rng = rng
        self.used_uvd: set = set()
        self.rows: list[dict] = []
        self.approvers = {u: [names.new() for _ in range(2)] for u in REC_UNITS}
        plant_units = [u for u in REC_UNITS if u not in {k[0] for k in BOUNDARY}]
        self.units = iter(rng.sample(plant_units, len(plant_units)) * 10)

    def guest(self, city_of_reception: str):
        while True:
            g = self.rng.choice(GUESTS)
            if not same_city(g[1], city_of_reception):
                return g

    def base(self, unit, date, amount, guests=None, hosts=None, **kw) -> dict:
        rng = self.rng
        city = kw.pop("city", None)
        if city is None:
            city = rng.choice(["青岚县", "青岚县", "青岚县", ""])
        g = self.guest(city or CITY)
        r = make_row(unit=unit, date=date, guest_org=g[0], guest_city=g[1], city=city,
                     guests=guests, hosts=hosts, amount=amount, venue=rng.choice(VENUES),
                     letter_no=f"{g[2]}〔{date.year}〕{rng.randint(1, 150)}号", invoice_no=None,
                     approver=rng.choice(self.approvers[unit]), purpose=rng.choice(REC_PURPOSES))
        r.update(kw)
        return r

    def add(self, r, tags=(), near=(), track=True) -> dict:
        r["_tags"], r["_near"] = list(tags), list(near)
        if track and r["venue"]:
            while (r["unit"], r["venue"], r["date"]) in self.used_uvd:
                r["venue"] = self.rng.choice(VENUES)
            self.used_uvd.add((r["unit"], r["venue"], r["date"]))
        self.rows.append(r)
        return r

    def planted(self, amount, guests, hosts, **kw) -> dict:
        """A planted row for the next planting unit, on a free working day (not a split day)."""
        unit = next(self.units)
        return self.base(unit, self.free_day(unit), amount, guests, hosts, **kw)

    def free_day(self, unit) -> dt.date:
        while True:
            d = self.rng.choice(period_workdays())
            if d not in SPLIT_DAYS and all((unit, v, d) not in self.used_uvd for v in VENUES):
                return d


def _flag(check_id: str, flagged: bool) -> dict:
    return dict(tags=[check_id]) if flagged else dict(near=[check_id])


def _plant_letters_and_cities(b: _Book) -> None:
    for letter in ["", "无", "/", "N/A", "—", "n/a"]:
        b.add(b.planted(960.0, 6, 2, letter_no=letter), tags=["reception.no_letter"])
    b.add(b.planted(1280.0, 8, 2, letter_no="吉市发改函〔2020〕3号"), near=["reception.no_letter"])
    specs = [("青岚县人民医院", "青岚", "", "", ["reception.same_city", "reception.no_letter"]),
             ("青岚县农商银行", "青岚县", "青岚县", "青农商函〔2020〕2号", ["reception.same_city"]),
             ("青岚县城投公司", "青 岚 县", "", "青城投函〔2020〕5号", ["reception.same_city"]),
             ("江西某某建设集团南昌分公司", "南昌", "南昌市", "无", ["reception.same_city", "reception.no_letter"]),
             ("青岚县供电公司", "青岚县", "青岚", "青电函〔2019〕9号", ["reception.same_city"])]
    for org, gc, city, letter, tags in specs:
        b.add(b.planted(1150.0, 7, 2, guest_org=org, guest_city=gc, city=city, letter_no=letter), tags=tags)
    b.add(b.planted(1320.0, 8, 2, guest_org="江西省财政厅", guest_city="南昌市", city="南昌县",
                    letter_no="赣财函〔2020〕17号"), near=["reception.same_city"])
    b.add(b.planted(880.0, 5, 2, guest_org="青岚镇中心学校考察团", guest_city="青岚镇", city="",
                    letter_no="青岚镇函〔2020〕4号"), near=["reception.same_city"])


def _plant_headcounts(b: _Book) -> None:
    for g, h, amt, flagged in [(10, 3, 1650.0, False), (10, 4, 1680.0, True), (12, 4, 1920.0, False),
                               (12, 5, 2040.0, True), (11, 4, 1875.0, True), (2, 4, 690.0, True),
                               (30, 10, 4800.0, False), (31, 11, 5460.0, True)]:
        b.add(b.planted(amt, g, h), **_flag("reception.hosts_over_limit", flagged))
    for g, h, amt, flagged, txt in [(4, 1, 750.0, False, False), (4, 1, 750.05, True, False),
                                    (6, 2, 1500.0, True, False), (8, 2, 1499.9, False, False),
                                    (3, 1, 1200.0, True, True)]:
        r = b.add(b.planted(amt, g, h), **_flag("reception.per_capita_over_standard", flagged))
        if txt:
            r["_fmt"]["amount"] = "text"


def _plant_invoices(b: _Book) -> None:
    """one pair with a text cell, a triple, another pair; empty invoices are never duplicates."""
    for inv, n, text_idx in [(36000007, 2, 1), (36000123, 3, None), (36004418, 2, None)]:
        for i in range(n):
            unit = next(b.units)
            r = b.add(b.base(unit, b.free_day(unit), b.rng.choice([980.0, 1260.0, 1436.5]), 8, 2, invoice_no=inv),
                      tags=["reception.duplicate_invoice"])
            if text_idx == i:
                r["_fmt"]["invoice_no"] = "text"
    for inv in ["", "", "无", "无"]:
        b.add(b.planted(860.0, 5, 2, invoice_no=inv), near=["reception.duplicate_invoice"])


def _plant_splits(b: _Book) -> None:
    """one meal billed as several rows (same unit, venue, day) — and four ways of not being one."""
    for unit, venue, date, amts in [("县交通运输局", "青岚宾馆", D(2020, 4, 15), [1480.0, 1450.0]),
                                    ("县财政局", "县机关食堂", D(2019, 11, 20), [1290.0, 1310.0, 1276.0])]:
        for a in amts:
            b.add(b.base(unit, date, a, 8, 2, venue=venue), tags=["reception.split"], track=False)
    b.add(b.base("县财政局", D(2019, 11, 20), 1020.0, 6, 2, venue="青岚宾馆"), near=["reception.split"])
    b.add(b.base("县教育体育局", D(2020, 4, 15), 1100.0, 7, 2, venue="青岚宾馆"), near=["reception.split"])
    b.add(b.base("县交通运输局", D(2020, 4, 16), 990.0, 6, 2, venue="青岚宾馆"), near=["reception.split"])
    for a in (640.0, 720.0):
        b.add(b.base("县卫生健康委员会", D(2020, 5, 13), a, 4, 1, venue=""), near=["reception.split"], track=False)
    for k in [("县交通运输局", "青岚宾馆", D(2020, 4, 15)), ("县财政局", "县机关食堂", D(2019, 11, 20))]:
        b.used_uvd.add(k)


def _plant_holidays(b: _Book) -> None:
    for date, flagged in [(D(2019, 10, 3), True), (D(2020, 1, 1), True), (D(2020, 1, 26), True),
                          (D(2020, 5, 2), True), (D(2020, 6, 25), True), (D(2019, 10, 12), False),
                          (D(2020, 1, 19), False), (D(2020, 6, 28), False)]:
        b.add(b.base(next(b.units), date, 1180.0, 7, 2), **_flag("reception.holiday", flagged))


def _clean_rows(b: _Book, n_clean: int = 560) -> list[dict]:
    """Amounts log-uniform over one decade, stratified; each on its own free venue-day (3 % without venue)."""
    rng = b.rng
    strata = list(range(n_clean))
    rng.shuffle(strata)
    unit_w = [rng.uniform(0.6, 1.4) for _ in REC_UNITS]
    clean: list[dict] = []
    for k in range(n_clean):
        amount = round(300 * 10 ** ((strata[k] + rng.random()) / n_clean), 1)
        unit = rng.choices(REC_UNITS, weights=unit_w, k=1)[0]
        r = b.base(unit, rng.choice(period_workdays()), amount)
        while (unit, r["venue"], r["date"]) in b.used_uvd:
            r["date"] = rng.choice(period_workdays())
            r["venue"] = rng.choice(VENUES)
        if rng.random() < 0.03:
            r["venue"] = ""
        else:
            b.used_uvd.add((unit, r["venue"], r["date"]))
        if rng.random() < 0.04:
            r["invoice_no"] = ""
        clean.append(r)
    return clean


def _exact_actual(a: int) -> int:
    """Nudge a (元) until a/10000 round-trips and 5 % of it is exact in binary floating point."""
    while True:
        w = a / 10000
        if w * 10000 == a and 0.05 * a == a // 20 and a % 20 == 0 and (a // 20) / a == 0.05:
            return a
        a += 20


def _scale_to(rows: list[dict], total: int) -> None:
    """Make rows' amounts integers summing exactly to total."""
    nat = sum(r["amount"] for r in rows)
    for r in rows:
        r["amount"] = float(max(120, round(r["amount"] * total / nat)))
    diff = total - int(sum(r["amount"] for r in rows))
    big = max(rows, key=lambda r: r["amount"])
    big["amount"] = float(big["amount"] + diff)


def _budget_boundaries(clean: list[dict]) -> dict:
    """(unit, year) → (kind, actual 元, detail sum 元): totals set exactly on, or 1 元 past, a mismatch limit."""
    targets = {}
    for (unit, year), kind in sorted(BOUNDARY.items()):
        grp = [r for r in clean if r["unit"] == unit and r["date"].year == year]
        natural = sum(r["amount"] for r in grp)
        if kind.startswith("ratio"):
            actual = _exact_actual(20 * max(1100, round(natural / 0.95 / 20)))
            detail = actual - actual // 20 - (1 if kind == "ratio_over" else 0)
        else:
            actual = _exact_actual(1000 * min(19, max(6, round((natural + 1000) / 1000))))
            detail = actual - 1000 - (1 if kind == "min_over" else 0)
        _scale_to(grp, detail)
        targets[(unit, year)] = (kind, actual, detail)
    return targets


def _headcount(rng: random.Random, amount: float) -> tuple[int, int]:
    """(guests, hosts) within the host limits and under the per-capita standard."""
    pc = rng.uniform(85, 145)
    p = max(2, math.ceil(amount / pc))
    if p <= 13:
        hosts = min(3, max(1, p - 10, round(p / 4)))
    else:
        hosts = p // 4
    return p - hosts, hosts


def _finish_clean(rng: random.Random, clean: list[dict]) -> None:
    for r in clean:
        r["guests"], r["hosts"] = _headcount(rng, r["amount"])
        if rng.random() < 0.06:
            r["_fmt"]["amount"] = "text"
        roll = rng.random()
        if roll < 0.05:
            r["_fmt"]["date"] = "cn"
        elif roll < 0.08:
            r["_fmt"]["date"] = "slash"


def gen_receptions(rng: random.Random, names: Names) -> tuple[list[dict], dict]:
    """(reception rows sorted by date, unit and amount with ids JD0001…, the budget boundary targets)."""
    b = _Book(rng, names)
    _plant_letters_and_cities(b)
    _plant_headcounts(b)
    _plant_invoices(b)
    _plant_splits(b)
    _plant_holidays(b)
    clean = _clean_rows(b)
    targets = _budget_boundaries(clean)
    _finish_clean(rng, clean)
    rows = b.rows + clean
    need = [r for r in rows if r["invoice_no"] is None]
    nums = rng.sample(range(36010000, 36999999), len(need))
    for r, n in zip(need, nums):
        r["invoice_no"] = n
    rows.sort(key=lambda r: (r["date"], REC_UNITS.index(r["unit"]), r["amount"]))
    for i, r in enumerate(rows, 1):
        r["id"] = f"JD{i:04d}"
    return rows, targets

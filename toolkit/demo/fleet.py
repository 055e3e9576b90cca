"""The county's vehicles and fuel cards, and the state shared by the trip and fuel generators.

A :class:`Fleet` holds the vehicles (plate, unit, card, drivers, product),
the four special vehicles that carry the consumption cases, and the trips and
fills drawn so far, per (plate, month).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict

from toolkit.demo.draw import Names, make_row, month_workdays
from toolkit.demo.vocabulary import PRICE_92, PRODUCTS, STATIONS, TOWNS, TRIP_PURPOSES, VEHICLE_UNITS

DT = dt.datetime


def new_plate(rng: random.Random, used: set) -> str:
    """A 赣C plate not in used (and now added to it)."""
    while True:
        p = "赣C" + (rng.choice("ABDFGHJKLMNPQRSTUVWXYZ") if rng.random() < 0.3 else str(rng.randint(0, 9))) \
            + "".join(str(rng.randint(0, 9)) for _ in range(4))
        if p not in used:
            used.add(p)
            return p


def price(ym: tuple[int, int], product: str) -> float:
    """元 per litre of a product in a month."""
    return round(PRICE_92[ym] * PRODUCTS[product], 2)


class Fleet:
    """Vehicles, their trips and fills per (plate, (year, month)), and the row makers for both."""

    def __init__(self, rng: random.Random, names: Names):
        self.rng = rng
        self.used_plates: set = set()
        self.vehicles: list[dict] = []
        card_seq = iter(rng.sample(range(10**9, 10**10), 60))
        for unit, n in VEHICLE_UNITS:
            for _ in range(n):
                self.vehicles.append(dict(plate=new_plate(rng, self.used_plates), unit=unit,
                                          card=f"100011360{next(card_seq)}",
                                          drivers=[names.new() for _ in range(rng.choice((1, 2)))],
                                          product=rng.choice(["92#汽油", "92#汽油", "92#汽油", "95#汽油", "0#柴油"])))
        # special plates for consumption cases; planted trips never use them
        self.special = rng.sample(self.vehicles, 4)
        self.ordinary = [v for v in self.vehicles if v not in self.special]
        self.by_plate = {v["plate"]: v for v in self.vehicles}
        self.approval_seq: Counter = Counter()
        self.pm_trips: dict = defaultdict(list)
        self.pm_fuel: dict = defaultdict(list)
        self.fuel: list[dict] = []

    def km(self, key) -> int:
        """The trip kilometres of a (plate, month)."""
        return sum(t["km"] for t in self.pm_trips[key])

    def approval(self, start: dt.datetime) -> str:
        self.approval_seq[start.date()] += 1
        return f"PC{start:%Y%m%d}{self.approval_seq[start.date()]:02d}"

    def dest_km(self) -> tuple[str, int]:
        """A destination with its distance: a town, the prefecture city or the provincial capital."""
        rng = self.rng
        c = rng.random()
        if c < 0.45:
            return rng.choice(TOWNS) + rng.choice(["", "人民政府", "扶贫点", "村委会", "中心小学"]), rng.randint(12, 70)
        if c < 0.80:
            return "吉安市" + rng.choice(["财政局", "发改委", "市政府", "自然资源局", "交通运输局", "行政中心"]), \
                rng.randint(150, 240)
        return "南昌市" + rng.choice(["省财政厅", "省发改委", "省交通运输厅", "省自然资源厅", "省政府"]), \
            rng.randint(380, 480)

    def trip(self, v, start: dt.datetime, km: int, dest: str, approval_no=None, tags=(), near=()) -> dict:
        rng = self.rng
        minutes = round(km / 45 * 60) + rng.randint(30, 240)
        return make_row(plate=v["plate"], unit=v["unit"], start_time=start,
                        end_time=start + dt.timedelta(minutes=minutes),
                        origin=rng.choice(["县机关大院", "县行政中心", v["unit"]]), destination=dest, km=km,
                        purpose=rng.choice(TRIP_PURPOSES), driver=rng.choice(v["drivers"]),
                        approval_no=self.approval(start) if approval_no is None else approval_no,
                        _tags=list(tags), _near=list(near))

    def work_start(self, ym, km: int = 0) -> dt.datetime:
        """A working-day departure; to the provincial capital in the morning."""
        rng = self.rng
        d = rng.choice(month_workdays()[ym])
        if km > 300:
            return DT(d.year, d.month, d.day, rng.randint(8, 10), rng.randint(0, 59))
        if rng.random() < 0.03:
            return DT(d.year, d.month, d.day, 18, 0)
        return DT(d.year, d.month, d.day, rng.randint(8, 17), rng.randint(0, 59))

    def fill(self, v, when: dt.datetime, liters: float, bound=None, unit=None, card=None, tags=(), near=()) -> dict:
        """A fuel-card fill (appended to the fuel rows); v=None for a card bound to no fleet vehicle."""
        product = v["product"] if v else "92#汽油"
        r = make_row(card_no=card or v["card"], bound_plate=v["plate"] if bound is None else bound,
                     unit=unit or v["unit"], time=when, station=self.rng.choice(STATIONS), product=product,
                     liters=liters, amount=round(liters * price((when.year, when.month), product), 2),
                     _tags=list(tags), _near=list(near))
        self.fuel.append(r)
        return r

    def fill_time(self, ym) -> dt.datetime:
        d = self.rng.choice(month_workdays()[ym])
        return DT(d.year, d.month, d.day, self.rng.randint(7, 18), self.rng.randint(0, 59))

"""公务用车出车记录 (and, through :mod:`toolkit.demo.fuel`, 加油记录): trips with the vehicle rules planted.

Clean trips leave on working days in office hours, with an approval number,
to towns, the prefecture city or the provincial capital; the planted ones
leave at night, on holidays, without approval or for a resort.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo import fuel
from toolkit.demo.draw import Names, period_workdays
from toolkit.demo.fleet import DT, Fleet
from toolkit.demo.spec import MONTHS
from toolkit.demo.vocabulary import TOWNS

D = dt.date


def _base_trips(f: Fleet) -> None:
    for v in f.vehicles:
        for ym in MONTHS:
            for _ in range(f.rng.randint(2, 8)):
                dest, km = f.dest_km()
                f.pm_trips[(v["plate"], ym)].append(f.trip(v, f.work_start(ym, km), km, dest))


def _fixed_trips(f: Fleet) -> None:
    """The special plates' trips in their consumption-case months."""
    sp_b, sp_c, sp_d, sp_z = f.special
    for v, ym, kms in [(sp_b, (2020, 3), [150, 130, 120]),     # 400 km
                       (sp_c, (2020, 5), [160, 140, 100]),     # 400 km
                       (sp_d, (2020, 1), [100, 80]),           # 180 km
                       (sp_z, (2020, 4), [])]:                 # no trip at all
        f.pm_trips[(v["plate"], ym)] = [f.trip(v, f.work_start(ym), km, f.dest_km()[0]) for km in kms]


def _on(d: dt.date, h: int, m: int) -> dt.datetime:
    return DT(d.year, d.month, d.day, h, m)


def _flag(check_id: str, flagged: bool) -> dict:
    return dict(tags=[check_id]) if flagged else dict(near=[check_id])


def _planned_violations(rng: random.Random) -> list[tuple]:
    """(start, destination, km, approval_no, tags/near) of every planted trip."""
    planted = []
    for (h, m), flagged in [((22, 0), True), ((21, 59), False), ((5, 59), True), ((6, 0), False),
                            ((23, 40), True), ((0, 30), True), ((7, 58), False)]:
        planted.append((_on(rng.choice(period_workdays()), h, m), "南昌市省政府", 420, None,
                        _flag("vehicle.night_use", flagged)))
    for d, flagged in [(D(2020, 6, 25), True), (D(2020, 1, 25), True), (D(2019, 10, 2), True),
                       (D(2020, 5, 2), True), (D(2020, 1, 19), False), (D(2020, 6, 28), False),
                       (D(2019, 10, 12), False)]:
        planted.append((_on(d, 9, rng.randint(0, 50)), rng.choice(TOWNS) + "防汛值班点", 46, None,
                        _flag("vehicle.holiday_use", flagged)))
    for a in ["", "无", "-"]:
        planted.append((_on(rng.choice(period_workdays()), 10, 5), "吉安市财政局", 180, a,
                        dict(tags=["vehicle.no_approval"])))
    for dest, flagged in [("三清山景区", True), ("青岚温泉度假村", True), ("翠湖山庄", True), ("金色年华KTV", True),
                          ("景德镇市陶瓷产业园", False), ("吉安假日酒店", False), ("白鹭镇康庄村", False)]:
        planted.append((_on(rng.choice(period_workdays()), 9, 30), dest, 160, None,
                        _flag("vehicle.sensitive_destination", flagged)))
    planted.append((_on(D(2020, 5, 2), 22, 30), "青岚温泉度假村", 64, "",
                    dict(tags=["vehicle.holiday_use", "vehicle.night_use", "vehicle.sensitive_destination",
                               "vehicle.no_approval"])))
    return planted


def _planted_trips(f: Fleet) -> None:
    """Planted trips go to ordinary plates only; they only add kilometres."""
    for start, dest, km, appr, kw in _planned_violations(f.rng):
        v = f.rng.choice(f.ordinary)
        f.pm_trips[(v["plate"], (start.year, start.month))].append(f.trip(v, start, km, dest, approval_no=appr, **kw))


def _finish_trips(f: Fleet) -> list[dict]:
    """The trips by start time and plate, ids CC00001…, start times written in three styles."""
    trips: list[dict] = []
    for key in sorted(f.pm_trips):
        trips.extend(f.pm_trips[key])
    trips.sort(key=lambda t: (t["start_time"], t["plate"]))
    for i, t in enumerate(trips, 1):
        t["id"] = f"CC{i:05d}"
        roll = f.rng.random()
        t["_fmt"]["start_time"] = "iso" if roll < 0.6 else ("slash" if roll < 0.85 else "cn")
    return trips


def gen_vehicles(rng: random.Random, names: Names) -> tuple[list[dict], list[dict], list[str], list[str]]:
    """(trips, fuel fills, flagged PLATE@YYYY-MM, near-miss PLATE@YYYY-MM of fuel.consumption_anomaly)."""
    f = Fleet(rng, names)
    _base_trips(f)
    _fixed_trips(f)
    fuel.base_fills(f)
    consumption_flag, consumption_near = fuel.consumption_cases(f)
    fuel.keep_under_limit(f, fuel.plant_fills(f))
    consumption_flag += fuel.unbound_and_private(f)
    _planted_trips(f)
    trips = _finish_trips(f)
    return trips, fuel.finish_fuel(f), consumption_flag, consumption_near

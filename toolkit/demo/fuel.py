"""加油记录: fuel-card fills matched to the trip kilometres, with the fuel rules planted.

Clean fills burn 9.5–12.5 L/100km of the plate's trips that month; the
planted ones exceed the tank, fall on holidays, come from unbound cards or a
card bound to a plate with no trips, or break the consumption limit on the
fleet's four special plates.
"""

from __future__ import annotations

import datetime as dt

from toolkit.demo.fleet import DT, Fleet, new_plate, price
from toolkit.demo.spec import MONTHS

D = dt.date


def _month_key(plate: str, ym: tuple[int, int]) -> str:
    return f"{plate}@{ym[0]}-{ym[1]:02d}"


def base_fills(f: Fleet) -> None:
    """Every vehicle's fills, month by month; fixed litres for the special plates' consumption cases."""
    sp_b, sp_c, sp_d, sp_z = f.special
    fixed_fuel = {(sp_b["plate"], (2020, 3)): [35.0, 25.0],      # 400 km, 60 L → exactly 15 L/100km
                  (sp_c["plate"], (2020, 5)): [40.5, 20.0],      # 400 km, 60.5 L → 15.125
                  (sp_d["plate"], (2020, 1)): [70.0, 65.0, 72.0],  # 180 km, 207 L
                  (sp_z["plate"], (2020, 4)): [45.2, 38.6]}      # fuel but no trip at all
    for v in f.vehicles:
        for ym in MONTHS:
            key = (v["plate"], ym)
            if key in fixed_fuel:
                for lit in fixed_fuel[key]:
                    f.pm_fuel[key].append(f.fill(v, f.fill_time(ym), lit))
                continue
            total = f.km(key) * f.rng.uniform(9.5, 12.5) / 100
            if total < 12:
                continue
            n = max(1, round(total / 35))
            w = [f.rng.uniform(0.7, 1.3) for _ in range(n)]
            for wi in w:
                f.pm_fuel[key].append(f.fill(v, f.fill_time(ym), round(total * wi / sum(w), 2)))


def consumption_cases(f: Fleet) -> tuple[list[str], list[str]]:
    """(flagged PLATE@YYYY-MM, near-miss PLATE@YYYY-MM) of the special plates."""
    sp_b, sp_c, sp_d, sp_z = f.special
    flagged = {(sp_c["plate"], (2020, 5)), (sp_d["plate"], (2020, 1)), (sp_z["plate"], (2020, 4))}
    return [_month_key(p, ym) for p, ym in sorted(flagged)], [_month_key(sp_b["plate"], (2020, 3))]


def _big_plate_month(f: Fleet, exclude) -> tuple:
    cands = [(f.km((v["plate"], ym)), v["plate"], ym)
             for v in f.ordinary for ym in MONTHS
             if f.pm_fuel[(v["plate"], ym)] and (v["plate"], ym) not in exclude]
    cands.sort(reverse=True)
    return cands[f.rng.randint(0, 15)]


def plant_fills(f: Fleet) -> list[tuple]:
    """Over-tank and holiday fills on ordinary plates; returns the (plate, month)s touched."""
    touched: list[tuple] = []
    for lit, flagged in [(80.0, False), (80.01, True), (96.5, True)]:
        _, plate, ym = _big_plate_month(f, touched)
        touched.append((plate, ym))
        fill = f.pm_fuel[(plate, ym)][0]
        fill["liters"] = lit
        fill["amount"] = round(lit * price(ym, fill["product"]), 2)
        (fill["_tags"] if flagged else fill["_near"]).append("fuel.over_tank")
        fill["_planted"] = True
    for date, flagged in [(D(2019, 10, 3), True), (D(2020, 1, 25), True), (D(2020, 5, 1), True),
                          (D(2020, 6, 27), True), (D(2020, 1, 19), False), (D(2020, 5, 9), False)]:
        ym = (date.year, date.month)
        cands = [v for v in f.ordinary if f.pm_fuel[(v["plate"], ym)] and (v["plate"], ym) not in touched]
        v = f.rng.choice(cands)
        touched.append((v["plate"], ym))
        fill = next(x for x in f.pm_fuel[(v["plate"], ym)] if not x.get("_planted"))
        fill["time"] = DT(date.year, date.month, date.day, 10, f.rng.randint(0, 59))
        (fill["_tags"] if flagged else fill["_near"]).append("fuel.holiday")
        fill["_planted"] = True
    return touched


def keep_under_limit(f: Fleet, touched: list[tuple]) -> None:
    """Keep planted plate-months well under the consumption limit: drop clean fills or add a long trip."""
    for key in touched:
        km = f.km(key)
        while sum(x["liters"] for x in f.pm_fuel[key]) / max(km, 1) * 100 > 13.5:
            drop = [x for x in f.pm_fuel[key] if not x.get("_planted")]
            if drop:
                gone = drop[-1]
                f.pm_fuel[key] = [x for x in f.pm_fuel[key] if x is not gone]
                f.fuel[:] = [x for x in f.fuel if x is not gone]
            else:
                v = f.by_plate[key[0]]
                f.pm_trips[key].append(f.trip(v, f.work_start(key[1]), 220, "吉安市行政中心"))
                km += 220


def unbound_and_private(f: Fleet) -> list[str]:
    """Unbound cards (环卫 vehicles, one card marked 无) and a card bound to a plate that never travels.

    Returns the private plate's flagged PLATE@YYYY-MM.
    """
    for card in ("1000113600000880012", "1000113600000880013"):
        for ym in f.rng.sample(MONTHS, 6):
            f.fill(None, f.fill_time(ym), round(f.rng.uniform(30, 70), 2), bound="", unit="县城市管理局", card=card,
                   tags=["fuel.unbound_card"])
    f.fill(None, f.fill_time((2020, 2)), 41.3, bound="无", unit="县林业局", card="1000113600000880021",
           tags=["fuel.unbound_card"])
    private = new_plate(f.rng, f.used_plates)
    pv = dict(plate=private, unit="县农业农村局", card="1000113600000880035", product="92#汽油", drivers=[])
    for ym, lits in [((2019, 12), [55.0]), ((2020, 2), [48.3, 50.1])]:
        for lit in lits:
            f.fill(pv, f.fill_time(ym), lit)
    return [_month_key(private, (2019, 12)), _month_key(private, (2020, 2))]


def finish_fuel(f: Fleet) -> list[dict]:
    """The fills by time and card, ids JY00001…, 5 % of amounts written as text."""
    fuel = f.fuel
    fuel.sort(key=lambda x: (x["time"], x["card_no"]))
    for i, x in enumerate(fuel, 1):
        x["id"] = f"JY{i:05d}"
        x.pop("_planted", None)
        if f.rng.random() < 0.05:
            x["_fmt"]["amount"] = "text"
    return fuel

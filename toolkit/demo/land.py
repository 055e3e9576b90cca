"""工业用地: parcels in every state of the supply chain (批而未供 → 已供未建 → 在建 → 已竣工, or 已收回),
with idle land, long-unsupplied approvals, low-tax parcels and below-standard supplies planted at their limits.
"""

from __future__ import annotations

import datetime as dt
import random

from toolkit.demo.draw import make_row, rand_date
from toolkit.demo.spec import AS_OF, PERIOD_START
from toolkit.demo.vocabulary import COMPANY_KINDS, COMPANY_PARTS, LAND_PROJECTS

D = dt.date
IDLE, RECLAIM = "land.idle", "land.idle_reclaimable"


def _flag(check_id: str, flagged: bool) -> dict:
    return dict(tags=[check_id]) if flagged else dict(near=[check_id])


class _Register:
    """The land register being written, with the row maker and the usual date chains."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rows: list[dict] = []

    def parcel(self, status, approved, supplied=None, agreed=None, actual=None, completed=None, area=None,
               agreed_inv=None, investment=None, tax=None, reclaimed=None, developed=None, tags=(), near=()):
        rng = self.rng
        area = area if area is not None else round(rng.uniform(12, 180), 2)
        if developed is None:
            in_progress = round(area * rng.uniform(0.2, 0.8), 2)     # drawn whatever the status
            developed = {"已竣工": area, "在建": in_progress, "已供未建": 0.0}.get(status)
        self.rows.append(make_row(
            project=rng.choice(LAND_PROJECTS).format(n=rng.randint(2, 50)),
            company="江西" + rng.choice(COMPANY_PARTS) + rng.choice(COMPANY_KINDS) if status != "批而未供" else "",
            approved_on=approved, supplied_on=supplied, agreed_start=agreed, actual_start=actual,
            completed_on=completed, area_mu=area, developed_mu=developed, investment=investment,
            agreed_investment=agreed_inv, annual_tax=tax, status=status, reclaimed_on=reclaimed,
            _tags=list(tags), _near=list(near)))

    def inv_for(self, supplied) -> float:
        """Agreed investment (万元): at least the standard when supplied within the period."""
        if supplied is not None and PERIOD_START <= supplied <= AS_OF:
            return round(self.rng.uniform(2100, 30000), 2)
        return round(self.rng.uniform(800, 30000), 2)

    def chain(self, approved_lo, approved_hi) -> tuple:
        """(approved, supplied, agreed start) in the usual order and spacing."""
        approved = rand_date(self.rng, approved_lo, approved_hi)
        supplied = approved + dt.timedelta(days=self.rng.randint(60, 300))
        agreed = supplied + dt.timedelta(days=self.rng.randint(90, 180))
        return approved, supplied, agreed


def _completed(reg: _Register) -> None:
    """38 completed parcels; those completed over a year ago pay at least the tax standard."""
    rng = reg.rng
    while sum(r["status"] == "已竣工" for r in reg.rows) < 38:
        approved, supplied, agreed = reg.chain(D(2012, 1, 1), D(2017, 6, 30))
        actual = agreed + dt.timedelta(days=rng.randint(-30, 120))
        completed = actual + dt.timedelta(days=rng.randint(300, 720))
        if completed > AS_OF:
            continue
        area = round(rng.uniform(12, 180), 2)
        if completed <= AS_OF - dt.timedelta(days=365):
            tax = round(area * rng.uniform(5.6, 28), 2)
        else:
            tax = round(area * rng.uniform(0.5, 8), 2) if rng.random() < 0.7 else None
        ai = reg.inv_for(supplied)
        reg.parcel("已竣工", approved, supplied, agreed, actual, completed, area, ai,
                   round(ai * rng.uniform(0.95, 1.5), 2), tax)


def _clean_others(reg: _Register) -> None:
    """在建, recent 已供未建 and 批而未供, and parcels reclaimed within the period."""
    rng = reg.rng
    for _ in range(28):
        approved, supplied, agreed = reg.chain(D(2016, 1, 1), D(2019, 3, 31))
        actual = min(AS_OF - dt.timedelta(days=10), agreed + dt.timedelta(days=rng.randint(-20, 150)))
        ai = reg.inv_for(supplied)
        reg.parcel("在建", approved, supplied, agreed, actual, agreed_inv=ai,
                   investment=round(ai * rng.uniform(0.2, 0.8), 2))
    for _ in range(12):      # agreed start less than a year ago
        approved = rand_date(rng, D(2018, 9, 1), D(2019, 12, 31))
        supplied = approved + dt.timedelta(days=rng.randint(30, 150))
        agreed = max(D(2019, 7, 2), supplied + dt.timedelta(days=rng.randint(90, 180)))
        reg.parcel("已供未建", approved, supplied, agreed, agreed_inv=reg.inv_for(supplied), investment=0.0)
    for _ in range(14):      # approved within two years
        reg.parcel("批而未供", rand_date(rng, D(2018, 7, 2), D(2020, 5, 31)))
    for _ in range(7):
        approved, supplied, agreed = reg.chain(D(2012, 1, 1), D(2016, 6, 30))
        reg.parcel("已收回", approved, supplied, agreed, agreed_inv=round(rng.uniform(800, 8000), 2),
                   investment=0.0, reclaimed=rand_date(rng, D(2019, 10, 8), D(2020, 6, 20)), developed=0.0)


def _idle_parcel(reg: _Register, agreed, status="已供未建", tags=(), near=(), actual=None) -> None:
    rng = reg.rng
    supplied = agreed - dt.timedelta(days=rng.randint(100, 170))
    approved = supplied - dt.timedelta(days=rng.randint(60, 200))
    ai = round(rng.uniform(2100, 12000), 2)
    reg.parcel(status, approved, supplied, agreed, actual, agreed_inv=ai, investment=round(ai * 0.05, 2),
               tags=tags, near=near)


def _plant_idle(reg: _Register) -> None:
    """Idle one and two years after the agreed start, and the days either side."""
    _idle_parcel(reg, D(2019, 6, 30), tags=[IDLE])
    _idle_parcel(reg, D(2019, 7, 1), near=[IDLE])
    _idle_parcel(reg, D(2018, 6, 30), tags=[IDLE, RECLAIM])
    _idle_parcel(reg, D(2018, 7, 1), tags=[IDLE], near=[RECLAIM])
    _idle_parcel(reg, D(2017, 3, 15), tags=[IDLE, RECLAIM])
    _idle_parcel(reg, D(2016, 9, 1), tags=[IDLE, RECLAIM])
    _idle_parcel(reg, D(2019, 2, 20), tags=[IDLE])
    _idle_parcel(reg, D(2018, 12, 1), status="在建", tags=[IDLE])   # status says 在建 but no actual start
    _idle_parcel(reg, D(2017, 5, 1), status="在建", actual=D(2017, 8, 9), near=[IDLE])
    # 已收回 before the period (not in the reclaimed indicator) and exactly on period_start
    for rec_on in (D(2019, 9, 30), D(2019, 10, 1)):
        approved, supplied, agreed = reg.chain(D(2012, 1, 1), D(2015, 6, 30))
        reg.parcel("已收回", approved, supplied, agreed, agreed_inv=round(reg.rng.uniform(800, 5000), 2),
                   investment=0.0, reclaimed=rec_on, developed=0.0, near=[IDLE])


def _plant_unsupplied_and_tax(reg: _Register) -> None:
    rng = reg.rng
    for approved, flagged in [(D(2018, 6, 30), True), (D(2018, 7, 1), False), (D(2016, 5, 20), True),
                              (D(2017, 8, 11), True), (D(2015, 11, 3), True)]:
        reg.parcel("批而未供", approved, **_flag("land.approved_unsupplied", flagged))
    for completed, area, tax, flagged in [(D(2018, 5, 10), 10.0, 50.0, False), (D(2018, 3, 2), 10.0, 49.9, True),
                                          (D(2019, 7, 1), 20.0, 60.0, True), (D(2019, 7, 2), 20.0, 60.0, False),
                                          (D(2017, 11, 20), 85.5, 120.3, True),
                                          (D(2016, 12, 8), 46.25, None, False),
                                          (D(2018, 9, 30), 64.0, 180.0, True)]:
        actual = completed - dt.timedelta(days=rng.randint(300, 600))
        agreed = actual - dt.timedelta(days=rng.randint(0, 60))
        supplied = agreed - dt.timedelta(days=rng.randint(90, 180))
        approved = supplied - dt.timedelta(days=rng.randint(60, 200))
        ai = round(rng.uniform(2100, 9000), 2)
        reg.parcel("已竣工", approved, supplied, agreed, actual, completed, area, ai, round(ai * 1.1, 2), tax,
                   **_flag("land.low_efficiency", flagged))


def _plant_supply_standard(reg: _Register) -> None:
    for supplied, ai, flagged in [(D(2019, 10, 1), 1500.0, True), (D(2019, 9, 30), 1500.0, False),
                                  (D(2020, 3, 16), 2000.0, False), (D(2020, 4, 20), 1999.99, True),
                                  (D(2020, 5, 8), 800.0, True), (D(2020, 1, 9), None, False),
                                  (D(2020, 6, 30), 1200.0, True)]:
        approved = supplied - dt.timedelta(days=reg.rng.randint(60, 200))
        agreed = supplied + dt.timedelta(days=120)
        reg.parcel("已供未建", approved, supplied, agreed, agreed_inv=ai, investment=0.0,
                   **_flag("land.supply_standard", flagged))


def gen_land(rng: random.Random) -> list[dict]:
    """Parcels sorted by approval date and area, ids QLGY-<year>-<n>."""
    reg = _Register(rng)
    _completed(reg)
    _clean_others(reg)
    _plant_idle(reg)
    _plant_unsupplied_and_tax(reg)
    _plant_supply_standard(reg)
    rows = reg.rows
    rows.sort(key=lambda r: (r["approved_on"], r["area_mu"]))
    for i, r in enumerate(rows, 1):
        r["parcel_id"] = f"QLGY-{r['approved_on'].year}-{i:03d}"
        if rng.random() < 0.08 and r["investment"]:
            r["_fmt"]["investment"] = "text"
        if rng.random() < 0.06 and r["supplied_on"]:
            r["_fmt"]["supplied_on"] = "cn"
    return rows

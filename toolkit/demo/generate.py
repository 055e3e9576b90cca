"""One seed → the whole county's typed rows, with the planted intentions (:class:`Demo`)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from toolkit.demo.bids import gen_bids
from toolkit.demo.allowances import gen_allowances
from toolkit.demo.benefits import gen_benefits
from toolkit.demo.budget import gen_budget
from toolkit.demo.clues import gen_cases, gen_clues
from toolkit.demo.dues import gen_dues
from toolkit.demo.draw import Names
from toolkit.demo.land import gen_land
from toolkit.demo.ledger import gen_ledger
from toolkit.demo.loans import gen_loans
from toolkit.demo.overseas import gen_overseas
from toolkit.demo.reception import gen_receptions
from toolkit.demo.spec import CHECK_IDS, DEMO_SEED, ID_COLUMNS
from toolkit.demo.vehicles import gen_vehicles
from toolkit.demo.village import gen_village


@dataclass
class Demo:
    """The generated round: typed rows per dataset, and per check the records planted to fail it (intended)
    or to pass it narrowly (near)."""

    tables: Mapping[str, Sequence[dict]]
    intended: dict[str, list[str]]
    near: dict[str, list[str]]


def generate(seed: int = DEMO_SEED) -> Demo:
    """The demo county for a seed (the generators run in a fixed order on one random.Random)."""
    rng = random.Random(seed)
    names = Names(rng)
    ledger, progress = gen_ledger(rng, names)
    receptions, rec_targets = gen_receptions(rng, names)
    trips, fuel, cons_flag, cons_near = gen_vehicles(rng, names)
    overseas = gen_overseas(rng, names)
    budget = gen_budget(rng, receptions, overseas, rec_targets)
    land = gen_land(rng)
    clues = gen_clues(rng, names)
    cases = gen_cases(rng, names, clues)
    tables = {"ledger": ledger, "progress": progress, "reception": receptions, "vehicle_trips": trips,
              "fuel": fuel, "overseas": overseas, "sangong_budget": budget, "land": land, "clues": clues,
              "cases": cases}
    bids, bid_flag, bid_near = gen_bids(seed)    # second wave: own generators, own random streams
    tables |= {"bids": bids, "loans": gen_loans(seed)}
    allowances, catalog, employees = gen_allowances(seed)      # own random streams: the first wave stays as it was
    benefits, staff, deaths = gen_benefits(seed, employees)
    tables.update(allowances=allowances, allowance_catalog=catalog, benefits=benefits, staff=staff, deaths=deaths)
    intended: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    near: dict[str, list[str]] = {c: [] for c in CHECK_IDS}
    for ds, rows in tables.items():
        for r in rows:
            for c in r["_tags"]:
                intended[c].append(r[ID_COLUMNS[ds]])
            for c in r["_near"]:
                near[c].append(r[ID_COLUMNS[ds]])
    intended["fuel.consumption_anomaly"] = list(cons_flag)
    near["fuel.consumption_anomaly"] = list(cons_near)
    tables["village_finance"] = gen_village(seed)      # second wave: own random.Random each
    dues_rows, dues_intended, dues_near = gen_dues(seed)
    tables["party_dues"] = dues_rows
    _add_tags(tables, ("village_finance", "party_dues"), intended, near)
    intended.update(dues_intended)
    near.update(dues_near)
    intended["generic.benford"] = ["fuel.amount"]
    near["generic.benford"] = ["reception.amount"]
    for check_id in bid_flag:                    # tender- and bidder-level plants
        intended[check_id], near[check_id] = list(bid_flag[check_id]), list(bid_near[check_id])
    return Demo(tables, {k: sorted(v) for k, v in intended.items()}, {k: sorted(v) for k, v in near.items()})


def _add_tags(tables: Mapping[str, Sequence[dict]], datasets: Sequence[str], intended: dict, near: dict) -> None:
    """The planted tags of some datasets' rows, into intended and near."""
    for ds in datasets:
        for r in tables[ds]:
            for c in r["_tags"]:
                intended[c].append(r[ID_COLUMNS[ds]])
            for c in r["_near"]:
                near[c].append(r[ID_COLUMNS[ds]])

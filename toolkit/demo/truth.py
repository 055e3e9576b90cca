"""The truth calculator: checks.md read literally and applied to the generated typed rows.

This is the independent oracle the toolkit is tested against, so it never
imports toolkit.checks or toolkit.areas (nor their helpers): only the plain
definitions of :mod:`toolkit.demo.rules`. Tables are any re-iterable row
sequences (lists, or the lazy replicas of a scaled round); every pass streams
the rows and keeps only per-key aggregates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from toolkit.demo.rules import (DISCIPLINARY, SANCTIONS_BY_FORM, add_years, benford_mad, is_empty, is_workday,
                                same_city, split_list)
from toolkit.demo import truth_village
from toolkit.demo.truth_bids import bids_findings, bids_indicators
from toolkit.demo.truth_loans import loans_findings, loans_indicators
from toolkit.demo.spec import (AS_OF, CHECK_IDS, CITY, FILES, INDICATOR_NAMES, MONEY_COLUMNS, PERIOD_START,
                               THRESHOLDS)
from toolkit.demo.truth_allowances import allowance_findings, allowance_indicators
from toolkit.demo.truth_benefits import benefit_findings, benefit_indicators

Tables = Mapping[str, Sequence[dict]]
Found = dict[str, list[str]]


def _ledger(t: Tables) -> Found:
    f: Found = defaultdict(list)
    for r in t["ledger"]:
        mid = r["measure_id"]
        if r["status"] != "已完成" and r["deadline"] is not None and r["deadline"] < AS_OF:
            f["ledger.overdue"].append(mid)
        if r["status"] == "已完成" and (is_empty(r["signed_off_by"]) or r["signed_off_on"] is None
                                       or is_empty(r["evidence"])):
            f["ledger.closed_without_signoff"].append(mid)
        if r["completed_on"] is not None and r["deadline"] is not None and r["completed_on"] > r["deadline"]:
            f["ledger.completed_late"].append(mid)
    return f


def _progress(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    reports: dict[str, list] = defaultdict(list)
    for p in t["progress"]:
        if p["week_of"] <= AS_OF:
            reports[p["measure_id"]].append((p["week_of"], p["status"], p["note"]))
    n = th["ledger_stall_weeks"]
    for mid, reps in reports.items():
        reps = sorted(reps, key=itemgetter(0))
        last = reps[-n:]
        if len(reps) >= n and all(status == "推进中" for _, status, _ in last) \
                and len({(note or "").strip() for _, _, note in last}) == 1:
            f["ledger.stalled"].append(mid)
        done = False
        for _, status, _ in reps:
            if status == "已完成":
                done = True
            elif done and status in ("推进中", "未启动"):
                f["ledger.regressed"].append(mid)
                break
    return f


def _reception(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    rec = t["reception"]
    inv: Counter = Counter()
    split: Counter = Counter()
    for r in rec:
        if not is_empty(r["invoice_no"]):
            inv[str(r["invoice_no"]).strip()] += 1
        if not is_empty(r["venue"]):
            split[(r["unit"], r["venue"], r["date"])] += 1
    for r in rec:
        rid = r["id"]
        if is_empty(r["letter_no"]):
            f["reception.no_letter"].append(rid)
        city = r["city"] if not is_empty(r["city"]) else CITY
        if not is_empty(r["guest_city"]) and same_city(r["guest_city"], city):
            f["reception.same_city"].append(rid)
        g, h = r["guests"], r["hosts"]
        if (g <= 10 and h > 3) or (g > 10 and h * 3 > g):
            f["reception.hosts_over_limit"].append(rid)
        if r["amount"] / (g + h) > th["reception_per_capita_max"]:
            f["reception.per_capita_over_standard"].append(rid)
        if not is_empty(r["invoice_no"]) and inv[str(r["invoice_no"]).strip()] >= 2:
            f["reception.duplicate_invoice"].append(rid)
        if not is_empty(r["venue"]) and split[(r["unit"], r["venue"], r["date"])] >= 2:
            f["reception.split"].append(rid)
        if not is_workday(r["date"]):
            f["reception.holiday"].append(rid)
    return f


def _vehicles_and_fuel(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    km_pm: dict = defaultdict(list)
    for r in t["vehicle_trips"]:
        rid, s = r["id"], r["start_time"]
        if is_empty(r["approval_no"]):
            f["vehicle.no_approval"].append(rid)
        if not is_workday(s.date()):
            f["vehicle.holiday_use"].append(rid)
        if s.hour >= th["vehicle_night_start"] or s.hour < th["vehicle_night_end"]:
            f["vehicle.night_use"].append(rid)
        if any(w in (r["destination"] or "") for w in th["sensitive_destinations"]):
            f["vehicle.sensitive_destination"].append(rid)
        km_pm[(r["plate"].strip(), f"{s:%Y-%m}")].append(r["km"])
    lit_pm: dict = defaultdict(list)
    for r in t["fuel"]:
        rid = r["id"]
        if is_empty(r["bound_plate"]):
            f["fuel.unbound_card"].append(rid)
        else:
            lit_pm[(r["bound_plate"].strip(), f"{r['time']:%Y-%m}")].append(r["liters"])
        if r["liters"] > th["fuel_tank_liters_max"]:
            f["fuel.over_tank"].append(rid)
        if not is_workday(r["time"].date()):
            f["fuel.holiday"].append(rid)
    for key, lits in lit_pm.items():
        liters = math.fsum(lits)
        km = math.fsum(km_pm.get(key, []))
        if liters > 0 and (km == 0 or liters / km * 100 > th["fuel_l_per_100km_max"]):
            f["fuel.consumption_anomaly"].append(f"{key[0]}@{key[1]}")
    return f


def _overseas(t: Tables) -> Found:
    f: Found = defaultdict(list)
    limits = {1: 5, 2: 8}
    for r in t["overseas"]:
        if is_empty(r["approval_no"]):
            f["overseas.no_approval"].append(r["id"])
        days = (r["return_on"] - r["depart_on"]).days + 1
        k = len(split_list(r["countries"]))
        if k >= 1 and days > limits.get(k, 10):
            f["overseas.over_days"].append(r["id"])
    return f


def _budget(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    detail = {"公务接待费": defaultdict(list), "因公出国（境）费": defaultdict(list)}
    for r in t["reception"]:
        detail["公务接待费"][(r["unit"], r["date"].year)].append(r["amount"])
    for r in t["overseas"]:
        if r["cost"] is not None:
            detail["因公出国（境）费"][(r["unit"], r["depart_on"].year)].append(r["cost"])
    for r in t["sangong_budget"]:
        if r["actual"] is None:
            continue
        if r["actual"] > r["budget"]:
            f["budget.over_budget"].append(r["id"])
        if r["category"] in detail:
            a = r["actual"] * 10000
            d = math.fsum(detail[r["category"]].get((r["unit"], r["year"]), []))
            diff = abs(a - d)
            if diff > th["budget_mismatch_ratio"] * max(a, d) and diff > th["budget_mismatch_min"]:
                f["budget.detail_mismatch"].append(r["id"])
    return f


def benford_screen(t: Tables) -> dict[str, dict[str, Any]]:
    """'dataset.column' → {"n": values ≥ 10, "mad": first-digit MAD} for every money column."""
    screen = {}
    for ds, col in MONEY_COLUMNS:
        if ds not in t:        # a second-wave dataset this round does not hold
            continue
        n, mad = benford_mad(r[col] for r in t[ds])
        screen[f"{ds}.{col}"] = {"n": n, "mad": mad}
    return screen


def _benford(screen: dict[str, dict[str, Any]]) -> Found:
    """record id here: "dataset.column"."""
    flagged = [name for name, s in screen.items() if s["n"] >= 300 and s["mad"] > 0.015]
    return {"generic.benford": flagged}


def _land(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    floor = AS_OF - dt.timedelta(days=365)
    for r in t["land"]:
        pid = r["parcel_id"]
        if r["supplied_on"] is not None and r["actual_start"] is None and r["status"] != "已收回" \
                and r["agreed_start"] is not None and AS_OF >= add_years(r["agreed_start"], 1):
            f["land.idle"].append(pid)
            if AS_OF >= add_years(r["agreed_start"], 2):
                f["land.idle_reclaimable"].append(pid)
        if r["status"] == "批而未供" and (AS_OF - r["approved_on"]).days > th["land_unsupplied_years"] * 365:
            f["land.approved_unsupplied"].append(pid)
        if r["status"] == "已竣工" and r["annual_tax"] is not None and r["completed_on"] is not None \
                and r["completed_on"] <= floor and r["annual_tax"] / r["area_mu"] < th["land_tax_per_mu_min"]:
            f["land.low_efficiency"].append(pid)
        if r["supplied_on"] is not None and PERIOD_START <= r["supplied_on"] <= AS_OF \
                and r["agreed_investment"] is not None \
                and r["agreed_investment"] < th["land_supply_investment_min"]:
            f["land.supply_standard"].append(pid)
    return f


def _clues_and_cases(t: Tables, th: dict) -> Found:
    f: Found = defaultdict(list)
    for r in t["clues"]:
        if r["status"] != "已办结" and (AS_OF - r["received_on"]).days > th["clue_days_max"]:
            f["clues.overdue"].append(r["clue_id"])
        if r["status"] == "已办结" and is_empty(r["disposition"]):
            f["clues.closed_without_disposition"].append(r["clue_id"])
    for r in t["cases"]:
        s = r["sanction"].strip()
        own = SANCTIONS_BY_FORM[r["form"]]
        others = [x for form, lst in SANCTIONS_BY_FORM.items() if form != r["form"] for x in lst]
        if s in others and s not in own:
            f["cases.form_sanction_mismatch"].append(r["id"])
    return f


def evaluate(t: Tables, th: dict | None = None, screen: dict | None = None) -> dict[str, list[str]]:
    """checks.md, read literally, over typed rows → {check_id: sorted record ids}.

    screen: the tables' :func:`benford_screen`, when already computed.
    """
    th = th or THRESHOLDS
    found: Found = {c: [] for c in CHECK_IDS}
    for part in (_ledger(t), _progress(t, th), _reception(t, th), _vehicles_and_fuel(t, th), _overseas(t),
                 _budget(t, th), _benford(screen or benford_screen(t)), _land(t, th), _clues_and_cases(t, th),
                 bids_findings(t, th), loans_findings(t, th)):
        for check_id, ids in part.items():
            found[check_id] += ids
    for check_id, ids in [*truth_village.village(t, th).items(), *truth_village.dues(t, th)[0].items()]:
        found[check_id] += ids
    for part in (allowance_findings(t, th), benefit_findings(t, th)):      # allowances, benefits
        for check_id, ids in part.items():
            found[check_id] += ids
    return {k: sorted(v) for k, v in found.items()}


def _ledger_indicators(led: Sequence[dict], findings: Found) -> dict[str, Any]:
    ind: dict[str, Any] = {}
    ind["ledger.aspects"] = len({r["aspect_no"] for r in led})
    ind["ledger.problems"] = len({r["problem_no"] for r in led})
    ind["ledger.measures"] = len(led)
    ind["ledger.leaders"] = len({r["lead_leader"].strip() for r in led if not is_empty(r["lead_leader"])})
    ind["ledger.units"] = len({u for r in led for u in split_list(r["units"])})
    statuses = Counter(r["status"] for r in led)
    ind["ledger.completed"] = statuses["已完成"]
    ind["ledger.in_progress"] = statuses["推进中"]
    ind["ledger.not_started"] = statuses["未启动"]
    ind["ledger.signed_off"] = sum(r["status"] == "已完成" and not is_empty(r["signed_off_by"])
                                   and r["signed_off_on"] is not None and not is_empty(r["evidence"])
                                   for r in led)
    ind["ledger.completion_rate"] = ind["ledger.completed"] / len(led) if led else None
    ind["ledger.overdue"] = len(findings["ledger.overdue"])
    return ind


def _sangong_indicators(t: Tables) -> dict[str, Any]:
    return {
        "sangong.reception.count": len(t["reception"]),
        "sangong.reception.amount": math.fsum(r["amount"] for r in t["reception"]),
        "sangong.vehicle.trips": len(t["vehicle_trips"]),
        "sangong.vehicle.km": math.fsum(r["km"] for r in t["vehicle_trips"]),
        "sangong.fuel.liters": math.fsum(r["liters"] for r in t["fuel"]),
        "sangong.fuel.amount": math.fsum(r["amount"] for r in t["fuel"]),
        "sangong.overseas.trips": len(t["overseas"]),
        "sangong.overseas.cost": math.fsum(r["cost"] for r in t["overseas"] if r["cost"] is not None),
    }


def _land_indicators(land: Sequence[dict], findings: Found) -> dict[str, Any]:
    rec = [r["area_mu"] for r in land if r["status"] == "已收回" and r["reclaimed_on"] is not None
           and PERIOD_START <= r["reclaimed_on"] <= AS_OF]
    idle = set(findings["land.idle"])
    uns = [r["area_mu"] for r in land if r["status"] == "批而未供"]
    return {
        "land.reclaimed.parcels": len(rec), "land.reclaimed.area_mu": math.fsum(rec),
        "land.idle.parcels": len(idle),
        "land.idle.area_mu": math.fsum(r["area_mu"] for r in land if r["parcel_id"] in idle),
        "land.unsupplied.parcels": len(uns), "land.unsupplied.area_mu": math.fsum(uns),
    }


def _cases_indicators(clues: Sequence[dict], cases: Sequence[dict]) -> dict[str, Any]:
    closed = sum(r["status"] == "已办结" for r in clues)
    return {
        "cases.clues.received": len(clues), "cases.clues.closed": closed,
        "cases.clues.verification_rate": closed / len(clues) if clues else None,
        "cases.cases": len({r["case_id"] for r in cases}),
        "cases.persons": len(cases),
        "cases.sanctioned": sum(r["sanction"].strip() in DISCIPLINARY for r in cases),
        "cases.first_form": sum(r["form"] == "第一种形态" for r in cases),
        "cases.accountability": sum(bool(r["accountability"]) for r in cases),
    }


def indicators(t: Tables, findings: Found) -> dict[str, Any]:
    """Every indicator of checks.md, from the typed rows (sums with math.fsum)."""
    ind = {**_ledger_indicators(t["ledger"], findings), **_sangong_indicators(t),
           **_land_indicators(t["land"], findings), **_cases_indicators(t["clues"], t["cases"]),
           **bids_indicators(t, findings), **loans_indicators(t),
           **truth_village.village_indicators(t["village_finance"], findings),
           **truth_village.dues_indicators(t["party_dues"], truth_village.dues(t)[1])}
    ind.update(allowance_indicators(t, findings), **benefit_indicators(t, findings))
    return {k: ind[k] for k in INDICATOR_NAMES}


NOTES = {
    "generic.benford": "findings for generic.benford list the flagged money columns as 'dataset.column' "
                       "(the toolkit's findings carry an empty record_id, one per column).",
    "fuel.consumption_anomaly": "record ids are PLATE@YYYY-MM.",
    "empty": "checks.md's Empty (无, 没有, /, -, —, N/A in any case) applies to every 'empty'/'set' test: "
             "公函编号 '无' is no letter, 发票号码 '无' is no invoice (never a duplicate), 绑定车牌 '无' is an "
             "unbound card (and takes no part in the consumption check), 佐证材料 '无' or '/' is no evidence.",
    "indicators": "money and area sums are exact (math.fsum) sums of the values as written; compare with a "
                  "tolerance. cases.sanctioned compares the trimmed sanction cell.",
    "progress": "the report of 2020-07-03 lies after as_of and is ignored by every rule.",
    "near_misses": "records designed to sit exactly on the safe side of a boundary: none may be flagged by "
                   "the check they are listed under.",
}
SCALE_NOTE = ("the round holds `scale` replicas of the demo county; replica n ≥ 2 prefixes its ids and unit names "
              "with Rnnn-, re-letters its plates and offsets its card and invoice numbers, so no rule group spans "
              "two replicas and every planted record appears `scale` times; dataset-level screens "
              "(generic.benford) are recomputed on the scaled data.")


def truth_document(tables: Tables, near: dict[str, list[str]], seed: int, scale: int = 1) -> dict[str, Any]:
    """The content of .truth.json: findings and indicators computed here, near-misses as planted."""
    screen = benford_screen(tables)
    findings = evaluate(tables, screen=screen)
    truth = {
        "seed": seed,
        "as_of": AS_OF.isoformat(),
        "period_start": PERIOD_START.isoformat(),
        "files": dict(FILES),
        "rows": {ds: len(rows) for ds, rows in tables.items()},
        "findings": findings,
        "near_misses": near,
        "indicators": indicators(tables, findings),
        "benford_mad": screen,
        "notes": dict(NOTES),
    }
    if scale > 1:      # (the demo itself keeps the file it always had)
        truth["scale"] = scale
        truth["notes"]["scale"] = SCALE_NOTE
    return truth

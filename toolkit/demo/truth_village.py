"""The truth of the village and dues areas: checks.md's ``village`` and ``dues`` sections read literally and
applied to the generated typed rows (the independent oracle: only :mod:`toolkit.demo.rules` and
:mod:`toolkit.demo.spec`, never checks, areas, formatting or ingest).
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from toolkit.demo.rules import is_empty
from toolkit.demo.spec import AS_OF, THRESHOLDS

Tables = Mapping[str, Sequence[dict]]
Found = dict[str, list[str]]


def cents(value: float) -> int:
    """Rounded half up to 0.01 元 on the decimal value, in cents."""
    return int(Decimal(repr(float(value))).quantize(Decimal("0.01"), ROUND_HALF_UP) * 100)


def same(text: Any) -> str:
    """checks.md's same-name key; Empty → ''."""
    if is_empty(text):
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def village(t: Tables, th: dict | None = None) -> Found:
    th = th or THRESHOLDS
    f: Found = defaultdict(list)
    cash_max, approval = cents(th["village_cash_max"]), cents(th["village_approval_min"])
    groups: dict[tuple, list] = defaultdict(list)
    for r in t["village_finance"]:
        out = r["direction"] == "支出"
        if out and r["receipt"] in ("白条", "无"):
            f["village.white_slip"].append(r["id"])
        if r["direction"] == "收入" and r["account"] == "个人":
            f["village.income_to_personal"].append(r["id"])
        if out and r["cash"] is True and cents(r["amount"]) > cash_max:
            f["village.large_cash"].append(r["id"])
        if out and not is_empty(r["payee"]) and cents(r["amount"]) < approval:
            groups[(same(r["town"]), same(r["village"]), same(r["payee"]), r["date"])].append(r)
    for rows in groups.values():
        if len(rows) >= 2 and cents(math.fsum(r["amount"] for r in rows)) >= approval:
            f["village.split_payment"] += [r["id"] for r in rows]
    return f


def village_indicators(rows: Sequence[dict], findings: Found) -> dict[str, Any]:
    spent = [r["amount"] for r in rows if r["direction"] == "支出"]
    cash = [r["amount"] for r in rows if r["direction"] == "支出" and r["cash"] is True]
    white = set(findings["village.white_slip"])
    total = math.fsum(spent)
    return {"village.expense": total,
            "village.white_slip_amount": math.fsum(r["amount"] for r in rows if r["id"] in white),
            "village.cash_share": math.fsum(cash) / total if total else None}


def _rate(income: float, retired: bool) -> float:
    c = cents(income)
    if retired:
        return 0.005 if c <= 500000 else 0.01
    return 0.005 if c <= 300000 else 0.01 if c <= 500000 else 0.015 if c <= 1000000 else 0.02


def _month(d) -> int:
    return d.year * 12 + d.month - 1


def _dues_payments(rows: Sequence[dict]) -> tuple[dict, dict]:
    """member key → first row; (member key, month) → the payment (first row, paid list, income, retired)."""
    members: dict[tuple, dict] = {}
    pays: dict[tuple, dict] = {}
    for r in rows:
        key = (same(r["member"]), same(r["branch"]))
        members.setdefault(key, {"first": r, "months": set()})["months"].add(_month(r["month"]))
        p = pays.setdefault((key, _month(r["month"])), {"first": r, "paid": [], "income": None, "retired": False})
        p["paid"].append(r["paid"])
        if p["income"] is None and r["income"] is not None:
            p["income"] = r["income"]
        p["retired"] = p["retired"] or r["retired"] is True
    return members, pays


def _text(n: int) -> str:
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def dues(t: Tables, th: dict | None = None) -> tuple[Found, float]:
    """The dues findings and the shortfall (sum of the underpaid amounts)."""
    th = th or THRESHOLDS
    f: Found = defaultdict(list)
    members, pays = _dues_payments(t["party_dues"])
    short = []
    for p in pays.values():
        if p["income"] is None:
            continue
        paid = math.fsum(p["paid"])
        due = p["income"] * _rate(p["income"], p["retired"])
        if cents(paid) / 100 < due - 0.01:
            f["dues.underpaid"].append(p["first"]["id"])
            short.append(due - paid)
    latest: dict[str, int] = defaultdict(int)
    for (name, _), m in members.items():
        latest[name] = max(latest[name], max(m["months"]))
    now = _month(AS_OF)
    for (name, _), m in members.items():
        first, last, member = min(m["months"]), max(m["months"]), m["first"]["member"]
        f["dues.missing_month"] += [f"{member}@{_text(n)}" for n in range(first + 1, last) if n not in m["months"]]
        if now - last >= th["dues_stop_months"] and not latest[name] > last:
            f["dues.stopped"].append(member)
    return f, math.fsum(short)


def dues_indicators(rows: Sequence[dict], shortfall: float) -> dict[str, Any]:
    members, _ = _dues_payments(rows)
    return {"dues.members": len(members), "dues.paid": math.fsum(r["paid"] for r in rows), "dues.shortfall": shortfall}

"""The truth for 惠民惠农补贴 (名单碰撞): checks.md's ``benefits`` section read literally over the typed rows,
with the GB 11643 ID number check written out again.

Part of the independent oracle: it imports only :mod:`toolkit.demo.rules`, :mod:`toolkit.demo.spec` and its
sibling :mod:`toolkit.demo.truth_allowances` (same name, months).

>>> id_ok("11010519491231002X"), id_ok("110105194912310021"), id_ok("110105194902300020")
(True, False, False)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from toolkit.demo.spec import AS_OF
from toolkit.demo.truth_allowances import same_name, ym

Tables = Mapping[str, Sequence[dict]]
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_ok(number: str) -> bool:
    """17 digits + the right check character, digits 7–14 a real date not after as_of."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    if "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], _W)) % 11] != number[17]:
        return False
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born <= AS_OF


def benefit_findings(t: Tables, th: dict) -> dict[str, list[str]]:
    """{check_id: record ids} of the four benefit checks (a check whose list is absent: none)."""
    f: dict[str, list[str]] = defaultdict(list)
    rows = t["benefits"]
    tested = {same_name(x) for x in th["benefit_means_tested_types"]}
    on_duty = {s["id_number"] for s in t.get("staff", []) if s["status"] == "在职"}
    died = {d["id_number"]: d["died_on"] for d in t.get("deaths", [])}
    groups = Counter((r["id_number"], same_name(r["type"]), ym(r["month"])) for r in rows)
    for r in rows:
        rid, number = r["id"], r["id_number"]
        if "staff" in t and same_name(r["type"]) in tested and number in on_duty:
            f["benefit.staff_recipient"].append(rid)
        if "deaths" in t and number in died and ym(r["month"]) > ym(died[number]):
            f["benefit.after_death"].append(rid)
        if groups[(number, same_name(r["type"]), ym(r["month"]))] >= 2:
            f["benefit.duplicate"].append(rid)
        if not id_ok(number):
            f["benefit.bad_id_number"].append(rid)
    return f


def benefit_indicators(t: Tables, findings: Mapping[str, list[str]]) -> dict[str, Any]:
    rows = t["benefits"]
    flagged = set(findings["benefit.staff_recipient"]) | set(findings["benefit.after_death"])
    return {
        "benefits.recipients": len({r["id_number"] for r in rows}),
        "benefits.amount": math.fsum(r["amount"] for r in rows),
        "benefits.flagged_amount": math.fsum(r["amount"] for r in rows if r["id"] in flagged)
        if ("staff" in t or "deaths" in t) else None,
    }

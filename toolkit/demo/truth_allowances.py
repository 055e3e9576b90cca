"""The truth for 津补贴: checks.md's ``allowances`` section read literally over the typed rows.

Part of the independent oracle: it imports only :mod:`toolkit.demo.rules` and :mod:`toolkit.demo.spec`,
never the toolkit's checks, areas, formatting or ingest. "Same name" is NFKC, no whitespace, lower case;
money is compared in cents, rounded half up on the decimal value (:func:`cents`).

>>> same_name(" 岗位　津贴"), cents(1.005), cents(200.004)
('岗位津贴', 101, 20000)
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from toolkit.demo.rules import is_empty, split_list

Tables = Mapping[str, Sequence[dict]]
LEFT = ("死亡", "调离", "辞职", "开除")


def same_name(text: Any) -> str:
    """NFKC (full-width → half-width), every whitespace removed, lower case."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).lower()


def cents(yuan: float) -> int:
    """元 → cents, rounded half up on the value's decimal (shortest) form."""
    return int((Decimal(repr(float(yuan))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ym(d) -> tuple[int, int]:
    return (d.year, d.month)


def _catalog(t: Tables) -> dict[str, dict] | None:
    if "allowance_catalog" not in t:
        return None
    first: dict[str, dict] = {}
    for r in t["allowance_catalog"]:
        first.setdefault(same_name(r["item"]), r)
    return first


def _key(r: dict) -> tuple:
    return (same_name(r["name"]), same_name(r["unit"]), ym(r["month"]), same_name(r["item"]))


def allowance_findings(t: Tables, th: dict) -> dict[str, list[str]]:
    """{check_id: record ids} of the five allowance checks (a check whose helper list is absent: none)."""
    f: dict[str, list[str]] = defaultdict(list)
    rows = t["allowances"]
    catalog = _catalog(t)
    sums: dict[tuple, list[float]] = defaultdict(list)
    for r in rows:
        sums[_key(r)].append(r["amount"])
    left = {s["id_number"]: s for s in t.get("staff", []) if s["status"] in LEFT and s["left_on"] is not None}
    for r in rows:
        item = same_name(r["item"])
        if catalog is not None:
            listed = catalog.get(item)
            if listed is None:
                f["allowance.not_in_catalog"].append(r["id"])
            else:
                if not is_empty(listed["units"]) and \
                        same_name(r["unit"]) not in {same_name(u) for u in split_list(listed["units"])}:
                    f["allowance.unit_not_eligible"].append(r["id"])
                if listed["monthly_cap"] is not None and \
                        cents(math.fsum(sums[_key(r)])) > cents(listed["monthly_cap"]):
                    f["allowance.over_cap"].append(r["id"])
        if len(sums[_key(r)]) >= 2:
            f["allowance.duplicate"].append(r["id"])
        person = left.get(r["id_number"]) if r["id_number"] else None
        if person is not None and ym(r["month"]) > ym(person["left_on"]):
            f["allowance.after_leave"].append(r["id"])
    return f


def allowance_indicators(t: Tables, findings: Mapping[str, list[str]]) -> dict[str, Any]:
    outside = set(findings["allowance.not_in_catalog"])
    rows = t["allowances"]
    return {
        "allowances.amount": math.fsum(r["amount"] for r in rows),
        "allowances.outside_catalog_amount": math.fsum(r["amount"] for r in rows if r["id"] in outside)
        if "allowance_catalog" in t else None,
    }

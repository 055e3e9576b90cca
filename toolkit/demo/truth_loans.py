"""The truth of the loans rules (checks.md "loans"), read literally from the typed rows — the oracle for
:mod:`toolkit.areas.loans`. Imports nothing of checks, areas, formatting or ingest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from toolkit.demo.truth_bids import in_cents

WAN = 10000


def loans_findings(t: Mapping[str, Sequence[dict]], th: dict) -> dict[str, list[str]]:
    f: dict[str, list[str]] = {"loans.low_tax": [], "loans.risk_flag": [], "loans.non_entity_new": [],
                               "loans.non_entity_not_reduced": []}
    limit = in_cents(float(th["loan_tax_min"]), WAN)
    for r in t["loans"]:
        if r["tax_last_year"] is not None and in_cents(r["tax_last_year"], WAN) < limit:
            f["loans.low_tax"].append(r["id"])
        if r["safety_issue"] is True or r["env_issue"] is True:
            f["loans.risk_flag"].append(r["id"])
        if r["is_entity"] is False and r["renewal"] is not True:
            f["loans.non_entity_new"].append(r["id"])
        if r["is_entity"] is False and r["renewal"] is True and r["previous_amount"] is not None \
                and in_cents(r["amount"], WAN) >= in_cents(r["previous_amount"], WAN):
            f["loans.non_entity_not_reduced"].append(r["id"])
    return {k: sorted(v) for k, v in f.items()}


def loans_indicators(t: Mapping[str, Sequence[dict]]) -> dict[str, Any]:
    rows = t["loans"]
    return {"loans.count": len(rows), "loans.amount": math.fsum(r["amount"] for r in rows),
            "loans.non_entity_amount": math.fsum(r["amount"] for r in rows if r["is_entity"] is False)}

"""The truth of the bids rules (checks.md "bids"), read literally from the typed rows — the oracle for
:mod:`toolkit.areas.bids`. Imports nothing of checks, areas, formatting or ingest.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from toolkit.demo.rules import is_empty

IDENTITY = ("phone", "ip", "mac", "deposit_account")


def same_name(text: str) -> str:
    """checks.md "same name": NFKC, no whitespace, lower case."""
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def in_cents(value: float, scale: int = 1) -> int:
    """A money value in cents, rounded half up on its decimal value (万元: scale 10000)."""
    return int((Decimal(repr(value)) * scale * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _key(field: str, value: Any) -> str | None:
    if is_empty(value):
        return None
    text = "".join(str(value).split())
    return re.sub(r"[-:.]", "", text).lower() if field == "mac" else text


def _shared(rows: Sequence[dict], key) -> set[str]:
    """ids of rows whose (tender_id, key) group holds two or more different bidders."""
    groups: dict[tuple, set] = defaultdict(set)
    for r in rows:
        k = key(r)
        if k is not None:
            groups[(str(r["tender_id"]), k)].add(same_name(r["bidder"]))
    return {r["id"] for r in rows if key(r) is not None and len(groups[(str(r["tender_id"]), key(r))]) >= 2}


def _low_spread(rows: Sequence[dict], cv_min: float) -> list[str]:
    prices: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        if r["price"] is not None:
            prices[str(r["tender_id"])].append(r["price"])
    out = []
    for tender, ps in prices.items():
        mean = sum(ps) / len(ps)
        if len(ps) >= 3 and mean > 0:
            cv = math.sqrt(sum((p - mean) ** 2 for p in ps) / len(ps)) / mean
            if cv < cv_min:
                out.append(tender)
    return out


def _close(rows: Sequence[dict], window: float) -> set[str]:
    by_tender: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        at = r["submitted_at"]
        if at is not None and (at.hour, at.minute, at.second, at.microsecond) != (0, 0, 0, 0):
            by_tender[str(r["tender_id"])].append(r)
    found = set()
    for group in by_tender.values():
        for a in group:
            for b in group:
                if same_name(a["bidder"]) != same_name(b["bidder"]) \
                        and abs((a["submitted_at"] - b["submitted_at"]).total_seconds()) <= window:
                    found.add(a["id"])
    return found


def _losers(rows: Sequence[dict], min_tenders: int) -> list[str]:
    if not any(r["won"] is True for r in rows):
        return []
    first: dict[str, str] = {}
    tenders: dict[str, set] = defaultdict(set)
    won: set[str] = set()
    for r in rows:
        k = same_name(r["bidder"])
        first.setdefault(k, r["bidder"])
        tenders[k].add(str(r["tender_id"]))
        if r["won"] is True:
            won.add(k)
    return [first[k] for k, ts in tenders.items() if len(ts) >= min_tenders and k not in won]


def bids_findings(t: Mapping[str, Sequence[dict]], th: dict) -> dict[str, list[str]]:
    rows = t["bids"]
    shared: set[str] = set()
    for field in IDENTITY:
        shared |= _shared(rows, lambda r, f=field: _key(f, r[f]))
    return {
        "bids.shared_identity": sorted(shared),
        "bids.identical_price": sorted(_shared(rows, lambda r: None if r["price"] is None else in_cents(r["price"]))),
        "bids.low_spread": sorted(_low_spread(rows, th["bid_cv_min"])),
        "bids.close_submission": sorted(_close(rows, th["bid_submit_window_seconds"])),
        "bids.perennial_loser": sorted(_losers(rows, th["bid_loser_min_tenders"])),
    }


def bids_indicators(t: Mapping[str, Sequence[dict]], findings: Mapping[str, list[str]]) -> dict[str, Any]:
    rows = t["bids"]
    tender_of = {r["id"]: str(r["tender_id"]) for r in rows}
    flagged = {tender_of[i] for c in ("bids.shared_identity", "bids.identical_price", "bids.close_submission")
               for i in findings[c]} | set(findings["bids.low_spread"])
    return {"bids.tenders": len({str(r["tender_id"]) for r in rows}), "bids.bids": len(rows),
            "bids.flagged_tenders": len(flagged)}

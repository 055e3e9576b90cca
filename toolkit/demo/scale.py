"""Scaled demo rounds: K replicas of the county in one round, each with its own identities.

Replica 1 is the demo itself; replica n ≥ 2 prefixes every id and unit name
with ``Rnnn-``, re-letters its plates (赣C → 赣A, 赣B, …, 京A, …), and offsets its fuel
card and invoice numbers. Whatever a rule groups or joins on therefore never
spans two replicas, and every planted violation appears K times. Replicas are
made on the fly while a table is iterated, so a round of millions of rows
never sits in memory.

>>> renamed_id("JD0001", 1), renamed_id("", 1), renamed_plate("赣C12345", 1), renamed_card("1000113600000880012", 2)
('R002-JD0001', '', '赣A12345', '1000113620000880012')
>>> renamed_units("县委办、县财政局", 1)
'R002-县委办、R002-县财政局'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from toolkit.demo.generate import Demo
from toolkit.demo.idnumbers import id_number_renamer
from toolkit.demo.rules import is_empty

_PROVINCES = "赣京津沪渝冀豫云辽黑湘皖鲁新苏浙鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
#: plate prefixes by replica: the demo's own 赣C first
PLATE_PREFIXES = ["赣C"] + [p + x for p in _PROVINCES for x in _LETTERS if p + x != "赣C"]
_UNIT_PIECE = re.compile(r"[^、，,;；]+")

Renamer = Callable[[object], object]


def replica_code(replica: int) -> str:
    """R001, R002, … (replica counted from 0)."""
    return f"R{replica + 1:03d}"


def id_renamer(replica: int) -> Renamer:
    """Ids and unit names of a replica get its code as a prefix; empty values stay empty."""
    prefix = f"{replica_code(replica)}-"
    return lambda value: value if is_empty(value) else prefix + value


def units_renamer(replica: int) -> Renamer:
    """Every unit of a 、-separated list renamed."""
    one = id_renamer(replica)

    def piece(m: re.Match) -> str:
        return one(m.group().strip()) if m.group().strip() else m.group()

    return lambda text: text if is_empty(text) else _UNIT_PIECE.sub(piece, text)


def plate_renamer(replica: int) -> Renamer:
    """Another province/letter for the replica (beyond 744 replicas, a trailing number as well)."""
    laps, slot = divmod(replica, len(PLATE_PREFIXES))
    prefix, suffix = PLATE_PREFIXES[slot], str(laps) if laps else ""
    return lambda plate: plate if is_empty(plate) else prefix + plate[2:] + suffix


def card_renamer(replica: int) -> Renamer:
    """19-digit card numbers moved to the replica's own block."""
    offset = replica * 10**10
    return lambda card: card if is_empty(card) else str(int(card) + offset)


def invoice_renamer(replica: int) -> Renamer:
    """8-digit invoice numbers moved above 10**8 × replica (empty and non-numeric values stay)."""
    offset = replica * 10**8

    def rename(number):
        if isinstance(number, int):
            return number + offset
        if is_empty(number) or not str(number).strip().isdigit():
            return number
        return str(int(str(number).strip()) + offset)

    return rename


def renamed_id(value, replica: int):
    return value if replica == 0 else id_renamer(replica)(value)


def renamed_units(text, replica: int):
    return text if replica == 0 else units_renamer(replica)(text)


def renamed_plate(plate, replica: int):
    return plate if replica == 0 else plate_renamer(replica)(plate)


def renamed_card(card, replica: int):
    return card if replica == 0 else card_renamer(replica)(card)


#: dataset → the columns a replica renames (ids, keys that rules group or join on, units) and how
RENAMES: dict[str, dict[str, Callable[[int], Renamer]]] = {
    "ledger": {"measure_id": id_renamer, "units": units_renamer},
    "progress": {"id": id_renamer, "measure_id": id_renamer},
    "reception": {"id": id_renamer, "unit": id_renamer, "invoice_no": invoice_renamer},
    "vehicle_trips": {"id": id_renamer, "plate": plate_renamer, "unit": id_renamer},
    "fuel": {"id": id_renamer, "card_no": card_renamer, "bound_plate": plate_renamer, "unit": id_renamer},
    "overseas": {"id": id_renamer, "unit": id_renamer},
    "sangong_budget": {"id": id_renamer, "unit": id_renamer},
    "land": {"parcel_id": id_renamer},
    "clues": {"clue_id": id_renamer},
    "cases": {"id": id_renamer, "case_id": id_renamer, "clue_id": id_renamer, "unit": id_renamer},
    "bids": {"id": id_renamer, "tender_id": id_renamer, "bidder": id_renamer},
    "loans": {"id": id_renamer, "company": id_renamer},
}
RENAMES.update({     # second wave: a member's record ids (MEMBER, MEMBER@YYYY-MM) follow the member's name
    "village_finance": {"id": id_renamer, "village": id_renamer},
    "party_dues": {"id": id_renamer, "member": id_renamer, "branch": id_renamer},
    "allowances": {"id": id_renamer, "unit": id_renamer, "item": id_renamer, "id_number": id_number_renamer},
    "allowance_catalog": {"item": id_renamer, "units": units_renamer},
    "benefits": {"id": id_renamer, "id_number": id_number_renamer},
    "staff": {"id_number": id_number_renamer, "unit": id_renamer},
    "deaths": {"id_number": id_number_renamer},
})


class Replicas(Sequence):
    """K renamed copies of a dataset's rows, made while iterating (replica 0 is the rows themselves)."""

    def __init__(self, rows: Sequence[dict], renames: dict[str, Callable[[int], Renamer]], k: int):
        self.rows, self.renames, self.k = rows, renames, k

    def __len__(self) -> int:
        return len(self.rows) * self.k

    def __getitem__(self, index: int) -> dict:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        replica, i = divmod(index % len(self), len(self.rows))
        return next(self._replica([self.rows[i]], replica))

    def _replica(self, rows: Sequence[dict], replica: int) -> Iterator[dict]:
        if replica == 0:
            yield from rows
            return
        renames = [(col, make(replica)) for col, make in self.renames.items()]
        for row in rows:
            copy = dict(row)
            for col, rename in renames:
                copy[col] = rename(row[col])
            yield copy

    def __iter__(self) -> Iterator[dict]:
        for replica in range(self.k):
            yield from self._replica(self.rows, replica)


def renamed_record(check_id: str, record_id: str, replica: int) -> str:
    """A planted record id of the demo as it reads in a replica."""
    if check_id == "fuel.consumption_anomaly":
        plate, month = record_id.split("@")
        return f"{renamed_plate(plate, replica)}@{month}"
    return renamed_id(record_id, replica)


def _replicated(planted: dict[str, list[str]], k: int) -> dict[str, list[str]]:
    out = {}
    for check_id, ids in planted.items():
        if check_id == "generic.benford":    # dataset-level: the column, not a record
            out[check_id] = list(ids)
            continue
        out[check_id] = sorted(renamed_record(check_id, x, r) for r in range(k) for x in ids)
    return out


def scale_demo(demo: Demo, k: int) -> Demo:
    """The round of k replicas: lazy tables, and every planted record (and near-miss) k times."""
    tables = {ds: Replicas(rows, RENAMES[ds], k) for ds, rows in demo.tables.items()}
    return Demo(tables, _replicated(demo.intended, k), _replicated(demo.near, k))

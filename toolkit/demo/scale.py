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
from toolkit.demo.rules import is_empty

_PROVINCES = "赣京津沪渝冀豫云辽黑湘皖鲁新苏浙鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
#: plate prefixes by replica: the demo's own 赣C first
PLATE_PREFIXES = ["赣C"] + [p + x for p in _PROVINCES for x in _LETTERS if p + x != "赣C"]
_UNIT_PIECE = re.compile(r"[^、，,;；]+")

Rename = Callable[[object, int], object]


def replica_code(replica: int) -> str:
    """R001, R002, … (replica counted from 0)."""
    return f"R{replica + 1:03d}"


def renamed_id(value, replica: int):
    """An id or unit name of a replica: empty values stay empty."""
    if replica == 0 or is_empty(value):
        return value
    return f"{replica_code(replica)}-{value}"


def renamed_units(text, replica: int):
    """Every unit of a 、-separated list renamed."""
    if replica == 0 or is_empty(text):
        return text
    return _UNIT_PIECE.sub(lambda m: renamed_id(m.group().strip(), replica) if m.group().strip() else m.group(), text)


def renamed_plate(plate, replica: int):
    """Another province/letter for the replica (beyond 744 replicas, a trailing number as well)."""
    if replica == 0 or is_empty(plate):
        return plate
    laps, slot = divmod(replica, len(PLATE_PREFIXES))
    return PLATE_PREFIXES[slot] + plate[2:] + (str(laps) if laps else "")


def renamed_card(card, replica: int):
    """A 19-digit card number moved to the replica's own block."""
    if replica == 0 or is_empty(card):
        return card
    return str(int(card) + replica * 10**10)


def renamed_invoice(number, replica: int):
    """An 8-digit invoice number moved above 10**8 × replica (empty and non-numeric values stay)."""
    if replica == 0 or is_empty(number) or not str(number).strip().isdigit():
        return number
    moved = int(str(number).strip()) + replica * 10**8
    return moved if isinstance(number, int) else str(moved)


#: dataset → the columns a replica renames: ids, keys that rules group or join on, units
RENAMES: dict[str, dict[str, Rename]] = {
    "ledger": {"measure_id": renamed_id, "units": renamed_units},
    "progress": {"id": renamed_id, "measure_id": renamed_id},
    "reception": {"id": renamed_id, "unit": renamed_id, "invoice_no": renamed_invoice},
    "vehicle_trips": {"id": renamed_id, "plate": renamed_plate, "unit": renamed_id},
    "fuel": {"id": renamed_id, "card_no": renamed_card, "bound_plate": renamed_plate, "unit": renamed_id},
    "overseas": {"id": renamed_id, "unit": renamed_id},
    "sangong_budget": {"id": renamed_id, "unit": renamed_id},
    "land": {"parcel_id": renamed_id},
    "clues": {"clue_id": renamed_id},
    "cases": {"id": renamed_id, "case_id": renamed_id, "clue_id": renamed_id, "unit": renamed_id},
}


class Replicas(Sequence):
    """K renamed copies of a dataset's rows, made while iterating (replica 0 is the rows themselves)."""

    def __init__(self, rows: Sequence[dict], renames: dict[str, Rename], k: int):
        self.rows, self.renames, self.k = rows, renames, k

    def __len__(self) -> int:
        return len(self.rows) * self.k

    def __getitem__(self, index: int) -> dict:
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        replica, i = divmod(index % len(self), len(self.rows))
        return self._copy(self.rows[i], replica)

    def _copy(self, row: dict, replica: int) -> dict:
        if replica == 0:
            return row
        copy = dict(row)
        for col, rename in self.renames.items():
            copy[col] = rename(row[col], replica)
        return copy

    def __iter__(self) -> Iterator[dict]:
        for replica in range(self.k):
            for row in self.rows:
                yield self._copy(row, replica)


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

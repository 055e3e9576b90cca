"""项目用地跟踪管理卡: doubts and remedies per parcel, against a parcel-by-parcel reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import land

AS_OF = pd.Timestamp("2020-06-30")
STATUSES = ["批而未供", "已供未建", "已供未建", "已供未建", "在建", "已竣工", "已收回"]


def reference_cards(frame: pd.DataFrame, findings: pd.DataFrame, as_of: pd.Timestamp,
                    all_parcels: bool) -> dict[str, tuple[str, str]]:
    """疑点 and 处置建议 of each card, one parcel at a time."""
    by_parcel: dict[str, set[str]] = {}
    for check_id, record_id in zip(findings["check_id"], findings["record_id"]):
        if str(check_id).startswith("land."):
            by_parcel.setdefault(str(record_id), set()).add(str(check_id))
    cards = {}
    for _, row in frame.iterrows():
        found = by_parcel.get(str(row["parcel_id"]), set())
        if not found and not (all_parcels and row["status"] != "已收回"):
            continue
        doubts = "；".join(land.CHECK_TITLES[c] for c in land.CHECK_TITLES if c in found) or "—"
        if "land.idle_reclaimable" in found:
            found = found - {"land.idle"}
        remedies = [land.ADVICE[c] for c in land.ADVICE_ORDER if c in found]
        if not remedies and row["status"] == "已供未建" and pd.isna(row["actual_start"]):
            if pd.isna(row["agreed_start"]):
                remedies = ["补录约定开工日期，核实开工情况"]
            elif row["agreed_start"] < as_of:
                remedies = ["督促开工（已超约定开工日期，未满一年）"]
        cards[str(row["parcel_id"])] = (doubts, "；".join(remedies) or "继续跟踪")
    return cards


def random_round(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """40 parcels of every status and start, and findings of random land checks (and of other areas)."""
    rng = np.random.default_rng(seed)
    n = 40
    agreed = pd.to_datetime(rng.choice(["2018-01-01", "2020-03-01", "2020-09-01", None], n))
    frame = pd.DataFrame({
        "parcel_id": [f"P{i:02d}" for i in range(n)], "project": "项目", "company": None,
        "area_mu": rng.integers(1, 100, n).astype(float), "status": rng.choice(STATUSES, n),
        "approved_on": pd.NaT, "supplied_on": pd.NaT, "agreed_start": agreed,
        "actual_start": pd.to_datetime(rng.choice([None, None, "2019-05-01"], n)), "completed_on": pd.NaT,
    })
    checks = [*land.CHECK_TITLES, "land.other", "cases.overdue"]
    pairs = [(c, pid) for pid in frame["parcel_id"] for c in checks if rng.random() < 0.2]
    return frame, pd.DataFrame(pairs, columns=["check_id", "record_id"])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("all_parcels", [False, True])
def test_cards_equal_the_parcel_by_parcel_reference(seed, all_parcels):
    frame, findings = random_round(seed)
    cards = land.tracking_cards(frame, findings, AS_OF, all_parcels=all_parcels)
    got = dict(zip(cards["地块编号"], zip(cards["疑点"], cards["处置建议"])))
    assert got == reference_cards(frame, findings, AS_OF, all_parcels)


def test_cards_without_findings_and_printable_dates():
    frame, _ = random_round(0)
    empty = pd.DataFrame({"check_id": pd.Series(dtype="str"), "record_id": pd.Series(dtype="str")})
    assert land.tracking_cards(frame, empty, AS_OF).empty
    cards = land.tracking_cards(frame, empty, AS_OF, all_parcels=True)
    assert "已收回" not in set(cards["状态"]) and set(cards["疑点"]) == {"—"}
    assert set(cards["约定开工日期"]) <= {"", "2018-01-01", "2020-03-01", "2020-09-01"}
    assert cards["状态"].map(land.status_chain(frame).index.get_loc).is_monotonic_increasing

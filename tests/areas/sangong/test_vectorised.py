"""The vectorised rules equal straightforward row-by-row (and group-by-group) references.

Each reference below is the plain loop the rule replaced. They are compared on the
demo round and on a large synthetic round full of ties, spaces, full-width plates,
missing values and months without trips.
"""

from __future__ import annotations

import math
import unicodedata

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import sangong
from toolkit.areas.sangong.common import joined_by_row
from toolkit.areas.sangong.fuel import CONSUMPTION_COLUMNS
from toolkit.checks.benford import leading_digits
from toolkit.config import Thresholds
from toolkit.formatting import fold_keyword, has_text, no_spaces

THRESHOLDS = Thresholds()


# ---- references -------------------------------------------------------------------------------------

def reference_plate(plate) -> str:
    text = no_spaces(plate)
    return unicodedata.normalize("NFKC", text).upper() if text else ""


def reference_majority(units: pd.Series) -> str:
    counts = units.dropna().astype(str).value_counts()
    if counts.empty:
        return ""
    return sorted(counts[counts == counts.max()].index)[0]


def reference_consumption(fuel: pd.DataFrame, trips: pd.DataFrame, limit: float) -> pd.DataFrame:
    rows = fuel[has_text(fuel["bound_plate"]) & fuel["time"].notna()]
    rows = rows.assign(_plate=rows["bound_plate"].map(reference_plate), _month=rows["time"].dt.to_period("M"))
    trips = trips[trips["start_time"].notna()]
    trips = trips.assign(_plate=trips["plate"].map(reference_plate), _month=trips["start_time"].dt.to_period("M"))
    km = trips.groupby(["_plate", "_month"])["km"].sum().to_dict()
    out = []
    for (plate, month), group in rows.groupby(["_plate", "_month"], sort=True):
        liters = round(float(group["liters"].sum()), 6)
        distance = round(float(km.get((plate, month), 0.0)), 6)
        out.append({
            "record_id": f"{plate}@{month.strftime('%Y-%m')}", "plate": plate, "month": str(month),
            "unit": reference_majority(group["unit"]), "fills": int(len(group)), "liters": liters,
            "amount": round(float(group["amount"].sum()), 2), "km": distance,
            "l_per_100km": liters * 100 / distance if distance > 0 else math.nan, "limit": float(limit),
            "anomaly": bool(liters > 0 and (distance == 0 or liters * 100 > limit * distance)),
        })
    return pd.DataFrame(out, columns=CONSUMPTION_COLUMNS)


def reference_same_city(a, b) -> bool:
    x, y = no_spaces(a), no_spaces(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in "市县区"


def reference_keywords(destination, keywords) -> str:
    if not isinstance(destination, str):
        return ""
    return "、".join(k for k in keywords if k and fold_keyword(k) in fold_keyword(destination))


def reference_joined(key: pd.Series, ids: pd.Series) -> pd.Series:
    return key.map(ids.groupby(key).agg(lambda s: "、".join(s.astype(str))))


def reference_reconciliation(budget, reception, overseas) -> pd.DataFrame:
    rows_out = []
    for category, detail, money, date in (("公务接待费", reception, "amount", "date"),
                                          ("因公出国（境）费", overseas, "cost", "depart_on")):
        totals = {}
        for unit, year, value in zip(detail["unit"].str.strip(), detail[date].dt.year, detail[money]):
            if pd.isna(year):
                continue
            total, count = totals.get((unit, int(year)), (0.0, 0))
            totals[(unit, int(year))] = (total + (0.0 if pd.isna(value) else float(value)), count + 1)
        for _, row in budget[(budget["category"] == category) & budget["actual"].notna()].iterrows():
            total, count = totals.get((row["unit"].strip(), int(row["year"])), (0.0, 0))
            rows_out.append((row["id"], round(total, 2), count))
    return pd.DataFrame(rows_out, columns=["id", "detail_sum", "detail_rows"]).sort_values("id", ignore_index=True)


def reference_leading(values: pd.Series, digits: int) -> list[int]:
    out = []
    for v in pd.to_numeric(values, errors="coerce"):
        if pd.notna(v) and np.isfinite(v) and v >= 10:
            m = f"{v:.11e}"
            out.append(int(m[0] + m[2:1 + digits]))
    return out


# ---- rounds -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_frames(demo) -> dict[str, pd.DataFrame]:
    return demo.frames


def synthetic_frames(sg, n: int = 6000, seed: int = 7) -> dict[str, pd.DataFrame]:
    """A large round built to hit every edge: plate spellings, tied units, months without trips, shared ids."""
    rng = np.random.default_rng(seed)
    plates = [f"赣A{i:05d}" for i in range(60)]
    spellings = [lambda p: p, lambda p: f" {p[:2]} {p[2:]} ", lambda p: p.replace("A", "ａ"), lambda p: p.lower()]
    units = ["甲局", "乙局", "丙局", "丁局"]
    times = pd.Timestamp("2019-10-01") + pd.to_timedelta(rng.integers(0, 270 * 24, n), unit="h")
    fuel = [sg.fill(f"F{i}", bound_plate=(None if rng.random() < 0.05 else
                                          spellings[rng.integers(4)](plates[rng.integers(60)])),
                    unit=units[rng.integers(2 if i % 2 else 4)], time=times[i].strftime("%Y-%m-%d %H:%M"),
                    liters=float(rng.choice([0.0, 10.0, 35.5, 60.0, 90.0]) + rng.integers(0, 100) / 100),
                    amount=float(rng.integers(0, 90000) / 100))
            for i in range(n)]
    starts = pd.Timestamp("2019-10-01") + pd.to_timedelta(rng.integers(0, 270 * 24, n // 2), unit="h")
    destinations = ["某乡镇", "青岚温泉度假山庄", "城区ＫＴＶ", "高尔夫球场", None, "县政府", "某农家乐洗浴"]
    trips = [sg.trip(f"T{i}", plate=spellings[rng.integers(4)](plates[rng.integers(45)]),
                     start_time=starts[i].strftime("%Y-%m-%d %H:%M"),
                     end_time=(starts[i] + pd.Timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"),
                     km=float(rng.choice([0.0, 20.0, 150.5, 400.0])), destination=destinations[rng.integers(7)])
             for i in range(n // 2)]
    cities = ["青岚", "青岚县", " 青 岚 县", "南昌", "南昌市", "南昌县", "无", None, "昌市", "南昌市市"]
    reception = [sg.reception(f"R{i}", guest_city=cities[rng.integers(10)], city=cities[rng.integers(10)],
                              invoice_no=f"INV{rng.integers(n // 2)}", venue=f"宾馆{rng.integers(5)}",
                              unit=units[rng.integers(4)], date=times[i].strftime("%Y-%m-%d"),
                              amount=float(rng.integers(100, 20000)))
                 for i in range(n // 2)]
    countries = ["德国", "德国、法国", "德国、、法国", "德国，法国;英国；意大利", "、", "美国、 美国"]
    overseas = [sg.trip_abroad(f"G{i}", unit=units[rng.integers(4)], countries=countries[rng.integers(6)],
                               depart_on=times[i].strftime("%Y-%m-%d"),
                               return_on=(times[i] + pd.Timedelta(days=int(rng.integers(0, 12)))).strftime("%Y-%m-%d"),
                               cost=float(rng.integers(1000, 90000)))
                for i in range(500)]
    budget = [sg.budget_row(f"B{u}{y}{c}", unit=f" {unit} ", year=y, category=c,
                            actual=None if (u + y) % 5 == 0 else float(rng.integers(1, 200)))
              for u, unit in enumerate(units) for y in (2019, 2020)
              for c in ("公务接待费", "因公出国（境）费", "公务用车购置及运行维护费")]
    return {"fuel": sg.typed("fuel", fuel), "vehicle_trips": sg.typed("vehicle_trips", trips),
            "reception": sg.typed("reception", reception), "overseas": sg.typed("overseas", overseas),
            "sangong_budget": sg.typed("sangong_budget", budget)}


@pytest.fixture(scope="module")
def synthetic(sg) -> dict[str, pd.DataFrame]:
    return synthetic_frames(sg)


@pytest.fixture(params=["demo_frames", "synthetic"])
def frames(request) -> dict[str, pd.DataFrame]:
    return request.getfixturevalue(request.param)


# ---- the comparisons ------------------------------------------------------------------------------

@pytest.mark.parametrize("limit", [15, 8])
def test_fuel_consumption_equals_the_group_loop(frames, limit):
    thresholds = Thresholds(fuel_l_per_100km_max=limit)
    got = sangong.fuel_consumption(frames["fuel"], frames["vehicle_trips"], thresholds)
    expected = reference_consumption(frames["fuel"], frames["vehicle_trips"], limit)
    assert len(got) > 50 and got["anomaly"].any() and not got["anomaly"].all()
    pd.testing.assert_frame_equal(got, expected)


def test_majority_unit_ties_take_the_first_in_sort_order():
    keys = pd.Series(["a", "a", "a", "a", "b", "b", "c"])
    units = pd.Series(["乙局", "甲局", "乙局", "甲局", "丙局", None, None])
    assert sangong.majority_unit([keys], units).to_dict() == {"a": "乙局", "b": "丙局"}
    assert reference_majority(units[:4]) == "乙局"


def test_same_city_equals_the_row_loop(frames):
    rec = frames["reception"]
    where = sangong.reception_city(rec, "青岚县")
    expected = [reference_same_city(g, c) for g, c in zip(rec["guest_city"], where)]
    assert sangong.same_city_pairs(rec["guest_city"], where).tolist() == expected


def test_destination_keywords_equal_the_row_loop(frames):
    destinations = frames["vehicle_trips"]["destination"]
    words = THRESHOLDS.sensitive_destinations
    expected = [reference_keywords(d, words) for d in destinations]
    got = sangong.destination_keywords(destinations, words)
    assert got.tolist() == expected and (got != "").any()


def test_shared_ids_equal_the_group_join(frames):
    rec = frames["reception"]
    for key in (sangong.shared_invoice(rec), sangong.split_key(rec)):
        got = joined_by_row(key, rec["id"])
        pd.testing.assert_series_equal(got, reference_joined(key, rec["id"]), check_names=False)


def test_overseas_days_equal_the_row_loop(frames):
    ov = frames["overseas"]
    table = sangong.overseas_days(ov)
    pieces = [sangong.split_countries(c) for c in ov["countries"]]
    assert table["n_countries"].tolist() == [len(p) for p in pieces]
    assert table["countries"].tolist() == ["、".join(p) for p in pieces]
    assert table["limit"].tolist() == [5 if len(p) <= 1 else 8 if len(p) == 2 else 10 for p in pieces]


def test_reconciliation_equals_the_dictionary_lookup(frames):
    got = sangong.budget_reconciliation(frames["sangong_budget"], frames["reception"], frames["overseas"], THRESHOLDS)
    got = got[["id", "detail_sum", "detail_rows"]].sort_values("id", ignore_index=True)
    expected = reference_reconciliation(frames["sangong_budget"], frames["reception"], frames["overseas"])
    pd.testing.assert_frame_equal(got.astype({"id": "str"}), expected.astype({"id": "str"}), check_dtype=False)


@pytest.mark.parametrize("digits", [1, 2])
def test_leading_digits_equal_the_formatted_reading(frames, digits):
    values = pd.concat([frame[column] for dataset, column, *_r in sangong.MONEY_COLUMNS
                        if (frame := frames.get(dataset)) is not None])
    edges = pd.Series([10, 99.99999999999, 99.999999999995, 99.9999999999949, 29.999999999999996, 19.9999999999950,
                       1e22, 9.99999999999e22, 123456789012345.0, 10 ** np.arange(1, 16, dtype="float64")[7]])
    values = pd.concat([values, edges, values * 0.37, values * 1e6 + 0.005])
    assert leading_digits(values, digits).tolist() == reference_leading(values, digits)

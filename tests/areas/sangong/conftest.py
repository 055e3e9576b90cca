"""Row builders for the sangong tests, shared through the ``sg`` fixture (test modules cannot import each other).

``sg.typed(name, rows)`` builds a frame the way ingest does; ``sg.reception()``,
``sg.trip()``, ``sg.fill()``, ``sg.trip_abroad()`` and ``sg.budget_row()`` are one
clean row each (keyword arguments override columns); ``sg.run(frames, city, **thresholds)``
runs every sangong check; ``sg.found`` and ``sg.finding`` read the result. ``demo`` is the
demo round, built once per session.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from toolkit.areas import sangong
from toolkit.checks.base import Context, run_checks
from toolkit.config import RoundConfig, Thresholds, load_config
from toolkit.datasets import AREA, BOOL, DATASETS, DATE, DATETIME, INT, MONEY, NUMBER
from toolkit.ingest.load import load_round


def typed(name: str, rows: list[dict]) -> pd.DataFrame:
    """A frame of dataset ``name`` with every column and the accepted dtypes; ``_row`` = 2, 3, …"""
    spec = DATASETS[name]
    data = {"_row": pd.array(list(range(2, 2 + len(rows))), dtype="Int64")}
    for col in spec.columns:
        values = [r.get(col.name) for r in rows]
        if col.kind == INT:
            data[col.name] = pd.array(values, dtype="Int64")
        elif col.kind in (NUMBER, MONEY, AREA):
            data[col.name] = np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif col.kind in (DATE, DATETIME):
            data[col.name] = pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ns]").array
        elif col.kind == BOOL:
            data[col.name] = pd.array(values, dtype="boolean")
        else:
            data[col.name] = pd.array(values, dtype="str")
    return pd.DataFrame(data)


def reception(rid="R1", **over) -> dict:
    row = {"id": rid, "unit": "县财政局", "date": "2020-03-05", "guest_org": "市财政局", "guest_city": "南昌市",
           "city": None, "guests": 4, "hosts": 2, "amount": 600.0, "venue": f"机关食堂{rid}",
           "letter_no": "市财函〔2020〕1号", "invoice_no": f"INV-{rid}", "approver": "张三", "purpose": "调研"}
    row.update(over)
    return row


def trip(tid="T1", **over) -> dict:
    row = {"id": tid, "plate": "赣A00001", "unit": "县财政局", "start_time": "2020-03-05 09:00",
           "end_time": "2020-03-05 17:00", "origin": "县政府", "destination": "某乡镇", "km": 100.0,
           "purpose": "下乡调研", "driver": "李四", "approval_no": f"派车〔2020〕{tid}"}
    row.update(over)
    return row


def fill(fid="F1", **over) -> dict:
    row = {"id": fid, "card_no": "C001", "bound_plate": "赣A00001", "unit": "县财政局", "time": "2020-03-05 10:00",
           "station": "中石化城东站", "product": "92#", "liters": 10.0, "amount": 70.0}
    row.update(over)
    return row


def trip_abroad(gid="G1", **over) -> dict:
    row = {"id": gid, "name": "王五", "unit": "县商务局", "depart_on": "2020-03-01", "return_on": "2020-03-05",
           "countries": "德国", "approval_no": f"外批〔2020〕{gid}", "cost": 30000.0}
    row.update(over)
    return row


def budget_row(bid="B1", **over) -> dict:
    row = {"id": bid, "unit": "县财政局", "year": 2020, "category": "公务接待费", "budget": 10.0, "actual": 8.0}
    row.update(over)
    return row


def config(city: str = "青岚县", **thresholds) -> RoundConfig:
    return RoundConfig(slug="test", period_start=dt.date(2019, 10, 1), as_of=dt.date(2020, 6, 30), city=city,
                       thresholds=Thresholds().with_overrides(thresholds))


def run(frames: dict[str, list[dict] | pd.DataFrame], city: str = "青岚县", **thresholds):
    data = {name: rows if isinstance(rows, pd.DataFrame) else typed(name, rows) for name, rows in frames.items()}
    return run_checks(Context(data, config(city, **thresholds)), sangong.CHECKS, sangong.INDICATORS)


def found(result, check_id: str) -> list[str]:
    return result.findings.loc[result.findings["check_id"] == check_id, "record_id"].tolist()


def finding(result, check_id: str, record_id: str) -> pd.Series:
    rows = result.findings[(result.findings["check_id"] == check_id) & (result.findings["record_id"] == record_id)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture(scope="session")
def demo(built_demo) -> SimpleNamespace:
    """The demo round, built once: its accepted frames, round config and planted truth."""
    root = built_demo
    cfg = load_config(root / "round.toml")
    truth = json.loads((root / ".truth.json").read_text(encoding="utf-8"))
    return SimpleNamespace(frames=load_round(root, cfg).frames, config=cfg, truth=truth)


@pytest.fixture(scope="session")
def sg() -> SimpleNamespace:
    return SimpleNamespace(typed=typed, reception=reception, trip=trip, fill=fill, trip_abroad=trip_abroad,
                           budget_row=budget_row, config=config, run=run, found=found, finding=finding)

"""The drawn sample's workbook (inert, re-readable, evaluable) and its record for manifest.json."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.forensic.sampling import mus_evaluate, mus_plan, mus_select
from toolkit.forensic.workpaper import write_sample
from toolkit.report.manifest import collect_samples


def test_sample_workbook_and_record(tmp_path):
    df = pd.DataFrame({"id": [f"F{i}" for i in range(40)], "unit": ["=HYPERLINK(\"x\")"] + ["甲"] * 39,
                       "amount": [100.0 + 37 * i for i in range(40)]})
    plan = mus_plan(float(df["amount"].sum()), 5_000)
    sample = mus_select(df, "amount", plan.n, seed=7)
    record = write_sample(tmp_path / "90_forensic_files", "fuel_mus_sample", sample, "fuel", ["id", "unit"], plan)
    workbook = tmp_path / "90_forensic_files" / "fuel_mus_sample.xlsx"
    sheets = pd.read_excel(workbook, sheet_name=None, engine="openpyxl")
    assert list(sheets) == ["样本", "抽样参数"]
    sheet = sheets["样本"]
    assert sheet["id"].tolist() == sample.record_ids
    assert sheet["审定金额"].isna().all() and sheet["账面金额"].sum() == pytest.approx(
        sample.frame["amount"].sum())
    if "F0" in sample.record_ids:
        assert sheet.loc[sheet["id"] == "F0", "unit"].iloc[0] == "=HYPERLINK(\"x\")"   # text, not a formula
    stored = json.loads((tmp_path / "90_forensic_files" / "fuel_mus_sample.sample.json").read_text("utf-8"))
    assert stored == json.loads(json.dumps(record))
    assert stored["seed"] == 7 and stored["size"] == plan.n and stored["interval"] == sample.interval
    assert collect_samples(tmp_path) == [{**stored, "file": "90_forensic_files/fuel_mus_sample.sample.json"}]
    sheet["审定金额"] = sheet["账面金额"]
    assert mus_evaluate(sheet, stored["interval"]).upper_limit == pytest.approx(3.0 * sample.interval)

"""`toolkit batch` on three rounds: a broken round fails alone, the others equal `toolkit check` run alone."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.batch.conftest import BROKEN, GOOD
from toolkit.cli import main
from toolkit.ingest.load import sha256_file


def _manifest(out):
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_the_broken_round_fails_alone_and_the_batch_exits_1(batch):
    _, out, code = batch
    records = {r["name"]: r for r in _manifest(out)["rounds"]}
    assert code == 1
    assert sorted(records) == sorted([*GOOD, BROKEN])          # the folder without round.toml is no round
    assert [records[n]["status"] for n in GOOD] == ["ok", "ok"]
    assert records[BROKEN]["status"] == "failed"
    assert "as_of" in records[BROKEN]["reason"]
    assert (out / "rounds" / GOOD[0] / "findings.csv").is_file()
    assert not (out / "rounds" / BROKEN / "findings.csv").exists()


def test_the_batch_manifest_lists_each_rounds_manifest_hash(batch):
    _, out, _ = batch
    for record in _manifest(out)["rounds"]:
        if record["status"] == "ok":
            assert record["manifest_sha256"] == sha256_file(out / "rounds" / record["name"] / "manifest.json")
        else:
            assert record["manifest_sha256"] is None


def test_each_rounds_findings_equal_toolkit_check_on_that_round_alone(batch, tmp_path):
    rounds, out, _ = batch
    for name in GOOD:
        alone = tmp_path / name
        assert main(["check", str(rounds / name), "--out", str(alone)]) == 0
        ours = pd.read_csv(out / "rounds" / name / "findings.csv", dtype=str)
        theirs = pd.read_csv(alone / "findings.csv", dtype=str)
        assert len(ours) > 0
        pd.testing.assert_frame_equal(ours, theirs)
        assert (json.loads((out / "rounds" / name / "indicators.json").read_text(encoding="utf-8"))
                == json.loads((alone / "indicators.json").read_text(encoding="utf-8")))


def test_the_summarys_figures_equal_each_rounds_indicators_json(batch):
    _, out, _ = batch
    sheet = pd.read_excel(out / "summary.xlsx", sheet_name="指标对照", engine="openpyxl")
    exact = json.loads((out / "summary.json").read_text(encoding="utf-8"))["indicators"]
    for name in GOOD:
        indicators = json.loads((out / "rounds" / name / "indicators.json").read_text(encoding="utf-8"))
        assert {k: v for k, v in exact[name].items() if k in indicators} == indicators
        values = dict(zip(sheet["名称"], sheet[name]))
        assert set(indicators) <= set(values)
        for key, value in indicators.items():   # a workbook keeps 15 significant digits, as Excel does
            assert pd.isna(values[key]) if value is None else values[key] == pytest.approx(value, rel=1e-14), key


def test_the_summarys_findings_per_check_equal_each_rounds_findings(batch):
    _, out, _ = batch
    checks = pd.read_excel(out / "summary.xlsx", sheet_name="检查明细", engine="openpyxl")
    for name in GOOD:
        findings = pd.read_csv(out / "rounds" / name / "findings.csv", dtype=str)
        counts = findings["check_id"].value_counts().to_dict()
        ours = checks[(checks["轮次"] == name) & (checks["疑点数"] > 0)].set_index("检查编号")["疑点数"].to_dict()
        assert ours == counts
        areas = pd.read_excel(out / "summary.xlsx", sheet_name="领域比较", engine="openpyxl")
        assert areas.loc[areas["轮次"] == name, "疑点数"].sum() == len(findings)


def test_the_cross_round_view_escapes_and_names_the_failed_round(batch):
    _, out, _ = batch
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<i>乙县" not in page and "=&lt;i&gt;乙县" in page
    assert "失败的轮次" in page and BROKEN in page and "data:image/png;base64," in page
    failed = pd.read_excel(out / "summary.xlsx", sheet_name="失败轮次", engine="openpyxl")
    assert failed["轮次"].tolist() == [BROKEN]
    sheet = load_workbook(out / "summary.xlsx")["指标对照"]
    header = [cell for cell in next(sheet.iter_rows(max_row=1))]
    assert GOOD[1] in [c.value for c in header]
    assert all(c.data_type != "f" for c in header)

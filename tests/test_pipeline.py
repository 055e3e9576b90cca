"""toolkit.pipeline: analyse a round in memory; check_round writes every output file of `toolkit check`."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd
import pytest

from toolkit.analysis import Analysis
from toolkit.areas import AREAS, all_checks
from toolkit.errors import ConfigError, InputError
from toolkit.pipeline import analyse, check_round, default_out_dir, finish_manifest

CLUES = [["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"],
         ["C1", "信访举报", "2020-01-01", "核查中", "", ""],                   # open for 181 days at as_of
         ["C2", "信访举报", "2020-06-01", "已办结", "2020-06-10", ""],         # closed, no disposition
         ["C3", "外部", "2020-06-01", "核查中", "", ""]]                       # rejected: unknown source
LEDGER = [["措施编号", "方面序号", "方面", "问题序号", "问题", "整改措施", "整改类型", "完成时限", "整改状态"],
          ["1-1-1", "1", "甲", "1", "乙", "措施一", "限期整改", "2020-06-29", "推进中"]]
OUTPUT_FILES = {"findings.csv", "findings.xlsx", "indicators.json", "rejected.csv", "manifest.json", "ledger.xlsx",
                ".snapshot"}  # the checked round, for the notebooks of a run (toolkit.snapshot)


@pytest.fixture
def tiny(round_dir):
    round_dir.csv("问题线索.csv", CLUES)
    round_dir.csv("整改台账.csv", LEDGER)
    return round_dir.root


# ---- analyse ------------------------------------------------------------------------------------

def test_analyse_reads_checks_and_times_a_round(tiny):
    analysis = analyse(tiny)
    assert isinstance(analysis, Analysis)
    assert set(analysis.data.frames) == {"clues", "ledger"} and len(analysis.frame("clues")) == 2
    assert sorted(analysis.findings["check_id"]) == ["clues.closed_without_disposition", "clues.overdue",
                                                     "ledger.overdue"]
    assert analysis.indicators["cases.clues.received"] == 2 and analysis.indicators["cases.persons"] is None
    assert analysis.rejected_rows == 1
    assert set(analysis.timings) == {"ingest_s", "checks_s"} and min(analysis.timings.values()) >= 0
    assert analysis.context.data is analysis.data.frames and analysis.context.round is analysis.config
    assert "cases.form_sanction_mismatch" in analysis.run.skipped


def test_analyse_overrides_thresholds(tiny):
    analysis = analyse(tiny, {"clue_days_max": 1000})
    assert "clues.overdue" not in set(analysis.findings["check_id"])
    assert analysis.config.thresholds.clue_days_max == 1000


def test_analyse_only_some_areas(tiny):
    analysis = analyse(tiny, areas=["ledger"])
    assert set(analysis.findings["area"]) == {"ledger"}
    assert set(analysis.run.skipped) <= {c.id for c in all_checks(["ledger"])}


def test_analyse_refuses_a_missing_folder_and_an_unknown_threshold(tiny, tmp_path):
    with pytest.raises(InputError, match="数据目录不存在"):
        analyse(tmp_path / "nowhere")
    with pytest.raises(ConfigError, match="未知的阈值"):
        analyse(tiny, {"clue_days_maxx": 1})


# ---- check_round --------------------------------------------------------------------------------

def test_check_round_writes_every_output_file(tiny, tmp_path, capsys):
    analysis, manifest, out = check_round(tiny, tmp_path / "out")
    assert out == tmp_path / "out"
    assert {p.name for p in out.iterdir()} == OUTPUT_FILES
    assert manifest["status"] == "checked" and manifest["findings"] == len(analysis.findings) == 3
    assert manifest["rejected_rows"] == 1 and manifest["files"][0]["file"] in {"问题线索.csv", "整改台账.csv"}
    written = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert written["status"] == "running" and written["parameters"]["data_dir"] == str(tiny)
    assert json.loads((out / "indicators.json").read_text(encoding="utf-8")) == analysis.indicators
    findings = pd.read_csv(out / "findings.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(findings.columns) == ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount",
                                      "message", "title", "row", "finding_key", "review_conclusion", "review_note"]
    book = openpyxl.load_workbook(out / "findings.xlsx")
    assert book.sheetnames == ["汇总", *(module.TITLE for module in AREAS.values())]
    assert openpyxl.load_workbook(out / "ledger.xlsx").sheetnames == [AREAS["ledger"].TITLE]
    assert capsys.readouterr().err == ""


def test_check_round_masks_and_finishes(round_dir, tmp_path):
    header = ["编号", "案件编号", "姓名", "单位", "形态", "处理结果"]
    round_dir.csv("处分与处理.csv", [header, ["13812345678", "A1", "张三丰", "县财政局", "第一种形态", "警告"]])
    _, manifest, out = check_round(round_dir.root, tmp_path / "masked", mask=True)
    text = (out / "findings.csv").read_text(encoding="utf-8-sig")
    assert "138****5678" in text and "13812345678" not in text and manifest["parameters"]["mask"] is True
    finish_manifest(out, manifest, "ok")
    written = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert written["status"] == "ok" and written["finished_at"]


def test_a_previous_ledger_export_does_not_survive_a_round_without_ledger(round_dir, tmp_path):
    round_dir.csv("问题线索.csv", CLUES)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ledger.xlsx").write_bytes(b"previous run")
    check_round(round_dir.root, out)
    assert not (out / "ledger.xlsx").exists()


def test_default_out_dir_is_reports_slug(tiny):
    assert str(default_out_dir(analyse(tiny).config)) == "reports/test-round"

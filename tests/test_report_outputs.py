"""toolkit.report.outputs: atomic writes, findings.csv and the findings workbook."""

from __future__ import annotations

import gc
import json
import os
import stat

import openpyxl
import pandas as pd
import pytest

from toolkit.report import outputs

CONTRACT_ORDER = ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount", "message", "title", "row"]
TITLES = {"ledger": "整改台账", "land": "工业用地"}


def findings() -> pd.DataFrame:
    """Three findings, columns deliberately out of contract order."""
    return pd.DataFrame({
        "message": ["逾期", "闲置", "闲置"], "row": [2, 3, 4], "title": ["整改逾期", "土地闲置", "土地闲置"],
        "check_id": ["ledger.overdue", "land.idle", "land.idle"], "area": ["ledger", "land", "land"],
        "dataset": ["ledger", "land", "land"], "record_id": ["1-1-1", "D1", "D2"], "unit": ["县委办", "", ""],
        "severity": ["medium", "medium", "medium"], "amount": [None, 12.5, 3.0],
    })


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# ---- atomic writes ------------------------------------------------------------------------------

def test_a_failed_write_leaves_neither_the_file_nor_a_temporary(tmp_path):
    target = tmp_path / "out" / "findings.csv"
    with pytest.raises(RuntimeError):
        with outputs.atomic_path(target) as tmp:
            tmp.write_text("half a fi", encoding="utf-8")
            raise RuntimeError("killed midway")
    assert not target.exists() and leftovers(target.parent) == []


def test_a_failed_rewrite_keeps_the_previous_file(tmp_path, monkeypatch):
    target = outputs.write_csv(tmp_path / "rejected.csv", pd.DataFrame({"a": [1]}))
    before = target.read_bytes()

    def half_then_fail(self, path, **kwargs):
        open(path, "w", encoding="utf-8").write("a\n")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        outputs.write_csv(target, pd.DataFrame({"a": [1, 2, 3]}))
    assert target.read_bytes() == before and leftovers(tmp_path) == []


def test_written_files_are_readable_by_colleagues(tmp_path):
    old = os.umask(0o022)
    try:
        path = outputs.write_text(tmp_path / "note.txt", "你好")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert path.read_text(encoding="utf-8") == "你好"


def test_write_json_keeps_chinese_and_ends_with_a_newline(tmp_path):
    path = outputs.write_json(tmp_path / "indicators.json", {"ledger.measures": 133, "名称": "整改台账", "x": None})
    text = path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "整改台账" in text and json.loads(text)["x"] is None


# ---- findings.csv -------------------------------------------------------------------------------

def test_findings_csv_has_a_bom_and_the_columns_in_the_order_given(tmp_path):
    path = outputs.write_findings_csv(tmp_path / "findings.csv", findings(), CONTRACT_ORDER)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    assert raw[3:].decode("utf-8").splitlines()[0] == ",".join(CONTRACT_ORDER)
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["record_id"].tolist() == ["1-1-1", "D1", "D2"] and back["amount"].tolist() == ["", "12.5", "3.0"]


def test_findings_csv_refuses_a_missing_column(tmp_path):
    with pytest.raises(KeyError):
        outputs.write_findings_csv(tmp_path / "findings.csv", findings().drop(columns="unit"), CONTRACT_ORDER)
    assert not (tmp_path / "findings.csv").exists()


# ---- the findings workbook ----------------------------------------------------------------------

def test_workbook_has_a_summary_then_one_sheet_per_area_named_by_its_title(tmp_path):
    path = outputs.write_findings_xlsx(tmp_path / "findings.xlsx", findings(), TITLES)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "整改台账", "工业用地"]
    land = [[c.value for c in row] for row in book["工业用地"].iter_rows()]
    assert land[0] == ["疑点类型", "检查编号", "记录编号", "单位", "严重程度", "金额（元）/面积（亩）", "疑点说明",
                       "数据集", "原表行号"]
    assert [r[2] for r in land[1:]] == ["D1", "D2"] and land[1][4] == "中"
    summary = [[c.value for c in row] for row in book["汇总"].iter_rows()]
    assert summary[0] == ["领域", "检查编号", "疑点类型", "严重程度", "疑点数", "涉及金额/面积"]
    assert summary[1:] == [["工业用地", "land.idle", "土地闲置", "中", 2, 15.5], ["整改台账", "ledger.overdue", "整改逾期", "中", 1, 0]]
    sheet = book["整改台账"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions


def test_workbook_of_a_round_without_findings(tmp_path):
    path = outputs.write_findings_xlsx(tmp_path / "findings.xlsx", findings().iloc[0:0], TITLES)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "整改台账", "工业用地"] and book["工业用地"].max_row == 1


def test_summary_names_areas_by_title_or_code():
    assert outputs.summarise(findings(), TITLES)["领域"].tolist() == ["工业用地", "整改台账"]
    assert outputs.summarise(findings())["领域"].tolist() == ["land", "ledger"]
    assert outputs.summarise(findings().iloc[0:0]).empty


def test_summarise_and_findings_for_people_leave_their_input_alone():
    frame = findings()
    copy = frame.copy()
    outputs.summarise(frame, TITLES)
    outputs.findings_for_people(frame)
    pd.testing.assert_frame_equal(frame, copy)


def test_dates_only_in_a_table(tmp_path):
    table = pd.DataFrame({"完成时限": pd.to_datetime(["2020-06-30", None]), "时间": pd.to_datetime(["2020-06-30 14:05", None])})
    path = outputs.write_table_xlsx(tmp_path / "ledger.xlsx", table, "整改台账")
    sheet = openpyxl.load_workbook(path)["整改台账"]
    assert sheet["A2"].number_format == "YYYY-MM-DD" and sheet["B2"].number_format == "YYYY-MM-DD HH:MM"


def test_workbook_cells_by_kind_and_widths_from_the_text(tmp_path):
    table = pd.DataFrame({"说明": pd.Series(["县委办公室", None, ""], dtype="str"), "n": pd.array([3, None, 5], "Int64"),
                          "x": [1.5, float("nan"), float("inf")], "ok": [True, False, True]})
    sheet = openpyxl.load_workbook(outputs.write_table_xlsx(tmp_path / "t.xlsx", table, "表"))["表"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["说明", "n", "x", "ok"], ["县委办公室", 3, 1.5, True], [None, None, None, False], [None, 5, "inf", True]]
    widths = {i: d.width for d in sheet.column_dimensions.values() for i in range(d.min, d.max + 1)}
    assert widths == {1: 12, 2: 8, 3: 8, 4: 8}   # 5 wide characters + 2; never under 8
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D4"


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_paused_leaves_the_collector_as_it_found_it(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(ValueError), outputs.collection_paused():
            assert not gc.isenabled()
            raise ValueError
        assert gc.isenabled() == enabled
    finally:
        (gc.enable if was else gc.disable)()

"""Exports are inert: no text of the data becomes a formula in a workbook or a CSV the toolkit writes.

The attack: a cell such as ``=HYPERLINK("http://x","click")`` in any text field of a round. In a
workbook it must be a string cell (openpyxl reads it back as the same text, the sheet XML has no
``<f>`` element); in a CSV every text cell starting with = + - @ tab or CR gets a leading ``'``
(OWASP's advice on CSV injection) while numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.escape import unescape
import pandas as pd
import pytest

from toolkit.bulletin.parse import LEDGER_COLUMNS, write_ledger_csv
from toolkit.cli import main
from toolkit.report.compare import compare_runs
from toolkit.report.outputs import (FORMULA_TRIGGERS, inert_cells, inert_text, write_csv, write_findings_xlsx,
                                    write_table_xlsx)

FORMULA = '=HYPERLINK("http://x","click")'
ATTACKS = [FORMULA, "+1+1", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]
CLUE_HEADER = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]
LEDGER_HEADER = ["措施编号", "方面序号", "方面", "问题序号", "问题", "整改措施", "整改类型", "完成时限", "整改状态",
                 "责任单位"]


def csv_cells(path: Path) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")) for cell in row]


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_csv_inert(path: Path) -> None:
    """No cell of the file starts a formula, unless it is a number (-5.0)."""
    live = [c for c in csv_cells(path) if c.startswith(FORMULA_TRIGGERS) and not is_number(c)]
    assert not live, f"{path.name}: {live[:3]}"


def workbook_formulas(path: Path) -> list[str]:
    """The <f> elements of every sheet of a workbook (there must be none)."""
    with zipfile.ZipFile(path) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return [n for n in sheets if b"<f>" in package.read(n) or b"<f " in package.read(n)]


def workbook_text(path: Path) -> list[tuple[str, str]]:
    """(value, data type) of every text cell of a workbook, read back with openpyxl.

    A control character is stored as OOXML's ``_x000D_`` (Excel and calamine decode it; openpyxl
    leaves it), so the values are unescaped as Excel shows them.
    """
    book = openpyxl.load_workbook(path)
    return [(unescape(cell.value), cell.data_type) for sheet in book.worksheets for row in sheet.iter_rows()
            for cell in row if isinstance(cell.value, str)]


# ---- the rule -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ATTACKS)
def test_text_that_would_start_a_formula_gets_a_quote(text):
    assert inert_text(text) == "'" + text


@pytest.mark.parametrize("value", ["县委办", "整改=完成", "'=1+1", "", -5.0, 3, None])
def test_other_values_are_left_alone(value):
    assert inert_text(value) == value


def test_only_text_cells_change_and_the_input_is_kept():
    frame = pd.DataFrame({"text": pd.array(["-5", "甲", None], dtype="str"), "amount": [-5.0, 1.0, None],
                          "mixed": pd.Series(["@x", -3, None], dtype="object"),
                          "kind": pd.Series(["=a", "b", "=a"], dtype="category")})
    before = frame.copy()
    safe = inert_cells(frame)
    assert safe["text"].tolist()[:2] == ["'-5", "甲"] and pd.isna(safe["text"].iloc[2])
    assert str(safe["text"].dtype) == "str" and safe["amount"].tolist()[:2] == [-5.0, 1.0]
    assert safe["mixed"].tolist() == ["'@x", -3, None]
    assert safe["kind"].astype(str).tolist() == ["'=a", "b", "'=a"]
    pd.testing.assert_frame_equal(frame, before)


def test_write_csv_quotes_text_but_writes_negative_numbers_as_numbers(tmp_path):
    path = write_csv(tmp_path / "t.csv", pd.DataFrame({"record_id": [FORMULA, "-5"], "amount": [-5.0, 2.5]}))
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1:] == ["\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",-5.0", "'-5,2.5"]
    assert_csv_inert(path)


# ---- every CSV the toolkit writes ---------------------------------------------------------------

@pytest.fixture
def attacked_round(round_dir):
    """A round whose text cells start formulas: an overdue clue and an overdue measure (findings), a clue
    with an unknown source (rejected)."""
    round_dir.csv("问题线索.csv", [CLUE_HEADER, [FORMULA, "信访举报", "2020-01-01", "核查中", "", ""],
                                  ["C2", "@SUM(1+1)", "2020-01-01", "核查中", "", ""]])
    round_dir.csv("整改台账.csv", [LEDGER_HEADER, ["1-1-1", "1", "+方面", "1", "@问题", FORMULA, "限期整改",
                                                 "2020-06-29", "推进中", "-县委办"]])
    return round_dir.root


@pytest.fixture
def checked(attacked_round, tmp_path) -> Path:
    out = tmp_path / "out"
    assert main(["check", str(attacked_round), "--out", str(out)]) == 0
    return out


def test_findings_csv_and_rejected_csv_are_inert(checked):
    for name in ("findings.csv", "rejected.csv"):
        assert_csv_inert(checked / name)
    findings = pd.read_csv(checked / "findings.csv", encoding="utf-8-sig", dtype=str)
    assert "'" + FORMULA in findings["record_id"].tolist()
    rejected = pd.read_csv(checked / "rejected.csv", encoding="utf-8-sig", dtype=str)
    assert rejected["value"].tolist() == ["'@SUM(1+1)"]


def test_bulletin_parse_output_is_inert(tmp_path):
    ledger = pd.DataFrame({"measure_id": ["1-1-1"], "aspect": ["+方面"], "measure": [FORMULA], "units": ["@县委办"]})
    out = tmp_path / "整改台账.csv"
    write_ledger_csv(ledger, out)
    assert_csv_inert(out)
    back = pd.read_csv(out, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(back.columns) == LEDGER_COLUMNS
    assert back.loc[0, ["measure", "aspect", "units"]].tolist() == ["'" + FORMULA, "'+方面", "'@县委办"]


def test_compare_csv_is_inert(tmp_path):
    for name, ids in (("a", ["C1", "=1+2"]), ("b", ["=1+2", "@x"])):
        folder = tmp_path / name
        folder.mkdir()
        pd.DataFrame({"check_id": "clues.overdue", "dataset": "clues", "record_id": ids,
                      "message": ["-超期", "超期"]}).to_csv(folder / "findings.csv", index=False, encoding="utf-8-sig")
        (folder / "indicators.json").write_text(json.dumps({}), encoding="utf-8")
    compare_runs(tmp_path / "a", tmp_path / "b").write(tmp_path / "out")
    assert_csv_inert(tmp_path / "out" / "compare.csv")
    written = pd.read_csv(tmp_path / "out" / "compare.csv", encoding="utf-8-sig", dtype=str)
    assert set(written["record_id"]) == {"C1", "'=1+2", "'@x"}


# ---- every workbook the toolkit writes ----------------------------------------------------------

@pytest.mark.parametrize("name", ["findings.xlsx", "ledger.xlsx"])
def test_workbooks_hold_the_text_as_text(checked, name):
    cells = workbook_text(checked / name)
    assert FORMULA in [value for value, _ in cells]
    assert {kind for _, kind in cells} == {"s"}
    assert workbook_formulas(checked / name) == []


def test_findings_workbook_writer_keeps_every_attack_as_text_and_numbers_as_numbers(tmp_path):
    findings = pd.DataFrame({
        "area": "cases", "check_id": "clues.overdue", "title": ATTACKS, "severity": "medium", "record_id": ATTACKS,
        "unit": ATTACKS, "amount": [-5.0] * len(ATTACKS), "message": ATTACKS, "dataset": "clues",
        "row": range(2, 2 + len(ATTACKS))})
    path = write_findings_xlsx(tmp_path / "findings.xlsx", findings, {"cases": "问题线索与处分"})
    assert workbook_formulas(path) == []
    sheet = openpyxl.load_workbook(path)["问题线索与处分"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    shown = pd.read_excel(path, sheet_name="问题线索与处分", engine="calamine", dtype=object)
    assert shown["记录编号"].tolist() == ATTACKS          # unchanged, not prefixed
    assert {row[5] for row in rows} == {-5}              # 金额: a number
    assert {c.data_type for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)} == {"s"}


def test_table_workbook_writer_keeps_text_as_text(tmp_path):
    path = write_table_xlsx(tmp_path / "ledger.xlsx", pd.DataFrame({"整改措施": ATTACKS}), "整改台账")
    assert workbook_formulas(path) == []
    assert workbook_text(path) == [("整改措施", "s")] + [(text, "s") for text in ATTACKS]

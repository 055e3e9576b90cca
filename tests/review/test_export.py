"""`toolkit review export`: one protected workbook per unit, answer cells only unlocked, a drop-down."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.config import RoundConfig
from toolkit.pipeline import analyse, masked_analysis
from toolkit.review.export import COVER, HEADERS, SHEET, export_review, unit_file_name
from toolkit.review.log import ANSWER_HEADERS

ROUND = RoundConfig("t", dt.date(2019, 10, 1), dt.date(2020, 6, 30), title="测试轮次")


def _findings(units: list[str]) -> pd.DataFrame:
    n = len(units)
    return pd.DataFrame({
        "finding_key": [f"k{i:09d}" for i in range(n)], "title": ["超标接待"] * n, "check_id": ["x.big"] * n,
        "record_id": [f"R{i}" for i in range(n)], "unit": units, "severity": ["high"] * n,
        "amount": [100.0] * n, "message": ["人数超标"] * n, "dataset": ["reception"] * n, "row": [2] * n,
    }).astype({"unit": "str"})


def test_one_workbook_per_unit_and_one_for_findings_without_a_unit(tmp_path: Path):
    paths = export_review(_findings(["县委办", "县委办", "财政局", None]), ROUND, tmp_path, dt.date(2020, 7, 15))
    assert sorted(p.name for p in paths) == sorted([unit_file_name("县委办"), unit_file_name("财政局"),
                                                    unit_file_name("")])
    book = load_workbook(tmp_path / unit_file_name("县委办"))
    assert book.sheetnames == [COVER, SHEET]
    cover = "\n".join(str(c.value) for c in book[COVER]["A"] if c.value)
    assert "测试轮次" in cover and "2020年7月15日" in cover and "县委办" in cover
    sheet = book[SHEET]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.max_row == 3


def test_only_the_answer_cells_are_unlocked_and_the_conclusion_is_a_drop_down(tmp_path: Path):
    export_review(_findings(["县委办", "县委办"]), ROUND, tmp_path, dt.date(2020, 7, 15))
    sheet = load_workbook(tmp_path / unit_file_name("县委办"))[SHEET]
    assert sheet.protection.sheet and not sheet.protection.password
    answers = {HEADERS.index(h) + 1 for h in ANSWER_HEADERS.values()}
    for row in (2, 3):
        for column in range(1, len(HEADERS) + 1):
            assert sheet.cell(row=row, column=column).protection.locked == (column not in answers)
    assert all(c.protection.locked for c in sheet[1])
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and validation.formula1 == '"属实,部分属实,不属实"'
    letter = sheet.cell(row=1, column=HEADERS.index("核查结论") + 1).column_letter
    assert str(validation.sqref) == f"{letter}2:{letter}3"


def test_the_command_exports_every_finding_of_the_demo_and_masks_on_request(exported: Path, demo_round: Path,
                                                                            tmp_path: Path):
    """The plain export is the session's (conftest.py: the same command on the demo round); the masked one runs
    here."""
    analysis = analyse(demo_round)
    findings = analysis.findings
    listed = pd.concat([pd.read_excel(p, sheet_name=SHEET, dtype="str", engine="openpyxl") for p in exported.iterdir()])
    assert sorted(listed["疑点编号"]) == sorted(findings["finding_key"])
    assert main(["review", "export", str(demo_round), "--out", str(tmp_path / "masked"), "--mask"]) == 0
    masked = pd.concat([pd.read_excel(p, sheet_name=SHEET, dtype="str", engine="openpyxl") for p in (tmp_path / "masked").iterdir()])
    assert sorted(masked["疑点编号"]) == sorted(findings["finding_key"])
    assert sorted(masked["疑点说明"]) == sorted(masked_analysis(analysis).findings["message"])
    assert not any(p.name == "review.csv" for p in demo_round.iterdir())


def test_the_workbooks_may_not_go_into_the_round_folder(demo_round: Path):
    assert main(["review", "export", str(demo_round), "--out", str(demo_round / "out")]) == 2


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path):
    findings = _findings(["县委办"]).assign(message='=HYPERLINK("http://x","点击")')
    export_review(findings, ROUND, tmp_path, dt.date(2020, 7, 15))
    cell = load_workbook(tmp_path / unit_file_name("县委办"))[SHEET].cell(row=2, column=HEADERS.index("疑点说明") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x","点击")'

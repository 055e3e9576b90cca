"""The whole loop on the demo round: export (once, tests/review/conftest.py) → answer → import → status →
to-ledger → validate."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from toolkit.cli import main
from toolkit.pipeline import analyse
from toolkit.review.status import review_table

from .answering import answer, key_of, reply


def _answered_round(round_dir: Path, workbooks: Path) -> dict[str, str]:
    """Answer the biggest unit's exported workbook, first five rows (one wrong drop-down value, one deleted key),
    and import it."""
    path = max(workbooks.iterdir(), key=lambda p: len(pd.read_excel(p, sheet_name="疑点清单", engine="openpyxl")))
    keys = {row: key_of(path, row) for row in range(2, 7)}
    answer(path, {2: reply("属实"), 3: reply("部分属实", "金额有出入"), 4: reply("不属实", "有审批单"),
                  5: reply("对"), 6: {**reply("属实"), "疑点编号": None}})
    assert main(["review", "import", str(round_dir), str(path)]) == 1
    return {"属实": keys[2], "部分属实": keys[3], "不属实": keys[4], "wrong": keys[5], "deleted": keys[6]}


def test_findings_show_the_latest_answer_and_the_indicators_count_them(demo_round, workbooks, tmp_path):
    before = analyse(demo_round)
    assert all(before.indicators[f"review.{n}"] is None for n in ("confirmed", "partly", "rejected", "pending",
                                                                     "confirmed_amount"))
    keys = _answered_round(demo_round, workbooks)
    after = analyse(demo_round)
    status = after.findings.set_index("finding_key")["review_conclusion"]
    assert status[keys["属实"]] == "属实" and status[keys["部分属实"]] == "部分属实"
    assert status[keys["不属实"]] == "不属实"
    assert pd.isna(status[keys["wrong"]]) and pd.isna(status[keys["deleted"]])
    ind = after.indicators
    assert (ind["review.confirmed"], ind["review.partly"], ind["review.rejected"]) == (1, 1, 1)
    assert ind["review.pending"] == len(after.findings) - 3
    confirmed = after.findings.set_index("finding_key").loc[keys["属实"]]
    money = None if pd.isna(confirmed["amount"]) or confirmed["area"] == "land" else confirmed["amount"]  # 亩 not summed
    assert ind["review.confirmed_amount"] == money
    table = review_table(after.findings, {})
    assert table.iloc[-1][["疑点数", "属实", "部分属实", "不属实", "未答复"]].tolist() == [
        len(after.findings), 1, 1, 1, len(after.findings) - 3]


def test_check_writes_the_status_into_findings_csv_and_xlsx(demo_round, workbooks, tmp_path):
    keys = _answered_round(demo_round, workbooks)
    assert main(["check", str(demo_round), "--out", str(tmp_path / "report")]) == 0
    csv = pd.read_csv(tmp_path / "report" / "findings.csv", dtype="str").set_index("finding_key")
    assert list(csv.columns[:7]) == ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount"]
    assert csv.loc[keys["部分属实"], "review_conclusion"] == "部分属实"
    assert csv.loc[keys["部分属实"], "review_note"] == "金额有出入"
    sheets = pd.read_excel(tmp_path / "report" / "findings.xlsx", sheet_name=None, dtype="str", engine="openpyxl")
    listed = pd.concat([s for name, s in sheets.items() if "疑点编号" in s.columns]).set_index("疑点编号")
    assert listed.loc[keys["不属实"], "核查结论"] == "不属实"
    manifest = json.loads((tmp_path / "report" / "manifest.json").read_text(encoding="utf-8"))
    review_sha = hashlib.sha256((demo_round / "review.csv").read_bytes()).hexdigest()
    assert manifest["inputs"]["review.csv"] == {"sha256": review_sha}     # an input of the report
    assert "review.csv" not in manifest.get("ignored_files", [])          # not an unknown file


def test_a_new_answer_makes_the_snapshot_stale(demo_round, workbooks, tmp_path):
    from toolkit.notebook import open_round

    out = tmp_path / "report"
    assert main(["check", str(demo_round), "--out", str(out)]) == 0
    assert open_round(str(demo_round), {}, str(out)).indicators["review.confirmed"] is None
    _answered_round(demo_round, workbooks)
    assert open_round(str(demo_round), {}, str(out)).indicators["review.confirmed"] == 1


def test_to_ledger_drafts_one_problem_per_check_and_unit_that_validate_reads(demo_round, workbooks, tmp_path, capsys):
    keys = _answered_round(demo_round, workbooks)
    draft = tmp_path / "draft.xlsx"
    assert main(["review", "to-ledger", str(demo_round), "--out", str(draft)]) == 0
    ledger = pd.read_excel(draft, dtype="str", engine="openpyxl")
    assert sorted("、".join(ledger["疑点编号"]).split("、")) == sorted([keys["属实"], keys["部分属实"]])
    assert set(ledger["整改状态"]) == {"未启动"} and ledger["整改措施"].isna().all()
    assert "（部分属实）" in "".join(ledger["具体问题"])
    filled = tmp_path / "next-round"
    filled.mkdir()
    shutil.copy(demo_round / "round.toml", filled / "round.toml")
    capsys.readouterr()
    shutil.copy(draft, filled / "整改台账.xlsx")
    assert main(["validate", str(filled)]) == 1
    assert "整改措施" in capsys.readouterr().out
    book = load_workbook(filled / "整改台账.xlsx")
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=headers.index("整改措施") + 1, value="立即清退并建章立制")
        sheet.cell(row=row, column=headers.index("完成时限") + 1, value="2020-09-30")
        sheet.cell(row=row, column=headers.index("牵头领导") + 1, value="李四")
    book.save(filled / "整改台账.xlsx")
    assert main(["validate", str(filled)]) == 0
    read = analyse(filled).frame("ledger")
    assert len(read) == len(ledger)


def test_to_ledger_needs_answers(demo_round, tmp_path, capsys):
    assert main(["review", "to-ledger", str(demo_round), "--out", str(tmp_path / "draft.xlsx")]) == 2
    assert "review.csv" in capsys.readouterr().err and not (tmp_path / "draft.xlsx").exists()

"""The `toolkit review …` commands: read and check the round, then export, import or draft the ledger.

In the entry layer: it calls :func:`toolkit.pipeline.analyse` and the review modules below it. Each
function returns the exit code and prints what it did.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pandas as pd

from toolkit.analysis import Analysis
from toolkit.areas import area_titles
from toolkit.errors import InputError
from toolkit.ingest.validate import REJECTED_COLUMNS
from toolkit.outdir import check_out_dir, check_out_file
from toolkit.pipeline import analyse, masked_analysis
from toolkit.review.answers import log_lines, read_answers
from toolkit.review.export import export_review
from toolkit.review.ledger_draft import KEYS_HEADER, draft_ledger, write_draft_ledger
from toolkit.review.log import LOG_FILE, append_log, log_path

DEADLINE_DAYS = 14


def rejection_line(line: pd.Series) -> str:
    """One rejected answer as `toolkit validate` prints a rejected row."""
    where = f"{line['file']}" + (f" 工作表「{line['sheet']}」" if line["sheet"] else "")
    row = f" 第 {line['row']} 行" if pd.notna(line["row"]) else ""
    column = f"，列「{line['column']}」，值「{line['value']}」" if line["column"] else ""
    return f"    {where}{row}{column}：{line['reason']}"


def review_export(round_dir: Path, out: Path, mask: bool = False, deadline: dt.date | None = None) -> int:
    """`toolkit review export`: one workbook per unit into ``out``."""
    check_out_dir(out, round_dir)
    analysis = analyse(round_dir)
    if mask or analysis.config.mask:
        analysis = masked_analysis(analysis)
    deadline = deadline or dt.date.today() + dt.timedelta(days=DEADLINE_DAYS)
    paths = export_review(analysis.findings, analysis.config, Path(out), deadline)
    print(f"{len(analysis.findings)} 条疑点，{len(paths)} 个疑点核查反馈表 → {out}")
    return 0


def review_import(round_dir: Path, files: list[Path]) -> int:
    """`toolkit review import`: append the accepted answers to review.csv; exit 1 when any row was rejected."""
    analysis = analyse(round_dir)
    known = set(analysis.findings["finding_key"])
    answers, rejected = [], []
    for path in files:
        accepted, refused = read_answers(Path(path), known)
        answers.append(accepted)
        rejected.append(refused)
    accepted = pd.concat(answers, ignore_index=True) if answers else pd.DataFrame()
    refused = pd.concat(rejected, ignore_index=True) if rejected else pd.DataFrame(columns=REJECTED_COLUMNS)
    if len(accepted):
        now = dt.datetime.now().astimezone()
        append_log(round_dir, log_lines(accepted, analysis.findings, now))
    for _, line in refused.iterrows():
        print(rejection_line(line))
    print(f"导入 {len(accepted)} 条答复 → {log_path(round_dir)}" + (f"；拒绝 {len(refused)} 处" if len(refused) else ""))
    if len(refused):
        print("注意：被拒绝的答复未导入，请改正后重新导入（已导入的答复以最新一次为准）", file=sys.stderr)
        return 1
    return 0


def review_to_ledger(round_dir: Path, out: Path) -> int:
    """`toolkit review to-ledger`: the confirmed findings as a draft ledger workbook."""
    check_out_file(out, round_dir)
    if not log_path(round_dir).is_file():
        raise InputError(f"{round_dir}: 没有 {LOG_FILE}（尚未导入核查反馈），请先运行 toolkit review import")
    analysis: Analysis = analyse(round_dir)
    ledger = draft_ledger(analysis.findings, area_titles())
    write_draft_ledger(Path(out), ledger)
    findings = int((ledger[KEYS_HEADER].str.count("、") + 1).sum()) if len(ledger) else 0
    print(f"{len(ledger)} 个问题，{findings} 条属实或部分属实的疑点 → {out}"
          "（请补充整改措施、完成时限、牵头领导后放入轮次文件夹）")
    return 0

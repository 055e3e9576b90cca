"""Answered 疑点核查反馈表 workbooks → accepted answers and rejection lines, as every input is validated.

A row of 疑点清单 with any answer cell filled is an answer. It is rejected — with the file, sheet, Excel
row, column, value and reason of :data:`toolkit.ingest.validate.REJECTED_COLUMNS` — when its 疑点编号 is
empty or not a finding of the round, its 核查结论 is not one of 属实 / 部分属实 / 不属实, or its 核查日期 is
not a date. Rows without any answer are simply not answered yet. The files are only read, never changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from toolkit.formatting import is_empty_value
from toolkit.ingest.dates import parse_date
from toolkit.ingest.load import sha256_file
from toolkit.ingest.validate import REJECTED_COLUMNS, value_text
from toolkit.review.export import SHEET
from toolkit.review.log import ANSWER_HEADERS, CONCLUSIONS, LOG_COLUMNS

KEY_HEADER = "疑点编号"


def _reject(path: Path, row: int | None, column: str, value: object, reason: str) -> dict:
    return dict(zip(REJECTED_COLUMNS, (path.name, SHEET, row, column, value_text(value), reason)))


def _cell_text(value: object) -> str:
    return "" if is_empty_value(value) else str(value).strip()


def _read_rows(path: Path) -> tuple[list[dict], str | None]:
    """The 疑点清单 rows of one workbook as dicts (header → value) with their Excel row; or a reason."""
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is one rejection line
        return [], f"无法读取的工作簿（{type(exc).__name__}）"
    try:
        if SHEET not in book.sheetnames:
            return [], f"没有工作表「{SHEET}」，不是疑点核查反馈表"
        rows = book[SHEET].iter_rows(values_only=True)
        header = [_cell_text(v) for v in next(rows, ())]
        missing = [h for h in (KEY_HEADER, *ANSWER_HEADERS.values()) if h not in header]
        if missing:
            return [], "缺少列：" + "、".join(missing)
        return [{"_row": n, **dict(zip(header, values))} for n, values in enumerate(rows, start=2)], None
    finally:
        book.close()


def _check_row(path: Path, row: dict, known: set[str], rejected: list[dict]) -> dict | None:
    """The answer of one row (LOG_COLUMNS fields), or None (no answer, or rejected: lines added)."""
    answer = {field: row.get(header) for field, header in ANSWER_HEADERS.items()}
    if all(is_empty_value(v) for v in answer.values()):
        return None
    n, key = row["_row"], _cell_text(row.get(KEY_HEADER))
    before = len(rejected)
    if not key:
        rejected.append(_reject(path, n, KEY_HEADER, "", "疑点编号为空（请勿删除疑点编号）"))
    elif key not in known:
        rejected.append(_reject(path, n, KEY_HEADER, key, "未知的疑点编号：不是本轮次的疑点"))
    conclusion = _cell_text(answer["conclusion"])
    if conclusion not in CONCLUSIONS:
        rejected.append(_reject(path, n, "核查结论", answer["conclusion"],
                                "核查结论应为 " + "、".join(CONCLUSIONS) + " 之一"))
    reviewed_on = None
    if not is_empty_value(answer["reviewed_on"]):
        try:
            reviewed_on = parse_date(answer["reviewed_on"]).date().isoformat()
        except ValueError as exc:
            rejected.append(_reject(path, n, "核查日期", answer["reviewed_on"], str(exc)))
    if len(rejected) > before:
        return None
    texts = {field: _cell_text(answer[field]) or None for field in ("note", "evidence", "reviewer")}
    return {"finding_key": key, "conclusion": conclusion, **texts, "reviewed_on": reviewed_on, "source_row": n}


def read_answers(path: Path, known: set[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One answered workbook → (answers in LOG_COLUMNS without the finding's context, rejection lines).

    ``known``: the finding keys of the round. The file is opened read-only and never written.
    """
    path = Path(path)
    rows, reason = _read_rows(path)
    rejected: list[dict] = [] if reason is None else [_reject(path, None, "", "", reason)]
    answers = [a for a in (_check_row(path, row, known, rejected) for row in rows) if a is not None]
    frame = pd.DataFrame(answers, columns=[c for c in LOG_COLUMNS if c in (*ANSWER_HEADERS, "finding_key",
                                                                           "source_row")])
    if len(frame):
        frame = frame.assign(source_file=path.name, source_sha256=sha256_file(path))
    return frame, pd.DataFrame(rejected, columns=REJECTED_COLUMNS)


def log_lines(answers: pd.DataFrame, findings: pd.DataFrame, imported_at: dt.datetime) -> pd.DataFrame:
    """The review.csv lines of accepted answers: the finding's check, record and unit beside the answer."""
    context = findings.drop_duplicates("finding_key").set_index("finding_key")[["check_id", "record_id", "unit"]]
    lines = answers.join(context, on="finding_key")
    lines = lines.assign(source_row=lines["source_row"].astype("str"),
                         imported_at=imported_at.isoformat(timespec="seconds"))
    return lines.reindex(columns=LOG_COLUMNS)

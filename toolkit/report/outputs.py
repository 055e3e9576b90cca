"""Write a run's files atomically: findings.csv/.xlsx, indicators.json, rejected.csv, manifest.json.

The lowest of the writers: it imports nothing of the toolkit, so ingest, the
checks and everything above may use it. What it must know of the layers above
is passed in — the findings columns in contract order, the areas' Chinese
titles (``{"ledger": "整改台账", ...}``, from the area registry).
"""

from __future__ import annotations

import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import pandas as pd
from openpyxl.utils import get_column_letter

FINDING_HEADERS_ZH = {
    "check_id": "检查编号", "area": "领域", "dataset": "数据集", "record_id": "记录编号", "unit": "单位",
    "severity": "严重程度", "amount": "金额（元）/面积（亩）", "message": "疑点说明", "title": "疑点类型",
    "row": "原表行号",
}
SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}
SUMMARY_SHEET = "汇总"
DATETIME_FORMAT = "YYYY-MM-DD HH:MM"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def temp_beside(path: Path) -> Path:
    """A new temporary file beside ``path`` (same suffix), with the permissions a plain open() gives."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600 files; reports are shared with colleagues
    return Path(tmp)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    tmp_path = temp_beside(path)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding=encoding)
    return path


def write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """CSV in UTF-8 with BOM so that Excel opens Chinese text correctly."""
    with atomic_path(path) as tmp:
        frame.to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


def write_findings_csv(path: Path, findings: pd.DataFrame, columns: Sequence[str]) -> Path:
    """findings.csv: the given columns in the given order (the contract's, then ours), UTF-8 with BOM."""
    return write_csv(path, findings[list(columns)])


def findings_for_people(findings: pd.DataFrame) -> pd.DataFrame:
    """Findings with Chinese headers and severities, for the Excel list (疑点清单)."""
    table = findings[["title", "check_id", "record_id", "unit", "severity", "amount", "message", "dataset", "row"]]
    table = table.assign(severity=table["severity"].map(SEVERITY_ZH))
    return table.rename(columns=FINDING_HEADERS_ZH)


def write_findings_xlsx(path: Path, findings: pd.DataFrame, titles: Mapping[str, str]) -> Path:
    """汇总, then one sheet per area of ``titles`` (area → Chinese title, in sheet order), named by its title.

    Chinese headers, frozen header row, filters, readable widths.
    """
    sheets = {SUMMARY_SHEET: summarise(findings, titles)}
    for area, title in titles.items():
        sheets[title[:31]] = findings_for_people(findings[findings["area"] == area])
    return write_sheets_xlsx(path, sheets)


def write_table_xlsx(path: Path, table: pd.DataFrame, sheet: str) -> Path:
    """One table in one sheet, styled like the findings list."""
    return write_sheets_xlsx(path, {sheet: table})


def write_sheets_xlsx(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    """A workbook people read: frozen header row, filters, widths fitted to Chinese text, dates as dates
    (2020-06-30) and moments to the minute (2020-06-30 14:05)."""
    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, table in sheets.items():
                table = dates_only(table)
                table.to_excel(writer, sheet_name=name, index=False)
                _format_moments(writer.book[name], table)
            for sheet in writer.book.worksheets:
                sheet.freeze_panes = "A2"
                if sheet.max_row >= 1 and sheet.max_column >= 1:
                    sheet.auto_filter.ref = sheet.dimensions
                for index, column in enumerate(sheet.columns, start=1):
                    width = max((_display_width(c.value) for c in column), default=8)
                    sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 80)
    return path


def _format_moments(sheet: Any, table: pd.DataFrame) -> None:
    """Datetime columns shown to the minute (pandas' openpyxl writer ignores ``datetime_format``)."""
    for index, name in enumerate(table.columns, start=1):
        if pd.api.types.is_datetime64_any_dtype(table[name]):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = DATETIME_FORMAT


def dates_only(table: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns that hold only midnights become plain dates (Excel shows 2020-06-30, not 00:00).

    >>> dates_only(pd.DataFrame({"d": pd.to_datetime(["2020-06-30", None])}))["d"].tolist()
    [datetime.date(2020, 6, 30), NaT]
    """
    changes = {}
    for name in table.columns:
        column = table[name]
        if pd.api.types.is_datetime64_any_dtype(column) and (column.dropna() == column.dropna().dt.normalize()).all():
            changes[name] = column.dt.date.astype(object).where(column.notna(), pd.NaT)
    return table.assign(**changes) if changes else table


def summarise(findings: pd.DataFrame, titles: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Findings per area and check: count and amount at stake; areas named by ``titles`` (else their codes).

    >>> f = pd.DataFrame({"area": ["land", "land"], "check_id": ["land.idle"] * 2, "title": ["土地闲置"] * 2,
    ...                   "severity": ["medium"] * 2, "record_id": ["D1", "D2"], "amount": [1.5, 2.0]})
    >>> summarise(f, {"land": "工业用地"}).values.tolist()
    [['工业用地', 'land.idle', '土地闲置', '中', 2, 3.5]]
    """
    if findings.empty:
        return pd.DataFrame(columns=["领域", "检查编号", "疑点类型", "严重程度", "疑点数", "涉及金额/面积"])
    titles = titles or {}
    grouped = findings.groupby(["area", "check_id", "title", "severity"], sort=True).agg(
        n=("record_id", "size"), amount=("amount", "sum")).reset_index()
    grouped = grouped.assign(area=grouped["area"].map(lambda a: titles.get(a, a)),
                             severity=grouped["severity"].map(SEVERITY_ZH))
    return grouped.rename(columns={"area": "领域", "check_id": "检查编号", "title": "疑点类型",
                                   "severity": "严重程度", "n": "疑点数", "amount": "涉及金额/面积"})


def _display_width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

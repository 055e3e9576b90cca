"""A round folder → validated DataFrames, a per-file report and the rejected rows.

>>> # load_round(Path("data/demo")).frames["reception"] is the typed 公务接待 table
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from toolkit.config import REVIEW_FILE, ROUND_FILE, RoundConfig, load_config
from toolkit.datasets import DATASETS, REFERENCES, Dataset, dataset_for_filename
from toolkit.errors import InputError
from toolkit.ingest.parallel import read_files
from toolkit.ingest.read import TABLE_SUFFIXES, HeaderCell, find_header, read_sheets, repeated_columns
from toolkit.ingest.validate import (
    REJECTED_COLUMNS, ROW_COLUMN, Rejections, apply_row_rules, reject_duplicate_ids, rejected_table, type_sheet,
)
from toolkit.ingest.vector import SURROGATE
from toolkit.ingest.xlsxguard import cell_name


NOT_A_FILE = "不是普通文件（是文件夹、命名管道或设备），未读取"


@dataclass
class FileReport:
    """What happened to one input file."""

    path: Path
    dataset: str
    sheet: str = ""
    header_row: int | None = None
    rows_read: int = 0
    accepted: int = 0
    rejected_rows: int = 0
    error: str | None = None        # the file as a whole was rejected
    missing_columns: tuple[str, ...] = ()
    unknown_headers: tuple[str, ...] = ()
    skipped_sheets: tuple[str, ...] = ()  # hidden sheets, never read

    @property
    def notes(self) -> list[str]:
        """What the file report should also say (hidden sheets skipped)."""
        return [f"已跳过隐藏的工作表「{name}」（隐藏的工作表不读取）" for name in self.skipped_sheets]

    @property
    def ok(self) -> bool:
        return self.error is None and self.rejected_rows == 0


@dataclass
class RoundData:
    """Everything read from one round folder."""

    directory: Path
    config: RoundConfig
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    reports: list[FileReport] = field(default_factory=list)
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    hashes: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover_files(directory: Path) -> tuple[dict[str, Path], list[str]]:
    """Dataset files of a round folder by dataset name, and the names ignored.

    Hidden files, Excel lock files (``~$…``), round.toml and review.csv are skipped; two
    files for one dataset are an error. A folder, named pipe or device named like a
    dataset is never opened (it could block forever): it stands for its dataset, to be
    reported as not a file, unless the dataset also has a regular file (then it is ignored).
    """
    found: dict[str, Path] = {}
    odd: dict[str, Path] = {}
    ignored: list[str] = []
    for path in sorted(directory.iterdir()):
        name = path.name
        if name.startswith((".", "~$")) or name in (ROUND_FILE, REVIEW_FILE):
            continue
        if SURROGATE.search(name):  # not UTF-8: no message or manifest could show it as it is
            ignored.append(_gbk_name(directory, path))
            continue
        dataset = dataset_for_filename(name) if path.suffix.lower() in TABLE_SUFFIXES else None
        regular = path.is_file()
        if dataset is None or (not regular and dataset.name in odd):
            if regular:
                ignored.append(name)
            continue
        if not regular:
            odd[dataset.name] = path
            continue
        if dataset.name in found:
            raise InputError(f"{directory}: 数据集 {dataset.name}（{dataset.zh}）有两个文件："
                             f"{found[dataset.name].name} 和 {name}，请只保留一个")
        found[dataset.name] = path
    ignored += sorted(path.name for name, path in odd.items() if name in found)
    return {**{n: p for n, p in odd.items() if n not in found}, **found}, ignored


def _gbk_name(directory: Path, path: Path) -> str:
    """A file name that is not UTF-8, read as GB18030 (a zip made on Chinese Windows, unpacked here).

    A dataset's file so named stops the round: it is renamed in a moment, and nothing else reads it right.
    """
    readable = os.fsencode(path.name).decode("gb18030", "replace")
    if path.suffix.lower() in TABLE_SUFFIXES and dataset_for_filename(readable) is not None:
        raise InputError(f"{directory}: 文件名「{readable}」不是 UTF-8 编码（多见于在 Windows 下压缩、在此解压的文件），"
                         f"请把它重命名为「{readable}」后再运行")
    return readable


def load_file(path: Path, dataset: Dataset) -> tuple[pd.DataFrame | None, FileReport, Rejections]:
    """Read and type one file: the accepted frame (None if the file is rejected whole).

    The first visible sheet holding the header is read; hidden sheets never are (listed in the report).
    """
    report = FileReport(path, dataset.name)
    if not path.is_file():
        return None, report, _file_rejected(report, path, "", f"{path.name}: {NOT_A_FILE}")
    try:
        sheets = read_sheets(path)
    except InputError as exc:
        return None, report, _file_rejected(report, path, "", str(exc))
    report.skipped_sheets = tuple(sheet.name for sheet in sheets if sheet.hidden)
    visible = [sheet for sheet in sheets if not sheet.hidden]
    best_missing = {c.name for c in dataset.required}
    for sheet in visible:
        header, missing = find_header(sheet, dataset)
        if header is not None and (repeated := repeated_columns(sheet.head(header.row)[-1], dataset)):
            return None, report, _file_rejected(report, path, sheet.name, f"{path.name}: {repeated_message(repeated)}")
        if header is not None:
            return _load_sheet(sheet, header, dataset, report, path)
        if len(missing) < len(best_missing):
            best_missing = missing
    for sheet in sheets:
        if sheet.hidden and find_header(sheet, dataset)[0] is not None:
            message = f"表头只在隐藏的工作表「{sheet.name}」中找到，隐藏的工作表不读取（请取消隐藏），整个文件未读取"
            return None, report, _file_rejected(report, path, sheet.name, f"{path.name}: {message}")
    rejections = Rejections(path.name, visible[0].name if visible else "")
    missing_zh = [f"{dataset.column(m).zh}（{m}）" for m in sorted(best_missing)]
    report.missing_columns = tuple(sorted(best_missing))
    report.error = f"{path.name}: 缺少必需列 {'、'.join(missing_zh)}（在前 30 行中未找到表头），整个文件未读取"
    for name in report.missing_columns:
        rejections.add(None, dataset.column(name).zh, "", "缺少必需列，整个文件未读取")
    if all(sheet.is_empty for sheet in sheets):
        report.error = f"{path.name}: 文件为空"
    return None, report, rejections


def read_dataset_file(path: Path, name: str) -> tuple[str | None, pd.DataFrame | None, FileReport, Rejections]:
    """One file of a round: its SHA-256 (None when it is not a file), then :func:`load_file` of its dataset."""
    digest = sha256_file(path) if path.is_file() else None
    return (digest, *load_file(path, DATASETS[name]))


def repeated_message(repeated: dict[str, list[HeaderCell]]) -> str:
    """Why a header naming a column twice rejects its file.

    >>> from toolkit.datasets import DATASETS
    >>> from toolkit.ingest.read import repeated_columns
    >>> repeated_message(repeated_columns(["编号", "金额", "金额（元）"], DATASETS["reception"]))
    '表头中「金额」出现 2 次（第 B、C 列），无法确定读取哪一列，整个文件未读取：请删除或改名多余的列'
    """
    parts = []
    for cells in repeated.values():
        letters = "、".join(cell_name(0, c.position).rstrip("1") for c in cells)
        parts.append(f"「{cells[0].column.zh}」出现 {len(cells)} 次（第 {letters} 列）")
    return f"表头中{'，'.join(parts)}，无法确定读取哪一列，整个文件未读取：请删除或改名多余的列"


def _file_rejected(report: FileReport, path: Path, sheet: str, error: str) -> Rejections:
    """The whole file is rejected: one line without a row, the error in the report."""
    rejections = Rejections(path.name, sheet)
    rejections.add(None, "", "", error.split(": ", 1)[-1])
    report.error = error
    return rejections


def _load_sheet(sheet, header, dataset, report, path):
    rejections = Rejections(path.name, sheet.name)
    report.sheet, report.header_row = sheet.name, header.row
    frame = type_sheet(sheet, header, dataset, rejections)
    frame = reject_duplicate_ids(frame, dataset, header, rejections)
    frame = apply_row_rules(frame, dataset, header, rejections)
    report.accepted = len(frame)
    report.rejected_rows = len(rejections.rows)
    report.rows_read = report.accepted + report.rejected_rows
    return frame, report, rejections


def apply_references(frames: dict[str, pd.DataFrame], reports: dict[str, FileReport],
                     rejections: dict[str, Rejections]) -> None:
    """Reject rows whose reference ("must exist in ledger") points nowhere."""
    for (name, column), (target, target_column) in REFERENCES.items():
        if name not in frames:
            continue
        frame = frames[name]
        known = set(frames[target][target_column]) if target in frames else set()
        bad = ~frame[column].isin(known)
        failing = frame[bad]
        rejections[name].add_lines(failing[ROW_COLUMN], [DATASETS[name].column(column).zh] * len(failing),
                                   failing[column].tolist(), [f"在{DATASETS[target].zh}中不存在"] * len(failing))
        frames[name] = frame[~bad].reset_index(drop=True)
        reports[name].accepted = len(frames[name])
        reports[name].rejected_rows = len(rejections[name].rows)


def load_round(directory: Path, config: RoundConfig | None = None, jobs: int | None = None) -> RoundData:
    """Read round.toml and every dataset file of a round folder (a large round in up to ``jobs`` processes:
    :mod:`toolkit.ingest.parallel`)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(f"{directory}: 数据目录不存在")
    config = config or load_config(directory / ROUND_FILE)
    files, ignored = discover_files(directory)
    data = RoundData(directory, config, ignored=ignored)
    reports: dict[str, FileReport] = {}
    rejections: dict[str, Rejections] = {}
    read = read_files(read_dataset_file, [(path, name) for name, path in files.items()], jobs)
    for (name, path), (digest, frame, report, rejected) in zip(files.items(), read):
        if digest is not None:
            data.hashes[path.name] = digest
        reports[name], rejections[name] = report, rejected
        if frame is not None:
            data.frames[name] = frame
    apply_references(data.frames, reports, rejections)
    data.reports = list(reports.values())
    data.rejected = rejected_table(list(rejections.values()))
    return data

"""review.csv: the round's append-only log of the units' answers (核查反馈).

The one file the toolkit ever writes into a round's data folder. Every import appends one line per accepted
answer — never rewrites or removes one — with the answer, the answered file's name and SHA-256, its row and
the time of the import; the latest line of a key wins (:func:`latest_answers`). Appends hold an exclusive
``flock`` on the file (where the system has one), so two imports at once never interleave their lines.
Text cells that would start a spreadsheet formula are written with a leading ``'`` (as every CSV of the
toolkit) and read back without it.
"""

from __future__ import annotations

import csv
import io
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pandas as pd

from toolkit.config import REVIEW_FILE
from toolkit.report.outputs import FORMULA_TRIGGERS, inert_cells

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: appends are not locked
    fcntl = None

LOG_FILE = REVIEW_FILE
CONCLUSIONS = ("属实", "部分属实", "不属实")
CONCLUSION_CODES = {"属实": "confirmed", "部分属实": "partly", "不属实": "rejected"}
#: the answer columns, as the review workbook names them
ANSWER_HEADERS = {"conclusion": "核查结论", "note": "核查说明", "evidence": "佐证材料", "reviewer": "核查人",
                  "reviewed_on": "核查日期"}
LOG_COLUMNS = ["finding_key", "check_id", "record_id", "unit", *ANSWER_HEADERS, "source_file", "source_sha256",
               "source_row", "imported_at"]


def log_path(round_dir: Path) -> Path:
    return Path(round_dir) / LOG_FILE


def read_log(round_dir: Path) -> pd.DataFrame | None:
    """Every line of ``round_dir/review.csv`` in order, as text; None when the round has no review.csv."""
    path = log_path(round_dir)
    if not path.is_file():
        return None
    log = pd.read_csv(path, dtype="str", encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    log = log.reindex(columns=LOG_COLUMNS).astype("str")
    for name in LOG_COLUMNS:
        column = log[name]
        quoted = column.str.startswith("'") & column.str[1:].str.startswith(FORMULA_TRIGGERS)
        log[name] = column.where(~quoted.fillna(False).astype(bool), column.str[1:])
    return log


def latest_answers(log: pd.DataFrame | None) -> pd.DataFrame:
    """One line per finding key: the last one logged (the latest answer wins).

    >>> log = pd.DataFrame({"finding_key": ["a", "b", "a"], "conclusion": ["属实", "不属实", "部分属实"]})
    >>> latest_answers(log)[["finding_key", "conclusion"]].values.tolist()
    [['b', '不属实'], ['a', '部分属实']]
    """
    if log is None or log.empty:
        return pd.DataFrame(columns=LOG_COLUMNS, dtype="str")
    return log.drop_duplicates("finding_key", keep="last").reset_index(drop=True)


@contextmanager
def _locked_append(path: Path) -> Iterator[io.TextIOBase]:
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            handle.flush()
            os.fsync(handle.fileno())
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def append_log(round_dir: Path, answers: pd.DataFrame) -> Path:
    """Append ``answers`` (columns :data:`LOG_COLUMNS`) to ``round_dir/review.csv``, creating it (UTF-8
    with BOM and the header line) when missing. Existing lines are never touched."""
    path = log_path(round_dir)
    rows = inert_cells(answers.reindex(columns=LOG_COLUMNS).astype("object"))
    with _locked_append(path) as handle:
        fresh = handle.tell() == 0
        writer = csv.writer(handle, lineterminator="\n")
        if fresh:
            handle.write("\ufeff")
            writer.writerow(LOG_COLUMNS)
        writer.writerows(rows.where(rows.notna(), "").itertuples(index=False, name=None))
    return path

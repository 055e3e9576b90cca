"""A checked round saved once, read by every notebook: Parquet frames plus one JSON file.

`toolkit check` (:func:`toolkit.pipeline.check_round`) writes ``OUT_DIR/.snapshot/``: every typed
frame of the :class:`~toolkit.ingest.load.RoundData` (``frame-NN.parquet``, ``rejected.parquet``),
the findings of the :class:`~toolkit.checks.base.CheckRun` (``findings.parquet``) and the rest in
``snapshot.json`` — file reports, hashes, ignored files, config, indicators, skipped checks, notes,
the holiday-calendar fallback days. :func:`toolkit.notebook.open_round` loads it instead of reading
and checking the round again — each typed frame only when the notebook first uses it (:class:`LazyFrames`) —
but only when its **key** still matches:

* the SHA-256 of every input file of the round folder and of round.toml (files added or removed
  count too),
* the effective config, thresholds included (round.toml plus the notebook's ``thresholds``),
* the toolkit version and a digest of its source files, and the pandas and pyarrow versions,
* whether the run masked personal data (``--mask``): a masked run is never served an unmasked snapshot,
  and :func:`snapshot_masked` tells a notebook that the run of its ``out_dir`` was masked.

Anything else — no snapshot, a changed key, an unreadable or half-written file — makes
:func:`load_snapshot` return None, and the caller analyses the round as before: a notebook is never
served stale data. The folder is built under a temporary name and renamed into place, so a write
killed midway never leaves a snapshot that loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

import toolkit
from toolkit.checks.base import CheckRun, Context
from toolkit.checks.calendar import CalendarNote
from toolkit.config import REVIEW_FILE, ROUND_FILE, RoundConfig, load_config
from toolkit.errors import SnapshotChanged, ToolkitError
from toolkit.ingest.load import FileReport, RoundData, sha256_file

SNAPSHOT_DIR = ".snapshot"
META_FILE = "snapshot.json"
FORMAT = 1                      # bump when the folder's layout changes
SEARCH_PARENTS = 2              # a notebook's out_dir is OUT_DIR/notebooks/<name>_files
LOAD_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException, ToolkitError)


@dataclass
class Snapshot:
    """A round read back from its snapshot: what :class:`toolkit.pipeline.Analysis` holds."""

    data: RoundData
    run: CheckRun
    context: Context
    timings: dict[str, float]


# ---- the key ------------------------------------------------------------------------------------

def effective_config(data_dir: Path, thresholds: dict[str, Any] | None = None) -> RoundConfig:
    """round.toml with the notebook's threshold overrides, as :func:`toolkit.pipeline.analyse` builds it."""
    config = load_config(Path(data_dir) / ROUND_FILE)
    if thresholds:
        config = replace(config, thresholds=config.thresholds.with_overrides(thresholds, "thresholds 参数"))
    return config


def round_inputs(data_dir: Path) -> list[Path]:
    """Every file the key covers: the folder's files but hidden ones and Excel lock files (``~$…``).

    The same files :func:`toolkit.ingest.load.discover_files` considers (datasets and ignored), plus round.toml.
    """
    return sorted(p for p in Path(data_dir).iterdir() if p.is_file() and not p.name.startswith((".", "~$")))


def input_hashes(data_dir: Path) -> dict[str, str]:
    """SHA-256 of every file of :func:`round_inputs`, by file name."""
    return {path.name: sha256_file(path) for path in round_inputs(data_dir)}


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the toolkit's own source files: a changed rule invalidates every snapshot."""
    package = Path(toolkit.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def snapshot_key(config: RoundConfig, hashes: dict[str, str], mask: bool = False) -> dict[str, Any]:
    """What a snapshot must match to be loaded (JSON-ready)."""
    return {"format": FORMAT, "toolkit": toolkit.__version__, "code": code_digest(),
            "pandas": pd.__version__, "pyarrow": pa.__version__,
            "config": config.as_dict(), "inputs": dict(sorted(hashes.items())), "mask": bool(mask)}


def _read_hashes(data: RoundData) -> dict[str, str]:
    """The key's inputs for a round just read: the dataset files as hashed when read, round.toml, review.csv and
    ignored files."""
    folder = Path(data.directory)
    others = [name for name in (REVIEW_FILE, *data.ignored) if (folder / name).is_file()]   # never open a FIFO
    return {**data.hashes, **{name: sha256_file(folder / name) for name in [ROUND_FILE, *others]}}


# ---- writing ------------------------------------------------------------------------------------

def _report_record(report: FileReport) -> dict[str, Any]:
    return {"file": report.path.name, "dataset": report.dataset, "sheet": report.sheet,
            "header_row": report.header_row, "rows_read": report.rows_read, "accepted": report.accepted,
            "rejected_rows": report.rejected_rows, "error": report.error,
            "missing_columns": list(report.missing_columns), "unknown_headers": list(report.unknown_headers)}


def _write_frame(frame: pd.DataFrame, path: Path) -> None:
    pq.write_table(pa.Table.from_pandas(frame), path)


def _write_folder(analysis: Any, folder: Path, mask: bool) -> None:
    """Every file of a snapshot into ``folder``; snapshot.json last."""
    data, run = analysis.data, analysis.run
    names = list(data.frames)
    for number, name in enumerate(names):
        _write_frame(data.frames[name], folder / f"frame-{number:02d}.parquet")
    _write_frame(data.rejected, folder / "rejected.parquet")
    _write_frame(run.findings, folder / "findings.parquet")
    meta = {
        "key": snapshot_key(data.config, _read_hashes(data), mask),
        "frames": names, "reports": [_report_record(r) for r in data.reports], "hashes": data.hashes,
        "ignored": list(data.ignored), "indicators": run.indicators, "skipped": run.skipped, "notes": run.notes,
        "calendar_days": sorted(day.isoformat() for day in analysis.context.calendar.days),
        "timings": dict(analysis.timings),
    }
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, allow_nan=False), encoding="utf-8")


def _clear_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders of writes killed midway."""
    for leftover in out_dir.glob(f"{SNAPSHOT_DIR}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def save_snapshot(analysis: Any, out_dir: Path, *, mask: bool = False) -> Path | None:
    """Write ``out_dir/.snapshot/`` for an analysed round (a :class:`toolkit.pipeline.Analysis`;
    with ``mask``, the masked view of a masked run).

    Built under a temporary name, then renamed into place. A snapshot is only a shortcut: when it cannot
    be written, say so on stderr and return None (the notebooks then read the round themselves).
    """
    out_dir = Path(out_dir)
    target = out_dir / SNAPSHOT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out_dir)
    building = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_DIR}-", suffix=".part", dir=out_dir))
    try:
        os.chmod(building, 0o777 & ~_umask())      # mkdtemp makes 0700; like the other report files
        _write_folder(analysis, building, mask)
        _move_into_place(building, target)
        return target
    except (OSError, ValueError, TypeError, pa.ArrowException) as exc:
        print(f"注意：未能保存数据快照（{type(exc).__name__}: {exc}），笔记本将各自读取数据", file=sys.stderr)
        return None
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _move_into_place(building: Path, target: Path) -> None:
    """Replace ``target`` by ``building``; killed in between, there is no snapshot at all (never half of one)."""
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_DIR}-", suffix=".old", dir=target.parent))
        os.replace(target, retired / SNAPSHOT_DIR)
        shutil.rmtree(retired, ignore_errors=True)
    os.replace(building, target)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---- reading ------------------------------------------------------------------------------------

def find_snapshot(out_dir: Path | None) -> Path | None:
    """``out_dir/.snapshot``, else that of one of its two parents (a notebook's own out_dir is
    ``OUT_DIR/notebooks/<name>_files``); None when there is none.

    >>> find_snapshot(None) is None
    True
    """
    if out_dir is None:
        return None
    folder = Path(out_dir).absolute()
    for candidate in [folder, *folder.parents][:SEARCH_PARENTS + 1]:
        if (candidate / SNAPSHOT_DIR / META_FILE).is_file():
            return candidate / SNAPSHOT_DIR
    return None


def _read_frame(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas()


class LazyFrames(Mapping[str, pd.DataFrame]):
    """A snapshot's typed frames by dataset name, each read from its Parquet file the first time it is asked for
    (then kept): a notebook reads only the datasets it uses. Every file's footer is read when the snapshot is
    loaded, so a missing or truncated file still makes the whole snapshot unusable at once.

    Before reading a frame the folder's key is read again: a snapshot replaced since by a run of other inputs or
    parameters raises :class:`~toolkit.errors.SnapshotChanged` rather than mix two rounds (a run of the same key
    writes the same frames).
    """

    def __init__(self, folder: Path, names: list[str], key: dict[str, Any]) -> None:
        self._folder, self._key = folder, key
        self._files = {name: folder / f"frame-{number:02d}.parquet" for number, name in enumerate(names)}
        self._read: dict[str, pd.DataFrame] = {}
        for path in self._files.values():
            pq.read_metadata(path)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._read:
            path = self._files[name]          # KeyError for a dataset the round does not have, as a dict
            if _folder_key(self._folder) != self._key:
                raise SnapshotChanged(f"数据快照 {self._folder} 在本笔记本载入后已被另一次运行（输入文件或参数不同）替换，"
                                      f"无法再读取数据集 {name}：请重新执行 open_round")
            self._read[name] = _read_frame(path)
        return self._read[name]

    def __contains__(self, name: object) -> bool:   # Mapping's own would read the frame
        return name in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __repr__(self) -> str:
        return f"LazyFrames({list(self._files)}, read={list(self._read)})"


def _folder_key(folder: Path) -> dict[str, Any] | None:
    """The key of the snapshot in ``folder`` now; None when it is gone or unreadable."""
    try:
        return json.loads((folder / META_FILE).read_text(encoding="utf-8"))["key"]
    except LOAD_ERRORS:
        return None


def _file_report(record: dict[str, Any], data_dir: Path) -> FileReport:
    fields = {k: v for k, v in record.items() if k != "file"}
    fields.update(missing_columns=tuple(record["missing_columns"]), unknown_headers=tuple(record["unknown_headers"]))
    return FileReport(path=data_dir / record["file"], **fields)


def _read_folder(folder: Path, meta: dict[str, Any], data_dir: Path, config: RoundConfig) -> Snapshot:
    frames = LazyFrames(folder, list(meta["frames"]), meta["key"])
    data = RoundData(data_dir, config, frames=frames,
                     reports=[_file_report(r, data_dir) for r in meta["reports"]],
                     rejected=_read_frame(folder / "rejected.parquet"),
                     hashes=dict(meta["hashes"]), ignored=list(meta["ignored"]))
    run = CheckRun(_read_frame(folder / "findings.parquet"), dict(meta["indicators"]), dict(meta["skipped"]),
                   list(meta["notes"]))
    calendar = CalendarNote({dt.date.fromisoformat(day) for day in meta["calendar_days"]})
    context = Context(data.frames, config, notes=list(run.notes), calendar=calendar)
    return Snapshot(data, run, context, dict(meta["timings"]))


def snapshot_masked(out_dir: Path | None) -> bool:
    """True when the snapshot of ``out_dir`` (see :func:`find_snapshot`) was left by a masked run, whatever
    its key: a notebook of that run must then show masked data even if it reads the round itself.

    >>> snapshot_masked(None)
    False
    """
    folder = find_snapshot(out_dir)
    key = _folder_key(folder) if folder is not None else None
    return isinstance(key, dict) and key.get("mask") is True


def load_snapshot(data_dir: Path, config: RoundConfig, out_dir: Path | None, *,
                  mask: bool = False) -> Snapshot | None:
    """The round of ``data_dir`` under ``config`` (see :func:`effective_config`) from the snapshot of
    ``out_dir`` (see :func:`find_snapshot`); None when there is none or its key does not match (``mask``
    included: a masked run gets only a masked snapshot, an unmasked one only an unmasked snapshot).
    """
    started = time.perf_counter()
    folder = find_snapshot(out_dir)
    if folder is None:
        return None
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if meta.get("key") != snapshot_key(config, input_hashes(data_dir), mask):
            return None
        snapshot = _read_folder(folder, meta, Path(data_dir), config)
    except LOAD_ERRORS:
        return None
    snapshot.timings["snapshot_s"] = round(time.perf_counter() - started, 3)
    return snapshot

"""A checked round saved once, read by every notebook: Parquet frames plus JSON files.

`toolkit check` (:func:`toolkit.pipeline.check_round`) writes ``OUT_DIR/.snapshot/`` in two steps. Once the round
is read (:func:`save_round_snapshot`): its typed frames (``frame-NN.parquet``, ``rejected.parquet``),
``snapshot.json`` — the key, file reports, hashes, ignored files — and ``checking.json``, naming the process that
now runs the checks. Once they ran (:func:`save_checks_snapshot`): ``findings.parquet`` and ``checks.json`` —
indicators, skipped checks, notes, holiday-calendar fallback days, timings — then ``checking.json`` goes.
(:func:`save_snapshot` writes both at once.) :func:`toolkit.notebook.open_round` loads it instead of reading and
checking the round again — each frame when first used (:class:`LazyFrames`); a notebook of `toolkit run` starts
once the round is read and waits for the checks where it uses them (:attr:`Snapshot.pending`) — but only when
its **key** still matches:

* the SHA-256 of every input file of the round folder and of round.toml (files added or removed count too),
* the effective config, thresholds included (round.toml plus the notebook's ``thresholds``),
* the toolkit version and a digest of its source files, and the pandas and pyarrow versions,
* whether the run masked personal data (``--mask``): a masked run is never served an unmasked snapshot,
  and :func:`snapshot_masked` tells a notebook that the run of its ``out_dir`` was masked.

Anything else — no snapshot, a changed key, an unreadable or half-written file, checks whose process died or gave
up — makes :func:`load_snapshot` return None (or :attr:`Snapshot.pending` say so), and the caller analyses the
round itself: a notebook is never served stale data. The folder is built under a temporary name and renamed into
place, the checks' files are renamed into it: a write killed midway never leaves a snapshot that loads.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.checks.base import CheckRun, Context
from toolkit.checks.calendar import CalendarNote
from toolkit.config import REVIEW_FILE, ROUND_FILE, RoundConfig
from toolkit.errors import SnapshotChanged, ToolkitError
from toolkit.ingest.load import FileReport, RoundData, sha256_file
from toolkit.processes import process_token, running
from toolkit.roundkey import input_hashes, round_key

SNAPSHOT_DIR = ".snapshot"
FORMAT = 2                      # bump when the folder's layout changes
META_FILE = "snapshot.json"     # the key and the round: written with the frames
CHECKS_FILE = "checks.json"     # the checks' outcome but the findings: written last
CHECKING_FILE = "checking.json"  # while the checks run: the process running them
WAIT_POLL_S = 0.05              # how often a notebook looks for the checks it waits for
SEARCH_PARENTS = 2              # a notebook's out_dir is OUT_DIR/notebooks/<name>_files
WRITE_ERRORS = (OSError, ValueError, TypeError, pa.ArrowException)
LOAD_ERRORS = (OSError, ValueError, KeyError, TypeError, AttributeError, pa.ArrowException, ToolkitError)


@dataclass
class Snapshot:
    """A round read back from its snapshot: what :class:`toolkit.pipeline.Analysis` holds — the checks' part
    (``run``, ``context``, ``timings``) None while they still run in the process that wrote it; ``pending`` then
    waits for them and returns the whole snapshot, or None when they will not come (that process died or could
    not save them)."""

    data: RoundData
    run: CheckRun | None
    context: Context | None
    timings: dict[str, float]
    pending: Callable[[], Snapshot | None] | None = None


# ---- the key ------------------------------------------------------------------------------------

def snapshot_key(config: RoundConfig, hashes: dict[str, str], mask: bool = False) -> dict[str, Any]:
    """What a snapshot must match to be loaded (JSON-ready)."""
    return {"format": FORMAT, **round_key(config, hashes), "mask": bool(mask)}


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


def _write_round(data: RoundData, folder: Path, mask: bool) -> None:
    """The round's files of a snapshot into ``folder``: its frames, then snapshot.json."""
    names = list(data.frames)
    for number, name in enumerate(names):
        _write_frame(data.frames[name], folder / f"frame-{number:02d}.parquet")
    _write_frame(data.rejected, folder / "rejected.parquet")
    meta = {
        "key": snapshot_key(data.config, _read_hashes(data), mask),
        "frames": names, "reports": [_report_record(r) for r in data.reports], "hashes": data.hashes,
        "ignored": list(data.ignored),
    }
    (folder / META_FILE).write_text(json.dumps(meta, ensure_ascii=False, allow_nan=False), encoding="utf-8")


def _write_checks(analysis: Any, folder: Path) -> None:
    """The checks' files of a snapshot into ``folder``, each under a temporary name first: findings.parquet, then
    checks.json — a snapshot has its checks once checks.json is there."""
    run = analysis.run
    _write_frame(run.findings, folder / "findings.parquet.part")
    os.replace(folder / "findings.parquet.part", folder / "findings.parquet")
    checks = {"indicators": run.indicators, "skipped": run.skipped, "notes": run.notes,
              "calendar_days": sorted(day.isoformat() for day in analysis.context.calendar.days),
              "timings": dict(analysis.timings)}
    (folder / f"{CHECKS_FILE}.part").write_text(json.dumps(checks, ensure_ascii=False, allow_nan=False),
                                                encoding="utf-8")
    os.replace(folder / f"{CHECKS_FILE}.part", folder / CHECKS_FILE)


def _write_folder(analysis: Any, folder: Path, mask: bool) -> None:
    """Every file of a snapshot into ``folder``."""
    _write_round(analysis.data, folder, mask)
    _write_checks(analysis, folder)


def _clear_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders of writes killed midway."""
    for leftover in out_dir.glob(f"{SNAPSHOT_DIR}-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def save_snapshot(analysis: Any, out_dir: Path, *, mask: bool = False) -> Path | None:
    """Write ``out_dir/.snapshot/`` for an analysed round (a :class:`toolkit.pipeline.Analysis`;
    with ``mask``, the masked view of a masked run), the round and its checks at once.

    Built under a temporary name, then renamed into place. A snapshot is only a shortcut: when it cannot
    be written, say so on stderr and return None (the notebooks then read the round themselves).
    """
    return _save(out_dir, lambda building: _write_folder(analysis, building, mask))


def save_round_snapshot(data: RoundData, out_dir: Path, *, mask: bool = False) -> Path | None:
    """Write ``out_dir/.snapshot/`` for a round just read, before its checks run (``data``: the masked view of a
    masked run): a notebook that loads it waits for the checks where it needs them, as long as this process
    lives (checking.json names it). :func:`save_checks_snapshot` completes it; None, and why on stderr, when it
    cannot be written, as :func:`save_snapshot`."""
    def write(building: Path) -> None:
        _write_round(data, building, mask)
        (building / CHECKING_FILE).write_text(json.dumps(process_token(os.getpid())), encoding="utf-8")

    return _save(out_dir, write)


def save_checks_snapshot(analysis: Any, folder: Path) -> bool:
    """Complete the snapshot ``folder`` of :func:`save_round_snapshot` with the checks of ``analysis`` (its masked
    view in a masked run); whether it could. Either way checking.json goes: a notebook waiting for these checks
    then reads them, or reads the round itself."""
    try:
        _write_checks(analysis, folder)
        return True
    except WRITE_ERRORS as exc:
        _say_unsaved("检查结果快照", exc)
        return False
    finally:
        give_up_checks(folder)


def give_up_checks(folder: Path) -> None:
    """Say that no (more) checks will come to the snapshot ``folder``: remove its checking.json."""
    (folder / CHECKING_FILE).unlink(missing_ok=True)


def _save(out_dir: Path, write: Callable[[Path], None]) -> Path | None:
    """``write`` a snapshot into a temporary folder of ``out_dir``, then rename it to ``out_dir/.snapshot``."""
    out_dir = Path(out_dir)
    target = out_dir / SNAPSHOT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(out_dir)
    building = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_DIR}-", suffix=".part", dir=out_dir))
    try:
        os.chmod(building, 0o777 & ~_umask())      # mkdtemp makes 0700; like the other report files
        write(building)
        _move_into_place(building, target)
        return target
    except WRITE_ERRORS as exc:
        _say_unsaved("数据快照", exc)
        return None
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _say_unsaved(what: str, exc: Exception) -> None:
    print(f"注意：未能保存{what}（{type(exc).__name__}: {exc}），笔记本将各自读取数据", file=sys.stderr)


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


def _read_folder(folder: Path, meta: dict[str, Any], data_dir: Path, config: RoundConfig) -> Snapshot | None:
    """The snapshot in ``folder`` (``meta``: its snapshot.json): whole, or pending while its checks run; None when
    they will never come (the process that ran them died or gave up)."""
    frames = LazyFrames(folder, list(meta["frames"]), meta["key"])
    data = RoundData(data_dir, config, frames=frames,
                     reports=[_file_report(r, data_dir) for r in meta["reports"]],
                     rejected=_read_frame(folder / "rejected.parquet"),
                     hashes=dict(meta["hashes"]), ignored=list(meta["ignored"]))
    checked = _read_checks(folder, data)
    if checked is not None:
        return checked
    if not _checking(folder):
        return _read_checks(folder, data)   # they came meanwhile, or never will
    return Snapshot(data, None, None, {}, pending=partial(_wait_for_checks, folder, meta["key"], data))


def _read_checks(folder: Path, data: RoundData) -> Snapshot | None:
    """The whole snapshot once ``folder`` has its checks (checks.json), else None."""
    try:
        checks = json.loads((folder / CHECKS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    run = CheckRun(_read_frame(folder / "findings.parquet"), dict(checks["indicators"]), dict(checks["skipped"]),
                   list(checks["notes"]))
    calendar = CalendarNote({dt.date.fromisoformat(day) for day in checks["calendar_days"]})
    context = Context(data.frames, data.config, notes=list(run.notes), calendar=calendar)
    return Snapshot(data, run, context, dict(checks["timings"]))


def _checking(folder: Path) -> bool:
    """Whether the process named by ``folder``'s checking.json still runs its checks."""
    try:
        return running(json.loads((folder / CHECKING_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def _wait_for_checks(folder: Path, key: dict[str, Any], data: RoundData) -> Snapshot | None:
    """Wait until the snapshot in ``folder`` has its checks: the whole snapshot, or None when they will not come.
    SnapshotChanged when the folder was replaced meanwhile by a run of other inputs or parameters."""
    started = time.perf_counter()
    while True:
        now = _folder_key(folder)
        if now not in (key, None):
            raise SnapshotChanged(f"数据快照 {folder} 在本笔记本载入后已被另一次运行（输入文件或参数不同）替换，"
                                  f"无法读取检查结果：请重新执行 open_round")
        try:
            checking = now == key and _checking(folder)
            checked = _read_checks(folder, data)
        except LOAD_ERRORS:
            return None
        if checked is not None:
            checked.timings["checks_waited_s"] = round(time.perf_counter() - started, 3)
        if checked is not None or not checking:
            return checked
        time.sleep(WAIT_POLL_S)


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
    """The round of ``data_dir`` under ``config`` (see :func:`toolkit.roundkey.effective_config`) from the snapshot of
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
    if snapshot is not None:
        snapshot.timings["snapshot_s"] = round(time.perf_counter() - started, 3)
    return snapshot

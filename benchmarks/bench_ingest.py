"""Ingest and check time on a scaled-up demo round (not a test).

    .venv/bin/python benchmarks/bench_ingest.py [--scale K ...] [--runs N] [--keep DIR]

For each K (default 50, about 200,000 rows) the demo round is built and every dataset file is
written again with its data rows repeated K times (copy k gets ids suffixed ``-k``, and so do the
references to them), keeping the file's format: xlsx with its title rows, GB18030 or UTF-8-BOM CSV.
Then, each as the median of N runs (default 3):

1. the read floor: every file read as strings with pandas (CSV, C engine) and python-calamine
   (``pd.read_excel(engine="calamine")``), no typing at all;
2. ingest: ``toolkit.ingest.load.load_round`` (read + type + reject);
3. ``toolkit check`` as a user runs it (a fresh process: imports, ingest, every check, outputs),
   with the peak RSS of that process (``--no-check`` leaves it out).

Wall times and CPU times are both printed: on a shared machine the CPU time of the measured
process is the steadier figure. The xlsx copies are written by openpyxl's write-only mode, which
leaves out ``<dimension>``: ingest then scans the sheet XML for its range (Excel's own files
declare it), so the figures are slightly pessimistic.

Several K show whether the time grows linearly with the rows (``--scale 50 100 500`` ≈ 2 million
rows; writing the xlsx copies of such a round takes a few minutes, most of it in openpyxl).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from toolkit.datasets import DATASETS, REFERENCES, dataset_for_filename
from toolkit.demo import build_demo
from toolkit.ingest.load import load_round
from toolkit.ingest.read import match_header

BIN = Path(sys.executable).parent


def _id_columns(dataset_name: str) -> set[str]:
    """The columns whose values get the copy suffix: the dataset's id and references to another id."""
    names = {DATASETS[dataset_name].id_column}
    names |= {column for (name, column) in REFERENCES if name == dataset_name}
    names |= {target_column for (target, target_column) in REFERENCES.values() if target == dataset_name}
    return names


def _header_index(rows: list[list], dataset) -> int:
    for index, row in enumerate(rows[:30]):
        cells = match_header(row, dataset)
        if {c.column.name for c in cells} >= {c.name for c in dataset.required}:
            return index
    raise SystemExit(f"no header found for {dataset.name}")


def _scaled_rows(rows: list[list], dataset, factor: int) -> list[list]:
    """Title rows and header as they are, then the data rows factor times with suffixed ids."""
    head = _header_index(rows, dataset)
    positions = [c.position for c in match_header(rows[head], dataset) if c.column.name in _id_columns(dataset.name)]
    data = rows[head + 1:]
    out = rows[: head + 1]
    for k in range(factor):
        for row in data:
            copy = list(row)
            for p in positions:
                if p < len(copy) and copy[p] not in ("", None) and k:
                    copy[p] = f"{copy[p]}-{k}"
            out.append(copy)
    return out


def _scale_csv(path: Path, dataset, factor: int) -> None:
    data = path.read_bytes()
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "gb18030"
    rows = list(csv.reader(io.StringIO(data.decode(encoding), newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(_scaled_rows(rows, dataset, factor))
    path.write_bytes(buffer.getvalue().encode(encoding))


def _scale_xlsx(path: Path, dataset, factor: int) -> None:
    workbook = CalamineWorkbook.from_path(str(path))
    name = workbook.sheet_names[0]
    rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    out = Workbook(write_only=True)
    sheet = out.create_sheet(name)
    for row in _scaled_rows(rows, dataset, factor):
        sheet.append([None if v == "" else v for v in row])
    out.save(path)


def build_round(work: Path, base: Path, factor: int) -> Path:
    round_dir = work / f"x{factor}"
    shutil.copytree(base, round_dir)
    for path in sorted(round_dir.iterdir()):
        dataset = dataset_for_filename(path.name)
        if dataset is None:
            continue
        if path.suffix == ".csv":
            _scale_csv(path, dataset, factor)
        else:
            _scale_xlsx(path, dataset, factor)
    return round_dir


def read_floor(round_dir: Path) -> int:
    """Read every dataset file as strings, no typing; returns the number of cells read."""
    cells = 0
    for path in sorted(round_dir.iterdir()):
        if dataset_for_filename(path.name) is None:
            continue
        if path.suffix == ".csv":
            data = path.read_bytes()
            encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "gb18030"
            frame = pd.read_csv(path, header=None, dtype=str, encoding=encoding, keep_default_na=False)
            cells += frame.size
        else:
            for frame in pd.read_excel(path, sheet_name=None, header=None, dtype=str, engine="calamine").values():
                cells += frame.size
    return cells


def _timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds of one in-process call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def _check(round_dir: Path, out: Path, peaks: list[float]) -> tuple[float, float]:
    """Wall and CPU seconds of one `toolkit check` in a fresh process; its peak RSS (MB) goes to peaks."""
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "toolkit"), "check", str(round_dir), "--out", str(out)],
                               stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"toolkit check failed with exit code {os.waitstatus_to_exitcode(status)}")
    peaks.append(usage.ru_maxrss / 1024)
    return time.perf_counter() - started, usage.ru_utime + usage.ru_stime


def _medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def measure(round_dir: Path, runs: int, check: bool) -> dict:
    rows = sum(len(f) for f in load_round(round_dir).frames.values())
    result = {"rows": rows,
              "floor": _medians([_timed(lambda: read_floor(round_dir)) for _ in range(runs)]),
              "ingest": _medians([_timed(lambda: load_round(round_dir)) for _ in range(runs)])}
    if check:
        peaks: list[float] = []
        result["check"] = _medians([_check(round_dir, round_dir.parent / "out", peaks) for _ in range(runs)])
        result["rss_mb"] = max(peaks)
    return result


def report(factor: int, r: dict) -> str:
    (floor, floor_cpu), (ingest, ingest_cpu) = r["floor"], r["ingest"]
    line = (f"x{factor:<4} rows {r['rows']:>9,}  read floor {floor:6.2f} s (cpu {floor_cpu:5.2f})  "
            f"ingest {ingest:6.2f} s (cpu {ingest_cpu:5.2f}, {r['rows'] / ingest:,.0f} rows/s)")
    if "check" in r:
        check, check_cpu = r["check"]
        line += (f"  check {check:6.2f} s (cpu {check_cpu:5.2f}; {check / floor:.1f}x floor)  "
                 f"peak RSS {r['rss_mb']:,.0f} MB")
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, nargs="+", default=[50])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="build the rounds here and keep them")
    parser.add_argument("--no-check", action="store_true", help="time read floor and ingest only")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        base = build_demo(work / "base")
        print(f"medians of {args.runs} runs (wall, and CPU of this or the check process); "
              "peak RSS of the toolkit check process")
        for factor in args.scale:
            round_dir = work / f"x{factor}"
            if not round_dir.exists():
                build_round(work, base, factor)
            print(report(factor, measure(round_dir, args.runs, not args.no_check)), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

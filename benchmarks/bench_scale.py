"""How `toolkit check` and `toolkit run` grow with the round, against the floor of merely reading it (not a test).

    .venv/bin/python benchmarks/bench_scale.py [--runs N] [--big] [--scales 1 10 50] [--jobs 2]

For each scale K (default 1, 10 and 50; ``--big`` adds 500) the round comes from
``toolkit demo --scale K --no-run`` (``data/demo-xK``; ``toolkit demo --no-run`` and ``data/demo`` for K = 1),
then, each the median of N runs (default 3) in fresh processes, the commands taking turns (floor, check, run,
then again: a machine whose speed drifts moves them alike):

* **read floor** — every input file read as text and nothing else (pandas + python-calamine for
  .xlsx/.xls, pandas for .csv in the round's encodings): the least any tool must spend on the round;
* **toolkit check** — wall time, peak RSS (``os.wait4``'s ``ru_maxrss``: the largest of the process and the
  worker processes it reads a large round with) and CPU time (user + system, workers included);
* **toolkit run --jobs 2** — check plus every notebook and the HTML report (``--jobs 0`` leaves it out).

It prints the rows toolkit read, the figures and the ratios check/floor and run/check, and ends
with a Markdown table to paste into notes/. Outputs go to a temporary folder; the rounds stay under
``data/``. Peak RSS is read as KiB (Linux).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOOLKIT = str(BIN / "toolkit")
CSV_ENCODINGS = ("utf-8-sig", "gb18030")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


# ---- the read floor (runs in its own process: `bench_scale.py --floor DIR`) --------------------

def read_csv_text(path: Path):
    import pandas as pd

    for encoding in CSV_ENCODINGS:
        try:
            return pd.read_csv(path, dtype=str, header=None, keep_default_na=False, encoding=encoding)
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"{path}: not {' or '.join(CSV_ENCODINGS)}")


def read_floor(round_dir: Path) -> int:
    """Read every data file of a round as text, the least work any tool must do; the rows read."""
    import pandas as pd

    rows = 0
    for path in sorted(round_dir.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or not path.is_file():
            continue
        if suffix in EXCEL_SUFFIXES:
            sheets = pd.read_excel(path, sheet_name=None, header=None, dtype=str, engine="calamine")
            rows += sum(len(sheet) for sheet in sheets.values())
        elif suffix == ".csv":
            rows += len(read_csv_text(path))
    return rows


# ---- measuring ----------------------------------------------------------------------------------

def measure(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in bytes of one command (its own rusage, through os.wait4); exits on failure."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"failed ({process.returncode}): {' '.join(cmd)}\n{err.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime


def interleaved(commands: dict[str, tuple[list[str], Any]], runs: int) -> dict[str, list[tuple[float, int, float]]]:
    """``runs`` rounds, each running every command once, in turn (``before()`` ahead of each, when given): a
    machine that speeds up or slows down over the minutes of a bench then moves every command alike, and each
    round's ratios compare runs made side by side. Every command's (wall s, peak RSS, CPU s), round by round."""
    results: dict[str, list[tuple[float, int, float]]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, (cmd, before) in commands.items():
            if before:
                before()
            results[label].append(measure(cmd))
    return results


def summary(results: list[tuple[float, int, float]]) -> tuple[float, float, list[float], float]:
    """Median wall time, median peak RSS, every wall time and median CPU time of one command's runs."""
    times = [t for t, _, _ in results]
    return (statistics.median(times), statistics.median(r for _, r, _ in results), times,
            statistics.median(c for _, _, c in results))


def paired(numerator: list[float], denominator: list[float]) -> float:
    """The median of the round-by-round ratios (NaN without runs).

    >>> paired([2.0, 9.0, 3.0], [1.0, 3.0, 1.0])
    3.0
    """
    return statistics.median(a / b for a, b in zip(numerator, denominator)) if numerator else float("nan")


def has_scale_option() -> bool:
    help_text = subprocess.run([TOOLKIT, "demo", "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    return "--scale" in help_text


def build_round(k: int, reuse: bool = False) -> Path:
    """``toolkit demo [--scale K] --no-run`` into data/demo (K = 1) or data/demo-xK (kept as it is with ``reuse``)."""
    data_dir = Path("data") / ("demo" if k == 1 else f"demo-x{k}")
    if reuse and (ROOT / data_dir / "round.toml").is_file():
        print(f"x{k}: reusing {data_dir}", flush=True)
        return ROOT / data_dir
    cmd = [TOOLKIT, "demo", "--no-run", "--data-dir", str(data_dir)] + ([] if k == 1 else ["--scale", str(k)])
    seconds, _, _ = measure(cmd)
    print(f"x{k}: built {data_dir} in {seconds:.1f} s", flush=True)
    return ROOT / data_dir


def rows_read(check_out: Path) -> int:
    manifest = json.loads((check_out / "manifest.json").read_text(encoding="utf-8"))
    return sum(f["rows_read"] for f in manifest["files"])


def _fresh(folder: Path):
    return lambda: shutil.rmtree(folder, ignore_errors=True)


def bench_scale(k: int, runs: int, jobs: int, work: Path, reuse: bool = False) -> dict:
    data_dir = build_round(k, reuse)
    check_out, run_out = work / f"check-x{k}", work / f"run-x{k}"
    commands = {"floor": ([sys.executable, __file__, "--floor", str(data_dir)], None),
                "check": ([TOOLKIT, "check", str(data_dir), "--out", str(check_out)], _fresh(check_out))}
    if jobs:
        commands[f"run --jobs {jobs}"] = ([TOOLKIT, "run", str(data_dir), "--out", str(run_out), "--jobs", str(jobs),
                                           "--quiet"], _fresh(run_out))
    results = interleaved(commands, runs)
    floor_s, floor_rss, floor_times, floor_cpu = summary(results["floor"])
    check_s, check_rss, check_times, check_cpu = summary(results["check"])
    run_s, _, run_times, _ = summary(results[f"run --jobs {jobs}"]) if jobs else (float("nan"), 0, [], 0)
    row = {"k": k, "rows": rows_read(check_out), "floor_s": floor_s, "floor_rss": floor_rss, "check_s": check_s,
           "check_rss": check_rss, "run_s": run_s, "floor_cpu": floor_cpu, "check_cpu": check_cpu,
           "check_floor_paired": paired(check_times, floor_times), "run_check_paired": paired(run_times, check_times)}
    for label, times in (("floor", floor_times), ("check", check_times), (f"run --jobs {jobs}", run_times)):
        print(f"x{k}: {label:<13} runs {', '.join(f'{t:.2f}' for t in times)} s", flush=True)
    return row


def markdown(rows: list[dict], runs: int, jobs: int) -> str:
    mib = 1024 * 1024
    lines = [f"| K | rows | read floor (s) | floor peak RSS (MiB) | toolkit check (s) | check peak RSS (MiB) "
             f"| check / floor (paired) | check CPU / floor CPU | toolkit run --jobs {jobs} (s) "
             f"| run / check (paired) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['k']} | {r['rows']:,} | {r['floor_s']:.2f} | {r['floor_rss'] / mib:,.0f} "
                     f"| {r['check_s']:.2f} | {r['check_rss'] / mib:,.0f} "
                     f"| {r['check_s'] / r['floor_s']:.2f}× ({r['check_floor_paired']:.2f}×) "
                     f"| {r['check_cpu']:.1f} / {r['floor_cpu']:.1f} s = {r['check_cpu'] / r['floor_cpu']:.2f}× "
                     f"| {r['run_s']:.2f} | {r['run_s'] / r['check_s']:.2f}× ({r['run_check_paired']:.2f}×) |")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines.append("")
    lines.append(f"Medians of {runs} runs, each in a fresh process, the commands taking turns (floor, check, run; "
                 f"then again); a ratio is that of the medians, and in brackets the median of the ratios of each "
                 f"turn's runs. {os.cpu_count()} CPUs, load average at the end {load}. Floor: every input file read "
                 "as text (pandas + python-calamine / pandas read_csv), interpreter start-up included, as in the "
                 "toolkit commands.")
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the median is shown")
    parser.add_argument("--big", action="store_true", help="add K = 500")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50], metavar="K")
    parser.add_argument("--jobs", type=int, default=2, help="toolkit run --jobs (default 2; 0: no toolkit run)")
    parser.add_argument("--reuse", action="store_true", help="use data/demo-xK as it is when it exists (no rebuild)")
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)   # internal: read one round, print rows
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.floor:
        print(json.dumps({"rows": read_floor(args.floor)}))
        return 0
    scales = sorted(set(args.scales + ([500] if args.big else [])))
    if any(k != 1 for k in scales) and not has_scale_option():
        raise SystemExit("toolkit demo has no --scale option yet (it is being added on another branch): "
                         "merge it first, or measure the demo round only with --scales 1")
    print(f"scales {scales}; N = {args.runs}; CPUs: {os.cpu_count()}; load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        rows = [bench_scale(k, args.runs, args.jobs, Path(tmp), args.reuse) for k in scales]
    print()
    print(markdown(rows, args.runs, args.jobs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

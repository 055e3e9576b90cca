"""Ingest and check throughput as a round grows (not a test).

    .venv/bin/python benchmarks/bench_ingest.py [N]     # N runs per size, median reported (default 3)

Builds the demo round, then multiplies the vehicle-trip file (GB18030 CSV, mixed datetime styles)
by 1, 10 and 50 (new ids, same rows), and times `toolkit.pipeline.analyse` (read + validate +
every check + indicators) on each, printing rows, medians and rows per second of ingest.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from toolkit.demo import build_demo
from toolkit.pipeline import analyse


def multiply_trips(round_dir: Path, factor: int) -> None:
    path = round_dir / "vehicle_trips.csv"
    header, *rows = path.read_bytes().decode("gb18030").splitlines()
    lines = [header]
    for k in range(factor):
        lines += [f"{r.split(',', 1)[0]}-{k},{r.split(',', 1)[1]}" for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode("gb18030"))


def main(n: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        base = build_demo(work / "base")
        print(f"N = {n}; sizes are vehicle_trips rows; other datasets as in the demo")
        for factor in (1, 10, 50):
            round_dir = work / f"x{factor}"
            shutil.copytree(base, round_dir)
            multiply_trips(round_dir, factor)
            runs = []
            for _ in range(n):
                started = time.perf_counter()
                result = analyse(round_dir)
                runs.append((time.perf_counter() - started, result.timings["ingest_s"], result.timings["checks_s"]))
            rows = len(result.frame("vehicle_trips"))
            total = statistics.median(r[0] for r in runs)
            ingest = statistics.median(r[1] for r in runs)
            checks = statistics.median(r[2] for r in runs)
            all_rows = sum(len(f) for f in result.data.frames.values())
            print(f"x{factor:<3} trips {rows:>7,}  all rows {all_rows:>7,}  analyse {total:6.2f} s  "
                  f"(ingest {ingest:5.2f} s = {all_rows / ingest:,.0f} rows/s, checks {checks:5.2f} s)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)

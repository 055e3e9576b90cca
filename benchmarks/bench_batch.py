"""Wall time of `toolkit batch` on the 12-round demo: a LocalCluster of 1, 2 and 4 worker processes, and a
separately started `dask scheduler` + `dask worker` (the cluster path). Prints a Markdown table.

    .venv/bin/python benchmarks/bench_batch.py [--rounds-dir data/batch-demo] [--workers 1 2 4]
                                               [--cluster-workers 2] [--notebooks] [--runs 1]

The rounds are built first when missing (`toolkit demo --rounds 12`). Every batch runs with --force (no
round skipped) into its own temporary output folder; each figure is the best of ``--runs``, with the
1-minute load average before and after. The external cluster is started from here with subprocess
(its workers non-daemonic: DASK_DISTRIBUTED__WORKER__DAEMON=False) and torn down at the end.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def toolkit(*args: str) -> list[str]:
    return [sys.executable, "-m", "toolkit.cli", *args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed_batch(rounds_dir: Path, out: Path, extra: list[str]) -> tuple[float, float, float, int]:
    """(seconds, load before, load after, exit code) of one forced batch."""
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(toolkit("batch", str(rounds_dir), "--out", str(out), "--force", "--quiet", *extra),
                          cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout + done.stderr, file=sys.stderr)
    return seconds, load_before, os.getloadavg()[0], done.returncode


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def external_cluster(workers: int) -> Iterator[str]:
    """`dask scheduler` and `dask worker --nworkers N` as separate processes; the scheduler's address."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tempfile.TemporaryFile()
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    scheduler = subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                  "--no-dashboard"], stdout=logs, stderr=logs, env=env)
    worker = None
    try:
        worker = subprocess.Popen([str(BIN / "dask"), "worker", address, "--nworkers", str(workers),
                                   "--nthreads", "1", "--no-dashboard"], stdout=logs, stderr=logs, env=env,
                                  cwd=REPO)
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=120)
        yield address
    finally:
        if worker is not None:
            _stop(worker)
        _stop(scheduler)
        logs.close()


def best_of(runs: int, rounds_dir: Path, out: Path, extra: list[str]) -> tuple[float, float, float, int]:
    results = [timed_batch(rounds_dir, out, extra) for _ in range(runs)]
    return min(results, key=lambda r: r[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds-dir", type=Path, default=REPO / "data" / "batch-demo")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4],
                        help="LocalCluster sizes (none: only the external cluster)")
    parser.add_argument("--cluster-workers", type=int, default=2)
    parser.add_argument("--notebooks", action="store_true", help="also run each round's notebooks")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    if not args.rounds_dir.is_dir():
        subprocess.run(toolkit("demo", "--rounds", "12", "--data-dir", str(args.rounds_dir)), cwd=REPO, check=True)
    rounds = sorted(p.name for p in args.rounds_dir.iterdir() if (p / "round.toml").is_file())
    extra = [] if args.notebooks else ["--no-notebooks"]
    print(f"{len(rounds)} rounds in {args.rounds_dir}; {'with' if args.notebooks else 'without'} notebooks; "
          f"{os.cpu_count()} CPUs; Python {platform.python_version()}; best of {args.runs}\n")
    print("| cluster | worker processes | wall time (s) | rounds/min | load before → after | exit |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.workers:
            s, before, after, code = best_of(args.runs, args.rounds_dir, Path(tmp) / f"w{n}",
                                             [*extra, "--workers", str(n)])
            print(f"| LocalCluster | {n} | {s:.1f} | {len(rounds) / s * 60:.1f} | {before:.2f} → {after:.2f} | "
                  f"{code} |", flush=True)
        with external_cluster(args.cluster_workers) as address:
            s, before, after, code = best_of(args.runs, args.rounds_dir, Path(tmp) / "ext",
                                             [*extra, "--scheduler", address])
            print(f"| dask scheduler + dask worker ({address}) | {args.cluster_workers} | {s:.1f} | "
                  f"{len(rounds) / s * 60:.1f} | {before:.2f} → {after:.2f} | {code} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

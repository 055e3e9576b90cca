"""Where `toolkit check` spends its time on one round, stage by stage and check by check (not a test).

    .venv/bin/python benchmarks/bench_checks.py [DATA_DIR] [--runs N] [--top 15]

Reads the round once (default data/demo-x50, made by ``toolkit demo --scale 50 --no-run``), then times,
each the median of N runs (default 3) in this process, in CPU seconds of the process (``time.process_time``:
steadier than wall time on a shared machine, and this work runs on one thread): every check's rule (``Check.run``), every
indicator, and the writers of the check's outputs (findings.csv/.xlsx, ledger.xlsx, the snapshot).
Prints the ingest time, the slowest checks and indicators, and the writers. The output folder is
temporary. Use it to find what to vectorise next; `benchmarks/bench_scale.py` gives the whole-process
figures that count.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT / "data" / "demo-x50"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    from toolkit.areas import all_checks, all_indicators
    from toolkit.checks.base import Context, run_checks
    from toolkit.config import ROUND_FILE, load_config
    from toolkit.ingest.load import load_round
    from toolkit.pipeline import write_check_outputs
    from toolkit.snapshot import save_snapshot

    data_dir = Path(args.data_dir)
    config = load_config(data_dir / ROUND_FILE)
    ingest_s = median_seconds(lambda: load_round(data_dir, config), args.runs)
    data = load_round(data_dir, config)
    rows = sum(len(frame) for frame in data.frames.values())
    print(f"{data_dir}: {rows:,} rows accepted; ingest {ingest_s:.2f} s CPU (median of {args.runs})")

    context = Context(data.frames, config)
    checks = [c for c in all_checks() if not c.missing(context)]
    check_s = {c.id: median_seconds(lambda c=c: c.run(Context(data.frames, config)), args.runs) for c in checks}
    run = run_checks(Context(data.frames, config), all_checks(), all_indicators())
    indicator_s = {i.name: median_seconds(lambda i=i: i.compute(context, run.findings), args.runs)
                   for i in all_indicators() if context.has(*i.datasets)}
    print(f"checks: {sum(check_s.values()):.2f} s in all ({len(check_s)}), {len(run.findings):,} findings; "
          f"indicators: {sum(indicator_s.values()):.2f} s ({len(indicator_s)})")
    for name, seconds in sorted({**check_s, **indicator_s}.items(), key=lambda kv: -kv[1])[:args.top]:
        print(f"  {seconds:7.3f} s  {name}")

    from toolkit.pipeline import analyse
    analysis = analyse(data_dir)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        write_s = median_seconds(lambda: write_check_outputs(analysis, out, {}), args.runs)
        snapshot_s = median_seconds(lambda: save_snapshot(analysis, out), args.runs)
    print(f"writers: findings/indicators/rejected/ledger {write_s:.2f} s, snapshot {snapshot_s:.2f} s")


if __name__ == "__main__":
    main()

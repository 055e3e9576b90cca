"""The arguments of `toolkit batch` and its body (toolkit.cli adds the sub-command with one call)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from toolkit.batch.command import DEFAULT_OUT, run_batch

EXIT_FAILED = 1


def cmd_batch(args: argparse.Namespace) -> int:
    """Run the batch; exit 1 when a round failed (each named with its reason on stderr)."""
    result = run_batch(Path(args.rounds_dir), args.out, scheduler=args.scheduler, workers=args.workers,
                       notebooks=args.notebooks, force=args.force, jobs=args.jobs, progress=not args.quiet)
    done = sum(r["status"] == "ok" for r in result.records)
    skipped = sum(r["status"] == "skipped" for r in result.records)
    print(f"{len(result.records)} 个轮次：完成 {done}，未变化跳过 {skipped}，失败 {len(result.failed)}"
          f" → {result.index_path.resolve()}")
    for record in result.failed:
        print(f"错误：轮次 {record['name']} 失败：{record['reason']}", file=sys.stderr)
    return EXIT_FAILED if result.failed else 0


def add_batch_parser(sub: argparse._SubParsersAction) -> None:
    """The `batch` sub-command."""
    p = sub.add_parser("batch", help="check (and report) every round under ROUNDS_DIR on a Dask cluster; "
                                     "write the cross-round view")
    p.add_argument("rounds_dir", help="folder whose sub-folders are rounds (each with its round.toml)")
    p.add_argument("--out", type=Path, default=None, help=f"output folder (default {DEFAULT_OUT}/)")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS",
                   help="a running Dask scheduler, e.g. tcp://host:8786 (default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="LocalCluster worker processes (default 2)")
    p.add_argument("--notebooks", action=argparse.BooleanOptionalAction, default=True,
                   help="also execute each round's notebooks and write its report (default: yes)")
    p.add_argument("--jobs", type=int, default=1, help="notebooks run at once within a round (default 1)")
    p.add_argument("--force", action="store_true", help="run every round, even when unchanged since the last batch")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)

"""Wall times of `toolkit run` on the demo round (not a test).

    .venv/bin/python benchmarks/bench_run.py [N]        # N runs of each, median reported (default 3)

Measures, each as the median of N runs:

1. ``toolkit run DEMO --jobs 1`` and ``--jobs 2`` (the console script, as a user runs it: check,
   every notebook through Papermill in worker processes, HTML export, index.html);
2. the same notebooks executed one after another with the ``papermill`` command line (one process
   per notebook, no check step and no HTML export — the naive way of doing it by hand);
3. ``toolkit check`` alone (ingest + checks + outputs: the part of a run that is not notebooks);
4. one kernel start (``jupyter_client.manager.start_new_kernel`` + ``wait_for_ready``) and shutdown;

and prints the ratios, then where the last ``--jobs 2`` run spent its time: the serial part before
the notebooks (start-up, check, outputs, snapshot, bulletin) and, per notebook, its time in the
worker split into the open_round cell (imports + reading the round), the other cells and the rest
(kernel start and shutdown, Papermill), from the manifest and Papermill's cell timings; and the HTML
export of each executed notebook, timed again in this process. The demo round is built into a
temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _median(fn, n: int) -> tuple[float, list[float]]:
    times = [_timed(fn) for _ in range(n)]
    return statistics.median(times), times


def _run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-3000:]}")


def toolkit_run(demo: Path, out: Path, jobs: int) -> None:
    shutil.rmtree(out, ignore_errors=True)
    _run([str(BIN / "toolkit"), "run", str(demo), "--out", str(out), "--jobs", str(jobs), "--quiet"])


def papermill_cli(demo: Path, out: Path, notebooks: list[Path]) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for nb in notebooks:
        _run([str(BIN / "papermill"), str(nb), str(out / nb.name), "-k", "python3", "--cwd", str(nb.parent),
              "-p", "data_dir", str(demo), "-p", "out_dir", str(out / f"{nb.stem}_files"),
              "-y", "thresholds: {}", "--no-progress-bar", "--log-level", "WARNING"])


def toolkit_check(demo: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    _run([str(BIN / "toolkit"), "check", str(demo), "--out", str(out)])


def kernel_start() -> None:
    import zmq
    from jupyter_client.manager import start_new_kernel

    # the same transport encryption as toolkit.report.runner, for a like-for-like start-up time
    km, kc = start_new_kernel(kernel_name="python3", **({"transport_encryption": "auto"} if zmq.has("curve") else {}))
    try:
        kc.wait_for_ready(timeout=60)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def breakdown(out: Path) -> None:
    """Where one `toolkit run` spent its time (see the module doc)."""
    import nbformat

    from toolkit.report.worker import _notebook_title, export_html

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    timings = manifest["timings"]
    print(f"\nwhere the last run went: total {timings['total_s']:.2f} s = before the notebooks "
          f"{timings['total_s'] - timings['notebooks_s']:.2f} s (ingest {timings['ingest_s']:.2f}, "
          f"checks {timings['checks_s']:.2f}) + notebooks {timings['notebooks_s']:.2f} s")
    print(f"{'notebook':<14}{'in worker':>10}{'open_round':>11}{'other cells':>12}{'kernel etc.':>12}{'HTML':>7}")
    for record in manifest["notebooks"]:
        nb = nbformat.read(out / record["ipynb"], as_version=4)
        cells = [(c.source, c.metadata.get("papermill", {}).get("duration") or 0.0)
                 for c in nb.cells if c.cell_type == "code"]
        opening = sum(d for source, d in cells if "open_round(" in source)
        others = sum(d for _, d in cells) - opening
        html_s = _timed(lambda: export_html(nb, out / "bench.html", with_code=False,
                                            title=_notebook_title(nb, record["name"])))
        print(f"{record['name']:<14}{record['duration_s']:>10.2f}{opening:>11.2f}{others:>12.2f}"
              f"{record['duration_s'] - opening - others:>12.2f}{html_s:>7.2f}")


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 3
    from toolkit.demo import build_demo
    from toolkit.report.notebooks import discover_notebooks

    notebooks = [spec.path for spec in discover_notebooks()]
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        tmp_path = Path(tmp)
        demo = build_demo(tmp_path / "demo")
        print(f"demo round: {demo}; notebooks: {', '.join(p.stem for p in notebooks)}; "
              f"N = {n}; CPUs: {os.cpu_count()}", flush=True)
        for label, fn in (
            ("toolkit run --jobs 1", lambda: toolkit_run(demo, tmp_path / "out1", 1)),
            ("toolkit run --jobs 2", lambda: toolkit_run(demo, tmp_path / "out2", 2)),
            ("papermill CLI, one by one", lambda: papermill_cli(demo, tmp_path / "pm", notebooks)),
            ("toolkit check (no notebooks)", lambda: toolkit_check(demo, tmp_path / "check")),
            ("one kernel start + shutdown", kernel_start),
        ):
            median, times = _median(fn, n)
            results[label] = median
            print(f"{label:<30} median {median:7.2f} s   runs: {', '.join(f'{t:.2f}' for t in times)}", flush=True)
        breakdown(tmp_path / "out2")

    j1, j2 = results["toolkit run --jobs 1"], results["toolkit run --jobs 2"]
    pm, kernel = results["papermill CLI, one by one"], results["one kernel start + shutdown"]
    print()
    print(f"speed-up --jobs 2 vs --jobs 1:            {j1 / j2:5.2f}x")
    print(f"papermill CLI one by one / --jobs 1:      {pm / j1:5.2f}x")
    print(f"papermill CLI one by one / --jobs 2:      {pm / j2:5.2f}x")
    print(f"toolkit run --jobs 2 / papermill CLI:     {j2 / pm:5.2f}   (target: at most 0.50)")
    print(f"kernel starts ({len(notebooks)}) / --jobs 1 wall:   {len(notebooks) * kernel / j1:5.1%}")
    print(f"toolkit check / --jobs 1 wall:            {results['toolkit check (no notebooks)'] / j1:5.1%}")
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""`toolkit run`: check the round, execute the area notebooks with Papermill in worker processes, write the report.

Steps of :func:`run_round`:

1. find the notebooks (``notebooks/NN_name.ipynb``; area = name without ``NN_``) and check ``--only``;
2. :func:`toolkit.pipeline.check_round` — findings.csv/.xlsx, indicators.json, rejected.csv and a
   manifest whose status stays ``running`` until the very end;
3. check each notebook's declared parameters (:mod:`toolkit.report.notebooks`: it must declare
   ``data_dir``, ``out_dir`` and ``thresholds``; only those are passed — Papermill would merely warn
   about unknown ones);
4. execute the notebooks in parallel worker processes (:mod:`toolkit.report.worker`, one kernel
   each at a time), saving every executed notebook as ``<out>/notebooks/<name>.ipynb`` and ``.html``
   — a failing notebook is saved too (up to its error) and does not stop the others. The workers
   start during step 2, once the round's files are read (:class:`Workers`), each with its kernel started
   ahead (kept from notebook to notebook), so their start overlaps with the checks; workers and kernels are
   forked from a forkserver started with the command, which imported their modules once
   (:mod:`toolkit.report.forkserver`, :mod:`toolkit.report.forked_kernel`); they take the
   notebooks as soon as the round's snapshot is saved — before the checks run: a notebook waits for them
   where it first uses their findings, indicators or context (90_forensic never does) — while this process
   checks the round and writes the check's outputs; the notebooks load the snapshot (toolkit.snapshot)
   instead of reading the round again;
5. ``index.html``, then the manifest: status ``ok`` (or ``failed`` when a notebook failed) with
   ``finished_at``. Every file is written to a temporary name and moved into place, so a run killed
   midway leaves a manifest that still says ``running``.

Which notebooks, from which folder: :mod:`toolkit.report.notebooks`.
"""

from __future__ import annotations

import os
import signal
import threading
import sys
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from tqdm import tqdm

from toolkit.analysis import Analysis
from toolkit.background import can_fork, lending
from toolkit.bulletin.render import write_bulletin_files
from toolkit.config import ROUND_FILE, load_config
from toolkit.errors import ParameterError
from toolkit.outdir import check_out_dir, holding_out_dir
from toolkit.pipeline import check_round, default_out_dir, finish_manifest
from toolkit.report.forkserver import start_forkserver, worker_context
from toolkit.report.html import findings_by_area, write_index
from toolkit.report.manifest import collect_samples
from toolkit.report.outputs import write_json
from toolkit.report.notebooks import (NotebookSpec, check_parameters, discover_notebooks, imported_modules,
                                      select_notebooks)
from toolkit.report.worker import KERNEL_LOG, execute_one, findings_chart, init_worker, meaningful_log

#: notebooks that read every dataset of the round and take the longest: started first, so that the
#: workers finish together instead of one running the longest notebook alone at the end
LONGEST_FIRST = ("forensic",)


@dataclass
class RunResult:
    """What `toolkit run` produced."""

    out_dir: Path
    index_path: Path
    analysis: Analysis
    manifest: dict[str, Any]
    notebooks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def failed(self) -> list[str]:
        return [n["name"] for n in self.notebooks if n["status"] != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed


# ---- the main side ------------------------------------------------------------------------------

def _snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(directory)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in directory.rglob("*") if p.is_file()}


def run_round(data_dir: Path | str, out_dir: Path | str | None = None, *, jobs: int | None = os.cpu_count(),
              only: list[str] | None = None, with_code: bool = False, thresholds: dict[str, Any] | None = None,
              progress: bool = True, notebooks_dir: Path | str | None = None, mask: bool = False) -> RunResult:
    """`toolkit run`: check, execute the notebooks, write index.html and the manifest (see module doc)."""
    data_dir = Path(data_dir).resolve()
    specs = select_notebooks(discover_notebooks(Path(notebooks_dir) if notebooks_dir else None), only)
    if not data_dir.is_dir():
        raise ParameterError(f"数据目录 {data_dir} 不存在")
    out = Path(out_dir) if out_dir is not None else default_out_dir(load_config(data_dir / ROUND_FILE))
    out = check_out_dir(out, data_dir)   # never inside the data folder, a file or read-only
    jobs = max(1, int(jobs or 1))
    started = time.perf_counter()
    with holding_out_dir(out), _terminated_as_interrupt():
        start_forkserver()
        workers = Workers(min(jobs, len(specs)), out / "notebooks" / KERNEL_LOG, specs)
        if not can_fork():   # the check cannot fork its readers here (a Dask worker): it borrows these instead
            workers.start()
        with _stopping_on_error(workers):
            return _run_locked(data_dir, out, specs, workers, started, jobs=jobs, only=only,
                               with_code=with_code, thresholds=thresholds, progress=progress, mask=mask)


class Workers:
    """The run's notebook worker processes (:func:`_start_workers`), started once, when :meth:`start` is first
    called: as soon as the round's files are read — the check then runs on one core and the workers' start takes
    the other — or before the check when this process may not fork (they then read the files).

    They start in a thread of this process: a worker is forked by the forkserver once it has imported the
    workers' modules (toolkit.report.preload, at a lower priority than this process's reading), and the check
    does not wait for that. :attr:`pool` waits for it."""

    def __init__(self, count: int, kernel_log: Path, specs: list[NotebookSpec]) -> None:
        self.count, self.kernel_log, self.specs = count, kernel_log, specs
        self.futures: dict[Future, dict[str, Any]] = {}   # the notebooks handed out (:meth:`hand_out`)
        self._pool: ProcessPoolExecutor | None = None
        self._starting: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._queued: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        if self._starting is None and self.count:
            self._starting = threading.Thread(target=self._start, name="workers-start", daemon=True)
            self._starting.start()

    def hand_out(self, tasks: list[dict[str, Any]]) -> None:
        """Give the workers these notebooks (the longest first, see :func:`_submit`): at once when they are started,
        else as soon as they are — the caller does not wait for them (the check goes on meanwhile)."""
        with self._lock:
            if self._pool is None:
                self._queued.extend(tasks)
                return
        self.futures.update(_submit(tasks, self._pool))

    def _start(self) -> None:
        try:
            pool = _start_workers(self.count, self.kernel_log, self.specs)
        except BaseException as exc:  # raised again by .pool, in the run's own thread
            self._failure = exc
            return
        with self._lock:
            self._pool, queued, self._queued = pool, self._queued, []
        if queued:
            self.futures.update(_submit(queued, pool))

    @property
    def pool(self) -> ProcessPoolExecutor | None:
        """The started pool (None before :meth:`start`), once its workers are started."""
        if self._starting is not None:
            self._starting.join()
        if self._failure is not None:
            raise self._failure
        return self._pool


def _run_locked(data_dir: Path, out: Path, specs: list[NotebookSpec], workers: Workers, started: float, *,
                jobs: int, only: list[str] | None, with_code: bool, thresholds: dict[str, Any] | None,
                progress: bool, mask: bool) -> RunResult:
    """run_round once the output folder is checked and locked.

    The check reads the round's files in forked processes of its own, as `toolkit check` does; then the workers
    start (their imports and kernels overlap with the checks) — or, started already, they read the files for the
    check (:func:`toolkit.background.lending`). Once the round's snapshot is saved they take the notebooks,
    while this process runs the checks (the notebooks wait for them where they need them) and writes the
    check's outputs and the bulletin."""
    out = out.resolve()
    notebooks_out = out / "notebooks"
    notebooks_out.mkdir(parents=True, exist_ok=True)
    records, tasks = _plan(specs, notebooks_out, data_dir, thresholds, with_code)
    before = _snapshot(data_dir)
    clock: list[float] = []    # when the notebooks were handed out

    with lending(workers.pool, workers.count) if workers.pool is not None else nullcontext() as loan:
        def start_notebooks() -> None:
            if loan is not None:
                loan.end()      # findings.xlsx is then written here, not queued behind the notebooks
            workers.start()
            clock.append(time.perf_counter())
            workers.hand_out(tasks)

        analysis, manifest, out = check_round(
            data_dir, out, thresholds=thresholds, mask=mask, on_ingested=workers.start, on_snapshot=start_notebooks,
            parameters={"threshold_overrides": dict(thresholds or {}), "only": sorted(only) if only else None,
                        "with_code": with_code, "jobs": jobs})
    manifest["status"] = "running"
    chart = _draw_findings_chart(workers, analysis)   # by a worker once it is free: this process has no Matplotlib
    write_bulletin(analysis, out, manifest)

    def save_progress() -> None:
        manifest["notebooks"] = [records[s.name] for s in specs]
        write_json(out / "manifest.json", manifest)   # status still 'running'

    save_progress()
    if workers.pool is not None:   # started: every notebook handed out is now submitted
        _collect(workers.futures, records, progress, save_progress)
        workers.pool.shutdown(wait=True)
    manifest["timings"]["notebooks_s"] = round(time.perf_counter() - clock[0], 3)
    manifest["kernel_log"] = _kept_kernel_log(workers.kernel_log)
    manifest["notebooks"] = [records[s.name] for s in specs]
    manifest["samples"] = collect_samples(out)   # the samples the notebooks drew (90_forensic): seed, ids

    if _snapshot(data_dir) != before:
        note = f"数据目录 {data_dir} 在运行期间被修改（笔记本不应写入数据目录），结果可能与 SHA-256 记录不符"
        manifest.setdefault("notes", []).append(note)
        print(f"注意：{note}", file=sys.stderr)
    failed = [r["name"] for r in manifest["notebooks"] if r["status"] != "ok"]
    manifest["timings"]["total_s"] = round(time.perf_counter() - started, 3)
    manifest["status"] = "failed" if failed else "ok"   # what index.html shows; the file says so only below
    index_path = write_index(out, analysis, manifest, _drawn_chart(chart))
    finish_manifest(out, manifest, "failed" if failed else "ok")
    return RunResult(out, index_path, analysis, manifest, list(manifest["notebooks"]))


def _kept_kernel_log(kernel_log: Path) -> str | None:
    """The kernels' log, relative to the output folder, when it holds more than benign chatter (else deleted)."""
    if kernel_log.exists() and not meaningful_log(kernel_log):
        kernel_log.unlink()
    return f"notebooks/{KERNEL_LOG}" if kernel_log.exists() else None


def _draw_findings_chart(workers: Workers, analysis: Analysis) -> Future | None:
    """index.html's chart, handed to the workers after the notebooks (:func:`toolkit.report.worker.findings_chart`)."""
    by_area = findings_by_area(analysis.findings)
    return None if by_area.empty or workers.pool is None else workers.pool.submit(findings_chart, by_area)


def _drawn_chart(chart: Future | None) -> bytes | None:
    """The chart's PNG, or None when there is none or its worker failed (index.html then shows none)."""
    try:
        return chart.result() if chart is not None else None
    except Exception:
        return None


def _plan(specs: list[NotebookSpec], notebooks_out: Path, data_dir: Path, thresholds: dict[str, Any] | None,
          with_code: bool) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Each notebook's manifest record ('pending', or 'failed' when its parameters are wrong) and the worker
    tasks of those that can run. A previous run's copies of the notebooks are removed."""
    records: dict[str, dict[str, Any]] = {}
    tasks = []
    for spec in specs:
        for stale in (notebooks_out / f"{spec.name}.ipynb", notebooks_out / f"{spec.name}.html"):
            stale.unlink(missing_ok=True)     # a previous run's copy must not pass for this run's
        record = {"name": spec.name, "area": spec.area, "status": "pending", "duration_s": None,
                  "ipynb": f"notebooks/{spec.name}.ipynb", "html": f"notebooks/{spec.name}.html", "error": None}
        problem = check_parameters(spec)
        if problem:
            record.update(status="failed", ipynb=None, html=None,
                          error={"name": "ParameterError", "value": problem, "cell_index": None,
                                 "execution_count": None})
        else:
            tasks.append({
                "name": spec.name, "area": spec.area, "path": str(spec.path), "cwd": str(spec.path.parent),
                "ipynb": str(notebooks_out / f"{spec.name}.ipynb"), "html": str(notebooks_out / f"{spec.name}.html"),
                "ipynb_rel": record["ipynb"], "html_rel": record["html"], "with_code": with_code,
                "parameters": {"data_dir": str(data_dir), "out_dir": str(notebooks_out / f"{spec.name}_files"),
                               "thresholds": dict(thresholds or {})},
            })
        records[spec.name] = record
    return records, tasks


def write_bulletin(analysis: Analysis, out: Path, manifest: dict[str, Any]) -> None:
    """bulletin.docx and bulletin.html when the round has a ledger (the progress bulletin, 整改进展情况通报)."""
    manifest["bulletin"] = write_bulletin_files(analysis, out)


@contextmanager
def _stopping_on_error(workers: Workers) -> Iterator[None]:
    """Stop the workers and their kernels at once when the block fails (the check found the round
    unreadable, Ctrl-C, SIGTERM…)."""
    try:
        yield
    except BaseException:
        try:
            pool = workers.pool
        except BaseException:   # they could not start: nothing to stop, the block's error is the one to report
            pool = None
        if pool is not None:
            stop_workers(pool)
        raise


def stop_workers(pool: ProcessPoolExecutor, grace_s: float = 5.0) -> None:
    """SIGTERM every worker (each kills its kernels, see toolkit.report.worker), SIGKILL the ones still
    alive after ``grace_s``, and shut the pool down without waiting for its tasks."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + grace_s
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:   # its workers are gone: it closes its wake-up pipe and ends. Joined here, it cannot
        manager.join(grace_s)  # race the interpreter's exit hook writing to that pipe ("Bad file descriptor")


@contextmanager
def _terminated_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt in the main thread for the block, so a terminated run stops its
    workers and kernels and releases its output folder like Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _start_workers(workers: int, kernel_log: Path, specs: list[NotebookSpec]) -> ProcessPoolExecutor:
    """The worker processes (see :class:`Workers` for when): their imports and their first kernel (started ahead
    in the notebooks' folder with the notebooks' imports, see :func:`toolkit.report.worker.start_kernel_ahead`)
    overlap with the check. The kernels' log starts empty."""
    kernel_log.parent.mkdir(parents=True, exist_ok=True)
    kernel_log.unlink(missing_ok=True)
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(), initializer=init_worker,
                                   initargs=(str(kernel_log), str(specs[0].path.parent), os.getpid(),
                                             tuple(imported_modules(specs))))
    for _ in range(workers):
        executor.submit(int)   # forkserver/spawn start one process per submit while none is idle
    return executor


def longest_first(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The tasks in the order they are handed to the workers: LONGEST_FIRST's areas, then the others in order.

    >>> [t["area"] for t in longest_first([{"area": "overview"}, {"area": "cases"}, {"area": "forensic"}])]
    ['forensic', 'overview', 'cases']
    """
    return sorted(tasks, key=lambda task: task["area"] not in LONGEST_FIRST)


def _submit(tasks: list[dict[str, Any]], executor: ProcessPoolExecutor) -> dict[Future, dict[str, Any]]:
    """Hand the tasks to the workers of ``executor``, the longest first."""
    return {executor.submit(execute_one, t): t for t in longest_first(tasks)}


def _collect(futures: dict[Future, dict[str, Any]], records: dict[str, dict[str, Any]], progress: bool,
             save_progress: Callable[[], None]) -> None:
    """Wait for the notebooks; fill ``records`` as they finish."""
    show = progress and sys.stderr.isatty()
    bar = tqdm(total=len(futures), desc="执行笔记本", unit="本", file=sys.stderr, disable=not show, leave=True)
    try:
        for future in as_completed(futures):
            task = futures[future]
            try:
                record = future.result()
            except Exception as exc:  # the worker process itself died (BrokenProcessPool, ...)
                record = dict(records[task["name"]], status="failed", ipynb=None, html=None,
                              error={"name": type(exc).__name__, "value": str(exc) or "工作进程异常退出",
                                     "cell_index": None, "execution_count": None})
            records[task["name"]] = record
            save_progress()
            bar.set_postfix_str(f"{task['name']} {'完成' if record['status'] == 'ok' else '失败'}")
            bar.update(1)
    finally:
        bar.close()

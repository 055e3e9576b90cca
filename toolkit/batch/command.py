"""`toolkit batch ROUNDS_DIR`: every round of a folder on a Dask distributed cluster, then the cross-round view.

:func:`run_batch`:

1. find the rounds (:func:`toolkit.batch.rounds.discover_rounds`); check and lock the output folder
   (never inside ROUNDS_DIR; one batch writer at a time — :mod:`toolkit.outdir`);
2. skip the rounds whose outputs still hold (:func:`toolkit.batch.rounds.unchanged`) unless ``force``;
3. submit one task a round (:func:`toolkit.batch.task.run_job`) to the cluster
   (:func:`toolkit.batch.cluster.open_client`), a progress bar by rounds; a round that fails —
   or whose worker dies — is recorded with its reason and the others go on;
4. write ``OUT/index.html``, ``OUT/summary.xlsx`` and ``OUT/manifest.json`` (each round's status, reason
   and the SHA-256 of its manifest.json), atomically.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tqdm import tqdm

import toolkit
from toolkit.areas import area_titles
from toolkit.batch.cluster import describe, open_client, require_children_allowed
from toolkit.batch.rounds import (DEFAULT_OUT, MANIFEST, Round, current_state, discover_rounds, manifest_digest,
                                  read_json, unchanged)
from toolkit.batch.summary import read_outputs
from toolkit.batch.task import job_for, run_job
from toolkit.batch.view import build_tables, write_view
from toolkit.outdir import check_out_dir, holding_out_dir
from toolkit.report.manifest import git_commit, now
from toolkit.report.outputs import write_json
from toolkit.report.notebooks import default_notebooks_dir
from toolkit.roundkey import code_digest



@dataclass
class BatchResult:
    """What `toolkit batch` did: one record per round (name, status ok/skipped/failed, reason, …)."""

    out_dir: Path
    records: list[dict[str, Any]]
    manifest: dict[str, Any]

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [r for r in self.records if r["status"] == "failed"]

    @property
    def index_path(self) -> Path:
        return self.out_dir / "index.html"


def _plan(rounds: list[Round], previous: dict[str, Any], notebooks: bool,
          force: bool) -> tuple[list[Round], dict[str, dict[str, Any]]]:
    """The rounds to run, and the records of those skipped (unchanged since the previous batch)."""
    codes = {r.get("name"): r.get("code") for r in previous.get("rounds") or []}
    to_run, skipped = [], {}
    for round_ in rounds:
        state = None if force else current_state(round_.data_dir)
        if state and unchanged(read_json(round_.manifest_path), state, notebooks, codes.get(round_.name)):
            skipped[round_.name] = {"name": round_.name, "status": "skipped", "reason": None, "seconds": 0.0,
                                    "worker": None}
        else:
            to_run.append(round_)
    return to_run, skipped


def _submit_all(client: Any, rounds: list[Round], notebooks: bool, jobs: int, progress: bool) -> dict[str, dict]:
    """Run the rounds on the cluster; their records by name, in the order they finish."""
    from distributed import as_completed

    notebooks_dir = default_notebooks_dir() if notebooks else None
    futures = {client.submit(run_job, job_for(r.data_dir, r.out_dir, r.name, notebooks, jobs, notebooks_dir),
                             key=f"round-{i:04d}-{r.name}", pure=False): r for i, r in enumerate(rounds)}
    records: dict[str, dict] = {}
    show = progress and sys.stderr.isatty()
    with tqdm(total=len(futures), desc="执行轮次", unit="轮", file=sys.stderr, disable=not show) as bar:
        for future in as_completed(futures):
            round_ = futures[future]
            try:
                record = future.result()
            except Exception as exc:  # the worker died (KilledWorker), the task could not be unpickled, ...
                record = {"name": round_.name, "status": "failed", "seconds": None, "worker": None,
                          "reason": f"工作进程异常：{type(exc).__name__}: {exc}"}
            records[round_.name] = record
            bar.set_postfix_str(f"{round_.name} {'完成' if record['status'] == 'ok' else '失败'}")
            bar.update(1)
    return records


def _finish(out: Path, rounds: list[Round], records: dict[str, dict], info: dict[str, Any]) -> BatchResult:
    """Complete the records (manifest SHA-256, code digest), write the view and the batch manifest."""
    ordered = []
    for round_ in rounds:
        record = dict(records[round_.name], data_dir=str(round_.data_dir),
                      manifest=f"rounds/{round_.name}/{MANIFEST}", manifest_sha256=manifest_digest(round_))
        if record["status"] == "failed":
            record["manifest"] = record["manifest_sha256"] = None   # a failed round's folder holds no valid run
        record["code"] = code_digest() if record["status"] != "failed" else None
        ordered.append(record)
    finished = [r for r in rounds if records[r.name]["status"] != "failed"]
    outputs = [read_outputs(r.name, r.out_dir) for r in finished]
    tables = build_tables(outputs, ordered)
    manifest = {**info, "finished_at": now(), "status": "failed" if any(r["status"] == "failed" for r in ordered)
                else "ok", "rounds": ordered}
    write_view(out, tables, {**info, "finished_at": manifest["finished_at"]}, area_titles())
    write_json(out / MANIFEST, manifest)
    return BatchResult(out, ordered, manifest)


def run_batch(rounds_dir: Path | str, out: Path | str | None = None, *, scheduler: str | None = None,
              workers: int = 2, notebooks: bool = True, force: bool = False, jobs: int = 1,
              progress: bool = True) -> BatchResult:
    """`toolkit batch` (see the module doc). ``jobs``: notebooks run at once within a round."""
    out_dir = check_out_dir(Path(out) if out else DEFAULT_OUT, rounds_dir)
    rounds = discover_rounds(Path(rounds_dir), out_dir)
    started = time.perf_counter()
    with holding_out_dir(out_dir):
        previous = read_json(out_dir / MANIFEST) or {}
        to_run, records = _plan(rounds, previous, notebooks, force)
        info = {"title": f"多轮次汇总：{Path(rounds_dir).resolve().name}（{len(rounds)} 个轮次）",
                "rounds_dir": str(Path(rounds_dir).resolve()), "cluster": describe(scheduler, workers),
                "notebooks": notebooks, "force": force, "started_at": now(), "toolkit_version": toolkit.__version__,
                "git_commit": git_commit(), "code": code_digest()}
        if to_run:
            with open_client(scheduler, workers) as client:
                if notebooks:
                    require_children_allowed(client)
                records.update(_submit_all(client, to_run, notebooks, jobs, progress))
        info["wall_s"] = round(time.perf_counter() - started, 3)
        return _finish(out_dir, rounds, records, info)

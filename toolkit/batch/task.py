"""One round of a batch, as a Dask worker runs it: `toolkit check` or `toolkit run` on the round, never raising.

:func:`run_job` reuses the pipeline as it is — :func:`toolkit.pipeline.check_round` without notebooks,
:func:`toolkit.report.runner.run_round` with them (its notebooks run in worker processes of their own,
hence the non-daemonic Dask workers of :mod:`toolkit.batch.cluster`) — so a round's outputs, their
atomic writes and the lock of its output folder are exactly those of the single-round commands.
Whatever goes wrong is returned as the round's reason, in one line: the other rounds go on.
"""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path
from typing import Any

from toolkit.errors import ToolkitError
from toolkit.pipeline import check_round
from toolkit.report.runner import run_round


def job_for(data_dir: Path, out_dir: Path, name: str, notebooks: bool, jobs: int,
            notebooks_dir: Path | None) -> dict[str, Any]:
    """The picklable description of one round's task (absolute paths: a worker may run elsewhere)."""
    return {"name": name, "data_dir": str(Path(data_dir).resolve()), "out_dir": str(Path(out_dir).resolve()),
            "notebooks": bool(notebooks), "jobs": int(jobs),
            "notebooks_dir": str(notebooks_dir) if notebooks_dir else None}


def _execute(job: dict[str, Any]) -> tuple[str, str | None]:
    """Check (and run the notebooks of) the round: its status and, when it failed, why."""
    if not job["notebooks"]:
        check_round(Path(job["data_dir"]), Path(job["out_dir"]), finish="ok")
        return "ok", None
    result = run_round(job["data_dir"], job["out_dir"], jobs=job["jobs"], progress=False,
                       notebooks_dir=job["notebooks_dir"])
    if result.ok:
        return "ok", None
    return "failed", f"{len(result.failed)} 个笔记本执行失败：{'、'.join(result.failed)}"


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one round; its record for the batch: name, status ('ok' or 'failed'), reason, seconds, worker."""
    started = time.perf_counter()
    try:
        status, reason = _execute(job)
    except ToolkitError as exc:
        status, reason = "failed", str(exc)
    except OSError as exc:
        status, reason = "failed", f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")
    except Exception as exc:  # a bug in one round must not stop the batch
        status, reason = "failed", f"内部错误：{type(exc).__name__}: {exc}"
    return {"name": job["name"], "status": status, "reason": reason,
            "seconds": round(time.perf_counter() - started, 3), "worker": f"{socket.gethostname()}:{os.getpid()}"}

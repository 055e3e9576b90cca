"""The worker side of `toolkit run`: execute one notebook with Papermill, save it as .ipynb and .html.

Each worker process runs :func:`init_worker` once (Papermill and nbconvert are imported — already, when the
worker was forked from the preloaded forkserver, see toolkit.report.forkserver — the kernels' chatter goes to a
log file, and the worker's kernel starts, forked from the forkserver too: toolkit.report.forked_kernel),
then :func:`execute_one` per notebook. The worker keeps its kernel from one notebook to the next and gives
it a fresh kernel's state before each (:mod:`toolkit.report.kernel_state`): a kernel start and the
notebooks' imports are paid once per worker, not once per notebook. Nothing here raises: a failure becomes the notebook's manifest
record.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from toolkit.processes import alive
from toolkit.report.forked_kernel import ForkedKernelProvisioner, started_kernels
from toolkit.report.forkserver import share_parent_forkserver
from toolkit.report.kernel_state import RESTORE
from toolkit.report.notebook_html import export_html, notebook_title
from toolkit.report.outputs import temp_beside

KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 1800     # one cell; a hung notebook fails instead of blocking the run
START_TIMEOUT_S = 120     # kernel start-up, generous for loaded machines

KERNEL_LOG = "kernels.log"
# jupyter_client interrupts every kernel before shutting it down; ipykernel may log that it caught it
BENIGN_KERNEL_LOG = re.compile(r"^\[IPKernelApp\] ERROR \| KeyboardInterrupt caught in kernel\.?$")


def meaningful_log(path: Path) -> bool:
    """Whether the kernel log holds anything but the benign shutdown chatter."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return any(line.strip() and not BENIGN_KERNEL_LOG.match(line.strip()) for line in lines)


def init_worker(log_path: str | None = None, warm_cwd: str | None = None, parent_pid: int | None = None,
                preload: tuple[str, ...] = ()) -> None:
    """Runs once in each worker process: die with the run (:func:`die_with_parent`), import Papermill and
    nbconvert once, quiet the kernels, and start a first kernel in ``warm_cwd`` (see :func:`start_kernel_ahead`)
    that imports the modules ``preload`` (the notebooks' imports) as it starts.

    The worker's stderr (inherited by its kernels: their log lines, debugpy's warnings) goes to
    ``log_path`` instead of the user's terminal; the runner deletes the log when it stays empty.
    """
    die_with_parent(parent_pid)
    share_parent_forkserver()   # the kernels are forked from the run's preloaded forkserver, as this worker was
    _log_path[:] = [log_path] if log_path else []
    if log_path:
        fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        os.dup2(fd, 2)
        os.close(fd)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")   # debugpy's frozen-modules warning
    os.environ["MPLBACKEND"] = INLINE_BACKEND  # charts as inline PNG outputs
    skip_iri_grammars()
    import nbconvert  # noqa: F401
    import papermill  # noqa: F401

    logging.getLogger("papermill").setLevel(logging.WARNING)
    logging.getLogger("traitlets").setLevel(logging.ERROR)   # nbconvert's "alternative text missing" warnings
    register_engine()
    _preload[:] = preload
    if warm_cwd:
        start_kernel_ahead(warm_cwd)


def skip_iri_grammars() -> None:
    """Keep jsonschema (which nbformat imports) from importing rfc3987_syntax in this worker: that module,
    installed for JupyterLab's jupyter-events, compiles 38 grammars at import (~3 s of CPU) for the "iri"
    string formats, which the notebook schema never uses. jsonschema then leaves those formats unchecked."""
    sys.modules.setdefault("rfc3987_syntax", None)   # None: `import rfc3987_syntax` raises ImportError


INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
#: the niceness of the processes that run notebooks (set in the forkserver, see toolkit.report.preload): they
#: start while the run's main process reads and checks the round, and take only the CPU it leaves
NOTEBOOK_NICE = 10
PARENT_POLL_S = 0.5


def die_with_parent(parent_pid: int | None) -> None:
    """SIGTERM or SIGINT, or the death of ``parent_pid`` (the process running `toolkit run`, even by kill -9),
    kill this worker's kernels and end the worker: no kernel outlives the run nor keeps writing notebooks."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: _die())
    if parent_pid is None:
        return
    first_parent = os.getppid()

    def watch() -> None:
        while os.getppid() == first_parent and alive(parent_pid):
            time.sleep(PARENT_POLL_S)
        _die()

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc; empty elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*") if Path("/proc").is_dir() else []:
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[-1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def kill_kernels() -> None:
    """SIGKILL this worker's kernels with their process groups (each runs in a session of its own, so whatever
    a notebook started goes too): the kernels it forked (toolkit.report.forked_kernel) and its child processes."""
    own_group = os.getpgrp()
    for pid in [*started_kernels(), *_children(os.getpid())]:
        try:
            group = os.getpgid(pid)
            if group != own_group:
                os.killpg(group, signal.SIGKILL)
            else:
                os.kill(pid, signal.SIGKILL)
        except OSError:
            continue


def _die() -> None:
    kill_kernels()
    os._exit(143)


ENGINE = "toolkit"        # Papermill's nbclient engine, on this worker's kept kernel (see :func:`register_engine`)
#: each notebook's client of the kept kernel: ready at the kernel's answer, not after 0.2 s of silence
READY_CLIENT = "toolkit.report.ready_client.ReadyKernelClient"
WARM_UP = ("import matplotlib.pyplot, pandas, pyarrow.parquet, toolkit.notebook, toolkit.plots, "
           "toolkit.report.kernel_state; toolkit.report.kernel_state.preload({preload!r}); "
           "toolkit.report.kernel_state.remember()")
_kept: list[tuple[str, Any]] = []   # (cwd, kernel manager): this worker's kernel, idle between two notebooks
_preload: list[str] = []            # the modules this worker's kernels import as they start (see init_worker)
_log_path: list[str] = []           # where this worker's stderr and its kernels' go (see init_worker)


def start_kernel(cwd: str) -> Any | None:
    """A kernel started in ``cwd`` — forked from the forkserver (:mod:`toolkit.report.forked_kernel`) — that runs
    WARM_UP as it starts (IPython exec_lines: the usual imports and the notebooks' own) and records its fresh state
    for :mod:`toolkit.report.kernel_state`; None, and why on stderr, when it cannot start."""
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    config = kernel_config()
    manager = AsyncKernelManager(kernel_name=KERNEL_NAME, client_class=READY_CLIENT,
                                 **({"config": config} if config is not None else {}))
    try:
        manager.kernel_id = str(uuid.uuid4())
        manager.provisioner = ForkedKernelProvisioner(kernel_id=manager.kernel_id, kernel_spec=manager.kernel_spec,
                                                      parent=manager, log_path=_log_path[0] if _log_path else None)
        run_sync(manager.start_kernel)(cwd=cwd, extra_arguments=["--HistoryManager.hist_file=:memory:",
                                                                 f"--IPKernelApp.exec_lines={WARM_UP.format(preload=_preload)}"])
    except Exception as exc:  # no such kernel, ...: the notebook then starts its own and reports why it cannot
        print(f"kernel not started: {type(exc).__name__}: {exc}", file=sys.stderr)
        return None
    return manager


def start_kernel_ahead(cwd: str) -> None:
    """Start this worker's kernel now — while the main process checks the round, not on a notebook's clock —
    and keep it for the first notebook."""
    manager = start_kernel(cwd)
    if manager is not None:
        keep_kernel(cwd, manager)


def keep_kernel(cwd: str, manager: Any) -> None:
    """Keep ``manager``'s kernel for this worker's next notebook; shut down when the worker exits."""
    from multiprocessing.util import Finalize

    if not _kept_finalizer:
        _kept_finalizer.append(Finalize(None, stop_kept_kernels, exitpriority=10))
    _kept.append((cwd, manager))


_kept_finalizer: list[Any] = []


def take_kernel(cwd: str) -> Any | None:
    """The kept kernel when it is alive and runs in ``cwd``, else a new kernel there (None if none starts).
    A kept kernel that does not fit is shut down."""
    from jupyter_core.utils import run_sync

    while _kept:
        kept_cwd, manager = _kept.pop()
        if kept_cwd == cwd and run_sync(manager.is_alive)():
            return manager
        run_sync(manager.shutdown_kernel)(now=True)
    return start_kernel(cwd)


def stop_kept_kernels() -> None:
    """Shut down the kernel no notebook is using."""
    from jupyter_core.utils import run_sync

    while _kept:
        _, manager = _kept.pop()
        run_sync(manager.shutdown_kernel)(now=True)


def register_engine() -> None:
    """Register ENGINE: nbclient as Papermill runs it, on the worker's kept kernel, which
    :data:`toolkit.report.kernel_state.RESTORE` gives a fresh kernel's state before the first cell. After the
    notebook — its cells ran, or one raised — the kernel is kept for the next; a kernel that died, timed out or
    could not be restored is shut down. Another kernel name than KERNEL_NAME: a kernel of its own, as Papermill does."""
    from jupyter_core.utils import run_sync
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines

    class RestoringClient(PapermillNotebookClient):
        async def async_start_new_kernel_client(self) -> Any:
            client = await super().async_start_new_kernel_client()
            reply = await self.async_wait_for_reply(client.execute(RESTORE, silent=True, store_history=False))
            if reply is None or reply["content"]["status"] != "ok":
                raise RuntimeError(f"笔记本内核未能复位：{(reply or {}).get('content', {}).get('evalue', '无应答')}")
            return client

        start_new_kernel_client = run_sync(async_start_new_kernel_client)

    class KeptKernelEngine(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None, stderr_file=None,
                                     start_timeout=60, execution_timeout=None, **kwargs):
            kwargs.pop("input_path", None)
            cwd = os.getcwd()   # Papermill has changed into the notebook's cwd
            manager = take_kernel(cwd) if kernel_name == KERNEL_NAME else None
            client = (RestoringClient if manager is not None else PapermillNotebookClient)(
                nb_man, km=manager, kernel_name=kernel_name, timeout=execution_timeout,
                startup_timeout=start_timeout, log=logging.getLogger("papermill"), log_output=log_output,
                stdout_file=stdout_file, stderr_file=stderr_file, **kwargs)
            if manager is None:
                return client.execute(cleanup_kc=True)
            finished = False
            try:
                nb = client.execute(cleanup_kc=False)
                finished = True
                return nb
            finally:
                _hand_back(client, manager, cwd, finished)

    papermill_engines.register(ENGINE, KeptKernelEngine)


def _hand_back(client: Any, manager: Any, cwd: str, finished: bool) -> None:
    """Close the notebook's connection to the kernel; keep the kernel if the notebook finished and it is alive."""
    from jupyter_core.utils import run_sync

    if client.kc is not None:
        client.kc.stop_channels()
    if finished and run_sync(manager.is_alive)():
        keep_kernel(cwd, manager)
    else:
        run_sync(manager.shutdown_kernel)(now=True)


def kernel_config() -> Any:
    """CurveZMQ encryption of the kernel's sockets when pyzmq has it (no plain-text TCP, no warning)."""
    import zmq
    from traitlets.config import Config

    return Config({"KernelManager": {"transport_encryption": "auto"}}) if zmq.has("curve") else None


def findings_chart(by_area: Any) -> bytes | None:
    """index.html's chart of the findings per area (:func:`toolkit.report.charts.findings_chart_png`), drawn here:
    the run's main process then never imports Matplotlib (~0.6 s of CPU before it reads the round)."""
    from toolkit.report.charts import findings_chart_png

    return findings_chart_png(by_area)


def execute_one(task: dict[str, Any]) -> dict[str, Any]:
    """Execute one notebook with Papermill and save it as .ipynb and .html; never raises.

    ``task``: name, area, path, cwd, ipynb, html, parameters, with_code. Returns the manifest record.
    """
    import nbformat
    import papermill

    name, ipynb, html = task["name"], Path(task["ipynb"]), Path(task["html"])
    record: dict[str, Any] = {"name": name, "area": task["area"], "status": "failed", "duration_s": None,
                              "ipynb": task["ipynb_rel"], "html": task["html_rel"], "error": None}
    tmp = temp_beside(ipynb)
    started = time.perf_counter()
    nb = None   # the executed notebook as Papermill returns it (saved once, at the end or at the failing cell)
    try:
        config = kernel_config()
        nb = papermill.execute_notebook(
            task["path"], str(tmp), parameters=task["parameters"], kernel_name=KERNEL_NAME, cwd=task["cwd"],
            request_save_on_cell_execute=False, shutdown_kernel="immediate", engine_name=ENGINE,
            progress_bar=False, log_output=False, start_timeout=START_TIMEOUT_S, execution_timeout=CELL_TIMEOUT_S,
            **({"config": config} if config is not None else {}))
        record["status"] = "ok"
    except papermill.PapermillExecutionError as exc:
        record["error"] = {"name": exc.ename, "value": str(exc.evalue), "cell_index": exc.cell_index,
                           "execution_count": exc.exec_count}
    except Exception as exc:  # kernel died, timeout, no kernelspec, bad notebook JSON, ...
        record["error"] = {"name": type(exc).__name__, "value": str(exc), "cell_index": None,
                           "execution_count": None}
    record["duration_s"] = round(time.perf_counter() - started, 3)
    try:
        if tmp.stat().st_size == 0:   # Papermill never wrote it: nothing to show
            record["ipynb"] = record["html"] = None
            return record
        nb = nb if nb is not None else nbformat.read(str(tmp), as_version=4)
        os.replace(tmp, ipynb)
        export_html(nb, html, with_code=task["with_code"], title=notebook_title(nb, name))
    except Exception as exc:  # the HTML of a broken notebook: keep the record, say why
        if record["error"] is None:
            record["status"] = "failed"
            record["error"] = {"name": type(exc).__name__, "value": f"保存或导出 HTML 失败：{exc}",
                               "cell_index": None, "execution_count": None}
        if not html.exists():
            record["html"] = None
        if not ipynb.exists():
            record["ipynb"] = None
    finally:
        tmp.unlink(missing_ok=True)
    return record

"""Notebook kernels forked from the run's forkserver, which has their modules imported already.

A kernel started the usual way is a new interpreter (``python -m ipykernel_launcher``) that imports IPython,
pandas, Matplotlib, pyarrow and the toolkit again: ~4 s of CPU for each of the run's kernels, on the two cores
the check needs. :class:`ForkedKernelProvisioner` — a jupyter_client provisioner, given to the worker's
kernel manager (:func:`toolkit.report.worker.start_kernel`) — starts the same ipykernel, with the same
command-line arguments and environment, in a child of the forkserver (:mod:`toolkit.report.forkserver`), which
imported those modules once (:mod:`toolkit.report.preload`). Everything else — connection file, ports, messages,
interrupt, shutdown — is jupyter_client's, as for any local kernel.

The kernel runs in a session of its own (as jupyter_client starts kernels: a Ctrl-C in the terminal reaches the
run, not the kernel), writes its log where the worker's stderr goes, and ends when the worker that started it
dies (:func:`_watch`); the worker kills the kernels it started when it is stopped (:func:`started_kernels`). A
kernel command that is not this interpreter's ipykernel is launched the usual way.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.provisioning import LocalProvisioner
from traitlets import Unicode

from toolkit.processes import alive
from toolkit.report.forkserver import worker_context

LAUNCHER = ["-m", "ipykernel_launcher"]
WATCH_S = 0.5                 # how often a kernel looks whether the worker that started it still runs
_started: set[int] = set()    # the pids of this worker's forked kernels that have not been waited for


def ipykernel_arguments(cmd: list[str]) -> list[str] | None:
    """The ipykernel arguments of a kernel command when it runs this interpreter's ipykernel, else None.

    >>> ipykernel_arguments([sys.executable, "-m", "ipykernel_launcher", "-f", "k.json"])
    ['-f', 'k.json']
    >>> ipykernel_arguments(["/other/python", "-m", "ipykernel_launcher", "-f", "k.json"]) is None
    True
    """
    if len(cmd) < 3 or cmd[1:3] != LAUNCHER or os.path.abspath(cmd[0]) != os.path.abspath(sys.executable):
        return None
    return list(cmd[3:])


def started_kernels() -> list[int]:
    """The pids of the kernels this process forked and has not yet seen end."""
    return sorted(_started)


class ForkedKernelProvisioner(LocalProvisioner):
    """jupyter_client's LocalProvisioner, the kernel process forked from the forkserver (see the module doc)."""

    log_path = Unicode(None, allow_none=True, help="where the kernel's stderr goes (the worker's log); None: the "
                                                   "forkserver's")

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        arguments = ipykernel_arguments(cmd)
        if arguments is None or worker_context().get_start_method() != "forkserver":
            return await super().launch_kernel(cmd, **kwargs)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(os.getpid())}   # as jupyter_client sets it
        process = worker_context().Process(target=run_kernel, name="kernel",
                                           args=(arguments, cwd, env, self.log_path, os.getpid()))
        process.start()
        _started.add(process.pid)
        self.process = ForkedProcess(process)
        self.pid, self.pgid, self.cwd = process.pid, None, cwd   # pgid None: signals go to the kernel itself
        return self.connection_info


class ForkedProcess:
    """The part of :class:`subprocess.Popen` LocalProvisioner uses, for a forked kernel's Process."""

    stdin = stdout = stderr = None

    def __init__(self, process: Any) -> None:
        self.process, self.pid = process, process.pid

    def poll(self) -> int | None:
        code = self.process.exitcode
        if code is not None:
            _started.discard(self.pid)
        return code

    def wait(self, timeout: float | None = None) -> int | None:
        self.process.join(timeout)
        return self.poll()

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:   # as Popen: nothing once the process has ended (its pid may be another's)
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def run_kernel(arguments: list[str], cwd: str, env: dict[str, str], log_path: str | None, worker_pid: int) -> None:
    """The forked kernel's body: a session of its own, the worker's environment and folder, stderr to the log,
    a watch on the worker, then ipykernel as ``python -m ipykernel_launcher ARGUMENTS`` runs it, until shutdown."""
    os.setsid()
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    if log_path:
        fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
        os.dup2(fd, 2)
        os.close(fd)
    threading.Thread(target=_watch, args=(worker_pid,), name="worker-watch", daemon=True).start()
    from ipykernel import kernelapp

    # ipykernel reads its parent from JPY_PARENT_PID when imported: in the forkserver, before this environment was set
    arguments = [*arguments, f"--IPKernelApp.parent_handle={env['JPY_PARENT_PID']}"]
    sys.argv = [str(Path(kernelapp.__file__)), *arguments]
    kernelapp.launch_new_instance(argv=arguments)


def _watch(worker_pid: int) -> None:
    """End this kernel when the worker that started it has ended (even by kill -9)."""
    while alive(worker_pid):
        time.sleep(WATCH_S)
    os._exit(1)

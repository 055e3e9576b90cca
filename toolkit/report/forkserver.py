"""Where `toolkit run`'s notebook workers are started from: a forkserver, preloaded with their imports.

A worker is forked from the forkserver (or spawned where there is none: never forked from a process that may
hold threads). :func:`start_forkserver` starts the server as the command starts — before the command imports
its own modules and reads the round — with :mod:`toolkit.report.preload` as its preload: the server imports the
workers' modules once, on the other core, and every worker forked from it starts with them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
from typing import Any

#: what the forkserver imports before it forks a worker; '__main__' is multiprocessing's default
PRELOAD = ["__main__", "toolkit.report.preload"]


def worker_context() -> multiprocessing.context.BaseContext:
    """forkserver where available (POSIX), else spawn: never fork a process that may hold threads."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def start_forkserver() -> None:
    """Start the workers' forkserver now, preloading :data:`PRELOAD`. A forkserver already running in this process
    (an earlier run, a test) is kept as it is. Starting it creates no thread in this process, which may still
    fork (toolkit.background)."""
    if worker_context().get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver   # POSIX only
    forkserver.set_forkserver_preload(PRELOAD)
    forkserver.ensure_running()


def share_parent_forkserver() -> bool:
    """In a process the forkserver forked (a notebook worker): start this process's own children (its kernels,
    :mod:`toolkit.report.forked_kernel`) from that same server, which has their modules imported, and not from a
    new one. Returns whether it does; False where this process was not forked by a forkserver.

    multiprocessing gives a forkserver's children the server's address and its "alive" pipe, but not its pid, so
    their first ``Process.start()`` launches a server of their own: a new interpreter that imports only
    ``__main__``, after which each kernel imports IPython, pandas, Matplotlib, pyarrow and the toolkit itself
    (2–3 s of CPU per kernel). The inherited server is used as it is: requests go to its address, the resource
    tracker stays the inherited one, and the server is never restarted from here.
    """
    if worker_context().get_start_method() != "forkserver":
        return False
    from multiprocessing import forkserver, resource_tracker   # POSIX only

    server: Any = getattr(forkserver, "_forkserver", None)
    inherited = (server is not None and getattr(server, "_forkserver_pid", 0) is None
                 and getattr(server, "_forkserver_address", None) is not None
                 and getattr(server, "_forkserver_alive_fd", None) is not None)
    if inherited:
        server.ensure_running = resource_tracker.ensure_running   # what ensure_running does for a live server
    return inherited

"""Where `toolkit run`'s notebook workers are started from: a forkserver, preloaded with their imports.

A worker is forked from the forkserver (or spawned where there is none: never forked from a process that may
hold threads). :func:`start_forkserver` starts the server as the command starts — before the command imports
its own modules and reads the round — with :mod:`toolkit.report.preload` as its preload: the server imports the
workers' modules once, on the other core, and every worker forked from it starts with them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context

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

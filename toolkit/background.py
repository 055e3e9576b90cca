"""Work in forked worker processes, when this process may fork, or in a pool lent for the purpose: the one
place that decides.

A fork starts at once, with every module already imported, and never runs the user's ``__main__``
again (as ``spawn`` and ``forkserver`` do with a script that lacks the ``if __name__ == "__main__"``
guard). It is only safe while this process runs no other Python thread, so a process that does (a
Jupyter kernel, a Dask worker, `toolkit run` once its notebook workers are up) and a daemonic process
(which may not have children) do the work themselves. Used to read a large round's files at once
(:mod:`toolkit.ingest.parallel`) and to write findings.xlsx while the other outputs are written.

`toolkit run` cannot fork once its notebook workers are up, but they idle until the round is checked:
it lends them (:func:`lending`) and the same work goes to them instead.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from typing import Any, Callable, ContextManager, Iterator

_lent: list["Loan"] = []   # the pools lent by :func:`lending`, the last one in use


def usable_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether this process may fork workers: not daemonic, and no Python thread but this one."""
    return not multiprocessing.current_process().daemon and threading.active_count() == 1


def fork_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` forked processes (call only when :func:`can_fork`)."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


class Loan:
    """A pool lent by :func:`lending`; :meth:`end` takes it back before the block ends."""

    def __init__(self, pool: Executor, workers: int) -> None:
        self.pool, self.workers = pool, workers

    def end(self) -> None:
        if self in _lent:
            _lent.remove(self)


@contextmanager
def lending(pool: Executor, workers: int) -> Iterator[Loan]:
    """Within the block (or until ``loan.end()``), work this module would fork goes to ``pool`` (``workers``
    processes), which the block's caller keeps running and shuts down itself."""
    loan = Loan(pool, workers)
    _lent.append(loan)
    try:
        yield loan
    finally:
        loan.end()


def background_workers() -> int:
    """How many processes may work beside this one: the lent pool's, else the CPUs when this one may fork
    (0: none, do the work here)."""
    if _lent:
        return _lent[-1].workers
    return usable_cpus() if usable_cpus() >= 2 and can_fork() else 0


def worker_pool(workers: int) -> ContextManager[Executor]:
    """The lent pool (left running at the end of the ``with``), else ``workers`` forked processes (shut down
    at the end); call only when :func:`background_workers` is not 0."""
    return nullcontext(_lent[-1].pool) if _lent else fork_pool(workers)


@contextmanager
def in_background(work: Callable[..., Any], *args: Any) -> Iterator[None]:
    """Run ``work(*args)`` in a forked (or lent) process while the ``with`` block runs, and wait for it at the
    end (its exception raised here); without a second CPU or when this process may not fork, run it first.

    ``work`` and its arguments are sent to the process by pickling (``work`` at module level).

    >>> done = []
    >>> with in_background(done.append, 1):   # a bound method is not sent: run here
    ...     pass
    >>> done
    [1]
    """
    if not background_workers() or not _picklable(work):
        work(*args)
        yield
        return
    with worker_pool(1) as pool:
        future = pool.submit(work, *args)
        yield
        future.result()


def _picklable(work: Callable[..., Any]) -> bool:
    return getattr(work, "__self__", None) is None and "<" not in getattr(work, "__qualname__", "<")

"""Whether a process still runs — and is still the same process, not another that got its pid (psutil: the
same answer on Linux, macOS and Windows, where ``os.kill(pid, 0)`` would end the process).

Used by :mod:`toolkit.snapshot` (does the process that checks a round still run?) and by the notebook workers
and kernels of `toolkit run` (:mod:`toolkit.report.worker`, :mod:`toolkit.report.forked_kernel`: does the
process they belong to?).
"""

from __future__ import annotations

from typing import Any

import psutil


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not yet reaped, counts as ended).

    >>> import os; alive(os.getpid()), alive(2 ** 22 + 1)
    (True, False)
    """
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.AccessDenied:    # another user's process: it runs
        return True
    except (psutil.Error, ValueError, OverflowError):
        return False


def process_token(pid: int) -> list[Any]:
    """[pid, creation time] of a running process, so that another process that gets the same pid later is not
    taken for it (:func:`running`)."""
    return [pid, psutil.Process(pid).create_time()]


def running(token: Any) -> bool:
    """Whether the process of a :func:`process_token` still runs; False for anything that is not one.

    >>> import os; running(process_token(os.getpid())), running([2 ** 22 + 1, 0.0]), running("?")
    (True, False, False)
    """
    try:
        process = psutil.Process(int(token[0]))
        return process.create_time() == float(token[1]) and process.status() != psutil.STATUS_ZOMBIE
    except psutil.AccessDenied:    # another user's process: it runs
        return True
    except (psutil.Error, TypeError, ValueError, IndexError, KeyError, OverflowError):
        return False

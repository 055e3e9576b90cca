"""Whether a process still runs — and is still the same process, not another that got its pid.

Used by :mod:`toolkit.snapshot` (does the process that checks a round still run?) and by the notebook workers
and kernels of `toolkit run` (:mod:`toolkit.report.worker`, :mod:`toolkit.report.forked_kernel`: does the
process they belong to?). Linux reads /proc; elsewhere the pid alone is asked about.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, killed but not yet reaped, counts as dead).

    >>> alive(os.getpid()), alive(2 ** 22 + 1)
    (True, False)
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    fields = _stat(pid)
    return fields is None or fields[0] != "Z"   # no /proc: trust kill(0)


def process_token(pid: int) -> list[Any]:
    """[pid, start time] of a running process — its start in clock ticks after boot, None without /proc — so that
    another process that gets the same pid later is not taken for it (:func:`running`)."""
    fields = _stat(pid)
    return [pid, int(fields[19]) if fields else None]


def running(token: Any) -> bool:
    """Whether the process of a :func:`process_token` still runs; False for anything that is not one.

    >>> running(process_token(os.getpid())), running([2 ** 22 + 1, None]), running("?")
    (True, False, False)
    """
    try:
        pid, started = int(token[0]), token[1]
    except (TypeError, ValueError, IndexError, KeyError):
        return False
    if not 0 < pid < 2 ** 31 or not alive(pid):
        return False
    fields = _stat(pid)
    return started is None or fields is None or int(fields[19]) == started


def _stat(pid: int) -> list[str] | None:
    """The fields of /proc/<pid>/stat after the command name (state first), None when it cannot be read."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None

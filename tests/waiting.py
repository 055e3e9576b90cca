"""Waiting in tests for something another process does (tests/test_clean_death.py, tests/test_forked_kernel.py)."""

from __future__ import annotations

import time
from typing import Callable


def wait_until(condition: Callable[[], bool], timeout_s: float, every_s: float = 0.2) -> bool:
    """Whether ``condition()`` became true within ``timeout_s`` seconds, asked every ``every_s`` seconds."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every_s)
    return condition()

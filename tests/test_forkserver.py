"""The run's forkserver (toolkit.report.forkserver): a worker's own children are forked by the same server."""

from __future__ import annotations

import os

import pytest

from toolkit.report import forkserver
from toolkit.report.forkserver import share_parent_forkserver, worker_context

pytestmark = pytest.mark.skipif(worker_context().get_start_method() != "forkserver", reason="POSIX forkserver only")


def _report_parent(queue) -> None:
    queue.put(os.getppid())


def _start_a_child(queue, share: bool) -> None:
    """In a process the forkserver forked (as a notebook worker is): start a child (as a worker starts its kernel)
    and report whether the server was shared, this process's parent and the child's parent."""
    shared = share_parent_forkserver() if share else False
    from_child = worker_context().Queue()
    child = worker_context().Process(target=_report_parent, args=(from_child,))
    child.start()
    child_parent = from_child.get(timeout=60)
    child.join(60)
    queue.put((shared, os.getppid(), child_parent))


def _parents(share: bool) -> tuple[bool, int, int]:
    forkserver.start_forkserver()
    context = worker_context()
    queue = context.Queue()
    process = context.Process(target=_start_a_child, args=(queue, share))
    process.start()
    try:
        return queue.get(timeout=120)
    finally:
        process.join(60)


def test_a_forked_workers_children_are_forked_by_the_same_server():
    shared, server, child_parent = _parents(share=True)
    assert shared
    assert child_parent == server


def test_without_sharing_a_forked_worker_starts_a_server_of_its_own():
    shared, server, child_parent = _parents(share=False)
    assert not shared
    assert child_parent != server   # multiprocessing's default: what share_parent_forkserver avoids


def test_a_process_the_forkserver_did_not_fork_has_no_server_to_share():
    forkserver.start_forkserver()
    assert not share_parent_forkserver()

"""The batch's Dask workers may start processes (a round's notebooks run in worker processes of their own)."""

from __future__ import annotations

import multiprocessing

import dask
import pytest
from distributed import Client, LocalCluster

from toolkit.batch.cluster import daemonic_workers, describe, open_client, require_children_allowed
from toolkit.errors import ParameterError


def start_a_child() -> int:
    """What the runner does in a worker: start a process (forkserver) and wait for it."""
    process = multiprocessing.get_context("forkserver").Process(target=int)
    process.start()
    process.join(60)
    return process.exitcode


def test_a_batch_worker_is_not_daemonic_and_starts_children():
    with open_client(workers=1) as client:
        assert daemonic_workers(client) == []
        require_children_allowed(client)
        assert client.submit(start_a_child, pure=False).result(timeout=120) == 0


def test_a_daemonic_worker_is_refused_with_the_remedy():
    with dask.config.set({"distributed.worker.daemon": True}):
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster) as client:
                assert len(daemonic_workers(client)) == 1
                with pytest.raises(ParameterError, match="DASK_DISTRIBUTED__WORKER__DAEMON=False"):
                    require_children_allowed(client)


def test_an_unreachable_scheduler_is_one_line():
    with pytest.raises(ParameterError, match="无法连接 Dask 调度器 tcp://127.0.0.1:9"):
        with open_client("tcp://127.0.0.1:9"):
            pass


def test_the_cluster_is_described_in_the_manifest():
    assert describe(None, 3) == "LocalCluster（3 个工作进程）"

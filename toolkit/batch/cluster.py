"""The Dask distributed cluster a batch runs on: a LocalCluster of worker processes, or a running scheduler.

:func:`open_client` yields a connected ``distributed.Client`` and always closes it (and the
LocalCluster it started). Worker processes must not be daemonic: a round's notebooks run in
worker processes of their own (:mod:`toolkit.report.runner`, a ``ProcessPoolExecutor``), and a
daemonic process may not start children. A LocalCluster is therefore started with
``distributed.worker.daemon: False``; workers of a running scheduler are asked
(:func:`daemonic_workers`) and refused for a run with notebooks when any is daemonic — start them
with ``DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker …`` (or ``dask worker --no-nanny``).
"""

from __future__ import annotations

import logging
import multiprocessing
from contextlib import contextmanager
from typing import Any, Iterator

from toolkit.errors import ParameterError

CONNECT_TIMEOUT = "20s"
#: the configuration every LocalCluster of a batch runs under
LOCAL_CONFIG = {"distributed.worker.daemon": False}
DAEMON_HINT = ("请以 DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker … 启动工作进程（或 dask worker --no-nanny），"
               "或加 --no-notebooks")


def is_daemonic() -> bool:
    """Whether the calling process is daemonic (then it cannot start the notebook workers)."""
    return bool(multiprocessing.current_process().daemon)


def describe(scheduler: str | None, workers: int) -> str:
    """The cluster in one line of the manifest.

    >>> describe(None, 2), describe("tcp://10.0.0.5:8786", 2)
    ('LocalCluster（2 个工作进程）', 'tcp://10.0.0.5:8786')
    """
    return scheduler if scheduler else f"LocalCluster（{workers} 个工作进程）"


@contextmanager
def open_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A Client of ``scheduler`` (``tcp://host:8786``), or of a LocalCluster of ``workers`` processes with
    one thread each; closed (with the cluster) when the block ends, whatever happens."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ParameterError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise ParameterError(f"--workers 应为不小于 1 的整数，实际为 {workers}")
    with dask.config.set(LOCAL_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        try:
            client = Client(cluster)
            try:
                yield client
            finally:
                client.close()
        finally:
            cluster.close()


def daemonic_workers(client: Any) -> list[str]:
    """The addresses of the cluster's daemonic worker processes."""
    answers = client.run(is_daemonic)
    return sorted(address for address, daemonic in answers.items() if daemonic)


def require_children_allowed(client: Any) -> None:
    """ParameterError when a worker of the cluster is daemonic (it could not run a round's notebooks)."""
    daemonic = daemonic_workers(client)
    if daemonic:
        raise ParameterError(f"Dask 工作进程 {'、'.join(daemonic)} 是守护进程，无法启动笔记本进程：{DAEMON_HINT}")


def worker_count(client: Any) -> int:
    """How many workers the scheduler knows now."""
    return len(client.scheduler_info().get("workers", {}))

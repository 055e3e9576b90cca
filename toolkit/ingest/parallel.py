"""Read a large round's files in several processes at once; a small round in this one.

Each file is read and typed on its own (:func:`toolkit.ingest.load.read_dataset_file`), so the
files of a round can be shared among worker processes: the largest first, each to the next free
worker, the results put back in the round's order. The outcome is the same as reading them one
after another — the same frames, reports and rejected rows (``tests/test_ingest_parallel.py``).

Workers are forks of this process, or the pool `toolkit run` lends (:mod:`toolkit.background` says which);
one CPU, a single file or a round below :data:`PARALLEL_MIN_BYTES` of input is read here. A worker that dies
(killed for memory) makes the round be read here instead, one file after another.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Sequence

from toolkit.background import background_workers, worker_pool

PARALLEL_MIN_BYTES = 16 << 20   # below this the start of the workers costs more than it saves
MAX_WORKERS = 4                 # each worker holds the raw cells of the file it reads


def worker_count(paths: Sequence[Path], jobs: int | None = None) -> int:
    """How many processes should read these files: 1 (this one) unless the round is large enough.

    >>> worker_count([Path("a.xlsx")], jobs=4)
    1
    """
    available = min(MAX_WORKERS, background_workers())
    jobs = available if jobs is None else min(jobs, available)
    if jobs <= 1 or len(paths) < 2:
        return 1
    size = sum(path.stat().st_size for path in paths if path.is_file())
    return min(jobs, len(paths)) if size >= PARALLEL_MIN_BYTES else 1


def read_files(read_one: Callable[[Path, str], Any], tasks: Sequence[tuple[Path, str]],
               jobs: int | None = None) -> list[Any]:
    """``read_one(path, name)`` for every task, in the order of ``tasks``; in worker processes when it pays.

    ``read_one`` must be a module-level function (it is sent to the workers by name).

    >>> read_files(lambda path, name: name.upper(), [(Path("x.csv"), "a"), (Path("y.csv"), "b")])
    ['A', 'B']
    """
    workers = worker_count([path for path, _ in tasks], jobs)
    if workers == 1:
        return [read_one(path, name) for path, name in tasks]
    largest_first = sorted(range(len(tasks)), key=lambda i: -_size(tasks[i][0]))
    try:
        with worker_pool(workers) as pool:
            futures = {i: pool.submit(read_one, *tasks[i]) for i in largest_first}
            return [futures[i].result() for i in range(len(tasks))]
    except BrokenProcessPool:  # a worker was killed (out of memory): read here, one file at a time
        return [read_one(path, name) for path, name in tasks]


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0

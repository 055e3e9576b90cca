"""How pytest-xdist hands the suite to its two workers (Makefile: ``-n 2 --dist loadfile``).

A work unit is a test file, or a group of files that share an expensive session fixture (GROUPS: it is then
built on one worker only). The units that take longest start first, longest first, so that the two workers
finish together instead of one running a long unit alone at the end; the rest follow xdist's order (most tests
first). (xdist's own ``xdist_group`` mark does not group under pytest 9.2: xdist 3.8 renames ``item._nodeid``,
which pytest 9.2 no longer reads.)
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

#: files that share a session fixture, by the group that runs them on one worker
GROUPS = {
    "tests/batch/test_skip.py": "batch",           # the session's batch (tests/batch/conftest.py)
    "tests/batch/test_batch_run.py": "batch",
    "tests/review/test_export.py": "review",       # the session's exported workbooks (tests/review/conftest.py)
    "tests/review/test_import.py": "review",
    "tests/review/test_loop.py": "review",
}

#: the longest units, longest first (a file or a group; update when `--durations` says otherwise)
LONGEST = (
    "batch",                              # three batches and a LocalCluster, the rounds checked alone
    "tests/test_clean_death.py",          # three runs stopped by a signal, each run again
    "tests/test_html_escaping.py",        # a `toolkit run` of every notebook on the payload round
    "tests/test_mask_run.py",             # a `toolkit run --mask` of the demo round
    "review",                             # the exported workbooks, checks of answered rounds
    "tests/batch/test_notebooks.py",      # a batch round with a notebook inside a Dask worker
    "tests/test_ingest_parallel.py",      # checks in lent and forked worker processes
    "tests/test_runner.py",               # runs of the demo round's notebooks
)


class LongestFirst(LoadScopeScheduling):
    """xdist's loadfile (a file is one unit) with the GROUPS joined, the LONGEST units handed out first."""

    def _split_scope(self, nodeid: str) -> str:
        path = nodeid.split("::", 1)[0]
        return GROUPS.get(path, path)

    def _assign_work_unit(self, node) -> None:
        for scope in reversed(LONGEST):
            if scope in self.workqueue:
                self.workqueue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)

"""How pytest-xdist hands the suite to its two workers (Makefile: ``-n 2 --dist loadgroup``).

A work unit is a test file, or every file marked ``@pytest.mark.xdist_group(name)`` (files that share an
expensive session fixture, so that it is built on one worker only). The units that take longest start first,
longest first, so that the two workers finish together instead of one running a long unit alone at the end;
the rest follow xdist's order (most tests first).
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

#: the longest units, longest first (CPU on a quiet 2-core machine; update when `--durations` says otherwise)
LONGEST = (
    "batch",                              # tests/batch: three batches, a LocalCluster (test_skip, test_batch_run)
    "tests/test_clean_death.py",          # three runs stopped by a signal, each run again
    "tests/test_html_escaping.py",        # a `toolkit run` of every notebook on the payload round
    "tests/test_mask_run.py",             # a `toolkit run --mask` of the demo round
    "review",                             # tests/review: the exported workbooks, checks of answered rounds
    "tests/test_ingest_parallel.py",      # checks in lent and forked worker processes
    "tests/batch/test_notebooks.py",      # a batch round with a notebook inside a Dask worker
)


class LongestFirst(LoadScopeScheduling):
    """xdist's loadgroup (a group, else a file, is one unit), the LONGEST units handed out first."""

    def _split_scope(self, nodeid: str) -> str:
        if nodeid.rfind("@") > nodeid.rfind("]"):   # xdist appends "@group" (an "@" in a parameter ends in "]")
            return nodeid.rsplit("@", 1)[-1]
        return nodeid.split("::", 1)[0]

    def _assign_work_unit(self, node) -> None:
        for scope in reversed(LONGEST):
            if scope in self.workqueue:
                self.workqueue.move_to_end(scope, last=False)
        super()._assign_work_unit(node)

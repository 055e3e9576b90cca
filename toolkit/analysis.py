"""A round read and checked — the one object every layer above the checks passes around.

:class:`Analysis` bundles what :func:`toolkit.pipeline.analyse` produces: the
round's data (:class:`~toolkit.ingest.load.RoundData`), the check run
(:class:`~toolkit.checks.base.CheckRun`), the :class:`~toolkit.checks.base.Context`
the rules saw, and how long reading and checking took. It sits just above the
checks so that the areas, the report, the bulletin and the notebooks can all
import and type it; it imports nothing above the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pandas as pd

from toolkit.checks.base import CheckRun, Context
from toolkit.config import RoundConfig
from toolkit.datasets import DATASETS
from toolkit.ingest.load import RoundData
from toolkit.ingest.validate import empty_frame, rejected_row_count


@dataclass
class Analysis:
    """A round read and checked: the data, the check run, the context the rules saw, the timings."""

    data: RoundData
    run: CheckRun
    context: Context
    timings: dict[str, float]

    @property
    def config(self) -> RoundConfig:
        return self.data.config

    @property
    def findings(self) -> pd.DataFrame:
        return self.run.findings

    @property
    def indicators(self) -> dict[str, Any]:
        return self.run.indicators

    @property
    def rejected(self) -> pd.DataFrame:
        return self.data.rejected

    @property
    def rejected_rows(self) -> int:
        """Distinct input rows rejected (files rejected whole are not counted)."""
        return rejected_row_count(self.data.rejected)

    def frame(self, name: str) -> pd.DataFrame | None:
        """The accepted rows of one dataset, or None when the round has no such file."""
        return self.data.frames.get(name)

    def frame_or_empty(self, name: str) -> pd.DataFrame:
        """The accepted rows of one dataset, or a frame with no rows and its dtypes when the round has no file."""
        frame = self.data.frames.get(name)
        return empty_frame(DATASETS[name]) if frame is None else frame

    def area_findings(self, area: str) -> pd.DataFrame:
        """The findings of one area (rows of the findings table whose ``area`` is ``area``)."""
        return self.findings[self.findings["area"] == area]


class PendingAnalysis(Analysis):
    """An :class:`Analysis` whose data is there while its checks still run elsewhere (`toolkit run` hands its
    notebooks out once the round is read): ``run``, ``context`` and ``timings`` come from ``checked`` — which
    waits for them — the first time one of them is used.

    >>> pending = PendingAnalysis(None, lambda: ("run", "context", {"checks_s": 1.0}))
    >>> pending.run, pending.timings
    ('run', {'checks_s': 1.0})
    """

    def __init__(self, data: RoundData, checked: Callable[[], tuple[CheckRun, Context, dict[str, float]]]) -> None:
        self.data = data
        self._checked = checked
        self._outcome: tuple[CheckRun, Context, dict[str, float]] | None = None

    def _waited(self) -> tuple[CheckRun, Context, dict[str, float]]:
        if self._outcome is None:
            self._outcome = self._checked()
        return self._outcome

    @property
    def run(self) -> CheckRun:
        return self._waited()[0]

    @property
    def context(self) -> Context:
        return self._waited()[1]

    @property
    def timings(self) -> dict[str, float]:
        return self._waited()[2]

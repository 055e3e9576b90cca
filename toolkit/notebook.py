"""What every area notebook calls first: check its parameters and open the round.

A notebook's ``parameters`` cell holds ``data_dir``, ``out_dir`` and
``thresholds``; :func:`open_round` validates them (Papermill only warns about
unknown ones) and returns the round read and checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.analysis import Analysis
from toolkit.errors import ParameterError
from toolkit.pipeline import analyse, default_out_dir
from toolkit.report.html import area_titles
from toolkit.report.outputs import findings_for_people, summarise
from toolkit.snapshot import effective_config, load_snapshot


def open_round(data_dir: str | Path, thresholds: dict[str, Any] | None = None,
               out_dir: str | Path | None = None) -> Analysis:
    """Validate the notebook parameters and read + check the round.

    When ``toolkit check`` left a snapshot of this very round (same input files, round.toml,
    thresholds and toolkit) beside ``out_dir`` — else in the default report folder ``reports/<slug>/``
    — it is loaded instead (toolkit.snapshot); otherwise the round is read and checked here.
    """
    if not isinstance(data_dir, (str, Path)) or not str(data_dir):
        raise ParameterError(f"data_dir 应为数据目录路径，实际为 {data_dir!r}")
    if thresholds is not None and not isinstance(thresholds, dict):
        raise ParameterError(f"thresholds 应为字典，例如 {{'clue_days_max': 60}}，实际为 {thresholds!r}")
    path = Path(data_dir)
    if not path.is_dir():
        raise ParameterError(f"data_dir {path.resolve()} 不存在：先运行 make demo，或把参数改为你的轮次目录")
    config = effective_config(path, thresholds or None)
    snapshot = load_snapshot(path, config, Path(out_dir) if out_dir else default_out_dir(config))
    if snapshot is not None:
        return Analysis(snapshot.data, snapshot.run, snapshot.context, snapshot.timings)
    return analyse(path, thresholds or None)


def area_findings(analysis: Analysis, area: str) -> pd.DataFrame:
    """One area's findings with Chinese headers, for display."""
    return findings_for_people(analysis.area_findings(area))


def findings_summary(analysis: Analysis, area: str | None = None) -> pd.DataFrame:
    """Findings per check (count and amount), optionally for one area; areas named by their TITLE."""
    findings = analysis.findings if area is None else analysis.area_findings(area)
    return summarise(findings, area_titles())

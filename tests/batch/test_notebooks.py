"""A batch with notebooks: each round's notebook runs in the runner's own worker process inside a Dask worker."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from toolkit.batch.command import run_batch

NOTEBOOKS = Path(__file__).parent / "notebooks"


def test_a_round_runs_its_notebooks_inside_a_dask_worker(tmp_path, county, monkeypatch):
    monkeypatch.setenv("TOOLKIT_NOTEBOOKS", str(NOTEBOOKS))
    rounds = tmp_path / "rounds"
    shutil.copytree(county, rounds / "甲县")
    result = run_batch(rounds, tmp_path / "out", workers=1, notebooks=True, progress=False)
    assert result.failed == []
    manifest = json.loads((tmp_path / "out" / "rounds" / "甲县" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok"
    assert [(n["name"], n["status"]) for n in manifest["notebooks"]] == [("00_overview", "ok")]
    html = (tmp_path / "out" / "rounds" / "甲县" / "notebooks" / "00_overview.html").read_text(encoding="utf-8")
    assert "疑点" in html
    assert 'href="rounds/甲县/index.html"' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")

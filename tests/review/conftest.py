"""Each test answers on its own copy of the session's demo round (tests/conftest.py) and of its exported
review workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.cli import main


@pytest.fixture
def demo_round(built_demo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the session's demo round (a test may write its review.csv)."""
    return Path(shutil.copytree(built_demo, tmp_path / "round"))


@pytest.fixture(scope="session")
def exported(built_demo: Path, tmp_path_factory) -> Path:
    """`toolkit review export` of the demo round, once per worker: the folder of unit workbooks (read-only;
    test_export.py tests the command itself)."""
    out = tmp_path_factory.mktemp("review-export") / "out"
    assert main(["review", "export", str(built_demo), "--out", str(out), "--deadline", "2020-07-15"]) == 0
    return out


@pytest.fixture
def workbooks(exported: Path, tmp_path: Path) -> Path:
    """A fresh copy of the exported workbooks (a test writes its answers into them)."""
    return Path(shutil.copytree(exported, tmp_path / "out"))

"""Each test answers on its own copy of the session's demo round (tests/conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def demo_round(built_demo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the session's demo round (a test may write its review.csv)."""
    return Path(shutil.copytree(built_demo, tmp_path / "round"))

"""The demo round, built once per session; each test answers on its own copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.demo import build_demo


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory) -> Path:
    return build_demo(tmp_path_factory.mktemp("review-demo") / "demo")


@pytest.fixture
def demo_round(demo_source: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo round (a test may write its review.csv)."""
    return Path(shutil.copytree(demo_source, tmp_path / "round"))

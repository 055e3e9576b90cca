"""A small batch: two demo counties and one round broken on purpose, run once on a LocalCluster of 2 workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.demo import build_demo
from toolkit.demo.spec import DEMO_SEED

GOOD = ("01-甲县", "02-=<i>乙县")
BROKEN = "03-坏轮次"
BROKEN_TOML = "[round]\nslug = \"broken\"\ntitle = \"坏轮次\"\nperiod_start = 2019-10-01\nas_of = \"不是日期\"\n"


@pytest.fixture(scope="session")
def county(built_demo) -> Path:
    """One demo county, the session's demo round (the rounds copy it)."""
    return built_demo


@pytest.fixture(scope="session")
def other_county(tmp_path_factory) -> Path:
    """Another seed's demo county, built once (the rounds copy it)."""
    return build_demo(tmp_path_factory.mktemp("other-county") / "demo", seed=DEMO_SEED + 1)


def make_rounds(root: Path, county: Path, other_county: Path) -> Path:
    """ROUNDS_DIR with the two good rounds (the second with another seed's county) and the broken one."""
    rounds = root / "rounds"
    shutil.copytree(county, rounds / GOOD[0])
    shutil.copytree(other_county, rounds / GOOD[1])
    shutil.copytree(county, rounds / BROKEN)
    (rounds / BROKEN / "round.toml").write_text(BROKEN_TOML, encoding="utf-8")
    (rounds / "not-a-round").mkdir()
    return rounds


@pytest.fixture(scope="session")
def batch(tmp_path_factory, county, other_county):
    """(rounds dir, out dir, exit code) of one `toolkit batch --workers 2 --no-notebooks` on the three rounds."""
    root = tmp_path_factory.mktemp("batch")
    rounds = make_rounds(root, county, other_county)
    out = root / "out"
    code = main(["batch", str(rounds), "--out", str(out), "--workers", "2", "--no-notebooks", "--quiet"])
    return rounds, out, code

"""Re-running a batch skips the rounds whose inputs and parameters are unchanged, unless --force."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator

import pytest

from tests.batch.conftest import BROKEN, GOOD
from toolkit.batch.cluster import open_client
from toolkit.batch.rounds import Round, current_state, read_json, unchanged
from toolkit.cli import main


def _statuses(out):
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {r["name"]: r["status"] for r in manifest["rounds"]}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One LocalCluster (one worker process) for the module's batches: the runs below test the skipping, not
    the cluster (tests/batch/test_batch_run.py and test_cluster.py start LocalClusters of their own)."""
    with open_client(workers=1) as client:
        yield client.scheduler.address


def _run(rounds, out, scheduler, *more):
    return main(["batch", str(rounds), "--out", str(out), "--scheduler", scheduler, "--no-notebooks", "--quiet",
                 *more])


def _copy_of_the_batch(batch, tmp_path):
    """The session's batch (its rounds and its output) copied, the broken round left out of the rounds: the
    first run of the test below (it runs three more)."""
    rounds, out, _ = batch
    shutil.copytree(rounds, tmp_path / "rounds", ignore=shutil.ignore_patterns(BROKEN))
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "rounds", tmp_path / "out"


def test_unchanged_rounds_are_skipped_changed_and_forced_ones_run(tmp_path, batch, scheduler):
    rounds, out = _copy_of_the_batch(batch, tmp_path)
    assert sorted(p.name for p in rounds.iterdir() if (p / "round.toml").exists()) == sorted(GOOD)
    first = (out / "rounds" / GOOD[0] / "manifest.json").read_bytes()

    assert _run(rounds, out, scheduler) == 0
    assert _statuses(out) == {GOOD[0]: "skipped", GOOD[1]: "skipped"}
    assert (out / "rounds" / GOOD[0] / "manifest.json").read_bytes() == first

    toml = rounds / GOOD[1] / "round.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("reception_per_capita_max = 150",
                                                             "reception_per_capita_max = 200"), encoding="utf-8")
    with (rounds / GOOD[0] / "问题线索.csv").open("ab") as handle:
        handle.write(b"\r\n")
    assert _run(rounds, out, scheduler) == 0
    assert _statuses(out) == {GOOD[0]: "ok", GOOD[1]: "ok"}

    assert _run(rounds, out, scheduler, "--force") == 0            # unchanged since the last run: forced all the same
    assert _statuses(out) == {GOOD[0]: "ok", GOOD[1]: "ok"}


def test_a_failed_round_runs_again(batch):
    rounds, out, _ = batch
    assert _statuses(out)[BROKEN] == "failed"
    assert not unchanged(read_json(out / "rounds" / BROKEN / "manifest.json"), current_state(rounds / BROKEN),
                         False, None)


def test_a_batch_with_notebooks_does_not_skip_a_round_checked_without_them(batch):
    rounds, out, _ = batch
    round_ = Round(GOOD[0], rounds / GOOD[0], out / "rounds" / GOOD[0])
    state = current_state(round_.data_dir)
    code = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["code"]
    assert unchanged(read_json(round_.manifest_path), state, False, code)
    assert not unchanged(read_json(round_.manifest_path), state, True, code)

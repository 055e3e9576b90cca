"""`toolkit demo --rounds N`: distinct, deterministic county rounds whose truth files hold."""

from __future__ import annotations

import json

import pytest

from toolkit.cli import main
from toolkit.config import load_config
from toolkit.demo import expected_truth
from toolkit.demo.rounds import COUNTIES, county_rounds
from toolkit.errors import ParameterError
from toolkit.pipeline import analyse


def test_the_rounds_differ_in_name_seed_and_size():
    specs = county_rounds(12)
    assert len({name for name, _ in specs}) == 12
    assert len({s["seed"] for _, s in specs}) == 12
    assert {s["scale"] for _, s in specs} == {1, 2, 3}
    assert len({s["round"]["target"] for _, s in specs}) == len({s["round"]["slug"] for _, s in specs}) == 12
    assert county_rounds(12) == specs


def test_more_rounds_than_counties_is_refused():
    with pytest.raises(ParameterError, match="--rounds"):
        county_rounds(len(COUNTIES) + 1)


def test_demo_rounds_builds_folders_whose_truth_equals_the_checks(tmp_path):
    assert main(["demo", "--rounds", "2", "--data-dir", str(tmp_path / "rounds")]) == 0
    folders = sorted(p.name for p in (tmp_path / "rounds").iterdir())
    assert folders == [name for name, _ in county_rounds(2)]
    second = tmp_path / "rounds" / folders[1]
    assert load_config(second / "round.toml").target == "柳河县"
    truth = expected_truth(second)
    assert truth["seed"] == county_rounds(2)[1][1]["seed"] and truth["scale"] == 2
    analysis = analyse(second)
    assert analysis.data.rejected.empty
    findings = analysis.findings
    for check_id, ids in truth["findings"].items():
        mine = findings[findings["check_id"] == check_id]
        if check_id == "generic.benford":  # truth names "dataset.column"; a finding names its dataset
            assert sorted(mine["dataset"]) == sorted(x.split(".")[0] for x in ids)
        else:
            assert sorted(mine["record_id"]) == sorted(ids), check_id
    for name, value in truth["indicators"].items():
        assert analysis.indicators[name] == pytest.approx(value, rel=1e-9, abs=1e-9), name
    first = (tmp_path / "rounds" / folders[0] / ".truth.json").read_bytes()
    assert main(["demo", "--rounds", "1", "--data-dir", str(tmp_path / "again")]) == 0
    assert (tmp_path / "again" / folders[0] / ".truth.json").read_bytes() == first
    assert json.loads(first)["seed"] != truth["seed"]

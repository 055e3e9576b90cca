"""The whole pipeline finds exactly the planted violations (.truth.json), on the demo round and on a scaled one
(K = 3 replicas of the county: the scaled truth is right, and no rule group crosses replicas)."""

from __future__ import annotations

import pytest

from toolkit.areas import all_checks, all_indicators
from toolkit.demo import build_demo, expected_truth
from toolkit.pipeline import analyse


@pytest.fixture(scope="module", params=[1, 3], ids=["demo", "demo-x3"])
def demo(request, tmp_path_factory):
    scale = request.param
    if scale == 1:     # the session's demo round (tests/conftest.py), not built a second time
        directory = request.getfixturevalue("built_demo")
    else:
        directory = build_demo(tmp_path_factory.mktemp("demo") / f"x{scale}", scale=scale)
    return analyse(directory), expected_truth(directory), scale


def test_demo_reads_without_rejections(demo):
    analysis, truth, scale = demo
    assert analysis.data.rejected.empty, analysis.data.rejected.head(20)
    assert len(analysis.data.frames) == len(truth["rows"])
    assert {name: len(frame) for name, frame in analysis.data.frames.items()} == truth["rows"]
    assert analysis.config.slug == ("demo" if scale == 1 else f"demo-x{scale}")


@pytest.mark.parametrize("check_id", [c.id for c in all_checks()])
def test_each_check_finds_exactly_the_planted_records(demo, check_id):
    analysis, truth, _ = demo
    findings = analysis.findings[analysis.findings["check_id"] == check_id]
    expected = truth["findings"][check_id]
    if check_id == "generic.benford":  # truth names "dataset.column"; a finding names its dataset
        assert sorted(findings["dataset"]) == sorted(e.split(".")[0] for e in expected)
        return
    assert sorted(findings["record_id"]) == sorted(expected)


@pytest.mark.parametrize("name", [i.name for i in all_indicators()])
def test_each_indicator_matches_the_truth(demo, name):
    analysis, truth, _ = demo
    assert analysis.indicators[name] == pytest.approx(truth["indicators"][name], rel=1e-9, abs=1e-9)

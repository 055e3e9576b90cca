"""Scaled demo rounds (toolkit.demo.scale, build_demo(scale=K), `toolkit demo --scale K`): replica 1 is the demo,
every other replica renames whatever a rule groups or joins on, so every planted record appears K times."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.demo import (CHECK_IDS, DEMO_SEED, ID_COLUMNS, build_demo, default_data_dir, evaluate, expected_truth,
                          generate, round_values, scale_demo)
from toolkit.demo.scale import (PLATE_PREFIXES, RENAMES, Replicas, renamed_card, renamed_id, renamed_plate,
                                renamed_units)
from toolkit.errors import ParameterError

K = 3


@pytest.fixture(scope="module")
def base():
    return generate(DEMO_SEED)


@pytest.fixture(scope="module")
def scaled(base):
    return scale_demo(base, K)


def _digest(directory: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.iterdir())}


def test_every_planted_record_appears_k_times_and_nothing_else(base, scaled):
    found = evaluate(scaled.tables)
    for cid in CHECK_IDS:
        if cid == "generic.benford":      # dataset-level: recomputed on the scaled data, not replicated
            continue
        assert found[cid] == scaled.intended[cid], cid
        assert len(found[cid]) == K * len(base.intended[cid]), cid
        assert not set(found[cid]) & set(scaled.near[cid]), cid
        assert len(scaled.near[cid]) == K * len(base.near[cid]), cid


def test_replica_one_is_the_demo_itself(base, scaled):
    for ds, rows in base.tables.items():
        replicas = scaled.tables[ds]
        assert len(replicas) == K * len(rows)
        assert list(replicas)[:len(rows)] == rows
        assert replicas[0] is rows[0] and replicas[len(rows)] == list(replicas)[len(rows)]
        assert replicas[-1] == list(replicas)[-1]
    with pytest.raises(IndexError):
        scaled.tables["land"][K * len(base.tables["land"])]


def test_ids_are_unique_and_no_key_is_shared_between_replicas(base, scaled):
    for ds, renames in RENAMES.items():
        rows = list(scaled.tables[ds])
        ids = [r[ID_COLUMNS[ds]] for r in rows]
        assert len(set(ids)) == len(ids), ds
        n = len(base.tables[ds])
        for column in renames:
            values = [{r[column] for r in rows[i * n:(i + 1) * n] if r[column] not in ("", "无", None)}
                      for i in range(K)]
            for i in range(K):
                for j in range(i + 1, K):
                    assert not values[i] & values[j], (ds, column, i, j)


def test_renamed_values():
    assert renamed_id("JD0001", 0) == "JD0001"
    assert renamed_id("XS2020-0042", 11) == "R012-XS2020-0042"
    assert renamed_id("无", 4) == "无" and renamed_id("", 4) == ""
    assert renamed_units("县委办；县财政局,各乡镇（场）", 2) == "R003-县委办；R003-县财政局,R003-各乡镇（场）"
    assert renamed_card("1000113601234567890", 1) == "1000113611234567890"
    assert renamed_plate("无", 5) == "无"
    plates = {renamed_plate("赣C1A234", r) for r in range(3 * len(PLATE_PREFIXES))}
    assert len(plates) == 3 * len(PLATE_PREFIXES)
    assert len(set(PLATE_PREFIXES)) == len(PLATE_PREFIXES) == 744


def test_invoices_move_to_their_replica_block(scaled):
    rows = list(scaled.tables["reception"])
    n = len(rows) // K
    numbers = [r["invoice_no"] for r in rows[2 * n:] if isinstance(r["invoice_no"], int)]
    assert numbers and all(2 * 10**8 < x < 3 * 10**8 for x in numbers)


def test_replicas_of_an_empty_table():
    assert list(Replicas([], RENAMES["land"], 5)) == [] and len(Replicas([], RENAMES["land"], 5)) == 0


def test_scaled_build_is_deterministic(tmp_path):
    first = build_demo(tmp_path / "a", scale=2)
    again = build_demo(tmp_path / "b", scale=2)
    demo = build_demo(tmp_path / "c")
    assert _digest(first) == _digest(again)
    assert all(a != b for (_, a), (_, b) in zip(sorted(_digest(first).items()), sorted(_digest(demo).items())))
    cfg = tomllib.loads((first / "round.toml").read_text(encoding="utf-8"))
    assert cfg["round"]["slug"] == "demo-x2" and cfg["round"]["title"].endswith("（演示数据 ×2）")
    truth, one = expected_truth(first), expected_truth(demo)
    assert truth["scale"] == 2 and "scale" not in one and "scale" in truth["notes"]
    assert truth["rows"] == {ds: 2 * n for ds, n in one["rows"].items()}
    assert truth["indicators"]["cases.cases"] == 2 * one["indicators"]["cases.cases"]
    assert truth["indicators"]["ledger.completion_rate"] == pytest.approx(one["indicators"]["ledger.completion_rate"])


def test_default_folders_and_round():
    assert default_data_dir(1) == Path("data/demo") and default_data_dir(7) == Path("data/demo-x7")
    assert round_values(1)["slug"] == "demo" and round_values(12)["slug"] == "demo-x12"


@pytest.mark.parametrize("bad", [0, -3, 1.5, True, "2"])
def test_bad_scale_is_a_parameter_error(tmp_path, bad):
    with pytest.raises(ParameterError, match="scale"):
        build_demo(tmp_path / "r", scale=bad)
    assert not (tmp_path / "r").exists()


def test_cli_demo_scale_builds_data_demo_x_k(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["demo", "--scale", "2", "--no-run"]) == 0
    assert "data/demo-x2" in capsys.readouterr().out
    assert expected_truth(tmp_path / "data" / "demo-x2")["scale"] == 2
    assert main(["demo", "--scale", "0", "--no-run"]) == 2
    assert "scale" in capsys.readouterr().err


def test_the_demo_never_imports_the_toolkit_checks():
    """The demo's truth is an independent oracle: importing and building it loads no checks or areas module."""
    code = ("import sys, tempfile, toolkit.demo as d; d.build_demo(tempfile.mkdtemp(), scale=2); "
            "print(sorted(m for m in sys.modules if m.startswith(('toolkit.checks', 'toolkit.areas', "
            "'toolkit.formatting', 'toolkit.ingest'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

"""toolkit compare: new, resolved and recurring findings between two runs (回头看)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.errors import InputError
from toolkit.report.compare import compare_runs, format_comparison

COLUMNS = ["check_id", "area", "dataset", "record_id", "unit", "severity", "amount", "message"]


def write_run(directory, rows, indicators):
    directory.mkdir(parents=True)
    pd.DataFrame(rows, columns=COLUMNS).to_csv(directory / "findings.csv", index=False, encoding="utf-8-sig")
    (directory / "indicators.json").write_text(json.dumps(indicators), encoding="utf-8")


def finding(check_id, record_id, message="m"):
    return [check_id, "cases", "clues", record_id, "", "medium", "", message]


def test_new_resolved_recurring(tmp_path):
    write_run(tmp_path / "a", [finding("clues.overdue", "C1"), finding("clues.overdue", "C2")],
              {"cases.clues.received": 10, "cases.persons": None})
    write_run(tmp_path / "b", [finding("clues.overdue", "C2", "still"), finding("clues.overdue", "C3")],
              {"cases.clues.received": 12, "cases.persons": 3})
    comparison = compare_runs(tmp_path / "a", tmp_path / "b")
    status = dict(zip(comparison.findings["record_id"], comparison.findings["status"]))
    assert status == {"C1": "resolved", "C2": "recurring", "C3": "new"}
    assert comparison.counts() == {"new": 1, "resolved": 1, "recurring": 1}
    received = comparison.indicators.set_index("name").loc["cases.clues.received"]
    assert received["change"] == 2
    text = format_comparison(comparison)
    assert "新增 1 条" in text and "cases.persons: 缺失 → 3" in text


def test_cli_compare_writes_files(tmp_path, capsys):
    write_run(tmp_path / "a", [finding("clues.overdue", "C1")], {"x": 1})
    write_run(tmp_path / "b", [], {"x": 1})
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "c")]) == 0
    assert "已整改 1 条" in capsys.readouterr().out
    assert json.loads((tmp_path / "c" / "compare.json").read_text(encoding="utf-8"))["counts"]["resolved"] == 1


def test_missing_run_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="findings.csv"):
        compare_runs(tmp_path / "a", tmp_path / "b")


@pytest.mark.parametrize("content, reason", [("{not json", "不是有效的 JSON"), ("[1, 2]", "对象"),
                                             (b"\xff\xfe{", "不是有效的 JSON")])
def test_corrupt_indicators_is_a_clear_error(tmp_path, capsys, content, reason):
    write_run(tmp_path / "a", [finding("clues.overdue", "C1")], {"x": 1})
    write_run(tmp_path / "b", [], {"x": 1})
    target = tmp_path / "b" / "indicators.json"
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert "indicators.json" in err and reason in err and "Traceback" not in err

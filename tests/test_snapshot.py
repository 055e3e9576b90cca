"""toolkit.snapshot: a checked round saved as Parquet + JSON and loaded back exactly, only while its key matches."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

import toolkit
from toolkit import pipeline, roundkey, snapshot
from toolkit.analysis import PendingAnalysis
from toolkit.checks.base import CheckRun, Context, empty_findings
from toolkit.checks.calendar import CalendarNote
from toolkit.config import load_config
from toolkit.errors import SnapshotChanged
from toolkit.ingest.load import RoundData
from toolkit.notebook import open_round
from toolkit.processes import process_token
from toolkit.pipeline import analyse, check_round

RECEPTION_HEADER = ["编号", "接待单位", "接待日期", "来访单位", "来访单位所在地", "接待对象人数", "陪餐人数",
                    "金额（元）", "公函编号", "发票号码"]
CLUE_HEADER = ["线索编号", "来源", "受理日期", "类别", "办理状态", "办结日期", "处置方式"]


def reception_row(rid: str, amount: str = "300") -> list[str]:
    # 公函编号 and 发票号码 left blank: optional columns that come back all missing
    return [rid, "县财政局", "2020-03-05", "市财政局", "南昌市", "2", "1", amount, "", ""]


@pytest.fixture
def small_round(round_dir):
    """A round with accepted and rejected rows, a header-only file, a file rejected whole and an ignored file."""
    round_dir.csv("公务接待.csv", [RECEPTION_HEADER, reception_row("R1"), reception_row("R2", "-5"),
                                reception_row("R3", "1200")])
    round_dir.csv("问题线索.csv", [CLUE_HEADER])
    round_dir.csv("工业用地.csv", [["地块编号", "备注"], ["P1", "x"]])
    (round_dir.root / "说明.txt").write_text("不是数据集", encoding="utf-8")
    return round_dir.root


def assert_same_analysis(loaded, fresh) -> None:
    """Every part of two analyses equal: frames with their dtypes, in the same order; the run; the context."""
    assert list(loaded.data.frames) == list(fresh.data.frames)
    for name, frame in fresh.data.frames.items():
        pd.testing.assert_frame_equal(loaded.data.frames[name], frame, check_exact=True, obj=name)
    pd.testing.assert_frame_equal(loaded.data.rejected, fresh.data.rejected, check_exact=True)
    pd.testing.assert_frame_equal(loaded.run.findings, fresh.run.findings, check_exact=True)
    assert loaded.data.reports == fresh.data.reports
    assert (loaded.data.hashes, loaded.data.ignored) == (fresh.data.hashes, fresh.data.ignored)
    assert (loaded.data.directory, loaded.data.config) == (fresh.data.directory, fresh.data.config)
    assert (loaded.run.indicators, loaded.run.skipped, loaded.run.notes) == \
           (fresh.run.indicators, fresh.run.skipped, fresh.run.notes)
    assert loaded.context.notes == fresh.context.notes and loaded.context.calendar == fresh.context.calendar
    assert loaded.context.round == fresh.context.round and loaded.context.data is loaded.data.frames


def load(data_dir: Path, out: Path, thresholds: dict | None = None):
    return snapshot.load_snapshot(data_dir, roundkey.effective_config(data_dir, thresholds), out)


# ---- exact round trip -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_checked(built_demo, tmp_path_factory):
    """The demo round analysed and its snapshot saved: (data_dir, out)."""
    data_dir = built_demo
    out = tmp_path_factory.mktemp("out") / "report"
    snapshot.save_snapshot(analyse(data_dir), out)
    return data_dir, out


def test_demo_round_loads_back_exactly(demo_checked):
    data_dir, out = demo_checked
    loaded = load(data_dir, out)
    fresh = analyse(data_dir)
    assert loaded is not None and loaded.timings["snapshot_s"] >= 0
    dtypes = {str(d) for frame in loaded.data.frames.values() for d in frame.dtypes}
    assert {"str", "Int64", "boolean", "datetime64[ns]", "float64"} <= dtypes
    assert len(loaded.run.findings) > 0
    assert_same_analysis(loaded, fresh)


def test_small_round_with_rejections_empty_frame_and_ignored_file(small_round, tmp_path):
    fresh = analyse(small_round)
    assert len(fresh.data.rejected) > 0 and fresh.data.ignored == ["说明.txt"]
    assert fresh.data.frames["clues"].empty and any(r.error for r in fresh.data.reports)
    assert fresh.data.frames["reception"]["invoice_no"].isna().all()
    snapshot.save_snapshot(fresh, tmp_path / "out")
    assert_same_analysis(load(small_round, tmp_path / "out"), fresh)


def every_dtype(rows: int) -> pd.DataFrame:
    """One column of each dtype a typed frame holds, plus an all-missing one of each."""
    values = pd.DataFrame({
        "text": pd.Series(["甲", None, "丙"], dtype="str"),
        "count": pd.Series([1, None, -3], dtype="Int64"),
        "flag": pd.Series([True, None, False], dtype="boolean"),
        "when": pd.Series([pd.Timestamp("2020-01-31 08:30"), None, pd.Timestamp("2019-12-01")], dtype="datetime64[ns]"),
        "amount": pd.Series([1.5, float("nan"), -0.0], dtype="float64"),
    })
    missing = {f"{c}_missing": pd.Series([None] * 3, dtype=values[c].dtype) for c in values.columns}
    return values.assign(**missing).head(rows)


@pytest.mark.parametrize("rows", [3, 0])
def test_every_dtype_empty_frames_and_all_missing_columns(round_dir, tmp_path, rows):
    config = load_config(round_dir.root / "round.toml")
    data = RoundData(round_dir.root, config, frames={"reception": every_dtype(rows), "clues": every_dtype(0)})
    findings = empty_findings()
    run = CheckRun(findings, {"a.count": 3, "a.rate": 0.125, "a.none": None}, {"x.check": "缺少数据集 x"}, ["注意"])
    context = Context(data.frames, config, notes=["注意"], calendar=CalendarNote({dt.date(2099, 1, 3)}))
    analysis = SimpleNamespace(data=data, run=run, context=context, timings={"ingest_s": 0.1})
    assert snapshot.save_snapshot(analysis, tmp_path / "out") == tmp_path / "out" / ".snapshot"
    assert_same_analysis(load(round_dir.root, tmp_path / "out"), analysis)


# ---- the key: a changed input, round.toml, threshold or toolkit invalidates -----------------------

@pytest.fixture
def saved(small_round, tmp_path):
    out = tmp_path / "out"
    snapshot.save_snapshot(analyse(small_round), out)
    assert load(small_round, out) is not None
    return small_round, out


def test_changed_input_file_invalidates(saved):
    data_dir, out = saved
    path = data_dir / "公务接待.csv"
    path.write_bytes(path.read_bytes().replace(b"1200", b"1300"))
    assert load(data_dir, out) is None


def test_added_or_removed_file_invalidates(saved):
    data_dir, out = saved
    (data_dir / "说明.txt").unlink()
    assert load(data_dir, out) is None
    (data_dir / "说明.txt").write_text("不是数据集", encoding="utf-8")
    assert load(data_dir, out) is not None
    (data_dir / "新增.txt").write_text("又一个", encoding="utf-8")
    assert load(data_dir, out) is None


def test_hidden_and_lock_files_do_not_count(saved):
    data_dir, out = saved
    (data_dir / ".DS_Store").write_bytes(b"x")
    (data_dir / "~$公务接待.xlsx").write_bytes(b"x")
    assert load(data_dir, out) is not None


def test_changed_round_toml_invalidates(saved):
    data_dir, out = saved
    toml = data_dir / "round.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# 备注\n", encoding="utf-8")
    assert load(data_dir, out) is None


def test_changed_threshold_invalidates(saved):
    data_dir, out = saved
    assert load(data_dir, out, {"reception_per_capita_max": 100}) is None
    assert load(data_dir, out, {}) is not None


def test_changed_toolkit_invalidates(saved, monkeypatch):
    data_dir, out = saved
    monkeypatch.setattr(toolkit, "__version__", "99.0")
    assert load(data_dir, out) is None
    monkeypatch.undo()
    monkeypatch.setattr(roundkey, "code_digest", lambda: "another source")
    assert load(data_dir, out) is None


def test_unreadable_snapshot_does_not_load(saved):
    data_dir, out = saved
    findings = out / ".snapshot" / "findings.parquet"
    findings.write_bytes(findings.read_bytes()[:100])
    assert load(data_dir, out) is None
    (out / ".snapshot" / "snapshot.json").write_text("{", encoding="utf-8")
    assert load(data_dir, out) is None


def test_a_truncated_frame_file_makes_the_snapshot_unusable_at_load(saved):
    data_dir, out = saved
    frame = out / ".snapshot" / "frame-00.parquet"
    frame.write_bytes(frame.read_bytes()[:-20])
    assert load(data_dir, out) is None


def test_frames_are_read_when_first_used_and_kept(saved, monkeypatch):
    data_dir, out = saved
    loaded = load(data_dir, out)
    reads = []
    read_frame = snapshot._read_frame
    monkeypatch.setattr(snapshot, "_read_frame", lambda path: reads.append(path.name) or read_frame(path))
    frames = loaded.data.frames
    assert "reception" in frames and len(frames) == len(list(frames)) and reads == []
    first = frames["reception"]
    assert frames["reception"] is first and loaded.context.data["reception"] is first
    assert reads == [f"frame-{list(frames).index('reception'):02d}.parquet"]
    with pytest.raises(KeyError):
        frames["no_such_dataset"]
    assert frames.get("no_such_dataset") is None


def test_a_snapshot_replaced_by_another_round_is_not_read_from(saved):
    data_dir, out = saved
    loaded = load(data_dir, out)
    snapshot.save_snapshot(analyse(data_dir), out)      # the same key: the same frames
    assert len(loaded.data.frames["reception"]) == 2
    toml = data_dir / "round.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# 备注\n", encoding="utf-8")
    snapshot.save_snapshot(analyse(data_dir), out)      # another key
    with pytest.raises(SnapshotChanged, match="请重新执行 open_round"):
        loaded.data.frames["clues"]
    assert len(loaded.data.frames["reception"]) == 2    # read before: still there


def test_found_from_a_notebook_out_dir_two_levels_down_at_most(saved):
    data_dir, out = saved
    assert snapshot.find_snapshot(out / "notebooks" / "10_ledger_files") == out / ".snapshot"
    assert snapshot.find_snapshot(out / "a" / "b" / "c") is None
    assert load(data_dir, out / "notebooks" / "10_ledger_files") is not None


# ---- atomic writes ------------------------------------------------------------------------------

KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from toolkit import snapshot
from toolkit.pipeline import analyse

analysis = analyse(Path(sys.argv[1]))
real_write, real_replace = snapshot._write_frame, os.replace
written = []

def write_then_die(frame, path):
    if written and sys.argv[3] == "while-writing":
        os.kill(os.getpid(), signal.SIGKILL)
    written.append(path)
    real_write(frame, path)

def replace_then_die(source, target):   # the old snapshot moved away, the new one not yet in place
    real_replace(source, target)
    if sys.argv[3] == "between-renames" and Path(source).name == ".snapshot":
        os.kill(os.getpid(), signal.SIGKILL)

snapshot._write_frame = write_then_die
os.replace = replace_then_die
snapshot.save_snapshot(analysis, Path(sys.argv[2]))
"""


def killed_save(data_dir: Path, out: Path, when: str) -> None:
    result = subprocess.run([sys.executable, "-c", KILLED_WRITE, str(data_dir), str(out), when],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL, result.stderr


def test_write_killed_midway_leaves_no_snapshot_and_is_cleaned_up(small_round, tmp_path):
    out = tmp_path / "out"
    killed_save(small_round, out, "while-writing")
    assert [p.name.endswith(".part") for p in out.iterdir()] == [True]
    assert load(small_round, out) is None
    assert snapshot.save_snapshot(analyse(small_round), out) is not None
    assert [p.name for p in out.iterdir()] == [".snapshot"]
    assert load(small_round, out) is not None


def test_replacing_killed_between_renames_leaves_no_snapshot(saved):
    data_dir, out = saved
    killed_save(data_dir, out, "between-renames")
    assert not (out / ".snapshot").exists()
    assert load(data_dir, out) is None


def test_failed_write_keeps_the_previous_snapshot_and_says_why(saved, monkeypatch, capsys):
    data_dir, out = saved
    before = sorted(p.name for p in (out / ".snapshot").iterdir())

    def disk_full(frame, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot, "_write_frame", disk_full)
    assert snapshot.save_snapshot(analyse(data_dir), out) is None
    assert "未能保存数据快照" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == [".snapshot"]
    assert sorted(p.name for p in (out / ".snapshot").iterdir()) == before
    assert load(data_dir, out) is not None


def test_snapshot_files_are_readable_like_the_report(saved):
    _, out = saved
    umask = os.umask(0)
    os.umask(umask)
    assert (out / ".snapshot").stat().st_mode & 0o777 == 0o777 & ~umask


# ---- wiring: check_round writes it, open_round reads it -------------------------------------------

def test_open_round_reads_the_snapshot_of_check_round(small_round, tmp_path):
    out = tmp_path / "out"
    _, _, written = check_round(small_round, out)
    assert (written / ".snapshot" / "snapshot.json").is_file()
    opened = open_round(str(small_round), {}, str(out / "notebooks" / "00_overview_files"))
    assert "snapshot_s" in opened.timings
    assert_same_analysis(opened, analyse(small_round))


def test_open_round_analyses_when_the_snapshot_does_not_match(small_round, tmp_path, monkeypatch):
    out = tmp_path / "out"
    check_round(small_round, out)
    opened = open_round(small_round, {"reception_per_capita_max": 100}, out)
    assert "snapshot_s" not in opened.timings
    assert opened.config.thresholds.reception_per_capita_max == 100
    monkeypatch.chdir(tmp_path)            # out_dir None: the default folder reports/<slug>/ has no snapshot here
    assert "snapshot_s" not in open_round(small_round).timings
    check_round(small_round)               # writes reports/test-round/
    assert "snapshot_s" in open_round(small_round).timings


# ---- two steps: the round once read, its checks once run ------------------------------------------

def round_only(data_dir: Path, out: Path):
    """The round of ``data_dir`` analysed, and its snapshot saved before the checks: (analysis, folder)."""
    analysis = analyse(data_dir)
    folder = snapshot.save_round_snapshot(analysis.data, out)
    assert folder == out / ".snapshot" and (folder / snapshot.CHECKING_FILE).is_file()
    assert not (folder / snapshot.CHECKS_FILE).exists() and not (folder / "findings.parquet").exists()
    return analysis, folder


def test_a_notebook_gets_the_round_at_once_and_waits_for_its_checks(small_round, tmp_path):
    analysis, folder = round_only(small_round, tmp_path / "out")
    loaded = load(small_round, tmp_path / "out")
    assert loaded.run is None and loaded.context is None and loaded.pending is not None
    pd.testing.assert_frame_equal(loaded.data.frames["reception"], analysis.data.frames["reception"])
    saving = threading.Timer(0.3, snapshot.save_checks_snapshot, (analysis, folder))
    saving.start()
    whole = loaded.pending()                # returns once the checks are saved
    saving.join()
    assert whole.timings["checks_waited_s"] >= 0.2
    assert_same_analysis(whole, analysis)
    assert not (folder / snapshot.CHECKING_FILE).exists()
    assert load(small_round, tmp_path / "out").pending is None      # whole now


def test_open_round_of_a_round_being_checked_waits_only_where_it_uses_the_checks(small_round, tmp_path):
    analysis, folder = round_only(small_round, tmp_path / "out")
    opened = open_round(small_round, {}, tmp_path / "out" / "notebooks" / "90_forensic_files")
    assert isinstance(opened, PendingAnalysis)
    assert opened.config == analysis.config and len(opened.frame("reception")) == 2   # no wait for these
    snapshot.save_checks_snapshot(analysis, folder)
    assert "snapshot_s" in opened.timings and "checks_waited_s" in opened.timings
    assert_same_analysis(opened, analysis)


def test_checks_given_up_are_checked_by_the_notebook_itself(small_round, tmp_path):
    analysis, folder = round_only(small_round, tmp_path / "out")
    opened = open_round(small_round, {}, tmp_path / "out")
    snapshot.give_up_checks(folder)         # the check failed, or could not save them
    pd.testing.assert_frame_equal(opened.findings, analysis.findings)
    assert "snapshot_s" not in opened.timings and opened.indicators == analysis.indicators


def test_a_round_whose_checking_process_died_is_not_loaded(small_round, tmp_path):
    _, folder = round_only(small_round, tmp_path / "out")
    (folder / snapshot.CHECKING_FILE).write_text(json.dumps([2 ** 22 + 1, None]), encoding="utf-8")
    assert load(small_round, tmp_path / "out") is None
    (folder / snapshot.CHECKING_FILE).write_text(json.dumps(process_token(os.getpid())), encoding="utf-8")
    assert load(small_round, tmp_path / "out").pending is not None


def test_a_pid_used_again_is_not_the_checking_process(small_round, tmp_path):
    _, folder = round_only(small_round, tmp_path / "out")
    pid, created = process_token(os.getpid())
    (folder / snapshot.CHECKING_FILE).write_text(json.dumps([pid, created + 1]), encoding="utf-8")
    assert load(small_round, tmp_path / "out") is None


def test_waiting_for_checks_of_a_snapshot_replaced_by_another_round_raises(small_round, tmp_path):
    _, folder = round_only(small_round, tmp_path / "out")
    loaded = load(small_round, tmp_path / "out")
    toml = small_round / "round.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n# 备注\n", encoding="utf-8")
    snapshot.save_snapshot(analyse(small_round), tmp_path / "out")     # another key
    with pytest.raises(SnapshotChanged, match="无法读取检查结果"):
        loaded.pending()


def test_check_round_hands_out_the_round_before_its_checks(small_round, tmp_path):
    out = tmp_path / "out"
    seen = {}

    def on_snapshot():
        seen.update({name: (out / ".snapshot" / name).exists()
                     for name in (snapshot.META_FILE, snapshot.CHECKING_FILE, snapshot.CHECKS_FILE)})

    check_round(small_round, out, on_snapshot=on_snapshot)
    assert seen == {snapshot.META_FILE: True, snapshot.CHECKING_FILE: True, snapshot.CHECKS_FILE: False}
    assert not (out / ".snapshot" / snapshot.CHECKING_FILE).exists()
    assert_same_analysis(load(small_round, out), analyse(small_round))


def test_a_check_that_fails_tells_the_waiting_notebooks(small_round, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a rule failed")

    monkeypatch.setattr(pipeline, "run_checks", broken)
    with pytest.raises(RuntimeError, match="a rule failed"):
        check_round(small_round, tmp_path / "out")
    assert (tmp_path / "out" / ".snapshot" / snapshot.META_FILE).is_file()
    assert not (tmp_path / "out" / ".snapshot" / snapshot.CHECKING_FILE).exists()
    assert load(small_round, tmp_path / "out") is None       # a notebook reads the round itself

"""Outputs never touch inputs; one writer per output folder; a bad --out is one line and exit 2."""

from __future__ import annotations

import fcntl
import hashlib
import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.errors import ParameterError
from toolkit.outdir import LOCK_FILE, check_out_dir, check_out_file, holding_out_dir

BULLETINS = Path(__file__).parent / "fixtures" / "bulletins"
CLUE_HEADER = ["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def ledger_round(tmp_path) -> Path:
    """A copy of the bulletin fixtures' round (round.toml, a ledger, progress, clues)."""
    folder = tmp_path / "round"
    shutil.copytree(BULLETINS / "round", folder)
    return folder


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err


# ---- 1. never into the inputs ----------------------------------------------------------------------

@pytest.mark.parametrize("where", ["same", "inside"])
def test_check_refuses_out_in_the_data_folder(ledger_round, capsys, where):
    (ledger_round / "ledger.xlsx").write_bytes(b"an input named like an output")
    before = _hashes(ledger_round)
    out = ledger_round if where == "same" else ledger_round / "reports"
    assert main(["check", str(ledger_round), "--out", str(out)]) == 2
    assert "数据目录" in _one_line_error(capsys)
    assert _hashes(ledger_round) == before
    assert not (ledger_round / "reports").exists()


def test_check_refuses_out_symlinked_into_the_data_folder(ledger_round, tmp_path, capsys):
    before = _hashes(ledger_round)
    link = tmp_path / "looks-elsewhere"
    link.symlink_to(ledger_round, target_is_directory=True)
    assert main(["check", str(ledger_round), "--out", str(link / "out")]) == 2
    assert "数据目录" in _one_line_error(capsys)
    assert _hashes(ledger_round) == before


def test_check_refuses_data_folder_reached_through_a_symlink(ledger_round, tmp_path, capsys):
    link = tmp_path / "data-link"
    link.symlink_to(ledger_round, target_is_directory=True)
    assert main(["check", str(link), "--out", str(ledger_round)]) == 2
    _one_line_error(capsys)


def test_check_outside_the_data_folder_still_works(ledger_round, tmp_path):
    assert main(["check", str(ledger_round), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "findings.csv").is_file()


def test_bulletin_parse_refuses_to_overwrite_its_input(tmp_path, capsys):
    source = tmp_path / "bulletin.txt"
    shutil.copy(BULLETINS / "example.txt", source)
    before = source.read_bytes()
    assert main(["bulletin", "parse", str(source), "--out", str(source)]) == 2
    assert "覆盖输入" in _one_line_error(capsys)
    assert source.read_bytes() == before


def test_bulletin_parse_refuses_a_symlink_to_its_input(tmp_path, capsys):
    source = tmp_path / "bulletin.txt"
    shutil.copy(BULLETINS / "example.txt", source)
    before = source.read_bytes()
    (tmp_path / "out.csv").symlink_to(source)
    assert main(["bulletin", "parse", str(source), "--out", str(tmp_path / "out.csv")]) == 2
    _one_line_error(capsys)
    assert source.read_bytes() == before


def test_bulletin_render_refuses_out_in_the_data_folder(ledger_round, capsys):
    before = _hashes(ledger_round)
    assert main(["bulletin", "render", str(ledger_round), "--out", str(ledger_round / "通报.docx")]) == 2
    assert "覆盖输入" in _one_line_error(capsys)
    assert _hashes(ledger_round) == before


def test_compare_refuses_out_in_a_compared_run(ledger_round, tmp_path, capsys):
    for name in ("a", "b"):
        assert main(["check", str(ledger_round), "--out", str(tmp_path / name)]) == 0
    capsys.readouterr()
    before = _hashes(tmp_path / "a")
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "a")]) == 2
    _one_line_error(capsys)
    assert _hashes(tmp_path / "a") == before



def test_compare_refuses_an_out_folder_another_run_holds(ledger_round, tmp_path, capsys):
    for name in ("a", "b"):
        assert main(["check", str(ledger_round), "--out", str(tmp_path / name)]) == 0
    out = tmp_path / "c"
    out.mkdir()
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        capsys.readouterr()
        assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]) == 2
        assert "输出目录正被另一个运行使用" in _one_line_error(capsys)
        assert not (out / "compare.csv").exists()
    finally:
        os.close(fd)
    assert main(["compare", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(out)]) == 0

# ---- 4. an existing file or a read-only folder ------------------------------------------------------

def test_check_out_is_an_existing_file(ledger_round, tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    assert main(["check", str(ledger_round), "--out", str(target)]) == 2
    assert "文件" in _one_line_error(capsys)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_check_out_below_an_existing_file(ledger_round, tmp_path, capsys):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    assert main(["check", str(ledger_round), "--out", str(tmp_path / "a-file" / "out")]) == 2
    _one_line_error(capsys)


def test_check_out_in_a_read_only_folder(ledger_round, tmp_path, capsys, monkeypatch):
    locked = tmp_path / "readonly"
    locked.mkdir()
    locked.chmod(0o555)
    real_access = os.access   # root ignores the mode bits: answer as the system would for anyone else
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode))
    try:
        assert main(["check", str(ledger_round), "--out", str(locked / "out")]) == 2
        assert "不可写" in _one_line_error(capsys)
    finally:
        locked.chmod(0o755)


def test_check_out_file_rules(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "x.csv").write_text("a", encoding="utf-8")
    with pytest.raises(ParameterError):
        check_out_file(tmp_path / "data" / "x.csv", tmp_path / "data" / "x.csv")
    with pytest.raises(ParameterError):
        check_out_file(tmp_path / "data" / "new.docx", tmp_path / "data")
    with pytest.raises(ParameterError):
        check_out_file(tmp_path / "data", tmp_path / "other.txt")
    assert check_out_file(tmp_path / "data" / "ledger.csv", tmp_path / "data" / "x.csv") == \
        (tmp_path / "data" / "ledger.csv").resolve()
    assert check_out_dir(tmp_path / "out", tmp_path / "data") == (tmp_path / "out").resolve()


# ---- 2. one writer per output folder ------------------------------------------------------------------

def _hold_lock(out: str, held, release) -> None:
    with holding_out_dir(out):
        held.set()
        release.wait(30)


def test_second_concurrent_writer_is_refused(ledger_round, tmp_path, capsys):
    out = tmp_path / "out"
    context = multiprocessing.get_context("spawn")
    held, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(out), held, release))
    holder.start()
    try:
        assert held.wait(30)
        assert main(["check", str(ledger_round), "--out", str(out)]) == 2
        assert "输出目录正被另一个运行使用" in _one_line_error(capsys)
        assert not (out / "findings.csv").exists()
    finally:
        release.set()
        holder.join(30)
    assert main(["check", str(ledger_round), "--out", str(out)]) == 0   # released with its holder


def test_lock_is_released_after_an_error(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(RuntimeError), holding_out_dir(out):
        raise RuntimeError("boom")
    assert not (out / LOCK_FILE).exists()
    with holding_out_dir(out):   # free again
        assert (out / LOCK_FILE).exists()
    assert not (out / LOCK_FILE).exists()


def test_lock_held_elsewhere_refuses_then_frees(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        with pytest.raises(ParameterError, match="输出目录正被另一个运行使用"), holding_out_dir(out):
            pass
    finally:
        os.close(fd)
    with holding_out_dir(out):
        pass


def test_stale_lock_file_of_a_killed_process_does_not_block(ledger_round, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_FILE).write_text("12345", encoding="utf-8")   # left behind, nobody holds the lock
    assert main(["check", str(ledger_round), "--out", str(out)]) == 0


def test_lock_is_reentrant_in_one_process(tmp_path):
    with holding_out_dir(tmp_path / "out"), holding_out_dir(tmp_path / "out"):
        pass
    with holding_out_dir(tmp_path / "out"):
        pass

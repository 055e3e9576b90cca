"""No input kills a command: the bad-input corpus (tests/fixtures/bad_inputs) through the CLI.

Each case of ``cases.toml`` puts corpus files (or inputs made on the spot: a named pipe, a link to
/dev/zero …) into a round folder and runs ``toolkit validate`` and ``toolkit check`` in this process
through ``toolkit.cli.main``. Every case must give its expected exit code — never 70 (internal error)
or 134 (abort) — a one-line message and no traceback, leave the input files' bytes as they were,
and account for every data row read: accepted + rejected = rows read. Inputs that could abort the
interpreter also run once in a child process limited to 4 GB of memory.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import json
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import tomllib
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main

CORPUS = Path(__file__).with_name("fixtures") / "bad_inputs"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
GOOD_ROUND = """[round]
slug = "bad-inputs"
title = "坏输入测试"
period_start = 2019-10-01
as_of = 2020-06-30
"""
NEVER = (70, 134, -6)  # internal error; SIGABRT as the shell and as subprocess report it
CASE_SECONDS = 60      # a case that blocks (a named pipe opened for reading) fails instead of hanging


def _corpus_module():
    """make_corpus.py (fixtures are not a package; loaded like tests/ingest_forms.py)."""
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _corpus_module()


def build_round(case: dict, root: Path) -> Path:
    root.mkdir()
    if not case.get("no_round"):
        (root / "round.toml").write_text(GOOD_ROUND, encoding="utf-8")
    for name, source in case.get("files", {}).items():
        shutil.copyfile(CORPUS / "files" / source, root / name)
    for name, kind in case.get("special", {}).items():
        make_corpus.make_special(kind, root / name)
    return root


def file_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every regular file of the round (a named pipe or a link to a device is never opened)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.iterdir()) if p.is_file()}


def out_dir(case: dict, tmp_path: Path, monkeypatch) -> Path:
    out = tmp_path / "out"
    kind = case.get("out")
    if kind in ("file", "under-file"):
        out.write_text("an existing file", encoding="utf-8")
        return out if kind == "file" else out / "report"
    if kind == "read-only":
        out.mkdir()
        monkeypatch.setattr(tempfile, "mkstemp", _refused)
    return out


def _refused(*args, dir=None, **kwargs):
    """What a folder without write permission answers (the tests run as root, where chmod refuses nothing)."""
    raise PermissionError(errno.EACCES, "Permission denied", dir)


class Blocked(BaseException):
    """A command blocked: a BaseException, so no ``except Exception``/``except OSError`` in the toolkit can hide it."""


@contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise Blocked(f"the command blocked for {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    with time_limit(CASE_SECONDS):
        code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_safe(code: int, out: str, err: str, expected: int) -> None:
    assert code not in NEVER, err
    assert code == expected, out + err
    assert "Traceback" not in out + err and "内部错误" not in err, err
    if code == 2:  # one line for the user
        assert err.startswith("错误：") and err.count("\n") == 1, err


def assert_rows_accounted(case: dict, out: Path) -> None:
    """accepted + rejected = rows read, in the manifest and in rejected.csv."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    [summary] = [f for f in manifest["files"] if f["file"] in case.get("files", {})]
    assert summary["rows_read"] == case["rows"] and summary["error"] is None
    assert summary["accepted"] + summary["rejected"] == summary["rows_read"]
    rejected = pd.read_csv(out / "rejected.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    mine = rejected[(rejected["file"] == summary["file"]) & (rejected["row"] != "")]
    assert mine["row"].nunique() == summary["rejected"] == case["rejected"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_bad_input(case, tmp_path, capsys, monkeypatch):
    root = build_round(case, tmp_path / "round")
    before = file_hashes(root)

    code, out, err = run(["validate", str(root)], capsys)
    assert_safe(code, out, err, case["validate"])
    assert case["says"] in out + err

    target = out_dir(case, tmp_path, monkeypatch)
    code, out, err = run(["check", str(root), "--out", str(target)], capsys)
    assert_safe(code, out, err, case["check"])
    assert case.get("check_says", "") in out + err
    if "rows" in case:
        assert_rows_accounted(case, target)
    if "reason" in case:
        reasons = pd.read_csv(target / "rejected.csv", encoding="utf-8-sig", dtype=str)["reason"]
        assert reasons.str.contains(case["reason"], regex=False).any(), reasons.tolist()
    assert file_hashes(root) == before


@pytest.mark.parametrize("case", [c for c in CASES if c.get("subprocess")], ids=lambda c: c["id"])
def test_bad_input_in_a_child_process(case, tmp_path):
    """An input that made calamine reserve 512 GB and abort (SIGABRT) can only be seen from outside."""
    root = build_round(case, tmp_path / "round")
    limit = 4 << 30
    done = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "validate", str(root)], capture_output=True, text=True, timeout=120,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
    )
    assert done.returncode == case["validate"], done.stderr
    assert case["says"] in done.stdout and "Traceback" not in done.stdout + done.stderr


# ------------------------------------------------------------------------------------- the corpus itself

def test_the_corpus_is_what_make_corpus_writes(tmp_path):
    written = make_corpus.write_corpus(tmp_path)
    committed = sorted((CORPUS / "files").iterdir())
    assert [p.name for p in committed] == sorted(p.name for p in written)
    for path in committed:
        assert path.read_bytes() == (tmp_path / path.name).read_bytes(), path.name


def test_the_corpus_is_small_and_every_file_has_a_case():
    files = sorted((CORPUS / "files").iterdir())
    assert len(files) >= 40 and sum(p.stat().st_size for p in files) < 2_000_000
    used = {source for case in CASES for source in case.get("files", {}).values()}
    assert {p.name for p in files} == used
    assert len({c["id"] for c in CASES}) == len(CASES)


def test_a_broken_pipe_is_not_an_error(round_dir, monkeypatch, capsys):
    """`toolkit validate … | head`: the reader leaves; no message, no traceback."""
    round_dir.csv("问题线索.csv", [make_corpus.CLUES, make_corpus.clue(1)])

    def closed(*args, **kwargs):
        raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    monkeypatch.setattr("toolkit.ingest.report.format_validation", closed)   # imported by cmd_validate when it runs
    assert main(["validate", str(round_dir.root)]) == 1
    assert capsys.readouterr().err == ""

"""toolkit.ingest.parallel: a round read in worker processes is the round read here, frame for frame."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from toolkit import background
from toolkit.ingest import parallel
from toolkit.ingest.load import load_round
from toolkit.pipeline import check_round


@pytest.fixture(scope="module")
def demo_dir(built_demo) -> Path:
    """The session's demo round (tests/conftest.py): read only; a test that changes files copies it."""
    return built_demo


@pytest.fixture(scope="module")
def read_here(demo_dir):
    """The demo round read in this process (jobs=1): what a read in workers must equal."""
    return load_round(demo_dir, jobs=1)


@pytest.fixture(scope="module")
def checked_here(demo_dir, tmp_path_factory) -> Path:
    """`check_round` of the demo in this process alone (no fork, no lent pool): what the other ways must write."""
    out = tmp_path_factory.mktemp("here") / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(background, "can_fork", lambda: False)
        check_round(demo_dir, out)
    return out


def _same_round(one, other) -> None:
    assert list(one.frames) == list(other.frames)
    for name, frame in one.frames.items():
        pd.testing.assert_frame_equal(frame, other.frames[name], check_exact=True)
    pd.testing.assert_frame_equal(one.rejected, other.rejected, check_exact=True)
    assert one.hashes == other.hashes and one.ignored == other.ignored
    assert [vars(r) for r in one.reports] == [vars(r) for r in other.reports]


@pytest.fixture()
def every_round_in_workers(monkeypatch):
    """Any round of two files or more is read in two worker processes."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(background, "usable_cpus", lambda: 2)
    monkeypatch.setattr(background, "can_fork", lambda: True)   # pytest-xdist's worker runs threads of its own


def reader_pid(path: Path, name: str) -> int:
    return os.getpid()


def test_the_files_are_read_in_worker_processes(demo_dir, every_round_in_workers):
    tasks = [(path, path.stem) for path in sorted(demo_dir.iterdir()) if path.suffix in (".csv", ".xlsx")]
    pids = parallel.read_files(reader_pid, tasks, jobs=2)
    assert len(pids) == len(tasks) and os.getpid() not in pids


def test_the_demo_read_in_two_processes_is_the_demo_read_here(demo_dir, read_here, every_round_in_workers):
    assert parallel.worker_count(sorted(demo_dir.iterdir()), None) == 2
    _same_round(load_round(demo_dir, jobs=2), read_here)


def test_rejected_rows_and_broken_files_come_back_from_the_workers(demo_dir, read_here, tmp_path,
                                                                   every_round_in_workers):
    folder = tmp_path / "round"
    shutil.copytree(demo_dir, folder)
    (folder / "公务接待.xlsx").write_bytes(b"PK\x03\x04 not a workbook")   # the whole file rejected
    with (folder / "问题线索.csv").open("a", encoding="gb18030", newline="") as handle:
        handle.write("XS-X1,信访举报,不是日期,失职失责,某某,科级,已办结,,谈话函询\r\n")   # a row rejected
    in_workers, here = load_round(folder, jobs=2), load_round(folder, jobs=1)
    _same_round(in_workers, here)
    assert any(r.error for r in in_workers.reports) and len(in_workers.rejected) > len(read_here.rejected)


def test_a_small_round_one_cpu_or_a_threaded_process_is_read_here(demo_dir, monkeypatch):
    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    monkeypatch.setattr(background, "usable_cpus", lambda: 2)
    monkeypatch.setattr(background, "can_fork", lambda: True)
    assert parallel.worker_count(files, 2) == 1          # the demo is far below PARALLEL_MIN_BYTES
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    assert parallel.worker_count(files, 2) == 2
    assert parallel.worker_count(files, 1) == 1
    assert parallel.worker_count(files[:1], 2) == 1
    monkeypatch.setattr(background, "can_fork", lambda: False)
    assert parallel.worker_count(files, 2) == 1
    monkeypatch.setattr(background, "can_fork", lambda: True)
    monkeypatch.setattr(background, "usable_cpus", lambda: 1)
    assert parallel.worker_count(files, 2) == 1


def test_a_process_with_threads_does_not_fork():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not background.can_fork()
    finally:
        stop.set()
        thread.join()


def test_findings_xlsx_written_in_the_background_is_the_one_written_here(demo_dir, checked_here, tmp_path,
                                                                         monkeypatch):
    monkeypatch.setattr(background, "usable_cpus", lambda: 2)
    monkeypatch.setattr(background, "can_fork", lambda: True)
    check_round(demo_dir, tmp_path / "forked")
    for name in ("findings.xlsx", "findings.csv", "ledger.xlsx", "indicators.json"):
        assert (tmp_path / "forked" / name).read_bytes() == (checked_here / name).read_bytes(), name


def fail_writing(path: Path) -> None:
    raise OSError(28, "No space left on device", str(path))


def test_a_background_writer_s_error_reaches_the_caller(tmp_path, monkeypatch):
    monkeypatch.setattr(background, "usable_cpus", lambda: 2)
    monkeypatch.setattr(background, "can_fork", lambda: True)
    with pytest.raises(OSError, match="No space left"):
        with background.in_background(fail_writing, tmp_path / "x.xlsx"):
            pass


def test_a_lent_pool_reads_and_writes_when_this_process_may_not_fork(demo_dir, read_here, checked_here, tmp_path,
                                                                      monkeypatch):
    """`toolkit run`'s case: threads running (no fork), its notebook workers lent; they stay up after."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(background, "can_fork", lambda: False)
    tasks = [(path, path.stem) for path in sorted(demo_dir.iterdir()) if path.suffix in (".csv", ".xlsx")]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        with background.lending(pool, 2):
            assert background.background_workers() == 2
            pids = parallel.read_files(reader_pid, tasks)
            lent_round = load_round(demo_dir)
            check_round(demo_dir, tmp_path / "lent")
            with pytest.raises(OSError, match="No space left"):
                with background.in_background(fail_writing, tmp_path / "x.xlsx"):
                    pass
        assert background.background_workers() == 0
        assert pool.submit(os.getpid).result() != os.getpid()   # the pool is left running
    assert len(pids) == len(tasks) and os.getpid() not in pids
    _same_round(lent_round, read_here)
    for name in ("findings.xlsx", "findings.csv", "ledger.xlsx", "indicators.json"):
        assert (tmp_path / "lent" / name).read_bytes() == (checked_here / name).read_bytes(), name

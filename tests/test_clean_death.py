"""A terminated or killed `toolkit run` leaves no worker or kernel behind, and the folder can be run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
import psutil
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.conftest import RoundBuilder
from tests.waiting import wait_until
from toolkit.report import notebooks as catalog
from toolkit.report import runner

MARKER_ENV = "TOOLKIT_CLEAN_DEATH_MARKER"
REPO = Path(__file__).resolve().parent.parent


def _notebook(code: str) -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
                   "language_info": {"name": "python"}}
    params = new_code_cell('data_dir = "."\nout_dir = None\nthresholds = {}')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [new_markdown_cell("# 慢笔记本"), params, new_code_cell(code)]
    return nb


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    """A one-file round: what is stopped here is the notebooks' processes, so the round's check stays short."""
    round_ = RoundBuilder(tmp_path_factory.mktemp("round") / "round")
    round_.csv("问题线索.csv", [["线索编号", "来源", "受理日期", "办理状态", "办结日期", "处置方式"],
                                ["C1", "信访举报", "2020-01-01", "核查中", "", ""]])
    return round_.root


def _slow_notebooks(folder: Path, started: Path) -> Path:
    """One notebook that says it started, then keeps writing for a minute."""
    folder.mkdir()
    code = (f"import pathlib, time\npathlib.Path({str(started)!r}).write_text('kernel')\n"
            "for _ in range(600):\n    time.sleep(0.1)\n    print('still writing', flush=True)")
    nbformat.write(_notebook(code), folder / "10_slow.ipynb")
    return folder


def _marked(marker: str) -> list[int]:
    """The pids of live (non-zombie) processes whose environment holds the marker (psutil: any platform)."""
    found = []
    for process in psutil.process_iter(["environ", "status"]):
        environ = process.info["environ"] or {}
        if environ.get(MARKER_ENV) == marker and process.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(process.pid)
    return found


def _start_run(demo_dir: Path, notebooks: Path, out: Path, marker: str) -> subprocess.Popen:
    env = dict(os.environ, **{catalog.NOTEBOOKS_ENV: str(notebooks), MARKER_ENV: marker})
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli", "run", str(demo_dir), "--out", str(out),
                             "--jobs", "1", "--quiet"], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=_as_from_a_terminal)


def _as_from_a_terminal() -> None:
    """The run starts with Ctrl-C's default action and no blocked signal, as a shell starts it. In the whole
    suite (twice, in fresh clones) the run did not end on SIGINT while SIGTERM and SIGKILL passed, and the file
    passes alone: most likely a signal state the test worker's process had acquired and passed on (not
    established)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_stopped_run_leaves_no_process_behind(demo_dir, tmp_path, signum):
    started = tmp_path / "kernel-started"
    notebooks = _slow_notebooks(tmp_path / "notebooks", started)
    out, marker = tmp_path / "out", uuid.uuid4().hex
    run = _start_run(demo_dir, notebooks, out, marker)
    try:
        assert wait_until(started.exists, 120), run.stderr.read().decode() if run.poll() is not None else "no kernel"
        assert len(_marked(marker)) >= 3          # the run, its worker and the kernel (and the forkserver)
        run.send_signal(signum)
        run.wait(60)   # generous: on a loaded 2-core CI machine the kernels' shutdown took more than 15 s
        assert wait_until(lambda: not _marked(marker), 30), f"still alive: {_marked(marker)}"
    finally:
        for pid in _marked(marker):
            os.kill(pid, signal.SIGKILL)
        run.kill()
        run.wait()
    err = run.stderr.read().decode()
    assert "Traceback" not in err
    if signum != signal.SIGKILL:
        assert run.returncode == 130 and "已中断" in err
    notebook = out / "notebooks" / "10_slow.ipynb"
    size = notebook.stat().st_size if notebook.exists() else None
    time.sleep(1)
    assert (notebook.stat().st_size if notebook.exists() else None) == size   # nobody writes any more

    rerun = subprocess.run([sys.executable, "-m", "toolkit.cli", "run", str(demo_dir), "--out", str(out),
                            "--jobs", "1", "--quiet"], cwd=REPO, capture_output=True, timeout=300,
                           env=dict(os.environ, **{catalog.NOTEBOOKS_ENV: str(_quick_notebooks(tmp_path))}))
    assert rerun.returncode == 0, rerun.stderr.decode()


def _quick_notebooks(tmp_path: Path) -> Path:
    folder = tmp_path / "quick"
    folder.mkdir()
    nbformat.write(_notebook("print('done')"), folder / "10_slow.ipynb")
    return folder

"""Kernels forked from the forkserver (toolkit.report.forked_kernel): where they run, and that they end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from jupyter_core.utils import run_sync

from tests.waiting import wait_until
from toolkit.report import forked_kernel, worker
from toolkit.report.forkserver import worker_context

pytestmark = pytest.mark.skipif(worker_context().get_start_method() != "forkserver", reason="POSIX forkserver only")

REPO = Path(__file__).resolve().parents[1]


def _execute(manager, code: str, timeout_s: float = 60) -> dict:
    """Run ``code`` in the kernel; the execute reply's content and what the cell printed."""
    client = manager.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=timeout_s)
        msg_id = client.execute(code)
        printed = []
        while True:
            message = run_sync(client.get_iopub_msg)(timeout=timeout_s)
            if message["parent_header"].get("msg_id") != msg_id:
                continue
            if message["msg_type"] == "stream":
                printed.append(message["content"]["text"])
            if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                break
        reply = run_sync(client.get_shell_msg)(timeout=timeout_s)
        while reply["parent_header"].get("msg_id") != msg_id:   # kernel_info replies of wait_for_ready
            reply = run_sync(client.get_shell_msg)(timeout=timeout_s)
        return {**reply["content"], "printed": "".join(printed)}
    finally:
        client.stop_channels()


@pytest.fixture
def kernel(tmp_path, monkeypatch):
    """A kernel as a notebook worker starts it, its stderr going to a log file."""
    monkeypatch.setattr(worker, "_log_path", [str(tmp_path / "kernels.log")])
    manager = worker.start_kernel(str(tmp_path))
    assert manager is not None
    yield manager
    run_sync(manager.shutdown_kernel)(now=True)


def test_the_kernel_is_forked_from_the_forkserver_in_a_session_of_its_own(kernel, tmp_path):
    assert isinstance(kernel.provisioner, forked_kernel.ForkedKernelProvisioner)
    pid = kernel.provisioner.pid
    assert pid in forked_kernel.started_kernels()
    reply = _execute(kernel, "import os, sys\nprint(os.getpid(), os.getppid(), os.getsid(0), os.getcwd())\n"
                             "print('oops', file=sys.__stderr__, flush=True)")
    own, parent, session, cwd = reply["printed"].split()
    assert int(own) == pid and int(session) == pid          # its own session: a Ctrl-C at the terminal misses it
    assert int(parent) != os.getpid()                       # a child of the forkserver, not of this worker
    assert Path(cwd) == tmp_path
    assert wait_until(lambda: "oops" in (tmp_path / "kernels.log").read_text(), 10, every_s=0.1)   # the worker's log


KNOWS_ITS_WORKER = """
import os, sys
from jupyter_core.utils import run_sync
from tests.test_forked_kernel import _execute
from toolkit.report import forkserver, worker
forkserver.start_forkserver()                       # preloaded, as `toolkit run` starts it: ipykernel imported there
manager = worker.start_kernel(sys.argv[1])
reply = _execute(manager, "from ipykernel.kernelapp import IPKernelApp; print(IPKernelApp.instance().parent_handle)")
run_sync(manager.shutdown_kernel)(now=True)
print(int(reply["printed"]) == os.getpid())
"""


def test_the_forked_kernel_knows_its_worker_as_a_launched_kernel_does(tmp_path):
    """ipykernel reads JPY_PARENT_PID when it is imported — in the preloaded forkserver, before the kernel's
    environment is set — so the worker is passed explicitly (without it the kernel printed its "To connect another
    client" banner on the user's terminal). In a new process, whose forkserver has the run's preload."""
    done = subprocess.run([sys.executable, "-c", KNOWS_ITS_WORKER, str(tmp_path)], capture_output=True, text=True,
                          cwd=REPO, timeout=120)
    assert done.stdout.strip().splitlines()[-1:] == ["True"], done.stdout + done.stderr
    assert "To connect another client" not in done.stdout


def test_an_interrupt_reaches_the_forked_kernel(kernel):
    client = kernel.client()
    client.start_channels()
    try:
        run_sync(client.wait_for_ready)(timeout=60)
        msg_id = client.execute("import time\ntime.sleep(60)")
        time.sleep(1)
        run_sync(kernel.interrupt_kernel)()
        reply = run_sync(client.get_shell_msg)(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:   # kernel_info replies of wait_for_ready
            reply = run_sync(client.get_shell_msg)(timeout=30)
    finally:
        client.stop_channels()
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
    assert run_sync(kernel.is_alive)()


def test_shutdown_ends_the_forked_kernel_and_forgets_it(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_log_path", [])
    manager = worker.start_kernel(str(tmp_path))
    pid = manager.provisioner.pid
    run_sync(manager.shutdown_kernel)(now=True)
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    assert pid not in forked_kernel.started_kernels()


def test_kill_kernels_kills_the_forked_kernels(tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "_log_path", [])
    manager = worker.start_kernel(str(tmp_path))
    pid = manager.provisioner.pid
    try:
        worker.kill_kernels()
        assert wait_until(lambda: run_sync(manager.is_alive)() is False, 10, every_s=0.1)
    finally:
        run_sync(manager.shutdown_kernel)(now=True)
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_the_kernel_ends_when_the_worker_that_started_it_is_killed(tmp_path):
    script = ("import sys, time\nfrom toolkit.report import worker\n"
              "manager = worker.start_kernel(sys.argv[1])\nprint(manager.provisioner.pid, flush=True)\ntime.sleep(600)")
    starter = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE,
                               text=True)
    try:
        pid = int(starter.stdout.readline())
        assert psutil.pid_exists(pid)
        starter.send_signal(signal.SIGKILL)
        starter.wait(10)
        gone = wait_until(lambda: not psutil.pid_exists(pid)
                          or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE, 15, every_s=0.1)
        assert gone, f"kernel {pid} outlived its worker"
    finally:
        starter.kill()
        starter.wait()


def test_a_kernel_command_of_another_interpreter_is_not_forked():
    assert forked_kernel.ipykernel_arguments([sys.executable, "-m", "ipykernel_launcher", "-f", "c.json", "--x"]) \
        == ["-f", "c.json", "--x"]
    assert forked_kernel.ipykernel_arguments(["/elsewhere/python", "-m", "ipykernel_launcher", "-f", "c.json"]) is None
    assert forked_kernel.ipykernel_arguments([sys.executable, "-m", "other_kernel", "-f", "c.json"]) is None
    assert forked_kernel.ipykernel_arguments(["R", "--slave"]) is None


def test_a_kernel_that_cannot_start_is_none_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(worker, "KERNEL_NAME", "no-such-kernel-here")
    assert worker.start_kernel(str(tmp_path)) is None
    assert "kernel not started: NoSuchKernel" in capsys.readouterr().err

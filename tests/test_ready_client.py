"""toolkit.report.ready_client: a client is ready at the kernel's idle for its kernel_info, not after 0.2 s of silence."""

from __future__ import annotations

from queue import Empty

import pytest
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from toolkit.report import ready_client
from toolkit.report.ready_client import ReadyKernelClient


def message(msg_type: str, request: str, **content) -> dict:
    return {"msg_type": msg_type, "parent_header": {"msg_id": request}, "content": content}


class Channel:
    """A channel that hands out the messages it is given, then raises Empty (as a silent socket does)."""

    def __init__(self, messages: list[dict]) -> None:
        self.messages = messages

    async def get_msg(self, timeout: float | None = None) -> dict:
        if not self.messages:
            raise Empty
        return self.messages.pop(0)


class Scripted(ReadyKernelClient):
    """A client whose channels replay scripts: shell and IOPub messages, one script per kernel_info request."""

    def __init__(self, shell: list[dict], iopub: list[list[dict]]) -> None:
        super().__init__()
        self._shell, self._iopub, self.requests, self.handled = Channel(shell), iopub, [], []

    @property
    def shell_channel(self):
        return self._shell

    @property
    def iopub_channel(self):
        return Channel(self._iopub[len(self.requests) - 1]) if self._iopub else Channel([])

    def kernel_info(self) -> str:
        self.requests.append(f"r{len(self.requests) + 1}")
        return self.requests[-1]

    async def _async_is_alive(self) -> bool:
        return True

    def _handle_kernel_info_reply(self, msg: dict) -> None:
        self.handled.append(msg["parent_header"]["msg_id"])


def test_ready_at_the_idle_for_its_own_request():
    client = Scripted([message("kernel_info_reply", "r1")],
                      [[message("status", "r1", execution_state="busy"), message("status", "r1",
                                                                                 execution_state="idle")]])
    run_sync(client.wait_for_ready)(timeout=5)
    assert client.requests == ["r1"] and client.handled == ["r1"]


def test_a_reply_to_an_earlier_request_is_read_past_and_a_silent_iopub_asked_again():
    client = Scripted([message("kernel_info_reply", "r1"), message("kernel_info_reply", "r1"),
                       message("kernel_info_reply", "r2")],
                      [[], [message("status", "r0", execution_state="idle"),
                            message("status", "r2", execution_state="idle")]])
    run_sync(client.wait_for_ready)(timeout=5)
    assert client.requests == ["r1", "r2"] and client.handled == ["r2"]


def test_a_kernel_that_never_answers_times_out(monkeypatch):
    monkeypatch.setattr(ready_client, "SHELL_WAIT_S", 0.01)
    with pytest.raises(RuntimeError, match="didn't respond"):
        run_sync(Scripted([], []).wait_for_ready)(timeout=0.05)


def test_a_real_kernel_is_ready_and_its_first_output_arrives():
    manager = AsyncKernelManager(kernel_name="python3", client_class="toolkit.report.ready_client.ReadyKernelClient")
    run_sync(manager.start_kernel)()
    try:
        for _ in range(2):              # a kernel kept from one notebook to the next gets a new client each time
            client = manager.client()
            assert isinstance(client, ReadyKernelClient)
            client.start_channels()
            run_sync(client.wait_for_ready)(timeout=60)
            with pytest.raises(Empty):  # the handshake's IOPub messages are all read
                run_sync(client.iopub_channel.get_msg)(timeout=0.3)
            request = client.execute("print(6 * 7)")

            async def output() -> list[str]:
                texts = []
                while True:
                    msg = await client.get_iopub_msg(timeout=30)
                    if msg["parent_header"].get("msg_id") != request:
                        continue
                    if msg["msg_type"] == "stream":
                        texts.append(msg["content"]["text"])
                    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                        return texts

            assert run_sync(output)() == ["42\n"]
            client.stop_channels()
    finally:
        run_sync(manager.shutdown_kernel)(now=True)

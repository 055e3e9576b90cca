"""The kernel client a `toolkit run` worker gives each notebook: ready as soon as the kernel's IOPub has answered.

jupyter_client's ``wait_for_ready`` sends ``kernel_info`` and, once the reply and one IOPub message have come,
reads IOPub until it has been silent for 0.2 s. A worker connects a new client to its kept kernel for every
notebook (toolkit.report.worker), so each notebook began with 0.2 s of a kernel doing nothing. Every request is
followed on IOPub by the kernel's status ``idle`` for it — its last message — so :class:`ReadyKernelClient` is
ready once that ``idle`` has come: IOPub is then connected and holds nothing of the handshake, as upstream's
silence ensures. When it does not come within 0.2 s (IOPub not connected yet), it asks again, as upstream does.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_core.utils import ensure_async

IOPUB_WAIT_S = 0.2     # how long IOPub may stay silent before the kernel_info request is sent again (as upstream)
SHELL_WAIT_S = 1.0     # how long to wait for the kernel_info reply before asking again (as upstream)


class ReadyKernelClient(AsyncKernelClient):
    """An AsyncKernelClient whose :meth:`wait_for_ready` ends at the kernel's ``idle`` for its kernel_info request."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has replied to kernel_info on the shell channel and said ``idle`` for it on
        IOPub; RuntimeError when it dies first or ``timeout`` seconds pass."""
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        request = self.kernel_info()
        while True:
            try:
                reply = await ensure_async(self.shell_channel.get_msg(timeout=SHELL_WAIT_S))
            except Empty:
                reply = None
            if reply is not None and not _answers(reply, request, "kernel_info_reply"):
                continue       # the reply to an earlier request: read on
            if reply is not None and await self._idle_after(request):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
            request = self.kernel_info()

    async def _idle_after(self, request: str) -> bool:
        """Read IOPub up to the kernel's status ``idle`` for ``request``; False when it stays silent for
        IOPUB_WAIT_S first."""
        while True:
            try:
                message = await ensure_async(self.iopub_channel.get_msg(timeout=IOPUB_WAIT_S))
            except Empty:
                return False
            if _answers(message, request, "status") and message["content"].get("execution_state") == "idle":
                return True


def _answers(message: dict[str, Any], request: str, msg_type: str) -> bool:
    """Whether ``message`` is of ``msg_type`` and answers the request whose id is ``request``.

    >>> _answers({"msg_type": "status", "parent_header": {"msg_id": "a"}}, "a", "status")
    True
    >>> _answers({"msg_type": "status", "parent_header": {}}, "a", "status")
    False
    """
    return message.get("msg_type") == msg_type and message.get("parent_header", {}).get("msg_id") == request

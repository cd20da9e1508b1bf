"""A kernel manager for nbconvert that lets the Java kernel finish starting before any client socket connects.

rapaio-jupyter-kernel 3.0.1 binds its five sockets one after the other, starting each socket's loop at once, and
registers its message handlers only after the last one. nbclient connects its channels and sends
kernel_info_request immediately; ZeroMQ queues the request and delivers it the moment the shell socket is bound,
inside that window. Then the kernel logs "Unhandled message", or its shell thread dies on a NullPointerException
(handlers still null) and it never replies ("Kernel didn't respond"), or it exits during the handshake ("Kernel
died before replying to kernel_info"). The busier the machine, the wider the window: on two loaded cores about a
third of the starts failed.

PatientKernelManager sends the kernel's log to a file, waits until the kernel has logged binding all five
sockets, then a short pause for the handlers, and only then lets nbclient connect. It does not touch the sockets
itself: a plain TCP probe of the ports made starts fail more often, not less. A rarer failure remains (the kernel
bound and polling, the client's requests never read); run-notebooks retries every start-up failure. It selects this
manager with
--ExecutePreprocessor.kernel_manager_class=notebook_kernel.PatientKernelManager and names the log file in
RNNKIT_KERNEL_LOG.
"""
import asyncio
import os
import tempfile
import time

from jupyter_client.manager import AsyncKernelManager, KernelManager

# Seconds to wait for the five bindings, and after them (the handlers are registered right after the last one).
BIND_TIMEOUT = float(os.environ.get("RNNKIT_KERNEL_BIND_TIMEOUT", "240"))
SETTLE = float(os.environ.get("RNNKIT_KERNEL_SETTLE", "1"))
CHANNELS = ("[ShellChannel]: Binding", "[ControlChannel]: Binding", "[StdinChannel]: Binding",
            "[HeartbeatChannel]: Binding", "[IOPubChannel]: Binding")


class PatientKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose start_kernel returns once the kernel is ready for its first message."""

    async def _patient_start_kernel(self, **kw):
        path = os.environ.get("RNNKIT_KERNEL_LOG") or tempfile.mkstemp(prefix="rnnkit-kernel-", suffix=".log")[1]
        log = open(path, "ab")
        kw.setdefault("stderr", log)
        kw.setdefault("stdout", log)
        await KernelManager._async_start_kernel(self, **kw)
        log.close()  # the kernel holds its own descriptor
        started = time.monotonic()
        while True:
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if all(c in text for c in CHANNELS):
                break
            if not await self.is_alive() or time.monotonic() - started > BIND_TIMEOUT:
                # nbclient's own handshake reports the failure (and run-notebooks retries it).
                return
            await asyncio.sleep(0.1)
        await asyncio.sleep(SETTLE)
        self.log.info("kernel bound its sockets after %.1f s", time.monotonic() - started)

    start_kernel = _patient_start_kernel

"""A kernel manager for nbconvert that lets the Java kernel finish starting before anything is sent to it.

rapaio-jupyter-kernel 3.0.1 binds its sockets and starts their loops before it registers its message handlers. A
client connects at once and sends kernel_info_request, which ZeroMQ queues and delivers the moment the shell socket
is bound, inside that window: the kernel logs "Unhandled message", or its shell thread dies on a
NullPointerException (handlers still null) and the kernel never replies, so nbconvert gives up ("Kernel didn't
respond", or "Kernel died before replying to kernel_info"). The busier the machine, the wider the window.
PatientKernelManager returns from start_kernel only once the kernel listens on all five ports, plus a short
settling pause, so the first request reaches a kernel that can answer. scripts/run-notebooks selects it with
--ExecutePreprocessor.kernel_manager_class=notebook_kernel.PatientKernelManager.
"""
import asyncio
import os
import socket
import time

from jupyter_client.manager import AsyncKernelManager, KernelManager

# Seconds to wait for the ports, and after them (the handlers are registered right after the last bind).
PORTS_TIMEOUT = float(os.environ.get("RNNKIT_KERNEL_PORTS_TIMEOUT", "240"))
SETTLE = float(os.environ.get("RNNKIT_KERNEL_SETTLE", "2"))


def _listening(ip, port):
    try:
        with socket.create_connection((ip, port), timeout=0.5):
            return True
    except OSError:
        return False


class PatientKernelManager(AsyncKernelManager):
    """AsyncKernelManager whose start_kernel waits until the kernel is ready for its first message."""

    async def _patient_start_kernel(self, **kw):
        await KernelManager._async_start_kernel(self, **kw)
        started = time.monotonic()
        ports = [self.shell_port, self.iopub_port, self.stdin_port, self.control_port, self.hb_port]
        ip = self.ip if self.ip not in ("", "0.0.0.0") else "127.0.0.1"
        while not all(_listening(ip, p) for p in ports):
            if not await self.is_alive() or time.monotonic() - started > PORTS_TIMEOUT:
                # Let nbclient's own handshake report the failure (and run-notebooks retry it).
                return
            await asyncio.sleep(0.2)
        await asyncio.sleep(SETTLE)
        self.log.info("kernel listening after %.1f s", time.monotonic() - started)

    start_kernel = _patient_start_kernel

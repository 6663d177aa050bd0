"""A local Ray cluster run as a child process of gl (`Execution(workers=N)`): `ray start
--head --block`, so that Ray's processes start beside the driver, not inside it, and the
driver only connects (`ray.init(address=...)`). Measured against `ray.init(address="local")`
in a thread of a driver busy with pure Python (`benchmarks/parallel.py`): the driver's
main thread kept about twice the CPU share while Ray started, and the start ended sooner.

The head lives in its own process group (a Ctrl-C at the terminal reaches gl, which
cancels its tasks and then stops the head) and in its own temporary directory (its logs,
sockets and the address file `ray start` writes: `--ray auto` never finds it), and is
stopped by `LocalHead.stop`, or by Linux when the thread that started it ends (its
parent-death signal: gl killed, or a thread that dies), which `ray start --block` answers
by stopping every process of the node.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: seconds a head may take to start (20-34 s measured on this 2-core machine under load)
START_TIMEOUT_S = 180.0
#: seconds a head may take to stop on SIGTERM (it drains its tasks, up to 30 s) before it
#: and its process group are killed
STOP_TIMEOUT_S = 45.0
_ADDRESS = re.compile(r"[\w.\-\[\]:]+:\d+")


def _die_with_parent() -> None:
    """In the child, before `exec`: SIGTERM when the thread that started it ends (Linux)."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class LocalHead:
    """A Ray head of `workers` CPUs, started as a child process now; `address` waits for it."""

    def __init__(self, workers: int) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="gl-ray-"))
        self.log = self.dir / "start.log"
        with self.log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "ray.scripts.scripts", "start", "--head", "--block", "--port", "0",
                 "--num-cpus", str(workers), "--include-dashboard=false", "--include-log-monitor=false",
                 "--disable-usage-stats", "--temp-dir", str(self.dir)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, process_group=0,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)

    def address(self, timeout: float = START_TIMEOUT_S) -> str:
        """The head's address once it runs (host:port, from the address file `ray start`
        writes once the node is up); RuntimeError, the head stopped, when it fails or
        takes longer than `timeout` seconds."""
        path = self.dir / "ray_current_cluster"
        deadline = time.monotonic() + timeout
        while True:
            text = path.read_text().strip() if path.is_file() else ""
            if _ADDRESS.fullmatch(text):
                return text
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace").strip().splitlines()[-5:]
                why = "exited" if self.process.poll() is not None else f"did not start within {timeout:g} s"
                self.stop()
                raise RuntimeError(f"the local Ray head {why}: " + " | ".join(tail))
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the head and every process of its node, and remove its directory."""
        if self.process.poll() is None:
            self.process.terminate()  # `ray start --block` stops its node's processes on SIGTERM
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:  # not reaped yet, so the group is still the head's
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

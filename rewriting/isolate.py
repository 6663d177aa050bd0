"""Hard time limits: run a call in a separate process and kill it when time is up.

egglog does not honour signals inside a run, so a wall-clock bound that must hold comes
from outside. The worker is started with ``spawn`` (``fork`` after importing egglog can
hang); arguments and results cross as pickles of plain data (terms, rules, limits), never
e-graphs.

>>> run_isolated("math:factorial", (5,), {}, timeout=60.0)
120
"""

from __future__ import annotations

import importlib
import multiprocessing
from multiprocessing.connection import Connection
from typing import Any


def _worker(target: str, args: tuple, kwargs: dict[str, Any], conn: Connection) -> None:
    module, attr = target.split(":")
    try:
        result = getattr(importlib.import_module(module), attr)(*args, **kwargs)
        conn.send(("ok", result))
    except Exception as exc:  # sent back and re-raised in the caller
        conn.send(("error", exc))
    finally:
        conn.close()


def run_isolated(target: str, args: tuple, kwargs: dict[str, Any], timeout: float) -> Any:
    """Call ``module:function`` with the arguments in a spawned process; its return value, or
    None when it did not finish within ``timeout`` seconds (the process is then killed).
    Exceptions raised by the call are re-raised here."""
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_worker, args=(target, args, kwargs, sender), daemon=True)
    process.start()
    sender.close()
    status, value = "timeout", None
    try:
        if receiver.poll(timeout):
            status, value = receiver.recv()
    except EOFError:
        status = "died"
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if status == "died":
        raise RuntimeError(f"worker for {target} died (exit code {process.exitcode})")
    if status == "error":
        raise value
    return value

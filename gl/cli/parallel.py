"""The execution options of the long-running subcommands: `--workers N` (Ray on this
machine) and `--ray ADDRESS` (a Ray cluster; `auto`), in-process when neither is given.
Outputs do not depend on them (`gl.execution`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from gl.cli.options import WORKERS
from gl.execution import Execution


def execution_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add `--workers` and `--ray` to a click command (its function receives `workers` and
    `ray_address`)."""
    command = click.option("--ray", "ray_address", metavar="ADDRESS", default=None,
                           help="Run the tasks on the Ray cluster at ADDRESS (host:port, or auto).")(command)
    return click.option("--workers", type=WORKERS, default=1, show_default=True,
                        help="Run the tasks on this many local Ray worker processes "
                             "(1: in this process; the output does not depend on it).")(command)


def execution(workers: int, ray_address: str | None) -> Execution:
    """The `Execution` the options ask for; says how to install Ray (exit 2) when they need
    it and it is missing."""
    if workers > 1 and ray_address is not None:
        raise click.UsageError("give --workers or --ray, not both")
    ex = Execution(workers=workers, address=ray_address)
    ex.check_available()
    return ex

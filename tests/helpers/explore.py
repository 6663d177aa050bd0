"""Running an exploration for a module's tests: the run, the folder its proofs.json was
written to, and the progress events it reported."""

from __future__ import annotations

from pathlib import Path

import gl
from gl.core.session import ProofRun
from gl.explore import ExploreConfig, explore
from gl.explore.progress import Event
from mpl_lang import Statement


def explored(path: Path, config: ExploreConfig, extra: list[Statement], out: Path) -> tuple[ProofRun, Path, list[Event]]:
    """Explore the theory at `path` with `config` and `extra` conjectures; write the
    run's proofs.json to `out`."""
    events: list[Event] = []
    run = explore(gl.load(path), config=config, progress=events.append, extra=extra)
    run.write(out)
    return run, out, events

"""The stage counters and timings of one exploration.

The counters go into `proofs.json` (its `stages` section, in `STAGES` order), the
timings into `run.json`.

>>> stats = Exploration()
>>> stats.add("enumerated", 3)
>>> with stats.timed("enumeration"):
...     stats.add("untestable")
>>> stats.ordered_counts()["enumerated"], "enumeration" in stats.seconds
(3, True)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

#: the stage counters, in report order
STAGES = ("incubator facts", "enumerated", "untestable", "candidate pairs", "counterexample-filtered",
          "normalized away", "type-filtered", "conjectures", "follows from theorems", "proved", "unproved",
          "essential")


@dataclass
class Exploration:
    """Counters and timings of one run (the counters go into proofs.json)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        """Count `n` more under `key`."""
        self.counts[key] = self.counts.get(key, 0) + n

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        """Record the seconds the `with` body takes under `stage` (when it completes)."""
        start = time.perf_counter()
        yield
        self.seconds[stage] = time.perf_counter() - start

    def ordered_counts(self) -> dict[str, int]:
        """The counters, the stages in `STAGES` order first."""
        counts = self.counts
        return {k: counts[k] for k in STAGES if k in counts} | {k: v for k, v in counts.items() if k not in STAGES}

    def rounded_seconds(self) -> dict[str, float]:
        """The timings in milliseconds' precision."""
        return {k: round(v, 3) for k, v in self.seconds.items()}

"""The grid: runs Logic Blocks in lock-step cycles and delivers messages between cycles.

Blocks never see each other during a cycle; between cycles the grid delivers messages
(new rules: theorems proved elsewhere). The backend decides where blocks run: in this
process (the default), or, behind the same two-method interface, on a cluster.

>>> grid = Grid()
>>> grid.cycles
0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .block import LogicBlock
from .rules import Rule
from .status import Status


class Backend(Protocol):
    """Where blocks run. A distributed backend (e.g. Ray actors holding shards of blocks)
    implements the same two calls and must give identical results."""

    def run_cycle(self, blocks: list[LogicBlock]) -> None:
        """Run one cycle of every given block."""

    def deliver(self, blocks: list[LogicBlock], rules: list[Rule]) -> None:
        """Add `rules` to every given block (between cycles)."""


class InProcessBackend:
    """Runs every block in this process, in a fixed order."""

    def run_cycle(self, blocks: list[LogicBlock]) -> None:
        for b in blocks:
            b.cycle()

    def deliver(self, blocks: list[LogicBlock], rules: list[Rule]) -> None:
        for b in blocks:
            for r in rules:
                b.add_rule(r)


class Grid:
    """The set of live blocks, cycled in lock-step."""

    def __init__(self, backend: Backend | None = None) -> None:
        self.backend: Backend = backend or InProcessBackend()
        self.blocks: list[LogicBlock] = []
        self.cycles = 0
        self._outbox: list[Rule] = []

    def add(self, blocks: Iterable[LogicBlock]) -> None:
        self.blocks.extend(blocks)

    def remove(self, blocks: Iterable[LogicBlock]) -> None:
        gone = {id(b) for b in blocks}
        self.blocks = [b for b in self.blocks if id(b) not in gone]

    def broadcast(self, rules: Iterable[Rule]) -> None:
        """Queue rules (a proved theorem) for every block; delivered before the next cycle."""
        self._outbox.extend(rules)

    def active(self) -> list[LogicBlock]:
        """The blocks still running."""
        return [b for b in self.blocks if b.status is Status.RUNNING]

    def cycle(self) -> None:
        """Deliver queued messages, then run one cycle of every running block."""
        if self._outbox:
            self.backend.deliver(self.blocks, self._outbox)
            self._outbox = []
        self.backend.run_cycle(self.active())
        self.cycles += 1

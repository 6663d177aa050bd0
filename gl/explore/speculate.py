"""Speculative proof attempts for exploration on Ray workers (`gl prove THEORY --workers
N`): while this process attempts a candidate, the workers attempt those that come after
it in the same level of the selection, each against the theorems known now; the results
are used in the serial order, only where the serial run would have got the same, so the
proofs are the same bytes as in process.

An attempt's outcome depends on the statement, its effort and the rules its blocks are
given: the axioms and the theorems proved so far whose functions are relevant to each
block's claim (`Prover.relevant_rules`); the library only grows. A speculative result is
therefore used when the attempt is asked for with the same effort and either no theorem
was proved since it started, or none of those proved since is relevant to any of its
blocks. Otherwise it is dropped (stopped if it still runs) and the attempt runs here. A worker keeps a replica of the prover (the theory,
the settings and the theorems accepted, in order), brought up to date by each task.

Ray is started for it only once the stage has run long enough that, were it to run as
long again, the workers would repay the start (`Execution.worth_it`). Gains come only from attempts that the serial run makes next with nothing relevant proved
in between: runs of failures, or proofs about unrelated functions (docs/scaling.md).

>>> from mpl_lang import load
>>> prover = Prover(load("examples/peano/peano.mpl"))
>>> with speculating(Execution()):  # in process: nothing to speculate on
...     Speculator.of(prover) is None
True
>>> with speculating(Execution(workers=2)):
...     Speculator.of(prover) is not None
True
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from mpl_lang import Expr, Theory

from ..core.prover import Prover, Settings
from ..core.result import Status, TheoremResult
from ..execution import Execution, Pending
from .conjecture import Conjecture
from .schedule import Schedule

_ACTIVE: ContextVar[tuple[Execution, Speculation] | None] = ContextVar("speculation", default=None)
#: on a worker: the replicas of the provers of the stages it ran attempts for, by key
_REPLICAS: dict[str, Prover] = {}
#: numbers the speculating stages of this process (their replicas' keys)
_STAGES = itertools.count()


@dataclass
class Speculation:
    """What the speculating stages did: attempts sent ahead to the workers, and of those,
    used (the serial run asked for them with nothing relevant proved since) and dropped.

    >>> Speculation(3, 2, 1).line()
    'speculation: 3 attempts ahead on the workers, 2 used, 1 dropped'
    """

    sent: int = 0
    used: int = 0
    dropped: int = 0

    def line(self) -> str:
        """The summary line a run prints."""
        return f"speculation: {self.sent} attempts ahead on the workers, {self.used} used, {self.dropped} dropped"


@contextmanager
def speculating(ex: Execution) -> Iterator[Speculation]:
    """Within it, the proving stages made speculate on `ex`'s workers (when `ex` is a
    parallel setting); what they did is counted in the `Speculation` it gives."""
    tally = Speculation()
    token = _ACTIVE.set((ex, tally) if ex.parallel else None)
    try:
        yield tally
    finally:
        _ACTIVE.reset(token)


@dataclass(frozen=True)
class _Replica:
    """What a worker needs to rebuild a stage's prover (sent once per stage)."""

    key: str
    theory: Theory
    settings: Settings


@dataclass(frozen=True)
class _Task:
    """One speculative attempt: the theorems the prover holds beyond the theory's
    assumptions (name and statement, in order), the conjecture and the attempt's terms."""

    library: tuple[tuple[str, Expr], ...]
    name: str
    statement: Expr
    origin: str
    effort: int
    wider: bool
    methods: tuple[str, ...]
    seconds_left: float | None  # until the run's deadline, when the task was sent
    sent: float  # when it was sent (`time.time()`: a clock other processes share)


def attempt(replica: _Replica, task: _Task) -> TheoremResult:
    """Run one attempt on a worker's replica of the prover, brought up to date first."""
    prover = _REPLICAS.pop(replica.key, None)  # put back once consistent: an interrupted task leaves none
    held = [] if prover is None else [(t.name, t.statement) for t in prover.library[len(replica.theory.assumptions):]]
    if prover is None or list(task.library[:len(held)]) != held:
        prover, held = Prover(replica.theory, replica.settings), []
    for name, statement in task.library[len(held):]:
        prover.accept(TheoremResult(name, statement, status=Status.PROVED))
    # the run's deadline, less the time the task waited for a worker (never more than it had)
    waited = min(max(time.time() - task.sent, 0.0), task.seconds_left or 0.0)
    deadline = None if task.seconds_left is None else time.perf_counter() + task.seconds_left - waited
    result = prover.prove(task.name, task.statement, task.origin, deadline=deadline, methods=task.methods,
                          effort=task.effort, wider=task.wider)
    _REPLICAS[replica.key] = prover
    return result


class Speculator:
    """Attempts for a proving stage: those its rounds ask for, and speculatively those
    that come after them in the level being attempted (`watch`)."""

    def __init__(self, ex: Execution, prover: Prover, tally: Speculation | None = None) -> None:
        self.ex, self.prover = ex, prover
        self.tally: Speculation | None = tally  # where `close` adds its counts
        # a key no other stage of this process has (an id() is reused once its object is gone)
        self.replica = _Replica(f"{os.getpid()}:{next(_STAGES)}", prover.theory, prover.settings)
        self.level: list[Conjecture] = []
        self.started = time.perf_counter()  # the stage's time so far: what it may take again
        #: (name, effort, wider) -> the speculative attempt, and the library's theorems and rules when it started
        self.pending: dict[tuple[str, int, bool], tuple[Pending, int, int]] = {}
        #: speculative attempts sent, used, and dropped (asked for once something relevant was proved, or not asked for)
        self.sent = self.used = self.dropped = 0

    @classmethod
    def of(cls, prover: Prover) -> Speculator | None:
        """The stage's speculator inside `speculating`, else None (attempts run here)."""
        active = _ACTIVE.get()
        return None if active is None else cls(active[0], prover, active[1])

    def watch(self, levels: Iterator[list[Conjecture]]) -> Iterator[list[Conjecture]]:
        """`levels` (`Selector.levels`), remembering the level last given."""
        for level in levels:
            self.level = level
            yield level

    def prove(self, c: Conjecture, effort: int, wider: bool, schedule: Schedule, methods: tuple[str, ...],
              deadline: float | None) -> TheoremResult:
        """The result of attempting `c` with `effort` (and `wider`), as `Prover.prove` gives
        it here; meanwhile the workers attempt the due conjectures after `c` in its level."""
        mine = self.pending.pop((c.name, effort, wider), None)
        after = self.level[self.level.index(c) + 1:] if c in self.level else []
        ahead = [(o, schedule.effort(o), schedule.wider(o)) for o in after
                 if schedule.due(o)][:max(self.ex.slots() - 1, 1)]
        if not self.ex.worth_it(len(ahead) + 1, time.perf_counter() - self.started):
            ahead = []  # Ray not started yet, and the stage not long enough (so far) to repay it
        for key in [k for k in self.pending if k not in {(o.name, e, w) for o, e, w in ahead}]:
            self.pending.pop(key)[0].cancel()
            self.dropped += 1
        left = None if deadline is None else deadline - time.perf_counter()
        library = tuple((t.name, t.statement) for t in self.prover.library[len(self.prover.theory.assumptions):])
        for o, e, w in ahead:
            if (o.name, e, w) not in self.pending:
                task = _Task(library, o.name, o.statement, o.origin, e, w, methods, left, time.time())
                self.pending[(o.name, e, w)] = (self.ex.submit(attempt, task, self.replica), len(self.prover.library),
                                             len(self.prover.library_rules))
                self.sent += 1
        if mine is not None:
            pending, size, rules = mine
            if size == len(self.prover.library) or self._unaffected(c, effort, wider, methods, rules):
                try:
                    result = pending.result()
                    self.used += 1
                    return result
                except Exception:  # noqa: BLE001  (the attempt here raises it again, or succeeds)
                    pass
            else:
                pending.cancel()
            self.dropped += 1
        return self.prover.prove(c.name, c.statement, c.origin, deadline=deadline, methods=methods, effort=effort,
                                 wider=wider)

    def _unaffected(self, c: Conjecture, effort: int, wider: bool, methods: tuple[str, ...], rules: int) -> bool:
        """Whether no rule the library gained after its first `rules` is given to a block
        of the attempt at `c` (so the attempt is the one a worker made before them)."""
        new = {id(r) for r in self.prover.library_rules[rules:]}
        return not any(id(r) in new for a in self.prover.attempts(c.name, c.statement, methods,
                                                                   self.prover.settings.scaled(effort, wider))
                       for b in a.blocks for r in self.prover.relevant_rules(b.claim))

    def close(self) -> None:
        """Stop the speculative attempts still running; add the counts to the tally."""
        for pending, _, _ in self.pending.values():
            pending.cancel()
        self.dropped += len(self.pending)
        self.pending = {}
        if (t := self.tally) is not None:  # once
            t.sent, t.used, t.dropped = t.sent + self.sent, t.used + self.used, t.dropped + self.dropped
            self.tally = None

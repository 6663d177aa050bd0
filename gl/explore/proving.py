"""The proving stage: attempt the selected candidates on the Logic-Block grid, learn
from every proof, select again.

Each round selects candidates (`select.Selector`) from the conjectures still open and
attempts them in the schedule's order (`schedule.Schedule`) until one is proved; the
new theorem is a rule for every later block and an equation for the selector, and the
next round begins. A conjecture that comes to follow from the proved equations is not
attempted — unless it states an algebraic law (`gl.laws`) not proved yet in another
form, or is one the theory states: those are worth having as theorems of their own. The stage ends when a round attempts
nothing, at the time limit, when the attempt budget is spent or, with `until_targets`,
once every stated conjecture is proved.
"""

from __future__ import annotations

import time

from ..core.prover import Prover
from ..core.session import ProofRun
from ..laws import named_law
from ..recursion import definitions
from ..signature import Signature
from .config import ExploreConfig
from .conjecture import Conjecture
from .progress import Attempted, Progress, Stopped
from .schedule import Schedule
from .select import Selector
from .stages import Exploration

ALL_METHODS = ("direct", "contradiction", "induction")


def past(deadline: float | None) -> bool:
    """Whether the absolute `time.perf_counter()` deadline (None: none) has passed."""
    return deadline is not None and time.perf_counter() > deadline


class ProvingStage:
    """Proves the conjecture pool into `run`, smallest first, re-selecting after each proof."""

    def __init__(self, prover: Prover, run: ProofRun, cfg: ExploreConfig, sig: Signature,
                 constants: frozenset[str], deadline: float | None, progress: Progress) -> None:
        self.prover, self.run, self.sig = prover, run, sig
        self.deadline, self.progress = deadline, progress
        self.selector = Selector(sig, constants, cfg.prune_iterations)
        self.schedule = Schedule(cfg.retries, cfg.recursion_bonus, cfg.failure_penalty, sig.succ,
                                 definitions(prover.theory), cfg.max_attempts)
        self.until_targets = cfg.until_targets
        self.targets: list[str] = []
        self._proved_names: set[str] = set()
        self._laws: set[str | None] = {None}  # the laws proved so far (None: not a law)

    def prove(self, pool: list[Conjecture], stats: Exploration) -> None:
        """Prove what can be proved of `pool`; count what was never attempted; append the
        theorems proved (in proof order), then the unproved ones (in pool order)."""
        self.targets = [c.name for c in pool if c.origin == "conjecture"]
        while self._stop_reason() is None and self._round(pool):
            pass
        reason = self._stop_reason()
        if reason is not None:
            self.progress(Stopped(reason))
        schedule = self.schedule
        never = [c for c in pool if c.name not in schedule.attempts]
        stats.add("follows from theorems", sum(c.name in schedule.implied for c in never))
        stats.add("normalized away", sum(c.name not in schedule.implied for c in never))
        self.run.theorems.extend(schedule.failed[c.name] for c in pool if c.name in schedule.failed)

    def _round(self, pool: list[Conjecture]) -> bool:
        """Select from the open conjectures, prove the laws among those that follow from
        theorems, then attempt candidates until one is proved. Whether any was attempted."""
        schedule = self.schedule
        remaining = schedule.remaining(pool)
        candidates, follows = self.selector.select(remaining, schedule.waiting(remaining))
        schedule.follow(follows)
        for c in remaining:
            if c.name in follows and self._stop_reason() is None and (
                    c.origin == "conjecture" or named_law(c.statement, self.sig.binary) not in self._laws):
                self._attempt(c)
        tried_any = False
        for c in schedule.order(candidates, lambda family: self.selector.levels(family, unusable=schedule.failed)):
            if self._stop_reason() is not None:
                break
            tried_any = True
            if self._attempt(c):
                break
        return tried_any

    def _attempt(self, c: Conjecture) -> bool:
        """One attempt at `c` with every method; a proof is accepted by the prover, the
        selector and the schedule."""
        self.schedule.started(c)
        r = self.prover.prove(c.name, c.statement, c.origin, deadline=self.deadline, methods=ALL_METHODS)
        if r.proved:
            self.prover.accept(r)
            self.run.theorems.append(r)
            self.schedule.proved(c)
            self._proved_names.add(c.name)
            self._laws.add(named_law(c.statement, self.sig.binary))
            if c.equation is not None:
                self.selector.learn(c.equation)
        else:
            self.schedule.failed_with(c, r)
        self.progress(Attempted(r))
        return r.proved

    def _stop_reason(self) -> str | None:
        if past(self.deadline):
            return "time limit reached"
        if self.schedule.budget_spent():
            return "attempt budget spent"
        if self.until_targets and self.targets and self._proved_names.issuperset(self.targets):
            return "every target proved"
        return None

"""The attempt order and the retry policy of the proving stage.

Candidates are attempted smallest first, recursion lemmas a few symbols earlier. A
failed conjecture is retried at most `retries` times, the k-th time only after 2^(k-1)
*relevant* theorems (about a function at the root of one of its sides) were proved
since its last attempt: most failures are junk, and a real lemma waits for the few
theorems its proof needs.

>>> from mpl_lang import parse_expr
>>> c = Conjecture("comm", parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), "explored", 6,
...                (("+", "a", "b"), ("+", "b", "a")))
>>> schedule = Schedule(retries=2, recursion_bonus=3, succ="s")
>>> schedule.due(c)
True
>>> schedule.started(c)
>>> schedule.failed_with(c, TheoremResult("comm", c.statement))
>>> schedule.due(c)
False
>>> schedule.proved_equation((("+", "a", "i0"), "a"))
>>> schedule.due(c)
True
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator

from mpl_lang.terms import Term

from ..core.result import TheoremResult
from .conjecture import Conjecture


class Schedule:
    """Which conjecture to attempt next: its state is the attempts per conjecture, the
    functions of each proved equation, the failures waiting for a retry and the
    conjectures that follow from theorems. `max_attempts` (None: no limit) is a budget
    of attempts for the run."""

    def __init__(self, retries: int, recursion_bonus: int, succ: str, max_attempts: int | None = None) -> None:
        self.retries, self.recursion_bonus, self.succ = retries, recursion_bonus, succ
        self.max_attempts = max_attempts
        self.attempts: dict[str, int] = {}
        self.proved_before: dict[str, int] = {}  # name -> equations proved at its last attempt
        self.proved_symbols: list[set[str]] = []  # the functions of each proved equation, in order
        self.failed: dict[str, TheoremResult] = {}
        self.implied: set[str] = set()

    # ------------------------------------------------------------ state

    def started(self, c: Conjecture) -> None:
        """An attempt at `c` begins."""
        self.attempts[c.name] = self.attempts.get(c.name, 0) + 1
        self.proved_before[c.name] = len(self.proved_symbols)

    def failed_with(self, c: Conjecture, result: TheoremResult) -> None:
        """The attempt at `c` failed: it waits for a retry."""
        self.failed[c.name] = result

    def proved(self, c: Conjecture) -> None:
        """The attempt at `c` succeeded."""
        self.failed.pop(c.name, None)
        if c.equation is not None:
            self.proved_equation(c.equation)

    def proved_equation(self, eq: tuple[Term, Term]) -> None:
        """An equation was proved: the failures about its functions come closer to a retry."""
        self.proved_symbols.append(_symbols(eq))

    def follow(self, names: Iterable[str]) -> None:
        """These conjectures follow from theorems: not attempted (again), not unproved."""
        for name in names:
            self.implied.add(name)
            self.failed.pop(name, None)

    def budget_spent(self) -> bool:
        """Whether the run's attempts reached `max_attempts`."""
        return self.max_attempts is not None and sum(self.attempts.values()) >= self.max_attempts

    # ------------------------------------------------------------ questions

    def remaining(self, pool: list[Conjecture]) -> list[Conjecture]:
        """The conjectures still open: never attempted or failed, and not following from theorems."""
        return [c for c in pool if c.name not in self.implied
                and (c.name not in self.attempts or c.name in self.failed)]

    def waiting(self, remaining: list[Conjecture]) -> list[Conjecture]:
        """The failed conjectures that have retries left."""
        return [c for c in remaining if c.name in self.failed and self.attempts[c.name] <= self.retries]

    def due(self, c: Conjecture) -> bool:
        """Whether `c` may be attempted now: never attempted, or a retry it has earned."""
        n = self.attempts.get(c.name, 0)
        if n == 0:
            return True
        roots = c.roots()
        relevant = sum(1 for syms in self.proved_symbols[self.proved_before[c.name]:]
                       if roots is None or roots & syms)
        return n <= self.retries and relevant >= 2 ** (n - 1)

    def order(self, levels: Iterator[list[Conjecture]]) -> Iterator[Conjecture]:
        """The due conjectures of `levels` (ascending sizes), by size less the recursion
        bonus, ties in level order; a level is judged only once one of its conjectures
        could come next."""
        heap: list[tuple[int, int, Conjecture]] = []
        order = itertools.count()
        pending = next(levels, None)
        while True:
            while pending is not None and (not heap or pending[0].size - self.recursion_bonus <= heap[0][0]):
                for c in pending:
                    if self.due(c):
                        heapq.heappush(heap, (self._key(c), next(order), c))
                pending = next(levels, None)
            if not heap:
                return
            yield heapq.heappop(heap)[2]

    def _key(self, c: Conjecture) -> int:
        return c.size - self.recursion_bonus * c.recursion_lemma(self.succ)


def _symbols(eq: tuple[Term, Term]) -> set[str]:
    """The functions an equation mentions."""
    out: set[str] = set()
    stack: list[Term] = list(eq)
    while stack:
        t = stack.pop()
        if not isinstance(t, str):
            out.add(t[0])
            stack.extend(t[1:])
    return out

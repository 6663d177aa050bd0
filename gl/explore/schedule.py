"""The attempt order and the retry policy of the proving stage.

Conjectures come in *families* by the definition level of the functions they apply
(`gl.recursion`: `+` is level 0, `*`, defined from `+`, level 1, `^` level 2): the laws of
a function are explored before those of the functions defined from it (HipSpec's order),
whatever the names, the argument a definition recurses on or the number of functions.
Within a family, special cases of a settled pattern go last (`i0 ^ (a * b) = i0 ^ a`
once `i0 ^ s(a) = i0` is proved: `Conjecture.settles`); the others smallest first,
recursion lemmas (`s(a) * b = a * b + b`, `a * s(b) = a + a * b` alike) `recursion_bonus`
symbols earlier, each failure `failure_penalty` symbols later. The lemmas a target
needs (`generalize.goal_lemmas`, in `focus`) come before the rest of their family.

A failed conjecture is retried at most `retries` times, each time only once a *relevant*
theorem was proved since its last attempt: the prover is deterministic, so nothing else
can change the outcome, and only a theorem about functions in the conjecture's
definitional closure (`Definitions.closure`) can help its proof; a special case proved
counts for nothing. So a family's failures
never hold back the next family, and theorems of a higher family never reopen a lower
one.

>>> from mpl_lang import parse_expr
>>> from gl.recursion import Definitions
>>> def law(name, mpl):
...     return Conjecture(name, parse_expr(mpl), "explored", 6)
>>> c = law("add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
>>> defs = Definitions(uses={"+": frozenset(), "*": frozenset({"+"})})
>>> schedule = Schedule(retries=2, recursion_bonus=3, failure_penalty=2, succ="s", definitions=defs)
>>> schedule.due(c), schedule.key(c), schedule.key(law("mul_comm", "(>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))"))
(True, (0, False, 6), (1, False, 6))
>>> schedule.started(c)
>>> schedule.failed_with(c, TheoremResult("add_comm", c.statement))
>>> schedule.proved(law("mul_zero", "(>[a](in[a,N])(in3[a,i0,i0,*]))"))
>>> schedule.due(c)
False
>>> schedule.proved(law("add_zero", "(>[a](in[a,N])(in3[a,i0,a,+]))"))
>>> schedule.due(c), schedule.key(c)
(True, (0, False, 8))
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator

from mpl_lang.terms import Term

from ..core.result import TheoremResult
from ..equations import is_instance
from ..recursion import Definitions
from .conjecture import Conjecture, Pattern, patterns
from .generalize import DIRECT, OTHER, PREREQUISITE

#: the sizes one selection judges at once: the larger conjectures of a family wait until
#: the smaller ones have nothing left to attempt (a family may hold a thousand)
WINDOW = 4


class Schedule:
    """Which conjecture to attempt next: its state is the attempts per conjecture, the
    functions of each proved equation, the failures waiting for a retry and the
    conjectures that follow from theorems. `max_attempts` (None: no limit) is a budget
    of attempts for the run."""

    def __init__(self, retries: int, recursion_bonus: int, failure_penalty: int, succ: str,
                 definitions: Definitions, constants: frozenset[str] = frozenset(),
                 max_attempts: int | None = None) -> None:
        self.retries, self.recursion_bonus, self.failure_penalty = retries, recursion_bonus, failure_penalty
        self.succ, self.definitions, self.constants = succ, definitions, constants
        self.settled: set[Pattern] = set()
        self.settlers: list[tuple[Term, Term]] = []  # the proved equations that settle patterns
        self.max_attempts = max_attempts
        self.attempts: dict[str, int] = {}
        self.proved_before: dict[str, int] = {}  # name -> equations proved at its last attempt
        self.proved_symbols: list[frozenset[str]] = []  # the functions of each proved equation, in order
        self.failed: dict[str, TheoremResult] = {}
        self.implied: set[str] = set()
        self.focus: dict[str, int] = {}  # conjecture -> goal-directed rank (`rank`)

    # ------------------------------------------------------------ state

    def started(self, c: Conjecture) -> None:
        """An attempt at `c` begins."""
        self.attempts[c.name] = self.attempts.get(c.name, 0) + 1
        self.proved_before[c.name] = len(self.proved_symbols)

    def failed_with(self, c: Conjecture, result: TheoremResult) -> None:
        """The attempt at `c` failed: it waits for a retry."""
        self.failed[c.name] = result

    def proved(self, c: Conjecture) -> None:
        """The attempt at `c` succeeded: the patterns it settles are settled, and unless it
        is a special case of a settled pattern, the failures it may help come closer to a
        retry."""
        self.failed.pop(c.name, None)
        if not self.special(c):
            self.proved_symbols.append(c.functions() - {self.succ})
        settles = c.settles(self.constants, self.succ)
        if settles and c.equation is not None:
            self.settled |= settles
            self.settlers.append(c.equation)

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
        """Whether `c` may be attempted now: never attempted, or a retry it has earned
        (retries left, a stated conjecture and a lemma a target needs have no limit,
        and a relevant theorem proved since its last attempt)."""
        n = self.attempts.get(c.name, 0)
        if n == 0:
            return True
        if n > self.retries and c.origin != "conjecture" and self.focus.get(c.name, OTHER) > PREREQUISITE:
            return False
        closure = self.definitions.closure(c.functions())
        return any(syms and syms <= closure for syms in self.proved_symbols[self.proved_before[c.name]:])

    def level(self, c: Conjecture) -> int:
        """The family of `c`: the highest definition level of the functions it applies."""
        return max((self.definitions.level(f) for f in c.functions() - {self.succ}), default=0)

    def special(self, c: Conjecture) -> bool:
        """Whether `c` is about a settled pattern (`i0 ^ (a * b) = ...` once `i0 ^ s(a) =
        i0` is proved): a special case, worth little once the general law is there. An
        equation that generalizes a settling one (`max(a, Z) = a` once `max(S(a), Z) =
        S(a)` is proved) is no special case: it says more."""
        return c.equation is not None and any(patterns(side, self.constants, self.succ) & self.settled
                                              for side in c.equation) \
            and not any(is_instance(s, c.equation, self.constants) for s in self.settlers)

    def rank(self, c: Conjecture) -> int:
        """The goal-directed rank of `c` (`focus`, from `generalize.goal_lemmas`): the
        lemmas a target needs come before the rest of their family, the
        generalizations a target is an instance of each time they are due, the
        others until they fail (then what they need comes in the family's own
        order); a prerequisite of theirs comes in its family's order. All of them
        have no retry limit."""
        rank = self.focus.get(c.name, OTHER)
        return rank if rank == DIRECT or rank < PREREQUISITE and c.name not in self.attempts else OTHER

    def key(self, c: Conjecture) -> tuple[int, int, int]:
        """The attempt order: family, special cases last, then size less the recursion
        bonus plus the failure penalty."""
        return (self.level(c), self.special(c), self._floor(c) + self.failure_penalty * self.attempts.get(c.name, 0))

    def families(self, conjectures: list[Conjecture]) -> list[list[Conjecture]]:
        """`conjectures` in the groups they are selected and attempted in: by family,
        lowest level first, within a family the special cases after the rest, within
        those by goal-directed `rank`, and within those by windows of `WINDOW` keys (`key`: sizes less the recursion bonus,
        plus the failure penalty), smallest first; each group in the given order."""
        groups: dict[tuple[int, bool, int], list[Conjecture]] = {}
        for c in conjectures:
            groups.setdefault((self.level(c), self.special(c), self.rank(c)), []).append(c)
        out = []
        for k in sorted(groups):
            windows: dict[int, list[Conjecture]] = {}
            for c in groups[k]:
                windows.setdefault(self.key(c)[2] // WINDOW, []).append(c)
            out.extend(windows[w] for w in sorted(windows))
        return out

    def _floor(self, c: Conjecture) -> int:
        """The smallest key `c` can have: its size less the recursion bonus."""
        return c.size - self.recursion_bonus * c.recursion_lemma(self.succ)

    def order(self, levels: Iterator[list[Conjecture]]) -> Iterator[Conjecture]:
        """The due conjectures of one family's candidates in attempt order, the
        candidates given level by level of size (`select.Selector.levels`) and a size
        level judged only once one of its conjectures could come next."""
        heap: list[tuple[tuple[int, int, int], int, Conjecture]] = []
        order = itertools.count()
        pending = next(levels, None)
        while True:
            # a key is never below (level, 0, size - bonus): a later size level cannot come first
            while pending is not None and (not heap or (0, pending[0].size - self.recursion_bonus) <= heap[0][0][1:]):
                for c in pending:
                    if self.due(c):
                        heapq.heappush(heap, (self.key(c), next(order), c))
                pending = next(levels, None)
            if not heap:
                return
            yield heapq.heappop(heap)[2]


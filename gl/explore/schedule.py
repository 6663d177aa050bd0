"""The attempt order and the retry policy of the proving stage.

Conjectures come in *families* by the definition level of the functions they apply
(`gl.recursion`: `+` is level 0, `*`, defined from `+`, level 1, `^` level 2): the laws of
a function are explored before those of the functions defined from it (HipSpec's order),
whatever the names, the argument a definition recurses on or the number of functions.
Within a family, special cases of a settled pattern go last (`i0 ^ (a * b) = i0 ^ a`
once `i0 ^ s(a) = i0` is proved: `conjecture.settled`); the others smallest first,
recursion lemmas (`s(a) * b = a * b + b`, `a * s(b) = a + a * b` alike) `recursion_bonus`
symbols earlier, each failure `failure_penalty` symbols later. A recursion lemma restates a
theorem or an axiom when each side that applies a function to a successor is an instance of
a side of a proved equation (`s(b) * a = a + a * b` once `s(a) * b = a * b + b` is proved)
or of an equation the axioms state (`know`: `a * s(b) = a + b * a` where `*` recurses on
its second argument): it says nothing new about them, so it gets no bonus. The lemmas a
target needs (`generalize.goal_lemmas`, in `focus`) come before the rest of their family.

A failed conjecture is retried at most `retries` times, each time only once a *relevant*
theorem was proved since its last attempt: the prover is deterministic, so nothing else
can change the outcome, and only a theorem about functions in the conjecture's
definitional closure (`Definitions.closure`) can help its proof; a special case proved
counts for nothing. So a family's failures
never hold back the next family, and theorems of a higher family never reopen a lower
one. A failure also holds back the conjectures that restate the failed one modulo the
proved equations (`wait_with`: `a * (b * c) = b * (a * c)` once `(a * b) * c = a * (b * c)`
failed and `a * b = b * a` is proved): their first attempt waits for the same theorem,
or until nothing else is left (`release`).

>>> from mpl_lang import parse_expr
>>> from gl.recursion import Definitions
>>> def law(name, mpl):
...     return Conjecture(name, parse_expr(mpl), "explored", 6)
>>> c = law("add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
>>> defs = Definitions(uses={"+": frozenset(), "*": frozenset({"+"})})
>>> schedule = Schedule(retries=2, recursion_bonus=3, failure_penalty=2, succ="s", definitions=defs)
>>> schedule.due(c), schedule.key(c), schedule.key(law("mul_comm", "(>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))"))
(True, (0, 0, 6), (1, 0, 6))
>>> schedule.started(c)
>>> schedule.failed_with(c, TheoremResult("add_comm", c.statement))
>>> schedule.proved(law("mul_zero", "(>[a](in[a,N])(in3[a,i0,i0,*]))"))
>>> schedule.due(c)
False
>>> schedule.proved(law("add_zero", "(>[a](in[a,N])(in3[a,i0,a,+]))"))
>>> schedule.due(c), schedule.key(c)
(True, (0, 0, 8))
>>> schedule.started(c)
>>> schedule.failed_with(c, TheoremResult("add_comm", c.statement))
>>> restated = law("add_comm_2", "(>[a,b,c](in3[b,a,c,+])(in3[a,b,c,+]))")
>>> schedule.wait_with(c, [restated])
>>> schedule.due(restated), schedule.key(restated)
(False, (0, 0, 10))
>>> schedule.release(), schedule.due(restated)
(True, True)
"""

from __future__ import annotations

import copy
from collections.abc import Collection, Iterable, Iterator

from mpl_lang.terms import Term, match

from ..core.prover import MAX_EFFORT
from ..core.result import TheoremResult
from ..equations import is_instance
from ..recursion import Definitions
from .conjecture import Conjecture, Pattern, patterns, settled
from .generalize import DIRECT, NEEDED, OTHER, PREREQUISITE

#: the sizes one selection judges at once: the larger conjectures of a family wait until
#: the smaller ones have nothing left to attempt (a family may hold a thousand)
WINDOW = 4


class Schedule:
    """Which conjecture to attempt next: its state is the attempts per conjecture, the
    functions of each proved equation, the failures waiting for a retry, the
    conjectures waiting with a failed one and the conjectures that follow from theorems.
    `max_attempts` (None: no limit) is a budget of attempts for the run."""

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
        # name -> (equations proved when the conjecture it restates was last attempted, its attempts)
        self.waits: dict[str, tuple[int, int]] = {}
        self.focus: dict[str, int] = {}  # conjecture -> goal-directed rank (`goal_rank`)
        # the lemmas a failed conjecture's stuck step needs (`ask`), with the budgets it ran short of
        self.asked: dict[str, Collection[str]] = {}
        self.weak: set[str] = set()  # the conjectures tested on small values only (`ProvingStage`)
        self._sides: list[Term] = []  # the compound sides of the axioms' and proved equations
        # what does not change between rounds, per conjecture name: its family, its
        # recursion bonus (with how many known sides it was checked), whether it is special
        self._level: dict[str, int] = {}
        self._bonus: dict[str, tuple[bool, int]] = {}
        self._special: dict[str, bool] = {}  # forgotten when a pattern is settled

    # ------------------------------------------------------------ state

    def fork(self) -> Schedule:
        """A copy whose state changes leave this one's as it is (what a round would do
        under an outcome not known yet: `ProvingStage.following`)."""
        out = copy.copy(self)
        for name, value in vars(self).items():
            if isinstance(value, (dict, set, list)):
                setattr(out, name, copy.copy(value))
        return out

    def started(self, c: Conjecture) -> None:
        """An attempt at `c` begins."""
        self.attempts[c.name] = self.attempts.get(c.name, 0) + 1
        self.proved_before[c.name] = len(self.proved_symbols)
        self.waits.pop(c.name, None)

    def failed_with(self, c: Conjecture, result: TheoremResult) -> None:
        """The attempt at `c` failed: it waits for a retry."""
        self.failed[c.name] = result

    def wait_with(self, c: Conjecture, restatements: Iterable[Conjecture]) -> None:
        """`c` failed and the `restatements` (never attempted) say the same modulo the
        proved equations: each waits, as `c` does, for a theorem that can help it, and
        counts `c`'s failures in its key. One that already waits keeps its wait."""
        for r in restatements:
            if r.name not in self.attempts:
                self.waits.setdefault(r.name, (self.proved_before[c.name], self.attempts[c.name]))

    def release(self) -> bool:
        """The conjectures waiting with a failed one may now be attempted (nothing else
        is left). Whether any was waiting."""
        waited = bool(self.waits)
        self.waits.clear()
        return waited

    def know(self, eq: tuple[Term, Term]) -> None:
        """An equation that holds (an axiom's, or a proved one): the patterns it settles
        are settled, and a recursion lemma that restates it gets no bonus."""
        self._sides.extend(side for side in eq if not isinstance(side, str))
        self._settle(eq, settled(eq, self.constants, self.succ))

    def _settle(self, eq: tuple[Term, Term], patterns: set[Pattern]) -> None:
        """`eq` settles these patterns (none: nothing changes)."""
        if patterns:
            self.settled |= patterns
            self.settlers.append(eq)
            self._special.clear()

    def proved(self, c: Conjecture) -> None:
        """The attempt at `c` succeeded: it is known (`know`), and unless it is a special
        case of a settled pattern, the failures it may help come closer to a retry."""
        self.failed.pop(c.name, None)
        if not self.special(c):
            self.proved_symbols.append(c.functions() - {self.succ})
        if c.equation is not None:
            self.know(c.equation)

    def follow(self, conjectures: Iterable[Conjecture]) -> bool:
        """These conjectures follow from theorems: not attempted (again), not unproved,
        and their equations hold: `i0 ^ s(a) = i0`, which follows from the axioms,
        settles the pattern `i0 ^ a` as a proof would (a pattern equated to a term free
        of it: `settled(strict=True)`; `s(a) * i0 = a * i0` says nothing of what `a * i0`
        is). Whether a pattern was newly settled (the families' order changes)."""
        before = len(self.settled)
        for c in conjectures:
            if c.name not in self.implied and c.equation is not None:
                self._settle(c.equation, settled(c.equation, self.constants, self.succ, strict=True))
            self.implied.add(c.name)
            self.failed.pop(c.name, None)
            self.waits.pop(c.name, None)
        return len(self.settled) > before

    def ask(self, lemmas: Iterable[Conjecture], short: Collection[str] = ()) -> None:
        """A failed conjecture's induction step needs these lemmas (`generalize.step_lemmas`):
        those never attempted nor ranked yet come next in their family (`NEEDED`) and
        at once with raised budgets (`effort`), since a failure first would cost a whole
        attempt (Ireland and Bundy's productive use of failure): those the failure ran
        `short` of (its lemmas' blocks are alike), all of them when it ran short of none."""
        for c in lemmas:
            if c.name not in self.attempts and c.name not in self.focus:
                self.focus[c.name] = NEEDED
                self.asked[c.name] = short

    def asked_attempt(self, c: Conjecture, short: Collection[str]) -> tuple[int, bool]:
        """The `effort` and `wider` of the next attempt at `c` once a failure that ran
        `short` of these budgets asked for it (`ask`; what a speculation attempts ahead).

        >>> from gl.recursion import Definitions
        >>> schedule = Schedule(2, 3, 2, "s", Definitions(uses={"+": frozenset()}))
        >>> lemma = Conjecture("lemma", None, "explored", 5)
        >>> schedule.asked_attempt(lemma, {"cycles"}), schedule.asked_attempt(lemma, {"witnesses"})
        ((1, False), (1, True))
        >>> schedule.ask([lemma], {"cycles"})
        >>> schedule.asked_attempt(lemma, {"witnesses"}) == (schedule.effort(lemma), schedule.wider(lemma)) == (1, False)
        True
        """
        if c.name in self.attempts or c.name in self.focus:  # `ask` leaves it as it is
            return self.effort(c), self.wider(c)
        return 1, not short or "witnesses" in short

    def effort(self, c: Conjecture) -> int:
        """The effort of the next attempt at `c` (`Settings.scaled`): one more per
        attempt made, and one more for a lemma a failure asked for."""
        return self.attempts.get(c.name, 0) + (c.name in self.asked)

    def budget_spent(self) -> bool:
        """Whether the run's attempts reached `max_attempts`."""
        return self.max_attempts is not None and sum(self.attempts.values()) >= self.max_attempts

    # ------------------------------------------------------------ questions

    def remaining(self, pool: list[Conjecture]) -> list[Conjecture]:
        """The conjectures still open: never attempted or failed, and not following from theorems."""
        return [c for c in pool if c.name not in self.implied
                and (c.name not in self.attempts or c.name in self.failed)]

    def waiting(self, remaining: list[Conjecture]) -> list[Conjecture]:
        """The failed conjectures that have retries left, and those waiting with them."""
        return [c for c in remaining if c.name in self.waits
                or c.name in self.failed and self.attempts[c.name] <= self.retries]

    def due(self, c: Conjecture) -> bool:
        """Whether `c` may be attempted now: never attempted nor waiting with a failed
        conjecture, or a retry it has earned (retries left, a stated conjecture and a
        lemma a target needs have no limit, and a relevant theorem proved since its last
        attempt), or a wait that such a theorem ended."""
        n = self.attempts.get(c.name, 0)
        if n == 0 and c.name not in self.waits:
            return True
        if n > self.retries and c.origin != "conjecture" and self.focus.get(c.name, OTHER) > PREREQUISITE:
            return False
        return self.earned(c) or self.raisable(c)

    def earned(self, c: Conjecture) -> bool:
        """Whether a theorem that can help `c` (attempted or waiting) was proved since its
        last attempt."""
        since = self.proved_before[c.name] if c.name in self.attempts else self.waits[c.name][0]
        closure = self.definitions.closure(c.functions())
        return any(syms and syms <= closure for syms in self.proved_symbols[since:])

    def raisable(self, c: Conjecture) -> bool:
        """Whether `c` failed for want of a budget that a retry may raise (`Settings.scaled`,
        below `MAX_EFFORT`), and is neither a special case nor weak (`last`): the same
        attempt with the budget it ran short of raised may prove it, whatever was proved
        since. Such a retry comes after the rest of its family (`tier`)."""
        r = self.failed.get(c.name)
        return r is not None and r.budget_bound and r.effort < MAX_EFFORT and not self.last(c)

    def wider(self, c: Conjecture) -> bool:
        """Whether the next attempt at `c`, at a raised `effort`, also gets more witnesses
        (`Settings.scaled`): when its last attempt ran short of them, or before its first
        attempt (a lemma asked for) when the failure that asked for it did; when neither
        ran short of any budget we know of, too."""
        r = self.failed.get(c.name)
        short = r.short if r is not None else self.asked.get(c.name, ())
        return not short or "witnesses" in short

    def level(self, c: Conjecture) -> int:
        """The family of `c`: the highest definition level of the functions it applies."""
        if c.name not in self._level:
            self._level[c.name] = max((self.definitions.level(f) for f in c.functions() - {self.succ}), default=0)
        return self._level[c.name]

    def special(self, c: Conjecture) -> bool:
        """Whether `c` is about a settled pattern (`i0 ^ (a * b) = ...` once `i0 ^ s(a) =
        i0` is proved): a special case, worth little once the general law is there. An
        equation that generalizes a settling one (`max(a, Z) = a` once `max(S(a), Z) =
        S(a)` is proved) is no special case: it says more."""
        if c.name not in self._special:
            self._special[c.name] = c.equation is not None and any(
                patterns(side, self.constants, self.succ) & self.settled for side in c.equation) \
                and not any(is_instance(s, c.equation, self.constants) for s in self.settlers)
        return self._special[c.name]

    def goal_rank(self, c: Conjecture) -> int:
        """The goal-directed rank of `c` (`focus`, from `generalize.goal_lemmas`): the
        lemmas a target needs come before the rest of their family, the
        generalizations a target is an instance of each time they are due, the
        others until they fail (then what they need comes in the family's own
        order); a prerequisite of theirs comes in its family's order. All of them
        have no retry limit."""
        rank = self.focus.get(c.name, OTHER)
        return rank if rank == DIRECT or rank < PREREQUISITE and c.name not in self.attempts else OTHER

    def last(self, c: Conjecture) -> bool:
        """Whether `c` comes after the rest of its family: a special case (`special`), or
        a conjecture whose sides are known on the smallest values only (`weak`; `a ^
        s(s(s(a))) = a ^ s(a * a)` holds for a ≤ 2, and its values beyond are too large
        to compute): weak evidence."""
        return self.special(c) or c.name in self.weak

    def tier(self, c: Conjecture) -> int:
        """Where `c` comes within its family: 0 first, 1 a retry with a raised budget that
        no new theorem earned (`raisable`), 2 special cases and weak ones (`last`)."""
        if self.last(c):
            return 2
        return int(self.raisable(c) and not self.earned(c))

    def key(self, c: Conjecture) -> tuple[int, int, int]:
        """The attempt order: family, `tier`, then `rank`."""
        return (self.level(c), self.tier(c), self.rank(c))

    def rank(self, c: Conjecture) -> int:
        """The order within a family: the size less the recursion bonus plus the failure
        penalty (for its own failures, or those of the conjecture it waits with)."""
        failures = self.attempts.get(c.name) or self.waits.get(c.name, (0, 0))[1]
        return c.size - self.recursion_bonus * self._bonus_for(c) + self.failure_penalty * failures

    def families(self, conjectures: list[Conjecture]) -> list[list[Conjecture]]:
        """`conjectures` in the groups they are selected and attempted in: by family,
        lowest level first, within a family by `tier`, within those by `goal_rank`, and
        within those by windows of `WINDOW` ranks, smallest first; each group in the given
        order."""
        groups: dict[tuple[int, int, int], list[Conjecture]] = {}
        for c in conjectures:
            groups.setdefault((self.level(c), self.tier(c), self.goal_rank(c)), []).append(c)
        out = []
        for k in sorted(groups):
            windows: dict[int, list[Conjecture]] = {}
            for c in groups[k]:
                windows.setdefault(self.rank(c) // WINDOW, []).append(c)
            out.extend(windows[w] for w in sorted(windows))
        return out

    def _bonus_for(self, c: Conjecture) -> bool:
        """Whether `c` gets the recursion bonus: a recursion lemma that says something
        new, a side of it that applies a function to a successor being no instance of a
        side of an axiom's or a proved equation."""
        bonus, checked = self._bonus.get(c.name) or (c.recursion_lemma(self.succ), -1)
        if bonus and checked < len(self._sides):
            def is_var(x: str) -> bool:
                return x not in self.constants
            bonus = any(all(match(side, t, is_var) is None for side in self._sides)
                        for t in c.successor_sides(self.succ))
            checked = len(self._sides)
        self._bonus[c.name] = bonus, checked
        return bonus

    def order(self, levels: Iterator[list[Conjecture]]) -> Iterator[Conjecture]:
        """The due conjectures of one family's candidates in attempt order, the
        candidates given by rank (`rank`, `select.Selector.levels`), each level judged
        only once one of its conjectures could come next."""
        return (c for level in levels for c in level if self.due(c))

"""QuickSpec-style selection of the conjectures worth attempting, on the e-graph of
`rewriting`.

One `Selector` serves a whole run: it learns each proved equation and judges equations
modulo them (a bounded e-graph run, bounded by iterations and nodes only, never by time,
so that what is selected does not depend on the machine's speed). Of the pool, it drops
what follows from the proved equations, keeps one of the equations that restate each
other, and holds back the instances of conjectures that wait for a retry; then, level
by level, it keeps an equation only when it does not follow from the proved equations
and the equations kept before it. It also tells which conjectures restate a failed one
(each follows from the other modulo the proved equations: they wait with it).

Every judgement builds a fresh e-graph; the rules of each proved equation are made once,
and a judgement asked again (the same equations modulo the same ones, as after a failed
attempt) is answered from memory.

>>> from gl.signature import Signature
>>> selector = Selector(Signature("N", "i0", "s", ("s",), ("+", "*"), ("i0",)), frozenset({"i0"}), 2)
>>> selector.learn((("+", "a", "b"), ("+", "b", "a")))
>>> [same for same, _ in selector.judge([(("+", "x", "y"), ("+", "y", "x")), (("+", "x", "i0"), "x")])]
[True, False]

Any signature: functions of any arity and Bool values, under their own names.

>>> sel = Selector(Signature("Nat", "Z", "S", ("S",), ("<=",), ("Z",)), frozenset({"Z", "true"}), 2)
>>> sel.learn((("<=", "a", "a"), "true"))
>>> sel.learn((("mult", "a", "b", "c"), ("plus", ("times", "a", "b"), "c")))
>>> [same for same, _ in sel.judge([(("<=", ("S", "x"), ("S", "x")), "true"),
...                                 (("mult", "x", "x", "Z"), ("plus", ("times", "x", "x"), "Z")),
...                                 (("mult", "x", "Z", "x"), "x")])]
[True, True, False]
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Iterable, Iterator, Sequence

from mpl_lang.terms import Term

from ..equations import is_instance
from ..signature import Signature
from .conjecture import Conjecture

Equation = tuple[Term, Term]

#: e-graph size bound of one judgement
NODES = 40_000
#: the judgements remembered (those of the last rounds)
MEMORY = 64

Verdict = tuple[bool, frozenset]


class Selector:
    """Judges equations modulo the proved ones and selects candidates, for one run."""

    def __init__(self, sig: Signature, constants: frozenset[str], iterations: int) -> None:
        self.constants, self.iterations = constants, iterations
        self.base, self.succ = sig.base, sig.succ
        self.proved: list[Equation] = []
        self._rules: dict[Equation, list] = {}  # equation -> its rewrite rules
        self._verdicts: dict[tuple[tuple[Equation, ...], tuple[Equation, ...]], list[Verdict]] = {}
        #: (conjecture, waiting one) -> their equations and whether the first is an instance
        self._instances: dict[tuple[str, str], tuple[Equation, Equation, bool]] = {}

    def fork(self) -> Selector:
        """A copy that learns apart from this one and shares its memory (a judgement
        depends only on what it was asked: what the copy judges, this one need not again)."""
        out = copy.copy(self)
        out.proved = list(self.proved)
        return out

    def learn(self, eq: Equation) -> None:
        """A proved equation: from now on, what follows from it is not selected."""
        self.proved.append(eq)

    def judge(self, eqs: Sequence[Equation]) -> list[Verdict]:
        """For each equation: whether its sides are equal modulo the proved equations, and
        the pair of e-classes it relates (equations with one pair restate each other)."""
        return self._judge(eqs, self.proved)

    def restatements(self, eq: Equation, others: Sequence[Equation]) -> list[bool]:
        """For each of `others`: whether it and `eq` follow from each other modulo the
        proved equations (`a * (b * c) = b * (a * c)` and associativity, once
        commutativity is proved)."""
        follows = self._judge(others, [*self.proved, eq])
        return [same and self._judge([eq], [*self.proved, other])[0][0]
                for other, (same, _) in zip(others, follows)]

    def _judge(self, eqs: Sequence[Equation], modulo: Sequence[Equation]) -> list[Verdict]:
        if not eqs:
            return []
        asked = (tuple(eqs), tuple(modulo))
        if asked not in self._verdicts:
            if len(self._verdicts) >= MEMORY:
                del self._verdicts[next(iter(self._verdicts))]
            self._verdicts[asked] = self._saturate(eqs, modulo)
        return self._verdicts[asked]

    def _saturate(self, eqs: Sequence[Equation], modulo: Sequence[Equation]) -> list[Verdict]:
        # imported here (sympy and egglog, over a second): a run that ends before its
        # first selection (a goal proved at once) does not wait for them
        from rewriting.api import EquivalenceIndex
        from rewriting.engine import Limits
        from rewriting.rules import rules_from_equations
        from rewriting.terms import PeanoSignature

        # function symbols go to the e-graph under their own names and arities; of the
        # signature the rules need only the base, which stands for a variable that one
        # side of an equation lacks (every variable ranges over the inductive set)
        signature = PeanoSignature(zero=self.base, succ=self.succ)
        for eq in modulo:
            if eq not in self._rules:
                self._rules[eq] = rules_from_equations([eq], signature=signature, constants=self.constants)
        # a rule two equations share is placed once by the e-graph
        rules = [r for eq in modulo for r in self._rules[eq]]
        index = EquivalenceIndex(rules, domain="peano", signature=signature,
                                 limits=Limits(iterations=self.iterations, nodes=NODES, time=math.inf))
        ids = [(index.add(lhs), index.add(rhs)) for lhs, rhs in eqs]
        index.saturate()
        return [(index.same(i, j), frozenset((index.class_id(i), index.class_id(j)))) for i, j in ids]

    def select(self, pool: list[Conjecture], waiting: Iterable[Conjecture] = ()) -> tuple[list[Conjecture], set[str]]:
        """The candidates of `pool` (in pool order) and the names of its equations that
        follow from the proved ones. Of the equations that restate each other modulo the
        proved ones (both sides in the same two e-classes) only the first is a
        candidate, and instances of a `waiting` conjecture (failed, to be retried) wait
        with it."""
        eqs = [c for c in pool if c.equation is not None]
        verdicts = self.judge([c.equation for c in eqs])
        implied = {c.name for c, (same, _) in zip(eqs, verdicts) if same}
        seen: set[frozenset] = set()
        restating: set[str] = set()
        for c, (same, key) in zip(eqs, verdicts):
            if not same:
                if key in seen:
                    restating.add(c.name)
                seen.add(key)
        general = [w for w in waiting if w.equation is not None]
        candidates = [c for c in pool if c.name not in implied and c.name not in restating
                      and not any(w is not c and c.equation is not None
                                  and self._instance(c.name, c.equation, w.name, w.equation) for w in general)]
        return candidates, implied

    def _instance(self, name: str, eq: Equation, general_name: str, general: Equation) -> bool:
        """Whether equation `eq` (of conjecture `name`) is an instance of `general`
        (remembered by the names, asked again in every round, with the equations: a fork's
        calculated lemma may take a name the stage gives another)."""
        pair = name, general_name
        known = self._instances.get(pair)
        if known is None or known[0] != eq or known[1] != general:
            known = self._instances[pair] = eq, general, is_instance(eq, general, self.constants)
        return known[2]

    def levels(self, candidates: list[Conjecture], rank: Callable[[Conjecture], int],
               unusable: Iterable[str] = ()) -> Iterator[list[Conjecture]]:
        """The candidates to attempt, level by level of ascending `rank` (the attempt
        order; each level judged only when it is asked for): in pool order within a
        level, an equation is kept unless it follows from the equations proved by now
        and the equations kept before it. Conjectures in `unusable` (attempted and not
        proved) are kept but never justify dropping another. Dropped ones are not
        claimed proved: they are only not attempted. Yields the non-empty lists of kept
        conjectures."""
        return self._levels(candidates, rank, tuple(self.proved), frozenset(unusable))

    def _levels(self, candidates: list[Conjecture], rank: Callable[[Conjecture], int],
                proved: tuple[Equation, ...], unusable: frozenset[str]) -> Iterator[list[Conjecture]]:
        assumed: list[Equation] = []
        ranks = {c.name: rank(c) for c in candidates}
        for r in sorted(set(ranks.values())):
            level = [c for c in candidates if ranks[c.name] == r]
            kept = [c for c in level if c.equation is None]
            level = [c for c in level if c.equation is not None]
            stale = True  # an equation was assumed since the level was last judged
            while level:
                if stale:
                    verdicts = self._judge([c.equation for c in level], [*proved, *assumed])
                    level = [c for c, (same, _) in zip(level, verdicts) if not same]
                    stale = False
                if level:
                    head, *level = level
                    kept.append(head)
                    if head.name not in unusable:
                        assumed.append(head.equation)
                        stale = True
            if kept:
                yield kept

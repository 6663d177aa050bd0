"""The proof record of a Logic Block: every step in derivation order, and the first step
of each literal.

A step id is its position in `steps`; premises cite earlier ids. `known` maps every
literal the block has derived (live or since rewritten by a merge) to the step that first
derived it; the block, the union-find and the join read it to cite premises. `cycle` is the
block's current cycle, stamped on each step recorded with `derive`. `support(goal)` is the
part of the record a proof needs.

>>> from mpl_lang.logic import Literal
>>> record = ProofRecord()
>>> a = record.derive("hyp", Literal(True, "=", ("a", "b")), (), extra={"index": 0})
>>> b = record.derive("eq_refl", Literal(True, "=", ("c", "c")), ())
>>> c = record.derive("eq_symm", Literal(True, "=", ("b", "a")), (a,))
>>> record.support(c)
[0, 2]
"""

from __future__ import annotations

from dataclasses import dataclass

from mpl_lang import Expr
from mpl_lang.logic import Literal

from .rules import Rule

#: a substitution of constants for rule variables
Binding = dict[str, str]


@dataclass(slots=True)
class Step:
    """One derivation: `fact` is a literal, a formula (Expr) or FALSUM; `premises` are step
    ids; `rule` and `subst` say which rule instance gave it; `extra` holds kind-specific data
    (a hypothesis's `index`)."""

    kind: str
    fact: Literal | Expr | str
    premises: tuple[int, ...]
    cycle: int
    rule: Rule | None = None
    subst: Binding | None = None
    extra: dict | None = None


class ProofRecord:
    """The steps of one block, the first step of each derived literal, the current cycle."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.known: dict[Literal, int] = {}
        self.cycle = 0

    def add(self, step: Step) -> int:
        """Append `step`; its id."""
        self.steps.append(step)
        return len(self.steps) - 1

    def derive(self, kind: str, fact: Literal | Expr | str, premises: tuple[int, ...],
               rule: Rule | None = None, subst: Binding | None = None, extra: dict | None = None) -> int:
        """Append a step of the current cycle; its id."""
        return self.add(Step(kind, fact, premises, self.cycle, rule, subst, extra))

    def support(self, goal: int) -> list[int]:
        """Ids of the steps `goal` rests on (itself included), in derivation order: its
        premises, theirs, and the hypothesis each local rule came from."""
        need: set[int] = set()
        stack = [goal]
        while stack:
            s = stack.pop()
            if s in need:
                continue
            need.add(s)
            st = self.steps[s]
            stack.extend(st.premises)
            if st.rule is not None and "fact" in st.rule.ref:
                stack.append(st.rule.ref["fact"])
        return sorted(need)

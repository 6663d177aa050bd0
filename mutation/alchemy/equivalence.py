"""Optional deduplication modulo rewrite rules, with the e-graph rewriter (`rewriting`).

Canonical forms (`canon.py`) catch renamed variables, reordered hypotheses and swapped
sides. With `equivalence="ac"` an equation is also dropped when, modulo commutativity and
associativity of the theory's binary functions, it is trivial or equals (either way round)
an equation kept before — `(b + a) + c = d` after `(a + b) + c = d`. Any `rewriting` rule
set name (`"peano"`, `"semiring"`, ...) can be given instead, but note that every mutant
equals its seed modulo the laws it was made with, so rich rule sets drop nearly everything.
Equations are compared as written (variables named by first occurrence), not up to a
renaming that only AC would reveal.

>>> f = EquivalenceFilter("ac", {"add": "+", "mul": "*", "succ": "s", "zero": "i0"})
>>> f.keep([(("+", "a", "b"), "c"), (("+", "b", "a"), "c"), (("+", "a", "b"), ("+", "b", "a"))])
[True, False, False]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mpl_lang.terms import Term

#: the equations whose both directions make the `ac` rule set
AC = [("a + b", "b + a"), ("(a + b) + c", "a + (b + c)"), ("a * b", "b * a"), ("(a * b) * c", "a * (b * c)")]


class EquivalenceFilter:
    """One e-graph for a whole synthesis: equations are added in batches (a round), the
    rules saturate, and each new equation is kept unless equivalent to a kept one.
    `names` maps `zero`, `succ`, `add`, `mul` to the theory's symbols."""

    def __init__(self, spec: str, names: dict[str, str], limits: Any = None) -> None:
        from rewriting import EquivalenceIndex, Limits, PeanoSignature, rules_from_equations

        sig = PeanoSignature(**names)
        rules: Any = spec
        if spec == "ac":
            ac = [(a.replace("+", sig.add).replace("*", sig.mul), b.replace("+", sig.add).replace("*", sig.mul))
                  for a, b in AC]
            rules = rules_from_equations(ac, signature=sig)
        self.index = EquivalenceIndex(rules, domain="peano", signature=sig,
                                      limits=limits or Limits(iterations=8, nodes=200_000, time=30.0))
        self.kept: list[tuple[int, int]] = []
        self.spec = spec

    def keep(self, equations: Sequence[tuple[Term, Term]], known: bool = False) -> list[bool]:
        """Which of `equations` to keep, in order; `known` equations (the library's) are
        all kept and only remembered."""
        ids = [(self.index.add(lhs), self.index.add(rhs)) for lhs, rhs in equations]
        self.index.saturate()
        cls = self.index.class_id
        seen = {frozenset((cls(i), cls(j))) for i, j in self.kept}
        out = []
        for i, j in ids:
            key = frozenset((cls(i), cls(j)))
            ok = known or (len(key) == 2 and key not in seen)
            if ok:
                seen.add(key)
                self.kept.append((i, j))
            out.append(ok)
        return out

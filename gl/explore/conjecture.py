"""A candidate statement of the exploration, with its equation when it states one.

>>> from mpl_lang import parse_expr
>>> c = Conjecture("lemma", parse_expr("(>[a,b,c,d](&(in2[a,c,s])(in3[c,b,d,*]))(in3[a,b,d,*]))"),
...                "explored", 7, (("*", ("s", "a"), "b"), ("*", "a", "b")))
>>> c.recursion_lemma("s"), c.roots(), sorted(c.functions())
(True, {'*'}, ['*', 's'])
"""

from __future__ import annotations

from dataclasses import dataclass

from mpl_lang import Expr
from mpl_lang.logic import iter_atoms
from mpl_lang.terms import Term, decode_graph


@dataclass
class Conjecture:
    """A candidate statement: its name, where it comes from ("explored" or "conjecture"),
    its size in symbols, and its equation (None when it is not one)."""

    name: str
    statement: Expr
    origin: str
    size: int
    equation: tuple[Term, Term] | None = None

    def recursion_lemma(self, succ: str) -> bool:
        """Whether one side applies a function to a successor, at any argument (`s(a) * b`,
        `a * s(b)`), and the other side does not (`a * b + b`): the lemmas an induction
        step needs, tried early."""
        if self.equation is None:
            return False

        def applies_to_succ(t: Term) -> bool:
            if isinstance(t, str):
                return False
            return any(not isinstance(a, str) and a[0] == succ and t[0] != succ or applies_to_succ(a)
                       for a in t[1:])

        return applies_to_succ(self.equation[0]) != applies_to_succ(self.equation[1])

    def roots(self) -> set[str] | None:
        """The functions at the roots of the equation's sides (None: not an equation)."""
        if self.equation is None:
            return None
        return {side[0] for side in self.equation if not isinstance(side, str)}

    def functions(self) -> frozenset[str]:
        """Every function the statement applies (its graph atoms' functions)."""
        return frozenset(g[0] for a in iter_atoms(self.statement)
                         if (g := decode_graph(a.name, a.args)) is not None)

"""A candidate statement of the exploration, with its equation when it states one.

>>> from mpl_lang import parse_expr
>>> c = Conjecture("lemma", parse_expr("(>[a,b,c,d](&(in2[a,c,s])(in3[c,b,d,*]))(in3[a,b,d,*]))"),
...                "explored", 7, (("*", ("s", "a"), "b"), ("*", "a", "b")))
>>> c.recursion_lemma("s"), c.roots(), sorted(c.functions())
(True, {'*'}, ['*', 's'])

A *pattern* is a function applied with a named element at one argument, `(f, i, e)`:
`i0 ^ a` is `("^", 0, "i0")`. A conjecture that says what a pattern is in general *settles*
it; once it is proved, the other conjectures about the pattern are special cases.

>>> zero = Conjecture("z", parse_expr("(in[i0,N])"), "explored", 6, (("^", "i0", ("s", "a")), "i0"))
>>> zero.settles(frozenset({"i0"}), "s"), sorted(patterns(("*", "a", ("^", "i0", "b")), frozenset({"i0"}), "s"))
({('^', 0, 'i0')}, [('^', 0, 'i0')])
"""

from __future__ import annotations

from dataclasses import dataclass

from mpl_lang import Expr
from mpl_lang.logic import goal_parts, iter_atoms
from mpl_lang.terms import Term, decode_graph, leaves, subterms

#: a function applied with a named element at one argument: (function, argument, element)
Pattern = tuple[str, int, str]


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
        `a * s(b)`), and the other side does not and uses none but its variables
        (`a * b + b`; not `leq(a, s(a)) = leq(b, b)`): the lemmas an induction step needs,
        tried early."""
        if self.equation is None:
            return False

        def applies_to_succ(t: Term) -> bool:
            if isinstance(t, str):
                return False
            return any(not isinstance(a, str) and a[0] == succ and t[0] != succ or applies_to_succ(a)
                       for a in t[1:])

        universal = set(goal_parts(self.statement)[0])
        (left, lvars), (right, rvars) = ((applies_to_succ(side), universal.intersection(leaves(side)))
                                         for side in self.equation)
        return left != right and (rvars <= lvars if left else lvars <= rvars)

    def roots(self) -> set[str] | None:
        """The functions at the roots of the equation's sides (None: not an equation)."""
        if self.equation is None:
            return None
        return {side[0] for side in self.equation if not isinstance(side, str)}

    def functions(self) -> frozenset[str]:
        """Every function the statement applies (its graph atoms' functions)."""
        return frozenset(g[0] for a in iter_atoms(self.statement)
                         if (g := decode_graph(a.name, a.args)) is not None)

    def settles(self, constants: frozenset[str], succ: str) -> set[Pattern]:
        """The patterns this equation says in general what they are: one side applies the
        pattern's function to its element and otherwise to variables (or their
        successors) only, and the other side is free of the pattern or another such
        application (`i0 ^ s(a) = i0`, `a + i0 = a`, `a ^ i0 = b ^ i0`)."""
        if self.equation is None:
            return set()
        out = set()
        for side, other in (self.equation, self.equation[::-1]):
            for p in _instance_of(side, constants, succ):
                if p not in patterns(other, constants, succ) or p in _instance_of(other, constants, succ):
                    out.add(p)
        return out


def patterns(t: Term, constants: frozenset[str], succ: str) -> set[Pattern]:
    """The patterns that `t` applies anywhere."""
    return {(u[0], i, a) for u in subterms(t) if not isinstance(u, str) and u[0] != succ
            for i, a in enumerate(u[1:]) if a in constants}


def _instance_of(t: Term, constants: frozenset[str], succ: str) -> set[Pattern]:
    """The pattern `t` is a general instance of (one element, every other argument a
    variable or the successor of one), if any."""
    if isinstance(t, str) or t[0] == succ:
        return set()
    at = [i for i, a in enumerate(t[1:]) if a in constants]
    general = all(isinstance(a, str) and a not in constants
                  or not isinstance(a, str) and a[0] == succ and isinstance(a[1], str) and a[1] not in constants
                  for i, a in enumerate(t[1:]) if i not in at)
    return {(t[0], at[0], t[1 + at[0]])} if len(at) == 1 and general else set()

"""A candidate statement of the exploration, with its equation when it states one.

>>> from mpl_lang import parse_expr
>>> c = Conjecture("lemma", parse_expr("(>[a,b,c,d](&(in2[a,c,s])(in3[c,b,d,*]))(in3[a,b,d,*]))"),
...                "explored", 7, (("*", ("s", "a"), "b"), ("*", "a", "b")))
>>> c.recursion_lemma("s"), c.roots(), sorted(c.functions())
(True, {'*'}, ['*', 's'])
>>> c.successor_sides("s"), c.contents(frozenset())
([('*', ('s', 'a'), 'b')], (('*', '*', 's'), ('a', 'b')))

A *pattern* is a function applied with a named element at one argument, `(f, i, e)`:
`i0 ^ a` is `("^", 0, "i0")`. A conjecture that says what a pattern is in general *settles*
it; once it is proved, the other conjectures about the pattern are special cases.

>>> settled((("^", "i0", ("s", "a")), "i0"), frozenset({"i0"}), "s"), sorted(patterns(("*", "a", ("^", "i0", "b")), frozenset({"i0"}), "s"))
({('^', 0, 'i0')}, [('^', 0, 'i0')])
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mpl_lang import Expr
from mpl_lang.logic import goal_parts, iter_atoms
from mpl_lang.terms import Term, decode_graph, leaves, subterms, variables

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
    #: the statement with its defined atoms unfolded (`pool`), when that differs: the
    #: functions a definition applies (`+` in `preorder[N,+,a,b]`) are the statement's too
    unfolded: Expr | None = None
    _functions: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def recursion_lemma(self, succ: str) -> bool:
        """Whether one side applies a function to a successor, at any argument (`s(a) * b`,
        `a * s(b)`), and the other side does not and uses none but its variables
        (`a * b + b`; not `leq(a, s(a)) = leq(b, b)`): the lemmas an induction step needs,
        tried early."""
        if self.equation is None:
            return False
        universal = set(goal_parts(self.statement)[0])
        (left, lvars), (right, rvars) = ((any(_applies_to_successor(u, succ) for u in subterms(side)),
                                          universal.intersection(leaves(side))) for side in self.equation)
        return left != right and (rvars <= lvars if left else lvars <= rvars)

    def successor_sides(self, succ: str) -> list[Term]:
        """The sides of the equation that apply a function other than `succ` to a
        successor at some argument (`s(a) * b`; not `(a * s(b)) * i0`)."""
        if self.equation is None:
            return []
        return [side for side in self.equation if _applies_to_successor(side, succ)]

    def contents(self, constants: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The functions its equation applies, with repetitions, and its variables, both
        sorted: equations with equal contents differ only in how they arrange them
        (`(a * b) * c = a * (b * c)` and `a * (b * c) = b * (a * c)`)."""
        if self.equation is None:
            return (), ()
        counts = Counter(u[0] for side in self.equation for u in subterms(side) if not isinstance(u, str))
        return tuple(sorted(counts.elements())), tuple(sorted(variables(*self.equation, constants=constants)))

    def roots(self) -> set[str] | None:
        """The functions at the roots of the equation's sides (None: not an equation)."""
        if self.equation is None:
            return None
        return {side[0] for side in self.equation if not isinstance(side, str)}

    def functions(self) -> frozenset[str]:
        """Every function the statement applies (its graph atoms' functions, those of its
        unfolded form when it has one)."""
        if self._functions is None:  # asked for in every round of the schedule
            self._functions = frozenset(g[0] for a in iter_atoms(self.unfolded or self.statement)
                                        if (g := decode_graph(a.name, a.args)) is not None)
        return self._functions


def settled(equation: tuple[Term, Term], constants: frozenset[str], succ: str, strict: bool = False) -> set[Pattern]:
    """The patterns `equation` says in general what they are: one side applies the
    pattern's function to its element and otherwise to variables (or their successors)
    only, and the other side is free of the pattern or (unless `strict`) another such
    application (`i0 ^ s(a) = i0`, `a + i0 = a`; `a ^ i0 = b ^ i0` unless strict).

    >>> settled((("*", ("s", "a"), "i0"), ("*", "a", "i0")), frozenset({"i0"}), "s", strict=True)
    set()
    """
    out = set()
    for side, other in (equation, equation[::-1]):
        for p in _instance_of(side, constants, succ):
            if p not in patterns(other, constants, succ) or not strict and p in _instance_of(other, constants, succ):
                out.add(p)
    return out


def _applies_to_successor(t: Term, succ: str) -> bool:
    """Whether `t` applies a function other than `succ` to a successor (`s(a) * b`)."""
    return not isinstance(t, str) and t[0] != succ and any(not isinstance(a, str) and a[0] == succ for a in t[1:])


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

"""Which inductions to try for a statement, read from how the theory's functions recurse.

A function *recurses on* an input position when some axiom clause pattern-matches that
input on the successor: in a graph atom of the function the input is a variable that the
clause names as a successor (`in2[x,y,s]`: y = s(x)), `s(x)` (depth 1) or `s(s(x))`
(depth 2). Nothing here knows a function name or an argument position: Peano's `+`
recursing on its second argument and a `+` recursing on its first are read alike.

A statement's universal variables are ranked by how many recursive positions they occupy
in its hypotheses (then the other inputs; never pure outputs), and each candidate gets the
scheme of the functions its recursion drives (`mpl_lang.logic.SCHEMES`):

- `simultaneous` on the variable and its partners: the other (input) variables in the
  recursive positions of a function that recurses on two or more positions (max, <=, ...);
- `two_step` when a function matches it two successors deep (half, even);
- `structural` otherwise.

>>> from mpl_lang import load, parse_expr
>>> from gl.recursion import definitions
>>> theory = load("examples/peano/peano.mpl")
>>> rec = definitions(theory)
>>> rec.positions["+"], rec.positions["*"]
(frozenset({1}), frozenset({1}))
>>> schemes(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), rec, 3)
[Scheme(name='structural', variables=('b',)), Scheme(name='structural', variables=('a',))]
"""

from __future__ import annotations

from dataclasses import dataclass

from mpl_lang import Atom, Expr
from mpl_lang.logic import goal_parts
from mpl_lang.terms import decode_graph

from ..recursion import Definitions

#: how many variables a simultaneous induction takes at most (each adds a case)
MAX_SIMULTANEOUS = 3


@dataclass(frozen=True)
class Scheme:
    """An induction to try: the scheme's name and its variables, in case order."""

    name: str
    variables: tuple[str, ...]


def _graph_hypotheses(statement: Expr) -> tuple[tuple[str, ...], list[Atom], list[tuple[str, tuple[str, ...], str]]]:
    vs, hyps, _ = goal_parts(statement)
    atoms = [h for h in hyps if isinstance(h, Atom)]
    graphs = [g for g in (decode_graph(h.name, h.args) for h in atoms) if g is not None]
    return vs, atoms, graphs


def rank_variables(statement: Expr, recursion: Definitions) -> list[str]:
    """The universal variables worth an induction, best first: by how many recursive
    positions they occupy in the hypotheses, then the other inputs (of a function, or
    typed by `in`), in their order in the statement; a variable a hypothesis defines as
    a function's value after all others; never pure outputs.

    >>> from mpl_lang import parse_expr
    >>> rec = Definitions({("+", 0): 1})
    >>> rank_variables(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), rec)
    ['a', 'b']
    """
    vs, atoms, graphs = _graph_hypotheses(statement)
    count: dict[str, int] = {}
    for f, ins, _ in graphs:
        for i, a in enumerate(ins):
            count[a] = count.get(a, 0) + ((f, i) in recursion.depth)
    for h in atoms:
        if h.name == "in":
            count.setdefault(h.args[0], 0)
    defined = {out for _, _, out in graphs}  # `c` in `s(b) = c` is fixed by `b`: last
    return sorted((v for v in vs if v in count), key=lambda v: (v in defined, -count[v]))


def scheme_for(statement: Expr, var: str, recursion: Definitions) -> Scheme:
    """The scheme the recursion that `var` drives asks for (see the module docstring)."""
    vs, _, graphs = _graph_hypotheses(statement)
    outputs = {out for _, _, out in graphs}
    group = [var]
    for u in group:  # breadth first: partners, then their partners
        for f, ins, _ in graphs:
            rec = [a for i, a in enumerate(ins) if (f, i) in recursion.depth]
            if u in rec and len(recursion.positions.get(f, ())) > 1:
                group += [a for a in rec if a in vs and a not in outputs and a not in group]
    if len(group) > 1:
        return Scheme("simultaneous", tuple(group[:MAX_SIMULTANEOUS]))
    deep = any(recursion.depth.get((f, i), 0) > 1 for f, ins, _ in graphs for i, a in enumerate(ins) if a == var)
    return Scheme("two_step" if deep else "structural", (var,))


def schemes(statement: Expr, recursion: Definitions, limit: int) -> list[Scheme]:
    """At most `limit` inductions to try, best first: the scheme of each ranked
    variable, then a structural induction on the variables whose scheme was another."""
    ranked = rank_variables(statement, recursion)[:limit]
    first = [scheme_for(statement, v, recursion) for v in ranked]
    fallback = [Scheme("structural", (s.variables[0],)) for s in first if s.name != "structural"]
    return (first + fallback)[:limit]

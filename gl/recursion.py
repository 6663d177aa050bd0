"""How a theory's functions are defined, read off its axioms: which argument each one
recurses on, which other functions its definition uses, which arguments its recursive
calls change (accumulators) and what its recursive cases unfold to.

An axiom *recurses* on argument i of f when it applies f with the successor (or the
successor's successor, as `half` does) of a variable at position i (`a + s(b)`: position 1 of `+` in Peano; `s(a) + b`: position 0
when + recurses on its first argument). Such an axiom, or one applying f to the
induction base (`a * i0 = i0`), *defines* f, and the other functions it mentions are the
ones f uses (`*` uses `+` and `s`). An axiom that defines none of the functions it
mentions ties them all to each other. Nothing here depends on names, argument order or
the number of functions: induction, the prover's choice of rules and the exploration's
schedule read what they need from this.

>>> from mpl_lang import load
>>> d = definitions(load("examples/peano/peano.mpl"))
>>> d.positions, {f: sorted(gs) for f, gs in d.uses.items()}
({'+': frozenset({1}), '*': frozenset({1})}, {'+': ['s'], '*': ['+', 's']})
>>> d.level("s"), d.level("+"), d.level("*"), sorted(d.closure({"*"}))
(0, 1, 2, ['*', '+', 's'])

A recursive case `f(.., s(x), ..) = rhs` *unfolds* f to the function at the root of `rhs`
(`a * s(b) = a * b + a`: `*` unfolds to `+`). An argument that a recursive call of f
changes other than by taking a predecessor is an *accumulator* (`mult(s(x), y, z) =
mult(x, y, y + z)`: position 2), where a goal with a constant (`mult(x, y, 0)`) needs
generalizing before induction can use its hypothesis:

>>> d.unfolds, d.accumulators
({'+': frozenset({'s'}), '*': frozenset({'+'})}, {})
>>> from mpl_lang.terms import infix
>>> [f"{infix(lhs)} = {infix(rhs)}" for lhs, rhs in d.rules]
['a + i0 = a', 'a + s(b) = s(a + b)', 'a * i0 = i0', 'a * s(b) = a * b + a']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mpl_lang import Theory
from mpl_lang.logic import Clause
from mpl_lang.terms import Term, decode_graph, leaves

from .equations import clause_equation


@dataclass(frozen=True)
class Definitions:
    """Per (function, argument position) the axioms recurse on, how many successors deep
    they match it (`depth`: 1 for `s(x)`, 2 for `s(s(x))`, as in `half`); per function the
    functions its defining axioms use besides itself (`uses`, every function the axioms
    define or tie to others); per recursive function the functions at the roots of its
    recursive cases' right sides (`unfolds`) and the argument positions its recursive
    calls change other than by taking a predecessor (`accumulators`); the defining
    equations that hold without a condition, `f(patterns) = value`, as rewrite rules
    (`rules`)."""

    depth: dict[tuple[str, int], int] = field(default_factory=dict)
    uses: dict[str, frozenset[str]] = field(default_factory=dict)
    unfolds: dict[str, frozenset[str]] = field(default_factory=dict)
    accumulators: dict[str, frozenset[int]] = field(default_factory=dict)
    rules: tuple[tuple[Term, Term], ...] = ()

    @property
    def positions(self) -> dict[str, frozenset[int]]:
        """Per recursive function, the argument positions its axioms recurse on."""
        out: dict[str, set[int]] = {}
        for f, i in self.depth:
            out.setdefault(f, set()).add(i)
        return {f: frozenset(ps) for f, ps in out.items()}

    def level(self, f: str, _seen: frozenset[str] = frozenset()) -> int:
        """0 for a function defined from none other, else one more than the highest level
        of the functions it uses (a cycle counts as level 0)."""
        below = [self.level(g, _seen | {f}) for g in self.uses.get(f, ()) if g not in _seen and g != f]
        return 1 + max(below) if below else 0

    def closure(self, functions: Iterable[str]) -> frozenset[str]:
        """`functions` and every function their definitions use, transitively: the only
        functions whose laws can matter to a statement about `functions`."""
        out: set[str] = set()
        todo = list(functions)
        while todo:
            f = todo.pop()
            if f not in out:
                out.add(f)
                todo.extend(self.uses.get(f, ()))
        return frozenset(out)


def definitions(theory: Theory) -> Definitions:
    """The recursion depths and uses of the functions of `theory`, from its axioms and
    the successor and base of its `induction` declarations."""
    succs = {ind.succ for ind in theory.inductions}
    bases = {ind.base for ind in theory.inductions}
    depth: dict[tuple[str, int], int] = {}
    uses: dict[str, set[str]] = {}
    unfolds: dict[str, set[str]] = {}
    accumulators: dict[str, set[int]] = {}
    rules: list[tuple[Term, Term]] = []
    constants = frozenset(theory.constants)
    for c in theory.axioms():
        if not isinstance(c, Clause):
            continue
        graphs = [g for lit in (*c.premises, *c.conclusion)
                  if lit.positive and (g := decode_graph(lit.pred, lit.args)) is not None]
        predecessor = {out: ins[0] for f, ins, out in graphs if f in succs and len(ins) == 1}
        mentioned = {f for f, _, _ in graphs}
        defined = set()
        for f, ins, _ in graphs:
            if f in succs:
                continue
            for i, a in enumerate(ins):
                if n := _successors(a, predecessor):
                    depth[f, i] = max(depth.get((f, i), 0), n)
                    defined.add(f)
            if bases.intersection(ins):
                defined.add(f)
        for f in defined or (mentioned if len(mentioned) > 1 else ()):
            uses.setdefault(f, set()).update(mentioned - {f})
        if (rule := _defining_equation(c, succs, constants)) is not None and rule not in rules:
            rules.append(rule)
        heads = [g for lit in c.conclusion if lit.positive and (g := decode_graph(lit.pred, lit.args))]
        if len(c.conclusion) == 1 and heads:
            premises = [g for lit in c.premises if lit.positive and (g := decode_graph(lit.pred, lit.args))]
            _recursive_case(heads[0], premises, succs, predecessor, unfolds, accumulators)
    return Definitions(depth, {f: frozenset(gs) for f, gs in uses.items()},
                       {f: frozenset(gs) for f, gs in unfolds.items()},
                       {f: frozenset(js) for f, js in accumulators.items()}, tuple(rules))


def _defining_equation(c: Clause, succs: set[str], constants: frozenset[str]) -> tuple[Term, Term] | None:
    """The equation `f(patterns) = value` that clause `c` states when it is a case of f's
    definition without a condition: its premises name the terms of an equation (graph
    atoms) or type variables, and one side applies a function other than a successor to
    patterns (variables, constants and their successors), one of them not a variable,
    with every variable of the other side (`s(a) + b = s(a + b)`)."""
    if len(c.conclusion) != 1 or c.exists or not c.conclusion[0].positive or any(
            not lit.positive or lit.pred != "in" and decode_graph(lit.pred, lit.args) is None
            for lit in c.premises):
        return None
    concl = c.conclusion[0]
    if c.premises:
        eq = clause_equation(c)
    else:
        eq = None if (g := decode_graph(concl.pred, concl.args)) is None else ((g[0], *g[1]), g[2])

    def pattern(t: Term) -> bool:
        return isinstance(t, str) or t[0] in succs and pattern(t[1])

    for lhs, rhs in (eq, eq[::-1]) if eq is not None else ():
        if not isinstance(lhs, str) and lhs[0] not in succs and all(map(pattern, lhs[1:])) \
                and any(not isinstance(a, str) or a in constants for a in lhs[1:]) \
                and set(leaves(rhs)) - constants <= set(leaves(lhs)):
            return lhs, rhs
    return None


def _recursive_case(head: tuple[str, tuple[str, ...], str], premises: list[tuple[str, tuple[str, ...], str]],
                    succs: set[str], predecessor: dict[str, str], unfolds: dict[str, set[str]],
                    accumulators: dict[str, set[int]]) -> None:
    """Record what the clause with conclusion `head` (function, inputs, output) and graph
    `premises` says, when it is a recursive case of head's function (an input is a
    successor): the function whose value the output is, and the positions where a
    recursive call's argument is neither the head's nor a predecessor of it. The head's
    inputs must be patterns (no other function's values: `s(x) * fac(x) = fac(s(x))`,
    the other direction of fac's definition, is no case of `*`)."""
    f, ins, out = head
    values = {o for g, _, o in premises if g not in succs}
    if f in succs or values.intersection(ins) or not any(_successors(a, predecessor) for a in ins):
        return
    unfolds.setdefault(f, set()).update(g for g, _, o in premises if o == out)
    for g, call, _ in premises:
        if g == f:
            accumulators.setdefault(f, set()).update(
                j for j, (a, b) in enumerate(zip(call, ins)) if a != b and a not in _predecessors(b, predecessor))
    if not accumulators.get(f, True):
        del accumulators[f]


def _predecessors(name: str, predecessor: dict[str, str]) -> list[str]:
    """The predecessor of `name`, its predecessor's, ... (at most 2)."""
    out: list[str] = []
    while name in predecessor and len(out) < 2:
        name = predecessor[name]
        out.append(name)
    return out


def _successors(name: str, predecessor: dict[str, str]) -> int:
    """How many successors deep `name` is (`s(s(x))`: 2), at most 2."""
    return len(_predecessors(name, predecessor))

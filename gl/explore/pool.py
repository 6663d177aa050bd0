"""The conjecture pool: the enumerated equations and the stated conjectures, filtered,
ordered and named.

Stated conjectures (the theory's own and any extra ones) pass the same counterexample
filter when they are equations; every conjecture must be well typed (each variable
ranges over one set of the signature). The pool is ordered smallest first, stated before
explored, general before special, more variables first, recursion lemmas and laws that
keep their variables in order first among equals; explored equations are named after
what they state (`gl.naming`: `add_comm`, `add_zero_left`, `mul_succ_left`).

>>> lhs, rhs = ("*", "a", ("*", "b", "c")), ("*", "b", ("*", "a", "c"))
>>> c = Conjecture("", equation_to_statement(lhs, rhs, "N"), "explored", 10, (lhs, rhs))
>>> crossings(c, frozenset()), constant_leaves(c, frozenset())
(1, 0)
"""

from __future__ import annotations

import itertools

from mpl_lang import Expr, Statement, Theory
from mpl_lang.logic import goal_parts, iter_atoms
from mpl_lang.terms import Term, decode_graph, leaves, node_count

from ..equations import equation_to_statement, statement_to_equation
from ..naming import theorem_name, unique
from ..signature import Signature
from .conjecture import Conjecture
from .enumeration import TermEvaluator
from .stages import Exploration


def rule_orientation(lhs: Term, rhs: Term) -> tuple[Term, Term]:
    """The equation `lhs = rhs` oriented for its statement, whose hypotheses name the
    values of the left side and whose conclusion gives the right side's (the rule a
    proved statement becomes, `Prover.theorem_rules`): the smaller side left. Each value
    of a hypothesis side that no fact names is asked for (`Invention.request`), while the
    top of the conclusion side never is: with the larger side left, `a * b + a * c = a *
    (b + c)` asks for the sum of every two products with a common factor, the other way
    round only for the products of a product with a sum. Equal sizes and a variable or
    constant side keep the given order.

    >>> rule_orientation(("+", ("*", "a", "b"), ("*", "a", "c")), ("*", "a", ("+", "b", "c")))
    (('*', 'a', ('+', 'b', 'c')), ('+', ('*', 'a', 'b'), ('*', 'a', 'c')))
    """
    if isinstance(lhs, str) or isinstance(rhs, str) or node_count(lhs) <= node_count(rhs):
        return lhs, rhs
    return rhs, lhs


def conjecture_pool(eqs: list[tuple[Term, Term]], extra: list[Statement], theory: Theory, sig: Signature,
                    constants: frozenset[str], stats: Exploration, ev: TermEvaluator) -> list[Conjecture]:
    """The conjecture pool: enumerated equations plus stated conjectures (the theory's own
    and `extra`), the latter through the same counterexample filter when they are
    equations; type-filtered, sorted smallest and most general first, and named."""
    pool: list[Conjecture] = []
    for lhs, rhs in eqs:
        st = equation_to_statement(*rule_orientation(lhs, rhs), sig.domain, constants)
        pool.append(Conjecture("", st, "explored", node_count(lhs) + node_count(rhs), (lhs, rhs)))
    for s in [*theory.statements, *extra]:
        eq = statement_to_equation(s.formula)
        if eq is not None and ev.refutes(*eq, constants):
            stats.add("counterexample-filtered")
            continue
        size = 2 * sum(1 for _ in iter_atoms(s.formula)) if eq is None else node_count(eq[0]) + node_count(eq[1])
        unfolded = theory.unfold(s.formula)
        pool.append(Conjecture(s.name, s.formula, "conjecture", size, eq, None if unfolded == s.formula else unfolded))
    kept = []
    for c in pool:
        if well_typed(c.statement, sig):
            kept.append(c)
        else:
            stats.add("type-filtered")
    kept.sort(key=lambda c: (c.size, c.origin != "conjecture", constant_leaves(c, constants),
                             -len(goal_parts(c.statement)[0]), not c.recursion_lemma(sig.succ),
                             crossings(c, constants), repr(c.equation), c.name))
    used: set[str] = set(theory.constants) | {c.name for c in kept} | {s.name for s in (*theory.statements, *theory.assumptions)}
    for c in kept:
        if not c.name:
            c.name = unique(theorem_name(c.statement, sig), used)
            used.add(c.name)
    return kept


def well_typed(statement: Expr, sig: Signature) -> bool:
    """Every variable of the statement has one sort: it occurs where the signature puts
    a set — an argument or the value of a function, or `x` in `in[x, set]` — and every
    such place puts the same set there; or it is a set or a function itself (`M` in
    `in[i, M]`, `g` in `in2[i, q, g]`: a stated lemma about the witnesses of a definition)
    and occurs in no such place.

    >>> from mpl_lang import parse_expr
    >>> from gl.signature import Function, Signature
    >>> sig = Signature("N", "i0", "s", ("s",), ("+",), ("i0",))
    >>> well_typed(parse_expr("(>[a,b](=[a,b])(=[b,a]))"), sig)
    False
    >>> sig = Signature("N", "i0", "s", ("s",), ("<=",), ("i0",), (Function("<=", ("N", "N"), "Bool"),))
    >>> well_typed(parse_expr("(>[a,b,c](in3[a,b,c,<=])(in3[b,a,c,<=]))"), sig)
    True
    >>> well_typed(parse_expr("(>[a,c](in3[a,a,c,<=])(in3[c,c,a,<=]))"), sig)
    False
    >>> well_typed(parse_expr("(>[M,g,i,q](&(in[i,M])(in2[i,q,g])(in[i,N]))(in[q,N]))"), sig)
    True
    """
    vs = goal_parts(statement)[0]
    sorts: dict[str, set[str]] = {v: set() for v in vs}
    functions = {f.name: f for f in sig.functions}
    higher: set[str] = set()
    for a in iter_atoms(statement):
        g = decode_graph(a.name, a.args)
        if g is not None and g[0] not in functions or a.name == "in" and len(a.args) == 2:
            higher.add(a.args[-1])
        if g is not None and g[0] in functions:
            f = functions[g[0]]
            places = list(zip((*g[1], g[2]), (*f.args, f.result)))
        elif a.name == "in" and len(a.args) == 2 and a.args[1] in sig.sorts:
            places = [(a.args[0], a.args[1])]
        else:
            continue
        for x, sort in places:
            if x in sorts:
                sorts[x].add(sort)
    return all(len(found) == 1 or not found and v in higher for v, found in sorts.items())


def constant_leaves(c: Conjecture, constants: frozenset[str]) -> int:
    """Constant leaves of an equation: general laws (none) go before special cases."""
    if c.equation is None:
        return 0
    return sum(x in constants for x in leaves(c.equation[0]) + leaves(c.equation[1]))


def crossings(c: Conjecture, constants: frozenset[str]) -> int:
    """Pairs of variables met in opposite orders on the two sides (`a*(b*c) = b*(a*c)`: 1,
    associativity: 0): a law that keeps its variables in order goes first, so that its
    twisted restatements are pruned as its consequences and not the other way round."""
    if c.equation is None:
        return 0
    first = [[x for x in dict.fromkeys(leaves(side)) if x not in constants] for side in c.equation]
    pos = {x: i for i, x in enumerate(first[1])}
    order = [pos[x] for x in first[0] if x in pos]
    return sum(a > b for a, b in itertools.combinations(order, 2))

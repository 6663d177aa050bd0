"""Canonical forms for deduplication.

Two statements are the same theorem here when they differ only by the names of their
variables, the order of their hypotheses, or the order of the two sides of an equality.
A statement that is exactly the relational form of an equation (what `terms.render`
writes) is keyed by its equation with either side first; any other statement by its
literals, variables renamed by first occurrence (conclusion first) after sorting the
hypotheses by their shape, re-sorted and renamed until stable.

>>> k1 = equation_key(("+", "a", "b"), ("+", "b", "a"), {"+"})
>>> k1 == equation_key(("+", "y", "x"), ("+", "x", "y"), {"+"})
True
>>> h = ((True, "in3", ("a", "b", "c", "+")),)
>>> literal_key(h, (True, "=", ("c", "a")), {"+"}) == literal_key(h, (True, "=", ("a", "c")), {"+"})
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from gl.equations import canonical
from mpl_lang.logic import Literal

from .terms import EqView, RuleForm, Term, render

Key = tuple


def equation_key(lhs: Term, rhs: Term, constants: frozenset[str] | set[str]) -> Key:
    """The key of an equation: variables renamed by first occurrence, the smaller side
    order of the two."""
    a = canonical(lhs, rhs, constants)
    b = canonical(rhs, lhs, constants)
    return ("eq", min(a, b, key=repr))


def _norm(lit: Literal) -> Literal:
    if lit[1] == "=" and len(lit[2]) == 2:
        return (lit[0], "=", tuple(sorted(lit[2])))
    return lit


def literal_key(hyps: Sequence[Literal], concl: Literal, constants: frozenset[str] | set[str]) -> Key:
    """The key of a rule `hyps ⇒ concl` up to variable names, hypothesis order and the
    order of equality arguments."""
    variants = [concl]
    if concl[1] == "=" and len(concl[2]) == 2:
        variants.append((concl[0], "=", concl[2][::-1]))
    return min((_literal_key(hyps, c, constants) for c in variants), key=repr)


def _literal_key(hyps: Sequence[Literal], concl: Literal, constants: frozenset[str] | set[str]) -> Key:
    lits = list(dict.fromkeys(hyps))
    blind = {lit: (lit[0], lit[1], tuple(a if a in constants else "" for a in lit[2])) for lit in lits}
    order = sorted(lits, key=blind.__getitem__)
    for _ in range(4):
        ren: dict[str, str] = {}
        for lit in (concl, *order):
            for a in lit[2]:
                if a not in constants and a not in ren:
                    ren[a] = f"_{len(ren)}"
        named = {lit: _norm((lit[0], lit[1], tuple([ren.get(a, a) for a in lit[2]]))) for lit in order}
        new = sorted(order, key=lambda lit: (blind[lit], named[lit]))
        if new == order:
            break
        order = new
    c = _norm((concl[0], concl[1], tuple([ren.get(a, a) for a in concl[2]])))
    return ("rule", c, tuple(sorted(named.values())))


def statement_key(form: RuleForm, constants: frozenset[str] | set[str], domain: str) -> Key:
    """The key of a statement: its equation's key when it is exactly the relational form
    of that equation (as `terms.render` writes it, up to names and order), else its
    `literal_key`."""
    ev = EqView.of_parts(form.vars, form.hyps, form.concl)
    if ev is not None and ev.lhs != ev.rhs and _pure(form, ev, constants, domain):
        return equation_key(ev.lhs, ev.rhs, constants)
    return literal_key(form.hyps, form.concl, constants)


def _pure(form: RuleForm, ev: EqView, constants: frozenset[str] | set[str], domain: str) -> bool:
    r = render(ev.lhs, ev.rhs, constants, domain)
    if len(r.hyps) != len(form.hyps) or len(r.vars) != len(form.vars):
        return False
    named = Counter(t for t in ev.terms.values() if not isinstance(t, str))
    if named != Counter(r.named.keys()):
        return False
    return {h for h in form.hyps if h[1] == "in"} == {h for h in r.hyps if h[1] == "in"}

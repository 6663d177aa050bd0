"""Algebraic seeds: normal forms computed by sympy, put into the e-graph as equal to the
parts they come from, so that equality saturation starts from them too.

Rewrite rules alone rarely discover a factorization or a Horner scheme of a long expanded
polynomial (the AC search space is too large); polynomial algorithms find them at once. For
every maximal polynomial part of a term the seeds are its expanded, factored and Horner
forms (identities of polynomials, valid everywhere). Only when denominators may be assumed
nonzero (``generic``, sympy's convention) are rational parts seeded with their cancelled
forms, since cancelling ``(x^2-1)/(x-1)`` to ``x+1`` is wrong at ``x = 1``.

>>> from rewriting.terms import parse_term, term_to_str
>>> [term_to_str(alt) for part, alt in seed_pairs(parse_term("x*x + 2*x*y + y*y"))]
['(x + y)^2']
"""

from __future__ import annotations

import sympy

from mpl_lang.terms import Term, node_count, op_count, subterms

from .evaluate import generic_denominators
from .sympy_conv import from_sympy, to_sympy

_POLY_OPS = frozenset({"+", "-", "*", "neg"})


#: parts with more nodes are not seeded (their subparts are)
SEED_MAX_NODES = 200


def _is_rational_part(term: Term, generic: bool) -> bool:
    """Whether ``term`` is a polynomial (``generic``: a rational function) of its leaves,
    with natural-number exponents."""
    for sub in subterms(term):
        if isinstance(sub, str):
            continue
        op, args = sub[0], sub[1:]
        if op == "^":
            if not (isinstance(args[1], str) and args[1].isdigit()):
                return False
        elif not (op in _POLY_OPS or (generic and op == "/")):
            return False
    return True


def _forms(expr: sympy.Expr, divides: bool) -> list[sympy.Expr]:
    """Candidate forms, cheapest first: the two best numerators over the best denominator
    (``divides``: the part has a division, to be cancelled)."""
    if divides:
        num, den = sympy.fraction(sympy.cancel(expr))
    else:
        num, den = expr, sympy.Integer(1)
    nums = sorted(_poly_forms(num), key=_ops)[:2]
    best_den = min(_poly_forms(den), key=_ops) if den != 1 else sympy.Integer(1)
    return [n / best_den for n in nums]


def _ops(expr: sympy.Expr) -> int:
    return op_count(from_sympy(expr))


def _poly_forms(poly: sympy.Expr) -> list[sympy.Expr]:
    expanded = sympy.expand(poly)
    if not expanded.free_symbols:
        return [expanded]
    factored = sympy.factor(expanded)
    forms = [expanded, factored, sympy.horner(expanded)]
    if factored.is_Mul or factored.is_Pow:
        forms.append(factored.func(*(sympy.horner(a) if a.is_Add else a for a in factored.args)))
    return forms


def seed_pairs(term: Term, generic: bool = False) -> list[tuple[Term, Term]]:
    """``(part, alternative)`` pairs for the maximal polynomial (or, when ``generic``,
    rational) parts of ``term`` that have at least two operations and at most
    :data:`SEED_MAX_NODES` nodes. A rational part is seeded only if none of its
    denominators is zero everywhere (cancelling ``(1/0)^0`` to ``1`` would define it)."""
    out: list[tuple[Term, Term]] = []
    stack = [term]
    while stack:
        part = stack.pop()
        if isinstance(part, str):
            continue
        if node_count(part) <= SEED_MAX_NODES and _is_rational_part(part, generic):
            out += _part_seeds(part, generic)
        else:
            stack.extend(reversed(part[1:]))
    return out


def _part_seeds(part: tuple, generic: bool) -> list[tuple[Term, Term]]:
    if op_count(part) < 2:
        return []
    divisions = sum(1 for t in subterms(part) if isinstance(t, tuple) and t[0] == "/")
    if divisions and len(generic_denominators(part)) < divisions:
        return []
    expr = to_sympy(part)
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return []
    seen = {part}
    out: list[tuple[Term, Term]] = []
    for form in _forms(expr, divisions > 0):
        alt = from_sympy(form)
        if alt not in seen:
            seen.add(alt)
            out.append((part, alt))
    return out

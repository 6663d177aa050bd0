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

from .sympy_conv import from_sympy, to_sympy
from .terms import Term, op_count, subterms

_POLY_OPS = frozenset({"+", "-", "*", "neg"})


def _is_rational_part(term: Term, generic: bool) -> bool:
    if isinstance(term, str):
        return True
    op, args = term[0], term[1:]
    if op == "^":
        exp = args[1]
        return (isinstance(exp, str) and exp.isdigit() and _is_rational_part(args[0], generic))
    if op in _POLY_OPS or (generic and op == "/"):
        return all(_is_rational_part(a, generic) for a in args)
    return False


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
    rational) parts of ``term`` that have at least two operations."""
    if isinstance(term, str):
        return []
    if _is_rational_part(term, generic):
        if op_count(term) < 2:
            return []
        seen = {term}
        out: list[tuple[Term, Term]] = []
        expr = to_sympy(term)
        if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
            return []
        divides = any(isinstance(t, tuple) and t[0] == "/" for t in subterms(term))
        for form in _forms(expr, divides):
            alt = from_sympy(form)
            if alt not in seen:
                seen.add(alt)
                out.append((term, alt))
        return out
    return [pair for arg in term[1:] for pair in seed_pairs(arg, generic)]

"""Algebraic seeds: normal forms computed by sympy, put into the e-graph as equal to the
parts they come from, so that equality saturation starts from them too.

Rewrite rules alone rarely discover a factorization or a Horner scheme of a long expanded
polynomial (the AC search space is too large); polynomial algorithms find them at once. For
every maximal polynomial part of a term the seeds are its expanded and factored forms (and
Horner forms, in one variable): identities of polynomials, valid everywhere. Only when
denominators may be assumed nonzero (``generic``, sympy's convention) are rational parts
seeded with their cancelled forms and with quotient plus remainder, since cancelling
``(x^2-1)/(x-1)`` to ``x+1`` is wrong at ``x = 1`` (the caller reports the cancelled
factors: :mod:`rewriting.conditions`).

>>> from rewriting.terms import parse_term, term_to_str
>>> [term_to_str(alt) for part, alt in seed_pairs(parse_term("x*x + 2*x*y + y*y"))]
['(x + y)^2', 'x^2 + y^2 + 2 * x * y']
"""

from __future__ import annotations

import sympy

from mpl_lang.terms import (
    Term,
    fold,
    fresh_names,
    leaves,
    node_count,
    op_count,
    substitute,
    subterms,
)

from .chains import defined_everywhere
from .evaluate import generic_denominators
from .sympy_conv import from_sympy, to_sympy
from .terms import variables

_POLY_OPS = frozenset({"+", "-", "*", "neg"})


#: parts with more nodes, or more variables and atoms together (sympy's multivariate
#: factorization takes a minute on a sum of 100 names), are not seeded (their subparts are)
SEED_MAX_NODES = 200
SEED_MAX_VARIABLES = 12


def _atoms(term: Term) -> list[Term] | None:
    """The maximal subterms of ``term`` that are not polynomial (or rational) operations,
    in order, each once — function applications and powers other than natural ones — or
    None when ``term`` itself is one (or a leaf)."""
    if isinstance(term, str) or not _skeleton_op(term):
        return None
    found: dict[Term, None] = {}
    stack = [term]
    while stack:
        sub = stack.pop()
        if isinstance(sub, str):
            continue
        if _skeleton_op(sub):
            stack.extend(reversed(sub[1:]) if sub[0] != "^" else [sub[1]])
        else:
            found.setdefault(sub)
    return list(found)


def _skeleton_op(term: tuple) -> bool:
    """Whether ``term``'s own operation is a polynomial one (or division, or a power with
    a natural exponent)."""
    if term[0] == "^":
        return len(term) == 3 and isinstance(term[2], str) and term[2].isdigit()
    return term[0] in _POLY_OPS or term[0] == "/"


def _forms(expr: sympy.Expr, divides: bool) -> list[sympy.Expr]:
    """Candidate forms: the two best numerators over the best denominator (``divides``:
    the part has a division, to be cancelled), and the quotient plus the remainder over the
    denominator of the polynomial division (``(x^2 + 1)/x`` is ``x + 1/x``; the same
    divisor, so the same domain)."""
    if divides:
        num, den = sympy.fraction(sympy.cancel(expr))
    else:
        num, den = expr, sympy.Integer(1)
    nums = sorted(_poly_forms(num), key=_ops)[:2]
    if den == 1:
        return nums
    best_den = min(_poly_forms(den), key=_ops)
    forms = [n / best_den for n in nums]
    if not den.free_symbols:
        return forms
    divided = []
    symbols = sorted(num.free_symbols | den.free_symbols, key=lambda v: v.name)
    for lead in symbols:  # each variable leading the monomial order: the quotients differ
        quotient, remainder = sympy.div(num, den, lead, *(v for v in symbols if v != lead))
        if quotient != 0 and remainder != 0:
            divided.append((quotient, remainder))
    if divided:  # the best division, by the size of its expanded parts
        quotient, remainder = min(divided, key=lambda qr: _ops(qr[0]) + _ops(qr[1]))
        best_rem = min(_poly_forms(remainder), key=_ops)
        forms.append(sympy.Add(min(_poly_forms(quotient), key=_ops), best_rem / best_den))
    return forms


def _ops(expr: sympy.Expr) -> int:
    return op_count(from_sympy(expr))


def _poly_forms(poly: sympy.Expr) -> list[sympy.Expr]:
    expanded = sympy.expand(poly)
    if not expanded.free_symbols:
        return [expanded]
    factored = sympy.factor(expanded)
    forms = [expanded, factored]
    if len(expanded.free_symbols) == 1:  # Horner schemes of several variables rarely pay
        forms.append(sympy.horner(expanded))
        if factored.is_Mul or factored.is_Pow:
            forms.append(factored.func(*(sympy.horner(a) if a.is_Add else a
                                         for a in factored.args)))
    return forms


def seed_pairs(term: Term, generic: bool = False) -> list[tuple[Term, Term]]:
    """``(part, alternative)`` pairs for the maximal polynomial (or, when ``generic``,
    rational) parts of ``term`` that have at least two operations and at most
    :data:`SEED_MAX_NODES` nodes. Other subterms (``sin(x)``, ``sqrt(2)``) are atoms of a
    part: the forms are computed with a fresh symbol for each, and a form must keep every
    atom (``log(x) - log(x) + 1`` is not seeded with ``1``, defined where ``log(x)`` is
    not; atoms defined everywhere, and ``sin(u)`` or ``cos(u)`` where the other is kept, may
    go). Where ``sin(u)`` and ``cos(u)`` both occur, the part with ``sin(u)^2`` replaced by
    ``1 - cos(u)^2`` (and back) is seeded too. A part is cancelled only when none of its
    divisors is zero everywhere (cancelling ``(1/0)^0`` to ``1`` would define it).

    >>> from rewriting.terms import parse_term, term_to_str
    >>> [term_to_str(alt) for _, alt in seed_pairs(parse_term("3*sin(x) + 3*sin(x)*y"))]
    ['3 * sin(x) * (1 + y)']
    """
    out: list[tuple[Term, Term]] = []
    stack = [term]
    while stack:
        part = stack.pop()
        atoms = _atoms(part)
        if atoms is None:
            if not isinstance(part, str):
                stack.extend(reversed(part[1:]))
            continue
        seeds = _part_seeds(part, atoms, generic) if node_count(part) <= SEED_MAX_NODES else []
        out += seeds
        if not seeds:  # seed the parts inside instead
            stack.extend(reversed(part[1:]))
        else:
            stack.extend(reversed([a for atom in atoms for a in atom[1:]]))
    return out


def _part_seeds(part: tuple, atoms: list[Term], generic: bool) -> list[tuple[Term, Term]]:
    if op_count(part) < 2 or len(variables(part)) + len(atoms) > SEED_MAX_VARIABLES:
        return []
    divisions = [t for t in subterms(part) if isinstance(t, tuple) and t[0] == "/"]
    if divisions and not (generic and len(generic_denominators(part)) == len(divisions)):
        return []
    fresh = fresh_names(set(leaves(part)), "")
    names = {a: next(fresh) for a in atoms}
    expr = to_sympy(fold(part, lambda leaf: leaf, lambda t, args: names.get(t) or (t[0], *args)))
    if expr.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo):
        return []
    back = {v: a for a, v in names.items()}
    seen = {part}
    out: list[tuple[Term, Term]] = []
    for variant in [expr, *_pythagorean(expr, names)]:
        for form in _forms(variant, bool(divisions)):
            kept = {back[v.name] for v in form.free_symbols if v.name in back}
            if all(a in kept or _partner(a) in kept or defined_everywhere(a) for a in atoms):
                alt = substitute(from_sympy(form), back)
                if alt not in seen:
                    seen.add(alt)
                    out.append((part, alt))
    return out


def _partner(atom: Term) -> Term | None:
    """``cos(u)`` for ``sin(u)`` and back: defined where the other is, so that a form may
    keep either."""
    pairs = {"sin": "cos", "cos": "sin"}
    if isinstance(atom, tuple) and atom[0] in pairs and len(atom) == 2:
        return (pairs[atom[0]], atom[1])
    return None


def _pythagorean(expr: sympy.Expr, names: dict[Term, str]) -> list[sympy.Expr]:
    """``expr`` with ``sin(u)^2`` replaced by ``1 - cos(u)^2``, and with ``cos(u)^2`` by
    ``1 - sin(u)^2``, for every ``u`` with both atoms."""
    out = []
    for atom, name in names.items():
        if isinstance(atom, tuple) and atom[0] == "sin" and _partner(atom) in names:
            sin, cos = sympy.Symbol(name), sympy.Symbol(names[_partner(atom)])
            out += [expr.subs(sin**2, 1 - cos**2), expr.subs(cos**2, 1 - sin**2)]
    return out


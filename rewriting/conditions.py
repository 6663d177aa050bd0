"""Side conditions of a simplification that cancelled divisors.

Under the generic-values assumption (``generic-field``, and seeds that cancel rational
parts) the output may be defined where the input is not: ``(x^2 - 1)/(x - 1)`` becomes
``x + 1``, defined at ``x = 1``. The input is undefined exactly where one of its divisors
vanishes (or is itself undefined), that is on the zero set of an irreducible factor of the
numerator of a divisor. Every such factor that is not also a factor of a divisor of the
output becomes a side condition ``factor != 0``; where all conditions hold, the output is
defined exactly where the input is. The conditions are computed from the two terms, so they
cover every rule and seed alike.

>>> from rewriting.terms import parse_term, term_to_str
>>> [term_to_str(c) for c in lost_divisors(parse_term("(x^2 - 1)/(x - 1)"), parse_term("x + 1"))]
['x - 1']
>>> lost_divisors(parse_term("1/(x*y)"), parse_term("1/y/x"))
()
"""

from __future__ import annotations

import sympy

from mpl_lang.terms import Term, subterms

from .sympy_conv import from_sympy, to_sympy
from .terms import is_number, number_value


def divisors(term: Term) -> list[Term]:
    """The divisors of ``term``: right sides of ``/`` and bases of negative powers, each
    once, in order of first occurrence.

    >>> divisors(("+", ("/", "1", "x"), ("^", "y", "-2")))
    ['x', 'y']
    """
    found: dict[Term, None] = {}
    for sub in subterms(term):
        if not isinstance(sub, tuple) or len(sub) != 3:
            continue
        if sub[0] == "/":
            found.setdefault(sub[2])
        elif sub[0] == "^" and isinstance(sub[2], str) and is_number(sub[2]) and number_value(
                sub[2]) < 0:
            found.setdefault(sub[1])
    return list(found)


def _factors(term: Term) -> dict[sympy.Expr, None]:
    """Irreducible factors (up to sign and constants) of the numerators of ``term``'s
    divisors, in order."""
    out: dict[sympy.Expr, None] = {}
    for divisor in divisors(term):
        expr = to_sympy(divisor)
        numerator = sympy.fraction(sympy.together(expr))[0] if divisors(divisor) else expr
        if not numerator.free_symbols:
            continue
        try:
            parts = [f for f, _ in sympy.factor_list(numerator)[1]]
        except sympy.PolynomialError:
            parts = [numerator]
        for factor in parts:
            if factor.free_symbols:
                out.setdefault(-factor if factor.could_extract_minus_sign() else factor)
    return out


def lost_divisors(before: Term, after: Term) -> tuple[Term, ...]:
    """The side conditions of rewriting ``before`` to ``after`` (``c != 0`` for each ``c``):
    the factors of ``before``'s divisors that ``after`` no longer divides by."""
    kept_divisors = divisors(after)
    expanded = {sympy.expand(to_sympy(d)) for d in kept_divisors}
    if all(d in kept_divisors or sympy.expand(to_sympy(d)) in expanded
           for d in divisors(before)):
        return ()  # the output divides by every divisor of the input (perhaps rearranged)
    kept = _factors(after)
    return tuple(from_sympy(f) for f in _factors(before) if f not in kept)

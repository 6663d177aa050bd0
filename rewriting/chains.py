"""Long sums and products, shortened without an e-graph.

An e-graph's time grows with the nesting of its terms, so a term nested deeper than
:data:`~rewriting.terms.MAX_DEPTH` (a sum of thousands of terms) is not given to egglog
whole. :func:`collect` shortens its chains instead, in one pass over a stack: the terms of
a sum (with their signs) and the factors of a product (numerator and denominator apart) are
gathered; equal terms become one term times their count, equal factors one power, numbers
are folded. Nothing is cancelled across a division, and a term whose count is zero is only
dropped when it is defined everywhere, so the result is defined exactly where the input is.

>>> from rewriting.terms import parse_term, term_to_str
>>> term_to_str(collect(parse_term("x + y + x - 2 + x*x*y")))
'2 * x + y + x^2 * y - 2'
"""

from __future__ import annotations

from fractions import Fraction

from mpl_lang.terms import Term, subterms

from .terms import continues_chain, is_number, number_leaf, number_value

#: operations defined wherever their arguments are (``^`` only with a natural exponent)
_TOTAL = frozenset({"+", "-", "*", "neg", "exp", "sin", "cos"})


def defined_everywhere(term: Term) -> bool:
    """Whether ``term`` has a value at every point (total operations only).

    >>> defined_everywhere(("sin", ("*", "x", "y"))), defined_everywhere(("/", "1", "x"))
    (True, False)
    """
    return all(isinstance(t, str) or t[0] in _TOTAL
               or (t[0] == "^" and isinstance(t[2], str) and t[2].isdigit())
               for t in subterms(term))


def _operands(term: tuple) -> list[tuple[Term, bool]]:
    """The operands of the chain at ``term``, left to right, with their side: ``True`` for
    the terms added (factors multiplied), ``False`` for those subtracted (divided by)."""
    out: list[tuple[Term, bool]] = []
    stack: list[tuple[Term, bool, bool]] = [(term, True, True)]
    while stack:
        current, positive, chain = stack.pop()
        if not chain:
            out.append((current, positive))
            continue
        inverse = current[0] in "-/"
        stack.append((current[2], positive != inverse, continues_chain(current, 2)))
        stack.append((current[1], positive, continues_chain(current, 1)))
    return out


def _chain(items: list[Term], op: str) -> Term:
    acc = items[0]
    for item in items[1:]:
        acc = (op, acc, item)
    return acc


def _sum(operands: list[tuple[Term, bool]]) -> Term:
    counts: dict[Term, Fraction] = {}
    constant = Fraction(0)
    for term, positive in operands:
        sign = 1 if positive else -1
        if isinstance(term, str) and is_number(term):
            constant += sign * number_value(term)
        else:
            counts[term] = counts.get(term, Fraction(0)) + sign
    plus: list[Term] = []
    minus: list[Term] = []
    for term, count in counts.items():
        if count == 0:
            if not defined_everywhere(term):
                plus.append(("*", "0", term))
        elif abs(count) == 1:
            (plus if count > 0 else minus).append(term)
        else:
            (plus if count > 0 else minus).append(("*", number_leaf(abs(count)), term))
    if constant:
        (plus if constant > 0 else minus).append(number_leaf(abs(constant)))
    if not plus:
        return ("neg", _chain(minus, "+")) if minus else "0"
    return _chain([_chain(plus, "+"), *minus], "-") if minus else _chain(plus, "+")


def _product(operands: list[tuple[Term, bool]]) -> Term:
    top: dict[Term, int] = {}
    bottom: dict[Term, int] = {}
    coefficient = Fraction(1)
    for term, positive in operands:
        if isinstance(term, str) and is_number(term) and (positive or number_value(term) != 0):
            value = number_value(term)
            coefficient = coefficient * value if positive else coefficient / value
        else:
            side = top if positive else bottom
            side[term] = side.get(term, 0) + 1

    def powers(counts: dict[Term, int]) -> list[Term]:
        return [t if k == 1 else ("^", t, str(k)) for t, k in counts.items()]

    factors = ([] if coefficient == 1 and top else [number_leaf(coefficient)]) + powers(top)
    numerator = _chain(factors, "*")
    return ("/", numerator, _chain(powers(bottom), "*")) if bottom else numerator


def collect(term: Term) -> Term:
    """``term`` with the equal terms of its sums and the equal factors of its products
    gathered (one level of recursion per level of nesting, chains counting as one)."""
    if isinstance(term, str):
        return term
    if term[0] in "+-*/" and len(term) == 3:
        operands = [(collect(t), side) for t, side in _operands(term)]
        return _sum(operands) if term[0] in "+-" else _product(operands)
    return (term[0], *(collect(a) for a in term[1:]))

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

A part is computed with as a quotient of two polynomials of sympy's sparse polynomial rings
(``sympy.polys.rings``), its other subterms (``sin(x)``, ``exp(2*x)``) standing for fresh
symbols, with the identities that hold between them wherever the part is defined:

* ``exp(k*u)`` is ``exp(g*u)^(k/g)`` for integers ``k`` (``g`` their gcd), so that
  ``(1 + 2*exp(x) + exp(2*x)) / (1 + exp(x))`` cancels to ``1 + exp(x)``;
* ``v = sqrt(v)^2`` for a variable ``v`` of a part that has ``sqrt(v)`` (the part is
  defined only where ``v >= 0``), so ``(y^2 - x) / (y - sqrt(x))`` cancels to
  ``y + sqrt(x)``;
* a part with the square root of one positive rational ``n`` is computed over the field
  ``Q(sqrt(n))``, so ``x^2 + 2*sqrt(2)*x + 2`` factors as ``(x + sqrt(2))^2``;
* ``sin(u)^2 = 1 - cos(u)^2`` and back, where both occur;
* ``pi`` and ``E`` are symbols (``1 + 2*pi + pi^2`` factors as ``(1 + pi)^2``).

>>> from rewriting.terms import parse_term, term_to_str
>>> [term_to_str(alt) for part, alt in seed_pairs(parse_term("x*x + 2*x*y + y*y"))]
['(x + y)^2', 'x^2 + y^2 + 2 * x * y']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd, isqrt
from typing import Any

import sympy
from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement, PolyRing, ring

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
from .sympy_conv import from_sympy
from .terms import is_number, number_value, variables

_POLY_OPS = frozenset({"+", "-", "*", "neg"})
_CONSTANTS = ("pi", "E")

#: parts with more nodes, or more variables and atoms together (sympy's multivariate
#: factorization takes a minute on a sum of 100 names), are not seeded (their subparts are)
SEED_MAX_NODES = 200
SEED_MAX_VARIABLES = 12
#: parts with the root of a rational are also factored over the algebraic field when they
#: have at most this many variables (sympy's algebraic factorization grows fast with more)
SURD_MAX_VARIABLES = 2

#: a numerator and a denominator
RingFraction = tuple[PolyElement, PolyElement]


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


def seed_pairs(term: Term, generic: bool = False) -> list[tuple[Term, Term]]:
    """``(part, alternative)`` pairs for the maximal polynomial (or, when ``generic``,
    rational) parts of ``term`` that have at least two operations and at most
    :data:`SEED_MAX_NODES` nodes. Other subterms (``sin(x)``, ``sqrt(2)``) are atoms of a
    part (with the identities between them listed above): a form must keep every atom
    (``log(x) - log(x) + 1`` is not seeded with ``1``, defined where ``log(x)`` is not;
    atoms defined everywhere, ``sin(u)`` or ``cos(u)`` where the other is kept, and
    ``exp(k*u)`` where some ``exp(g*u)`` is kept, may go). A part is cancelled only when
    none of its divisors is zero everywhere (cancelling ``(1/0)^0`` to ``1`` would define
    it).

    >>> from rewriting.terms import parse_term, term_to_str
    >>> [term_to_str(alt) for _, alt in seed_pairs(parse_term("3*sin(x) + 3*sin(x)*y"))]
    ['3 * sin(x) * (1 + y)']
    >>> [term_to_str(alt) for _, alt in seed_pairs(parse_term("(1 + exp(2*x))/exp(x)"), True)]
    ['(1 + exp(x)^2) / exp(x)', 'exp(x) + 1 / exp(x)']
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


# ---------------------------------------------------------------- a part as polynomials


@dataclass
class _Encoding:
    """A part over a polynomial ring: the term with atoms replaced (``term``), the symbol
    names that stand for each atom (``stands``), what each symbol means (``back``), the
    relations ``v = s^2`` for variables with a root (``roots``: variable -> symbol) and the
    sin/cos symbol pairs."""

    term: Term
    stands: dict[Term, str] = field(default_factory=dict)
    back: dict[str, Term] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    trig: list[tuple[str, str]] = field(default_factory=list)
    surd: Term | None = None


def _split_multiple(arg: Term) -> tuple[int, Term]:
    """``(k, u)`` with ``arg = k*u`` for an integer ``k`` read off the term's shape."""
    sign = 1
    while isinstance(arg, tuple) and arg[0] == "neg":
        sign, arg = -sign, arg[1]
    if isinstance(arg, tuple) and arg[0] == "*":
        for k, other in ((1, 2), (2, 1)):
            leaf = arg[k]
            if isinstance(leaf, str) and is_number(leaf) and number_value(leaf).denominator == 1 \
                    and number_value(leaf) != 0:
                return sign * int(number_value(leaf)), arg[other]
    return sign, arg


def _surd(atom: Term) -> bool:
    """Whether ``atom`` is the square root of a positive rational that is not a square."""
    if not (isinstance(atom, tuple) and atom[0] == "sqrt" and isinstance(atom[1], str)
            and is_number(atom[1])):
        return False
    value = number_value(atom[1])
    return value > 0 and not (_is_square(value.numerator) and _is_square(value.denominator))


def _is_square(n: int) -> bool:
    return isqrt(n) ** 2 == n


def _encode(part: Term, atoms: list[Term]) -> _Encoding:
    fresh = fresh_names(set(leaves(part)), "")
    enc = _Encoding(part)
    surds = sorted({a for a in atoms if _surd(a)})
    if len(surds) == 1:  # computed over Q(sqrt(n)); several roots stay symbols
        enc.surd = surds[0]
    # exp(k*u) for integers k: powers of exp(g*u)
    groups: dict[Term, list[tuple[Term, int]]] = {}
    for atom in atoms:
        if atom[0] == "exp" and len(atom) == 2:
            k, core = _split_multiple(atom[1])
            groups.setdefault(core, []).append((atom, k))
    replace: dict[Term, Term] = {}
    for core, members in groups.items():
        g = 0
        for _, k in members:
            g = gcd(g, k)
        if all(k == g for _, k in members):
            continue  # each member is its own symbol
        name = next(fresh)
        enc.back[name] = ("exp", core if g == 1 else ("*", str(g), core))
        for atom, k in members:
            enc.stands[atom] = name
            power: Term = name if abs(k) == g else ("^", name, str(abs(k) // g))
            replace[atom] = power if k > 0 else ("/", "1", power)
    for atom in [*atoms, *dict.fromkeys(c for c in leaves(part) if c in _CONSTANTS)]:
        if atom in replace:
            continue
        name = next(fresh)
        enc.stands[atom], enc.back[name], replace[atom] = name, atom, name
        if isinstance(atom, tuple) and atom[0] == "sqrt" and isinstance(atom[1], str) \
                and not is_number(atom[1]) and atom[1] not in _CONSTANTS:
            enc.roots[atom[1]] = name
    for atom, name in enc.stands.items():
        if isinstance(atom, tuple) and atom[0] == "sin" and (partner := enc.stands.get(("cos", atom[1]))) is not None:
            enc.trig.append((name, partner))
    enc.term = fold(part, lambda leaf: replace.get(leaf, leaf),
                    lambda t, args: replace.get(t) or (t[0], *args))
    return enc


@functools.lru_cache(maxsize=64)
def _root_field(radicand: Fraction) -> tuple[Any, Any]:
    """``Q(sqrt(radicand))`` and its element ``sqrt(radicand)`` (built once: sympy takes
    tens of milliseconds)."""
    root = sympy.sqrt(sympy.Rational(radicand.numerator, radicand.denominator))
    field_ = QQ.algebraic_field(root)
    return field_, field_.from_sympy(root)


def _fraction(term: Term, R: PolyRing, surd: tuple[str, Any] | None = None) -> RingFraction:
    """``term`` (polynomial operations, division and natural powers of ring symbols and
    numbers) as numerator and denominator in ``R`` (``surd``: a symbol and the element of
    ``R``'s domain that it stands for)."""
    one = R.one
    gens = dict(zip((str(s) for s in R.symbols), R.gens))

    def leaf(name: str) -> RingFraction:
        if surd is not None and name == surd[0]:
            return R(surd[1]), one
        if is_number(name):
            value = number_value(name)
            return R(QQ(value.numerator, value.denominator)), one
        return gens[name], one

    def node(t: tuple, args: list[RingFraction]) -> RingFraction:
        (a, b), op = args[0], t[0]
        if op == "neg":
            return -a, b
        if op == "^":
            n = int(t[2])
            return (a ** n, b ** n) if n else (one, one)  # 0^0 = 1, as a^0 = 1 rewrites
        c, d = args[1]
        if op in ("+", "-"):
            other = c if op == "+" else -c
            return (a + other, b) if b == d else (a * d + other * b, b * d)
        if op == "*":
            return a * c, b * d
        return a * d, b * c  # "/"

    return fold(term, leaf, node)


def _part_seeds(part: tuple, atoms: list[Term], generic: bool) -> list[tuple[Term, Term]]:
    if op_count(part) < 2 or len(variables(part)) + len(atoms) > SEED_MAX_VARIABLES:
        return []
    divisions = [t for t in subterms(part) if isinstance(t, tuple) and t[0] == "/"]
    if divisions and not (generic and len(generic_denominators(part)) == len(divisions)):
        return []
    enc = _encode(part, atoms)
    names = sorted(variables(enc.term))
    R = ring(names, QQ)[0]
    base = _fraction(enc.term, R)
    if base[1] == 0:
        return []
    candidates = [form for num, den in _variants(base, enc, R)
                  for form in _forms(num, den, divides=den != R.one)]
    if enc.surd is not None and len(names) <= SURD_MAX_VARIABLES + 1:
        # over Q(sqrt(n)): x^2 + 2*sqrt(2)*x + 2 = (x + sqrt(2))^2
        field_, surd = _root_field(number_value(enc.surd[1]))
        others = [n for n in names if n != enc.stands[enc.surd]]
        over = ring(others or [enc.stands[enc.surd]], field_)[0]
        num, den = _fraction(enc.term, over, (enc.stands[enc.surd], surd))
        if den != 0:  # a monic denominator: 1/(1 + sqrt(2)) is sqrt(2) - 1
            lead = den.LC
            candidates += _forms(num.quo_ground(lead), den.quo_ground(lead),
                                 divides=not den.is_ground)
    out: list[tuple[Term, Term]] = []
    seen = {part}
    for form in candidates:
        alt = substitute(_term(form), enc.back)
        if alt not in seen and _keeps_atoms(alt, atoms, enc):
            seen.add(alt)
            out.append((part, alt))
    return out


def _keeps_atoms(alt: Term, atoms: list[Term], enc: _Encoding) -> bool:
    """Whether ``alt`` is defined wherever the part is not left undefined by an atom it
    drops: every atom is kept (itself, its stand-in's meaning, or its sin/cos partner) or
    defined everywhere."""
    kept = set(subterms(alt))
    for atom in atoms:
        if atom in kept or defined_everywhere(atom):
            continue
        stand = enc.stands.get(atom)
        if stand is not None and enc.back[stand] in kept:
            continue
        partner = _partner(atom)
        if partner is None or partner not in kept:
            return False
    return True


def _partner(atom: Term) -> Term | None:
    """``cos(u)`` for ``sin(u)`` and back: defined where the other is."""
    pairs = {"sin": "cos", "cos": "sin"}
    if isinstance(atom, tuple) and atom[0] in pairs and len(atom) == 2:
        return (pairs[atom[0]], atom[1])
    return None


def _ordered(R: PolyRing, first: str) -> PolyRing:
    """``R`` with the generator ``first`` leading the lexicographic order."""
    names = [str(s) for s in R.symbols]
    return ring([first, *(n for n in names if n != first)], R.domain)[0]


def _moved(poly: PolyElement, S: PolyRing) -> PolyElement:
    """``poly`` in the ring ``S`` of the same generators and domain in another order (not
    ``set_ring``, which converts every coefficient of an algebraic field anew)."""
    names = [str(s) for s in poly.ring.symbols]
    index = [names.index(str(s)) for s in S.symbols]
    return S({tuple(m[i] for i in index): c for m, c in poly.terms()})


def _reduce(pair: RingFraction, R: PolyRing, lead: str, relation: Callable[[PolyRing], PolyElement]
            ) -> RingFraction:
    """Numerator and denominator reduced modulo ``relation`` in the order led by ``lead``."""
    S = _ordered(R, lead)
    rel = relation(S)
    return tuple(_moved(_moved(p, S).rem([rel]), R) for p in pair)  # type: ignore[return-value]


def _variants(base: RingFraction, enc: _Encoding, R: PolyRing) -> Iterator[RingFraction]:
    """The part itself, with ``v = sqrt(v)^2`` (cancelled, then reduced back), and with
    ``sin^2 = 1 - cos^2`` and back."""
    yield base
    gens = dict(zip((str(s) for s in R.symbols), R.gens))
    if enc.roots:
        num, den = base
        for v, s in enc.roots.items():
            if v in gens:
                num, den = num.compose(gens[v], gens[s] ** 2), den.compose(gens[v], gens[s] ** 2)
        num, den = num.cancel(den)
        for v, s in enc.roots.items():
            if v in gens:
                num, den = _reduce((num, den), R, s, lambda S, v=v, s=s: _gen(S, s) ** 2 - _gen(S, v))
        if (num, den) != base:
            yield num, den
    for sin, cos in enc.trig:
        for a, b in ((sin, cos), (cos, sin)):
            yield _reduce(base, R, a, lambda S, a=a, b=b: _gen(S, a) ** 2 + _gen(S, b) ** 2 - 1)


def _gen(R: PolyRing, name: str) -> PolyElement:
    return R.gens[[str(s) for s in R.symbols].index(name)]


def _forms(num: PolyElement, den: PolyElement, divides: bool) -> list[sympy.Expr]:
    """Candidate forms: the two best numerators over the best denominator (``divides``:
    cancelled first), and the quotient plus the remainder over the denominator of the
    polynomial division (``(x^2 + 1)/x`` is ``x + 1/x``; the same divisor, so the same
    domain)."""
    if divides:
        num, den = num.cancel(den)
    nums = sorted(_poly_forms(num), key=_ops)[:2]
    if den == 1:
        return nums
    best_den = min(_poly_forms(den), key=_ops)
    forms = [n / best_den for n in nums]
    if den.is_ground:
        return forms
    divided = []
    R = num.ring
    for lead in sorted(str(s) for s in R.symbols):  # each variable leading: quotients differ
        if num.degree(_gen(R, lead)) <= 0 and den.degree(_gen(R, lead)) <= 0:
            continue
        S = _ordered(R, lead)
        (quotient,), remainder = _moved(num, S).div([_moved(den, S)])
        if quotient != 0 and remainder != 0:
            divided.append((quotient, remainder))
    if divided:  # the best division, by the size of its parts
        quotient, remainder = min(divided, key=lambda qr: _ops(qr[0].as_expr())
                                  + _ops(qr[1].as_expr()))
        best_rem = min(_poly_forms(remainder), key=_ops)
        forms.append(sympy.Add(min(_poly_forms(quotient), key=_ops), best_rem / best_den))
    return forms


@functools.lru_cache(maxsize=4096)
def _term(expr: sympy.Expr) -> Term:
    """The term of a form (each form is converted once: for its size, then as a seed)."""
    return from_sympy(expr)


def _ops(expr: sympy.Expr) -> int:
    return op_count(_term(expr))


def _poly_forms(poly: PolyElement) -> list[sympy.Expr]:
    """Expanded, factored (over an algebraic field, with each variable leading: the
    factors are made monic in it) and, in one variable, Horner forms."""
    expanded = poly.as_expr()
    if poly.is_ground:
        return [expanded]
    R = poly.ring
    used = [k for k, g in enumerate(R.gens) if poly.degree(g) > 0]
    orders = [R] if R.domain == QQ else [_ordered(R, str(R.symbols[k])) for k in used]
    forms = [expanded]
    factorizations = []
    for S in orders:
        coeff, factors = _moved(poly, S).factor_list()
        factorizations.append((S.domain.to_sympy(coeff), factors))
        factored = sympy.Mul(factorizations[-1][0], *(f.as_expr() ** k for f, k in factors))
        if factored not in forms:
            forms.append(factored)
    if len(used) == 1:  # Horner schemes of several variables rarely pay
        forms.append(_horner(poly, used[0]))
        coeff, factors = factorizations[0]
        if coeff != 1 or len(factors) > 1 or factors[0][1] > 1:
            forms.append(sympy.Mul(coeff, *(_horner(f, used[0]) ** k for f, k in factors)))
    return forms


def _horner(poly: PolyElement, var: int) -> sympy.Expr:
    """The Horner scheme of a polynomial in the ring's generator number ``var`` alone."""
    x, to_sympy = poly.ring.symbols[var], poly.ring.domain.to_sympy
    coeffs = {monom[var]: coeff for monom, coeff in poly.terms()}
    acc: sympy.Expr = sympy.Integer(0)
    for k in range(max(coeffs), -1, -1):
        acc = acc * x + to_sympy(coeffs[k]) if k in coeffs else acc * x
    return acc

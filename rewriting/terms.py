"""Plain term tuples: the exchange format of the rewriting package.

A *term* is a ``str`` leaf (a variable or constant name such as ``"a"`` or ``"i0"``, or a
number such as ``"3"``, ``"-2"``, ``"1/2"``, ``"0.25"``) or a tuple ``(op, *args)`` whose
arguments are terms, e.g. ``("+", ("s", "a"), "i0")``. Terms are hashable, picklable and
cheap to send between processes, which e-graphs and egglog expressions are not.

>>> parse_term("a*(b+s(i0))")
('*', 'a', ('+', 'b', ('s', 'i0')))
>>> term_to_str(("+", ("s", "a"), "i0"))
's(a) + i0'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeAlias

Term: TypeAlias = str | tuple

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_']*\Z")
_OP_SYMBOL = re.compile(r"[-+*/^<>=&|~!%.]+\Z")
_NUMBER = re.compile(r"-?\d+(\.\d+)?(/\d+)?\Z")
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_']*)|(\*\*|[-+*/^(),]))")

#: infix operators and their binding strength (higher binds tighter)
_INFIX = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_NEG_PREC = 3
_ATOM_PREC = 5


class TermError(ValueError):
    """A malformed term or expression text; ``str()`` is a one-line message."""


@dataclass(frozen=True)
class PeanoSignature:
    """Names of the Peano operations in a theory.

    >>> PeanoSignature().one
    ('s', 'i0')
    """

    zero: str = "i0"
    succ: str = "s"
    add: str = "+"
    mul: str = "*"

    @property
    def one(self) -> Term:
        """The term for 1, ``succ(zero)``."""
        return (self.succ, self.zero)

    def numeral(self, n: int) -> Term:
        """The term ``succ^n(zero)``.

        >>> PeanoSignature().numeral(2)
        ('s', ('s', 'i0'))
        """
        term: Term = self.zero
        for _ in range(n):
            term = (self.succ, term)
        return term


PEANO = PeanoSignature()


def is_number(leaf: str) -> bool:
    """Whether a leaf names a number (``"3"``, ``"-2"``, ``"1/2"``, ``"0.25"``).

    >>> is_number("1/2"), is_number("x")
    (True, False)
    """
    return bool(_NUMBER.match(leaf))


def number_value(leaf: str) -> Fraction:
    """The exact value of a number leaf.

    >>> number_value("0.25")
    Fraction(1, 4)
    """
    if not is_number(leaf):
        raise TermError(f"not a number: {leaf!r}")
    return Fraction(leaf)


def number_leaf(value: Fraction | int) -> str:
    """The canonical leaf for a rational number.

    >>> number_leaf(Fraction(-3, 6))
    '-1/2'
    """
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def check_term(term: object) -> Term:
    """Return ``term`` if it is a well-formed term, else raise :class:`TermError`.

    >>> check_term(("f", "x"))
    ('f', 'x')
    """
    if isinstance(term, str):
        if not (_NAME.match(term) or _NUMBER.match(term)):
            raise TermError(f"bad leaf {term!r}: expected a name or a number")
        return term
    if isinstance(term, tuple) and len(term) >= 2:
        check_op(term[0])
        for arg in term[1:]:
            check_term(arg)
        return term
    raise TermError(f"bad term {term!r}: expected a str leaf or a tuple (op, *args)")


def check_op(op: object) -> str:
    """Return ``op`` if it can name an operation (a name, or symbols such as ``+`` or ``<=``).

    >>> check_op("s"), check_op("+")
    ('s', '+')
    """
    if isinstance(op, str) and (_NAME.match(op) or _OP_SYMBOL.match(op)):
        return op
    raise TermError(f"bad operation name {op!r}")


def leaves(term: Term) -> Iterator[str]:
    """All leaves, left to right, with repetitions.

    >>> list(leaves(("+", "a", ("*", "b", "a"))))
    ['a', 'b', 'a']
    """
    if isinstance(term, str):
        yield term
    else:
        for arg in term[1:]:
            yield from leaves(arg)


def variables(term: Term, constants: frozenset[str] = frozenset()) -> list[str]:
    """Distinct non-number leaves not in ``constants``, in order of first occurrence.

    >>> variables(("+", "a", ("s", "i0"), "2", "a"), frozenset({"i0"}))
    ['a']
    """
    seen: dict[str, None] = {}
    for leaf in leaves(term):
        if leaf not in constants and not is_number(leaf):
            seen.setdefault(leaf)
    return list(seen)


def subterms(term: Term) -> Iterator[Term]:
    """Every subterm, the term itself first (pre-order)."""
    yield term
    if isinstance(term, tuple):
        for arg in term[1:]:
            yield from subterms(arg)


def substitute(term: Term, mapping: dict[str, Term]) -> Term:
    """Replace leaves by terms.

    >>> substitute(("+", "a", "b"), {"a": ("s", "i0")})
    ('+', ('s', 'i0'), 'b')
    """
    if isinstance(term, str):
        return mapping.get(term, term)
    return (term[0], *(substitute(a, mapping) for a in term[1:]))


def node_count(term: Term) -> int:
    """Number of nodes, leaves included.

    >>> node_count(("+", "a", ("s", "b")))
    4
    """
    return sum(1 for _ in subterms(term))


def op_count(term: Term) -> int:
    """Number of operations: inner nodes, with ``fma`` counting as two (a multiply and an add).

    The benchmark uses this one function for gl's and sympy's outputs alike.

    >>> op_count(("fma", "a", "b", ("-", "c", "2")))
    3
    """
    if isinstance(term, str):
        return 0
    own = 2 if term[0] == "fma" else 1
    return own + sum(op_count(a) for a in term[1:])


# ---------------------------------------------------------------- text form


def parse_term(text: str) -> Term:
    """Parse infix text into a term.

    Operators ``+ - * / ^`` (``**`` is ``^``) with the usual precedence, unary minus
    (``("neg", x)``; a minus sign before a number literal makes a negative number leaf),
    calls ``f(x, y)``, names and numbers.

    >>> parse_term("-x + 2^-3 * f(y, s(i0))")
    ('+', ('neg', 'x'), ('*', ('^', '2', '-3'), ('f', 'y', ('s', 'i0'))))
    """
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str, int]] = []  # (kind, value, column)
        pos = 0
        while pos < len(text):
            if text[pos:].strip() == "":
                break
            m = _TOKEN.match(text, pos)
            if not m:
                col = len(text[pos:]) - len(text[pos:].lstrip()) + pos + 1
                raise TermError(f"col {col}: unexpected character {text[col - 1]!r}")
            kind = "num" if m.group(1) else "name" if m.group(2) else "op"
            value = m.group(1) or m.group(2) or m.group(3)
            self.tokens.append((kind, "^" if value == "**" else value, m.start(m.lastindex) + 1))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i] if self.i < len(self.tokens) else ("end", "", len(self.text) + 1)

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if value is not None and tok[1] != value:
            found = repr(tok[1]) if tok[0] != "end" else "end of input"
            raise TermError(f"col {tok[2]}: expected {value!r}, found {found}")
        self.i += 1
        return tok

    def parse(self) -> Term:
        if not self.tokens:
            raise TermError("empty expression")
        term = self.sum()
        tok = self.peek()
        if tok[0] != "end":
            raise TermError(f"col {tok[2]}: unexpected {tok[1]!r}")
        return term

    def sum(self) -> Term:
        term = self.product()
        while self.peek()[1] in ("+", "-") and self.peek()[0] == "op":
            op = self.take()[1]
            term = (op, term, self.product())
        return term

    def product(self) -> Term:
        term = self.unary()
        while self.peek()[1] in ("*", "/") and self.peek()[0] == "op":
            op = self.take()[1]
            term = (op, term, self.unary())
        return term

    def unary(self) -> Term:
        if self.peek()[1] == "-" and self.peek()[0] == "op":
            self.take()
            nxt = self.tokens[self.i + 1][1] if self.i + 1 < len(self.tokens) else ""
            if self.peek()[0] == "num" and nxt != "^":
                return "-" + self.take()[1]
            return ("neg", self.unary())
        return self.power()

    def power(self) -> Term:
        base = self.atom()
        if self.peek()[1] == "^":
            self.take()
            return ("^", base, self.unary())
        return base

    def atom(self) -> Term:
        kind, value, col = self.peek()
        if kind == "num":
            self.take()
            return value
        if kind == "name":
            self.take()
            if self.peek()[1] != "(":
                return value
            self.take("(")
            args = [self.sum()]
            while self.peek()[1] == ",":
                self.take()
                args.append(self.sum())
            self.take(")")
            return (value, *args)
        if value == "(":
            self.take()
            term = self.sum()
            self.take(")")
            return term
        found = repr(value) if kind != "end" else "end of input"
        raise TermError(f"col {col}: expected a name, number or '(', found {found}")


def _prec(term: Term) -> int:
    if isinstance(term, str):
        if "/" in term:
            return _INFIX["/"]
        return _NEG_PREC if term.startswith("-") else _ATOM_PREC
    if term[0] in _INFIX and len(term) == 3:
        return _INFIX[term[0]]
    if term[0] == "neg" and len(term) == 2:
        return _NEG_PREC
    return _ATOM_PREC


def term_to_str(term: Term) -> str:
    """Infix text that :func:`parse_term` reads back as the same term.

    >>> term_to_str(("-", "a", ("-", "b", "c")))
    'a - (b - c)'
    >>> term_to_str(("neg", "3"))
    '-(3)'
    """
    if isinstance(term, str):
        return term
    op, args = term[0], term[1:]
    if op in _INFIX and len(args) == 2:
        p = _INFIX[op]
        left, right = args
        if op == "^":
            ltxt = _wrap(left, _prec(left) <= p)
            rtxt = _wrap(right, _prec(right) < p)
            return f"{ltxt}^{rtxt}"
        ltxt = _wrap(left, _prec(left) < p)
        rtxt = _wrap(right, _prec(right) <= p)
        return f"{ltxt} {op} {rtxt}"
    if op == "neg" and len(args) == 1:
        (arg,) = args
        needs = _prec(arg) < _NEG_PREC or (isinstance(arg, str) and is_number(arg))
        return "-" + _wrap(arg, needs)
    return f"{op}({', '.join(term_to_str(a) for a in args)})"


def _wrap(term: Term, parens: bool) -> str:
    text = term_to_str(term)
    return f"({text})" if parens else text

"""What the rewriting package adds to terms (`mpl_lang.terms`): number leaves, size limits,
the Peano operations, and the infix text of its input.

A term is a ``str`` leaf (a variable or constant name such as ``"a"`` or ``"i0"``, or a
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
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from mpl_lang.names import is_identifier
from mpl_lang.terms import ATOM, Notation, Term, fold, infix, leaves

T = TypeVar("T")

#: size limits of an expression (text, term tuple or extracted result); past them a
#: :class:`TermError` says which limit was passed
MAX_CHARS = 100_000
MAX_NODES = 20_000
MAX_DEPTH = 500
MAX_DIGITS = 1_000

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_']*\Z")
_OP_SYMBOL = re.compile(r"[-+*/^<>=&|~!%.]+\Z")
_NUMBER = re.compile(r"-?\d+(\.\d+)?(/\d+)?\Z")
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_']*)|(\*\*|[-+*/^(),]))")

#: infix operators and their binding strength (higher binds tighter)
_INFIX = {"+": 1, "-": 1, "*": 2, "/": 2, "^": 4}
_NEG_PREC = 3


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

    def evaluate(self, term: Term, leaf: Callable[[str], T]) -> T:
        """The value of a Peano term from the values of its leaves (``leaf``, the zero
        included): successor adds 1, + and * act on the values.

        >>> PeanoSignature().evaluate(("*", "a", ("s", ("s", "i0"))), {"a": 3, "i0": 0}.get)
        6
        """

        def node(t: tuple, args: list[T]) -> T:
            op = t[0]
            if op == self.succ and len(args) == 1:
                return args[0] + 1
            if op == self.add and len(args) == 2:
                return args[0] + args[1]
            if op == self.mul and len(args) == 2:
                return args[0] * args[1]
            raise TermError(f"not a Peano operation: {op!r} with {len(args)} arguments")

        return fold(term, leaf, node)

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
    """Return ``term`` if it is a well-formed term within the size limits, else raise
    :class:`TermError`.

    >>> check_term(("f", "x"))
    ('f', 'x')
    """
    if isinstance(term, str):
        _check_leaf(term)
        return term
    stack = [term]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            _check_leaf(current)
        elif isinstance(current, tuple) and len(current) >= 2:
            check_op(current[0])
            stack.extend(current[1:])
        else:
            raise TermError(f"bad term {current!r}: expected a str leaf or a tuple (op, *args)")
    return check_size(term)


def _check_leaf(leaf: str) -> None:
    if not (_NAME.match(leaf) or _NUMBER.match(leaf)):
        raise TermError(f"bad leaf {leaf[:40]!r}: expected a name or a number")
    if len(leaf) > MAX_DIGITS and sum(c.isdigit() for c in leaf) > MAX_DIGITS:
        raise TermError(f"a number with more than {MAX_DIGITS} digits (the limit)")


#: the operations of a chain: a sum or difference of n terms (a product or quotient of n
#: factors) nests n - 1 deep but is one level of nesting for :func:`check_size`
CHAINS = {"+": "+-", "-": "+-", "*": "*/", "/": "*/"}


def continues_chain(parent: tuple, index: int) -> bool:
    """Whether argument ``index`` (1-based) of ``parent`` continues its chain: any argument
    of ``+`` and ``*``, the left one of ``-`` and ``/``, when it is of the same family.

    >>> continues_chain(("-", ("+", "a", "b"), "c"), 1), continues_chain(("-", "a", ("+", "b", "c")), 2)
    (True, False)
    """
    child = parent[index]
    return (isinstance(child, tuple) and parent[0] in CHAINS and len(parent) == 3
            and len(child) == 3 and child[0] in CHAINS[parent[0]]
            and (parent[0] in "+*" or index == 1))


def check_size(term: Term) -> Term:
    """Return ``term`` if it has at most :data:`MAX_NODES` nodes and :data:`MAX_DEPTH`
    levels of nesting (a chain of sums or of products counting as one level), else raise
    :class:`TermError`.

    >>> check_size(("neg", "x"))
    ('neg', 'x')
    """
    nodes = 0
    stack: list[tuple[Term, int]] = [(term, 0)]
    while stack:
        current, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise TermError(f"more than {MAX_NODES} nodes (the limit)")
        if depth > MAX_DEPTH:
            raise TermError(f"nested more than {MAX_DEPTH} deep (the limit)")
        if isinstance(current, tuple):
            stack.extend((arg, depth + (not continues_chain(current, k)))
                         for k, arg in enumerate(current[1:], 1))
    return term


def nesting(term: Term) -> int:
    """How deep ``term`` nests, every operation counting (a leaf: 0).

    >>> nesting(("+", ("+", "a", "b"), "c"))
    2
    """
    deepest = 0
    stack: list[tuple[Term, int]] = [(term, 0)]
    while stack:
        current, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(current, tuple):
            stack.extend((arg, depth + 1) for arg in current[1:])
    return deepest


def check_op(op: object) -> str:
    """Return ``op`` if it can name an operation (a name, symbols such as ``+`` or ``<=``,
    or any MPL identifier: a theory's functions keep their names, ``2x`` and ``@`` included).

    >>> check_op("s"), check_op("+"), check_op("2x"), check_op("@")
    ('s', '+', '2x', '@')
    """
    if isinstance(op, str) and (_NAME.match(op) or _OP_SYMBOL.match(op) or is_identifier(op)):
        return op
    raise TermError(f"bad operation name {op!r}")


def variables(term: Term, constants: frozenset[str] = frozenset()) -> list[str]:
    """Distinct non-number leaves not in ``constants``, in order of first occurrence.

    >>> variables(("+", "a", ("s", "i0"), "2", "a"), frozenset({"i0"}))
    ['a']
    """
    return [x for x in dict.fromkeys(leaves(term)) if x not in constants and not is_number(x)]


# ---------------------------------------------------------------- text form


def parse_term(text: str) -> Term:
    """Parse infix text into a term.

    Operators ``+ - * / ^`` (``**`` is ``^``) with the usual precedence, unary minus
    (``("neg", x)``; a minus sign before a number literal makes a negative number leaf),
    calls ``f(x, y)``, names and numbers. The parser keeps its own stack (no recursion), so
    only the size limits bound the input.

    >>> parse_term("-x + 2^-3 * f(y, s(i0))")
    ('+', ('neg', 'x'), ('*', ('^', '2', '-3'), ('f', 'y', ('s', 'i0'))))
    """
    if len(text) > MAX_CHARS:
        raise TermError(f"longer than {MAX_CHARS} characters (the limit)")
    return check_size(_Parser(_tokens(text), len(text) + 1).parse())


_SPACE = re.compile(r"\s*")

Token = tuple[str, str, int]  # (kind, value, column)


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while (pos := _SPACE.match(text, pos).end()) < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise TermError(f"col {pos + 1}: unexpected character {text[pos]!r}")
        kind = "num" if m.group(1) else "name" if m.group(2) else "op"
        value = m.group(1) or m.group(2) or m.group(3)
        col = m.start(m.lastindex) + 1
        if kind == "num" and len(value) > MAX_DIGITS + 1:
            raise TermError(f"col {col}: a number with more than {MAX_DIGITS} digits (the limit)")
        tokens.append((kind, "^" if value == "**" else value, col))
        pos = m.end()
    return tokens


class _Parser:
    """Operator precedence parsing with explicit stacks: ``out`` holds terms, ``ops``
    pending operators (``bin``, ``neg``) and open groups (``paren``, ``call``)."""

    def __init__(self, tokens: list[Token], end: int) -> None:
        self.tokens = tokens
        self.end: Token = ("end", "", end)
        self.i = 0
        self.out: list[Term] = []
        self.ops: list[tuple] = []

    def peek(self, ahead: int = 0) -> Token:
        j = self.i + ahead
        return self.tokens[j] if j < len(self.tokens) else self.end

    def parse(self) -> Term:
        if not self.tokens:
            raise TermError("empty expression")
        expect_operand = True
        while True:
            tok = self.peek()
            self.i += 1
            if expect_operand:
                expect_operand = self.operand(tok)
            elif tok[0] == "end":
                self.close(tok, None)
                return self.out[0]
            else:
                expect_operand = self.operator(tok)

    def operand(self, tok: Token) -> bool:
        """Handle a token where an operand must start; whether an operand is still due."""
        kind, value, col = tok
        if kind == "op" and value == "-":
            if self.peek()[0] == "num" and self.peek(1)[1] != "^":
                self.out.append("-" + self.peek()[1])
                self.i += 1
                return False
            self.ops.append(("neg", _NEG_PREC))
            return True
        if kind == "num":
            self.out.append(value)
            return False
        if kind == "name" and self.peek()[1] == "(":
            self.i += 1
            self.ops.append(("call", value, len(self.out)))
            return True
        if kind == "name":
            self.out.append(value)
            return False
        if value == "(":
            self.ops.append(("paren", col))
            return True
        found = repr(value) if kind != "end" else "end of input"
        raise TermError(f"col {col}: expected a name, number or '(', found {found}")

    def operator(self, tok: Token) -> bool:
        """Handle a token after a complete operand; whether an operand is due next."""
        kind, value, col = tok
        if kind == "op" and value in _INFIX:
            prec = _INFIX[value]
            while self.ops and self.ops[-1][0] in ("bin", "neg") and (
                    self.ops[-1][1] > prec or (self.ops[-1][1] == prec and value != "^")):
                self.reduce()
            self.ops.append(("bin", prec, value))
            return True
        if value == ",":
            self.ops.append(self.close(tok, "call"))  # the call stays open for its next argument
            return True
        if value == ")":
            group = self.close(tok, "group")
            if group[0] == "call":
                args = self.out[group[2]:]
                del self.out[group[2]:]
                self.out.append((group[1], *args))
            return False
        inside = any(op[0] in ("paren", "call") for op in self.ops)
        if inside:
            raise TermError(f"col {col}: expected ')', found {value!r}")
        raise TermError(f"col {col}: unexpected {value!r}")

    def close(self, tok: Token, want: str | None) -> tuple:
        """Reduce the pending operators down to the innermost open group, which ``want``
        names (``call``: a comma, ``group``: a ``)``) or, at the end, must not exist."""
        while self.ops and self.ops[-1][0] in ("bin", "neg"):
            self.reduce()
        if want is None:
            if self.ops:
                raise TermError(f"col {tok[2]}: expected ')', found end of input")
            return ()
        if not self.ops or (want == "call" and self.ops[-1][0] != "call"):
            raise TermError(f"col {tok[2]}: unexpected {tok[1]!r}")
        return self.ops.pop()

    def reduce(self) -> None:
        op = self.ops.pop()
        if op[0] == "neg":
            self.out.append(("neg", self.out.pop()))
        else:
            right = self.out.pop()
            self.out.append((op[2], self.out.pop(), right))


def _leaf_strength(leaf: str) -> int:
    """A fraction leaf binds like ``/``, a negative one like the sign."""
    if "/" in leaf:
        return _INFIX["/"]
    return _NEG_PREC if leaf.startswith("-") else ATOM


#: the notation :func:`parse_term` reads: ``+ - * /`` left-associative, ``^`` right-associative
#: and unspaced, ``neg`` as a minus sign, calls ``f(x, y)``
ARITHMETIC = Notation(_INFIX, associativity={"+": "left", "-": "left", "*": "left", "/": "left", "^": "right"},
                      unspaced=frozenset({"^"}), prefix={"neg": ("-", _NEG_PREC)},
                      leaf_strength=_leaf_strength, sign_glues=is_number)


def term_to_str(term: Term) -> str:
    """Infix text that :func:`parse_term` reads back as the same term.

    >>> term_to_str(("-", "a", ("-", "b", "c")))
    'a - (b - c)'
    >>> term_to_str(("neg", "3"))
    '-(3)'
    """
    return infix(term, ARITHMETIC)

"""Terms: the one representation of function terms that every package of gl uses.

A *term* is a leaf name (a variable or constant such as ``"a"`` or ``"i0"``; rewriting also
has number leaves such as ``"3"``) or a tuple ``(function, *arguments)`` whose arguments
are terms, e.g. ``("+", ("s", "a"), "i0")``. Terms are hashable and cheap to pickle.

MPL has no function terms: it states ``f(x) = y`` with the graph atom ``in2[x,y,f]``,
``f(x, y) = z`` with ``in3[x,y,z,f]`` and ``f(x, y, z) = w`` with ``in4[x,y,z,w,f]``. `decode_graph` and `encode_graph` convert between
such atoms and (function, inputs, output). The traversals here take terms of any depth
(they keep stacks of their own rather than recurse deeply); `infix` writes a term as infix
text in a `Notation`.

>>> t = ("+", ("*", "a", "b"), ("s", "c"))
>>> leaves(t), node_count(t), op_count(t)
(['a', 'b', 'c'], 6, 3)
>>> infix(t), infix(("*", ("+", "a", "b"), "c"))
('a * b + s(c)', '(a + b) * c')
>>> decode_graph("in3", ("a", "b", "c", "+")), encode_graph("s", ("a",), "b")
(('+', ('a', 'b'), 'c'), ('in2', ('a', 'b', 's')))
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import count
from typing import TypeAlias, TypeVar

Term: TypeAlias = str | tuple
#: the argument indices leading from a term's root to one of its sub-terms
Path: TypeAlias = tuple[int, ...]
T = TypeVar("T")

# ---------------------------------------------------------------- graph atoms

#: graph predicate -> number of function inputs (`in2[x,y,f]`: f(x) = y; `in3[x,y,z,f]`:
#: f(x,y) = z; `in4[x,y,z,w,f]`: f(x,y,z) = w)
GRAPH_ARITY: dict[str, int] = {"in2": 1, "in3": 2, "in4": 3}
#: number of function inputs -> graph predicate
GRAPH_PREDICATE: dict[int, str] = {n: pred for pred, n in GRAPH_ARITY.items()}


def decode_graph(pred: str, args: tuple[str, ...]) -> tuple[str, tuple[str, ...], str] | None:
    """(function, inputs, output) that the atom ``pred[args]`` states, or None when it is
    not a graph atom.

    >>> decode_graph("in2", ("x", "y", "f")), decode_graph("in", ("x", "N"))
    (('f', ('x',), 'y'), None)
    """
    n = GRAPH_ARITY.get(pred)
    if n is None or len(args) != n + 2:
        return None
    return args[-1], args[:n], args[n]


def encode_graph(function: str, inputs: tuple[str, ...], output: str) -> tuple[str, tuple[str, ...]]:
    """(predicate, arguments) of the graph atom stating ``function(*inputs) = output``.

    >>> encode_graph("+", ("a", "b"), "c")
    ('in3', ('a', 'b', 'c', '+'))
    """
    return GRAPH_PREDICATE[len(inputs)], (*inputs, output, function)


# ---------------------------------------------------------------- traversal


#: how deep `fold` recurses before it continues on a stack of its own (recursion is faster
#: on the small terms of statements; its own stack has room for any depth)
RECURSION_DEPTH = 100


def fold(term: Term, leaf: Callable[[str], T], node: Callable[[tuple, list[T]], T]) -> T:
    """Combine a term bottom-up: ``leaf(s)`` for each leaf, ``node(t, values of t's
    arguments)`` for each application ``t``, left to right (any depth).

    >>> fold(("+", "a", ("*", "b", "c")), len, lambda t, args: 1 + sum(args))
    5
    """
    return _fold(term, leaf, node, RECURSION_DEPTH)


def _fold(term: Term, leaf: Callable[[str], T], node: Callable[[tuple, list[T]], T], depth: int) -> T:
    if isinstance(term, str):
        return leaf(term)
    if not depth:
        return _fold_on_a_stack(term, leaf, node)
    return node(term, [_fold(a, leaf, node, depth - 1) for a in term[1:]])


def _fold_on_a_stack(term: tuple, leaf: Callable[[str], T], node: Callable[[tuple, list[T]], T]) -> T:
    """`fold` without recursion, in the same order."""
    stack: list[Term | _Combine] = [term]
    out: list[T] = []
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            out.append(leaf(current))
        elif isinstance(current, _Combine):
            t = current.term
            n = len(t) - 1
            args = out[-n:]
            del out[-n:]
            out.append(node(t, args))
        else:
            stack.append(_Combine(current))
            stack.extend(reversed(current[1:]))
    return out[0]


class _Combine:
    """A mark on `fold`'s stack: the values of the arguments of `term` are ready."""

    __slots__ = ("term",)

    def __init__(self, term: tuple) -> None:
        self.term = term


def leaves(term: Term) -> list[str]:
    """The leaves, left to right, with repetitions.

    >>> leaves(("+", "a", ("*", "b", "a")))
    ['a', 'b', 'a']
    """
    if isinstance(term, str):
        return [term]
    out: list[str] = []
    stack = list(reversed(term[1:]))
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            out.append(current)
        else:
            stack.extend(reversed(current[1:]))
    return out


def variables(*terms: Term, constants: Collection[str] = frozenset()) -> list[str]:
    """The distinct leaves of ``terms`` that are not ``constants``, by first occurrence.

    >>> variables(("+", "b", "i0"), ("+", "a", "b"), constants={"i0"})
    ['b', 'a']
    """
    return [x for x in dict.fromkeys(x for t in terms for x in leaves(t)) if x not in constants]


def subterms(term: Term) -> Iterator[Term]:
    """Every sub-term, the term itself first (pre-order).

    >>> list(subterms(("s", ("s", "a"))))
    [('s', ('s', 'a')), ('s', 'a'), 'a']
    """
    stack = [term]
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, str):
            stack.extend(reversed(current[1:]))


def positions(term: Term) -> Iterator[tuple[Path, Term]]:
    """Every (path, sub-term), pre-order; a path lists argument indices from the root.

    >>> list(positions(("+", "a", ("s", "b"))))
    [((), ('+', 'a', ('s', 'b'))), ((0,), 'a'), ((1,), ('s', 'b')), ((1, 0), 'b')]
    """
    stack: list[tuple[Path, Term]] = [((), term)]
    while stack:
        path, current = stack.pop()
        yield path, current
        if not isinstance(current, str):
            stack.extend([((*path, i), a) for i, a in reversed(list(enumerate(current[1:])))])


def subterm_at(term: Term, path: Path) -> Term:
    """The sub-term at ``path``.

    >>> subterm_at(("+", "a", ("s", "b")), (1, 0))
    'b'
    """
    for i in path:
        term = term[i + 1]
    return term


def replace(term: Term, path: Path, new: Term) -> Term:
    """``term`` with the sub-term at ``path`` replaced by ``new``.

    >>> replace(("+", "a", ("s", "b")), (1, 0), "c")
    ('+', 'a', ('s', 'c'))
    """
    spine = [term]
    for i in path[:-1]:
        spine.append(spine[-1][i + 1])
    for i, parent in zip(reversed(path), reversed(spine)):
        new = (*parent[:i + 1], new, *parent[i + 2:])
    return new


def substitute(term: Term, mapping: Mapping[str, Term]) -> Term:
    """Replace leaves by terms.

    >>> substitute(("+", "a", "b"), {"a": ("s", "i0")})
    ('+', ('s', 'i0'), 'b')
    """
    return fold(term, lambda leaf: mapping.get(leaf, leaf), lambda t, args: (t[0], *args))


def rename(term: Term, renaming: Mapping[str, str]) -> Term:
    """``term`` with leaves renamed (a `substitute` of names for names).

    >>> rename(("+", "a", "b"), {"a": "b", "b": "a"})
    ('+', 'b', 'a')
    """
    return substitute(term, renaming)


def canonical(lhs: Term, rhs: Term, constants: Collection[str] = frozenset()) -> tuple[Term, Term]:
    """An equation with its variables (leaves that are not ``constants``) renamed by first
    occurrence to x0, x1, ...

    >>> canonical(("+", "b", "i0"), ("+", "i0", "b"), {"i0"})
    (('+', 'x0', 'i0'), ('+', 'i0', 'x0'))
    """
    renaming = {x: f"x{i}" for i, x in enumerate(variables(lhs, rhs, constants=constants))}
    return rename(lhs, renaming), rename(rhs, renaming)


def fresh_names(taken: Collection[str], letters: str) -> Iterator[str]:
    """Names not in ``taken``: the single ``letters``, then v1, v2, ...

    >>> names = fresh_names({"a", "v1"}, "ab")
    >>> [next(names) for _ in range(3)]
    ['b', 'v2', 'v3']
    """
    for c in letters:
        if c not in taken:
            yield c
    for i in count(1):
        if f"v{i}" not in taken:
            yield f"v{i}"


def match(pattern: Term, term: Term, is_var: Callable[[str], bool],
          sigma: dict[str, Term] | None = None) -> dict[str, Term] | None:
    """One-way matching: ``sigma`` extended to bind the pattern's variables so that the
    pattern equals ``term``, or None. The names of ``term`` are never bound.

    >>> match(("+", "x", "x"), ("+", "a", "a"), lambda n: n == "x")
    {'x': 'a'}
    >>> match(("+", "x", "x"), ("+", "a", "b"), lambda n: n == "x") is None
    True
    """
    sigma = {} if sigma is None else sigma
    todo = [(pattern, term)]
    while todo:
        p, t = todo.pop()
        if isinstance(p, str):
            if not is_var(p):
                if p != t:
                    return None
            elif p not in sigma:
                sigma[p] = t
            elif sigma[p] != t:
                return None
        elif isinstance(t, str) or p[0] != t[0] or len(p) != len(t):
            return None
        else:
            todo.extend(zip(reversed(p[1:]), reversed(t[1:])))
    return sigma


# ---------------------------------------------------------------- sizes


def node_count(term: Term) -> int:
    """The number of nodes, leaves included.

    >>> node_count(("+", "a", ("s", "b")))
    4
    """
    return sum(_sizes(term))


def op_count(term: Term) -> int:
    """The number of function applications (leaves are free).

    >>> op_count(("+", "a", ("s", "b")))
    2
    """
    return _sizes(term)[1]


def _sizes(term: Term) -> tuple[int, int]:
    """(number of leaves, number of applications)."""
    leaf_count = op_count = 0
    stack = [term]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            leaf_count += 1
        else:
            op_count += 1
            stack.extend(current[1:])
    return leaf_count, op_count


# ---------------------------------------------------------------- infix text

#: the binding strength of a leaf, or of an application written ``f(x, y)``
ATOM = 1000
#: the binding strength of an application written by juxtaposition, ``f x y``
JUXTAPOSED = ATOM - 1


def is_symbol(name: str) -> bool:
    """Whether a name is a symbol (``+``, ``<=``) rather than a word (``s``, ``_f``).

    >>> is_symbol("+"), is_symbol("s")
    (True, False)
    """
    return not (name[:1].isalnum() or name[:1] == "_")


def _leaf_atom(leaf: str) -> int:
    return ATOM


def _no_glue(leaf: str) -> bool:
    return False


@dataclass(frozen=True)
class Notation:
    """How `infix` writes terms.

    - ``binary``: the infix operators and their binding strengths (higher binds tighter);
      an operand that binds more loosely than its operator is parenthesized;
    - ``associativity``: ``"left"`` or ``"right"`` for operators whose equal-strength
      operands on that side chain without parentheses (``a - b + c``); an operator not
      listed parenthesizes them (``(a + b) + c``);
    - ``symbols_infix``: every other two-argument function named by a symbol prints infix
      too, with no strength (parenthesized as an operand of an operator, and operators
      among its own operands parenthesized);
    - ``unspaced``: operators written without spaces around them (``a^b``);
    - ``prefix``: one-argument functions written as a sign, with their strengths
      (``neg`` as ``-x``);
    - ``leaf_strength``: the strength of a leaf (a fraction ``1/2`` binds like ``/``);
    - ``sign_glues``: leaves that a prefix sign would join (``-3`` is a number, so the
      negation of ``3`` is ``-(3)``);
    - ``juxtapose``: other applications as ``f x (g y)`` instead of ``f(x, g(y))``.
    """

    binary: Mapping[str, int]
    associativity: Mapping[str, str] = field(default_factory=dict)
    symbols_infix: bool = False
    unspaced: frozenset[str] = frozenset()
    prefix: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    leaf_strength: Callable[[str], int] = _leaf_atom
    sign_glues: Callable[[str], bool] = _no_glue
    juxtapose: bool = False

    def leaf(self, leaf: str) -> tuple[str, int | None]:
        """The text and strength of a leaf."""
        return leaf, self.leaf_strength(leaf)

    def node(self, t: tuple, operands: list[tuple[str, int | None]]) -> tuple[str, int | None]:
        """The text and strength of the application ``t``, from its operands' texts and
        strengths (None: an operator without a strength)."""
        op = t[0]
        if len(operands) == 2:
            strength = self.binary.get(op)
            if strength is not None or (self.symbols_infix and is_symbol(op)):
                (left, left_strength), (right, right_strength) = operands
                if _parenthesized(left_strength, strength, op, "left", self.associativity):
                    left = f"({left})"
                if _parenthesized(right_strength, strength, op, "right", self.associativity):
                    right = f"({right})"
                return (f"{left}{op}{right}" if op in self.unspaced else f"{left} {op} {right}"), strength
        elif len(operands) == 1 and op in self.prefix:
            sign, strength = self.prefix[op]
            text, operand = operands[0]
            if operand is None or operand < strength or (isinstance(t[1], str) and self.sign_glues(t[1])):
                text = f"({text})"
            return sign + text, strength
        if self.juxtapose:
            args = [text if s is not None and s >= ATOM else f"({text})" for text, s in operands]
            return " ".join([op, *args]), JUXTAPOSED
        return f"{op}({', '.join([text for text, _ in operands])})", ATOM


def _parenthesized(operand: int | None, operator: int | None, op: str, side: str,
                   associativity: Mapping[str, str]) -> bool:
    """Whether an operand of strength ``operand`` on ``side`` of the operator ``op`` (of
    strength ``operator``) needs parentheses: when it binds more loosely, or as tightly
    on a side where ``op`` does not chain, or when either has no strength."""
    if operand is not None and operand >= JUXTAPOSED:
        return False
    if operand is None or operator is None or operand < operator:
        return True
    return operand == operator and associativity.get(op) != side


#: MPL's readable notation: two-argument symbols infix, nested ones parenthesized unless
#: they bind tighter (`a * b + c`, `(a + b) + c`), other functions as `f(x, y)`
READABLE = Notation({"+": 1, "-": 1, "*": 2, "/": 2, "^": 3}, symbols_infix=True)


def infix(term: Term, notation: Notation = READABLE) -> str:
    """Infix text of a term.

    >>> infix(("+", ("+", "a", "b"), ("s", "c")))
    '(a + b) + s(c)'
    >>> infix(("<=", ("+", "a", "b"), "c"))
    '(a + b) <= c'
    """
    return fold(term, notation.leaf, notation.node)[0]

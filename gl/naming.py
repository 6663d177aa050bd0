"""Descriptive names for theorems found by exploration, derived from what they state.

A name is read off the statement's equation: the shape of its sides and the names of the
functions in it (a symbol spelled as a word, `+` as `add`, `*` as `mul`), with the
theory's induction base and successor read as `zero` and `succ`. In order:

- a law `gl.laws` recognises: `add_comm`, `mul_assoc`, `mul_add_distrib_left`;
- a side f(...) whose arguments are variables but for constants and successors of
  variables (neutral and absorbing elements, recursion lemmas): `add_zero_left`,
  `mul_zero_left`, `add_succ_left`, `mul_succ_left`, `max_succ_succ`, `double_succ`;
- left or right commutativity, f(x, f(y, z)) = f(y, f(x, z)): `add_left_comm`;
- otherwise the equation spelled out in prefix form: `mul_add_a_a_b_eq_mul_a_add_b_b`.

Nothing depends on which theory it is: the same shapes get the same names for any
function. `theorem_name` is a pure function of the statement, so names are stable across
runs; `unique` makes them distinct.

>>> from gl.equations import equation_to_statement
>>> sig = Signature("N", "i0", "s", ("s",), ("+", "*"), ("i0",))
>>> def name(lhs, rhs):
...     return theorem_name(equation_to_statement(lhs, rhs, "N", {"i0"}), sig)
>>> name(("+", "i0", "a"), "a"), name(("+", ("s", "a"), "b"), ("s", ("+", "a", "b")))
('add_zero_left', 'add_succ_left')
>>> name(("*", "a", ("+", "b", "c")), ("+", ("*", "a", "b"), ("*", "a", "c")))
'mul_add_distrib_left'
>>> name(("+", "a", ("+", "b", "c")), ("+", "b", ("+", "a", "c")))
'add_left_comm'
>>> name(("+", ("s", "a"), "b"), ("+", "b", ("s", "a"))), name(("s", "i0"), ("*", "a", ("+", "a", "a")))
('add_succ_a_b_eq_add_b_succ_a', 'succ_zero_eq_mul_a_add_a_a')
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection

from mpl_lang import Expr
from mpl_lang.logic import goal_parts
from mpl_lang.terms import Term, leaves

from .equations import statement_to_equation
from .laws import named_law
from .signature import Signature

#: words for the characters of symbolic function names
SYMBOL_WORDS = {"+": "add", "*": "mul", "-": "sub", "/": "div", "^": "pow", "<": "lt", ">": "gt",
                "=": "eq", "!": "not", "&": "and", "|": "or", "%": "mod", "~": "neg", ".": "dot",
                ":": "colon", "@": "at", "$": "dollar", "?": "q", "#": "hash"}
#: a name longer than this is cut and gets a hash of the whole (names stay short and distinct)
MAX_LENGTH = 64
_PARTS = re.compile(r"[A-Za-z0-9_]+|.", re.S)
_LAW = re.compile(r"(commutativity|associativity) of (\S+)|(left|right) distributivity of (\S+) over (\S+)")


def word(name: str) -> str:
    """A function's or constant's name as a word of an identifier.

    >>> word("+"), word("max"), word("<=2"), word("\u00e9")
    ('add', 'max', 'lt_eq_2', 'xe9')
    """
    parts = [p if p[0].isascii() and (p[0].isalnum() or p[0] == "_")
             else SYMBOL_WORDS.get(p, f"x{ord(p):02x}") for p in _PARTS.findall(name)]
    return "_".join(parts)


def theorem_name(statement: Expr, sig: Signature) -> str:
    """A descriptive name for `statement` (an identifier), from its shape alone."""
    eq = statement_to_equation(statement)
    if eq is None:
        return "lemma"
    variables = frozenset(goal_parts(statement)[0])
    names = {sig.base: "zero", sig.succ: "succ"}

    def w(leaf: str) -> str:
        return names.get(leaf) or word(leaf)

    name = _law(statement, sig, w) or _special(eq, variables, w) or _side_comm(eq, variables, w)
    return _short(name or f"{_spell(eq[0], w)}_eq_{_spell(eq[1], w)}")


def unique(name: str, taken: Collection[str]) -> str:
    """`name`, or `name_2`, `name_3`, ... the first not in `taken`.

    >>> unique("add_comm", {"add_comm", "add_comm_2"})
    'add_comm_3'
    """
    if name not in taken:
        return name
    k = 2
    while f"{name}_{k}" in taken:
        k += 1
    return f"{name}_{k}"


def _law(statement: Expr, sig: Signature, w: Callable[[str], str]) -> str | None:
    law = named_law(statement, sig.binary)
    m = _LAW.fullmatch(law or "")
    if m is None:
        return None
    if m.group(1):
        return f"{w(m.group(2))}_{'comm' if m.group(1) == 'commutativity' else 'assoc'}"
    return f"{w(m.group(4))}_{w(m.group(5))}_distrib_{m.group(3)}"


def _special(eq: tuple[Term, Term], variables: frozenset[str], w: Callable[[str], str]) -> str | None:
    """`f_zero_left`-style, when exactly one side is an application whose arguments are
    variables but for at least one constant or unary chain (named by its words and, for a
    binary function with one such argument, its side); when both are (s(a) + b = b + s(a)),
    the equation is about neither."""
    names = [name for name in (_special_side(side, variables, w) for side in eq) if name]
    return names[0] if len(names) == 1 else None


def _special_side(side: Term, variables: frozenset[str], w: Callable[[str], str]) -> str | None:
    if not isinstance(side, tuple) or variables.isdisjoint(leaves(side)):
        return None  # a variable or a ground term (s(i0)) says nothing about a function
    f, *args = side
    special = [(i, _chain(a, variables, w)) for i, a in enumerate(args) if a not in variables]
    if not special or any(words is None for _, words in special):
        return None
    where = [("left", "right")[special[0][0]]] if len(args) == 2 and len(special) == 1 else []
    return "_".join([w(f), *(words for _, words in special if words), *where])


def _chain(t: Term, variables: frozenset[str], w: Callable[[str], str]) -> str | None:
    """`succ` for s(x), `succ_succ` for s(s(x)), `zero` for the base, `succ_zero` for s(i0);
    None for anything else (a variable, or a function of several arguments)."""
    if not isinstance(t, tuple):
        return None if t in variables else w(t)
    if len(t) != 2:
        return None
    inner = t[1]
    if not isinstance(inner, tuple) and inner in variables:
        return w(t[0])
    rest = _chain(inner, variables, w)
    return None if rest is None else f"{w(t[0])}_{rest}"


def _side_comm(eq: tuple[Term, Term], variables: frozenset[str], w: Callable[[str], str]) -> str | None:
    """`f_left_comm` for f(x, f(y, z)) = f(y, f(x, z)), `f_right_comm` for
    f(f(x, y), z) = f(f(x, z), y) (x, y, z distinct variables)."""
    lhs, rhs = eq
    if not (isinstance(lhs, tuple) and isinstance(rhs, tuple) and len(lhs) == len(rhs) == 3
            and lhs[0] == rhs[0]):
        return None
    f = lhs[0]
    for inner, side in ((2, "left"), (1, "right")):
        a, b = lhs[inner], rhs[inner]
        outer_l, outer_r = lhs[3 - inner], rhs[3 - inner]
        if not (isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) == 3 and a[0] == b[0] == f):
            continue
        x, y = outer_l, outer_r
        same, moved = (a[2], b[2]) if side == "left" else (a[1], b[1])
        swap = (a[1], b[1]) if side == "left" else (a[2], b[2])
        leaves = (x, y, same)
        if (swap == (y, x) and same == moved and all(v in variables for v in leaves)
                and len(set(leaves)) == 3):
            return f"{w(f)}_{side}_comm"
    return None


def _spell(t: Term, w: Callable[[str], str]) -> str:
    """A term in prefix form, its names as words: `mul_add_a_a_b` for (a + a) * b."""
    if not isinstance(t, tuple):
        return w(t)
    return "_".join([w(t[0]), *(_spell(a, w) for a in t[1:])])


def _short(name: str) -> str:
    """`name`, cut to MAX_LENGTH characters with a hash of the whole when longer."""
    if len(name) <= MAX_LENGTH:
        return name
    return f"{name[:MAX_LENGTH - 9]}_{hashlib.sha1(name.encode()).hexdigest()[:8]}"

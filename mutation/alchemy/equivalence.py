"""Distinctness modulo associativity and commutativity (`equivalence="ac"`).

Canonical forms (`canon.py`) catch renamed variables, reordered hypotheses and swapped
sides. With `equivalence="ac"` an equation is also keyed modulo the associativity and
commutativity of the theory's *AC operators* — the binary functions whose commutativity
`f(a,b) = f(b,a)` and associativity `f(f(a,b),c) = f(a,f(b,c))` are both among the
library's laws (proved theorems or axioms; nothing is assumed about any symbol). The key
is an AC normal form: nested applications of an AC operator flattened into one, their
arguments sorted, variables renamed by first occurrence, re-sorted and renamed until stable.
Equal keys mean equal equations modulo AC and renaming (the key is such an equation), so
nothing distinct is ever merged; an equation whose variables only AC can tell apart may
keep two keys. Statements that are not equations keep their plain key.

>>> ac = frozenset({"+"})
>>> k = ac_equation_key(("+", ("+", "a", "b"), "c"), "d", frozenset(), ac)
>>> k == ac_equation_key(("+", "y", ("+", "z", "x")), "w", frozenset(), ac)
True
>>> k == ac_equation_key(("+", ("*", "a", "b"), "c"), "d", frozenset(), ac)
False
"""

from __future__ import annotations

from collections.abc import Iterable

from mpl_lang.terms import Term

from .canon import Key, equation_key
from .model import Law

#: the equivalences `equivalence=` accepts (None: renaming only)
EQUIVALENCES = ("ac",)


def ac_operators(laws: Iterable[Law], constants: frozenset[str]) -> frozenset[str]:
    """The binary functions whose commutativity and associativity are both among `laws`."""
    keys = {equation_key(law.eq.lhs, law.eq.rhs, constants) for law in laws if law.eq is not None}
    binary = {t[0] for law in laws if law.eq is not None for t in (law.eq.lhs, law.eq.rhs)
              if not isinstance(t, str) and len(t) == 3}
    out = set()
    for f in binary:
        comm = equation_key((f, "a", "b"), (f, "b", "a"), constants)
        assoc = equation_key((f, (f, "a", "b"), "c"), (f, "a", (f, "b", "c")), constants)
        if comm in keys and assoc in keys:
            out.add(f)
    return frozenset(out)


def ac_equation_key(lhs: Term, rhs: Term, constants: frozenset[str], ac: frozenset[str],
                    negated: bool = False) -> Key:
    """The key of `lhs = rhs` (or `≠`) modulo AC of the operators `ac` and renaming."""
    lf, rf = _flatten(lhs, ac), _flatten(rhs, ac)
    return ("ac-neq" if negated else "ac-eq", min(_normal(lf, rf, constants, ac), _normal(rf, lf, constants, ac)))


def _flatten(t: Term, ac: frozenset[str]) -> Term:
    """Nested applications of an AC operator as one application to all their arguments."""
    if isinstance(t, str):
        return t
    args = [_flatten(a, ac) for a in t[1:]]
    if t[0] in ac:
        args = [b for a in args for b in (a[1:] if not isinstance(a, str) and a[0] == t[0] else (a,))]
    return (t[0], *args)


def _normal(lhs: Term, rhs: Term, constants: frozenset[str], ac: frozenset[str]) -> str:
    """`lhs=rhs` as text, arguments of AC operators sorted, variables renamed `#0`, `#1`, ...
    by first occurrence in the sorted order (first blind to names, then until stable)."""
    ren: dict[str, str] = {}

    def walk(t: Term) -> tuple[str, list[str]]:
        if isinstance(t, str):
            if t in constants:
                return t, []
            return ren.get(t, "?"), [t]
        parts = [walk(a) for a in t[1:]]
        if t[0] in ac:
            parts.sort(key=lambda p: p[0])
        return f"{t[0]}({','.join(p[0] for p in parts)})", [v for p in parts for v in p[1]]

    text = ""
    for _ in range(5):
        (lt, lv), (rt, rv) = walk(lhs), walk(rhs)
        new = f"{lt}={rt}"
        if new == text:
            break
        text = new
        ren = {v: f"#{i}" for i, v in enumerate(dict.fromkeys(lv + rv))}
    return text

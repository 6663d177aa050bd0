"""Statements as equations between terms, and back.

GL states `a + b = b + a` relationally: `(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))`.
The hypotheses name the values of sub-terms (`c` is `a + b`); the conclusion says the
other side has the same value. This module converts both ways. A term is a name or a
tuple `(function, *arguments)` (the exchange format of `rewriting.terms`); unary
functions are graphs `in2`, binary ones `in3`.

>>> from mpl_lang import parse_expr, to_mpl
>>> statement_to_equation(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))
(('+', 'a', 'b'), ('+', 'b', 'a'))
>>> to_mpl(equation_to_statement(("+", "a", "b"), ("+", "b", "a"), "N", {"N", "+"}))
'(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))'
"""

from __future__ import annotations

from collections.abc import Callable

from mpl_lang import And, Atom, Expr, Forall
from mpl_lang.logic import goal_parts

Term = str | tuple

_GRAPH = {"in2": 1, "in3": 2}


def _graph(a: Expr) -> tuple[str, tuple[str, ...], str] | None:
    if not isinstance(a, Atom):
        return None
    n = _GRAPH.get(a.name)
    if n is None or len(a.args) != n + 2:
        return None
    return a.args[-1], a.args[:n], a.args[n]


def statement_to_equation(e: Expr) -> tuple[Term, Term] | None:
    """The equation a relational statement states, or None. Typing hypotheses
    (`in[x,N]`) are allowed; any other extra hypothesis makes it not an equation."""
    vs, hyps, concl = goal_parts(e)
    vset = set(vs)
    defined: dict[str, tuple[str, tuple[str, ...]]] = {}
    for h in hyps:
        g = _graph(h)
        if g is not None and g[2] in vset and g[2] not in defined:
            defined[g[2]] = (g[0], g[1])
        elif not (isinstance(h, Atom) and h.name == "in" and len(h.args) == 2):
            return None
    terms: dict[str, Term] = {}

    def term(x: str, seen: frozenset = frozenset()) -> Term | None:
        if x in terms:
            return terms[x]
        if x not in defined:
            return x
        if x in seen:
            return None
        f, ins = defined[x]
        args = [term(i, seen | {x}) for i in ins]
        if any(a is None for a in args):
            return None
        terms[x] = (f, *args)
        return terms[x]

    g = _graph(concl)
    if g is not None:
        f, ins, out = g
        args = [term(i) for i in ins]
        left = term(out)
        if left is None or any(a is None for a in args):
            return None
        right: Term = (f, *args)
        if out not in defined:
            left, right = right, left
        return left, right
    if isinstance(concl, Atom) and concl.name == "=" and len(concl.args) == 2:
        a, b = term(concl.args[0]), term(concl.args[1])
        return None if a is None or b is None else (a, b)
    return None


def equation_to_statement(lhs: Term, rhs: Term, domain: str, constants: frozenset[str] | set[str] = frozenset()) -> Expr:
    """The relational statement of `lhs = rhs`: hypotheses name every compound sub-term of
    the left side and the proper sub-terms of the right side; the conclusion applies the
    right side's function. A variable used nowhere in a hypothesis gets `in[x,domain]`.
    Leaves that are not `constants` are the statement's variables."""

    def _is_var(x: str) -> bool:
        return x not in constants

    names: dict[Term, str] = {}
    taken = set(leaves(lhs)) | set(leaves(rhs))
    hyps: list[Atom] = []
    order: list[str] = [v for v in dict.fromkeys([*leaves(lhs), *leaves(rhs)]) if _is_var(v)]

    def fresh() -> str:
        for c in "abcdefghjklmnopqrtuvwxyz":
            if c not in taken:
                taken.add(c)
                return c
        i = 1
        while f"v{i}" in taken:
            i += 1
        taken.add(f"v{i}")
        return f"v{i}"

    def name(t: Term) -> str:
        if isinstance(t, str):
            return t
        if t in names:
            return names[t]
        f, *args = t
        ins = [name(a) for a in args]
        out = fresh()
        names[t] = out
        order.append(out)
        hyps.append(Atom("in2" if len(ins) == 1 else "in3", (*ins, out, f)))
        return out

    left = name(lhs)
    if isinstance(rhs, str):
        if isinstance(lhs, str):
            concl = Atom("=", (lhs, rhs))
        else:
            hyps.pop()
            order.remove(left)
            f, *args = lhs
            concl = Atom("in2" if len(args) == 1 else "in3", (*[name(a) for a in args], rhs, f))
    else:
        f, *args = rhs
        ins = [name(a) for a in args]
        concl = Atom("in2" if len(ins) == 1 else "in3", (*ins, left, f))
    mentioned = {a for h in hyps for a in h.args}
    for v in [v for v in order if _is_var(v) and v in _leaves_set(lhs, rhs)]:
        if v not in mentioned:
            hyps.append(Atom("in", (v, domain)))
    vars_ = tuple(dict.fromkeys(v for v in order if v in mentioned or v in concl.args or v in _leaves_set(lhs, rhs)))
    vars_ = tuple(v for v in vars_ if _is_var(v) or v in names.values())
    hyp: Expr = hyps[0] if len(hyps) == 1 else And(tuple(hyps))
    return Forall(vars_, hyp, concl)


def leaves(t: Term) -> list[str]:
    """The leaves of a term, left to right."""
    if isinstance(t, str):
        return [t]
    return [x for a in t[1:] for x in leaves(a)]


def _leaves_set(*ts: Term) -> set[str]:
    return {x for t in ts for x in leaves(t)}


def canonical(lhs: Term, rhs: Term, constants: frozenset[str] | set[str] = frozenset()) -> tuple[Term, Term]:
    """Rename variables (leaves that are not `constants`) by first occurrence to x0, x1, ...

    >>> canonical(("+", "b", "i0"), ("+", "i0", "b"), {"i0"})
    (('+', 'x0', 'i0'), ('+', 'i0', 'x0'))
    """
    ren: dict[str, str] = {}
    for v in [*leaves(lhs), *leaves(rhs)]:
        if v not in constants and v not in ren:
            ren[v] = f"x{len(ren)}"
    return rename(lhs, ren), rename(rhs, ren)


def rename(t: Term, ren: dict[str, str]) -> Term:
    """`t` with leaves renamed by `ren`."""
    if isinstance(t, str):
        return ren.get(t, t)
    return (t[0], *(rename(a, ren) for a in t[1:]))


def match(pattern: Term, t: Term, is_var: Callable[[str], bool],
          sigma: dict[str, Term] | None = None) -> dict[str, Term] | None:
    """One-way matching: the extension of `sigma` binding the pattern's variables so that
    the pattern equals `t`, or None. The target's names are never bound.

    >>> match(("+", "x", "x"), ("+", "a", "a"), lambda n: n == "x")
    {'x': 'a'}
    >>> match(("+", "x", "x"), ("+", "a", "b"), lambda n: n == "x") is None
    True
    """
    sigma = {} if sigma is None else sigma
    if isinstance(pattern, str):
        if not is_var(pattern):
            return sigma if pattern == t else None
        bound = sigma.get(pattern)
        if bound is None:
            sigma[pattern] = t
            return sigma
        return sigma if bound == t else None
    if isinstance(t, str) or pattern[0] != t[0] or len(pattern) != len(t):
        return None
    for p, a in zip(pattern[1:], t[1:]):
        if match(p, a, is_var, sigma) is None:
            return None
    return sigma


def is_instance(eq: tuple[Term, Term], general: tuple[Term, Term], constants: frozenset[str] | set[str]) -> bool:
    """Whether equation `eq` is a substitution instance of `general` (either orientation),
    leaves not in `constants` being variables.

    >>> is_instance((("*", "a", "a"), ("*", "a", "a")), (("*", "x", "y"), ("*", "y", "x")), set())
    True
    """
    is_var = (_leaves_set(*general) - set(constants)).__contains__
    for lhs, rhs in (general, general[::-1]):
        sigma = match(lhs, eq[0], is_var)
        if sigma is not None and match(rhs, eq[1], is_var, sigma) is not None:
            return True
    return False

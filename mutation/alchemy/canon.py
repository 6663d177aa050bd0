"""Canonical forms for deduplication.

Two statements are the same theorem here when they differ only by the names of their
variables, the order of their hypotheses, or the order of the two sides of an equality.
A statement that is exactly the relational form of an equation (what `statements.render`
writes) is keyed by its equation with either side first; any other statement by its
literals, variables renamed by first occurrence (conclusion first) after sorting the
hypotheses by their shape, re-sorted and renamed until stable.

>>> k1 = equation_key(("+", "a", "b"), ("+", "b", "a"), {"+"})
>>> k1 == equation_key(("+", "y", "x"), ("+", "x", "y"), {"+"})
True
>>> h = ((True, "in3", ("a", "b", "c", "+")),)
>>> literal_key(h, (True, "=", ("c", "a")), {"+"}) == literal_key(h, (True, "=", ("a", "c")), {"+"})
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from mpl_lang.logic import Literal
from mpl_lang.terms import Term, variables

from .statements import EqView, RuleForm

Key = tuple


class KeyText:
    """A canonical key as the text `canon.digest` hashes (`repr`), and its first element
    (`key[0]`: `eq`, `neq` or `rule`, what `Mutant.pure` reads): all that the replay of a
    sharded synthesis (`sharded`) needs of a key, smaller to send than the key.

    >>> k = KeyText(("eq", ("+", "a", "b"), "c"))
    >>> digest(k) == digest(("eq", ("+", "a", "b"), "c")), k[0]
    (True, 'eq')
    """

    __slots__ = ("head", "text")

    def __init__(self, key: Key | KeyText) -> None:
        self.head, self.text = key[0], repr(key)

    def __repr__(self) -> str:
        return self.text

    def __getitem__(self, i: int) -> Any:
        return (self.head,)[i]


def digest(key: Key | KeyText) -> bytes:
    """16 bytes standing for a canonical key (kept for every mutant, so kept small); its hex
    is a dataset row's `canonical_hash`.

    >>> digest(equation_key(("+", "a", "b"), "c", {"+"})).hex()[:8]
    '4b86ad14'
    """
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


def equation_key(lhs: Term, rhs: Term, constants: frozenset[str] | set[str], negated: bool = False) -> Key:
    """The key of an equation (or disequation): variables renamed by first occurrence, the
    smaller text of the two orders of its sides."""
    return ("neq" if negated else "eq", min(_canonical(lhs, rhs, constants), _canonical(rhs, lhs, constants)))


def _canonical(lhs: Term, rhs: Term, constants: frozenset[str] | set[str]) -> str:
    """`lhs = rhs` as text with variables renamed `#0`, `#1`, ... by first occurrence (`#`
    is in no MPL name)."""
    ren: dict[str, str] = {}
    return f"{_text(lhs, constants, ren)}={_text(rhs, constants, ren)}"


# The recursive helpers of this module and of `statements` are functions of the module, not
# closures: a closure that calls itself is a reference cycle, garbage only the cyclic
# collector finds (37 objects per mutant), which synthesis pauses.
def _text(t: Term, constants: frozenset[str] | set[str], ren: dict[str, str]) -> str:
    """`t` as text, variables renamed by `ren` (extended in order of first occurrence)."""
    if isinstance(t, str):
        if t in constants:
            return t
        r = ren.get(t)
        if r is None:
            r = ren[t] = f"#{len(ren)}"
        return r
    return f"{t[0]}({','.join([_text(a, constants, ren) for a in t[1:]])})"


def _norm(lit: Literal) -> Literal:
    if lit[1] == "=" and len(lit[2]) == 2:
        return (lit[0], "=", tuple(sorted(lit[2])))
    return lit


def literal_key(hyps: Sequence[Literal], concl: Literal, constants: frozenset[str] | set[str]) -> Key:
    """The key of a rule `hyps ⇒ concl` up to variable names, hypothesis order and the
    order of equality arguments."""
    key = _literal_key(hyps, concl, constants)
    if concl[1] == "=" and len(concl[2]) == 2:
        return min(key, _literal_key(hyps, (concl[0], "=", concl[2][::-1]), constants), key=repr)
    return key


_NAMES = tuple(f"#{i}" for i in range(64))


def _literal_key(hyps: Sequence[Literal], concl: Literal, constants: frozenset[str] | set[str]) -> Key:
    lits = list(dict.fromkeys(hyps))
    blind = {lit: (lit[0], lit[1], tuple([a if a in constants else "" for a in lit[2]])) for lit in lits}
    order = sorted(lits, key=blind.__getitem__)
    names = _NAMES if len({a for lit in lits for a in lit[2]}) + len(concl[2]) < len(_NAMES) else \
        tuple(f"#{i}" for i in range(sum(len(lit[2]) for lit in (concl, *lits))))
    for _ in range(4):
        ren: dict[str, str] = {}
        for lit in (concl, *order):
            for a in lit[2]:
                if a not in ren and a not in constants:
                    ren[a] = names[len(ren)]
        get = ren.get
        named = {}
        for lit in order:
            args = tuple([get(a, a) for a in lit[2]])
            named[lit] = (lit[0], lit[1], tuple(sorted(args)) if lit[1] == "=" else args)
        new = sorted(order, key=lambda lit: (blind[lit], named[lit]))
        if new == order:
            break
        order = new
    c = _norm((concl[0], concl[1], tuple([ren.get(a, a) for a in concl[2]])))
    return ("rule", c, tuple(sorted(named.values())))


def statement_key(form: RuleForm, constants: frozenset[str] | set[str], domain: str) -> Key:
    """The key of a statement: its equation's key when it is exactly the relational form
    of that equation (as `statements.render` writes it, up to names and order), else its
    `literal_key`."""
    ev = pure_equation(form, constants, domain)
    if ev is not None:
        return equation_key(ev.lhs, ev.rhs, constants, ev.negated)
    return literal_key(form.hyps, form.concl, constants)


def pure_equation(form: RuleForm, constants: frozenset[str] | set[str], domain: str) -> EqView | None:
    """The equation `form` is exactly the relational form of (up to names and order), or None."""
    ev = EqView.of_parts(form.vars, form.hyps, form.concl)
    if ev is not None and ev.lhs != ev.rhs and _pure(form, ev, constants, domain):
        return ev
    return None


def _pure(form: RuleForm, ev: EqView, constants: frozenset[str] | set[str], domain: str) -> bool:
    """Whether `form` is exactly what `render(ev.lhs, ev.rhs)` writes, up to the names of
    the named values and the order of the hypotheses."""
    want: set[Term] = set()
    if isinstance(ev.rhs, str):
        _compounds(ev.lhs, False, want)
    else:
        _compounds(ev.lhs, True, want)
        _compounds(ev.rhs, False, want)
    named = [t for t in ev.terms.values() if not isinstance(t, str)]
    if len(named) != len(want) or set(named) != want:
        return False
    leaf_vars = set(variables(ev.lhs, ev.rhs, constants=constants))
    in_hyps = {a for t in want for a in t[1:] if isinstance(a, str)}
    typed = [h[2] for h in form.hyps if h[1] == "in"]
    need = leaf_vars - in_hyps
    if not want and not need:  # a ground equation: one typing of a constant stands in
        need = {x for x, _ in typed if x in constants and len(typed) == 1}
    return (len(form.hyps) == len(want) + len(typed) and len(form.vars) == len(leaf_vars) + len(want)
            and {x for x, _ in typed} == need and all(d == domain for _, d in typed))


def _compounds(t: Term, itself: bool, out: set[Term]) -> None:
    """Add the compound sub-terms of `t` to `out` (`t` itself only if `itself`)."""
    if not isinstance(t, str):
        if itself:
            out.add(t)
        for a in t[1:]:
            _compounds(a, True, out)

"""Finding the laws that can act on a seed without trying every pair: discrimination trees
over the laws' patterns (the sides of their equations for rw, their conclusions for apply).

A pattern is flattened pre-order into symbols — a function with its arity, a constant, or
`*` for a variable — and stored in a trie; a query walks the trie along a term, skipping a
whole sub-term at each `*`. Retrieval returns every law whose pattern could match (all of
them for linear patterns), so only those are matched for real.

>>> t = DiscTree()
>>> t.insert(("+", "x", "i0"), lambda n: n == "x", "add_zero")
>>> t.insert(("*", "x", "y"), lambda n: n in "xy", "mul")
>>> t.retrieve(("+", ("s", "a"), "i0"))
['add_zero']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from mpl_lang.logic import Literal
from mpl_lang.terms import Term

from .model import Law

_VAR = None
_END = "$"

#: what the index finds for a query: the laws (with their direction, for rw), and their indices
Found = tuple[tuple[Any, ...], tuple[int, ...]]


def _symbols(t: Term, is_var: Callable[[str], bool]) -> Iterator[Any]:
    if isinstance(t, str):
        yield _VAR if is_var(t) else ("c", t)
    else:
        yield (t[0], len(t) - 1)
        for a in t[1:]:
            yield from _symbols(a, is_var)


class DiscTree:
    """A discrimination tree from term patterns to values."""

    def __init__(self) -> None:
        self.root: dict[Any, Any] = {}
        self.size = 0
        #: the names patterns hold as constants (every other name of a query is alike)
        self.constants: set[str] = set()

    def insert(self, pattern: Term, is_var: Callable[[str], bool], value: Any) -> None:
        node = self.root
        for sym in _symbols(pattern, is_var):
            node = node.setdefault(sym, {})
            if sym is not _VAR and sym[0] == "c":
                self.constants.add(sym[1])
        node.setdefault(_END, []).append(value)
        self.size += 1

    def blind(self, t: Term) -> Term:
        """`t` with every name that no pattern holds as a constant replaced by `""` (no MPL
        name): what `retrieve` returns depends on nothing else (a cache key).

        >>> t = DiscTree()
        >>> t.insert(("+", "x", "i0"), lambda n: n == "x", "add_zero")
        >>> t.blind(("+", ("s", "a"), "i0"))
        ('+', ('s', ''), 'i0')
        """
        if isinstance(t, str):
            return t if t in self.constants else ""
        return (t[0], *[self.blind(a) for a in t[1:]])

    def retrieve(self, t: Term) -> list[Any]:
        """Values of every pattern that may match `t` (its names are all constants)."""
        out: list[Any] = []
        self._walk(self.root, (t,), out)
        return out

    def _walk(self, node: dict[Any, Any], todo: tuple[Term, ...], out: list[Any]) -> None:
        if not todo:
            out.extend(node.get(_END, ()))
            return
        t, rest = todo[0], todo[1:]
        skip = node.get(_VAR)
        if skip is not None:
            self._walk(skip, rest, out)
        if isinstance(t, str):
            child = node.get(("c", t))
            if child is not None:
                self._walk(child, rest, out)
        else:
            child = node.get((t[0], len(t) - 1))
            if child is not None:
                self._walk(child, (*t[1:], *rest), out)


def literal_term(lit: Literal) -> Term:
    """A literal as a term, so literals share the term index: `(sign + pred, *args)`."""
    return (("+" if lit.positive else "-") + lit.pred, *lit.args)


class LawIndex:
    """The laws of a library indexed for rw (equation sides) and apply (conclusions). What
    a query finds is cached by the query and by its `DiscTree.blind` form (mutants share
    most sub-terms and hypotheses with their parents, up to names), up to `CACHE` entries.
    (A query equal to another's blind form has the same answer: a blind form is its own.)"""

    CACHE = 20_000

    def __init__(self, laws: list[Law]) -> None:
        self.laws = laws
        self.rw = DiscTree()
        self.apply = DiscTree()
        self._found: dict[tuple[bool, Term], Found] = {}
        for law in laws:
            vs = set(law.cr.clause.vars)
            is_var = vs.__contains__
            if law.eq is not None:
                for direction, side in (("ltr", law.eq.lhs), ("rtl", law.eq.rhs)):
                    if not (isinstance(side, str) and is_var(side)):
                        self.rw.insert(side, is_var, (law.index, direction))
            self.apply.insert(literal_term(law.cr.clause.conclusion[0]), is_var, law.index)

    def rewrites(self, t: Term) -> tuple[tuple[Law, str], ...]:
        """(law, direction) whose matched side may match `t`, in library order; `rtl` first,
        as its proof needs fewer new function values (see `mutate`)."""
        return self.rewriters(t)[0]

    def rewriters(self, t: Term) -> Found:
        """`rewrites(t)`, and the index of each one's law."""
        # first by `t` itself (a mutant repeats its parent's sub-terms): no blind form to make
        found = self._found.get((True, t))
        if found is None:
            key = (True, self.rw.blind(t))
            found = self._found.get(key)
            if found is None:
                ids = sorted(self.rw.retrieve(t), key=lambda v: (v[0], v[1] != "rtl"))
                found = self._keep(key, (tuple((self.laws[i], d) for i, d in ids), tuple(i for i, _ in ids)))
            self._keep((True, t), found)
        return found

    def appliers(self, lit: Literal) -> tuple[Law, ...]:
        """Laws whose conclusion may match the literal `lit`, in library order."""
        return self.applier_laws(lit)[0]

    def applier_laws(self, lit: Literal) -> Found:
        """`appliers(lit)`, and the index of each law."""
        found = self._found.get((False, lit))
        if found is None:
            t = literal_term(lit)
            key = (False, self.apply.blind(t))
            found = self._found.get(key)
            if found is None:
                ids = sorted(self.apply.retrieve(t))
                found = self._keep(key, (tuple(self.laws[i] for i in ids), tuple(ids)))
            self._keep((False, lit), found)
        return found

    def _keep(self, key: tuple[bool, Term], found: Found) -> Found:
        if len(self._found) >= self.CACHE:
            self._found.clear()
        self._found[key] = found
        return found

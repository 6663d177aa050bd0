"""The live facts of a Logic Block, indexed for matching, and pattern matching itself.

A fact is *live* while it is stated over representatives only (the union-find retires a
fact when one of its constants is merged away, and adds its rewritten form). Facts are
indexed by (polarity, predicate), by (polarity, predicate, position, constant) and by
constant, so that `bucket` finds the few facts a premise can match under a partial binding
and a merge finds every fact that mentions the merged constant. `unify` matches a pattern
(a rule premise, whose variables are given) against a fact.

>>> from mpl_lang.logic import Literal
>>> facts = FactIndex()
>>> for a, b in (("i0", "i1"), ("i1", "i2"), ("i2", "i3")):
...     facts.add(Literal(True, "in2", (a, b, "s")))
>>> successor = Literal(True, "in2", ("x", "y", "s"))
>>> [lit.args for lit in facts.bucket(successor, {"x": "i1"}, frozenset({"x", "y"}))]
[('i1', 'i2', 's')]
>>> unify(successor, Literal(True, "in2", ("i1", "i2", "s")), {"x": "i1"}, frozenset({"x", "y"}))
{'x': 'i1', 'y': 'i2'}
"""

from __future__ import annotations

from mpl_lang.logic import Literal

from .record import Binding

#: facts as an insertion-ordered set
Bucket = dict[Literal, None]


class FactIndex:
    """Live facts by (polarity, predicate), by (polarity, predicate, position, constant), by constant."""

    def __init__(self) -> None:
        self.by_pred: dict[tuple[bool, str], Bucket] = {}
        self.by_arg: dict[tuple[bool, str, int, str], Bucket] = {}
        self.by_const: dict[str, Bucket] = {}

    def add(self, lit: Literal) -> None:
        """Index a live fact."""
        pos, pred, args = lit
        self.by_pred.setdefault((pos, pred), {})[lit] = None
        for i, a in enumerate(args):
            self.by_arg.setdefault((pos, pred, i, a), {})[lit] = None
            self.by_const.setdefault(a, {})[lit] = None

    def remove(self, lit: Literal) -> None:
        """Retire an indexed fact."""
        pos, pred, args = lit
        self.by_pred[(pos, pred)].pop(lit, None)
        for i, a in enumerate(args):
            self.by_arg[(pos, pred, i, a)].pop(lit, None)
            self.by_const[a].pop(lit, None)

    def live(self, lit: Literal) -> bool:
        """Whether `lit` is an indexed fact."""
        return lit in self.by_pred.get((lit.positive, lit.pred), ())

    def mentioning(self, constant: str) -> list[Literal]:
        """The live facts with `constant` among their arguments."""
        return list(self.by_const.get(constant, ()))

    def bucket(self, pattern: Literal, bind: Binding, variables: frozenset[str]) -> Bucket:
        """The smallest index bucket that holds every fact matching `pattern` under `bind`
        (empty when a bound position has no fact at all)."""
        pos, pred, args = pattern
        by_arg = self.by_arg
        best: Bucket | None = None
        for i, a in enumerate(args):
            val = bind.get(a) if a in variables else a
            if val is None:
                continue
            bucket = by_arg.get((pos, pred, i, val))
            if not bucket:
                return {}
            if best is None or len(bucket) < len(best):
                best = bucket
        return best if best is not None else self.by_pred.get((pos, pred), {})

    def satisfied(self, patterns: list[Literal], variables: frozenset[str], bind: Binding) -> bool:
        """Whether some extension of `bind` to `variables` makes every pattern a live fact."""
        if not patterns:
            return True
        head, rest = patterns[0], patterns[1:]
        return any(self.satisfied(rest, variables, nb)
                   for lit in self.bucket(head, bind, variables)
                   if (nb := match_args(head.args, lit.args, bind, variables)) is not None)


def unify(pattern: Literal, lit: Literal, bind: Binding, variables: frozenset[str]) -> Binding | None:
    """Extend `bind` so that `pattern` (whose variables are `variables`) equals `lit`; None
    when no extension does. `bind` itself is never changed."""
    if pattern.positive != lit.positive or pattern.pred != lit.pred:
        return None
    return match_args(pattern.args, lit.args, bind, variables)


def match_args(pattern: tuple[str, ...], args: tuple[str, ...], bind: Binding,
               variables: frozenset[str]) -> Binding | None:
    """`unify` for the arguments alone: the matcher's inner loop, for facts taken from the
    bucket of the pattern's own predicate.

    >>> match_args(("x", "x"), ("a", "b"), {}, frozenset({"x"})) is None
    True
    """
    if len(pattern) != len(args):
        return None
    out = bind
    for a, v in zip(pattern, args):
        if a in variables:
            b = out.get(a)
            if b is None:
                if out is bind:
                    out = dict(bind)
                out[a] = v
            elif b != v:
                return None
        elif a != v:
            return None
    return out

"""Conjectures from enumerated terms: well-typed terms over the signature (functions of
any arity, Nat or Bool valued), bottom-up by size, are evaluated on small numerals with the
incubator's values (proved, else computed from the axioms); terms of one sort that no assignment tells apart are
conjectured equal (`leq(a, a) = true` as well as `a + b = b + a`). Normalization then
drops trivial, mirrored and renamed duplicates.

A term is a name or a tuple `(function, *arguments)` (`mpl_lang.terms`); variables range
over the inductive set, the finite sets' elements (`true`, `false`) are leaves too.

>>> from gl.incubator import Incubation
>>> from gl.signature import Signature
>>> sig = Signature("N", "i0", "s", ("s",), ("+",), ("i0",))
>>> inc = Incubation(2, table={"+": {(a, b): a + b for a in range(3) for b in range(3) if a + b <= 2}})
>>> ev = TermEvaluator(sig, inc, {"i0": 0}, ("a",), (0, 1, 2))
>>> ev.values(("+", "a", "i0")), ev.values(("s", "a"))
((0, 1, 2), (1, 2, None))
>>> normalize([(("+", "a", "i0"), "a"), ("b", ("+", "b", "i0"))], frozenset({"i0"}), Exploration())
[(('+', 'a', 'i0'), 'a')]
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from operator import itemgetter
from random import Random

from mpl_lang.terms import Term, canonical, leaves, node_count, rename

from ..incubator import Incubation, Value
from ..signature import Signature
from .config import NO_PROBES, ExploreConfig, Probes
from .stages import Exploration


def term_variables(t: Term, variables: tuple[str, ...]) -> set[str]:
    """The leaves of `t` that are among `variables`.

    >>> sorted(term_variables(("+", "a", ("s", "i0")), ("a", "b")))
    ['a']
    """
    return set(leaves(t)).intersection(variables)


class TermEvaluator:
    """Values of terms on variable assignments: the incubator's proved values, else those
    it computes from the axioms (`Incubation.computed`; a guide, never a proof). The
    assignments: every one from `points`, then every one from `extra` not among them
    (larger values, where an equation that holds on small numerals fails: `a * (a * a)
    = a ^ s(a)` at 3). Terms these tell apart are different; terms they do not are
    compared on the `probes` too (`distinguishes`; `config.Probes`), the assignments
    not among those; there a term is evaluated once per assignment of its own variables
    (`a + a` on 5 values of `a`, not on 125 assignments of `a, b, c`). `elements` gives
    the named numerals their values; the finite sets' elements (`true`) are leaves whose
    value is themselves."""

    def __init__(self, sig: Signature, inc: Incubation, elements: dict[str, int],
                 variables: tuple[str, ...], points: tuple[int, ...], extra: tuple[int, ...] = (),
                 probes: Probes = NO_PROBES) -> None:
        self.sig, self.inc = sig, inc
        self.elements: dict[str, Value] = {**elements, **{e: e for _, names in sig.finite for e in names}}
        self.variables = variables
        grid = list(itertools.product(points, repeat=len(variables)))
        seen = set(grid)
        more = [vals for vals in itertools.product(extra, repeat=len(variables)) if vals not in seen]
        self.envs = [dict(zip(variables, vals)) for vals in grid + more]
        self.grid = len(grid)  # the assignments `testable` counts: the extra ones may well be unknown
        self.top = max(points, default=0)
        seen.update(more)
        probe = [vals for vals in itertools.product(probes.points, repeat=len(variables)) if vals not in seen]
        rng = Random(0)
        top = 2 * max(probes.points, default=0)
        probe += [tuple(rng.randint(0, top) for _ in variables) for _ in range(probes.random if probes.points else 0)]
        self.probes, self.cap = probe, probes.cap
        self._memo: dict[Term, tuple[Value | None, ...]] = {}
        # cap -> f(*vals) for the (f, vals) applied so far: many terms share their arguments' values
        self._applied: dict[int | None, dict[tuple[str, tuple[Value | None, ...]], Value | None]] = {}
        # probes: a term -> its variables and its values on their distinct assignments; the
        # distinct assignments of some variables (and their positions); the positions of the
        # assignments of some variables in those of more variables
        self._groups: dict[tuple[str, ...], list[int]] = {}
        self._probed: dict[Term, tuple[tuple[str, ...], tuple[Value | None, ...]]] = {}
        self._rows: dict[tuple[str, ...], dict[tuple[int, ...], int]] = {}
        self._lifts: dict[tuple[tuple[str, ...], tuple[str, ...]], Callable[[tuple], tuple]] = {}

    def values(self, t: Term) -> tuple[Value | None, ...]:
        """The value of `t` on each assignment (None where the incubator does not tell);
        remembered, so that a term's values come from its arguments' at one step each."""
        fp = self._memo.get(t)
        if fp is None:
            if isinstance(t, str):
                fp = tuple(env[t] if t in env else self.elements.get(t) for env in self.envs)
            else:
                fp = self._applied_to(t[0], [self.values(a) for a in t[1:]])
            self._memo[t] = fp
        return fp

    def distinguishes(self, s: Term, t: Term) -> bool:
        """Whether some probe assignment gives `s` and `t` different values (both known).

        >>> from gl.incubator import Incubation
        >>> sig = Signature("N", "i0", "s", ("s",), (), ("i0",))
        >>> ev = TermEvaluator(sig, Incubation(6), {"i0": 0}, ("a",), (0, 1), probes=Probes((0, 1, 2)))
        >>> ev.values(("s", ("s", "a"))) == ev.values(("s", ("s", ("s", "a")))), ev.distinguishes("a", ("s", "a"))
        (False, True)
        """
        (vs, x), (vt, y) = self._probe(s), self._probe(t)
        both = tuple(v for v in self.variables if v in vs or v in vt)
        return any(a is not None and b is not None and a != b
                   for a, b in zip(self._lift(x, vs, both), self._lift(y, vt, both)))

    def _probe(self, t: Term) -> tuple[tuple[str, ...], tuple[Value | None, ...]]:
        """The variables of `t` (in the evaluator's order) and its values on the distinct
        probe assignments of them (a value above the cap counts as unknown)."""
        found = self._probed.get(t)
        if found is None:
            if isinstance(t, str):
                own = (t,) if t in self.variables else ()
                found = own, tuple(row[0] if own else self.elements.get(t) for row in self._assignments(own))
            else:
                args = [self._probe(a) for a in t[1:]]
                own = tuple(v for v in self.variables if any(v in vs for vs, _ in args))
                found = own, self._applied_to(t[0], [self._lift(vals, vs, own) for vs, vals in args], self.cap)
            self._probed[t] = found
        return found

    def _assignments(self, variables: tuple[str, ...]) -> dict[tuple[int, ...], int]:
        """The distinct probe assignments of `variables`, each with its position."""
        rows = self._rows.get(variables)
        if rows is None:
            at = [self.variables.index(v) for v in variables]
            rows = self._rows[variables] = {}
            for probe in self.probes:
                rows.setdefault(tuple(probe[i] for i in at), len(rows))
        return rows

    def _lift(self, values: tuple[Value | None, ...], variables: tuple[str, ...],
              more: tuple[str, ...]) -> tuple[Value | None, ...]:
        """Values on the probe assignments of `variables` as values on those of `more`
        (a superset)."""
        if variables == more:
            return values
        lift = self._lifts.get((variables, more))
        if lift is None:
            at = [more.index(v) for v in variables]
            rows = self._assignments(variables)
            positions = [rows[tuple(row[i] for i in at)] for row in self._assignments(more)]
            lift = self._lifts[variables, more] = itemgetter(*positions) if len(positions) > 1 else \
                (lambda vals, i=positions[0]: (vals[i],)) if positions else (lambda vals: ())
        return lift(values)

    def _applied_to(self, f: str, columns: list[tuple[Value | None, ...]],
                    cap: int | None = None) -> tuple[Value | None, ...]:
        """`f` applied to the arguments' values, assignment by assignment (a value above
        `cap` as unknown)."""
        applied = self._applied.setdefault(cap, {})
        out = []
        for vals in zip(*columns):
            value = applied.get((f, vals), applied)  # the dict itself: not there yet
            if value is applied:
                value = applied[f, vals] = self._apply(f, vals, cap)
            out.append(value)
        return tuple(out)

    def sort(self, t: Term) -> str | None:
        """The set `t`'s values lie in (None for an unknown leaf or function).

        >>> from gl.incubator import Incubation
        >>> sig = Signature("N", "i0", "s", ("s",), (), ("i0",), finite=(("Bool", ("true", "false")),))
        >>> ev = TermEvaluator(sig, Incubation(1), {"i0": 0}, ("a",), (0,))
        >>> ev.sort(("s", "a")), ev.sort("true")
        ('N', 'Bool')
        """
        if isinstance(t, str):
            return self.sig.domain if t in self.variables else self.sig.sort_of(t)
        try:
            return self.sig.function(t[0]).result
        except KeyError:
            return None

    def refutes(self, lhs: Term, rhs: Term, constants: frozenset[str]) -> bool:
        """Whether the two sides have different values somewhere, probes included (the
        equation's variables, leaves that are not `constants`, are mapped onto the evaluator's)."""
        variables = [x for x in dict.fromkeys(leaves(lhs) + leaves(rhs)) if x not in constants]
        if len(variables) > len(self.variables):
            return False
        ren = dict(zip(variables, self.variables))
        s, t = rename(lhs, ren), rename(rhs, ren)
        return any(x is not None and y is not None and x != y
                   for x, y in zip(self.values(s), self.values(t))) or self.distinguishes(s, t)

    def tested_beyond(self, lhs: Term, rhs: Term, constants: frozenset[str]) -> bool:
        """Whether the two sides are both known on some assignment beyond `points`: an
        extra point, or a probe with a value above them. An equation of no such
        assignment was seen to hold on the smallest values only (weak evidence: `a ^
        s(s(s(a))) = a ^ s(a * a)` for a ≤ 2, where larger values are too large to know).
        One without variables, or with more than the evaluator's, is not judged (True).

        >>> from gl.incubator import Incubation
        >>> sig = Signature("N", "i0", "s", ("s",), (), ("i0",))
        >>> ev = TermEvaluator(sig, Incubation(6), {"i0": 0}, ("a",), (0, 1), (2,), Probes((0, 1, 2)))
        >>> ev.tested_beyond(("s", "a"), ("s", "a"), frozenset({"i0"})), ev.tested_beyond(("s", ("s", ("s", ("s", ("s", "a"))))), "a", frozenset({"i0"}))
        (True, False)
        """
        variables = [x for x in dict.fromkeys(leaves(lhs) + leaves(rhs)) if x not in constants]
        if not variables or len(variables) > len(self.variables):
            return True
        ren = dict(zip(variables, self.variables))
        s, t = rename(lhs, ren), rename(rhs, ren)
        if any(x is not None and y is not None and max(env[v] for v in ren.values()) > self.top
               for env, x, y in zip(self.envs[self.grid:], self.values(s)[self.grid:], self.values(t)[self.grid:])):
            return True
        (vs, x), (vt, y) = self._probe(s), self._probe(t)
        both = tuple(v for v in self.variables if v in vs or v in vt)
        return any(a is not None and b is not None and max(row, default=0) > self.top
                   for row, a, b in zip(self._assignments(both), self._lift(x, vs, both), self._lift(y, vt, both)))

    def testable(self, t: Term, fp: tuple[Value | None, ...], min_known: int) -> bool:
        """Known on at least 80% of the assignments of its own variables from `points`
        (and on at least `min_known` of them, or all when there are fewer)."""
        vs = tuple(sorted(term_variables(t, self.variables)))
        groups = self._groups.get(vs)
        if groups is None:  # each assignment of `points` -> the position of its values of vs
            index: dict[tuple[int, ...], int] = {}
            groups = self._groups[vs] = [index.setdefault(tuple(env[x] for x in vs), len(index))
                                         for env in self.envs[: self.grid]]
        seen = max(groups, default=-1) + 1
        known = len({g for g, v in zip(groups, fp) if v is not None})
        return known * 5 >= 4 * seen and known >= min(min_known, seen)

    def _apply(self, f: str, vals: tuple[Value | None, ...], cap: int | None) -> Value | None:
        """`f(*vals)`: None where an argument is unknown or the value is above `cap`."""
        if any(v is None for v in vals):
            return None
        if f == self.sig.succ:
            v = vals[0]
            value = v + 1 if isinstance(v, int) and v + 1 <= self.inc.bound else None
        else:
            value = self.inc.computed(f, *vals)
        return None if cap is not None and isinstance(value, int) and value > cap else value


def _splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """The ways to write `total` as an ordered sum of `parts` positive sizes.

    >>> list(_splits(4, 2)), list(_splits(3, 3))
    ([(1, 3), (2, 2), (3, 1)], [(1, 1, 1)])
    """
    if parts == 1:
        if total >= 1:
            yield (total,)
        return
    for first in range(1, total - parts + 2):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


def enumerate_conjectures(sig: Signature, ev: TermEvaluator, cfg: ExploreConfig,
                          stats: Exploration, deadline: float | None = None) -> list[tuple[Term, Term]]:
    """Conjectured equations `term = representative` between terms of one sort, in
    enumeration order. A term is built only from representatives of smaller terms of the
    sorts its function takes (a smaller equal term already stands for the rest); it is
    compared with every class of its sort so far by its values, and with those of equal
    values on the evaluator's probes (one the probes tell apart founds a class of its own).
    At the absolute `time.perf_counter()` `deadline` it stops with the equations found so far."""
    reps: dict[tuple[str, int], list[Term]] = {}  # (sort, size) -> representatives
    # (sort, values) -> the classes of terms with those values, each a list of members
    # (the first stands for the class); the probes tell the classes apart
    classes: dict[tuple, list[list[Term]]] = {}
    count = 0  # the classes so far
    out: list[tuple[Term, Term]] = []

    def consider(t: Term, sort: str, size: int) -> None:
        ground = size > 1 and not cfg.ground_terms and not term_variables(t, ev.variables)
        if ground and size > cfg.ground_size:
            return  # numerals like s(s(i0)): the incubator's business, not the explorer's
        stats.add("enumerated")
        fp = ev.values(t)
        if not ev.testable(t, fp, cfg.min_known):
            stats.add("untestable")
            return
        nonlocal count
        stats.add("candidate pairs", count)
        alike = classes.get((sort, fp))
        members = next((m for m in alike or () if not ev.distinguishes(t, m[0])), None)
        stats.add("counterexample-filtered", count - (members is not None))
        if ground:
            # a small ground term only stands for a class of its own (`a ^ i0 = s(i0)`):
            # never a conjecture, nor a part of larger terms (`a * s(i0)`)
            if alike is None:
                classes[(sort, fp)] = [[t]]
                count += 1
        elif members is None:
            classes.setdefault((sort, fp), []).append([t])
            count += 1
            reps.setdefault((sort, size), []).append(t)
        else:
            # equal to the class's first members: `a*b+b = s(a)*b` as well as `= b*s(a)`,
            # so a lemma is not lost when its sibling needs a law proved only later
            out.extend((t, m) for m in members if size + node_count(m) <= cfg.max_equation_size)
            if len(members) < cfg.class_members:
                members.append(t)

    for t in [*ev.variables, *ev.elements]:
        sort = ev.sort(t)
        if sort is not None:
            consider(t, sort, 1)
    for size in range(2, cfg.max_term_size + 1):
        for f in sig.functions:
            for sizes in _splits(size - 1, f.arity):
                if deadline is not None and time.perf_counter() > deadline:
                    return out
                pools = [reps.get((s, n), []) for s, n in zip(f.args, sizes)]
                for args in itertools.product(*pools):
                    consider((f.name, *args), f.result, size)
    return out


def normalize(pairs: list[tuple[Term, Term]], constants: frozenset[str],
              stats: Exploration) -> list[tuple[Term, Term]]:
    """Drop trivial, mirrored and renamed duplicates; orient the larger side left; name
    the variables a, b, c, ... (`canonical_names`)."""
    seen: set[tuple] = set()
    out = []
    for lhs, rhs in pairs:
        if lhs == rhs:
            stats.add("normalized away")
            continue
        if (node_count(rhs), repr(rhs)) > (node_count(lhs), repr(lhs)):
            lhs, rhs = rhs, lhs
        key = min(canonical(lhs, rhs, constants), canonical(rhs, lhs, constants), key=repr)
        if key in seen:
            stats.add("normalized away")
            continue
        seen.add(key)
        out.append(canonical_names(lhs, rhs, constants))
    return out


def canonical_names(lhs: Term, rhs: Term, constants: frozenset[str]) -> tuple[Term, Term]:
    """Rename variables to a, b, c, ... by first occurrence.

    >>> canonical_names(("+", "y", "x"), ("+", "x", "y"), frozenset())
    (('+', 'a', 'b'), ('+', 'b', 'a'))
    """
    l2, r2 = canonical(lhs, rhs, constants)
    letters = {f"x{i}": c for i, c in enumerate("abcdefgh")}
    return rename(l2, letters), rename(r2, letters)

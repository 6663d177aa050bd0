"""Autonomous exploration: from the axioms alone, find and prove the theory's laws.

Stages (all counts land in `proofs.json`, times in `run.json`):

1. **incubator** — ground facts about small numerals proved on the grid (`gl.incubator`).
2. **enumeration** — terms over the signature read off the axioms (functions, named
   elements, variables), bottom-up by size; a term is built only from representatives of
   smaller terms (a smaller equal term already stands for the rest).
3. **counterexample filter** — each term is evaluated on all variable assignments from
   `points` using only the *proved* incubator tables; it is compared with every
   equivalence class so far: a pair whose values differ somewhere is refuted, a pair
   with equal values becomes a conjecture `term = representative`.
4. **normalization** — variables renamed canonically, mirrored and renamed duplicates
   dropped; conjectures are ordered smallest first, general before special, recursion
   lemmas and laws whose variables keep their order on both sides first among equals.
5. **type filter** — every variable of a conjecture must range over the inductive set.
6. **selection** (QuickSpec-style, on the e-graph of `rewriting`) — conjectures that
   follow from the proved equations are dropped; of those that restate each other
   modulo them, one is kept; in pool order, a conjecture is kept only when it does not
   follow from the proved equations and the conjectures kept before it (a conjecture
   that failed to prove no longer counts, so what it hid comes back).
7. **proving** — the selected candidates smallest first on the Logic-Block grid (recursion
   lemmas such as `s(a) * b = a * b + b` a few symbols earlier); each proved theorem
   becomes a rule for every later block and an equation for the selection, which is
   redone after every proof. A failed conjecture waits (with its instances) for
   theorems about its functions, with exponential back-off; one that comes to follow
   from the proved equations is dropped, unless it states an algebraic law (`gl.laws`),
   which gets a proof of its own.
8. **compression** — least-used first, a theorem is dropped from the essential core when
   it is re-derivable directly from the remaining core (without the theorems that rest on it).

>>> import gl
>>> run = explore(gl.load("examples/peano"), config=ExploreConfig(max_term_size=3, up_to=3), progress=False)
>>> run.stages["proved"] > 0
True
"""

from __future__ import annotations

import heapq
import itertools
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

import click

from mpl_lang import Expr, Statement
from mpl_lang.logic import goal_parts, iter_atoms

from ..core.prover import Prover, Settings
from ..core.result import TheoremResult
from ..core.session import ProofRun, Session
from ..equations import (
    Term,
    canonical,
    equation_to_statement,
    is_instance,
    leaves,
    rename,
    statement_to_equation,
)
from ..incubator import Incubation, incubate, numeral_chain
from ..laws import named_law
from ..signature import Signature, signature

LAW_SHORT = {
    "commutativity of +": "add_comm", "associativity of +": "add_assoc",
    "commutativity of *": "mul_comm", "associativity of *": "mul_assoc",
    "left distributivity of * over +": "distrib_left", "right distributivity of * over +": "distrib_right",
}


#: the stage counters, in report order
STAGES = ("incubator facts", "enumerated", "untestable", "candidate pairs", "counterexample-filtered",
          "normalized away", "type-filtered", "conjectures", "follows from theorems", "proved", "unproved",
          "essential")


@dataclass(frozen=True)
class ExploreConfig:
    """Sizes and limits of an exploration. `elements`: which named elements appear in
    terms — "base" (the induction base only) or "all" (every element the axioms name).
    `ground_terms`: also enumerate compound terms without variables (numerals).
    A new term is conjectured equal to up to `class_members` earlier terms of its class;
    equations larger than `max_equation_size` symbols (both sides) are left out.
    Every attempt runs at most `cycles` cycles and `work` matching steps per block (a
    deterministic bound, unlike time) and tries induction on at most
    `induction_candidates` variables. Candidates are attempted smallest first, recursion
    lemmas (`_recursion_lemma`) counted `recursion_bonus` symbols smaller; a failed
    conjecture is retried up to `retries` times as theorems accumulate."""

    max_term_size: int = 7
    max_equation_size: int = 12
    max_vars: int = 3
    elements: str = "base"
    up_to: int = 6
    points: tuple[int, ...] = (0, 1, 2)
    min_known: int = 3
    prune_iterations: int = 2
    cycles: int = 12
    work: int = 50_000
    induction_candidates: int = 2
    recursion_bonus: int = 3
    retries: int = 4
    class_members: int = 3
    ground_terms: bool = False
    compress: bool = True


@dataclass
class Conjecture:
    """A candidate statement, with its equation when it is one."""

    name: str
    statement: Expr
    origin: str
    size: int
    equation: tuple[Term, Term] | None = None


@dataclass
class Exploration:
    """Counters and timings of one run (`stages` goes into proofs.json)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGES, 0))
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n


# ---------------------------------------------------------------- enumeration




def _size(t: Term) -> int:
    return 1 if isinstance(t, str) else 1 + sum(_size(a) for a in t[1:])


def _vars_of(t: Term, variables: tuple[str, ...]) -> set[str]:
    if isinstance(t, str):
        return {t} if t in variables else set()
    return set().union(*(_vars_of(a, variables) for a in t[1:]))


class TermEvaluator:
    """Values of terms on variable assignments, from proved incubator tables only."""

    def __init__(self, sig: Signature, inc: Incubation, elements: dict[str, int],
                 variables: tuple[str, ...], points: tuple[int, ...]) -> None:
        self.sig, self.inc, self.elements = sig, inc, elements
        self.variables = variables
        self.envs = [dict(zip(variables, vals)) for vals in itertools.product(points, repeat=len(variables))]

    def values(self, t: Term) -> tuple[int | None, ...]:
        return tuple(self._value(t, env) for env in self.envs)

    def refutes(self, lhs: Term, rhs: Term, constants: frozenset[str]) -> bool:
        """Whether the proved tables give the two sides different values somewhere (the
        equation's variables, leaves that are not `constants`, are mapped onto the evaluator's)."""
        variables = [x for x in dict.fromkeys(leaves(lhs) + leaves(rhs)) if x not in constants]
        if len(variables) > len(self.variables):
            return False
        ren = dict(zip(variables, self.variables))
        a, b = self.values(rename(lhs, ren)), self.values(rename(rhs, ren))
        return any(x is not None and y is not None and x != y for x, y in zip(a, b))

    def testable(self, t: Term, fp: tuple[int | None, ...], min_known: int) -> bool:
        """Known on at least 80% of the assignments of its own variables (and on at
        least `min_known` of them, or all when there are fewer)."""
        vs = sorted(_vars_of(t, self.variables))
        seen: dict[tuple, bool] = {}
        for env, v in zip(self.envs, fp):
            seen[tuple(env[x] for x in vs)] = v is not None
        known = sum(seen.values())
        return known * 5 >= 4 * len(seen) and known >= min(min_known, len(seen))

    def _value(self, t: Term, env: dict[str, int]) -> int | None:
        if isinstance(t, str):
            return env[t] if t in env else self.elements.get(t)
        f, *args = t
        vals = [self._value(a, env) for a in args]
        if any(v is None for v in vals):
            return None
        if len(vals) == 1:
            return vals[0] + 1 if f == self.sig.succ and vals[0] + 1 <= self.inc.up_to else None
        return self.inc.value(f, vals[0], vals[1])


def enumerate_conjectures(sig: Signature, ev: TermEvaluator, cfg: ExploreConfig,
                          stats: Exploration) -> list[tuple[Term, Term]]:
    """Conjectured equations `term = representative`, in enumeration order."""
    leaves: list[Term] = [*ev.variables, *ev.elements]
    reps_by_size: dict[int, list[Term]] = {}
    classes: dict[tuple, list[Term]] = {}
    out: list[tuple[Term, Term]] = []

    def consider(t: Term, size: int) -> None:
        if size > 1 and not cfg.ground_terms and not _vars_of(t, ev.variables):
            return  # numerals like s(s(i0)): the incubator's business, not the explorer's
        stats.add("enumerated")
        fp = ev.values(t)
        if not ev.testable(t, fp, cfg.min_known):
            stats.add("untestable")
            return
        stats.add("candidate pairs", len(classes))
        members = classes.get(fp)
        stats.add("counterexample-filtered", len(classes) - (members is not None))
        if members is None:
            classes[fp] = [t]
            reps_by_size.setdefault(size, []).append(t)
        else:
            # equal to the class's first members: `a*b+b = s(a)*b` as well as `= b*s(a)`,
            # so a lemma is not lost when its sibling needs a law proved only later
            out.extend((t, m) for m in members if size + _size(m) <= cfg.max_equation_size)
            if len(members) < cfg.class_members:
                members.append(t)

    for t in leaves:
        consider(t, 1)
    for size in range(2, cfg.max_term_size + 1):
        for f in sig.unary:
            for t in reps_by_size.get(size - 1, []):
                consider((f, t), size)
        for f in sig.binary:
            for i in range(1, size - 1):
                for a in reps_by_size.get(i, []):
                    for b in reps_by_size.get(size - 1 - i, []):
                        consider((f, a, b), size)
    return out


# ---------------------------------------------------------------- normalization


def _key(lhs: Term, rhs: Term, constants: frozenset[str]) -> tuple:
    return min(canonical(lhs, rhs, constants), canonical(rhs, lhs, constants), key=repr)


def normalize(pairs: list[tuple[Term, Term]], constants: frozenset[str], stats: Exploration) -> list[tuple[Term, Term]]:
    """Drop trivial, mirrored and renamed duplicates; orient larger side left."""
    seen: set[tuple] = set()
    out = []
    for lhs, rhs in pairs:
        if lhs == rhs:
            stats.add("normalized away")
            continue
        if (_size(rhs), repr(rhs)) > (_size(lhs), repr(lhs)):
            lhs, rhs = rhs, lhs
        key = _key(lhs, rhs, constants)
        if key in seen:
            stats.add("normalized away")
            continue
        seen.add(key)
        out.append(canonical_names(lhs, rhs, constants))
    return out


def canonical_names(lhs: Term, rhs: Term, constants: frozenset[str]) -> tuple[Term, Term]:
    """Rename variables to a, b, c, ... by first occurrence."""
    l2, r2 = canonical(lhs, rhs, constants)
    letters = {f"x{i}": c for i, c in enumerate("abcdefgh")}
    return rename(l2, letters), rename(r2, letters)


def well_typed(statement: Expr, sig: Signature) -> bool:
    """Every variable of the statement occurs where the signature puts the inductive set:
    an input or output of a function, or `in[x, set]`."""
    vs, hyps, concl = goal_parts(statement)
    typed: set[str] = set()
    functions = set(sig.unary) | set(sig.binary)
    for a in iter_atoms(statement):
        if a.name in ("in2", "in3") and a.args and a.args[-1] in functions:
            typed.update(a.args[:-1])
        elif a.name == "in" and len(a.args) == 2 and a.args[1] == sig.domain:
            typed.add(a.args[0])
        elif a.name == "=":
            continue
    return all(v in typed for v in vs)


# ---------------------------------------------------------------- proving


class _Pruner:
    """Judges equations modulo a set of equations (a bounded e-graph run of `rewriting`)."""

    def __init__(self, sig: Signature, constants: frozenset[str], iterations: int,
                 equations: Iterable[tuple[Term, Term]] = ()) -> None:
        from rewriting.terms import PeanoSignature

        self.constants, self.iterations = constants, iterations
        self.equations: list[tuple[Term, Term]] = list(equations)
        b = sig.binary
        self.psig = PeanoSignature(zero=sig.base, succ=sig.succ,
                                   add=b[0] if b else "+", mul=b[1] if len(b) > 1 else "*")

    def add(self, eq: tuple[Term, Term]) -> None:
        self.equations.append(eq)

    def judge(self, eqs: list[tuple[Term, Term]]) -> list[tuple[bool, frozenset]]:
        """For each equation: whether its sides are equal modulo the equations, and the
        pair of e-classes it relates (equations with one pair restate each other)."""
        from rewriting.api import EquivalenceIndex
        from rewriting.engine import Limits
        from rewriting.rules import rules_from_equations

        if not eqs:
            return []
        psig = self.psig
        rules = rules_from_equations(self.equations, signature=psig, constants=self.constants)
        # bounded by iterations and nodes only: what is selected must not depend on the
        # machine's speed (runs are deterministic)
        index = EquivalenceIndex(rules, domain="peano", signature=psig,
                                 limits=Limits(iterations=self.iterations, nodes=40_000, time=math.inf))
        ids = [(index.add(lhs), index.add(rhs)) for lhs, rhs in eqs]
        index.saturate()
        return [(index.same(i, j), frozenset((index.class_id(i), index.class_id(j)))) for i, j in ids]


def prune_pool(pool: list[Conjecture], sig: Signature, constants: frozenset[str], iterations: int,
               proved: Iterable[tuple[Term, Term]] = (), unusable: Iterable[str] = ()) -> Iterator[list[Conjecture]]:
    """QuickSpec-style candidate selection, level by level (ascending sizes, judged only
    when the next level is asked for): in pool order, keep an equation unless it follows
    (bounded e-graph run) from the proved equations and the equations kept before it.
    Conjectures in `unusable` (attempted and not proved) are kept as candidates but never
    justify dropping another. Dropped ones are not claimed proved: they are only not
    attempted. Yields the non-empty lists of kept conjectures."""
    pruner = _Pruner(sig, constants, iterations, proved)
    unusable = set(unusable)
    for size in sorted({c.size for c in pool}):
        level = [c for c in pool if c.size == size]
        kept = [c for c in level if c.equation is None]
        level = [c for c in level if c.equation is not None]
        stale = True  # the pruner learned an equation since the level was last judged
        while level:
            if stale:
                verdicts = pruner.judge([c.equation for c in level])
                level = [c for c, (same, _) in zip(level, verdicts) if not same]
                stale = False
            if level:
                head, *level = level
                kept.append(head)
                if head.name not in unusable:
                    pruner.add(head.equation)
                    stale = True
        if kept:
            yield kept


def select(pool: list[Conjecture], sig: Signature, constants: frozenset[str], iterations: int,
           proved: list[tuple[Term, Term]], unusable: Iterable[str],
           waiting: Iterable[Conjecture] = ()) -> tuple[Iterator[list[Conjecture]], set[str]]:
    """The candidates to attempt next (lazily, level by level: `prune_pool`), and the
    names of the pool's equations that follow from the `proved` ones. Of the equations
    that restate each other modulo the proved ones (both sides in the same two e-classes)
    only the first in pool order is a candidate, and instances of a `waiting` conjecture
    (failed, to be retried) wait with it."""
    eqs = [c for c in pool if c.equation is not None]
    verdicts = _Pruner(sig, constants, iterations, proved).judge([c.equation for c in eqs])
    implied = {c.name for c, (same, _) in zip(eqs, verdicts) if same}
    seen: set[frozenset] = set()
    restating: set[str] = set()
    for c, (same, key) in zip(eqs, verdicts):
        if not same:
            if key in seen:
                restating.add(c.name)
            seen.add(key)
    general = [w for w in waiting if w.equation is not None]
    rest = [c for c in pool if c.name not in implied and c.name not in restating
            and not any(w is not c and c.equation is not None and is_instance(c.equation, w.equation, constants)
                        for w in general)]
    return prune_pool(rest, sig, constants, iterations, proved, unusable), implied


def explore(session: Session, settings: Settings | None = None, timeout: float | None = None,
            seed: int = 0, progress: bool = True, config: ExploreConfig | None = None,
            extra: list[Statement] | None = None) -> ProofRun:
    """Explore `session.theory` and return the run (theorems in proof order, stage counts).
    `extra` statements (and the theory's own conjectures/targets) join the pool. The
    search is deterministic; `seed` is recorded for reproducibility but nothing is random."""
    cfg = config or ExploreConfig()
    settings = settings or Settings()
    theory = session.theory
    sig = signature(theory)
    stats = Exploration()
    run = ProofRun(session, settings=settings)
    start = time.perf_counter()
    deadline = start + timeout if timeout else None
    say = (lambda msg: click.echo(msg, err=True)) if progress else (lambda msg: None)
    prover = Prover(theory, settings)
    try:
        t0 = time.perf_counter()
        say(f"incubator: proving ground facts up to {cfg.up_to} ...")
        inc = incubate(theory, cfg.up_to)
        run.theorems.extend(inc.results)
        stats.counts["incubator facts"] = sum(r.proved for r in inc.results)
        stats.seconds["incubator"] = time.perf_counter() - t0
        say(f"incubator: {stats.counts['incubator facts']}/{len(inc.results)} facts proved "
            f"({stats.seconds['incubator']:.1f} s)")

        t0 = time.perf_counter()
        variables = tuple("abcdefgh"[: cfg.max_vars])
        chain = numeral_chain(theory, sig)
        elements = {name: k for k, name in enumerate(chain[: 1 if cfg.elements == "base" else None])}
        ev = TermEvaluator(sig, inc, elements, variables, cfg.points)
        raw = enumerate_conjectures(sig, ev, cfg, stats)
        stats.seconds["enumeration and counterexample filter"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        constants = frozenset(theory.constants)
        pool = _pool(normalize(raw, constants, stats), extra or [], theory, sig, constants, stats, ev)
        stats.counts["conjectures"] = len(pool)
        stats.seconds["normalization and type filter"] = time.perf_counter() - t0
        say(f"enumerated {stats.counts.get('enumerated', 0)} terms; "
            f"{stats.counts.get('counterexample-filtered', 0)} pairs refuted by counterexamples; "
            f"{len(pool)} conjectures after normalization and type filter")

        t0 = time.perf_counter()
        _prove_pool(pool, prover, run, stats, cfg, sig, constants, deadline, say)
        stats.seconds["proving"] = time.perf_counter() - t0
    except KeyboardInterrupt:
        run.interrupted = True
        say("interrupted: keeping what was proved")
    explored = [t for t in run.theorems if t.origin != "incubator"]
    stats.counts["proved"] = sum(t.proved for t in explored)
    stats.counts["unproved"] = sum(not t.proved for t in explored)
    if cfg.compress and not run.interrupted and not _late(deadline):
        t0 = time.perf_counter()
        run.compression = compress([t for t in explored if t.proved], theory, settings)
        stats.seconds["compression"] = time.perf_counter() - t0
        stats.counts["essential"] = stats.counts["proved"] - len(run.compression)
    run.stages = _ordered_counts(stats.counts)
    run.stage_seconds = {k: round(v, 3) for k, v in stats.seconds.items()}
    run.seconds = time.perf_counter() - start
    if progress:
        print_report(run)
    return run


def _late(deadline: float | None) -> bool:
    return deadline is not None and time.perf_counter() > deadline


def _pool(eqs: list[tuple[Term, Term]], extra: list[Statement], theory, sig: Signature,
          constants: frozenset[str], stats: Exploration, ev: TermEvaluator) -> list[Conjecture]:
    """The conjecture pool: enumerated equations plus stated conjectures (the theory's own
    and `extra`), the latter through the same counterexample filter when they are
    equations; type-filtered, sorted smallest and most general first, and named."""
    pool: list[Conjecture] = []
    for lhs, rhs in eqs:
        st = equation_to_statement(lhs, rhs, sig.domain, constants)
        pool.append(Conjecture("", st, "explored", _size(lhs) + _size(rhs), (lhs, rhs)))
    for s in [*theory.statements, *extra]:
        eq = statement_to_equation(s.formula)
        if eq is not None and ev.refutes(*eq, constants):
            stats.add("counterexample-filtered")
            continue
        pool.append(Conjecture(s.name, s.formula, "conjecture", 2 * sum(1 for _ in iter_atoms(s.formula)), eq))
    kept = []
    for c in pool:
        if well_typed(c.statement, sig):
            kept.append(c)
        else:
            stats.add("type-filtered")
    kept.sort(key=lambda c: (c.size, c.origin != "conjecture", _nconstants(c, constants), -_nvars(c.statement),
                             not _recursion_lemma(c, sig), _crossings(c, constants), repr(c.equation), c.name))
    used: set[str] = set(theory.constants) | {s.name for s in theory.statements}
    for n, c in enumerate(kept, 1):
        if c.name:
            continue
        law = named_law(c.statement, sig.binary)
        name = LAW_SHORT.get(law or "", f"lemma_{n}")
        while name in used:
            name += "_"
        used.add(name)
        c.name = name
    return kept


def _nconstants(c: Conjecture, constants: frozenset[str]) -> int:
    """Constant leaves of an equation: general laws (none) go before special cases."""
    if c.equation is None:
        return 0
    return sum(x in constants for x in leaves(c.equation[0]) + leaves(c.equation[1]))


def _recursion_lemma(c: Conjecture, sig: Signature) -> bool:
    """Whether one side applies a function to a successor (`s(a) * b`) and the other side
    does not (`a * b + b`): the lemmas an induction step over the other argument needs,
    tried early."""
    if c.equation is None:
        return False

    def applies_to_succ(t: Term) -> bool:
        if isinstance(t, str):
            return False
        return any(not isinstance(a, str) and a[0] == sig.succ and t[0] != sig.succ or applies_to_succ(a)
                   for a in t[1:])

    return applies_to_succ(c.equation[0]) != applies_to_succ(c.equation[1])


def _crossings(c: Conjecture, constants: frozenset[str]) -> int:
    """Pairs of variables met in opposite orders on the two sides (`a*(b*c) = b*(a*c)`: 1,
    associativity: 0): a law that keeps its variables in order goes first, so that its
    twisted restatements are pruned as its consequences and not the other way round."""
    if c.equation is None:
        return 0
    first = [[x for x in dict.fromkeys(leaves(side)) if x not in constants] for side in c.equation]
    pos = {x: i for i, x in enumerate(first[1])}
    order = [pos[x] for x in first[0] if x in pos]
    return sum(a > b for a, b in itertools.combinations(order, 2))


def _nvars(statement: Expr) -> int:
    return len(goal_parts(statement)[0])


def _prove_pool(pool: list[Conjecture], prover: Prover, run: ProofRun, stats: Exploration,
                cfg: ExploreConfig, sig: Signature, constants: frozenset[str],
                deadline: float | None, say) -> None:
    """Attempt the selected candidates smallest first; after each proof, select again
    (the new theorem is a rule for the blocks and an equation for the pruner).

    A failed conjecture is retried at most `cfg.retries` times, the k-th time only after
    2^(k-1) *relevant* theorems (about a function at the root of one of its sides) were
    proved since its last attempt: most failures are junk, and a real lemma waits for
    the few theorems its proof needs. A conjecture that comes to follow from the proved
    equations is not attempted — unless it states an algebraic law (`gl.laws`), which is
    worth having as a theorem of its own."""
    prover.settings = replace(prover.settings, max_cycles=min(prover.settings.max_cycles, cfg.cycles),
                              max_work=min(prover.settings.max_work or cfg.work, cfg.work),
                              induction_candidates=min(prover.settings.induction_candidates,
                                                       cfg.induction_candidates))
    proved_eqs: list[tuple[Term, Term]] = []
    proved_symbols: list[set[str]] = []
    failed: dict[str, TheoremResult] = {}
    tries: dict[str, tuple[int, int]] = {}  # name -> (attempts, theorems proved at the last one)
    implied: set[str] = set()

    def due(c: Conjecture) -> bool:
        n, at = tries.get(c.name, (0, 0))
        if n == 0:
            return True
        roots = _roots(c)
        relevant = sum(1 for syms in proved_symbols[at:] if roots is None or roots & syms)
        return n <= cfg.retries and relevant >= 2 ** (n - 1)

    def attempt(c: Conjecture, methods: tuple[str, ...] = ("direct", "contradiction", "induction")) -> bool:
        n, _ = tries.get(c.name, (0, 0))
        tries[c.name] = (n + 1, len(proved_eqs))
        r = prover.prove(c.name, c.statement, c.origin, deadline=deadline, methods=methods)
        if not r.proved:
            failed[c.name] = r
            say(f"  not yet: {c.name}: {_readable(c)} ({r.seconds:.2f} s)")
            return False
        prover.accept(r)
        run.theorems.append(r)
        failed.pop(c.name, None)
        if c.equation is not None:
            proved_eqs.append(c.equation)
            proved_symbols.append(_symbols(c.equation))
        say(f"  proved {c.name}: {_readable(c)} ({r.method}, {r.steps} steps, {r.seconds:.2f} s)")
        return True

    while not _late(deadline):
        remaining = [c for c in pool if c.name not in implied and (c.name not in tries or c.name in failed)]
        waiting = [c for c in remaining if c.name in failed and tries[c.name][0] <= cfg.retries]
        selection, follows = select(remaining, sig, constants, cfg.prune_iterations, proved_eqs, failed, waiting)
        implied |= follows
        for c in remaining:
            if c.name in follows:
                failed.pop(c.name, None)  # not unproved: it follows from theorems
                if named_law(c.statement, sig.binary) and not _late(deadline):
                    attempt(c)
        tried_any = False
        for c in _attempt_order(selection, due, lambda c: c.size - cfg.recursion_bonus * _recursion_lemma(c, sig),
                                cfg.recursion_bonus):
            if _late(deadline):
                say("time limit reached: keeping what was proved")
                break
            tried_any = True
            if attempt(c):
                break
        if not tried_any:
            break
    never = [c for c in pool if c.name not in tries]
    stats.add("follows from theorems", sum(c.name in implied for c in never))
    stats.add("normalized away", sum(c.name not in implied for c in never))
    run.theorems.extend(failed[c.name] for c in pool if c.name in failed)


def _attempt_order(levels: Iterator[list[Conjecture]], due: Callable[[Conjecture], bool],
                   key: Callable[[Conjecture], int], lead: int) -> Iterator[Conjecture]:
    """The due conjectures of `levels` (ascending sizes) by `key`, ties in level order;
    `key(c) >= c.size - lead`, so a level is judged only once one of its conjectures
    could come next."""
    heap: list[tuple[int, int, Conjecture]] = []
    order = itertools.count()
    pending = next(levels, None)
    while True:
        while pending is not None and (not heap or pending[0].size - lead <= heap[0][0]):
            for c in pending:
                if due(c):
                    heapq.heappush(heap, (key(c), next(order), c))
            pending = next(levels, None)
        if not heap:
            return
        yield heapq.heappop(heap)[2]


def _symbols(eq: tuple[Term, Term]) -> set[str]:
    """The functions an equation mentions."""
    out: set[str] = set()
    stack: list[Term] = list(eq)
    while stack:
        t = stack.pop()
        if not isinstance(t, str):
            out.add(t[0])
            stack.extend(t[1:])
    return out


def _roots(c: Conjecture) -> set[str] | None:
    """The functions at the roots of an equation's sides (None: not an equation)."""
    if c.equation is None:
        return None
    return {side[0] for side in c.equation if not isinstance(side, str)}


def _readable(c: Conjecture) -> str:
    from mpl_lang import readable

    return readable(c.statement)


# ---------------------------------------------------------------- compression


def compress(proved: list[TheoremResult], theory, settings: Settings) -> dict[str, list[str]]:
    """Greedy essential core. Least-used first (ties: latest first), a theorem is dropped
    when a direct proof of it exists from the core minus itself and minus every theorem
    whose proof rests on it. Returns dropped theorem -> the theorems its re-proof cites."""
    by_name = {t.name: t for t in proved}
    users: dict[str, set[str]] = {t.name: set() for t in proved}
    for t in proved:
        for c in t.cites:
            if c in users:
                users[c].add(t.name)

    def dependents(name: str) -> set[str]:
        out, stack = set(), [name]
        while stack:
            for u in users.get(stack.pop(), ()):
                if u not in out:
                    out.add(u)
                    stack.append(u)
        return out

    core = [t.name for t in proved]
    dropped: dict[str, list[str]] = {}
    order = sorted(proved, key=lambda t: (len(users[t.name]), -proved.index(t)))
    quick = Settings(max_cycles=min(settings.max_cycles, 8), max_facts=settings.max_facts,
                     max_depth=settings.max_depth, max_witnesses=settings.max_witnesses)
    for t in order:
        banned = dependents(t.name) | {t.name}
        basis = [by_name[n] for n in core if n not in banned]
        p = Prover(theory, quick)
        for b in basis:
            p.accept(b)
        r = p.prove(t.name, t.statement, t.origin, methods=("direct",))
        if r.proved:
            core.remove(t.name)
            dropped[t.name] = list(r.cites)
    return dropped


# ---------------------------------------------------------------- report


def _ordered_counts(counts: dict[str, int]) -> dict[str, int]:
    return {k: counts[k] for k in STAGES if k in counts} | {k: v for k, v in counts.items() if k not in STAGES}


def print_report(run: ProofRun) -> None:
    """The stage summary and the proved theorems (laws marked) on stderr."""
    from mpl_lang import readable

    echo = lambda s="": click.echo(s, err=True)  # noqa: E731
    echo("\nstage counts:")
    for k, v in run.stages.items():
        echo(f"  {k:26} {v}")
    echo("time per stage:")
    for k, v in run.stage_seconds.items():
        echo(f"  {k:40} {v:.2f} s")
    comp = run.compression or {}
    echo("\nproved theorems (★ named law, ○ compressed out):")
    for t in run.theorems:
        if t.origin == "incubator" or not t.proved:
            continue
        law = named_law(t.statement)
        mark = "★" if law else ("○" if t.name in comp else " ")
        echo(f" {mark} {t.name:16} {readable(t.statement)}" + (f"   [{law}]" if law else ""))

"""Autonomous exploration: from the axioms alone, find and prove the theory's laws.

The pipeline (all counts land in `proofs.json`, times in `run.json`):

0. **targets first** — with `until_targets`, every stated target is tried once before
   anything else (within the work bound of every attempt); the run ends if all are proved.
1. **incubator** — every function's values on small numerals, found by forward chaining
   on a ground model and each proved in a small Logic Block (`gl.incubator`); the
   defined predicates and relations on small numerals likewise (`gl.incubator_defs`:
   `1 ≤ 3`, `Σ_{i=0..3} i = 6` of GL's Gauss batch).
2. **enumeration** (`enumeration`) — typed terms over the signature read off the axioms
   (functions of any arity, results in the inductive set or a finite set such as
   `Bool`, named elements, variables), bottom-up by size; a term is built only
   from representatives of smaller terms (a smaller equal term already stands for the rest).
   A defined relation functional in its last argument (`fold`: p = Σ_{i=n..m} f(i)) is a
   function of the others for this stage (`relations`): equations that use it are stated
   back with the relation as a hypothesis (`fold[…,i0,a,b] → a * s(a) = b + b`).
3. **counterexample filter** (`enumeration`) — each term is evaluated on all variable
   assignments from `points` using the incubator's values (proved, else computed from
   the axioms: a guide only); it is compared
   with every equivalence class so far: a pair whose values differ somewhere is refuted,
   a pair with equal values becomes a conjecture `term = representative`.
4. **normalization** (`enumeration`, `pool`) — variables renamed canonically, mirrored and
   renamed duplicates dropped; conjectures are ordered smallest first, general before
   special, recursion lemmas (a function applied to a successor, at any argument) and
   laws whose variables keep their order on both sides first among equals. Each is
   stated with its smaller side as the hypotheses (`pool.rule_orientation`): as a rule,
   a proved statement asks for the values of its hypothesis side only.
5. **type filter** (`pool`) — every variable of a conjecture must get exactly one sort
   from the places it fills (arguments and values of functions, set memberships).
6. **selection** (`select`, QuickSpec-style, on the e-graph of `rewriting`) — the
   equations the axioms state (`proving.axiom_equations`) count as proved from the start,
   so a restated axiom is never attempted; conjectures
   that follow from the proved equations are dropped; of those that restate each other
   modulo them, one is kept; in attempt order (the schedule's rank), a conjecture is kept
   only when it does not follow from the proved equations and the conjectures kept
   before it (a conjecture that failed to prove no longer counts, so what it hid comes
   back).
7. **goal-directed lemmas** (`generalize`) — what the stated conjectures need: the
   generalization of a constant in an accumulator position (`mult(x, y, Z)` needs
   `mult(a, b, c) = a * b + c`), the lemmas their base cases and stuck induction steps
   are instances of; they join the pool or are ranked first in their family.
8. **proving** (`proving`, `schedule`) — family by family: the laws of a function before
   those of the functions defined from it (`gl.recursion` reads the definitions off the
   axioms, whatever their names, argument order or number), each family's candidates
   selected on their own and attempted smallest first on the Logic-Block grid
   (recursion lemmas such as `s(a) * b = a * b + b` or `a * s(b) = a + a * b` a few
   symbols earlier unless they restate an axiom or a theorem, special cases of a
   settled pattern such as `i0 ^ (a * b)` last). A failed conjecture's stuck induction
   steps ask for the lemmas that would unstick them, found in the pool or *calculated*
   (`generalize.calculated`: the step with its hypothesis applied, its common terms
   made variables; `(a * b) * (c * d) = (a * c) * (b * d)` from `(a * c) ^ b = a ^ b *
   c ^ b`), which join it unless the counterexample filter refutes them.
   Each proved theorem becomes a rule for every later block and an equation for the
   selection, which is redone after every proof. A failed conjecture waits for a
   theorem that can help it (one about functions its definitions use), at most
   `retries` times, a few symbols later each time, and the conjectures that restate
   it modulo the proved equations (`a * (b * c) = b * (a * c)` for associativity) wait
   with it, or until nothing else is left. A failure for want of a budget also gets
   one retry with that budget raised, after the rest of its family (more witnesses only
   for a block that ran short of them: `Settings.scaled`); one that comes to follow from the
   proved equations is dropped, unless it states an algebraic law (`gl.laws`) or is a
   stated conjecture, which gets a proof of its own. With `until_targets` the stage
   stops once every stated conjecture is proved.
9. **compression** (`compress`) — least-used first, a theorem is dropped from the
   essential core when it is re-derivable directly from the remaining core (without
   the theorems that rest on it).

Inside `speculate.speculating` (`gl prove THEORY --workers N`), Ray workers attempt ahead
what the proving stage will ask for next and make compression's re-proofs; their results
are taken only where the in-process run gets the same (`speculate`, `compress`).

`explore` prints nothing: it reports each step to its `progress` callback (`progress`
module; the `gl prove` command prints them).

>>> import gl
>>> run = explore(gl.load("examples/peano"), config=ExploreConfig(max_term_size=2, up_to=2))
>>> run.stages["incubator facts"], run.stages["enumerated"]
(45, 8)
"""

from __future__ import annotations

import dataclasses
import time

from mpl_lang import Statement

from ..core.prover import Prover, Settings
from ..core.session import ProofRun, Session
from ..incubator import incubate, numeral_chain
from ..incubator_defs import incubate_definitions
from ..naming import unique
from ..signature import signature
from .compress import compress
from .config import ExploreConfig
from .enumeration import TermEvaluator, enumerate_conjectures, normalize
from .generalize import goal_lemmas, numeral_terms
from .pool import conjecture_pool
from .progress import Event, IncubatorDone, IncubatorStarted, PoolReady, Progress, Stopped
from .proving import ProvingStage, past
from .relations import relation_conjectures
from .speculate import execution
from .stages import Exploration

__all__ = ["Exploration", "ExploreConfig", "explore"]


def explore(session: Session, settings: Settings | None = None, timeout: float | None = None,
            seed: int = 0, progress: Progress | None = None, config: ExploreConfig | None = None,
            extra: list[Statement] | None = None) -> ProofRun:
    """Explore `session.theory` and return the run (theorems in proof order, stage counts).
    `extra` statements (and the theory's own conjectures/targets) join the pool. Each
    attempt runs under `settings` capped by the `config`'s limits; `timeout` bounds the
    whole run and Ctrl-C stops it cleanly, keeping what was proved. The search is
    deterministic: `seed` is accepted for the CLI's sake, nothing is random."""
    cfg = config or ExploreConfig()
    settings = settings or Settings()
    report = progress or _silent
    theory = session.theory
    sig = signature(theory)
    stats = Exploration()
    run = ProofRun(session, settings=settings)
    start = time.perf_counter()
    deadline = start + timeout if timeout else None
    prover = Prover(theory, settings.capped(max_cycles=cfg.cycles, max_work=cfg.work,
                                            induction_candidates=cfg.induction_candidates))
    constants = frozenset(theory.constants)
    stage = ProvingStage(prover, run, cfg, sig, constants, deadline, report)
    stage.reserved.update(s.name for s in (*theory.statements, *theory.assumptions, *(extra or [])))
    try:
        if cfg.until_targets and theory.statements and stage.first_try(list(theory.statements),
                                                                         Prover(theory, settings.capped(max_work=cfg.work))):
            report(Stopped("every target proved"))
            stats.counts["proved"] = len(run.theorems)
            return _finished(run, stats, start)
        report(IncubatorStarted(cfg.up_to))
        with stats.timed("incubator"):
            inc = incubate(theory, cfg.up_to, negatives=not cfg.until_targets, compute_to=cfg.compute_to,
                           deadline=deadline)
            defined = incubate_definitions(theory, inc, deadline=deadline)
            facts = inc.results + defined.results
        run.theorems.extend(facts)
        stats.counts["incubator facts"] = sum(r.proved for r in facts)
        report(IncubatorDone(stats.counts["incubator facts"], len(facts), stats.seconds["incubator"]))

        with stats.timed("enumeration and counterexample filter"):
            chain = numeral_chain(theory, sig)
            elements = {name: k for k, name in enumerate(chain[: 1 if cfg.elements == "base" else None])}

            def evaluator(n: int) -> TermEvaluator:
                return TermEvaluator(sig, inc, elements, tuple("abcdefgh"[:n]), cfg.points, cfg.extra_points,
                                     cfg.probes)

            ev = evaluator(cfg.max_vars)
            raw = enumerate_conjectures(sig, ev, cfg, stats, deadline)
            relational = []  # named apart from the theory's own names (the checker holds those to their statements)
            for s in relation_conjectures(defined.relations, sig, inc, elements, cfg, constants, stats, deadline):
                relational.append(dataclasses.replace(s, name=unique(s.name, stage.reserved)))
                stage.reserved.add(relational[-1].name)
        with stats.timed("normalization and type filter"):
            pool = conjecture_pool(normalize(raw, constants, stats), [*(extra or []), *relational], theory, sig,
                                   constants, stats, ev)
            lemmas, ranks = goal_lemmas(pool, stage.schedule.definitions, sig, ev, constants, chain, stage.reserved)
            pool += lemmas
            stage.schedule.focus.update(ranks)
            stage.schedule.weak.update(c.name for c in pool
                                       if c.equation is not None and not ev.tested_beyond(*c.equation, constants))
            stats.counts["conjectures"] = len(pool)
            # a lemma calculated from a failure may have one variable more than the pool's
            stage.check(evaluator(cfg.max_vars + 1), numeral_terms(chain, sig.succ))
        report(PoolReady(stats.counts["enumerated"], stats.counts["counterexample-filtered"], len(pool)))

        with stats.timed("proving"):
            stage.prove(pool, stats, guessed={s.name for s in relational})
    except KeyboardInterrupt:
        run.interrupted = True
        report(Stopped("interrupted"))
    explored = [t for t in run.theorems if t.origin != "incubator"]
    stats.counts["proved"] = sum(t.proved for t in explored)
    stats.counts["unproved"] = sum(not t.proved for t in explored)
    if cfg.compress and not run.interrupted and not past(deadline):
        with stats.timed("compression"):
            run.compression = compress([t for t in explored if t.proved], theory, settings, execution())
        stats.counts["essential"] = stats.counts["proved"] - len(run.compression)
    return _finished(run, stats, start)


def _finished(run: ProofRun, stats: Exploration, start: float) -> ProofRun:
    """`run` with the stage counts and times of `stats` and its time since `start`."""
    run.stages = stats.ordered_counts()
    run.stage_seconds = stats.rounded_seconds()
    run.seconds = time.perf_counter() - start
    return run


def _silent(event: Event) -> None:
    """The progress callback that ignores every event."""

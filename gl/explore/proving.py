"""The proving stage: attempt the selected candidates on the Logic-Block grid, learn
from every proof, select again.

Each round selects candidates (`select.Selector`) from the conjectures still open, one
group at a time (`schedule.Schedule.families`), and attempts the first in the schedule's
order; a new theorem is a rule for every later block and an equation for the selector,
and the next round begins, after a failure too. A failure holds back the conjectures that
restate the failed one modulo the proved equations (`Schedule.wait_with`) until a theorem
that can help them, or until nothing else is left; and it asks for the lemmas its stuck
induction steps need (`generalize.step_lemmas`, `generalize.calculated`: those the pool
lacks join it), which come next in their family. A conjecture that comes to follow from the proved
equations is not attempted — unless it states an algebraic law (`gl.laws`) not proved
yet in another form, or is one the theory states: those are worth having as theorems of
their own. The stage ends when a round attempts nothing, at the time limit, when the
attempt budget is spent or, with `until_targets`, once every stated conjecture is proved.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Collection, Iterator
from dataclasses import replace

from mpl_lang import Expr, Statement, Theory
from mpl_lang.logic import Clause
from mpl_lang.terms import Term

from ..core.prover import Prover
from ..core.result import Status, TheoremResult
from ..core.session import ProofRun
from ..equations import clause_equation, statement_to_equation
from ..laws import named_law
from ..recursion import definitions
from ..signature import Signature
from .config import ExploreConfig
from .conjecture import Conjecture
from .enumeration import TermEvaluator, canonical_names
from .generalize import DIRECT, calculated, conjecture_of, refuted, step_lemmas
from .pool import rule_orientation
from .progress import Attempted, Progress, Stopped
from .schedule import Schedule
from .select import Selector
from .speculate import CHAIN, Ahead, Speculator
from .stages import Exploration

ALL_METHODS = ("direct", "contradiction", "induction")
#: the rounds a fork of the stage runs at most for its first attempt (`ProvingStage.following`;
#: a round that settles patterns attempts nothing and groups again)
FORKED_ROUNDS = 4


class _Next(Exception):
    """A fork of the stage reached its first attempt: the conjecture, the effort, `wider`."""

    args: tuple[Conjecture, int, bool]


def _outcome(c: Conjecture, effort: int, r: TheoremResult) -> tuple:
    """What the stage's state after the attempt at `c` with `effort` follows from: its
    result, a failure's budgets (those it ran short of, and whether a budget bound it)."""
    return (c.name, effort, True) if r.proved else (c.name, effort, False, r.short, r.budget_bound)


def _asks_lemmas(c: Conjecture) -> bool:
    """Whether a failure of `c` may ask for lemmas: an equation, not a target."""
    return c.origin != "conjecture" and c.equation is not None


def past(deadline: float | None) -> bool:
    """Whether the absolute `time.perf_counter()` deadline (None: none) has passed."""
    return deadline is not None and time.perf_counter() > deadline


def axiom_equations(theory: Theory) -> list[tuple[Term, Term]]:
    """The equations the axioms state as rules (`a + s(b) = s(a + b)` from its relational
    clause; `gl.equations`), in source order, each once in its first orientation: what
    the selection and the schedule know from the start.

    >>> import gl
    >>> eqs = axiom_equations(gl.load("examples/peano").theory)
    >>> (("+", "a", ("s", "b")), ("s", ("+", "a", "b"))) in eqs or (("s", ("+", "a", "b")), ("+", "a", ("s", "b"))) in eqs
    True
    """
    out: dict[tuple[Term, Term], None] = {}
    for c in theory.axioms():
        eq = clause_equation(c) if isinstance(c, Clause) else None
        if eq is not None and eq[0] != eq[1] and eq[::-1] not in out:
            out.setdefault(eq)
    return list(out)


class ProvingStage:
    """Proves the conjecture pool into `run`, smallest first, re-selecting after each proof."""

    def __init__(self, prover: Prover, run: ProofRun, cfg: ExploreConfig, sig: Signature,
                 constants: frozenset[str], deadline: float | None, progress: Progress) -> None:
        self.prover, self.run, self.sig = prover, run, sig
        self.deadline, self.progress = deadline, progress
        self.selector = Selector(sig, constants, cfg.prune_iterations)
        self.schedule = Schedule(cfg.retries, cfg.recursion_bonus, cfg.failure_penalty, sig.succ,
                                 definitions(prover.theory), constants, cfg.max_attempts)
        for eq in axiom_equations(prover.theory):
            self.selector.learn(eq)
            self.schedule.know(eq)
        self.until_targets = cfg.until_targets
        self.targets: list[str] = []
        #: names no generated conjecture may take: the theory's constants, statements and
        #: assumptions (a theorem so named must state what the theory does)
        self.reserved: set[str] = set(constants)
        self._targets: dict[str, Conjecture] = {}  # the targets first tried before the pool existed
        # the cycles of the attempts at other conjectures than targets: the work a
        # target's retry waits for (cycles, not seconds: the same on any machine and load)
        self._work = 0
        self._paid_from: dict[str, int] = {}  # target -> `_work` from which its retry is paid for
        self._proved_names: set[str] = set()
        self._laws: set[str | None] = {None}  # the laws proved so far (None: not a law)
        self._pool: list[Conjecture] = []  # what a failure's restatements are looked for in
        # the pool's equations by their form (`canonical_names`, both orientations)
        self._forms: dict[tuple[Term, Term], Conjecture] = {}
        # what refutes a calculated lemma (`check`), and the names of the lemmas calculated
        self._check: tuple[TermEvaluator, dict[str, Term]] | None = None
        self._calculated: set[str] = set()
        self._needs: dict[str, list[str]] = {}  # failed conjecture -> the lemmas its last failure asked for
        self.speculator = Speculator.of(prover)  # attempts ahead on Ray workers (`gl.explore.speculate`)
        self._forked = False  # a fork of the stage (`following`): its first attempt is only said
        #: the outcomes of the attempts so far (`_outcome`): what the stage's state follows from
        self._history: tuple[tuple, ...] = ()
        #: the forks made (`_step`), shared with them: history -> the fork's state at its first
        #: attempt, and that attempt (what the next attempts foretell again)
        self._foretold: dict[tuple[tuple, ...], tuple[ProvingStage, tuple[Conjecture, int, bool] | None]] = {}
        self._law: dict[Expr, str | None] = {}  # statement -> the law it states (`_law_of`), shared with the forks

    def first_try(self, statements: list[Statement], prover: Prover) -> bool:
        """Attempt each target (stated conjecture) once with `prover`, before any
        exploration (each within the work bound of `prover`'s settings, and the run's
        deadline): a goal that needs no lemma costs no incubator. A proof is accepted as in the proving
        stage; a failure waits, as any failed conjecture, for a theorem that can help it
        (and is then attempted before any other conjecture). Whether every target is
        proved."""
        self.targets = [s.name for s in statements]
        for s in statements:
            c = Conjecture(s.name, s.formula, "conjecture", 0, statement_to_equation(s.formula))
            self._targets[c.name] = c
            if not past(self.deadline):
                self._attempt(c, prover)
        return self._stop_reason() == "every target proved"

    def check(self, ev: TermEvaluator, numerals: dict[str, Term]) -> None:
        """Test the lemmas calculated from failures (`calculated`) on `ev` (with at least
        as many variables as they have), the named numerals evaluated as the `numerals`
        terms (`generalize.refuted`); without such a check none is calculated."""
        self._check = ev, numerals

    def prove(self, pool: list[Conjecture], stats: Exploration, guessed: Collection[str] = ()) -> None:
        """Prove what can be proved of `pool`; count what was never attempted; append the
        theorems proved (in proof order), then the unproved ones (in pool order, and the
        targets tried first that the pool does not hold). The stated conjectures are the
        targets, but for those the explorer `guessed` (the laws of a defined relation)."""
        self.targets = [c.name for c in pool if c.origin == "conjecture" and c.name not in guessed]
        self._pool = pool
        try:
            while self._stop_reason() is None and (self._round(pool) or self.schedule.release()):
                pass
        finally:  # Ctrl-C too: no attempt keeps running on the workers
            if self.speculator is not None:
                self.speculator.close()
        reason = self._stop_reason()
        if reason is not None:
            self.progress(Stopped(reason))
        schedule = self.schedule
        never = [c for c in pool if c.name not in schedule.attempts]
        stats.add("follows from theorems", sum(c.name in schedule.implied for c in never))
        stats.add("normalized away", sum(c.name not in schedule.implied for c in never))
        stats.add("calculated lemmas", len(self._calculated))  # joined the pool after it was counted
        held = {c.name for c in pool}
        left = [*pool, *(c for name, c in self._targets.items() if name not in held)]
        self.run.theorems.extend(schedule.failed[c.name] for c in left if c.name in schedule.failed)

    def _round(self, pool: list[Conjecture]) -> bool:
        """Family by family (`Schedule.families`), select from the open conjectures, prove
        the laws among those that follow from theorems, then attempt the first candidate:
        proved or not, the next round selects again (a proof changes what follows, a
        failure brings back what the conjecture hid and holds back its instances).
        Whether any was attempted. A family (and a family's special cases) is judged only
        once those before it have nothing left to attempt: the e-graph of each selection
        holds one group's conjectures."""
        schedule = self.schedule
        remaining = schedule.remaining(pool)
        waiting = schedule.waiting(remaining)
        if self._retry_target(remaining, paid=True):
            return True
        tried_any = False
        for family in schedule.families(remaining):
            if self._stop_reason() is not None:
                return tried_any
            candidates, follows = self.selector.select(family, waiting)
            regroup = schedule.follow(c for c in family if c.name in follows)
            for c in family:
                if c.name in follows and self._stop_reason() is None and (
                        c.origin == "conjecture" or c.name in self._calculated
                        or self._law_of(c) not in self._laws):
                    tried_any = True
                    self._attempt(c)
            if regroup:
                return True  # the special cases of a pattern settled now go last: group again
            # a conjecture not proved (yet) must not hide others: failures, those waiting
            # with them and the targets
            unusable = {*schedule.failed, *schedule.waits, *self.targets}
            levels = self.selector.levels(candidates, schedule.rank, unusable=unusable)
            for c in schedule.order(levels if self.speculator is None else self.speculator.watch(levels)):
                if self._stop_reason() is not None:
                    return tried_any
                self._attempt(c)
                return True
        return tried_any or self._retry_target(remaining, paid=False)

    def _retry_target(self, remaining: list[Conjecture], paid: bool) -> bool:
        """Retry the first target that may now succeed (a theorem that can help it was
        proved since its last attempt), before any other conjecture, once the other
        attempts since then ran as many cycles as its last attempt (`paid`: a target
        costly to try does not take all the time), or when nothing else is left. Whether one
        was attempted."""
        for c in remaining:
            if (c.origin == "conjecture" and c.name in self.schedule.attempts and self.schedule.due(c)
                    and (not paid or self._work >= self._paid_from.get(c.name, 0))):
                self._attempt(c)
                return True
        return False

    def _attempt(self, c: Conjecture, prover: Prover | None = None) -> bool:
        """One attempt at `c` with every method (by `prover`, default the stage's, until
        the run's deadline); a proof is accepted by the prover, the selector and the
        schedule."""
        effort = self.schedule.effort(c)
        self.schedule.started(c)
        wider = self.schedule.wider(c)
        if self._forked:
            raise _Next(c, effort, wider)
        if prover is None and self.speculator is not None:
            speculator = self.speculator
            r = speculator.prove(c, effort, wider, ALL_METHODS, self.deadline, lambda: self._outlook(c, effort))
        else:
            r = (prover or self.prover).prove(c.name, c.statement, c.origin, deadline=self.deadline,
                                              methods=ALL_METHODS, effort=effort, wider=wider)
        if r.proved:
            self.prover.accept(r)
            if prover is not None and prover is not self.prover:
                prover.accept(r)  # the next target tried first may use it
            self.run.theorems.append(r)
            self._learn(c)
        else:
            self._fail(c, r)
        self._happened(_outcome(c, effort, r))
        if c.origin == "conjecture":
            self._paid_from[c.name] = self._work + r.cycles
        else:
            self._work += r.cycles
        self.progress(Attempted(r))
        return r.proved

    def _learn(self, c: Conjecture) -> None:
        """What the proof of `c` tells the schedule and the selection."""
        self.schedule.proved(c)
        self._proved_names.add(c.name)
        self._laws.add(self._law_of(c))
        if c.equation is not None:
            self.selector.learn(c.equation)
        if self.schedule.focus.get(c.name) == DIRECT:  # a target or its base case may be an instance: retry now
            self._paid_from.update(dict.fromkeys(self.targets, self._work))

    def _fail(self, c: Conjecture, r: TheoremResult) -> None:
        """What the failure `r` of `c` tells the schedule: `c` waits for a retry, with the
        conjectures that restate it, and asks for the lemmas its steps need (those
        calculated join the pool)."""
        self.schedule.failed_with(c, r)
        self._hold_back_restatements(c)
        asked = [lemma for lemmas in self._asked_for(c) for lemma in lemmas]
        held = {o.name for o in self._pool}
        for lemma in asked:  # the calculated lemmas new to the pool join it
            if lemma.name not in held:
                held.add(lemma.name)
                self._pool.append(lemma)
                self._know_form(lemma)
                self._calculated.add(lemma.name)
        if asked:
            self.schedule.ask(asked, r.short)
        self._needs[c.name] = [lemma.name for lemma in asked]

    def _law_of(self, c: Conjecture) -> str | None:
        """The algebraic law `c` states (`gl.laws.named_law`; None: none), asked in every
        round of the stage and its forks (a fork's calculated lemma may take a name the
        stage gives another)."""
        if c.statement not in self._law:
            self._law[c.statement] = named_law(c.statement, self.sig.binary)
        return self._law[c.statement]

    def _happened(self, outcome: tuple) -> None:
        """The stage's state now follows from `outcome` too: the forks that foretold
        another are forgotten."""
        self._history += (outcome,)
        n = len(self._history)
        for history in [h for h in self._foretold if h[:n] != self._history]:
            del self._foretold[history]

    def _outlook(self, c: Conjecture, effort: int) -> Iterator[Ahead]:
        """What to attempt ahead while `c` is attempted (with `effort`, begun:
        `Speculator.ahead`)."""
        stuck, calculated = self._asked_for(c)
        return self.speculator.ahead(c, self.schedule, stuck, calculated,
                                     following=self._outcomes(c, effort, stuck))

    def _outcomes(self, c: Conjecture, effort: int, stuck: Collection[Conjecture] = ()) -> Iterator[Ahead]:
        """The attempts the stage makes after the attempt at `c` (with `effort`, begun)
        under either outcome (`following`), each made only when asked for: on the likelier
        (`_likely`) with those foretold after it, then on the other."""
        likely = self._likely(c, stuck)
        for proved, more in ((likely, CHAIN), (not likely, 0)):
            if (a := self.following(c, effort, proved, more)) is not None:
                yield a

    def _likely(self, c: Conjecture, stuck: Collection[Conjecture]) -> bool:
        """Whether the attempt at `c` is likelier to prove it than not: a conjecture that
        failed before fails again more often than not (Gauss: 5 of its 7 retries), unless
        the lemmas its failure asked for are proved since (Peano's and Gauss's
        `mul_assoc`); one whose induction steps get `stuck` for want of lemmas the pool
        holds fails (`mul_assoc`, the only one); another is proved more often than not."""
        if c.name in self.schedule.failed:
            needs = self._needs.get(c.name)
            return bool(needs) and self._proved_names.issuperset(needs)
        return not stuck

    def fork(self) -> ProvingStage:
        """A copy of the stage whose rounds leave this one as it is, but for the selector's
        memory of judgements, which it shares (the next round asks them again): it
        attempts nothing, and its first attempt is only said (`_Next`)."""
        fork = copy.copy(self)
        for name, value in vars(self).items():
            if isinstance(value, (dict, set, list)) and value is not self._foretold and value is not self._law:
                setattr(fork, name, copy.copy(value))
        fork.schedule, fork.selector = self.schedule.fork(), self.selector.fork()
        fork.speculator, fork._forked = None, True
        return fork

    def following(self, c: Conjecture, effort: int, proved: bool = True, more: int = 0) -> Ahead | None:
        """The attempt the stage makes next if the attempt at `c` (with `effort`, begun)
        proves it, or if it fails (`proved` False), with `c` assumed proved in the first
        case (None: it makes none), and up to `more` after it (`Ahead.then`), each on the
        likelier outcome of the one before (`_likely`), with the conjectures proved on the
        way assumed (those before the attempt just before it cycled into the grid:
        `Ahead.cycled`). The next rounds run on a fork of the stage's state with the
        outcome, up to their first attempt (`_step`). A guess all the same: a failure's
        budgets are guessed (those the conjecture ran short of last time, else the stage's
        last failure's), and a target's retry waits for the cycles of the attempts."""
        state, assumed, chain = self, [], []
        short = self.speculator.short if self.speculator is not None else frozenset()
        while len(chain) <= more:
            if chain:
                c, effort = chain[-1].conjecture, chain[-1].effort
                proved = state._likely(c, state._stuck(c))
            state, attempt = state._step(c, effort, proved, short)
            if proved:
                assumed.append(c)
            if attempt is None:
                break
            chain.append(Ahead(*attempt, tuple(assumed), len(assumed) - proved))
        return replace(chain[0], then=tuple(chain[1:])) if chain else None

    def _step(self, c: Conjecture, effort: int, proved: bool,
              short: frozenset[str]) -> tuple[ProvingStage, tuple[Conjecture, int, bool] | None]:
        """A fork of this state after the attempt at `c` (with `effort`, begun) proves it,
        or fails short of the budgets of its last failure, else of `short`, at its first
        attempt (`_first_attempt`), and that attempt: made once for the outcomes so far
        (`_history`), as the next attempts foretell the same again. Not to be changed: a
        step from it forks it again."""
        last = self.schedule.failed.get(c.name)
        r = TheoremResult(c.name, c.statement, c.origin, Status.PROVED if proved else Status.UNPROVED,
                          effort=effort, short=last.short if last is not None else short,
                          budget_bound=last is None or last.budget_bound)
        history = (*self._history, _outcome(c, effort, r))
        if history not in self._foretold:
            fork = self.fork()
            if proved:
                fork._learn(c)
            else:
                fork._fail(c, r)
            fork._history = history
            self._foretold[history] = fork, fork._first_attempt()
        return self._foretold[history]

    def _first_attempt(self) -> tuple[Conjecture, int, bool] | None:
        """This fork's next attempt (`_Next`): the conjecture, the effort and `wider`
        (None: the stage would make none within `FORKED_ROUNDS` rounds)."""
        try:
            for _ in range(FORKED_ROUNDS):
                if self._stop_reason() is not None or not (self._round(self._pool) or self.schedule.release()):
                    return None
        except _Next as attempt:
            return attempt.args
        return None

    def _asked_for(self, c: Conjecture) -> tuple[list[Conjecture], list[Conjecture]]:
        """The lemmas a failure of `c` (being attempted) asks for: those its stuck
        induction steps need (`_stuck`), and those calculated (`_calculate`). Known before
        the attempt ends, and nothing changes: what a speculation attempts ahead. A target
        asks for none."""
        if not _asks_lemmas(c):
            return [], []
        return self._stuck(c), self._calculate(c)

    def _stuck(self, c: Conjecture) -> list[Conjecture]:
        """The lemmas the stuck induction steps of `c` (being attempted; no target) need
        (`generalize.step_lemmas`) among the explored conjectures never attempted."""
        if not _asks_lemmas(c):
            return []
        untried = [o for o in self._pool if o.equation is not None and o.origin != "conjecture"
                   and o.name not in self.schedule.attempts and o.name not in self.schedule.implied]
        return step_lemmas([c.equation], untried, self.schedule.definitions, self.sig.succ, self.selector.constants)

    def _calculate(self, c: Conjecture) -> list[Conjecture]:
        """The lemmas the induction steps of `c` still need (`generalize.calculated`), on
        its first attempt unless it is itself such a lemma: the pool's conjecture of that
        form when there is one and it was never attempted, else a new conjecture (not in
        the pool yet: it joins once `c` fails) unless the check refutes it. A new one is
        attempted even when the selection finds that it follows from the theorems: the
        prover may not find that (an arrangement by associativity and commutativity)."""
        if self._check is None or c.name in self._calculated or self.schedule.attempts[c.name] > 1:
            return []
        ev, numerals = self._check
        constants = self.selector.constants
        if not self._forms:
            for o in self._pool:
                self._know_form(o)
        made: dict[tuple[Term, Term], Conjecture] = {}  # the forms of the new lemmas, as `_forms`
        taken = self._forms_taken()
        out = []
        for eq in calculated(c.equation, self.schedule.definitions, self.sig.succ, constants):
            form = canonical_names(*eq, constants)
            known = self._forms.get(form) or made.get(form)
            if known is not None:
                if known.name not in self.schedule.attempts:
                    out.append(known)
            elif not refuted(eq, ev, constants, numerals) and (
                    lemma := conjecture_of(rule_orientation(*eq), self.sig, constants, "step_lemma", taken)) is not None:
                taken.add(lemma.name)
                for side in (lemma.equation, lemma.equation[::-1]):
                    made.setdefault(canonical_names(*side, constants), lemma)
                out.append(lemma)
        return out

    def _know_form(self, c: Conjecture) -> None:
        """Index the pool's conjecture `c` by the form of its equation, both orientations."""
        if c.equation is not None:
            for eq in (c.equation, c.equation[::-1]):
                self._forms.setdefault(canonical_names(*eq, self.selector.constants), c)

    def _forms_taken(self) -> set[str]:
        """The names taken: the pool's and the reserved ones."""
        return {o.name for o in self._pool} | self.reserved

    def _hold_back_restatements(self, c: Conjecture) -> None:
        """The conjectures never attempted that restate the failed `c` modulo the proved
        equations wait with it: those with its functions and variables, arranged
        otherwise, that follow from it and it from them."""
        if c.equation is None:
            return
        schedule, contents = self.schedule, c.contents(self.selector.constants)
        alike = [o for o in schedule.remaining(self._pool) if o.name not in schedule.attempts
                 and o.name not in schedule.waits and o.equation is not None
                 and o.contents(self.selector.constants) == contents]
        same = self.selector.restatements(c.equation, [o.equation for o in alike])
        schedule.wait_with(c, [o for o, restates in zip(alike, same) if restates])

    def _stop_reason(self) -> str | None:
        if past(self.deadline):
            return "time limit reached"
        if self.schedule.budget_spent():
            return "attempt budget spent"
        if self.until_targets and self.targets and self._proved_names.issuperset(self.targets):
            return "every target proved"
        return None

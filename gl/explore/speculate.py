"""Speculative proof attempts for exploration on Ray workers (`gl prove THEORY --workers
N`): while this process attempts a candidate, the workers attempt what the schedule will
ask for after it, each against a replica of the prover; the results are used in the
serial order, only where the serial run would have got the same, so the proofs are the
same bytes as in process.

An attempt's outcome depends on the statement, its effort and the rules its blocks are
given: the axioms and the theorems proved so far whose functions are relevant to each
block's claim (`Prover.relevant_rules`; a theorem's rules depend on its name and
statement only). So a worker may attempt a conjecture against a library that does not
exist yet: the theorems proved now plus some *assumed* proved before it. A theorem
accepted also reaches every block of the next attempt at its first cycle, relevant or not
(`Grid.broadcast`). So a result is used when the attempt is asked for with the same
statement, effort and `wider`, the theorems proved since the grid's last cycle are those
it assumed last (in that order; the worker's replica cycles its grid before accepting
them), that cycle came after it was sent, those it assumed before were proved between
(in its order: `Ahead.cycled`), and no other theorem proved between is relevant to any
of its blocks. Otherwise it is dropped (stopped if it still runs) and the attempt runs
here.

What is worth attempting ahead, while the attempt at `c` runs (`Speculator.ahead`):

- the attempt the stage makes next under the likelier outcome of `c`, and the `CHAIN`
  after it, each on the likelier outcome of the one before (`ProvingStage._likely`: a
  conjecture whose induction steps get stuck for want of lemmas fails, one that failed
  before fails again unless the lemmas its failure asked for are proved since, another
  is proved). Its next rounds run on a fork of its state with `c` proved, or failed
  (`ProvingStage.following`: the selection and the schedule are deterministic given the
  theorems and the failures; a failure's budgets are guessed), up to their first
  attempt, made with the conjectures proved on the way assumed; each fork is made once
  for the outcomes so far, and its e-graph judgements are remembered, so the next
  attempts foretell the same for free, and the real next round asks the judgements
  again for free. On Peano, as `mul_assoc` starts to fail, the lemma its failure asks
  for, the lemma after it and `mul_assoc`'s retry with both assumed go at once: the
  retry starts as soon as a worker is free, not once this process reaches it;
- what a failure of `c` would lead to: the lemmas its stuck induction steps ask for
  (`Schedule.ask`), which the schedule attempts next, at a raised effort, with nothing
  assumed (a failure proves nothing): usually the attempt foretold first already.
  Whether the lemma's retry is `wider` depends on the budget the failure runs short of,
  known only when it has failed: the guess is the stage's last failure's, and before any,
  a time budget (of the 16 failures of the examples' explorations, 13 ran short of cycles
  or matching steps, not of witnesses);
- the attempt the stage makes next under the other outcome;
- the due conjectures after `c` in its level, `c` assumed proved.

As each attempt's result is taken from a worker, the next are sent: this process then
mostly selects and waits, while the workers finish the attempt asked for and make the
next (Peano: 7 to 11 attempts ahead, all used but the one sent as the exploration ends).

At most one attempt ahead per worker but one, each with the chain foretold after it,
which queues for a worker (this process attempts what was not sent ahead, and what was
dropped). A worker keeps its replica of the prover (the theory, the settings and the
theorems held, in order), brought up to date by each task, rebuilt when a task assumes
otherwise than the last.

Ray starts in the background (`Execution.start_early`), once the stage has run long
enough that, were it to run as long again, the workers would repay a start of `START_S`
(`Execution.worth_it`; a caller may start it earlier: started first thing, or after 10 s
of stage, it cost the driver more than it gained, `docs/scaling.md`). The stage attempts
ahead from its first attempt after Ray is up, and never waits for it. When it comes up
changes what is sent, never what is used: a result is used only where the serial run
gets the same, whenever it was sent.

>>> from mpl_lang import load
>>> prover = Prover(load("examples/peano/peano.mpl"))
>>> with speculating(Execution()):  # in process: nothing to speculate on
...     Speculator.of(prover) is None
True
>>> with speculating(Execution(workers=2)):
...     Speculator.of(prover) is not None
True
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from mpl_lang import Expr, Theory

from ..core.prover import Prover, Settings
from ..core.result import Status, TheoremResult
from ..execution import RAY_COST_S, Execution, Pending
from .conjecture import Conjecture
from .schedule import Schedule

_ACTIVE: ContextVar[tuple[Execution, Speculation] | None] = ContextVar("speculation", default=None)
#: on a worker: the replicas of the provers of the stages it ran attempts for, by key
_REPLICAS: dict[str, Prover] = {}
#: numbers the speculating stages of this process (their replicas' keys)
_STAGES = itertools.count()
#: the budgets a failure is guessed to run short of before the stage has seen one (`Speculator.short`)
FIRST_SHORT = frozenset({"cycles"})
#: the attempts foretold after the next on the likelier outcomes (`ProvingStage.following`):
#: a chain of dependent attempts, queued for the workers, each starting as soon as one is free
CHAIN = 2
#: the workers primed at most (a cluster's CPUs may be many; the attempts ahead at once are
#: few: a level's next candidates and a failure's lemmas)
PRIMED = 8
#: the start of Ray the stage must have run long enough to repay (were it to run as long
#: again) before it starts Ray in the background: not the machine's estimate
#: (`Execution.cost`, 5.5 s quiet) but the start measured under load, 25 s; on 2 cores a
#: start in the middle of the stage costs the driver CPU, and an earlier one cost more
#: than it gained (`docs/scaling.md`)
START_S = 25.0


@dataclass
class Speculation:
    """What the speculating stages did: attempts sent ahead to the workers, and of those,
    used (the serial run asked for them and got the same) and dropped; the seconds the
    stages waited for the results they used (`behind`: the CPU seconds those attempts still
    took after they were asked for, beyond what the stage spent since it sent them, its CPU
    and its own waits so counted: the wait on idle cores, each attempt started when sent).

    >>> Speculation(3, 2, 1, 0.25).line()
    'speculation: 3 attempts ahead on the workers, 2 used, 1 dropped (0.2 s waited for them)'
    """

    sent: int = 0
    used: int = 0
    dropped: int = 0
    waited: float = 0.0
    behind: float = 0.0  # of what they waited, the CPU seconds the attempts still needed (idle cores' wait)

    def line(self) -> str:
        """The summary line a run prints."""
        return (f"speculation: {self.sent} attempts ahead on the workers, {self.used} used, {self.dropped} dropped "
                f"({self.waited:.1f} s waited for them)")


@contextmanager
def speculating(ex: Execution) -> Iterator[Speculation]:
    """Within it, the proving stages made speculate on `ex`'s workers (when `ex` is a
    parallel setting); what they did is counted in the `Speculation` it gives."""
    tally = Speculation()
    token = _ACTIVE.set((ex, tally) if ex.parallel else None)
    try:
        yield tally
    finally:
        _ACTIVE.reset(token)


def execution() -> Execution | None:
    """The parallel setting the proving stages speculate on (inside `speculating`), else None."""
    active = _ACTIVE.get()
    return None if active is None else active[0]


@dataclass(frozen=True)
class Ahead:
    """An attempt worth making ahead: the conjecture, the effort and `wider` the schedule
    will give it, and the conjectures assumed proved before it (beyond the theorems held
    now), in order; of those, the first `cycled` proved before the attempt just before it,
    whose first cycle took them into the grid (the rest, its theorem, reach the blocks as
    news: `Grid.broadcast`); and `then`, the attempts foretold after it, each on the
    likelier outcome of the one before (`ProvingStage.following`)."""

    conjecture: Conjecture
    effort: int
    wider: bool
    assumed: tuple[Conjecture, ...] = ()
    cycled: int = 0
    then: tuple[Ahead, ...] = ()

    @property
    def key(self) -> tuple[str, int, bool]:
        """What the serial run asks for: the conjecture's name, the effort and `wider`."""
        return self.conjecture.name, self.effort, self.wider


@dataclass(frozen=True)
class _Replica:
    """What a worker needs to rebuild a stage's prover (sent once per stage)."""

    key: str
    theory: Theory
    settings: Settings


@dataclass(frozen=True)
class _Task:
    """One speculative attempt: the theorems the prover holds beyond the theory's
    assumptions, then those assumed proved (name and statement, in order), the
    conjecture and the attempt's terms."""

    library: tuple[tuple[str, Expr], ...]
    name: str
    statement: Expr
    origin: str
    effort: int
    wider: bool
    methods: tuple[str, ...]
    seconds_left: float | None  # until the run's deadline, when the task was sent
    sent: float  # when it was sent (`time.time()`: a clock other processes share)
    flush: int  # the theorems of `library` held before the last cycle: those after reach the blocks as news


@dataclass(frozen=True)
class _Sent:
    """A speculative attempt on its way: its statement, the library's theorems and rules
    when it was sent, and the theorems it assumed proved after them (the first `cycled`
    before the grid's last cycle: `Ahead`)."""

    pending: Pending
    statement: Expr
    theorems: int
    rules: int
    assumed: tuple[tuple[str, Expr], ...]
    cycled: int
    clock: float  # the stage's clock on idle cores when it was sent (`Speculator._clock`)


def _assumed(a: Ahead) -> tuple[tuple[str, Expr], ...]:
    """The names and statements of the conjectures `a` assumes proved."""
    return tuple((o.name, o.statement) for o in a.assumed)


def _prime(replica: _Replica, task: None) -> None:
    """Build the worker's replica of the stage's prover (and import it) ahead of its tasks."""
    if replica.key not in _REPLICAS:
        _REPLICAS[replica.key] = Prover(replica.theory, replica.settings)


def attempt(replica: _Replica, task: _Task) -> tuple[TheoremResult, float]:
    """Run one attempt on a worker's replica of the prover, brought up to date first; its
    result, and the CPU seconds the task took."""
    cpu = time.thread_time()
    prover = _REPLICAS.pop(replica.key, None)  # put back once consistent: an interrupted task leaves none
    held = [] if prover is None else [(t.name, t.statement) for t in prover.library[len(replica.theory.assumptions):]]
    if prover is None or len(held) > task.flush or list(task.library[:len(held)]) != held:
        prover, held = Prover(replica.theory, replica.settings), []
    for name, statement in task.library[len(held):task.flush]:
        prover.accept(TheoremResult(name, statement, status=Status.PROVED))
    # a theorem accepted reaches the next attempt's blocks at its first cycle, relevant or not
    # (`Grid.broadcast`): as in the driver, only those accepted since its last cycle
    prover.grid.cycle()
    for name, statement in task.library[task.flush:]:
        prover.accept(TheoremResult(name, statement, status=Status.PROVED))
    # the run's deadline, less the time the task waited for a worker (never more than it had)
    waited = min(max(time.time() - task.sent, 0.0), task.seconds_left or 0.0)
    deadline = None if task.seconds_left is None else time.perf_counter() + task.seconds_left - waited
    result = prover.prove(task.name, task.statement, task.origin, deadline=deadline, methods=task.methods,
                          effort=task.effort, wider=task.wider)
    _REPLICAS[replica.key] = prover
    return result, time.thread_time() - cpu


class Speculator:
    """Attempts for a proving stage: those its rounds ask for, and speculatively what the
    schedule will ask for after them (`ahead`)."""

    def __init__(self, ex: Execution, prover: Prover, tally: Speculation | None = None) -> None:
        self.ex, self.prover = ex, prover
        self.tally: Speculation | None = tally  # where `close` adds its counts
        # a key no other stage of this process has (an id() is reused once its object is gone)
        self.replica = _Replica(f"{os.getpid()}:{next(_STAGES)}", prover.theory, prover.settings)
        self.level: list[Conjecture] = []
        self.started = time.perf_counter()  # the stage's time so far: what it may take again
        #: the budgets the stage's last failure ran short of: what the next one is guessed to
        self.short: frozenset[str] = FIRST_SHORT
        self.unproved: set[str] = set()  # the conjectures whose last attempt failed
        #: (name, effort, wider) -> the speculative attempt
        self.pending: dict[tuple[str, int, bool], _Sent] = {}
        #: the theorems and rules the library held at the last cycle of the prover's grid: those
        #: accepted since reach the next attempt's blocks at its first cycle (`Grid.broadcast`)
        self.flushed = self.flushed_rules = 0
        #: speculative attempts sent, used, and dropped (asked for once the library differs from
        #: what it assumed, or not asked for); the seconds waited for those used, and of those
        #: the CPU seconds their attempts still needed when asked for (`Speculation`)
        self.sent = self.used = self.dropped = 0
        self.waited = self.behind = 0.0
        #: the tasks that make the workers import the prover and build its replica, sent once Ray is up
        self._primed: list[Pending] | None = None
        self._up()

    @classmethod
    def of(cls, prover: Prover) -> Speculator | None:
        """The stage's speculator inside `speculating`, else None (attempts run here)."""
        active = _ACTIVE.get()
        return None if active is None else cls(active[0], prover, active[1])

    def watch(self, levels: Iterator[list[Conjecture]]) -> Iterator[list[Conjecture]]:
        """`levels` (`Selector.levels`), remembering the level last given."""
        for level in levels:
            self.level = level
            yield level

    def ahead(self, c: Conjecture, schedule: Schedule, stuck: Collection[Conjecture] = (),
              calculated: Collection[Conjecture] = (), following: Iterable[Ahead] = ()) -> Iterator[Ahead]:
        """What to attempt ahead while `c` is attempted (the module's docstring), most
        worth it first, each once (by `Ahead.key`), made as asked for: the attempt the stage
        makes next under the likelier outcome, with those foretold after it (the first of
        `following`, `ProvingStage.following`); the lemmas a failure of `c` asks for because
        its induction steps get `stuck` without them, as the schedule will attempt them
        (`Schedule.asked_attempt`, the failure guessed short of `short`); the attempt the
        stage makes next under the other outcome (the rest of `following`); the due
        conjectures after `c` in its level, `c` assumed proved; the lemmas `calculated`
        from its steps, which a failure also asks for (computed for most conjectures, they
        say less of the outcome)."""
        def failing(lemmas: Collection[Conjecture]) -> Iterator[Ahead]:
            # in the order asked: the schedule's order of a lemma not in the pool yet would
            # be remembered under its name, which the lemma calculated later may take
            return (Ahead(lemma, *schedule.asked_attempt(lemma, self.short)) for lemma in lemmas
                    if schedule.due(lemma))

        after = self.level[self.level.index(c) + 1:] if c in self.level else []
        proving = (Ahead(o, schedule.effort(o), schedule.wider(o), (c,)) for o in after if schedule.due(o))
        seen: set[tuple[str, int, bool]] = set()
        following = iter(following)
        likely = itertools.islice(following, 1)
        for a in itertools.chain(likely, failing(stuck), following, proving, failing(calculated)):
            if a.key not in seen:
                seen.add(a.key)
                yield a

    def prove(self, c: Conjecture, effort: int, wider: bool, methods: tuple[str, ...], deadline: float | None,
              outlook: Callable[[], Iterable[Ahead]]) -> TheoremResult:
        """The result of attempting `c` with `effort` (and `wider`), as `Prover.prove` gives
        it here; meanwhile the workers attempt the first of the `outlook` (`ahead`)."""
        mine = self.pending.pop((c.name, effort, wider), None)
        # else Ray is not up yet, or the stage not long enough so far to repay a job on it;
        # nothing here waits for it (a result is used only where it `_holds`, whenever sent)
        if self._up() and self.ex.worth_it(2, time.perf_counter() - self.started):
            self._send(outlook(), methods, deadline)
        result = None
        if mine is not None:
            if mine.statement == c.statement and self._holds(mine, c, effort, wider, methods):
                try:
                    waiting = time.perf_counter()
                    result, cpu = mine.pending.result()
                    self.waited += time.perf_counter() - waiting
                    self.behind += max(cpu - (self._clock() - mine.clock), 0.0)
                    self.used += 1
                except Exception:  # noqa: BLE001  (the attempt here raises it again, or succeeds)
                    result = None
            else:
                mine.pending.cancel()
            if result is None:
                self.dropped += 1
        if result is None:
            self._flushed()  # at the attempt's first cycle
            result = self.prover.prove(c.name, c.statement, c.origin, deadline=deadline, methods=methods,
                                       effort=effort, wider=wider)
        else:  # what the attempt here would have received at its first cycle goes nowhere
            self.prover.grid.cycle()
            self._flushed()
        if result.proved:
            self.unproved.discard(c.name)
        else:
            self.unproved.add(c.name)
            self.short = result.short
        return result

    def _up(self) -> bool:
        """Whether Ray is up. Started in the background when not asked for before, once
        the stage has run long enough (`Execution.worth_it`, `START_S`). The first
        time it is up, the workers import the prover and build its replica while the stage
        goes on (a job of two tasks the least work is worth it for)."""
        if not self.ex.ready():
            if self.ex.worth_it(2, time.perf_counter() - self.started, start_s=START_S):
                self.ex.start_early()
            return False
        if self._primed is None:
            self._primed = [self.ex.submit(_prime, None, self.replica) for _ in range(min(self.ex.slots(), PRIMED))] \
                if self.ex.worth_it(2, 2 * RAY_COST_S["running"]) else []
        return True

    def _clock(self) -> float:
        """The stage's time on idle cores: its thread's CPU seconds and what it would have
        waited there for the results it used (`behind`). An attempt sent at this clock's
        t, taking c CPU seconds on an idle core, is done at t + c."""
        return time.thread_time() + self.behind

    def _flushed(self) -> None:
        self.flushed, self.flushed_rules = len(self.prover.library), len(self.prover.library_rules)

    def _send(self, ahead: Iterable[Ahead], methods: tuple[str, ...], deadline: float | None) -> None:
        """Attempt the first of `ahead` on the workers, one per worker but one, each with
        the attempts foretold after it (`Ahead.then`), which queue for a worker: those
        already on their way stay (one that assumed otherwise too, while it may yet be
        used: it has run for a while); of the others on their way, those that may yet be
        used keep the workers `ahead` leaves free, the rest stop."""
        room = max(self.ex.slots() - 1, 1)
        firsts = list(itertools.islice(ahead, room))
        wanted: dict[tuple[str, int, bool], Ahead] = {}
        for a in itertools.chain.from_iterable((first, *first.then) for first in firsts):
            wanted.setdefault(a.key, a)
        keep = [k for k, s in self.pending.items()
                if k in wanted and (s.assumed == _assumed(wanted[k]) or self._possible(s))]
        keep += [k for k, s in self.pending.items() if k not in wanted and self._possible(s)][:room - len(firsts)]
        for key in [k for k in self.pending if k not in keep]:
            self.pending.pop(key).pending.cancel()
            self.dropped += 1
        left = None if deadline is None else deadline - time.perf_counter()
        held = tuple((t.name, t.statement) for t in self.prover.library[len(self.prover.theory.assumptions):])
        for key, a in wanted.items():
            if key not in self.pending:
                o, assumed = a.conjecture, _assumed(a)
                task = _Task(held + assumed, o.name, o.statement, o.origin, a.effort, a.wider, methods, left, time.time(),
                             len(held) + a.cycled)
                self.pending[key] = _Sent(self.ex.submit(attempt, task, self.replica), o.statement,
                                          len(self.prover.library), len(self.prover.library_rules), assumed,
                                          a.cycled, self._clock())
                self.sent += 1

    def _possible(self, sent: _Sent) -> bool:
        """Whether the attempt `sent` may yet be used: of what it assumed, none failed
        since and those proved since were proved in its order."""
        names = {name for name, _ in sent.assumed}
        proved = tuple((t.name, t.statement) for t in self.prover.library[sent.theorems:] if t.name in names)
        return not names & self.unproved and sent.assumed[:len(proved)] == proved

    def _holds(self, sent: _Sent, c: Conjecture, effort: int, wider: bool, methods: tuple[str, ...]) -> bool:
        """Whether the attempt at `c` gets the rules the worker's attempt `sent` got: the
        theorems proved since the grid's last cycle (which reach every block) are those it
        assumed last, in its order, that cycle came after it was sent, those it assumed
        before were proved between, in its order, and no other theorem proved between is
        relevant to a block of the attempt (`Prover.relevant_rules`)."""
        delivered = tuple((t.name, t.statement) for t in self.prover.library[self.flushed:])
        cycled = dict(sent.assumed[:sent.cycled])
        between = tuple((t.name, t.statement) for t in self.prover.library[sent.theorems:self.flushed]
                        if t.name in cycled)
        if self.flushed < sent.theorems or delivered != sent.assumed[sent.cycled:] \
                or between != sent.assumed[:sent.cycled]:
            return False
        others = {id(r) for r in self.prover.library_rules[sent.rules:self.flushed_rules]
                  if r.ref.get("theorem") not in cycled}
        return not others or not any(id(r) in others for a in self.prover.attempts(
            c.name, c.statement, methods, self.prover.settings.scaled(effort, wider))
            for b in a.blocks for r in self.prover.relevant_rules(b.claim))

    def close(self) -> None:
        """Stop the speculative attempts still running; add the counts to the tally."""
        for sent in self.pending.values():
            sent.pending.cancel()
        for primed in self._primed or []:
            primed.cancel()
        self._primed = []
        self.dropped += len(self.pending)
        self.pending = {}
        if (t := self.tally) is not None:  # once
            t.sent, t.used, t.dropped = t.sent + self.sent, t.used + self.used, t.dropped + self.dropped
            t.waited, t.behind = t.waited + self.waited, t.behind + self.behind
            self.tally = None

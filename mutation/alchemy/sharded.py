"""Synthesis sharded over seeds (`gl mutate --workers N`): each round's seeds go to the
workers, which make every candidate mutation of their seeds and, for each the library does
not already state, its proof, its dataset row, its proof-document entry and the
independent checker's verdict on it (`candidates`); this process replays the serial
synthesis over those candidates as they arrive, the tasks sent in the order it reads them
(`Synthesizer._mutate`: the caps, the deduplication in order, the ids) and writes the rows of the mutants it keeps (`ShardedSynthesizer.lines`),
so the mutants, and every byte written from them, are the serial run's for any worker
count.

What a seed's candidates are is a function of the seed, the library and the settings
alone (`Synthesizer._plans`, `Mutator.realize`); what the serial run keeps of them depends
on everything made before (a mutant made from another seed first is a duplicate here, and
a seed whose candidate was a duplicate takes its next one under its cap), so the workers
render every candidate and the replay decides: they do more than the serial run would (the
candidates that turn out to be duplicates of other roots' mutants), in parallel, and this
process does only the deciding, which is hashing and counting, and the writing of bytes.

**Where tasks run.** A task is some seeds of one root (`ShardedSynthesizer._parts`), and a
root's tasks go to the worker that had the root before (`Execution.map_affine`: a Ray actor
per slot), where its caches are warm. A worker renders no candidate equal (or equal modulo
AC) to one rendered for a seed the replay reads before: its own, remembered for the round,
and the other workers', whose digests reach it with its next task (the notes of
`map_affine`); nor one equal to a mutant of an earlier round (their digests travel with the
tasks). Which seed the replay reads first is known for seeds of one root (their order);
across roots it is guessed (`_orders`), and a wrong guess costs a rendering here, never
another result. The tasks go in the order the replay reads their seeds, which replays each
one as it arrives, while the workers render the next.

**Ids.** A mutant's id (its row's `id`, the name in its TPTP and Lean statements, its proof
block's id) is given by the replay, after the workers have rendered it, so a worker writes
the placeholder `PREFIX000000` (a number the ids never take) where the id goes, and this
process puts the id in its place with a byte replace. That is exact because nothing else
in a row can hold the placeholder: its other texts come from the library (checked not to
hold it when the synthesis starts; else it runs serially), from variable names (letters,
`v1`, ...) and from other mutants' ids (a prefix and six digits or more, never all zeros).

**Verdicts.** A worker checks a seed's new candidates together with a checker of the
library (`StreamChecker`, kept for the synthesis), after the entries of the mutants the seed
rests on (its lineage, which this process sends with the seed; one the checker accepted
before from the very same text stays known and is not checked again, any other is:
`StreamChecker.extend_after`), each candidate under a name of its own, which the checker only reads as a name (a candidate cites the library and its seed,
never another candidate): the verdict is the one the serial stream gives (a child of a
rejected mutant cites an unproved theorem there and here alike). A worker realizes, checks
and renders a seed's candidates in three phases, as the serial synthesis does its batches:
interleaved, the three working sets evicted each other and cost the workers a quarter more
CPU than the serial run.

A sampled synthesis (`max_mutants`) stops a round once its budget is spent, long before
the round's candidates run out, so it is generated here as in the serial run
(`synthesizer` chooses).

>>> from gl.execution import Execution
>>> syn = synthesizer("out/proofs.json", Execution(workers=2), rounds=2)  # doctest: +SKIP
>>> type(syn).__name__                                                  # doctest: +SKIP
'ShardedSynthesizer'
"""

from __future__ import annotations

import itertools
import json
import os
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from gl.core.session import ProofRun
from gl.document import theory_mpl
from gl.execution import Execution, gc_paused

from .builder import ProofError
from .canon import Key, KeyText, digest
from .checking import StreamChecker
from .dataset import compact, jsonl_line
from .library import Library
from .model import Mutant, Plan, Realized, Seed, SeedText
from .mutate import Mutator
from .statements import RuleForm
from .synth import Config, Synthesizer

#: what a mutant's id is written as until the replay gives it (with the prefix before it)
PLACEHOLDER = "000000"
#: a round's seeds are cut in about this many tasks per slot (`ShardedSynthesizer._parts`):
#: enough that the slots end a round together (an idle one takes another's last task) and
#: that the replay starts soon, few enough that each task's round trip is repaid
PARTS_PER_SLOT = 8
#: and a task holds at most this many seeds (about 0.2 s of work), so that a large round's
#: last tasks are short: the slots end it within one of each other, and the replay has
#: little left to read when they do (3 rounds of the Peano targets, 2,907 seeds in the
#: last: 182 seeds a task without it)
SEEDS_PER_TASK = 48


@dataclass(frozen=True)
class Rendered:
    """What a worker made of one candidate, in place of its `Realized`: its row as the sink
    writes it and what the sink counts of it (`ShardedSynthesizer.row_line`; `checked`
    filled in when checked), its proof-document entry (for `--proofs-out`),
    the checker's verdict and failures, all with the placeholder for its id; and, when its
    round is not the last, what its children need: its statement (`form`, MPL and readable
    text, for the next round's seed) and its entry as the checker reads it (for theirs)."""

    line: bytes
    counted: tuple[str, ...]
    theorem: str | None
    checked: bool | None
    failures: tuple[str, ...]
    form: RuleForm | None = None
    mpl: str | None = None
    readable: str | None = None
    entry: str | None = None


T = TypeVar("T")


@dataclass(eq=False)
class RenderedMutant(Mutant):
    """A mutant the replay kept (`ShardedSynthesizer`): in place of its proof (`realized`,
    which it does not hold), what a worker rendered of it (`rendered`). Its rows and entries
    are read with `ShardedSynthesizer.lines` and `theorems`, not `row` and `theorem`; its
    statement (`form`, and its texts as the worker wrote them) only when a later round
    mutates it."""

    realized: Realized = field(init=False, repr=False)
    rendered: Rendered = field(kw_only=True, repr=False)

    @property
    def form(self) -> RuleForm:
        return self._sent(self.rendered.form)

    @property
    def mpl(self) -> str:
        return self._sent(self.rendered.mpl)

    @property
    def readable(self) -> str:
        return self._sent(self.rendered.readable)

    def _sent(self, value: T | None) -> T:
        assert value is not None, f"{self.id} is of the last round: no seed, its statement not sent"
        return value


def _rendering(m: Mutant) -> Rendered:
    """What a worker rendered of a mutant of the replay."""
    assert isinstance(m, RenderedMutant)
    return m.rendered


#: how a worker renders a row for the sink: the line the sink writes, and what it counts
RowLine = Callable[[dict[str, Any]], tuple[bytes, tuple[str, ...]]]


def jsonl_row(row: dict[str, Any]) -> tuple[bytes, tuple[str, ...]]:
    """A row as one JSONL line (`jsonl_line`), nothing counted: a `RowLine` for a sink that
    counts nothing (`shards.JsonlFile`).

    >>> jsonl_row({"id": "m1"})
    (b'{"id":"m1"}\\n', ())
    """
    return jsonl_line(row), ()


#: one candidate of a seed, in the order the serial run makes them: the passed-over
#: reasons a maker counted (it made no plan), or the law's index, the kind, the key and the
#: AC key (as `KeyText`), and what the worker rendered (None: no proof could be built, or
#: the library states it already, so that the replay never asks; `AGAIN`: a worker
#: rendered a mutant equal to it, or equal modulo AC, for a seed the replay reads before,
#: which the serial run keeps first unless a cap stopped it: then this process renders it)
Candidate = tuple[str, ...] | tuple[int, str, KeyText, KeyText | None, Rendered | str | None]
AGAIN = "again"

#: where a seed is in the order the replay reads a round's seeds, as far as it can be told
#: before (`_orders`): the fraction of its root's seeds started with it, then its place
Order = tuple[float, int]
#: on a worker: the synthesizer and checker candidates are made with, by job key, and the
#: digests and AC digests of the mutants rendered in the round it works on (by this worker
#: or, as far as it heard, the others), each with the order of the first seed it was
#: rendered for, by round (the earlier rounds' mutants travel as known digests)
_MADE_WITH: dict[str, tuple[Synthesizer, StreamChecker | None]] = {}
_BUILT: dict[int, tuple[dict[bytes, Order], dict[bytes, Order]]] = {}
_JOBS = itertools.count()


def synthesizer(library: Library | str | Path | ProofRun, execution: Execution,
                config: Config | None = None, **options: Any) -> Synthesizer:
    """A synthesizer of `library` whose generation runs on `execution`'s workers when it is
    a parallel setting, the synthesis is not sampled (`max_mutants`) and the placeholder
    cannot be confused with the library's texts, else a serial one; both make the same
    mutants."""
    library = Library.of(library)
    setting = {**vars(config or Config()), **options}
    if not execution.parallel or setting["max_mutants"] is not None or \
            placeholder_clashes(library, setting["prefix"] + PLACEHOLDER):
        return Synthesizer(library, config, **options)
    return ShardedSynthesizer(library, execution, config, **options)


def placeholder_clashes(library: Library, placeholder: str) -> bool:
    """Whether the library's theorems or theory hold `placeholder` (then a byte replace
    could not tell it from them).

    >>> placeholder_clashes(Library.load("out/proofs.json"), "add_comm")  # doctest: +SKIP
    True
    """
    return placeholder in theory_mpl(library.theory) or \
        placeholder in json.dumps(library.theorems, ensure_ascii=False)


@dataclass(frozen=True)
class _Job:
    """What every task of a synthesis needs (sent once): a key naming the synthesis, its
    library and settings, whether candidates are checked and their full proof-document
    entries wanted, and how a row is rendered for the sink."""

    key: str
    library: Library
    config: Config
    check: bool
    theorems: bool
    row_line: RowLine


class ShardedSynthesizer(Synthesizer):
    """A `Synthesizer` whose rounds make, render and check their candidates on the workers
    (`candidates`) and replay the serial choice over them here. Its mutants carry what the
    workers rendered instead of their proofs (`RenderedMutant`): their rows and entries are
    read with `lines` and `theorems`, not `Mutant.row` and `Mutant.theorem`."""

    def __init__(self, library: Library | str | Path | ProofRun, execution: Execution,
                 config: Config | None = None, **options: Any) -> None:
        super().__init__(library, config, **options)
        self.execution = execution
        self.placeholder = self.config.prefix + PLACEHOLDER
        #: whether the workers check the candidates, render full entries (`theorems`), and
        #: how they render a row (the sink's `row_line`); settled when the first round starts
        self.checking, self.with_theorems, self.row_line = True, False, jsonl_row
        self._job: _Job | None = None
        #: the round's candidates got so far, by seed, and the tasks' results still to come
        self._ready: dict[str, list[Candidate]] = {}
        self._arriving: Iterator[tuple[list[tuple[Seed, list[str], int]], list[list[Candidate]]]] = iter(())
        #: the round's seeds whose candidates `_Again` made again here: their makers, listed once
        self._listed: dict[str, list[Callable[[], Plan | None]]] = {}
        #: the checker entries (ids in place) of the mutants later rounds mutate, and the
        #: seed each was made from
        self._entries: dict[str, tuple[str, str]] = {}
        self._checker: StreamChecker | None = None  # for what `render` checks here
        #: candidates rendered here, not on the workers (`render`)
        self.rendered_here = 0
        #: the digests (and AC digests) of the mutants made so far: a worker renders no
        #: candidate of a later round equal to one of them (the serial run drops it)
        self._made: set[bytes] = set()
        self._made_ac: set[bytes] = set()
        #: the candidate the replay's last maker gave (`_replay`): its plan, AC key and
        #: rendering, what `_ac_key` and `_realize` answer for
        self._last: tuple[Plan, KeyText | None, Rendered | _Again | None] | None = None

    def _round(self, seeds: list[Seed], rnd: int, budget: int | None) -> Iterator[Mutant]:
        if self._job is None:
            self._job = _Job(f"{os.getpid()}:{next(_JOBS)}", self.library, self.config, self.checking,
                             self.with_theorems, self.row_line)
        last = rnd == self.config.rounds
        order = _orders(seeds)
        tasks = [[(_travelling(s), self._lineage(s.name), order[s.name]) for s in part]
                 for part in self._parts(seeds, order)]
        # a root's tasks on the worker that had it before, its caches warm; what each
        # worker rendered heard by the others (`candidates`)
        known = (frozenset(self._made), frozenset(self._made_ac))
        made = self.execution.map_affine(candidates, [pickle.dumps((part, rnd, last, budget is not None, known),
                                                                   pickle.HIGHEST_PROTOCOL) for part in tasks],
                                         [part[0][0].root for part in tasks], shared=self._job, notes=True)
        self._arriving = zip(tasks, made)
        try:
            yield from super()._round(seeds, rnd, budget)
        finally:
            made.close()  # (what is still running when the replay stops early is cancelled)
            self._ready, self._listed, self._arriving = {}, {}, iter(())

    def _parts(self, seeds: list[Seed], order: dict[str, Order]) -> list[list[Seed]]:
        """A round's seeds as tasks, in the order the replay reads them (`order`, from
        `_orders`), so that it replays each task's seeds as the workers' results arrive, not
        after the round: the seeds of one root together, in order, so that a task renders
        only the first of equal candidates of its root (`candidates`); a root with more
        than 1 / `PARTS_PER_SLOT` of a slot's share of the seeds (or `SEEDS_PER_TASK`) cut
        in parts of that size, so that the slots, taking the parts as they come free, end a
        round together. The parts go in the order of their first seed's fraction of its
        root (ties: the larger first).

        >>> from types import SimpleNamespace as S
        >>> syn = S(execution=Execution(workers=2))
        >>> seeds = [S(root=r, name=f"s{i}") for i, r in enumerate("ab" + "a" * 40 + "c")]
        >>> parts = ShardedSynthesizer._parts(syn, seeds, _orders(seeds))
        >>> [(p[0].root, len(p)) for p in parts][:3], [(p[0].root, len(p)) for p in parts][-4:]
        ([('a', 3), ('a', 3), ('a', 3)], [('a', 3), ('a', 2), ('b', 1), ('c', 1)])
        """
        most = max(1, min(-(-len(seeds) // (PARTS_PER_SLOT * self.execution.slots())), SEEDS_PER_TASK))
        groups: dict[str, list[Seed]] = {}
        for s in seeds:
            groups.setdefault(s.root, []).append(s)
        parts = [g[i:i + most] for g in groups.values() for i in range(0, len(g), most)]
        return sorted(parts, key=lambda p: (order[p[0].name][0], -len(p)))

    def _lineage(self, name: str) -> list[str]:
        """The checker entries of the mutant `name` and those it rests on, oldest first
        (none for a library theorem)."""
        out = []
        while name in self._entries:
            entry, name = self._entries[name]
            out.append(entry)
        return out[::-1]

    def _plans(self, seed: Seed, shuffle: bool) -> list[Callable[[], Plan | None]]:
        return [lambda c=c, i=i: self._replay(seed, c, i) for i, c in enumerate(self._arrived(seed.name))]

    def _arrived(self, name: str) -> list[Candidate]:
        """The candidates of the seed `name` of this round, waiting for its task's result
        (and taking those of the tasks before it) if it has not come yet."""
        while name not in self._ready:  # (the wait counts in `_mutate`'s generation time)
            part, got = next(self._arriving)
            self._ready.update((s.name, c) for (s, *_), c in zip(part, pickle.loads(got)))
        return self._ready[name]

    def _makers(self, seed: Seed) -> list[Callable[[], Plan | None]]:
        """The makers of `seed`'s candidates as the serial run lists them, listed once a
        round (`_Again` calls each at most once)."""
        if seed.name not in self._listed:
            self._listed[seed.name] = Synthesizer._plans(self, seed, False)
        return self._listed[seed.name]

    def _replay(self, seed: Seed, c: Candidate, index: int) -> Plan | None:
        """What the serial run's maker of candidate `c` (the `index`-th of `seed`) gives (its
        passed-over counts kept): a plan that holds what the replay reads (its kind, law, seed
        and key)."""
        if not c or isinstance(c[0], str):
            for reason in c:
                self.mutator.passed_over[reason] += 1
            return None
        law, kind, key, ac_key, rendered = c
        plan = Plan(kind, seed, self.library.laws[law], None, {}, key, {})
        if rendered == AGAIN:
            rendered = _Again(self, plan, index)
        self._last = (plan, ac_key, rendered)
        return plan

    def render(self, plan: Plan, ac_key: Key | KeyText | None) -> Rendered | None:
        """What a worker renders of a candidate of the round being made (`candidates`),
        rendered here (a candidate a task did not render: it rendered an equal one first)."""
        assert self._job is not None
        self.rendered_here += 1
        if self._checker is None and self.checking:
            self._checker = StreamChecker(self.library.theory, self.library.document())
        return _rendered(self._job, self.mutator, self._checker, self._lineage(plan.seed.name),
                         [(plan, ac_key)], self.round,
                         self.round == self.config.rounds)[0]

    def _ac_key(self, plan: Plan) -> KeyText | None:
        assert self._last is not None and self._last[0] is plan
        return self._last[1]

    def _realize(self, plan: Plan, rnd: int, d: bytes, ac: bytes | None) -> RenderedMutant:
        assert self._last is not None and self._last[0] is plan
        rendered = self._last[2]
        if isinstance(rendered, _Again):
            rendered = rendered.render(self._last[1])
        if rendered is None:
            raise ProofError(f"no proof of the mutant of {plan.seed.name} by {plan.law.label}")
        return RenderedMutant("", rnd, plan, self.library.lean_names, digest=d, ac_digest=ac, rendered=rendered)

    def _emit(self, m: Mutant, keep: bool) -> None:
        super()._emit(m, keep)
        self._made.add(m.digest)
        if m.ac_digest is not None:
            self._made_ac.add(m.ac_digest)
        entry = _rendering(m).entry
        if entry is not None:  # a mutant a later round mutates: its entry for its children's checks
            self._entries[m.id] = (entry.replace(self.placeholder, m.id), m.seed.name)

    def lines(self, batch: list[Mutant]) -> list[tuple[bytes, tuple[str, ...]]]:
        """The rows of a batch as `row_line` rendered them (each id in place), the verdicts
        the workers found recorded in the mutants and the counts."""
        ph, st = self.placeholder, self.stats
        out = []
        for m in batch:
            r = _rendering(m)
            out.append((r.line.replace(ph.encode(), m.id.encode()), r.counted))
            if r.checked is not None:
                m.checked, m.failures = r.checked, [f.replace(ph, m.id) for f in r.failures]
                st.checked += 1
                st.passed += r.checked
        return out

    def theorems(self, batch: list[Mutant]) -> list[dict[str, Any]]:
        """The proof-document entries of a batch (`Mutant.theorem()`, each id in place; the
        workers render them when `with_theorems` was set before the first round)."""
        out = []
        for m in batch:
            theorem = _rendering(m).theorem
            assert theorem is not None, "the workers render entries only when `with_theorems` was set"
            out.append(json.loads(theorem.replace(self.placeholder, m.id)))
        return out


@dataclass(frozen=True)
class _Again:
    """A candidate for `ShardedSynthesizer.render` to render, should the replay keep it:
    the plan the replay read, and its place among its seed's candidates."""

    syn: ShardedSynthesizer
    plan: Plan
    index: int

    def render(self, ac_key: KeyText | None) -> Rendered | None:
        """Make its plan again (as the task made it), and render it."""
        mutator = self.syn.mutator
        counted = dict(mutator.passed_over)  # the replay counted its makers' reasons already
        plan = self.syn._makers(self.plan.seed)[self.index]()
        mutator.passed_over.clear()
        mutator.passed_over.update(counted)
        assert plan is not None and digest(plan.key) == digest(self.plan.key)
        return self.syn.render(plan, ac_key)


def _orders(seeds: list[Seed]) -> dict[str, Order]:
    """Where each of a round's seeds is in the order the replay reads them, as far as it can
    be told before: the replay visits the roots' seeds interleaved (`synth._interleave`),
    the i-th of a root's n seeds when about a fraction (i + 1) / n of every root's seeds
    has been started; ties it breaks by what the seeds made, guessed here by their places.

    >>> from types import SimpleNamespace as S
    >>> _orders([S(name="a1", root="a"), S(name="a2", root="a"), S(name="b1", root="b")])
    {'a1': (0.5, 0), 'a2': (1.0, 1), 'b1': (1.0, 2)}
    """
    count = Counter(s.root for s in seeds)
    started: Counter[str] = Counter()
    out = {}
    for place, s in enumerate(seeds):
        started[s.root] += 1
        out[s.name] = (started[s.root] / count[s.root], place)
    return out


def _travelling(seed: Seed | SeedText) -> Seed:
    """A seed as a task carries it: a mutant's without the mutant, its texts (root, MPL,
    readable) kept for the rows of its children (a `SeedText` made a seed again)."""
    seed = seed.seed()
    if seed.mutant is None and seed.texts is None:
        return seed
    return replace(seed, mutant=None, texts=(seed.root, seed.mpl, seed.readable))


Task = tuple[list[tuple[Seed, list[str], Order]], int, bool, bool, tuple[frozenset[bytes], frozenset[bytes]]]
#: what a worker rendered in a task (`candidates`' note): the digests and AC digests, each
#: with the order of the first seed it was rendered for
Rendering = tuple[dict[bytes, Order], dict[bytes, Order]]


def candidates(job: _Job, task: bytes, heard: list[bytes]) -> tuple[bytes, bytes]:
    """Every candidate mutation of some seeds of one root (a task on a worker), seed by
    seed in the serial run's order, each new one rendered and checked (pickled: what the task
    and its result hold is read and written with the collector paused, as the rest of the
    synthesis: collections of a worker's grown heap cost it about 7% of its time when Ray
    pickled them); `task` (a pickled `Task`) is the seeds,
    each with the checker entries of the mutants it rests on (oldest first) and its order
    among the round's seeds (`_orders`), their round, whether that is the last, whether the
    laws' order is shuffled, and the digests and AC digests of the mutants of the rounds
    before (the serial run drops a candidate equal to one of them, as one the library
    states). A candidate equal, or equal modulo AC, to a mutant rendered for a seed before
    it in that order, by this worker or another (`heard`: the other workers' tasks' notes,
    each a pickled `Rendering`), is not rendered: the serial run made that one first, and
    keeps it unless a cap stopped it (then the driver renders this one). Returns the
    candidates and, as the task's note, what it rendered (a pickled `Rendering`). What a
    worker ran or heard before makes it render less, never another result."""
    made = _MADE_WITH.get(job.key)
    if made is None:
        _MADE_WITH.clear()  # one synthesis at a time: an earlier one's is not needed again
        _BUILT.clear()
        syn = Synthesizer(job.library, job.config)
        made = _MADE_WITH[job.key] = (
            syn, StreamChecker(job.library.theory, job.library.document()) if job.check else None)
    with gc_paused():  # as the serial synthesis: little cyclic garbage, a growing heap
        seeds, rnd, last, shuffle, (known, known_ac) = pickle.loads(task)
        made[0]._seen |= known
        made[0]._seen_ac |= known_ac
        if rnd not in _BUILT:
            _BUILT.clear()
        built = _BUILT.setdefault(rnd, ({}, {}))
        for note in heard:
            for mine, theirs in zip(built, pickle.loads(note)):
                _earliest(mine, theirs)
        rendered: Rendering = ({}, {})
        out = [_candidates(job, *made, seed, lineage, at, rnd, last, shuffle, built, rendered)
               for seed, lineage, at in seeds]
        return pickle.dumps(out, pickle.HIGHEST_PROTOCOL), pickle.dumps(rendered, pickle.HIGHEST_PROTOCOL)


def _earliest(into: dict[bytes, Order], more: dict[bytes, Order]) -> None:
    """Keep in `into` the earlier order of each digest of `more`.

    >>> d = {b"x": (0.5, 3)}; _earliest(d, {b"x": (0.5, 1), b"y": (1.0, 2)}); d
    {b'x': (0.5, 1), b'y': (1.0, 2)}
    """
    for k, order in more.items():
        if k not in into or order < into[k]:
            into[k] = order


def _candidates(job: _Job, syn: Synthesizer, checker: StreamChecker | None, seed: Seed, parents: list[str],
                at: Order, rnd: int, last: bool, shuffle: bool, built: Rendering, rendering: Rendering) -> list[Candidate]:
    """The candidates of the seed at order `at` of a round (`candidates`), checked after
    `parents`; what the round rendered so far is `built`, to which they are added, as to
    what the task rendered (`rendering`)."""
    m = syn.mutator
    out: list[Candidate] = []
    # the candidates to render: where, what, and their digest and AC digest
    new: list[tuple[int, Plan, KeyText, KeyText | None, tuple[bytes, bytes | None]]] = []
    for make in syn._plans(seed, shuffle):
        before = dict(m.passed_over)
        plan = make()
        if plan is None:
            out.append(tuple(k for k, n in m.passed_over.items() for _ in range(n - before[k])))
            continue
        key, ac = KeyText(plan.key), m.ac_key(plan)
        ac_key = None if ac is None else KeyText(ac)
        ds = (digest(key), None if ac_key is None else digest(ac_key))
        # (one rendered for a seed read later does not count: render it for this one)
        if any(d in b and b[d] <= at for d, b in zip(ds, built) if d is not None):
            out.append((plan.law.index, plan.kind, key, ac_key, AGAIN))
            continue
        if ds[0] not in syn._seen and ds[1] not in syn._seen_ac:
            for d, b in zip(ds, built):
                if d is not None:
                    b[d] = at
            new.append((len(out), plan, key, ac_key, ds))
        out.append((plan.law.index, plan.kind, key, ac_key, None))
    for (i, plan, key, ac_key, ds), rendered in zip(new, _rendered(job, m, checker, parents,
                                                                   [(p, a) for _, p, _, a, _ in new], rnd, last)):
        out[i] = (plan.law.index, plan.kind, key, ac_key, rendered)
        for d, b, r in zip(ds, built, rendering):
            if d is None:
                continue
            if rendered is None:  # no proof: an equal candidate is rendered, if any
                b.pop(d, None)
            else:
                r.setdefault(d, at)
    return out


def _rendered(job: _Job, mutator: Mutator, checker: StreamChecker | None, parents: list[str],
              plans: list[tuple[Plan, KeyText | None]], rnd: int, last: bool) -> list[Rendered | None]:
    """Candidates of round `rnd` of the synthesis `job` (each plan with its AC key)
    rendered under the placeholder name (None: no proof could be built), checked by
    `checker` after `parents`, the entries of the mutants their seed rests on. In phases
    (realize all, check all in one stream, render all), as the serial synthesis runs them:
    each phase's working set stays warm."""
    ph = job.config.prefix + PLACEHOLDER
    mutants: list[Mutant | None] = []
    for plan, ac_key in plans:
        try:
            realized = mutator.realize(plan)
        except ProofError:
            mutants.append(None)
            continue
        mutants.append(Mutant(ph, rnd, plan, realized, job.library.lean_names, digest=digest(plan.key),
                              ac_digest=None if ac_key is None else digest(ac_key)))
    made = [x for x in mutants if x is not None]
    if checker is not None and made:
        # one stream, each candidate under a name of its own (its verdict does not depend on
        # it: a candidate cites only the library and its seed), then named the placeholder
        names = [f"{ph}_{i:06d}" for i in range(len(made))]
        entries = []
        for x, name in zip(made, names):
            x.id = name
            entries.append(x.theorem(False))
            x.id = ph
        report = checker.extend_after(parents, entries)
        accepted = set(report.accepted)
        said: dict[str, list[str]] = {}
        for f in report.failures:
            said.setdefault(f.theorem, []).append(str(f).replace(f.theorem, ph))
        for x, name in zip(made, names):
            x.checked, x.failures = name in accepted, said.get(name, [])
    return [None if x is None else
            Rendered(*job.row_line(x.row()), compact(x.theorem()).decode() if job.theorems else None, x.checked,
                     tuple(x.failures),
                     *(() if last else (x.form, x.mpl, x.readable, compact(x.theorem(False)).decode())))
            for x in mutants]

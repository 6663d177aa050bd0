"""Generation sharded over seeds (`gl mutate --workers N`): each round's seeds go to the
workers, which make every candidate mutation of their seeds (the plans, their canonical
keys, and the proofs of those the library does not already state); this process then
replays the serial synthesis over those candidates (`Synthesizer._mutate`: the caps, the
deduplication in order, the ids), so the mutants, and every byte written from them, are
the serial run's for any worker count.

What a seed's candidates are is a function of the seed, the library and the settings
alone (`Synthesizer._plans`, `Mutator.realize`); what the serial run keeps of them depends
on everything made before (a mutant made from another seed first is a duplicate here, and
a seed whose candidate was a duplicate takes its next one under its cap), which is why the
workers build the proof of every candidate the library does not state (once per mutant and
root: a root's seeds come in serial order) and the replay decides. The workers therefore
do more than the serial run would (the candidates that turn out to be duplicates of other
roots' mutants), in parallel; this process does the deciding, which is hashing and
counting, and reads the proofs (sent pickled) of the mutants it keeps.

A sampled synthesis (`max_mutants`) stops a round once its budget is spent, long before
the round's candidates run out, so it is generated here as in the serial run
(`synthesizer` chooses).

>>> from gl.execution import Execution
>>> syn = synthesizer("out/proofs.json", Execution(workers=2), rounds=2)  # doctest: +SKIP
>>> type(syn).__name__                                                  # doctest: +SKIP
'ShardedSynthesizer'
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gl.core.session import ProofRun
from gl.execution import Execution

from .builder import ProofError
from .canon import Key, digest
from .library import Library
from .model import Mutant, Plan, Realized, Seed
from .mutate import Mutator
from .synth import Config, Synthesizer, gc_paused

#: one candidate of a seed, in the order the serial run makes them: the passed-over
#: reasons a maker counted (it made no plan), or the law's index, the plan (seed and law
#: left out: this process puts its own back), its AC key, and its proof, pickled (read
#: only if the replay keeps the mutant; None: none was built, or the library states it
#: already, so that the replay never asks; `AGAIN`: the task built one for an equal mutant
#: before, which the serial run keeps first unless a cap stopped it: then this process
#: builds it, as the serial run would)
Candidate = tuple[str, ...] | tuple[int, Plan, Key | None, bytes | str | None]
AGAIN = "again"

#: on a worker: the synthesizers the candidates are made with, by job key, and the
#: digests of the mutants it built proofs of, by root
_MADE_WITH: dict[str, Synthesizer] = {}
_BUILT: dict[str, set[bytes]] = {}
_JOBS = itertools.count()


def synthesizer(library: Library | str | Path | ProofRun, execution: Execution,
                config: Config | None = None, **options: Any) -> Synthesizer:
    """A synthesizer of `library` whose generation runs on `execution`'s workers when it is
    a parallel setting and the synthesis is not sampled (`max_mutants`), else a serial one;
    both make the same mutants."""
    library = Library.of(library)
    if not execution.parallel or options.get("max_mutants", (config or Config()).max_mutants) is not None:
        return Synthesizer(library, config, **options)
    return ShardedSynthesizer(library, execution, config, **options)


@dataclass(frozen=True)
class _Job:
    """What every task of a synthesis needs (sent once): a key naming the synthesis, its
    library and settings."""

    key: str
    library: Library
    config: Config


class ShardedSynthesizer(Synthesizer):
    """A `Synthesizer` whose rounds make their candidates on the workers (`candidates`)
    and replay the serial choice over them here."""

    def __init__(self, library: Library | str | Path | ProofRun, execution: Execution,
                 config: Config | None = None, **options: Any) -> None:
        super().__init__(library, config, **options)
        self.execution = execution
        self.mutator: Any = _Replayed(self.mutator)
        self._job = _Job(f"{os.getpid()}:{next(_JOBS)}", self.library, self.config)
        self._ready: dict[str, list[Candidate]] = {}

    def _round(self, seeds: list[Seed], rnd: int, budget: int | None) -> Iterator[Mutant]:
        tasks = [(replace(s, mutant=None), budget is not None, s.root) for s in seeds]
        self._ready = dict(zip((s.name for s in seeds), self.execution.map(candidates, tasks, shared=self._job)))
        try:
            yield from super()._round(seeds, rnd, budget)
        finally:
            self._ready = {}

    def _plans(self, seed: Seed, shuffle: bool) -> list[Callable[[], Plan | None]]:
        return [lambda c=c: self._replay(seed, c) for c in self._ready[seed.name]]

    def _replay(self, seed: Seed, c: Candidate) -> Plan | None:
        """What the serial run's maker of candidate `c` gives (its passed-over counts kept)."""
        if not c or isinstance(c[0], str):
            for reason in c:
                self.mutator.passed_over[reason] += 1
            return None
        law, plan, ac_key, realized = c
        plan = replace(plan, seed=seed, law=self.library.laws[law])
        self.mutator.last = (plan, ac_key, realized)
        return plan


class _Replayed:
    """The mutator of a replay: the candidate the last maker gave is what `ac_key` and
    `realize` answer for; the rest is the library's mutator."""

    def __init__(self, mutator: Mutator) -> None:
        self.mutator = mutator
        self.passed_over = mutator.passed_over
        self.last: tuple[Plan, Key | None, bytes | str | None] | None = None

    def ac_key(self, plan: Plan) -> Key | None:
        assert self.last is not None and self.last[0] is plan
        return self.last[1]

    def realize(self, plan: Plan) -> Realized:
        assert self.last is not None and self.last[0] is plan
        if self.last[2] == AGAIN:
            return self.mutator.realize(plan)
        if self.last[2] is None:
            raise ProofError(f"no proof of the mutant of {plan.seed.name} by {plan.law.label}")
        return pickle.loads(self.last[2])

    def __getattr__(self, name: str) -> Any:
        return getattr(self.mutator, name)


def candidates(job: _Job, task: tuple[Seed, bool, str]) -> list[Candidate]:
    """Every candidate mutation of one seed (a task on a worker), in the serial run's order;
    `task` is the seed (without its mutant), whether the laws' order is shuffled, and the
    library theorem the seed descends from. A root's seeds come in order (the chunks of a
    round go out in order, a worker takes them in order), which is the serial order of
    its mutants: a proof built here before for an equal mutant of the same root is one
    the serial run made first (`AGAIN`)."""
    syn = _MADE_WITH.get(job.key)
    if syn is None:
        _MADE_WITH.clear()  # one synthesis at a time: an earlier one's is not needed again
        _BUILT.clear()
        syn = _MADE_WITH[job.key] = Synthesizer(job.library, job.config)
    seed, shuffle, root = task
    m = syn.mutator
    out: list[Candidate] = []
    built = _BUILT.setdefault(root, set())
    with gc_paused():  # as the serial synthesis: little cyclic garbage, a growing heap
        for make in syn._plans(seed, shuffle):
            before = dict(m.passed_over)
            plan = make()
            if plan is None:
                out.append(tuple(k for k, n in m.passed_over.items() for _ in range(n - before[k])))
                continue
            ac_key = m.ac_key(plan)
            d = digest(plan.key)
            realized: bytes | str | None = None
            if d in built:
                realized = AGAIN
            elif d not in syn._seen and (ac_key is None or digest(ac_key) not in syn._seen_ac):
                with contextlib.suppress(ProofError):
                    realized = pickle.dumps(m.realize(plan), pickle.HIGHEST_PROTOCOL)
                    built.add(d)
            out.append((plan.law.index, replace(plan, seed=None, law=None), ac_key, realized))
    return out

"""The synthesis loop: mutate the seeds, deduplicate, keep the new mutants as the next
round's seeds, check everything with the independent checker, write the results.

>>> from mutation.alchemy import Library, Synthesizer
>>> syn = Synthesizer(Library.load("out/proofs.json"), rounds=2)       # doctest: +SKIP
>>> for m in syn:                                                      # doctest: +SKIP
...     print(m.id, m.kind, m.readable)
>>> syn.check().ok                                                     # doctest: +SKIP
True
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from gl.checker import Report
from gl.core.session import ProofRun
from gl.execution import Execution

from .builder import ProofError
from .canon import statement_key
from .checking import check_document, check_mutants, merge_reports, record_verdicts
from .dataset import ProofsWriter, document, proofs_head, with_lineage, write_jsonl
from .equivalence import EquivalenceFilter
from .library import Library
from .model import Mutant, Seed
from .mutate import KINDS, Mutator


@dataclass(frozen=True)
class Config:
    """What to synthesize.

    - `kinds`: mutation kinds, from `rw` and `apply`;
    - `rounds`: 1 mutates the library's theorems; each further round mutates the mutants of
      the round before;
    - `max_per_seed`: at most this many new mutants of each kind from one seed in one round
      (None: no limit);
    - `max_mutants`: stop after this many mutants in all (None: no limit);
    - `max_size`: at most this many function applications in an rw mutant's equation;
    - `max_hyps`: at most this many hypotheses in an apply mutant;
    - `new_variables`: rw may introduce variables (`i0` → `x * i0`);
    - `equivalence`: also drop equations equivalent modulo rewrite rules (`"ac"`: commutativity
      and associativity; see `equivalence.py`), with the e-graph rewriter; the mutants of a
      round then come once the whole round is made;
    - `prefix`: mutant names are the prefix and a six-digit number.
    """

    kinds: tuple[str, ...] = KINDS
    rounds: int = 2
    max_per_seed: int | None = 100
    max_mutants: int | None = None
    max_size: int = 10
    max_hyps: int = 10
    new_variables: bool = True
    equivalence: str | None = None
    prefix: str = "m"

    def __post_init__(self) -> None:
        bad = [k for k in self.kinds if k not in KINDS]
        if bad or not self.kinds:
            raise ValueError(f"kinds must be some of {', '.join(KINDS)}, not {', '.join(bad) or 'none'}")
        if self.rounds < 1:
            raise ValueError("rounds must be at least 1")


@dataclass
class Stats:
    """Counts of one synthesis. `pairs[kind]` holds the distinct (seed, law) pairs found,
    `instances[kind]` every place a law could act (before deduplication)."""

    seeds: int = 0
    pairs: dict[str, set[tuple[str, int]]] = field(default_factory=lambda: {k: set() for k in KINDS})
    instances: Counter[str] = field(default_factory=Counter)
    mutants: Counter[str] = field(default_factory=Counter)
    rounds: Counter[int] = field(default_factory=Counter)
    duplicates: int = 0
    equivalent: int = 0
    unprovable: int = 0
    passed_over: dict[str, int] = field(default_factory=dict)
    checked: int = 0
    passed: int = 0
    generate_seconds: float = 0.0
    check_seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.mutants.values())

    def as_dict(self) -> dict[str, Any]:
        """The counts as plain JSON data."""
        return {
            "seeds": self.seeds,
            "invocable_pairs": {k: len(v) for k, v in self.pairs.items()},
            "invocations": dict(self.instances),
            "mutants": dict(self.mutants),
            "mutants_per_round": {str(r): n for r, n in sorted(self.rounds.items())},
            "duplicates_dropped": self.duplicates,
            "equivalent_dropped": self.equivalent,
            "unprovable_dropped": self.unprovable,
            "passed_over": dict(self.passed_over),
            "checked": self.checked,
            "passed": self.passed,
            "expansion": round(self.total / self.seeds, 2) if self.seeds else 0.0,
            "generate_seconds": round(self.generate_seconds, 3),
            "check_seconds": round(self.check_seconds, 3),
        }


class Synthesizer:
    """Mutates a library's theorems for some rounds; iterate it for the mutants (lazily,
    generation order: round by round, seed by seed)."""

    def __init__(self, library: Library | str | Path | ProofRun, config: Config | None = None,
                 **options: Any) -> None:
        self.library = Library.of(library)
        known = {f.name for f in fields(Config)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise TypeError(f"unknown option(s) {', '.join(unknown)}; options are {', '.join(sorted(known))}")
        if "kinds" in options and isinstance(options["kinds"], str):
            options["kinds"] = tuple(k.strip() for k in options["kinds"].split(",") if k.strip())
        self.config = replace(config or Config(), **options)
        self.mutator = Mutator(self.library, self.config.new_variables, self.config.max_size,
                               self.config.max_hyps)
        self.stats = Stats(seeds=len(self.library.seeds))
        self.mutants: list[Mutant] = []
        #: digests of the canonical keys of the library's theorems and of the mutants made
        self._seen = {_digest(statement_key(s.form, self.library.constants, self.mutator.domain))
                      for s in self.library.seeds}
        self._filter = self._equivalence_filter() if self.config.equivalence else None
        self._next_id = 1
        self._gen: Iterator[Mutant] | None = None
        #: True when `run` or `batches` was stopped by Ctrl-C
        self.interrupted = False
        self._streaming = False

    def _equivalence_filter(self) -> EquivalenceFilter:
        theory = self.library.theory
        if not theory.inductions:
            raise ValueError("equivalence needs a theory with an induction principle (zero, succ)")
        ind = theory.inductions[0]
        names = {"zero": ind.base, "succ": ind.succ, "add": "+", "mul": "*"}
        odd = set(self.library.signature.arity) - {ind.succ, "+", "*"}
        if odd:
            raise ValueError(f"equivalence knows only zero, successor, + and *, not {', '.join(sorted(odd))}")
        f = EquivalenceFilter(self.config.equivalence, names)
        f.keep([(s.eq.lhs, s.eq.rhs) for s in self.library.seeds if s.eq is not None], known=True)
        return f

    def __iter__(self) -> Iterator[Mutant]:
        """The mutants already made, then the rest as they are made."""
        yield from list(self.mutants)
        if self._gen is None:
            self._gen = self._generate()
        # through a callable iterator: closing an abandoned iterator of this synthesizer must
        # not close the generator that later iterations continue
        yield from iter(self._gen.__next__, None)

    def run(self, progress: Callable[[Mutant], None] | None = None) -> list[Mutant]:
        """Make every mutant (Ctrl-C stops early and keeps what was made)."""
        try:
            with gc_paused():
                for m in self:
                    if progress is not None:
                        progress(m)
        except KeyboardInterrupt:
            self._gen = iter(())
            self.interrupted = True
        return self.mutants

    def batches(self, size: int = 5000) -> Iterator[list[Mutant]]:
        """The mutants in lists of up to `size`, for output as they come. Mutants of the
        last round are then not kept in `mutants` (no later mutant cites them), so memory
        holds only the earlier rounds; Ctrl-C ends the batches, the last one kept."""
        self._streaming = True
        made = iter(self)
        while True:
            batch: list[Mutant] = []
            try:
                with gc_paused():  # only while making: the caller's garbage is collected
                    batch.extend(itertools.islice(made, size))
            except KeyboardInterrupt:
                self._gen = iter(())
                self.interrupted = True
            if batch:
                yield batch
            if len(batch) < size:
                return

    # ------------------------------------------------------------------ generation

    def _generate(self) -> Iterator[Mutant]:
        cfg = self.config
        seeds: list[Seed] = list(self.library.seeds)
        for rnd in range(1, cfg.rounds + 1):
            nxt: list[Seed] = []
            made: Iterator[Mutant] = (m for seed in seeds for kind in cfg.kinds
                                      for m in self._mutate(seed, kind, rnd))
            if self._filter is not None:
                made = iter(self._not_equivalent(list(made)))
            last = rnd == cfg.rounds
            for m in made:
                self._emit(m, keep=not (last and self._streaming))
                yield m
                if not last:
                    nxt.append(m.as_seed())
                if cfg.max_mutants is not None and self.stats.total >= cfg.max_mutants:
                    return
            seeds = nxt

    def _mutate(self, seed: Seed, kind: str, rnd: int) -> Iterator[Mutant]:
        """New mutants of one seed (not yet named)."""
        kept = 0
        plans = self.mutator.rw(seed) if kind == "rw" else self.mutator.apply(seed)
        st = self.stats
        t0 = time.perf_counter()
        for plan in plans:
            st.instances[kind] += 1
            st.pairs[kind].add((seed.name, plan.law.index))
            digest = _digest(plan.key)
            if digest in self._seen:
                st.duplicates += 1
                continue
            try:
                real = self.mutator.realize(plan)
            except ProofError:
                st.unprovable += 1
                continue
            self._seen.add(digest)
            kept += 1
            st.generate_seconds += time.perf_counter() - t0
            yield Mutant("", rnd, plan, real, self.library.lean_names)
            t0 = time.perf_counter()
            if self.config.max_per_seed is not None and kept >= self.config.max_per_seed:
                break
        st.generate_seconds += time.perf_counter() - t0
        st.passed_over = dict(self.mutator.passed_over)

    def _emit(self, m: Mutant, keep: bool) -> None:
        m.id = self._new_id()
        if keep:
            self.mutants.append(m)
        self.stats.mutants[m.kind] += 1
        self.stats.rounds[m.round] += 1

    def _not_equivalent(self, made: list[Mutant]) -> list[Mutant]:
        """The mutants of one round that the e-graph does not find equivalent to an earlier
        equation (non-equational mutants pass)."""
        t0 = time.perf_counter()
        eqs = [(m, m.as_seed().eq) for m in made]
        pure = [(m, ev) for m, ev in eqs if m.pure and ev is not None and not ev.negated]
        flags = dict(zip(map(id, (m for m, _ in pure)),
                         self._filter.keep([(ev.lhs, ev.rhs) for _, ev in pure])))
        out = [m for m in made if flags.get(id(m), True)]
        self.stats.equivalent += len(made) - len(out)
        self.stats.generate_seconds += time.perf_counter() - t0
        return out

    def _new_id(self) -> str:
        while True:
            name = f"{self.config.prefix}{self._next_id:06d}"
            self._next_id += 1
            if name not in self.library.entries:
                return name

    # ------------------------------------------------------------------ checking and output

    def check(self, mutants: list[Mutant] | None = None, chunk: int = 20000,
              fresh: bool | None = None, execution: Execution | None = None) -> Report:
        """Re-check mutants (default: all kept so far) with the independent checker; sets
        each mutant's `checked` and the stats. Mutants are checked in documents of up to
        `chunk` (each with the theorems its mutants rest on, by a fresh checker, so its
        caches stay bounded; `fresh` forces or forbids that); the reports are merged. On a
        parallel `execution` the mutants are split into one document per worker, each
        checked by a fresh checker there (the verdicts are the same)."""
        ms = self.mutants if mutants is None else mutants
        t0 = time.perf_counter()
        reports = []
        with gc_paused():
            if execution is not None and execution.parallel:
                chunk = min(chunk, -(-len(ms) // execution.slots()))
                docs = [document(self.library, ms[i:i + chunk], full=False) for i in range(0, len(ms), chunk)]
                reports = list(execution.map(check_document, docs, shared=self.library.theory))
            else:
                for i in range(0, len(ms), chunk):
                    part = ms[i:i + chunk]
                    reports.append(check_mutants(self.library, part, fresh=len(ms) > chunk if fresh is None else fresh))
        self.stats.check_seconds += time.perf_counter() - t0
        report = merge_reports(reports)
        st = self.stats
        for m in ms:
            if m.checked is not None:
                st.checked -= 1
                st.passed -= m.checked
        record_verdicts(report, ms)
        st.checked += len(ms)
        st.passed += sum(bool(m.checked) for m in ms)
        return report

    def rows(self) -> Iterator[dict[str, Any]]:
        """The dataset rows of the mutants made so far."""
        for m in self.mutants:
            yield m.row()

    def write_dataset(self, path: str | Path) -> int:
        """Write the JSONL dataset; the number of rows."""
        with gc_paused():
            return write_jsonl(self.rows(), path)

    def write_proofs(self, path: str | Path) -> Path:
        """Write the library and the mutants as one `gl.proofs/1` document for `gl check`."""
        p = Path(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        with gc_paused(), p.open("w", encoding="utf-8") as fh:
            w = ProofsWriter(fh, proofs_head(self.library), self.library.theorems)
            w.add(m.theorem() for m in with_lineage(self.mutants))
            w.close()
        return p


def _digest(key: tuple) -> bytes:
    """16 bytes standing for a canonical key (kept for every mutant, so kept small)."""
    return hashlib.blake2b(repr(key).encode(), digest_size=16).digest()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restoring its state after). A synthesis keeps
    everything it makes; automatic full collections over that growing heap would cost
    about as much as the synthesis itself, and there is little cyclic garbage to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

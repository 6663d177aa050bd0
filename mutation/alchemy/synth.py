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

import heapq
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import partial
from pathlib import Path
from typing import Any, overload

from gl.checker import Report
from gl.core.session import ProofRun
from gl.execution import Execution, gc_paused

from .builder import ProofError
from .canon import Key, KeyText, digest, statement_key
from .checking import StreamChecker, check_document, merge_reports, record_verdicts
from .dataset import ProofsWriter, document, proofs_head, with_lineage, write_jsonl
from .equivalence import EQUIVALENCES, ac_equation_key, ac_operators
from .library import Library
from .model import FAMILIES, Mutant, Plan, Seed, SeedText
from .mutate import KINDS, Mutator, Site


@dataclass(frozen=True)
class Config:
    """What to synthesize.

    - `kinds`: mutation kinds, from `rw` and `apply`;
    - `rounds`: 1 mutates the library's theorems; each further round mutates the mutants of
      the round before;
    - `seeds`: the seed families to mutate (`law`, `lemma`, `ground`; see `model.FAMILIES`) —
      a tuple, or text such as `"laws,lemmas"` or `"all"`; every library theorem still acts
      as a law and counts as known for deduplication;
    - `max_per_seed`: at most this many new mutants of each kind from one seed in one round
      (None: no limit);
    - `max_per_root`: at most this many mutants descending from one library theorem, all
      rounds together; `max_per_law`: at most this many invoking one law;
    - `max_mutants`: stop after this many mutants in all (None: no limit). The budget is
      shared evenly by the rounds still to come and, within a round, spent by *balanced
      sampling*: each seed a share (the budget left over the seeds left), the seeds of the
      library theorems they descend from interleaved in proportion (in an order shuffled by
      `sample_seed`), each seed's laws taking turns (`Synthesizer._round`);
    - `min_size`/`max_size`: function applications of a mutant's equation (of its function
      literals when it is not one); `min_depth`/`max_depth`: nesting depth of its equation;
    - `max_hyps`: at most this many hypotheses in an apply mutant;
    - `new_variables`: rw may introduce variables (`i0` → `x * i0`);
    - `equivalence`: `"ac"` also drops equations equal modulo associativity and
      commutativity of the library's AC operators (`equivalence.py`);
    - `prefix`: mutant names are the prefix and a six-digit number.
    """

    kinds: tuple[str, ...] = KINDS
    rounds: int = 2
    seeds: tuple[str, ...] = ("law", "lemma")
    max_per_seed: int | None = 100
    max_per_root: int | None = None
    max_per_law: int | None = None
    max_mutants: int | None = None
    min_size: int = 0
    max_size: int = 10
    min_depth: int = 0
    max_depth: int | None = None
    max_hyps: int = 10
    new_variables: bool = True
    equivalence: str | None = None
    sample_seed: int = 0
    prefix: str = "m"

    def __post_init__(self) -> None:
        bad = [k for k in self.kinds if k not in KINDS]
        if bad or not self.kinds:
            raise ValueError(f"kinds must be some of {', '.join(KINDS)}, not {', '.join(bad) or 'none'}")
        if self.rounds < 1:
            raise ValueError("rounds must be at least 1")
        object.__setattr__(self, "seeds", families(self.seeds))
        if self.equivalence not in (None, *EQUIVALENCES):
            raise ValueError(f"equivalence must be one of {', '.join(EQUIVALENCES)}, not {self.equivalence!r}")

    def as_dict(self) -> dict[str, Any]:
        """The settings as plain JSON data."""
        return {f.name: list(v) if isinstance(v := getattr(self, f.name), tuple) else v for f in fields(self)}


def families(spec: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Seed families from `"laws,lemmas"`, `"all"` or a sequence (plurals allowed), in
    `FAMILIES` order.

    >>> families("lemmas,laws"), families("all")
    (('law', 'lemma'), ('law', 'lemma', 'ground'))
    """
    words = [w.strip() for w in spec.split(",")] if isinstance(spec, str) else list(spec)
    chosen = set()
    for w in filter(None, words):
        if w == "all":
            chosen.update(FAMILIES)
        elif w.removesuffix("s") in FAMILIES:
            chosen.add(w.removesuffix("s"))
        else:
            raise ValueError(f"seeds must be some of laws, lemmas, ground, all; not {w!r}")
    if not chosen:
        raise ValueError("seeds: choose at least one of laws, lemmas, ground, all")
    return tuple(f for f in FAMILIES if f in chosen)


@dataclass
class Stats:
    """Counts of one synthesis. `pairs[kind]` counts the distinct (seed, law) pairs found,
    `instances[kind]` every place a law could act (before deduplication)."""

    seeds: int = 0
    pairs: Counter[str] = field(default_factory=Counter)
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
            "invocable_pairs": {k: self.pairs[k] for k in KINDS},
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
        self.config = cfg = replace(config or Config(), **options)
        lib = self.library
        ac = ac_operators(lib.laws, lib.constants) if cfg.equivalence == "ac" else None
        self.mutator = Mutator(lib, cfg.new_variables, cfg.max_size, cfg.max_hyps, cfg.min_size,
                               cfg.min_depth, cfg.max_depth, ac)
        #: the library theorems mutated in round 1 (those of the chosen families)
        self.seeds = [s for s in lib.seeds if s.family in cfg.seeds]
        self.stats = Stats(seeds=len(self.seeds))
        self.mutants: list[Mutant] = []
        keys = [statement_key(s.form, lib.constants, self.mutator.domain) for s in lib.seeds]
        #: digests of the canonical keys of every library theorem and of the mutants made
        self._seen = {digest(k) for k in keys}
        #: the same modulo AC (with `equivalence="ac"`)
        self._seen_ac = set() if ac is None else {
            digest(ac_equation_key(s.eq.lhs, s.eq.rhs, lib.constants, ac, s.eq.negated) if k[0] != "rule" else k)
            for s, k in zip(lib.seeds, keys)}
        self._per_root: Counter[str] = Counter()
        self._per_law: Counter[int] = Counter()
        self._next_id = 1
        self._gen: Iterator[Mutant] | None = None
        #: True when `run` or `batches` was stopped by Ctrl-C
        self.interrupted = False
        self._streaming = self._lean = False
        #: the independent checker of `check` (serial), and the mutants it knows per round
        self._stream: StreamChecker | None = None
        self._checked: dict[int, list[str]] = {}
        #: the round being made
        self.round = 1

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

    def batches(self, size: int = 5000, skip: int = 0, lean: bool = False) -> Iterator[list[Mutant]]:
        """The mutants in lists of up to `size`, for output as they come, after the first
        `skip` (made again but not returned: what a resumed run has already written). Mutants
        of the last round are then not kept in `mutants` (no later mutant cites them), so
        memory holds only the earlier rounds; `lean`: no mutant is kept, the next round's
        seeds only hold what it needs of them (`Mutant.as_seed(lean=True)`: not their proofs,
        so mutants have no `parent`), for a check that knows each batch's parents from the
        batches before (the serial `check`). Ctrl-C ends the batches, the last one kept."""
        # skipped mutants keep their lineage: the check has not seen them, their children's will
        self._streaming, self._lean = True, False
        made = iter(self)
        with gc_paused():
            for _ in itertools.islice(made, skip):
                pass
        self._lean = lean
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

    def checked(self, size: int = 5000, execution: Execution | None = None) -> Iterator[Mutant]:
        """The mutants one by one, each after the independent checker has seen its batch of
        `size` (its `checked` set): a synthesis in memory bounded by the batch (and the
        earlier rounds' mutants, the next rounds' seeds), however many it makes.

        >>> syn = Synthesizer("out/proofs.json", max_mutants=1000)     # doctest: +SKIP
        >>> sum(m.checked for m in syn.checked())                      # doctest: +SKIP
        1000
        """
        for batch in self.batches(size, lean=execution is None or not execution.parallel):
            self.check(batch, execution=execution)
            yield from batch

    # ------------------------------------------------------------------ generation

    def _generate(self) -> Iterator[Mutant]:
        cfg = self.config
        seeds: list[Seed | SeedText] = list(self.seeds)
        for rnd in range(1, cfg.rounds + 1):
            self.round = rnd
            last = rnd == cfg.rounds
            budget = None
            if cfg.max_mutants is not None:
                left = cfg.max_mutants - self.stats.total
                budget = left if last else max(1, left // (cfg.rounds - rnd + 1))
            nxt: list[Seed | SeedText] = []
            for m in self._round(seeds, rnd, budget):
                self._emit(m, keep=not self._lean and not (last and self._streaming))
                yield m
                if not last:
                    nxt.append(m.as_seed(self._lean))
                if cfg.max_mutants is not None and self.stats.total >= cfg.max_mutants:
                    return
            seeds = nxt

    def _round(self, seeds: list[Seed | SeedText], rnd: int, budget: int | None) -> Iterator[Mutant]:
        """The new mutants of one round, in passes over its seeds. A pass visits the seeds
        of all the library theorems they descend from (their roots) interleaved in proportion
        (`_interleave`: each root has always started about the same fraction of its seeds, so
        that any stretch of the rows mixes the roots, and what they cost, as the whole pass
        does; the roots' order shuffled by `sample_seed` when sampling). With a `budget`, a
        visit gives up to the seed's share: the budget left divided by the seeds left to visit
        in this pass (rounded down, at least 1), so that a seed with fewer mutations leaves
        the rest of its share to the seeds after it, but at most twice the pass's first share
        (the last seeds of a pass would otherwise take all that the others left); a further
        pass over the seeds that had more spends what is left. Without one, one pass makes
        every mutation."""
        groups: dict[str, list[Seed | SeedText]] = {}
        for seed in seeds:
            groups.setdefault(seed.root, []).append(seed)
        roots = list(groups)
        if budget is not None:
            random.Random(f"{self.config.sample_seed}/{rnd}").shuffle(roots)
        state: dict[str, _SeedState] = {}
        made = left = most = 0

        def visit(seed: Seed | SeedText) -> Iterator[Mutant]:
            nonlocal left
            share = None if budget is None else min(most, max(1, (budget - made) // left))
            left -= 1
            st = state.setdefault(seed.name, _SeedState())
            # a seed kept as text is made again for this visit only
            return self._mutate(seed.seed(), rnd, share, st, budget is not None)

        while True:
            live = [[s for s in groups[r] if s.name not in state or not state[s.name].done] for r in roots]
            left = sum(map(len, live))
            most = 0 if budget is None else 2 * max(1, (budget - made) // max(1, left))
            for m in _interleave(live, visit):
                yield m
                made += 1
                if budget is not None and made >= budget:
                    return
            if budget is None or all(state[s.name].done for s in seeds):
                return

    def _plans(self, seed: Seed, shuffle: bool) -> Sequence[Callable[[], Plan | None]]:
        """The makers of every mutation of a seed (`Mutator.candidates`), the laws taking
        turns (first each law's first, ...; the laws' order shuffled when sampling), made
        as they are read (`_Plans`: a visit often reads a few of a seed's many)."""
        sites: list[Site] = []
        laws: list[tuple[int, int, int]] = []  # (first site, end of sites, law) of each kind's laws
        for kind in self.config.kinds:
            start = len(sites)
            sites.extend(self.mutator.sites(seed, kind))
            ids = itertools.chain.from_iterable([site[2] for site in sites[start:]])
            laws.extend([(start, len(sites), law) for law in dict.fromkeys(ids)])
        if shuffle:
            random.Random(f"{self.config.sample_seed}/{seed.name}").shuffle(laws)
        return _Plans(sites, laws)

    def _mutate(self, seed: Seed, rnd: int, share: int | None, st: _SeedState,
                shuffle: bool) -> Iterator[Mutant]:
        """New mutants of one seed (not yet named), at most `share` of them, from where the
        seed's last visit stopped."""
        cfg, stats = self.config, self.stats
        t0 = time.perf_counter()
        plans = self._plans(seed, shuffle)
        new = 0
        while st.cursor < len(plans):
            if share is not None and new >= share:
                break
            if cfg.max_per_root is not None and self._per_root[seed.root] >= cfg.max_per_root:
                st.finish()
                break
            plan = plans[st.cursor]()
            st.cursor += 1
            if plan is None:
                continue
            kind = plan.kind
            stats.instances[kind] += 1
            if (kind, plan.law.index) not in st.laws:
                st.laws.add((kind, plan.law.index))
                stats.pairs[kind] += 1
            if cfg.max_per_seed is not None and st.kept[kind] >= cfg.max_per_seed:
                continue
            if cfg.max_per_law is not None and self._per_law[plan.law.index] >= cfg.max_per_law:
                continue
            d = digest(plan.key)
            if d in self._seen:
                stats.duplicates += 1
                continue
            ac_key = self._ac_key(plan)
            ac = digest(ac_key) if ac_key is not None else None
            if ac is not None and ac in self._seen_ac:
                stats.equivalent += 1
                continue
            try:
                made = self._realize(plan, rnd, d, ac)
            except ProofError:
                stats.unprovable += 1
                continue
            self._seen.add(d)
            if ac is not None:
                self._seen_ac.add(ac)
            st.kept[kind] += 1
            new += 1
            self._per_root[seed.root] += 1
            self._per_law[plan.law.index] += 1
            stats.generate_seconds += time.perf_counter() - t0
            yield made
            t0 = time.perf_counter()
        else:
            st.finish()
        stats.generate_seconds += time.perf_counter() - t0
        stats.passed_over = dict(self.mutator.passed_over)

    def _ac_key(self, plan: Plan) -> Key | KeyText | None:
        """The plan's key modulo AC (`Mutator.ac_key`)."""
        return self.mutator.ac_key(plan)

    def _realize(self, plan: Plan, rnd: int, d: bytes, ac: bytes | None) -> Mutant:
        """The mutant of `plan`, of round `rnd`, with its digest and AC digest, its id not yet
        given (ProofError: no proof of it could be built)."""
        return Mutant("", rnd, plan, self.mutator.realize(plan), self.library.lean_names, digest=d, ac_digest=ac)

    def _emit(self, m: Mutant, keep: bool) -> None:
        m.id = self._new_id()
        if keep:
            self.mutants.append(m)
        self.stats.mutants[m.kind] += 1
        self.stats.rounds[m.round] += 1

    def _new_id(self) -> str:
        while True:
            name = f"{self.config.prefix}{self._next_id:06d}"
            self._next_id += 1
            if name not in self.library.entries:
                return name

    # ------------------------------------------------------------------ checking and output

    def check(self, mutants: list[Mutant] | None = None, chunk: int = 20000,
              execution: Execution | None = None) -> Report:
        """Re-check mutants (default: all kept so far) with the independent checker; sets
        each mutant's `checked` and the stats. In one process, one checker checks the
        synthesis's mutants as a stream (`StreamChecker`: each mutant once, after the
        library and its parent). On a parallel `execution` the mutants are split into
        documents of up to `chunk`, one per worker at most, each with the theorems its
        mutants rest on, checked by a fresh checker there (the verdicts are the same); the
        reports are merged."""
        ms = self.mutants if mutants is None else mutants
        t0 = time.perf_counter()
        reports = []
        with gc_paused():
            if execution is not None and execution.parallel:
                chunk = min(chunk, -(-len(ms) // execution.slots()))
                docs = [document(self.library, ms[i:i + chunk], full=False) for i in range(0, len(ms), chunk)]
                reports = list(execution.map(check_document, docs, shared=self.library.theory))
            else:
                reports.append(self._check_stream(ms))
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

    def _check_stream(self, ms: list[Mutant]) -> Report:
        """Check mutants with this synthesis's `StreamChecker`: each one citing its parent
        as checked before (mutants checked again are forgotten first). While streaming, the
        mutants of the last round, and those of rounds no later mutant cites, are forgotten."""
        if self._stream is None:
            self._stream = StreamChecker(self.library.theory, self.library.document())
        stream = self._stream
        if self._streaming and ms:
            low = min(m.round for m in ms) - 1
            for r in [r for r in self._checked if r < low]:
                stream.forget(self._checked.pop(r))
        stream.forget(m.id for m in ms)
        todo = [a for a in with_lineage(ms) if not stream.knows(a.id)]
        report = stream.extend(a.theorem(False) for a in todo)
        if self._streaming:
            last = self.config.rounds
            stream.forget(m.id for m in ms if m.round == last)
            for m in todo:
                if m.round != last:
                    self._checked.setdefault(m.round, []).append(m.id)
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


class _Pairs:
    """The (kind, law index) pairs a seed has met, as the bits of one int: a round keeps
    this for each of its seeds (about 100 bytes, not a set of tuples, which grew to about
    2 KB a seed).

    >>> pairs = _Pairs()
    >>> pairs.add(("apply", 12))
    >>> ("apply", 12) in pairs, ("rw", 12) in pairs, ("apply", 11) in pairs
    (True, False, False)
    """

    __slots__ = ("bits",)

    def __init__(self) -> None:
        self.bits = 0

    @staticmethod
    def _bit(pair: tuple[str, int]) -> int:
        return pair[1] * len(KINDS) + KINDS.index(pair[0])

    def __contains__(self, pair: tuple[str, int]) -> bool:
        return bool(self.bits >> self._bit(pair) & 1)

    def add(self, pair: tuple[str, int]) -> None:
        self.bits |= 1 << self._bit(pair)


@dataclass(slots=True)
class _SeedState:
    """Where synthesis is in one seed's mutations: plans consumed, mutants kept per kind,
    the (kind, law) pairs met, and whether it has no more to give."""

    cursor: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    laws: _Pairs = field(default_factory=_Pairs)
    done: bool = False

    def finish(self) -> None:
        """No more from this seed (what only further plans needed is let go)."""
        self.done = True
        self.laws = _Pairs()
        self.kept = Counter()


class _Plans(Sequence[Callable[[], Plan | None]]):
    """A seed's plan makers in `Synthesizer._plans` order — each law's first place (in the
    order of `laws`), then each law's second, ... — each made when read. The first turn is
    found without listing every (place, law) pair: a visit often reads no further."""

    def __init__(self, sites: list[Site], laws: list[tuple[int, int, int]]) -> None:
        self._sites = sites
        self._laws = laws
        self._len = sum([len(site[2]) for site in sites])
        #: each kind's sites, as (first, end), in order
        self._ranges = list(dict.fromkeys([(start, end) for start, end, _ in laws]))
        #: first site of a kind -> law -> the first site of that kind naming the law
        self._first: dict[int, dict[int, int]] | None = None
        #: the places of the turns after the first, as (site, place there), when read
        self._rest: list[tuple[int, int]] | None = None

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> Callable[[], Plan | None]: ...

    @overload
    def __getitem__(self, i: slice) -> list[Callable[[], Plan | None]]: ...

    def __getitem__(self, i: int | slice) -> Callable[[], Plan | None] | list[Callable[[], Plan | None]]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError(i)
        if i < len(self._laws):
            start, _, law = self._laws[i]
            s = self._first_sites()[start][law]
            j = self._sites[s][2].index(law)
        else:
            s, j = self._later()[i - len(self._laws)]
        make, found, _ = self._sites[s]
        return partial(make, found[j])

    def __iter__(self) -> Iterator[Callable[[], Plan | None]]:
        return (self[i] for i in range(self._len))

    def _first_sites(self) -> dict[int, dict[int, int]]:
        """The first site of each kind (by its first site) naming each law, by law."""
        if self._first is None:
            self._first = {}
            sites = self._sites
            for start, end in self._ranges:
                ids = itertools.chain.from_iterable([sites[s][2] for s in range(start, end)])
                at = itertools.chain.from_iterable([itertools.repeat(s, len(sites[s][2])) for s in range(start, end)])
                # reversed: the first site naming a law is the one the dict keeps
                self._first[start] = dict(zip(reversed(list(ids)), reversed(list(at))))
        return self._first

    def _later(self) -> list[tuple[int, int]]:
        """The places of every turn after the first, in order."""
        if self._rest is None:
            places: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for start, end in self._ranges:
                for s in range(start, end):
                    for j, law in enumerate(self._sites[s][2]):
                        places.setdefault((start, law), []).append((s, j))
            lists = [places[start, law][1:] for start, _, law in self._laws]
            self._rest = [p for turn in itertools.zip_longest(*lists) for p in turn if p is not None]
        return self._rest


def _interleave(groups: list[list[Any]], visit: Callable[[Any], Iterator[Mutant]]) -> Iterator[Mutant]:
    """The mutants of `visit` of each item of some groups, each group's items visited in
    order, one at a time, the groups taking turns so that each has always started about the
    same fraction of its items: the next mutant comes from the group whose fraction (with
    the visit it is in, or the one it would start) is least, ties going to the group that
    gave the fewest mutants, then to the first. Any stretch of the output so holds the groups
    in proportion to their sizes, wherever it is taken; groups of one item take turns mutant
    by mutant.

    >>> " ".join(_interleave([["a", "b", "c", "d"], ["x", "y"]], lambda s: iter([s + "1", s + "2"])))
    'a1 a2 x1 x2 b1 b2 c1 c2 y1 y2 d1 d2'
    """
    visits: list[Iterator[Mutant] | None] = [None] * len(groups)
    started = [0] * len(groups)
    heap = [(1 / len(g), 0, k) for k, g in enumerate(groups) if g]
    heapq.heapify(heap)
    while heap:
        _, rows, k = heapq.heappop(heap)
        g, it = groups[k], visits[k]
        if it is None:  # this group's turn to start its next item
            it = visits[k] = visit(g[started[k]])
            started[k] += 1
        m = next(it, None)
        if m is not None:
            yield m
            heapq.heappush(heap, (started[k] / len(g), rows + 1, k))
        elif started[k] < len(g):
            visits[k] = None
            heapq.heappush(heap, ((started[k] + 1) / len(g), rows, k))

"""Regularized (aging) evolution of programs for a Pareto front of (max error, cost).

The initial population holds random programs, generic shapes and (``seeds="classical"``)
every baseline of :mod:`.baselines` and the classical seeds of :mod:`.seeds`; the best
seed of each cost is kept apart (``seed_best``) so that the report can say what
evolution added.

Each generation draws ``batch`` parents by tournament — a sample of the population, an op
budget drawn at random (half the time the maximum), the sample's lowest-error program
within the budget wins — mutates them, evaluates the children and replaces the oldest
members of the population. The archive keeps the best program found at each cost.

Evaluating a child: (1) exact duplicates of an earlier program (same structure and
constants), and programs of a shape refitted before (same structure, any constants),
take its result; (2) otherwise its rational core is refitted by linear algebra
(:mod:`.refit`), or, when it has none within the op budget, its constants are fitted
quickly (least squares); the fitted function is hashed (:mod:`.fhash`); (3) functions seen
before take the recorded error; (4) new functions are polished towards minimax (Lawson)
and their error is measured on a check grid (or in float32 ULPs in float32 mode).
Evaluations run on the execution layer (`gl.execution`: in process, or on Ray workers with
`--workers N` / `--ray ADDRESS`); results do not depend on where they ran.

The whole state (population, archive, caches, random generator) is saved as JSON, so a
run stopped by its limits, Ctrl-C or SIGTERM resumes exactly where it stopped:
``run(generations=6)`` equals ``run(generations=3)``, save, load, ``run(generations=6)``.

>>> evo = Evolution(Config("exp", interval=(0.0, 1.0), max_ops=4, population=8, batch=4))
>>> evo.run(generations=2)
'generations'
>>> min(e.error for e in evo.front()) < 1e-2
True
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from gl.errors import InputError
from gl.execution import Execution
from mpl_lang.inputs import InputFileError, read_json

from .baselines import baseline_programs
from .fhash import Probes
from .fit import Grid, fit, max_error
from .measure import float32_points, singular_error, ulp_error32
from .mutate import mutate, random_program, seed_programs
from .program import BINARY, Program, cost, structure_key
from .refit import refit
from .seeds import classical_seeds
from .targets import ERRORS, Target, resolve_target

CHECKPOINT_FORMAT = "gl.autonumerics.checkpoint/3"


@dataclass(frozen=True)
class Config:
    """Everything that determines a run (together with its generation count)."""

    function: str = "exp2"
    reference: str | None = None
    interval: tuple[float, float] = (0.0, 1.0)
    max_ops: int = 10
    seed: int = 0
    population: int = 100
    tournament: int = 10
    batch: int = 16
    fma_cost: int = 2
    use_fma: bool = True
    float32: bool = False
    fit_points: int = 96
    check_points: int = 512
    quick_iterations: int = 60
    polish_iterations: int = 150
    lawson_rounds: int = 4
    seeds: str = "classical"
    error: str = "rel"

    def __post_init__(self) -> None:
        a, b = self.interval
        if not (math.isfinite(b - a) and a < b):  # an infinite width is no grid
            raise InputError(f"bad interval [{a}, {b}]", "--interval")
        if self.error not in ERRORS:
            raise InputError(f"error must be rel or abs, not {self.error!r}", "--error")
        if self.seeds not in ("classical", "generic"):
            raise InputError(f"seeds must be classical or generic, not {self.seeds!r}",
                             "--seeds")
        if self.max_ops < 1 or self.population < 2 or self.batch < 1 or self.tournament < 1:
            raise InputError("max-ops, batch and tournament must be >= 1, population >= 2",
                             "options")

    @property
    def ops(self) -> tuple[str, ...]:
        """The operations mutations may introduce."""
        return (*BINARY, "fma") if self.use_fma else BINARY

    def to_json(self) -> dict:
        """A JSON-able dict."""
        d = asdict(self)
        d["interval"] = list(self.interval)
        return d

    @staticmethod
    def from_json(d: dict) -> Config:
        """Inverse of :meth:`to_json`."""
        d = dict(d)
        d["interval"] = tuple(d["interval"])
        return Config(**d)


@dataclass
class Entry:
    """A program in the population or the archive, with its lineage: ``origin`` names the
    initial program it descends from (a seed's name, or "random"), ``depth`` counts the
    mutations since."""

    id: int
    born: int
    program: Program
    cost: int
    error: float
    origin: str = "random"
    depth: int = 0

    def to_json(self) -> dict:
        """A JSON-able dict (an infinite error is written as null)."""
        return {"id": self.id, "born": self.born, "program": self.program.to_json(),
                "cost": self.cost, "error": _enc(self.error), "origin": self.origin,
                "depth": self.depth}

    @staticmethod
    def from_json(d: dict) -> Entry:
        """Inverse of :meth:`to_json`."""
        return Entry(d["id"], d["born"], Program.from_json(d["program"]), d["cost"],
                     _dec(d["error"]), d["origin"], d["depth"])


@dataclass
class Stats:
    """Counters: children made, exact and functional cache hits, fits and polishes run."""

    children: int = 0
    exact_hits: int = 0
    functional_hits: int = 0
    fits: int = 0
    polishes: int = 0

    @property
    def hit_rate(self) -> float:
        """Fraction of children whose evaluation a cache answered."""
        return (self.exact_hits + self.functional_hits) / self.children if self.children else 0.0


# --- per-process evaluation context ---------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    target: Target
    fit_grid: Grid
    check_grid: Grid
    probes: Probes
    x32: np.ndarray | None
    ref32: np.ndarray | None


def config_target(config: Config) -> Target:
    """The target of a run, with its kind of error."""
    return resolve_target(config.function, config.reference, config.error)


@cache
def _context(config: Config) -> _Context:
    target = config_target(config)
    fit_grid = Grid.chebyshev(target, config.interval, config.fit_points)
    n = config.check_points
    xs = np.unique(np.concatenate([Grid.chebyshev(target, config.interval, n // 2, False).x,
                                   np.linspace(*config.interval, n - n // 2)]))
    check = Grid.at(target, xs)
    x32 = ref32 = None
    if config.float32:
        x32 = float32_points(config.interval, 4 * n)
        ref32 = target.f(x32.astype(np.float64))
    return _Context(target, fit_grid, check, Probes.make(target, config.interval), x32, ref32)


def _fit_job(config: Config, job: tuple[list, int]) -> tuple[list, float, str, bool]:
    """The refit of a program's rational core (:mod:`.refit`) when it has one whose
    continued fraction is within the op budget, else a quick fit (``iterations`` steps);
    returns the fitted program (JSON), its fit-grid error and hash, and whether it is a
    refit (which depends on the program's shape alone, not on its constants). A task of `Execution.map` (the config is
    shared by the generation's tasks)."""
    program, iterations = job
    ctx = _context(config)
    p = Program.from_json(program)
    q = refit(p, ctx.fit_grid)
    refitted = q is not None and cost(q, config.fma_cost) <= config.max_ops
    if refitted:
        e = max_error(q, ctx.fit_grid)
    else:       # no rational core, or its continued fraction costs too much
        q, e = fit(p, ctx.fit_grid, iterations=iterations, snap=False)
    return q.to_json(), _enc(e), ctx.probes.hash(q, cost(q, config.fma_cost)), refitted


def _polish_job(config: Config, program: list) -> tuple[list[float], float]:
    """Minimax polish; returns constants and the check error (float32 ULPs in float32 mode)."""
    ctx = _context(config)
    p = Program.from_json(program)
    q, _ = fit(p, ctx.fit_grid, iterations=config.polish_iterations,
               lawson_rounds=config.lawson_rounds)
    if config.float32:
        e = float(ulp_error32(q, ctx.x32, ctx.ref32).max())
    else:
        e = max(max_error(q, ctx.check_grid), singular_error(q, ctx.target, ctx.check_grid.x))
    return q.constants(), _enc(e)


#: runs a job function on every job of a list, the results in job order
Runner = Callable[[Callable, list], list]


# --- the search -------------------------------------------------------------------------------

@dataclass
class Evolution:
    """A regularized-evolution search; see the module docstring."""

    config: Config
    generation: int = 0
    elapsed: float = 0.0
    cpu: float = 0.0
    population: list[Entry] = field(default_factory=list)
    archive: dict[int, Entry] = field(default_factory=dict)
    seed_best: dict[int, Entry] = field(default_factory=dict)
    exact: dict[str, tuple[list, str]] = field(default_factory=dict)
    functional: dict[str, float] = field(default_factory=dict)
    stats: Stats = field(default_factory=Stats)
    history: list[dict] = field(default_factory=list)
    next_id: int = 0
    rng: np.random.Generator | None = None
    _stop: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        if self.rng is None:
            self.rng = np.random.default_rng(self.config.seed)

    # -- running

    def run(self, *, generations: int | None = None, minutes: float | None = None,
            execution: Execution | None = None, progress: Callable[[str], None] | None = None,
            checkpoint: Path | None = None, checkpoint_every: float = 60.0,
            until: float | None = None) -> str:
        """Run until ``generations`` generations or ``minutes`` of search in total (both
        count earlier sessions of a resumed run), until the best error (at any cost within
        the budget) is at most ``until``, or Ctrl-C / SIGTERM; the stop is clean (the
        generation under way finishes). Returns "generations", "time", "error" or
        "interrupted". Saves a checkpoint at the end and every ``checkpoint_every`` s.
        Each generation's fits and polishes are tasks on ``execution`` (default: this
        process); the run is the same wherever they ran."""
        ex = execution or Execution()
        config = self.config

        def runner(fn: Callable, jobs: list) -> list:
            return list(ex.map(fn, jobs, shared=config))

        start, base = time.monotonic(), self.elapsed
        cpu_start, cpu_base = time.process_time(), self.cpu
        last_save = last_report = time.monotonic()
        best_seen = self._best_line()
        reason = "interrupted"
        self._stop = False
        with self._signals():
            while not self._stop:
                if generations is not None and self.generation >= generations:
                    reason = "generations"
                    break
                if minutes is not None and self.elapsed >= minutes * 60:
                    reason = "time"
                    break
                if until is not None and self.front() and self.front()[-1].error <= until:
                    reason = "error"
                    break
                seen = len(self.history)
                self.step(runner)
                self.elapsed = base + time.monotonic() - start
                self.cpu = cpu_base + time.process_time() - cpu_start
                for h in self.history[seen:]:     # improvements known when the step ends
                    h["elapsed"], h["cpu"] = round(self.elapsed, 3), round(self.cpu, 3)
                now = time.monotonic()
                line = self._best_line()
                if progress and (line != best_seen or now - last_report > 10):
                    progress(self.progress_line())
                    best_seen, last_report = line, now
                if checkpoint and now - last_save > checkpoint_every:
                    self.save(checkpoint)
                    last_save = now
        if checkpoint:
            self.save(checkpoint)
        return reason

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        """First Ctrl-C / SIGTERM: finish the generation and stop; second: stop now."""
        def handler(signum: int, frame: object) -> None:
            if self._stop:
                raise KeyboardInterrupt
            self._stop = True

        try:
            old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
        except ValueError:          # not the main thread: no handlers
            yield
            return
        try:
            yield
        finally:
            for s, h in old.items():
                signal.signal(s, h)

    def step(self, runner: Runner) -> None:
        """One generation: the initial population first, then a batch of children."""
        c = self.config
        iterations = c.quick_iterations
        if not self.population:
            # youngest last: when seeds outnumber the population, random programs age out
            # first, then baselines, classical seeds, the generic shapes last
            named = []
            if c.seeds == "classical":
                ctx = _context(c)
                # every baseline enters: the front starts at least as good as each of them
                named += [(f"baseline: {fam} {label}", p) for fam, label, p in
                          baseline_programs(ctx.target, c.interval, c.max_ops, c.fma_cost)]
                named += [(f"seed: {s.name}", s.program) for s in
                          classical_seeds(ctx.target, c.interval, c.max_ops, c.fma_cost)]
            named += [(f"seed: {n}", p) for n, p in seed_programs(c.seeds == "classical")]
            named = [(n, p) for n, p in named if cost(p, c.fma_cost) <= c.max_ops]
            randoms = [("random", random_program(self.rng, c.max_ops, c.ops, c.fma_cost))
                       for _ in range(max(0, c.population - len(named)))]
            named = randoms + named
            lineage = [(n, -1) for n, _ in named]
            programs = [p for _, p in named]
            iterations *= 5             # generic seeds start far off: fit them well
        else:
            parents = [self._select() for _ in range(c.batch)]
            programs = [mutate(e.program, self.rng, c.max_ops, c.ops, c.fma_cost)
                        for e in parents]
            lineage = [(e.origin, e.depth) for e in parents]
        entries = self._evaluate(programs, runner, iterations, lineage)
        if not self.population:
            for e in entries:
                best = self.seed_best.get(e.cost)
                if e.origin.startswith("seed:") and e.error < (best.error if best else math.inf):
                    self.seed_best[e.cost] = e
        self.population.extend(entries)
        del self.population[: max(0, len(self.population) - c.population)]
        self.generation += 1

    def _select(self) -> Entry:
        c, rng = self.config, self.rng
        if self.archive and rng.random() < 0.1:
            costs = sorted(self.archive)
            return self.archive[costs[int(rng.integers(len(costs)))]]
        idx = rng.choice(len(self.population), size=min(c.tournament, len(self.population)),
                         replace=False)
        budget = c.max_ops if rng.random() < 0.5 else int(rng.integers(1, c.max_ops + 1))
        sample = [self.population[int(i)] for i in idx]
        within = [e for e in sample if e.cost <= budget] or [min(sample, key=lambda e: e.cost)]
        return min(within, key=lambda e: (e.error, e.cost, e.id))

    def _evaluate(self, programs: list[Program], runner: Runner, iterations: int,
                  lineage: list[tuple[str, int]]) -> list[Entry]:
        c = self.config
        keys = [structure_key(p) for p in programs]
        shapes = [structure_key(p, shape=True) for p in programs]
        for k, sh in zip(keys, shapes):
            if k not in self.exact and sh in self.exact:     # refitted shape: same result
                self.exact[k] = self.exact[sh]
        fresh: dict[str, Program] = {}
        first: dict[str, int] = {}          # key -> index of the child that is evaluated
        for i, (k, p) in enumerate(zip(keys, programs)):
            if k not in self.exact and k not in fresh:
                fresh[k], first[k] = p, i
        fit_jobs = [(p.to_json(), iterations) for p in fresh.values()]
        fitted = dict(zip(fresh, runner(_fit_job, fit_jobs)))
        # functional hashing: polish each new function once
        to_polish: dict[str, tuple[str, Program]] = {}
        for k, (prog, _quick, h, _refitted) in fitted.items():
            if h not in self.functional and h not in to_polish:
                to_polish[h] = (k, Program.from_json(prog))
        polish_jobs = [p.to_json() for _, p in to_polish.values()]
        polished = dict(zip(to_polish, runner(_polish_job, polish_jobs)))
        # commit
        new_archive = dict(self.archive)
        for h, (consts, err) in polished.items():
            k, q = to_polish[h]
            self.functional[h] = _dec(err)
            fitted[k] = (q.with_constants(consts).to_json(), fitted[k][1], h, fitted[k][3])
        for k, (prog, _quick, h, refitted) in fitted.items():
            self.exact[k] = (prog, h)
            if refitted:
                self.exact[shapes[first[k]]] = (prog, h)
        entries = []
        for i, k in enumerate(keys):
            prog, h = self.exact[k]
            q = Program.from_json(prog)
            origin, depth = lineage[i]
            e = Entry(self.next_id, self.generation, q, cost(q, c.fma_cost), self.functional[h],
                      origin, depth + 1)
            self.next_id += 1
            entries.append(e)
            self.stats.children += 1
            if first.get(k) != i:
                self.stats.exact_hits += 1
            elif h not in polished or to_polish[h][0] != k:
                self.stats.functional_hits += 1
            else:
                best = new_archive.get(e.cost)
                if e.error < (best.error if best else math.inf):
                    new_archive[e.cost] = e
                    self.history.append({"generation": self.generation,
                                         "children": self.stats.children,
                                         "elapsed": round(self.elapsed, 3),
                                         "cpu": round(self.cpu, 3),
                                         "cost": e.cost, "error": _enc(e.error),
                                         "origin": e.origin, "depth": e.depth})
        self.stats.fits += len(fit_jobs)
        self.stats.polishes += len(polish_jobs)
        self.archive = new_archive
        _trim(self.exact, 50_000)
        return entries

    # -- results

    def front(self) -> list[Entry]:
        """The archive's Pareto front: each entry better than every cheaper one."""
        out: list[Entry] = []
        for k in sorted(self.archive):
            e = self.archive[k]
            if math.isfinite(e.error) and (not out or e.error < out[-1].error):
                out.append(e)
        return out

    def _best_line(self) -> str:
        return " ".join(f"{e.cost}:{e.error:.1e}" for e in self.front())

    def progress_line(self) -> str:
        """One line: generation, children, evaluation rate, cache hit rate, best error per
        cost, elapsed time."""
        s = self.stats
        rate = s.children / self.elapsed if self.elapsed else 0.0
        m, sec = divmod(int(self.elapsed), 60)
        return (f"gen {self.generation:5d} | {s.children} children, {rate:.1f}/s, "
                f"cache hits {100 * s.hit_rate:.0f}% | ops:error {self._best_line()} | "
                f"{m}:{sec:02d}")

    # -- persistence

    def to_json(self) -> dict:
        """The complete state as a JSON-able dict."""
        return {
            "format": CHECKPOINT_FORMAT,
            "config": self.config.to_json(),
            "generation": self.generation,
            "elapsed": self.elapsed,
            "cpu": self.cpu,
            "rng": self.rng.bit_generator.state,
            "next_id": self.next_id,
            "stats": asdict(self.stats),
            "population": [e.to_json() for e in self.population],
            "archive": {str(k): e.to_json() for k, e in sorted(self.archive.items())},
            "seed_best": {str(k): e.to_json() for k, e in sorted(self.seed_best.items())},
            "exact": {k: [v[0], v[1]] for k, v in self.exact.items()},
            "functional": {k: _enc(v) for k, v in self.functional.items()},
            "history": self.history,
        }

    @staticmethod
    def from_json(d: dict, where: str = "checkpoint") -> Evolution:
        """Inverse of :meth:`to_json`; a malformed state raises :class:`InputError`."""
        if not isinstance(d, dict) or d.get("format") != CHECKPOINT_FORMAT:
            raise InputError(f"not a {CHECKPOINT_FORMAT} file", where)
        try:
            rng = np.random.default_rng()
            rng.bit_generator.state = d["rng"]
            return Evolution(
                config=Config.from_json(d["config"]), generation=d["generation"],
                elapsed=d["elapsed"], cpu=d["cpu"],
                population=[Entry.from_json(e) for e in d["population"]],
                archive={int(k): Entry.from_json(e) for k, e in d["archive"].items()},
                seed_best={int(k): Entry.from_json(e) for k, e in d["seed_best"].items()},
                exact={k: (v[0], v[1]) for k, v in d["exact"].items()},
                functional={k: _dec(v) for k, v in d["functional"].items()},
                stats=Stats(**d["stats"]), history=d["history"], next_id=d["next_id"], rng=rng)
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"corrupt checkpoint ({exc.__class__.__name__}: {exc})",
                             where) from None

    def save(self, path: Path) -> None:
        """Write the state to ``path`` atomically."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(self.to_json(), separators=(",", ":")))
        os.replace(tmp, path)

    @staticmethod
    def load(path: Path) -> Evolution:
        """Read a state written by :meth:`save`."""
        try:
            data = read_json(path)
        except InputFileError as exc:
            raise InputError(exc.message, str(exc.loc)) from None
        return Evolution.from_json(data, str(path))


def _enc(e: float) -> float | None:
    return float(e) if math.isfinite(e) else None


def _dec(e: float | None) -> float:
    return math.inf if e is None else float(e)


def _trim(d: dict, limit: int) -> None:
    """Drop the oldest entries of an insertion-ordered dict beyond ``limit``."""
    for k in list(d)[: max(0, len(d) - limit)]:
        del d[k]

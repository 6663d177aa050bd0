"""Exploration on Ray workers (`gl.explore.speculate`, and compression's re-proofs): the
same proofs.json whatever the worker count; a speculative attempt is used exactly where
the serial run gets the same (across a failed attempt, across a proof it assumed or that
is irrelevant to it) and dropped where the library differs from what it assumed.

Ray starts once for the test session (`ray_session`, in test_parallel.py, 2 workers); an
`Execution(workers=3)` joins it with 3 slots (its tasks queue for the 2 CPUs). Workers that
come up late (as when `gl prove --workers N` starts Ray in the background) are an
`Execution` that says it is not up for a while; the background start itself runs in a
process of its own, Ray not running there.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import EXAMPLES, PEANO, ROOT
from test_parallel import ray_session  # noqa: F401  (fixture)

from gl import execution
from gl.core.prover import Prover, Settings
from gl.core.result import Status, TheoremResult
from gl.core.session import load as gl_load
from gl.execution import Execution
from gl.explore import ExploreConfig, explore
from gl.explore.conjecture import Conjecture
from gl.explore.proving import ALL_METHODS
from gl.explore.speculate import Ahead, Speculator, speculating
from mpl_lang import load, parse_expr

compression = importlib.import_module("gl.explore.compress")
proving = importlib.import_module("gl.explore.proving")  # the module (`gl.explore.compress` is the function)

SMALL = ExploreConfig(max_term_size=3, up_to=3, compute_to=3)


def conj(name: str, text: str) -> Conjecture:
    return Conjecture(name, parse_expr(text), "explored", 0)


ADD_ZERO = conj("add_zero", "(>[a](in[a,N])(in3[i0,a,a,+]))")
ADD_COMM = conj("add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")  # needs more than add_zero: fails
MUL_ZERO = conj("mul_zero", "(>[a](in[a,N])(in3[i0,a,i0,*]))")  # its rules are of `*`: none for a claim of `+`


@pytest.fixture(scope="module")
def serial_small(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """proofs.json of a small Peano exploration in process (two failures, each asking for
    a calculated lemma)."""
    return explore(gl_load(PEANO), config=SMALL).write(tmp_path_factory.mktemp("serial")).read_bytes()


@pytest.mark.parametrize("workers", [2, 3])
def test_exploration_on_workers_proves_the_same(ray_session: Execution, serial_small: bytes, tmp_path: Path,  # noqa: F811
                                                workers: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # any stage is worth a job on the running Ray: what is sent does not depend on the
    # machine's speed (a quiet machine ran the small stage in less than the 0.6 s it asks)
    monkeypatch.setitem(execution.RAY_COST_S, "running", 0.0)
    with Execution(workers=workers) as ex, speculating(ex) as tally:
        parallel = explore(gl_load(PEANO), config=SMALL)
    assert parallel.write(tmp_path).read_bytes() == serial_small
    # a failure's lemma ran ahead on a worker and was used; every attempt sent is accounted for
    assert tally.used >= 1 and tally.sent == tally.used + tally.dropped


@dataclass
class _Late(Execution):
    """The running Ray, said not to be up for the first `refused` times it is asked."""

    refused: int = 0

    def ready(self) -> bool:
        self.refused -= 1
        return self.refused < 0 and super().ready()


def test_workers_coming_up_late_change_nothing_on_another_theory(ray_session: Execution, tmp_path: Path,  # noqa: F811
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The mirrored definitions (recursion on the other argument), in process and with the
    workers up only from the second attempt on (and any stage worth a job once they are:
    what is sent does not depend on the machine's speed): the same proofs.json."""
    monkeypatch.setitem(execution.RAY_COST_S, "running", 0.0)
    serial = explore(gl_load(EXAMPLES / "peano_mirrored"), config=SMALL).write(tmp_path / "serial").read_bytes()
    late = _Late(workers=2, refused=4)
    with late as ex, speculating(ex) as tally:
        parallel = explore(gl_load(EXAMPLES / "peano_mirrored"), config=SMALL)
    assert parallel.write(tmp_path / "late").read_bytes() == serial
    assert late.refused < 0 and tally.sent >= 1 and tally.sent == tally.used + tally.dropped


_EARLY = """
import sys, time
from gl import execution
from gl.execution import Execution
with Execution(workers=2) as ex:
    ex.start_early()
    t0, n = time.perf_counter(), 0
    while not ex.ready() and time.perf_counter() - t0 < 300:
        n += sum(range(10_000))  # the driver's own work meanwhile (it holds the GIL)
    time.sleep(1)  # Ray's processes outlive what started them
    print(list(ex.map(pow, [2, 3, 4], shared=2)), ex.ready(), n > 0)
"""


def test_ray_started_in_the_background_serves_the_jobs_after_it() -> None:
    r = subprocess.run([sys.executable, "-c", _EARLY], capture_output=True, text=True, cwd=ROOT, timeout=400)
    assert r.returncode == 0 and r.stdout.strip() == "[4, 8, 16] True True", r.stderr[-2000:]


_FAILED = """
import time
from gl.execution import Execution
with Execution(address="127.0.0.1:1") as ex:
    ex.start_early()
    print(ex.ready())
    until = time.monotonic() + 30  # a refused connection: at once
    while ex.start_error is None and time.monotonic() < until:
        time.sleep(0.05)
    print(ex.ready(), ex.start_error, ex.worth_it(2, 1.0))  # a job of 1 s stays in process
"""


def test_a_background_start_that_fails_says_why_and_nothing_waits_for_it() -> None:
    """(In a process of its own: in this one Ray runs, and an `Execution` uses it.)"""
    r = subprocess.run([sys.executable, "-c", _FAILED], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.stdout.splitlines() == [
        "False", "False --ray 127.0.0.1:1: cannot reach the Ray cluster at 127.0.0.1:1 (Connection refused) False"
    ], r.stderr[-2000:]


def _serially(sequence: list[Conjecture]) -> list[TheoremResult]:
    prover, out = Prover(load(PEANO / "peano.mpl")), []
    for c in sequence:
        out.append(prover.prove(c.name, c.statement, c.origin, methods=ALL_METHODS, effort=0, wider=False))
        if out[-1].proved:
            prover.accept(out[-1])
    return out


@pytest.mark.parametrize("sequence, ahead, counts", [
    # add_comm fails while add_zero is attempted ahead: a failure proves nothing, so it is used
    ([ADD_COMM, ADD_ZERO], Ahead(ADD_ZERO, 0, False), (1, 1, 0)),
    # add_zero, proved meanwhile, may help add_comm: the result from before it is dropped
    ([ADD_ZERO, ADD_COMM], Ahead(ADD_COMM, 0, False), (1, 0, 1)),
    # ... unless it was attempted with add_zero assumed proved
    ([ADD_ZERO, ADD_COMM], Ahead(ADD_COMM, 0, False, (ADD_ZERO,)), (1, 1, 0)),
    # it assumed add_comm proved, which failed: dropped
    ([ADD_COMM, ADD_ZERO], Ahead(ADD_ZERO, 0, False, (ADD_COMM,)), (1, 0, 1)),
    # the theorem proved just before reaches every block of the next attempt (`Grid.broadcast`),
    # relevant or not: mul_zero proved meanwhile drops it
    ([MUL_ZERO, ADD_ZERO], Ahead(ADD_ZERO, 0, False), (1, 0, 1)),
    # ... but not after a failed attempt between: mul_zero gives add_zero's blocks no rule, used
    ([MUL_ZERO, ADD_COMM, ADD_ZERO], Ahead(ADD_ZERO, 0, False), (1, 1, 0)),
    # asked for with another effort: another attempt, dropped
    ([ADD_COMM, ADD_ZERO], Ahead(ADD_ZERO, 1, False), (1, 0, 1)),
    # sent with nothing assumed, then wanted with add_comm assumed proved, which fails (again):
    # the attempt on its way stays, and is used
    ([ADD_COMM, ADD_COMM, ADD_ZERO], (Ahead(ADD_ZERO, 0, False), Ahead(ADD_ZERO, 0, False, (ADD_COMM,))), (1, 1, 0)),
    # two attempts ahead, a chain: add_zero assumed proved before the attempt just before it
    # (cycled into the grid by mul_zero's attempt), mul_zero just before (its news): used
    ([ADD_ZERO, MUL_ZERO, ADD_COMM], Ahead(ADD_COMM, 0, False, (ADD_ZERO, MUL_ZERO), cycled=1), (1, 1, 0)),
    # ... but add_zero's rules were not news to the blocks the serial run gave: dropped
    ([ADD_ZERO, MUL_ZERO, ADD_COMM], Ahead(ADD_COMM, 0, False, (ADD_ZERO, MUL_ZERO)), (1, 0, 1)),
    # ... and add_zero proved after the attempt it assumed it before: dropped
    ([MUL_ZERO, ADD_ZERO, ADD_COMM], Ahead(ADD_COMM, 0, False, (ADD_ZERO, MUL_ZERO), cycled=1), (1, 0, 1)),
])
def test_a_speculative_attempt_is_used_only_where_the_serial_run_gets_the_same(
        ray_session: Execution, sequence: list[Conjecture], ahead: Ahead | tuple[Ahead, ...],  # noqa: F811
        counts: tuple[int, int, int]) -> None:
    outlooks = ahead if isinstance(ahead, tuple) else (ahead,)  # what each attempt wants ahead, from the first on
    theory = load(PEANO / "peano.mpl")
    prover, got = Prover(theory), []
    with Execution(workers=2) as ex, speculating(ex) as tally:
        spec = Speculator.of(prover)
        spec.started -= 10.0  # as if the stage had run 10 s: long enough to speculate on a running Ray
        for n, c in enumerate(sequence):
            got.append(spec.prove(c, 0, False, ALL_METHODS, None, lambda n=n: list(outlooks[n:n + 1])))
            if got[-1].proved:
                prover.accept(got[-1])
        spec.close()
    want = _serially(sequence)
    assert [r.proved for r in want] == [c is not ADD_COMM for c in sequence]
    assert [r.to_json() for r in got] == [r.to_json() for r in want]
    assert (tally.sent, tally.used, tally.dropped) == counts


class _Schedule:
    """A schedule under which every conjecture is due, at effort 0, not wider; a lemma a
    failure asks for at effort 1."""

    def due(self, c: Conjecture) -> bool:
        return True

    def effort(self, c: Conjecture) -> int:
        return 0

    def wider(self, c: Conjecture) -> bool:
        return False

    def asked_attempt(self, c: Conjecture, short: frozenset[str]) -> tuple[int, bool]:
        return 1, "witnesses" in short


def test_ahead_goes_to_what_a_failure_asks_for_then_to_the_level_then_to_calculated_lemmas() -> None:
    spec = Speculator(Execution(), Prover(load(PEANO / "peano.mpl")))
    c, later, stuck, other, calculated = (conj(n, "(in[i0,N])") for n in ("c", "later", "stuck", "other", "calc"))
    next(spec.watch(iter([[c, later]])))
    ahead = list(spec.ahead(c, _Schedule(), stuck=[stuck, other], calculated=[calculated, stuck]))
    assert [(a.conjecture.name, a.effort, a.assumed) for a in ahead] == [
        ("stuck", 1, ()), ("other", 1, ()), ("later", 0, (c,)), ("calc", 1, ())]
    spec.short = frozenset({"witnesses"})  # the guess follows the stage's last failure
    assert [(a.conjecture.name, a.wider) for a in list(spec.ahead(c, _Schedule(), stuck=[stuck]))] == [
        ("stuck", True), ("later", False)]


def _stub(name: str, text: str, cites: tuple[str, ...] = ()) -> TheoremResult:
    r = TheoremResult(name, parse_expr(text), "explored", Status.PROVED)
    r.cites = list(cites)
    return r


def test_compression_on_workers_drops_the_same(ray_session: Execution, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    """Six re-proofs, worth sending to a running Ray (`compress.REPROOF_S`). Least used,
    latest first: `a * i0 = i0` (an axiom restated) is dropped first, from the workers'
    re-proof; the others' held it, so they are made again here."""
    proved = [_stub("add_zero_left", "(>[a](in[a,N])(in3[i0,a,a,+]))"),
              _stub("add_succ_left", "(>[a,b,c,d,e](&(in3[a,b,c,+])(in2[c,d,s])(in2[a,e,s]))(in3[e,b,d,+]))"),
              _stub("add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))", ("add_zero_left", "add_succ_left")),
              _stub("add_assoc", "(>[a,b,c,d,e,f](&(in3[a,b,d,+])(in3[d,c,e,+])(in3[b,c,f,+]))(in3[a,f,e,+]))"),
              _stub("add_zero_right", "(>[a](in[a,N])(in3[a,i0,a,+]))"),
              _stub("mul_zero_right", "(>[a](in[a,N])(in3[a,i0,i0,*]))")]
    theory = load(PEANO / "peano.mpl")
    serial = compression.compress(proved, theory, Settings())
    local = []
    prove = Prover.prove
    monkeypatch.setattr(Prover, "prove", lambda self, name, *a, **k: local.append(name) or prove(self, name, *a, **k))
    with Execution(workers=2) as ex:
        assert compression.compress(proved, theory, Settings(), ex) == serial
    assert list(serial)[:2] == ["mul_zero_right", "add_zero_right"]
    assert local == [t.name for t in proved if t.name != "mul_zero_right"][::-1]



class _Foretelling:
    """A speculator that attempts everything here, each attempt after asking what its
    stage would attempt next under either outcome (`ProvingStage.following`)."""

    last: _Foretelling | None = None  # the one made last (`of`)
    short = frozenset({"cycles"})

    def __init__(self, prover: Prover) -> None:
        self.prover = prover
        self.made: list[tuple[str, int, bool]] = []  # the attempts, as the speculator's keys
        #: what each foretold next, if it proves and if it fails (None: nothing)
        self.foretold: list[dict[bool, tuple[str, int, bool] | None]] = []
        self.chains: list[list[Ahead]] = []  # what each foretold on the likelier outcomes
        self.proved: list[bool] = []

    @classmethod
    def of(cls, prover: Prover) -> _Foretelling:
        cls.last = cls(prover)
        return cls.last

    def watch(self, levels: Iterator[list[Conjecture]]) -> Iterator[list[Conjecture]]:
        return levels

    def ahead(self, c: Conjecture, schedule: object, stuck: object = (), calculated: object = (),
              following: Iterable[Ahead] = ()) -> dict[bool, tuple[str, int, bool] | None]:
        nexts = list(following)
        self.chains.append([nexts[0], *nexts[0].then] if nexts else [])
        told = {bool(a.assumed): a.key for a in nexts}
        return {proved: told.get(proved) for proved in (True, False)}

    def prove(self, c: Conjecture, effort: int, wider: bool, methods: tuple[str, ...], deadline: float | None,
              outlook: Callable[[], dict[bool, tuple[str, int, bool] | None]]) -> TheoremResult:
        self.foretold.append(outlook())
        self.made.append((c.name, effort, wider))
        r = self.prover.prove(c.name, c.statement, c.origin, deadline=deadline, methods=methods, effort=effort,
                              wider=wider)
        self.proved.append(r.proved)
        return r

    def close(self) -> None:
        pass


def test_a_fork_of_the_stage_says_the_next_attempt_under_either_outcome_and_changes_nothing(
        serial_small: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After every proof of the small Peano exploration the stage's next attempt is the one
    its fork foretold for a proof, after every failure the one foretold for a failure
    (its budgets guessed right here), and the proofs are the same bytes (the forks share
    only the selector's memory with the stage)."""
    monkeypatch.setattr(proving, "Speculator", _Foretelling)
    assert explore(gl_load(PEANO), config=SMALL).write(tmp_path).read_bytes() == serial_small
    stage = _Foretelling.last
    assert stage is not None
    made = [*stage.made[1:], None]
    after = [(told[proved], actual) for told, proved, actual in zip(stage.foretold, stage.proved, made)]
    assert stage.proved.count(True) >= 3 and stage.proved.count(False) >= 2
    assert all(guess == actual for guess, actual in after), after


def _guessed(a: Ahead, before: list[str]) -> list[bool]:
    """The outcomes `a` assumed for the attempts at `before` (in order): proved when the
    next it assumed proved is the one."""
    names, out = [o.name for o in a.assumed], []
    for name in before:
        out.append(bool(names) and names[0] == name)
        names = names[out[-1]:]
    return out


def test_a_fork_foretells_the_chain_of_attempts_that_its_guessed_outcomes_lead_to(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each attempt of the Peano exploration foretells the next ones, each on the likelier
    outcome of the one before: wherever the outcomes came as guessed, the stage made the
    attempts foretold (`mul_assoc`'s retry among them, foretold as its failure began)."""
    monkeypatch.setattr(proving, "Speculator", _Foretelling)
    explore(gl_load(PEANO))
    stage = _Foretelling.last
    assert stage is not None
    checked = []
    for i, chain in enumerate(stage.chains):
        for k, a in enumerate(chain):
            before = [stage.made[i][0], *(b.conjecture.name for b in chain[:k])]
            if [b.key for b in chain[:k]] == stage.made[i + 1:i + k + 1] \
                    and _guessed(a, before) == stage.proved[i:i + k + 1]:
                assert a.key == (stage.made[i + k + 1] if i + k + 1 < len(stage.made) else None), (i, k)
                assert a.cycled == len(a.assumed) - stage.proved[i + k]
                checked.append((stage.made[i], a.key))
    assert len(checked) >= 2 * len(stage.made) and (("mul_assoc", 0, True), ("mul_assoc", 1, False)) in checked

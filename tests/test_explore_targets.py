"""Exploration toward stated targets (`ExploreConfig.until_targets`, `gl prove
--until-targets`): a target is tried at once, before the incubator; the run's time limit
holds inside the incubator and the enumeration; a target not proved yet never hides
another conjecture from selection, and what it needs is attempted.

Real TIP problems (written here, imported by mpl_lang.tip), real prover and checker.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from gl.checker.check import check_file
from gl.core.result import TheoremResult
from gl.core.session import load
from gl.explore import ExploreConfig, explore
from gl.explore.conjecture import Conjecture
from gl.explore.enumeration import TermEvaluator, enumerate_conjectures
from gl.explore.progress import Attempted, IncubatorStarted, Stopped
from gl.explore.schedule import Schedule
from gl.explore.stages import Exploration
from gl.incubator import incubate, numeral_chain
from gl.recursion import definitions
from gl.signature import signature
from mpl_lang import parse_expr

NAT = "(declare-datatype Nat ((Z) (S (p Nat))))\n"
MINUS = ("(define-fun-rec -2 ((x Nat) (y Nat)) Nat (match x ((Z Z) ((S z) (match y "
         "((Z x) ((S x2) (-2 z x2))))))))\n")
PLUS = "(define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))\n"
MAX = ("(define-fun-rec max ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (match y "
       "((Z x) ((S x2) (S (max z x2)))))))))\n")
UNTIL = ExploreConfig(until_targets=True)


def problem(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "p.smt2"
    path.write_text(NAT + text, encoding="utf-8")
    return path


def run_with_events(path: Path, timeout: float | None, config: ExploreConfig = UNTIL):
    events: list = []
    return explore(load(path), timeout=timeout, progress=events.append, config=config), events


def test_a_target_that_needs_no_lemma_is_proved_before_the_incubator(tmp_path):
    path = problem(tmp_path, MINUS + PLUS + "(prove (forall ((n Nat) (m Nat)) (= (-2 n (+2 n m)) Z)))\n")
    run, events = run_with_events(path, 30)
    assert [t.name for t in run.proved] == ["goal"]
    assert not any(isinstance(e, IncubatorStarted) for e in events)
    assert events[-1] == Stopped("every target proved")
    out = run.write(tmp_path / "out")
    report = check_file(out)
    assert report.ok and report.accepted == ["goal"]


def test_the_time_limit_holds_inside_the_incubator_and_the_enumeration():
    theory = load("examples/peano").theory
    sig = signature(theory)
    past = time.perf_counter()
    assert incubate(theory, 6, deadline=past).results == []
    inc = incubate(theory, 2)
    ev = TermEvaluator(sig, inc, {numeral_chain(theory, sig)[0]: 0}, ("a", "b", "c"), (0, 1, 2))
    assert enumerate_conjectures(sig, ev, ExploreConfig(), Exploration(), deadline=past) == []
    assert enumerate_conjectures(sig, ev, ExploreConfig(max_term_size=3), Exploration())


def test_an_exploration_stops_near_its_time_limit(tmp_path):
    # without the target tried first, the incubator and the enumeration of the default
    # sizes alone take seconds here
    path = problem(tmp_path, MAX + "(prove (forall ((a Nat) (b Nat)) (= (max a b) (max b a))))\n")
    start = time.perf_counter()
    run, events = run_with_events(path, 0.5, ExploreConfig())
    assert time.perf_counter() - start < 2.0
    assert Stopped("time limit reached") in events
    assert all(t.proved for t in run.theorems if t.origin == "incubator")


def test_a_generalization_of_a_settling_law_is_no_special_case():
    defs = definitions(load("examples/peano").theory)
    schedule = Schedule(4, 4, 3, "s", defs, frozenset({"i0"}))

    def law(name: str, lhs, rhs) -> Conjecture:
        return Conjecture(name, parse_expr("(in[i0,N])"), "explored", 4, (lhs, rhs))

    schedule.proved(law("succ_zero", ("+", ("s", "a"), "i0"), ("s", "a")))
    assert schedule.special(law("special", ("+", ("+", "a", "b"), "i0"), ("+", "a", "b")))
    assert not schedule.special(law("general", ("+", "a", "i0"), "a"))


def test_a_target_has_no_retry_limit():
    defs = definitions(load("examples/peano").theory)
    schedule = Schedule(1, 4, 3, "s", defs, frozenset({"i0"}))
    statement = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
    target = Conjecture("goal", statement, "conjecture", 6, (("+", "a", "b"), ("+", "b", "a")))
    explored = Conjecture("lemma", statement, "explored", 6, target.equation)
    for n in range(3):
        for c in (target, explored):
            schedule.started(c)
            schedule.failed_with(c, TheoremResult(c.name, c.statement))
        schedule.proved(Conjecture(f"zero_{n}", statement, "explored", 4, (("+", "a", "i0"), "a")))
    assert schedule.due(target) and not schedule.due(explored)


def test_a_target_is_retried_first_and_hides_nothing(tmp_path):
    # max(a, b) = max(b, a) needs max(a, Z) = a, which used to wait behind the goal
    # (its instance max(a, Z) = max(Z, a) was selected in its place) and behind
    # max(S(a), Z) = S(a) (counted as settling it)
    path = problem(tmp_path, MAX + "(prove (forall ((a Nat) (b Nat)) (= (max a b) (max b a))))\n")
    run, events = run_with_events(path, 60)
    assert "goal" in {t.name for t in run.proved}
    results = [e.result for e in events if isinstance(e, Attempted)]
    names = [r.name for r in results]
    assert names[0] == "goal" and names.count("goal") > 1
    # max(a, Z) = a, what the base case b = Z leaves, is attempted first (generalize.base_cases)
    # and is all the goal needs: it is retried at once, and proved; max(Z, a) = a is an
    # axiom's equation, known without an attempt
    assert [r.name for r in results if r.proved] == ["max_zero_right", "goal"] and "max_zero_left" not in names
    assert results[-1].name == "goal" and results[-1].proved
    report = check_file(run.write(tmp_path / "out"))
    assert report.ok and "goal" in report.accepted


def test_what_a_run_proves_does_not_depend_on_the_clock(tmp_path, monkeypatch):
    """Two runs toward a target that needs lemmas and retries, the second on a clock that
    advances a second each time it is read (a very slow machine), give byte-identical
    proofs.json: every decision counts work (cycles, steps, attempts), and only a time
    limit (none here) reads the clock."""
    path = problem(tmp_path, MAX + "(prove (forall ((a Nat) (b Nat)) (= (max a b) (max b a))))\n")
    first, _ = run_with_events(path, None)
    ticks = itertools.count()
    monkeypatch.setattr(time, "perf_counter", lambda: float(next(ticks)))
    second, _ = run_with_events(path, None)
    monkeypatch.undo()
    texts = [run.write(tmp_path / "out").read_bytes() for run in (first, second)]
    assert "goal" in {t.name for t in first.proved} and texts[0] == texts[1]

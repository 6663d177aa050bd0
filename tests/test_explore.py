"""Autonomous exploration: the full Peano run (`gl prove examples/peano`: the six laws,
checked), and on a small budget stages, soundness canaries, checker, compression,
determinism, limits and the CLI's `--elements`. No test depends on the machine's speed:
limits are budgets of work (timings belong to benchmarks/)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import partial

import pytest
from click.testing import CliRunner
from conftest import PEANO, ROOT
from helpers.explore import explored

import gl
import gl.explore
from gl.checker.check import check_file
from gl.cli.prove import prove
from gl.core.prover import Prover, Settings
from gl.explore import ExploreConfig, explore
from gl.explore.progress import Attempted, IncubatorDone, IncubatorStarted, PoolReady, Stopped
from gl.explore.proving import axiom_equations
from gl.incubator import incubate
from gl.laws import LAW_NAMES, named_law
from mpl_lang import load, parse_module

SMALL = ExploreConfig(max_term_size=3, up_to=3, compute_to=3)  # no values computed past the proved ones

CANARIES = parse_module("""
conjecture fake_add_is_mul := (>[a,b,c](in3[a,b,c,+])(in3[a,b,c,*]))
conjecture fake_succ_fixed := (>[a,b](in2[a,b,s])(=[a,b]))
conjecture fake_double := (>[a,b](in3[a,a,b,+])(in3[a,a,b,*]))
conjecture fake_mul_left_id := (>[a,b,c](in3[a,b,c,*])(=[c,a]))
conjecture untyped_symmetry := (>[a,b](=[a,b])(=[b,a]))
conjecture fake_square_fixed := (>[a,b,c](&(in3[a,a,b,*])(in3[b,b,c,*]))(=[b,c]))
""").decls


#: restated axioms: the exploration knows the axioms' equations and attempts none of its
#: own, but a stated conjecture gets a proof of its own (which compression drops)
RESTATED = parse_module("""
conjecture add_zero_right := (>[a](in[a,N])(in3[a,i0,a,+]))
conjecture mul_zero_right := (>[a](in[a,N])(in3[a,i0,i0,*]))
""").decls


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    return explored(PEANO, SMALL, [*RESTATED, *CANARIES], tmp_path_factory.mktemp("explore"))


def test_incubator_tables_are_proved_facts():
    inc = incubate(load(PEANO / "peano.mpl"), up_to=3)
    assert inc.table["+"][(2, 1)] == 3 and inc.table["*"][(1, 3)] == 3
    assert (0, 3) in inc.distinct
    assert all(r.proved for r in inc.results)
    names = {r.name: r for r in inc.results}
    assert names["inc_add_2_1_ne_0"].method == "contradiction"  # 2 + 1 is no other numeral
    assert "inc_add_2_1_ne_3" not in names


def test_stage_counts_are_reported(small_run):
    run, _, _ = small_run
    for key in ("incubator facts", "enumerated", "counterexample-filtered", "normalized away",
                "type-filtered", "conjectures", "proved", "unproved", "essential"):
        assert key in run.stages, key
    assert run.stages["incubator facts"] == 76
    assert run.stages["proved"] >= 4


def test_progress_reports_each_step(small_run):
    run, _, events = small_run
    assert events[0] == IncubatorStarted(up_to=3)
    assert isinstance(events[1], IncubatorDone) and events[1].proved == 76
    assert events[2] == PoolReady(run.stages["enumerated"], run.stages["counterexample-filtered"],
                                  run.stages["conjectures"])
    attempts = [e.result.name for e in events[3:] if isinstance(e, Attempted)]
    assert attempts and len(attempts) == len(events) - 3
    explored = [t.name for t in run.theorems if t.origin != "incubator"]
    assert sorted(set(attempts)) == sorted(explored)


def test_false_candidates_are_never_proved(small_run):
    run, _, _ = small_run
    names = {t.name: t for t in run.theorems}
    for decl in CANARIES:
        assert decl.name not in names or not names[decl.name].proved, decl.name
    assert run.stages["type-filtered"] >= 1  # untyped_symmetry's variables range over no set
    # (a*a)*(a*a) = a*a holds for 0 and 1, and 2*2*2*2 is beyond the incubator's tables:
    # no counterexample, so the prover itself must refuse it
    assert names["fake_square_fixed"].status == "unproved"


def test_every_explored_proof_passes_the_checker(small_run):
    _, out, _ = small_run
    report = check_file(out / "proofs.json")
    assert report.ok, report


def test_compression_drops_the_restated_axioms(small_run):
    """`a + 0 = a` and `a * 0 = 0` restate Peano's axioms: compression drops them (they
    follow from no theorem); `0 + a = a` and `0 * a = 0` need induction and stay, and so
    do `a + b = b + a` and the lemma calculated from its failed step, `s(a + b) = s(a) +
    b` (too large for terms of 3 symbols)."""
    run, _, _ = small_run
    doc = run.to_json()
    essential = {t["readable"]: t["essential"] for t in doc["theorems"]
                 if t["status"] == "proved" and t["origin"] != "incubator"}
    assert essential == {"∀a: a ∈ N → a + i0 = a": False, "∀a: a ∈ N → i0 + a = a": True,
                         "∀a: a ∈ N → a * i0 = i0": False, "∀a: a ∈ N → i0 * a = i0": True,
                         "∀a,b: a + b = b + a": True, "∀a,b: s(a + b) = s(a) + b": True}
    assert run.stages["essential"] == 4


def test_each_compressed_theorem_follows_from_what_it_names(small_run):
    run, _, _ = small_run
    dropped = [t for t in run.to_json()["theorems"] if t["essential"] is False]
    assert dropped
    for t in dropped:
        prover = Prover(run.session.theory, Settings(max_cycles=8))
        for name in t["follows_from"]:
            prover.accept(run[name])
        assert prover.prove(t["name"], run[t["name"]].statement, methods=("direct",)).proved, t["name"]


def test_exploration_is_deterministic(small_run, tmp_path):
    again = explore(gl.load(PEANO), config=SMALL, extra=[*RESTATED, *CANARIES])
    first, _, _ = small_run
    assert json.dumps(first.to_json()) == json.dumps(again.to_json())


def test_exploration_discovers_and_proves_the_six_laws(peano_exploration):
    done, proofs, _ = peano_exploration
    assert done.returncode == 0, done.stderr[-3000:]
    doc = json.loads(proofs.read_text())
    explored = [t for t in doc["theorems"] if t["origin"] != "incubator"]
    laws = {t["law"] for t in explored if t["status"] == "proved"}
    assert set(LAW_NAMES) <= laws
    for law in LAW_NAMES:
        assert f"[{law}]" in done.stderr  # the report marks each law
    report = check_file(proofs)
    assert report.failures == [], "\n".join(report.lines())
    assert report.accepted == [t["name"] for t in doc["theorems"] if t["status"] == "proved"]
    stages = doc["stages"]
    assert stages["proved"] == sum(t["status"] == "proved" for t in explored)
    assert 0 < stages["essential"] < stages["proved"]
    assert stages["counterexample-filtered"] > 0 and stages["normalized away"] > 0


def test_an_attempt_budget_keeps_what_was_proved(small_run, tmp_path):
    events = []
    run = explore(gl.load(PEANO), config=replace(SMALL, max_attempts=2), progress=events.append)
    explored = [t for t in run.theorems if t.origin != "incubator"]
    full, _, _ = small_run
    assert [t.name for t in explored] == [e.result.name for e in events if isinstance(e, Attempted)]
    assert len(explored) == 2 < full.stages["proved"]
    assert Stopped("attempt budget spent") in events
    assert not run.interrupted and run.stages["proved"] == sum(t.proved for t in explored)
    assert check_file(run.write(tmp_path)).ok


def test_a_time_limit_keeps_what_was_proved(tmp_path):
    """A limit that has passed at the start: the incubator stops at once (the limit holds
    inside it), nothing is attempted, and compression is skipped."""
    events = []
    run = explore(gl.load(PEANO), config=SMALL, timeout=1e-6, progress=events.append)
    assert not run.interrupted and events[-1] == Stopped("time limit reached")
    assert run.stages["incubator facts"] == 0 and run.stages["proved"] == 0
    assert all(t.origin == "incubator" for t in run.theorems) and run.compression is None
    assert check_file(run.write(tmp_path)).ok


def test_ctrl_c_keeps_what_was_proved(tmp_path, monkeypatch):
    accepted = []
    real_accept = Prover.accept

    def accept(self, result):
        if result.origin != "incubator":
            if len(accepted) == 3:
                raise KeyboardInterrupt
            accepted.append(result.name)
        real_accept(self, result)

    monkeypatch.setattr(Prover, "accept", accept)
    events = []
    run = explore(gl.load(PEANO), progress=events.append)
    assert run.interrupted and events[-1] == Stopped("interrupted")
    assert [t.name for t in run.proved if t.origin != "incubator"] == accepted
    assert check_file(run.write(tmp_path)).ok


def test_exploring_a_theory_with_a_non_commutative_operation(tmp_path):
    """tests/theories/nocomm.mpl adds `o` with `a o b = a` to Peano: the incubator
    evaluates it from its axiom, the explorer knows `o(a, b) = a` from the axiom, proves
    the six laws, and never that `o` commutes."""
    run = explore(gl.load(ROOT / "tests/theories/nocomm.mpl"))
    laws = {t.to_json()["law"] for t in run.proved}
    assert set(LAW_NAMES) <= laws
    assert not any(t.proved and named_law(t.statement, ("o",)) == "commutativity of o" for t in run.theorems)
    assert ("a", ("o", "a", "b")) in axiom_equations(run.session.theory)
    assert check_file(run.write(tmp_path)).ok


def test_elements_all_puts_every_named_element_in_conjectures(tmp_path, monkeypatch):
    """`gl prove --elements all` (on the small sizes): theorems about i1 are proved."""
    monkeypatch.setattr(gl.explore, "ExploreConfig", partial(ExploreConfig, max_term_size=3, up_to=3))
    done = CliRunner().invoke(prove, [str(PEANO), "--elements", "all", "--out", str(tmp_path), "-q"])
    assert done.exit_code == 0, done.output
    doc = json.loads((tmp_path / "proofs.json").read_text())
    explored = [t["readable"] for t in doc["theorems"] if t["origin"] == "explored" and t["status"] == "proved"]
    assert "∀a: a ∈ N → i1 * a = a" in explored and "∀a: s(a) = a + i1" in explored

"""Autonomous exploration: the full Peano run (`gl prove examples/peano`: the six laws,
checked), and on a small budget stages, soundness canaries, checker, determinism, limits."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import PEANO

import gl
from gl.checker.check import check_file
from gl.core.prover import Prover
from gl.explore import ExploreConfig, explore
from gl.incubator import incubate
from gl.laws import LAW_NAMES, named_law
from mpl_lang import load, parse_module, to_mpl

SMALL = ExploreConfig(max_term_size=3, up_to=3)

CANARIES = parse_module("""
conjecture fake_add_is_mul := (>[a,b,c](in3[a,b,c,+])(in3[a,b,c,*]))
conjecture fake_succ_fixed := (>[a,b](in2[a,b,s])(=[a,b]))
conjecture fake_double := (>[a,b](in3[a,a,b,+])(in3[a,a,b,*]))
conjecture fake_mul_left_id := (>[a,b,c](in3[a,b,c,*])(=[c,a]))
conjecture untyped_symmetry := (>[a,b](=[a,b])(=[b,a]))
conjecture fake_square_fixed := (>[a,b,c](&(in3[a,a,b,*])(in3[b,b,c,*]))(=[b,c]))
""").decls


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    run = explore(gl.load(PEANO), config=SMALL, progress=False, extra=list(CANARIES))
    out = tmp_path_factory.mktemp("explore")
    run.write(out)
    return run, out


def test_incubator_tables_are_proved_facts():
    inc = incubate(load(PEANO / "peano.mpl"), up_to=3)
    assert inc.table["+"][(2, 1)] == 3 and inc.table["*"][(1, 3)] == 3
    assert (0, 3) in inc.distinct
    assert all(r.proved for r in inc.results)
    assert any(r.name == "inc_add_2_1_ne_3" and r.method == "contradiction" for r in inc.results) or \
        any(r.name.startswith("inc_add_2_") and "_ne_" in r.name for r in inc.results)


def test_stage_counts_are_reported(small_run):
    run, _ = small_run
    for key in ("incubator facts", "enumerated", "counterexample-filtered", "normalized away",
                "type-filtered", "conjectures", "proved", "unproved", "essential"):
        assert key in run.stages, key
    assert run.stages["proved"] >= 4


def test_false_candidates_are_never_proved(small_run):
    run, _ = small_run
    names = {t.name: t for t in run.theorems}
    for decl in CANARIES:
        assert decl.name not in names or not names[decl.name].proved, decl.name
    assert run.stages["type-filtered"] >= 1  # untyped_symmetry's variables range over no set
    # (a*a)*(a*a) = a*a holds for 0 and 1, and 2*2*2*2 is beyond the incubator's tables:
    # no counterexample, so the prover itself must refuse it
    assert names["fake_square_fixed"].status == "unproved"


def test_every_explored_proof_passes_the_checker(small_run):
    _, out = small_run
    report = check_file(out / "proofs.json")
    assert report.ok, report


def test_compression_records_what_follows_from_what(small_run):
    run, _ = small_run
    doc = run.to_json()
    dropped = [t for t in doc["theorems"] if t["essential"] is False]
    for t in dropped:
        assert t["follows_from"] is not None
    assert run.stages["essential"] == run.stages["proved"] - len(dropped)


def test_exploration_is_deterministic(small_run, tmp_path):
    again = explore(gl.load(PEANO), config=SMALL, progress=False, extra=list(CANARIES))
    first, _ = small_run
    assert json.dumps(first.to_json(tmp_path)) == json.dumps(again.to_json(tmp_path))


@pytest.fixture(scope="module")
def peano_exploration(tmp_path_factory):
    """`gl prove examples/peano` with its defaults: exploration from the axioms alone."""
    out = tmp_path_factory.mktemp("peano-explore")
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(PEANO), "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=900)
    return done, out / "proofs.json"


def test_exploration_discovers_and_proves_the_six_laws(peano_exploration):
    done, proofs = peano_exploration
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


def test_a_time_limit_keeps_what_was_proved(tmp_path):
    run = explore(gl.load(PEANO), timeout=6.0, progress=False)
    explored = [t for t in run.proved if t.origin != "incubator"]
    assert not run.interrupted and run.stages["proved"] == len(explored)
    assert run.stages["incubator facts"] > 100
    assert len({t.to_json()["law"] for t in explored} & set(LAW_NAMES)) < len(LAW_NAMES)
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
    run = explore(gl.load(PEANO), progress=False)
    assert run.interrupted
    assert [t.name for t in run.proved if t.origin != "incubator"] == accepted
    assert check_file(run.write(tmp_path)).ok


def test_exploring_a_theory_with_a_non_commutative_operation(tmp_path):
    """tests/theories/nocomm.mpl adds `o` with `a o b = a` to Peano: the incubator
    evaluates it from its axiom, the explorer proves `o(a, b) = a` and the six laws, and
    never that `o` commutes."""
    from conftest import ROOT

    run = explore(gl.load(ROOT / "tests/theories/nocomm.mpl"), progress=False)
    laws = {t.to_json()["law"] for t in run.proved}
    assert set(LAW_NAMES) <= laws
    assert not any(t.proved and named_law(t.statement, ("o",)) == "commutativity of o" for t in run.theorems)
    assert any(t.proved and t.origin == "explored" and ",o]" in to_mpl(t.statement) for t in run.theorems)
    assert check_file(run.write(tmp_path)).ok


def test_elements_all_puts_every_named_element_in_conjectures(tmp_path):
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(PEANO), "--elements", "all", "--timeout", "8",
           "--out", str(tmp_path), "-q"]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    doc = json.loads((tmp_path / "proofs.json").read_text())
    explored = [t for t in doc["theorems"] if t["origin"] == "explored" and t["status"] == "proved"]
    assert any("i1" in t["statement"] for t in explored)

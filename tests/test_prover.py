"""The Logic-Block prover: the Peano laws, determinism, and soundness canaries."""

from __future__ import annotations

import json

import pytest
from conftest import PEANO, ROOT

import gl
from gl.core.prover import Prover, Settings
from gl.laws import LAW_NAMES
from mpl_lang import load, parse_expr


def test_all_peano_targets_proved(peano_targets_run):
    assert peano_targets_run.all_proved, [(t.name, t.reason) for t in peano_targets_run.theorems if not t.proved]
    laws = {t.to_json()["law"] for t in peano_targets_run.theorems} - {None}
    assert laws == set(LAW_NAMES)


def test_proofs_cite_only_earlier_theorems(peano_targets_run):
    seen: set[str] = set()
    for t in peano_targets_run.theorems:
        assert set(t.cites) <= seen
        seen.add(t.name)


def test_induction_uses_the_declared_principle(peano_targets_run):
    proof = peano_targets_run["add_comm"].proof
    assert proof["method"] == "induction"
    assert proof["induction"] == {"set": "N", "base": "i0", "succ": "s"}
    assert [b["role"] for b in proof["blocks"]] == ["type", "base", "step"]


def test_document_is_deterministic(peano_targets_run, tmp_path):
    again = gl.load(PEANO / "peano_targets.mpl").prove(["add_zero_left", "add_succ_left", "add_comm"])
    a = peano_targets_run.to_json()
    b = again.to_json()
    first = [t for t in a["theorems"] if t["name"] in {"add_zero_left", "add_succ_left", "add_comm"}]
    assert json.dumps(first) == json.dumps(b["theorems"])


def test_gl_reference_axioms_prove_the_same_targets(gl_reference):
    run = gl.load(PEANO / "peano_gl_targets.mpl").prove(["add_zero_left", "add_succ_left", "add_comm"])
    assert run.all_proved


# ---------------------------------------------------------------- soundness canaries

FALSE_PEANO = {
    "add_is_mul": "(>[a,b,c](in3[a,b,c,+])(in3[a,b,c,*]))",
    "succ_absorbs": "(>[a,b,c,d](&(in2[b,c,s])(in3[a,c,d,+]))(=[d,b]))",
    "succ_fixed": "(>[a,b](in2[a,b,s])(=[a,b]))",
    "mul_left_id": "(>[a,b,c](in3[a,b,c,*])(=[c,a]))",
    "add_zero_right_is_succ": "(>[a,b](in3[a,i0,b,+])(in2[a,b,s]))",
    "one_is_zero": "(>[](in[i0,N])(=[i0,i1]))",
    "mul_self_is_add": "(>[a,b,c](in3[a,a,b,*])(in3[a,a,b,+]))",
    "add_cancel_wrong": "(>[a,b,c](in3[a,b,c,+])(=[a,c]))",
}


@pytest.mark.parametrize("name", sorted(FALSE_PEANO))
def test_false_peano_statements_are_never_proved(peano_targets_run, name):
    prover = Prover(peano_targets_run.session.theory, Settings(max_cycles=14))
    for r in peano_targets_run.theorems[:5]:  # a library of true lemmas (the first targets) as extra rules
        assert r.proved
        prover.accept(r)
    result = prover.prove(name, parse_expr(FALSE_PEANO[name]))
    assert not result.proved, f"unsound: proved {name}"


def test_non_commutative_operation_is_not_proved_commutative():
    theory = load(ROOT / "tests" / "theories" / "nocomm.mpl")
    prover = Prover(theory, Settings(max_cycles=14))
    left = prover.prove("o_left", parse_expr("(>[a,b,c](in3[a,b,c,o])(=[a,c]))"))
    assert left.proved  # the defining property is available...
    comm = prover.prove("o_comm", parse_expr("(>[a,b,c](in3[a,b,c,o])(in3[b,a,c,o]))"))
    assert not comm.proved  # ...but commutativity is false and must stay unproved


def test_a_target_short_of_witnesses_is_retried_once_with_more():
    run = gl.load(ROOT / "examples/peano/peano_targets.mpl").prove(
        ["add_zero_left", "add_succ_left", "add_comm"], settings=Settings(max_witnesses=3))
    comm = run["add_comm"]
    assert comm.proved and comm.effort == 1
    assert comm.to_json()["proof"]["settings"] == Settings(max_witnesses=3).scaled(1).to_json()
    assert "effort" not in run["add_succ_left"].to_json()["proof"]
    # with too few witnesses even for the retry it stays unproved, and says it was budget-bound
    short = gl.load(ROOT / "examples/peano/peano_targets.mpl").prove(
        ["add_zero_left", "add_succ_left", "add_comm"], settings=Settings(max_witnesses=2))
    assert not short["add_comm"].proved and short["add_comm"].budget_bound and short["add_comm"].effort == 1


def test_a_block_that_saturates_below_its_budgets_is_not_retried():
    prover = Prover(load(ROOT / "examples/peano/peano.mpl"))
    # s(a) = a is false: the blocks saturate with witnesses to spare
    r = prover.prove("false", parse_expr("(>[a,b](in2[a,b,s])(=[a,b]))"))
    assert not r.proved and not r.budget_bound

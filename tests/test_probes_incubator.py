"""Counterexamples on more assignments (the probes) and the incubator's small proof blocks.

The probes (`gl.explore.config.Probes`) compare terms that the evaluation points do not
tell apart on every assignment of 0..4 and on seeded random ones, from computed values
(a guide for refutation only): the false conjectures that TIP's `<` gave on 0..2 and 3
(`S(S(a)) < b = false`: false at a = 0, b = 3) are refuted, the true ones are kept. The
incubator proves each fact in a block whose only value-giving axiom is the one that found
the fact, from the facts it rests on: no block computes the tables again, and the checker
accepts every fact.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import PEANO
from hypothesis import given, settings
from hypothesis import strategies as st

import gl
from gl.checker.check import check_file
from gl.core.session import ProofRun
from gl.explore import ExploreConfig
from gl.explore.config import NO_PROBES, Probes
from gl.explore.enumeration import TermEvaluator, enumerate_conjectures, normalize
from gl.explore.stages import Exploration
from gl.incubator import incubate
from gl.signature import signature
from mpl_lang import load
from mpl_lang.logic import Literal
from mpl_lang.terms import Term, decode_graph

#: isaplanner prop_18's definitions (TIP), with its goal
LESS = """(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun-rec <2 ((x Nat) (y Nat)) Bool
  (match y ((Z false) ((S z) (match x ((Z true) ((S x2) (<2 x2 z))))))))
(define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))
(prove (forall ((i Nat) (m Nat)) (<2 i (S (+2 i m)))))
"""

#: equations that hold on 0..2 and on (2, 3) but not everywhere (a = 0, b = 3; a = 4, b = 0)
FALSE_ON_MORE = [
    (("<", ("S", ("S", "a")), "b"), "false"),
    (("<", "a", ("S", ("S", ("S", "b")))), "true"),
    (("<", ("S", ("S", ("S", "a"))), "b"), ("<", "a", "a")),
]
TRUE = [(("<", "a", ("S", "a")), "true"), (("<", "a", "a"), "false"), (("+", "a", "Z"), "a"),
        (("<", ("S", "a"), ("S", "b")), ("<", "a", "b"))]


@pytest.fixture(scope="module")
def less(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("tip") / "prop_18.smt2"
    path.write_text(LESS)
    return path


def _evaluator(theory, cfg: ExploreConfig) -> TermEvaluator:
    sig = signature(theory)
    inc = incubate(theory, cfg.up_to, compute_to=cfg.compute_to, negatives=False)
    return TermEvaluator(sig, inc, {sig.base: 0}, tuple("abc"[: cfg.max_vars]), cfg.points, cfg.extra_points,
                         cfg.probes)


def test_probes_refute_what_the_points_miss(less):
    theory = load(less)
    constants = frozenset(theory.constants)
    cfg = ExploreConfig(up_to=4, max_vars=2)
    old = _evaluator(theory, dataclasses.replace(cfg, probes=NO_PROBES))
    new = _evaluator(theory, cfg)
    for lhs, rhs in FALSE_ON_MORE:
        assert not old.refutes(lhs, rhs, constants), (lhs, rhs)
        assert new.refutes(lhs, rhs, constants), (lhs, rhs)
    for lhs, rhs in TRUE:
        assert not new.refutes(lhs, rhs, constants), (lhs, rhs)


def test_enumeration_conjectures_no_equation_the_probes_refute(less):
    theory = load(less)
    constants = frozenset(theory.constants)
    cfg = ExploreConfig(up_to=4, max_vars=2, max_term_size=5)
    found = {}
    for name, probes in (("old", NO_PROBES), ("new", cfg.probes)):
        c = dataclasses.replace(cfg, probes=probes)
        ev = _evaluator(theory, c)
        found[name] = set(normalize(enumerate_conjectures(signature(theory), ev, c, Exploration()),
                                    constants, Exploration()))
    assert FALSE_ON_MORE[0] in found["old"] and FALSE_ON_MORE[0] not in found["new"]
    assert (("<", "a", ("S", "a")), "true") in found["new"]
    referee = _evaluator(theory, dataclasses.replace(cfg, probes=Probes(tuple(range(7)), 64)))
    wrong = [eq for eq in found["new"] if referee.refutes(*eq, constants)]
    assert len(wrong) < len([eq for eq in found["old"] if referee.refutes(*eq, constants)]) / 4


def test_probes_are_deterministic():
    sig = signature(load(PEANO / "peano.mpl"))
    inc = incubate(load(PEANO / "peano.mpl"), 2, negatives=False)
    evs = [TermEvaluator(sig, inc, {"i0": 0}, ("a", "b"), (0, 1, 2), (), Probes((0, 1, 2, 3), 8)) for _ in range(2)]
    assert evs[0].probes == evs[1].probes and len(evs[0].probes) == 16 - 9 + 8


@pytest.fixture(scope="module")
def peano_evaluator() -> TermEvaluator:
    theory = load(PEANO / "peano.mpl")
    return _evaluator(theory, ExploreConfig(up_to=3, probes=Probes((0, 1, 2, 3, 4), 16, 40)))


def _python(t: Term, env: dict[str, int]) -> int:
    if isinstance(t, str):
        return env.get(t, 0)  # a variable, or i0
    args = [_python(a, env) for a in t[1:]]
    return {"s": lambda x: x + 1, "+": lambda x, y: x + y, "*": lambda x, y: x * y}[t[0]](*args)


TERMS = st.recursive(st.sampled_from(["a", "b", "c", "i0"]),
                     lambda sub: st.one_of(st.tuples(st.just("s"), sub), st.tuples(st.sampled_from("+*"), sub, sub)),
                     max_leaves=5)


@settings(max_examples=60, deadline=None)
@given(TERMS, TERMS)
def test_probe_values_are_the_true_values(peano_evaluator, s, t):
    """On every probe the computed value of a term is Python's (or unknown, above the
    cap), whatever variables the two terms share: `distinguishes` is exactly a
    difference of true values."""
    ev = peano_evaluator
    differ = False
    for probe in ev.probes:
        env = dict(zip(ev.variables, probe))
        x, y = _python(s, env), _python(t, env)
        differ |= x != y and max(x, y) <= ev.cap
    assert ev.distinguishes(s, t) == differ


def _sums_derived(result) -> int:
    """How many sums a fact's block derived by a rule (a cited fact's included)."""
    return sum(1 for step in result.attempt.blocks[0].steps
               if step.kind == "rule" and isinstance(step.fact, Literal)
               and (g := decode_graph(step.fact.pred, tuple(step.fact.args))) is not None and g[0] == "+")


def test_incubator_blocks_do_not_compute_the_tables_again():
    """The block of `5 + 6 = 11` derives that sum from `5 + 5 = 10` and no other (it
    derived every sum up to 11 when all axioms were in it); facts grow no costlier to
    prove than their statements (the successor chain)."""
    inc = incubate(load(PEANO / "peano.mpl"), 11)
    assert all(r.proved for r in inc.results)
    [fact] = [r for r in inc.results if r.name == "inc_add_5_6"]
    assert fact.cites == ["inc_add_5_5"] and _sums_derived(fact) <= 2
    steps = {r.name: len(r.attempt.blocks[0].steps) for r in inc.results}
    assert steps["inc_add_5_6"] < 2 * steps["inc_add_1_1"] + 4 * 11


def test_incubator_facts_pass_the_checker_and_a_corrupted_cited_fact_fails(tmp_path):
    """Every fact is accepted; `2 + 2 = 4` made `= 3`: it is rejected, and so is every
    fact resting on it, and nothing else."""
    session = gl.load(PEANO)
    inc = incubate(session.theory, 6)
    path = ProofRun(session, theorems=inc.results).write(tmp_path)
    report = check_file(path)
    assert report.ok and len(report.accepted) == len(inc.results)
    doc = json.loads(path.read_text())
    [fact] = [t for t in doc["theorems"] if t["name"] == "inc_add_2_2"]
    stated = "in3[n2,n2,n4,+]"
    assert stated in fact["statement"]
    doc["theorems"][doc["theorems"].index(fact)] = json.loads(json.dumps(fact).replace(stated, "in3[n2,n2,n3,+]"))
    path.write_text(json.dumps(doc))
    report = check_file(path)
    resting = {"inc_add_2_2"}  # it and every fact whose proof rests on it
    for t in doc["theorems"]:  # in proof order: a cited fact comes first
        if resting.intersection(t["cites"]):
            resting.add(t["name"])
    assert {"inc_add_2_3", "inc_mul_2_3"} <= resting and len(resting) < len(inc.results) / 3
    assert not report.ok and {f.theorem for f in report.failures} == resting

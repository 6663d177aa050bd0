"""Exploration on theories it was not developed on: standard Peano, Peano whose + and *
recurse on the first argument, Peano with exponentiation, max/min (nested matches),
Bool-valued functions (`leq`, `even`) and a function of three arguments, the last four in
the TIP encoding (tests/theories/tip.mpl). For each: the typed signature, the incubator's
tables (every proved value checked against Python's arithmetic, none missing), and the
conjectures the typed enumeration keeps; on the small ones a whole exploration, checked."""

from __future__ import annotations

import itertools
import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import PEANO, ROOT

import gl
from gl.checker.check import check_file
from gl.core.session import ProofRun
from gl.equations import statement_to_equation
from gl.explore import ExploreConfig, explore
from gl.explore.enumeration import TermEvaluator, enumerate_conjectures, normalize, term_variables
from gl.explore.proving import axiom_equations
from gl.explore.stages import Exploration
from gl.incubator import incubate, numeral_chain
from gl.signature import Function, signature
from mpl_lang import load

THEORIES = ROOT / "tests" / "theories"


def _bool(b: bool) -> str:
    return "true" if b else "false"


#: theory -> (file, ground truth of each function but the successor, Python on ints)
TRUTH = {
    "peano": (PEANO / "peano.mpl", {"+": lambda a, b: a + b, "*": lambda a, b: a * b}),
    "exp": (THEORIES / "peano_exp.mpl", {"+": lambda a, b: a + b, "*": lambda a, b: a * b, "^": lambda a, b: a ** b}),
    "maxmin": (THEORIES / "tip_maxmin.mpl", {"max": max, "min": min}),
    "nocomm": (THEORIES / "nocomm.mpl", {"+": lambda a, b: a + b, "*": lambda a, b: a * b, "o": lambda a, b: a}),
    "bool": (THEORIES / "tip_bool.mpl", {"leq": lambda a, b: _bool(a <= b), "even": lambda a: _bool(a % 2 == 0)}),
    "mult3": (THEORIES / "tip_mult3.mpl", {"plus": lambda a, b: a + b, "times": lambda a, b: a * b,
                                           "mult": lambda a, b, c: a * b + c}),
}


@pytest.fixture(scope="module")
def first_argument(tmp_path_factory) -> Path:
    """Peano whose + and * recurse on the first argument: definitions.mpl with the first
    two arguments of every in3 atom swapped (`a + s(b)` becomes `s(b) + a`)."""
    out = tmp_path_factory.mktemp("first")
    text = (PEANO / "definitions.mpl").read_text()
    (out / "definitions.mpl").write_text(re.sub(r"in3\[(\w+),(\w+),", r"in3[\2,\1,", text))
    shutil.copy(PEANO / "peano.mpl", out / "peano.mpl")
    return out / "peano.mpl"


@pytest.fixture(scope="module")
def theories(first_argument) -> dict[str, tuple[Path, dict]]:
    return {**TRUTH, "first": (first_argument, TRUTH["peano"][1])}


def test_swapped_definitions_recurse_on_the_first_argument(first_argument):
    text = first_argument.with_name("definitions.mpl").read_text()
    assert "(in3[i0,a,b,+])" in text and "(in3[b,a,d,+])" in text  # 0 + a = a, s(b) + a from b + a


def test_signatures_are_read_off_the_axioms(theories):
    sig = signature(load(theories["mult3"][0]))
    assert (sig.domain, sig.base, sig.succ, sig.elements) == ("Nat", "Z", "S", ("Z",))
    assert sig.functions == (Function("S", ("Nat",), "Nat"), Function("plus", ("Nat", "Nat"), "Nat"),
                             Function("times", ("Nat", "Nat"), "Nat"), Function("mult", ("Nat", "Nat", "Nat"), "Nat"))
    assert sig.unary == ("S",) and sig.binary == ("plus", "times")
    sig = signature(load(theories["bool"][0]))
    assert sig.function("leq") == Function("leq", ("Nat", "Nat"), "Bool")
    assert sig.function("even") == Function("even", ("Nat",), "Bool")
    assert sig.finite == (("Bool", ("true", "false")),) and sig.sorts == ("Nat", "Bool")
    assert sig.sort_of("true") == "Bool" and sig.sort_of("Z") == "Nat"
    sig = signature(load(theories["exp"][0]))
    assert sig.binary == ("+", "*", "^") and sig.elements == ("i0", "i1") and sig.finite == ()
    for name in ("peano", "first", "maxmin"):
        sig = signature(load(theories[name][0]))
        assert [f.arity for f in sig.functions] == [1, 2, 2] and {f.result for f in sig.functions} == {sig.domain}


@pytest.mark.parametrize("name", ["peano", "first", "exp", "maxmin", "nocomm", "bool", "mult3"])
def test_incubator_tables_are_the_true_values(theories, name):
    """Every proved value is right, and every value ≤ up_to (every Bool value) is there."""
    path, truth = theories[name]
    up_to = 3
    theory = load(path)
    inc = incubate(theory, up_to)
    assert all(r.proved for r in inc.results)
    sig = signature(theory)
    assert sorted(inc.table) == sorted(truth)
    for f in sig.functions:
        if f.name == sig.succ:
            continue
        for args in itertools.product(range(up_to + 1), repeat=f.arity):
            want = truth[f.name](*args)
            if isinstance(want, str) or want <= up_to:
                assert inc.table[f.name].get(args) == want, (f.name, args)
            else:
                assert args not in inc.table[f.name]
    assert inc.distinct == {(i, j) for i in range(up_to + 1) for j in range(i + 1, up_to + 1)}


def test_incubator_output_passes_the_checker(tmp_path):
    """Facts of a Bool-valued function and of a three-argument one (`in4`), checked."""
    for name in ("bool", "mult3"):
        session = gl.load(TRUTH[name][0])
        inc = incubate(session.theory, 2)
        out = tmp_path / name
        ProofRun(session, theorems=inc.results).write(out)
        report = check_file(out / "proofs.json")
        assert report.ok and len(report.accepted) == len(inc.results), name


def test_checker_rejects_a_corrupted_three_argument_fact(tmp_path):
    """`mult(1, 1, 0) = 1` turned into `= 0` everywhere in its proof: rejected, and with
    it the facts whose proofs cite it (`mult(1, 1, 0) ≠ 0`)."""
    session = gl.load(TRUTH["mult3"][0])
    inc = incubate(session.theory, 1)
    path = ProofRun(session, theorems=inc.results).write(tmp_path)
    doc = json.loads(path.read_text())
    [fact] = [t for t in doc["theorems"] if t["name"] == "inc_mult_1_1_0"]
    assert fact["statement"] == "(>[n1](in2[Z,n1,S])(in4[n1,n1,Z,n1,mult]))"
    corrupted = json.dumps(fact).replace("in4[n1,n1,Z,n1,mult]", "in4[n1,n1,Z,Z,mult]")
    doc["theorems"][doc["theorems"].index(fact)] = json.loads(corrupted)
    path.write_text(json.dumps(doc))
    report = check_file(path)
    citing = {t["name"] for t in doc["theorems"] if "inc_mult_1_1_0" in t["cites"]}
    assert "inc_mult_1_1_0_ne_0" in citing
    assert not report.ok and {f.theorem for f in report.failures} == {"inc_mult_1_1_0", *citing}


def _conjectures(path: Path, cfg: ExploreConfig) -> tuple[list, TermEvaluator, frozenset[str]]:
    theory = load(path)
    sig = signature(theory)
    inc = incubate(theory, cfg.up_to, compute_to=cfg.compute_to)
    chain = numeral_chain(theory, sig)
    elements = {n: k for k, n in enumerate(chain[: 1 if cfg.elements == "base" else None])}
    ev = TermEvaluator(sig, inc, elements, tuple("abcdefgh"[: cfg.max_vars]), cfg.points, cfg.extra_points, cfg.probes)
    constants = frozenset(theory.constants)
    return normalize(enumerate_conjectures(sig, ev, cfg, Exploration()), constants, Exploration()), ev, constants


def test_typed_enumeration_keeps_equations_of_one_sort():
    eqs, ev, constants = _conjectures(TRUTH["bool"][0], ExploreConfig(max_term_size=4, up_to=4, max_vars=2))
    assert (("leq", "a", "a"), "true") in eqs
    assert (("even", ("S", ("S", "a"))), ("even", "a")) in eqs  # Bool = Bool
    assert (("leq", "a", ("S", "a")), "true") in eqs
    assert all(ev.sort(lhs) == ev.sort(rhs) for lhs, rhs in eqs)
    assert ev.refutes(("leq", "a", "b"), ("leq", "b", "a"), constants)
    assert ev.refutes(("even", "a"), "true", constants)


def _has(eqs: list, lhs, rhs) -> bool:
    return (lhs, rhs) in eqs or (rhs, lhs) in eqs


def test_three_argument_function_conjectures():
    eqs, ev, constants = _conjectures(TRUTH["mult3"][0], ExploreConfig(max_term_size=5, up_to=4))
    assert _has(eqs, ("mult", "a", "b", "c"), ("plus", ("times", "a", "b"), "c"))
    assert _has(eqs, ("mult", "a", "b", "Z"), ("times", "a", "b"))
    assert ev.refutes(("mult", "a", "b", "c"), ("plus", "a", ("plus", "b", "c")), constants)
    assert not ev.refutes(("mult", "a", "b", "c"), ("mult", "b", "a", "c"), constants)


def test_max_min_and_exponentiation_conjectures():
    eqs, _, _ = _conjectures(TRUTH["maxmin"][0], ExploreConfig(max_term_size=3, up_to=3))
    assert {(("max", "a", "b"), ("max", "b", "a")), (("max", "a", "a"), "a"), (("min", "a", "Z"), "Z")} <= set(eqs)
    eqs, _, _ = _conjectures(TRUTH["exp"][0], ExploreConfig(max_term_size=4, up_to=6, elements="all"))
    assert (("^", "a", "i1"), "a") in eqs and (("^", "i1", "a"), "i1") in eqs
    assert (("^", "i0", ("s", "a")), "i0") in eqs and (("^", ("s", "a"), "i0"), "i1") in eqs


def test_computed_values_refute_past_the_proved_tables():
    """Values past the incubator's are computed from the axioms (never proved): `a ^ (b + b)
    = a ^ (b * s(b))`, wrong only at 2 ^ 4 = 16 ≠ 64 = 2 ^ 6, is refuted, and on the extra
    points `a * (a * a) = a ^ s(a)`, wrong from 3 on; `s(i0)` stands for
    the class of one, so `a ^ i0 = s(i0)` is a conjecture."""
    inc = incubate(load(TRUTH["exp"][0]), 2, negatives=False, compute_to=64)
    assert [inc.computed("^", 2, k) for k in range(8)] == [1, 2, 4, 8, 16, 32, 64, None]
    assert inc.computed("^", 3, 3) == 27 and inc.value("^", 3, 3) is None
    assert all(inc.computed("+", a, b) == a + b for a in range(9) for b in range(9))
    eqs, ev, constants = _conjectures(TRUTH["exp"][0], ExploreConfig(max_term_size=4, up_to=6))
    assert ev.refutes(("^", "a", ("+", "b", "b")), ("^", "a", ("*", "b", ("s", "b"))), constants)
    assert ev.refutes(("*", "a", ("*", "a", "a")), ("^", "a", ("s", "a")), constants)  # 27 ≠ 81: extra points
    assert (("^", "a", "i0"), ("s", "i0")) in eqs
    assert all(term_variables(lhs, ev.variables) | term_variables(rhs, ev.variables) for lhs, rhs in eqs)


def test_first_argument_recursion_conjectures(first_argument):
    eqs, _, _ = _conjectures(first_argument, ExploreConfig(max_term_size=3, up_to=3))
    assert {(("+", "i0", "a"), "a"), (("+", "a", "i0"), "a"), (("+", "a", "b"), ("+", "b", "a"))} <= set(eqs)


def test_explore_bool_theory_proves_and_checks(tmp_path):
    run = explore(gl.load(TRUTH["bool"][0]), config=ExploreConfig(max_term_size=4, up_to=4, max_vars=2))
    eqs = {statement_to_equation(t.statement) for t in run.proved if t.origin != "incubator"}
    assert (("leq", "a", ("S", "a")), "true") in eqs
    # `even(S(S(a))) = even(a)` is an axiom's equation: known, not attempted
    assert (("even", "x"), ("even", ("S", ("S", "x")))) in axiom_equations(run.session.theory)
    run.write(tmp_path)
    report = check_file(tmp_path / "proofs.json")
    assert report.ok


def test_explore_first_argument_peano_finds_the_laws_of_plus(first_argument):
    run = explore(gl.load(first_argument), config=ExploreConfig(max_term_size=4, up_to=5, max_attempts=12))
    eqs = {statement_to_equation(t.statement) for t in run.proved if t.origin != "incubator"}
    # `i0 + a = a` is this theory's axiom: restated, it is not attempted
    assert {(("+", "a", "i0"), "a"), (("+", "a", "b"), ("+", "b", "a"))} <= eqs
    assert (("s", ("+", "a", "b")), ("+", "a", ("s", "b"))) in eqs  # the lemma commutativity needs here

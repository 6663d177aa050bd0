"""Induction schemes and the recursion-aware choice of induction variables, on theories in
the TIP encoding (tests/theories/tip/) and on Peano with + and * mirrored to recurse on
their first argument: what is read from the axioms, which schemes are tried, what gets
proved (and re-checked), and false variants that must never be proved."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest
from conftest import PEANO, ROOT

import gl
import gl.core.schemes
from export.html.model import build_model
from export.tptp import problems
from gl.checker import Checker
from gl.checker.atp import find_eprover, run_eprover
from gl.core.prover import Prover
from gl.core.schemes import Scheme, rank_variables, scheme_for, schemes
from gl.recursion import Definitions, definitions
from mpl_lang import load, parse_expr, to_mpl
from mpl_lang.errors import ClauseError
from mpl_lang.logic import goal_parts, induction_claims

TIP = ROOT / "tests" / "theories" / "tip"
IN3 = re.compile(r"\(in3\[([^],]+),([^],]+),")


def mirror(text: str) -> str:
    """`text` with the first two arguments of every in3 atom swapped."""
    return IN3.sub(r"(in3[\2,\1,", text)


@pytest.fixture(scope="module")
def mirrored(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of examples/peano whose definitions and laws are mirrored: + and * recurse on
    their first argument (a + i0 = a becomes i0 + a = a, ...)."""
    folder = tmp_path_factory.mktemp("mirrored")
    for name in ("definitions.mpl", "laws.mpl", "peano.mpl", "peano_targets.mpl"):
        text = (PEANO / name).read_text(encoding="utf-8")
        (folder / name).write_text(mirror(text) if name in ("definitions.mpl", "laws.mpl") else text,
                                   encoding="utf-8")
    return folder


def recursion(path: Path) -> Definitions:
    return definitions(load(path))


# ---------------------------------------------------------------- what the axioms say


def test_the_module_examples_hold() -> None:
    result = doctest.testmod(gl.core.schemes)
    assert result.failed == 0 and result.attempted > 0


def test_recursion_positions_are_read_from_the_axioms(mirrored: Path) -> None:
    peano, flipped = recursion(PEANO / "peano.mpl"), recursion(mirrored / "peano.mpl")
    assert peano.positions == {"+": {1}, "*": {1}}
    assert flipped.positions == {"+": {0}, "*": {0}}
    maxmin = recursion(TIP / "maxmin.mpl")
    assert maxmin.positions["max"] == maxmin.positions["min"] == {0, 1}
    monus = recursion(TIP / "monus.mpl")
    assert (monus.positions["+"], monus.positions["-"]) == ({0}, {0, 1})
    half = recursion(TIP / "half.mpl")
    assert half.depth == {("+", 0): 1, ("half", 0): 2, ("even", 0): 2}


def test_the_ranking_of_mirrored_peano_is_the_mirror_image(mirrored: Path) -> None:
    peano, flipped = recursion(PEANO / "peano.mpl"), recursion(mirrored / "peano.mpl")
    statements = [s.formula for s in load(PEANO / "peano_targets.mpl").statements]
    assert len(statements) == 11
    for s in statements:
        m = parse_expr(mirror(to_mpl(s)))
        assert rank_variables(m, flipped) == rank_variables(s, peano)
        assert schemes(m, flipped, 3) == schemes(s, peano, 3)
    add_comm = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
    assert rank_variables(add_comm, peano) == ["b", "a"]
    assert rank_variables(add_comm, flipped) == ["a", "b"]


def test_pure_outputs_are_never_induction_variables() -> None:
    rec = recursion(TIP / "maxmin.mpl")
    assoc = parse_expr("(>[a,b,c,d,e,f](&(in3[a,b,d,max])(in3[d,c,e,max])(in3[b,c,f,max]))(in3[a,f,e,max]))")
    # b and c fill two recursive positions of the hypotheses, a one, d = max(a, b) one
    # but d is a value a hypothesis defines: last; e is an output only and f occurs in
    # the conclusion only
    assert rank_variables(assoc, rec) == ["b", "c", "a", "d"]


def test_schemes_follow_the_recursion_the_variables_drive() -> None:
    maxmin, half = recursion(TIP / "maxmin.mpl"), recursion(TIP / "half.mpl")
    comm = parse_expr("(>[a,b,c](in3[a,b,c,max])(in3[b,a,c,max]))")
    assert schemes(comm, maxmin, 3) == [Scheme("simultaneous", ("a", "b")), Scheme("simultaneous", ("b", "a")),
                                        Scheme("structural", ("a",))]
    # the partner in the other recursive position is a constant: one variable
    zero = parse_expr("(>[x,r](in3[x,Z,r,max])(=[r,x]))")
    assert scheme_for(zero, "x", maxmin) == Scheme("structural", ("x",))
    # partners of partners, outputs left out: max(max(a, b), c) = max(a, max(b, c))
    assoc = parse_expr("(>[a,b,c,d,e,f](&(in3[a,b,d,max])(in3[d,c,e,max])(in3[b,c,f,max]))(in3[a,f,e,max]))")
    assert scheme_for(assoc, "a", maxmin) == Scheme("simultaneous", ("a", "b", "c"))
    odd = parse_expr("(>[x,x1](&(in2[x,true,even])(in2[x,x1,S]))(in2[x1,false,even]))")
    assert scheme_for(odd, "x", half) == Scheme("two_step", ("x",))
    double = parse_expr("(>[x,d,h](&(in3[x,x,d,+])(in2[d,h,half]))(=[h,x]))")
    assert schemes(double, half, 3) == [Scheme("structural", ("x",)), Scheme("two_step", ("d",)),
                                        Scheme("structural", ("d",))]


def test_attempts_are_bounded_and_deterministic() -> None:
    prover = Prover(load(TIP / "maxmin.mpl"))
    s = parse_expr("(>[a,b,c,d,e,f](&(in3[a,b,d,max])(in3[d,c,e,max])(in3[b,c,f,max]))(in3[a,f,e,max]))")
    first = [(a.method, a.scheme, a.variables, [b.role for b in a.blocks]) for a in prover.attempts("t", s)]
    again = [(a.method, a.scheme, a.variables, [b.role for b in a.blocks]) for a in prover.attempts("t", s)]
    assert first == again
    inductions = [a for a in first if a[0] == "induction"]
    assert len(inductions) == prover.settings.induction_candidates
    assert inductions[0] == ("induction", "simultaneous", ("b", "a", "c"),
                             ["type", "base", "base2", "base3", "step"])


# ---------------------------------------------------------------- what gets proved


#: theory -> {target: scheme its proof must use}
EXPECTED = {
    "maxmin.mpl": {"max_zero_right": "structural", "max_comm": "simultaneous", "max_assoc": "simultaneous",
                   "min_zero_right": "structural", "min_comm": "simultaneous", "min_assoc": "simultaneous"},
    "monus.mpl": {"sub_zero_right": "structural", "sub_add_cancel": "structural",
                  "add_sub_cancel": "structural", "sub_self": "structural", "sub_sub": "simultaneous"},
    "order.mpl": {"le_zero_is_eq_zero": "structural", "le_refl": "structural", "eq_zero_comm": "structural",
                  "eq_comm": "simultaneous", "eq_refl": "structural", "max_is_left_iff_le": "simultaneous",
                  "le_succ_right": "simultaneous"},
    "half.mpl": {"add_succ_right": "structural", "half_double": "structural", "even_double": "structural",
                 "even_then_succ_odd": "two_step"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tip_targets_are_proved_by_their_schemes_and_checked(name: str, tmp_path: Path) -> None:
    run = gl.load(TIP / name).prove()
    assert run.all_proved, [(t.name, t.reason) for t in run.theorems if not t.proved]
    doc = run.to_json()
    assert {t["name"]: t["proof"].get("scheme") for t in doc["theorems"]} == EXPECTED[name]
    report = Checker(load(TIP / name)).check(doc)
    assert report.ok and len(report.accepted) == len(EXPECTED[name]), "\n".join(report.lines())


def test_mirrored_peano_proves_the_same_targets(mirrored: Path, tmp_path: Path) -> None:
    run = gl.load(mirrored / "peano_targets.mpl").prove()
    assert run.all_proved, [(t.name, t.reason) for t in run.theorems if not t.proved]
    assert [t.name for t in run.theorems] == [s.name for s in load(PEANO / "peano_targets.mpl").statements]
    report = Checker(load(mirrored / "peano_targets.mpl")).check(run.to_json())
    assert report.ok and len(report.accepted) == 11


def test_proofs_without_a_scheme_field_are_structural(tmp_path: Path) -> None:
    run = gl.load(TIP / "monus.mpl").prove(["sub_zero_right", "sub_add_cancel"])
    doc = run.to_json()
    for t in doc["theorems"]:
        assert t["proof"].pop("scheme") == "structural"
    assert Checker(load(TIP / "monus.mpl")).check(doc).ok


def test_exports_read_every_scheme(tmp_path: Path) -> None:
    """TPTP: each induction problem is the proof's block claims and the instance of its
    scheme (E confirms those of a simultaneous and a two-step proof); HTML: the scheme
    and all variables are shown, the extra cases titled."""
    docs = {name: gl.load(TIP / name).prove(targets).to_json() for name, targets in
            (("order.mpl", ["eq_zero_comm", "eq_comm"]), ("half.mpl", ["even_then_succ_odd"]))}
    texts = {p.what: p.text for name, doc in docs.items() for p in problems(doc, load(TIP / name))}
    comm, odd = texts["eq_comm (induction)"], texts["even_then_succ_odd (induction)"]
    assert "simultaneous induction on a, b" in comm and "fof(claim_base2, axiom" in comm
    assert "two_step induction on x" in odd and "fof(claim_base2, axiom" in odd
    if eprover := find_eprover():
        assert run_eprover([comm, odd], eprover, 20, 2) == ["Theorem", "Theorem"]
    views = {t.name: t for t in build_model(docs["order.mpl"]).theorems}
    assert views["eq_comm"].induction == "a, b ∈ Nat (simultaneous, base Z, successor S)"
    assert [b.title for b in views["eq_comm"].blocks] == ["Type", "Base case", "Second base case",
                                                          "Inductive step"]


# ---------------------------------------------------------------- soundness canaries

FALSE = [
    ("maxmin.mpl", "max_is_left", "(>[a,b,c](in3[a,b,c,max])(=[c,a]))"),
    ("maxmin.mpl", "min_is_right", "(>[a,b,c](in3[a,b,c,min])(=[c,b]))"),
    ("maxmin.mpl", "max_is_min", "(>[a,b,c](in3[a,b,c,max])(in3[a,b,c,min]))"),
    ("half.mpl", "half_is_identity", "(>[x,r](in2[x,r,half])(=[r,x]))"),
    ("half.mpl", "all_even", "(>[x,r](in2[x,r,even])(=[r,true]))"),
    ("order.mpl", "all_le_zero", "(>[x,r](in3[x,Z,r,<=])(=[r,true]))"),
    ("order.mpl", "le_total_wrong", "(>[a,b,c](in3[a,b,c,<=])(in3[b,a,c,<=]))"),
    ("monus.mpl", "monus_comm", "(>[a,b,c](in3[a,b,c,-])(in3[b,a,c,-]))"),
]


@pytest.fixture(scope="module")
def provers() -> dict[str, Prover]:
    """One prover per TIP theory, built on first use with every target of the theory
    proved and in its library (so the canaries meet every lemma at hand)."""
    return {}


@pytest.mark.parametrize("theory,name,statement", FALSE, ids=[f[1] for f in FALSE])
def test_false_statements_are_never_proved(provers: dict[str, Prover], theory: str, name: str,
                                           statement: str) -> None:
    if theory not in provers:
        prover = provers[theory] = Prover(load(TIP / theory))
        for target in prover.theory.statements:
            result = prover.prove(target.name, target.formula)
            assert result.proved
            prover.accept(result)
    assert not provers[theory].prove(name, parse_expr(statement)).proved


def test_schemes_need_distinct_universal_variables() -> None:
    s = parse_expr("(>[a,b,c](in3[a,b,c,max])(in3[b,a,c,max]))")
    assert goal_parts(s)[0] == ("a", "b", "c")
    for variables, scheme, names in [(("a", "a"), "simultaneous", "kljm"), (("a",), "simultaneous", "kl"),
                                     (("a", "b"), "structural", "kljm"), (("a", "q"), "simultaneous", "kljm"),
                                     (("a",), "two_step", "kl"), (("a",), "magic", "kl")]:
        with pytest.raises(ClauseError):
            induction_claims(s, variables, "Nat", "Z", "S", *names, scheme=scheme)

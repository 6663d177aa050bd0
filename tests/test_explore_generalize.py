"""Lemmas a goal needs (`gl.explore.generalize`): accumulators read off the definitions,
the generalization of a goal with a constant in an accumulator position and its residue,
the lemmas its base cases are instances of, lemmas for stuck induction steps, and the
schedule that attempts them first.

Real TIP problems (the three prod accumulator problems' theories and isaplanner/prop_24's,
written here, and a tail-recursive sum of our own), real incubator, enumeration, prover and checker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gl.checker.check import check_file
from gl.core.prover import Prover
from gl.core.session import load
from gl.equations import equation_to_statement
from gl.explore import ExploreConfig, explore
from gl.explore.conjecture import Conjecture
from gl.explore.enumeration import TermEvaluator, enumerate_conjectures, normalize
from gl.explore.generalize import DIRECT, NEEDED, OTHER, PREREQUISITE, goal_lemmas
from gl.explore.pool import conjecture_pool
from gl.explore.schedule import Schedule
from gl.explore.stages import Exploration
from gl.incubator import incubate, numeral_chain
from gl.recursion import definitions
from gl.signature import signature
from mpl_lang.terms import infix

NAT = "(declare-datatype Nat ((Z) (S (p Nat))))\n(define-fun one () Nat (S Z))\n"
PLUS = "(define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))\n"
TIMES = "(define-fun-rec *2 ((x Nat) (y Nat)) Nat (match x ((Z Z) ((S z) (+2 y (*2 z y))))))\n"
#: prod/prop_33, prop_34 and prop_35 of TIP (Ireland and Bundy's accumulator problems)
QFAC = (PLUS + TIMES + "(define-fun-rec fac ((x Nat)) Nat (match x ((Z (S Z)) ((S y) (*2 x (fac y))))))\n"
        "(define-fun-rec qfac ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (qfac z (*2 x y))))))\n"
        "(prove (forall ((x Nat)) (= (fac x) (qfac x one))))\n")
MULT = (PLUS + "(define-fun-rec mult ((x Nat) (y Nat) (z Nat)) Nat "
        "(match x ((Z z) ((S x2) (mult x2 y (+2 y z))))))\n" + TIMES
        + "(prove (forall ((x Nat) (y Nat)) (= (*2 x y) (mult x y Z))))\n")
QEXP = (PLUS + TIMES + "(define-fun-rec exp ((x Nat) (y Nat)) Nat (match y ((Z (S Z)) ((S n) (*2 x (exp x n))))))\n"
        "(define-fun-rec qexp ((x Nat) (y Nat) (z Nat)) Nat (match y ((Z z) ((S n) (qexp x n (*2 x z))))))\n"
        "(prove (forall ((x Nat) (y Nat)) (= (exp x y) (qexp x y one))))\n")
#: our own: a sum that adds up in its second argument, `acc(x-1, y+x)` style
SUM = (PLUS + "(define-fun-rec sum ((x Nat)) Nat (match x ((Z Z) ((S z) (+2 x (sum z))))))\n"
       "(define-fun-rec sumacc ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (sumacc z (+2 x y))))))\n"
       "(prove (forall ((x Nat)) (= (sum x) (sumacc x Z))))\n")
MAX_EQ_LEQ = ("(define-fun-rec max ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (match y ((Z x) "
              "((S x2) (S (max z x2)))))))))\n"
              "(define-fun-rec == ((x Nat) (y Nat)) Bool (match x ((Z (match y ((Z true) ((S z) false)))) "
              "((S x2) (match y ((Z false) ((S y2) (== x2 y2))))))))\n"
              "(define-fun-rec <=2 ((x Nat) (y Nat)) Bool (match x ((Z true) ((S z) (match y ((Z false) "
              "((S x2) (<=2 z x2))))))))\n")
#: enough for the lemmas here (`sum(a) + b`, `(a + b) + c`), small enough to be quick
SMALL = ExploreConfig(max_term_size=5, up_to=4, compute_to=32)


def problem(tmp_path: Path, text: str, name: str = "p") -> Path:
    path = tmp_path / f"{name}.smt2"
    path.write_text(NAT + text, encoding="utf-8")
    return path


def lemmas(path: Path, config: ExploreConfig = SMALL) -> tuple[dict[str, str], list[Conjecture]]:
    """The ranked lemmas of the problem's pool as `rank: infix equation` (rank, text),
    and the new conjectures."""
    theory = load(path).theory
    sig, stats, constants = signature(theory), Exploration(), frozenset(theory.constants)
    inc = incubate(theory, config.up_to, compute_to=config.compute_to)
    chain = numeral_chain(theory, sig)
    ev = TermEvaluator(sig, inc, {chain[0]: 0}, tuple("abc"[: config.max_vars]), config.points, config.extra_points)
    raw = enumerate_conjectures(sig, ev, config, stats)
    pool = conjecture_pool(normalize(raw, constants, stats), [], theory, sig, constants, stats, ev)
    new, ranks = goal_lemmas(pool, definitions(theory), sig, ev, constants, chain)
    by_name = {c.name: c for c in [*pool, *new]}
    shown = {f"{infix(by_name[n].equation[0])} = {infix(by_name[n].equation[1])}": r for n, r in ranks.items()}
    return shown, new


@pytest.mark.parametrize(("text", "accumulators", "unfolds"), [
    (QFAC, {"qfac": [1]}, {"+": ["S"], "*": ["+"], "fac": ["*"], "qfac": ["qfac"]}),
    (MULT, {"mult": [2]}, {"+": ["S"], "*": ["+"], "mult": ["mult"]}),
    (QEXP, {"qexp": [2]}, {"+": ["S"], "*": ["+"], "exp": ["*"], "qexp": ["qexp"]}),
    (SUM, {"sumacc": [1]}, {"+": ["S"], "sum": ["+"], "sumacc": ["sumacc"]}),
], ids=["prop_33", "prop_34", "prop_35", "sum"])
def test_accumulators_and_unfolding_are_read_off_the_definitions(tmp_path, text, accumulators, unfolds):
    defs = definitions(load(problem(tmp_path, text)).theory)
    assert {f: sorted(js) for f, js in defs.accumulators.items()} == accumulators
    assert {f: sorted(gs) for f, gs in defs.unfolds.items()} == unfolds


def test_peano_has_no_accumulator():
    defs = definitions(load("examples/peano/peano.mpl").theory)
    assert defs.accumulators == {} and defs.unfolds == {"+": frozenset({"s"}), "*": frozenset({"+"})}


@pytest.mark.parametrize(("text", "generalization", "residue"), [
    (MULT, "mult(a, b, c) = a * b + c", "a + Z = a"),
    (QFAC, "qfac(a, b) = fac(a) * b", "a * one = a"),
    (QEXP, "qexp(a, b, c) = exp(a, b) * c", "a * one = a"),
    (SUM, "sumacc(a, b) = sum(a) + b", "a + Z = a"),
], ids=["prop_34", "prop_33", "prop_35", "sum"])
def test_the_generalization_and_its_residue_are_ranked_first(tmp_path, text, generalization, residue):
    ranked, new = lemmas(problem(tmp_path, text))
    assert ranked[generalization] == DIRECT
    assert ranked[residue] == NEEDED
    # stated with the generalized term on the left, where its definition applies forwards
    assert any(c.name.startswith("generalization") and infix(c.equation[0]).startswith(generalization[:4])
               for c in new)
    if "one" in residue:  # the enumeration has no `one`: the residue is a new conjecture
        assert any(c.name.startswith("goal_lemma") for c in new)


def test_the_base_cases_ask_for_the_lemmas_they_are_instances_of(tmp_path):
    """isaplanner/prop_24: at a = Z the goal is `b == Z = b <= Z`, at a = S(a), b = Z
    it is `a == a = true`."""
    ranked, _ = lemmas(problem(tmp_path, MAX_EQ_LEQ + "(prove (forall ((a Nat) (b Nat)) "
                                                        "(= (== (max a b) a) (<=2 b a))))\n"))
    assert ranked["a == a = true"] == DIRECT and ranked["a == Z = a <= Z"] == DIRECT


def test_a_stuck_step_asks_for_distributivity_and_the_laws_of_its_functions(tmp_path):
    goal = "(prove (forall ((x Nat) (y Nat) (z Nat)) (= (*2 (*2 x y) z) (*2 x (*2 y z)))))\n"
    ranked, new = lemmas(problem(tmp_path, PLUS + TIMES + goal), ExploreConfig(max_term_size=7, up_to=4,
                                                                                compute_to=32))
    assert not new
    needed = [eq for eq, r in ranked.items() if r == NEEDED]
    assert "a * b + c * b = (a + c) * b" in needed  # (x + y) * z, where s(a) * b = b + a * b leaves it
    assert "(a + b) + c = a + (b + c)" in needed  # where distributivity's right side gets stuck
    assert ranked["a + b = b + a"] == PREREQUISITE


def test_the_schedule_attempts_the_ranked_lemmas_first_in_their_family():
    def law(name: str, lhs, rhs) -> Conjecture:
        return Conjecture(name, equation_to_statement(lhs, rhs, "N"), "explored", 9, (lhs, rhs))
    defs = definitions(load("examples/peano/peano.mpl").theory)
    schedule = Schedule(retries=1, recursion_bonus=4, failure_penalty=3, succ="s", definitions=defs)
    plain = law("plain", ("*", "a", ("s", "b")), ("+", ("*", "a", "b"), "a"))
    focus = law("focus", ("*", ("+", "a", "b"), "c"), ("+", ("*", "a", "c"), ("*", "b", "c")))
    general = law("general", ("*", "a", "b"), ("*", "b", "a"))
    schedule.focus.update({"focus": NEEDED, "general": DIRECT})
    assert [[c.name for c in group] for group in schedule.families([plain, focus, general])] \
        == [["general"], ["focus"], ["plain"]]
    # a needed lemma that failed comes in its family's order, and is retried without limit
    for _ in range(3):
        schedule.started(focus)
        schedule.failed_with(focus, None)
    assert schedule.goal_rank(focus) == OTHER and schedule.goal_rank(general) == DIRECT
    schedule.proved(law("helps", ("+", "a", "b"), ("+", "b", "a")))
    assert schedule.due(focus)


def test_a_tail_recursive_sum_is_proved_through_its_generalization(tmp_path):
    path = problem(tmp_path, SUM)
    run = explore(load(path), timeout=60, config=ExploreConfig(until_targets=True, max_term_size=5))
    proved = [t.name for t in run.proved]
    assert "goal" in proved and any(n.startswith("generalization") for n in proved), proved
    report = check_file(run.write(tmp_path / "out"))
    assert report.ok and "goal" in report.accepted


def test_canary_a_false_generalization_or_residue_is_never_proved(tmp_path):
    """The lemmas come from conjectures; only the prover makes theorems of them: a
    generalization that is false (`sumacc(a, b) = sum(a)`, true at b = Z only) is not
    proved, and a residue that evaluation refutes never joins the pool."""
    path = problem(tmp_path, SUM)
    theory = load(path).theory
    sig, constants = signature(theory), frozenset(theory.constants)
    false = equation_to_statement(("sumacc", "a", "b"), ("sum", "a"), sig.domain, constants)
    assert not Prover(theory).prove("canary", false).proved
    inc = incubate(theory, 3)
    ev = TermEvaluator(sig, inc, {"Z": 0}, ("a", "b"), (0, 1, 2))
    lie = ("sumacc", "a", "b"), ("+", "a", ("sum", "a"))  # a false "generalization" in the pool
    pool = [Conjecture("goal", equation_to_statement(("sum", "x"), ("sumacc", "x", "Z"), sig.domain, constants),
                       "conjecture", 5, (("sum", "x"), ("sumacc", "x", "Z"))),
            Conjecture("lie", equation_to_statement(*lie, sig.domain, constants), "explored", 9, lie)]
    new, ranks = goal_lemmas(pool, definitions(theory), sig, ev, constants, numeral_chain(theory, sig))
    # its residue `x + sum(x) = sum(x)` is refuted on the numerals: no lemma is made of it
    assert [c.equation for c in new] == [(("sumacc", "a", "b"), ("+", "a", ("sum", "a")))]
    assert ranks[new[0].name] == DIRECT and not Prover(theory).prove("lie", new[0].statement).proved

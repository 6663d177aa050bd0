"""benchmarks/tip.py: the problem as cvc5 reads it (goal negated, `(check-sat)` appended,
clashing names renamed), the verdicts read off both tools' output, and one real run of the
script on two TIP problems with a short limit (real cvc5, real gl)."""

from __future__ import annotations

import doctest
import importlib
import json
import subprocess
import sys

import pytest
from conftest import ROOT, missing, need_cvc5
from hypothesis import given, settings
from hypothesis import strategies as st

from mpl_lang.errors import MPLError

tip = importlib.import_module("benchmarks.tip")

PROP_35 = "prod/prop_35"  # defines a function `exp`, which cvc5 already names


def tip_folder():
    if not tip.DEFAULT_TIP.is_dir():
        missing(f"{tip.DEFAULT_TIP} is not present (../shared beside the repository)")
    return tip.DEFAULT_TIP


def test_examples_in_the_docstrings():
    assert doctest.testmod(tip).failed == 0


def test_goal_is_negated_in_place_and_check_sat_appended():
    text = (tip_folder() / "prod/prop_01.smt2").read_text(encoding="utf-8")
    out = tip.cvc5_input(text)
    goal = "(forall ((x Nat)) (= (double x) (+2 x x)))"
    assert f"(prove {goal})" in text
    assert out == text.replace(f"(prove {goal})", f"(assert (not {goal}))") + "(check-sat)\n"


def test_several_goals_become_one_negated_conjunction():
    text = "(declare-const p Bool)\n(prove p)\n; between\n(prove (not (not p)))\n"
    assert tip.cvc5_input(text) == ("(declare-const p Bool)\n\n; between\n"
                                    "(assert (not (and p (not (not p)))))\n(check-sat)\n")


def test_prove_in_comments_strings_and_quoted_symbols_is_not_a_goal():
    text = '; (prove no)\n(define-fun |(prove x)| () String "(prove y)")\n(prove true)'
    out = tip.cvc5_input(text)
    assert out.count("(assert") == 1 and out.endswith("(assert (not true))\n(check-sat)\n")
    assert out.startswith('; (prove no)\n(define-fun |(prove x)| () String "(prove y)")\n')


@pytest.mark.parametrize(("text", "message"), [
    ("(declare-const p Bool)", "p.smt2:1:1: no (prove ...) goal"),
    ("(prove (and p q)", "p.smt2:1:1: '(' is never closed"),
    ("(prove p))", "p.smt2:1:10: unexpected ')'"),
    ('(prove |p)', "p.smt2:1:8: quoted symbol is never closed"),
    ('(prove "p)', "p.smt2:1:8: string is never closed"),
])
def test_malformed_problems_are_located(text, message):
    with pytest.raises(MPLError) as caught:
        tip.cvc5_input(text, "p.smt2")
    assert str(caught.value) == message


def test_renaming_a_clashing_function_touches_only_that_symbol():
    text = (tip_folder() / f"{PROP_35}.smt2").read_text(encoding="utf-8")
    new = tip.fresh_name(text, "exp")
    renamed = tip.rename_symbols(tip.cvc5_input(text), {"exp": new})
    assert new == "exp_1" and "exp_1" not in text
    assert "(exp x y)" in text and "(exp_1 x y)" in renamed and "(qexp x y one)" in renamed
    assert renamed == tip.cvc5_input(text).replace("(exp ", "(exp_1 ").replace("  exp\n", "  exp_1\n")


SYMBOL = st.text("abcxyz+-*<=_.!?", min_size=1, max_size=5)
ATOM = st.one_of(SYMBOL, SYMBOL.map(lambda s: f"|{s} ({s}|"), st.text("ab ()", max_size=4).map(lambda s: f'"{s}"'))
SEXP = st.recursive(ATOM, lambda inner: st.lists(inner, max_size=4).map(lambda xs: f"({' '.join(xs)})"),
                    max_leaves=12)
BLANK = st.sampled_from([" ", "\n", "  ", "\n; note (prove z)\n"])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.tuples(SEXP, BLANK), max_size=5), SEXP, BLANK)
def test_any_problem_keeps_its_text_and_negates_its_goal(forms, goal, blank):
    body = "".join(f + b for f, b in forms if not f.startswith("(prove"))
    text = f"{body}(prove {goal}){blank}"
    assert tip.rename_symbols(text, {}) == text
    out = tip.cvc5_input(text)
    assert out == f"{body}(assert (not {goal})){blank}".removesuffix("\n") + "\n(check-sat)\n"


def finished(out="", err="", rc=0, seconds=1.0, killed=False):
    return tip.Finished(rc, out, err, seconds, killed)


@pytest.mark.parametrize(("run", "verdict"), [
    (finished("unsat\n"), ("proved", "")),
    (finished("sat\n"), ("failed", "sat")),
    (finished("unknown\n"), ("failed", "unknown")),
    (finished(err="cvc5 interrupted by timeout.\n", rc=134), ("failed", "timeout")),
    (finished(killed=True, rc=-9), ("failed", "timeout")),
    (finished('(error "Parse Error: p.smt2:1.2: Expected SMT-LIBv2 command")\n', rc=1),
     ("error", "Parse Error: p.smt2:1.2: Expected SMT-LIBv2 command")),
    (finished(err="Segmentation fault\n", rc=139), ("error", "Segmentation fault")),
    (finished(rc=3), ("error", "exit code 3")),
])
def test_cvc5_verdicts(run, verdict):
    assert tip.cvc5_verdict(run) == verdict


def test_gl_verdicts():
    goal = {"name": "goal", "origin": "target", "status": "proved"}
    lemma = {"name": "l1", "origin": "explored", "status": "unproved", "reason": "cycles"}
    assert tip.goals_verdict({"theorems": [lemma, goal]}, ["goal"]) == ("proved", "")
    assert tip.goals_verdict({"theorems": [lemma]}, ["goal"]) == ("failed", "goal: not attempted")
    assert tip.goals_verdict({"theorems": [goal]}, [])[0] == "error"
    two = {**goal, "name": "goal_2", "status": "unproved", "reason": None}
    assert tip.goals_verdict({"theorems": [goal, two]}, ["goal", "goal_2"]) \
        == ("failed", "goal_2: unproved")
    accepted = "theory ...\naccepted goal: ∀a: a = a\naccepted goal_2: ∀a: a = a\n"
    assert tip.check_verdict(finished(accepted), ["goal", "goal_2"]) == ("proved", "")
    assert tip.check_verdict(finished(accepted.replace("goal_2", "l1")), ["goal", "goal_2"]) \
        == ("error", "gl check did not accept goal_2")
    assert tip.check_verdict(finished(killed=True), ["goal"]) == ("error", "gl check: killed")


def test_a_proof_after_the_limit_counts_as_failed():
    on_time = tip.Result("prod/p", "gl", "proved", 9.9)
    assert tip.judged(on_time, 10) == on_time
    late = tip.judged(tip.Result("prod/p", "cvc5", "proved", 10.5), 10)
    assert (late.status, late.note) == ("failed", "late: proved in 10.5 s")


def test_totals_put_the_renamed_run_in_place_of_the_parse_error():
    results = [tip.Result("a/x", "cvc5", "proved", 1.0), tip.Result("b/y", "cvc5", "error", 0.0),
               tip.Result("b/y", "cvc5*", "failed", 3.0, "exp renamed to exp_1; timeout")]
    sums = tip.totals(results, ["cvc5"])
    assert sums["cvc5"]["b"] == {"proved": 0, "failed": 0, "error": 1, "median_s": 0.0,
                                 "median_proved_s": None}
    assert sums["cvc5*"]["b"]["failed"] == 1 and sums["cvc5*"]["all"]["median_s"] == 2.0
    assert sums["cvc5*"]["all"]["median_proved_s"] == 1.0


def test_the_script_on_two_problems(tmp_path):
    need_cvc5()
    tip_folder()
    out = tmp_path / "tip.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks/tip.py"), "isaplanner/prop_06",
                           PROP_35, "--limit", "3", "--jobs", "2", "--json", str(out)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    got = {(r["problem"], r["tool"]): r for r in doc["results"]}
    assert sorted(got) == [("isaplanner/prop_06", "cvc5"), ("isaplanner/prop_06", "gl"),
                           (PROP_35, "cvc5"), (PROP_35, "cvc5*"), (PROP_35, "gl")]
    assert got["isaplanner/prop_06", "cvc5"]["status"] == "proved"
    clash = got[PROP_35, "cvc5"]
    assert clash["status"] == "error" and "Symbol `exp' is shadowing" in clash["note"]
    assert str(tip.DEFAULT_TIP / f"{PROP_35}.smt2") in clash["note"]  # not the temporary copy
    assert got[PROP_35, "cvc5*"]["note"].startswith("exp renamed to exp_1")
    assert got[PROP_35, "cvc5*"]["status"] in ("proved", "failed")
    for r in doc["results"]:
        assert r["status"] in tip.STATUSES and r["seconds"] >= 0
    # gl imports both problems and runs; what it proves in 3 s depends on the machine
    assert got["isaplanner/prop_06", "gl"]["status"] != "error", got["isaplanner/prop_06", "gl"]
    assert got[PROP_35, "gl"]["status"] != "error", got[PROP_35, "gl"]
    assert doc["settings"]["limit_s"] == 3 and doc["settings"]["jobs"] == 2
    assert doc["totals"]["cvc5"]["all"]["error"] == 1 and doc["totals"]["cvc5*"]["all"]["error"] == 0
    assert "isaplanner/prop_06" in done.stdout and "* cvc5: " in done.stdout


def test_each_clashing_name_is_renamed_in_turn(tmp_path):
    need_cvc5()
    problem = tmp_path / "two_clashes.smt2"
    problem.write_text("(declare-datatype Nat ((Z) (S (p Nat))))\n"
                       "(define-fun exp ((x Nat)) Nat (S x))\n"
                       "(define-fun sin ((x Nat)) Nat (exp x))\n"
                       "(prove (forall ((x Nat)) (= (sin x) (S x))))\n", encoding="utf-8")
    first, renamed = tip.run_cvc5("t/two_clashes", problem, 10.0, tmp_path)
    assert (first.tool, first.status) == ("cvc5", "error")
    assert f"{problem}:2." in first.note and "Symbol `exp' is shadowing" in first.note
    assert (renamed.tool, renamed.status) == ("cvc5*", "proved")
    assert renamed.note == "exp renamed to exp_1, sin renamed to sin_1"

"""TIP import (mpl_lang/tip.py): the 35 problems of ../shared/tip import and compile, the
encoding of a few is pinned, every unsupported construct is a located one-line error, the
s-expression reader round-trips and never crashes, and the real prover and checker work on
imported problems (and never prove a false one). Also `assume` (TIP's assert) end to end,
with the checker under attack, and the in4 graph relation."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from conftest import ROOT, missing, need_shared
from helpers import tip_eval
from helpers.cli import one_line_error, run_gl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gl.checker import check_file
from gl.core.prover import Prover, Settings
from mpl_lang import (
    MPLError,
    decl_to_mpl,
    load,
    module_to_mpl,
    parse_expr,
    parse_module,
    readable,
    to_mpl,
)
from mpl_lang.errors import ArityError
from mpl_lang.terms import decode_graph, encode_graph
from mpl_lang.tip import SList, Symbol, UnsupportedTIPError, read_sexps, show_sexp, translate

TIP = ROOT.parent / "shared" / "tip"
PROBLEMS = sorted(p.relative_to(TIP).as_posix() for p in TIP.glob("*/*.smt2")) if TIP.is_dir() else []

NAT = "(declare-datatype Nat ((Z) (S (p Nat))))\n"
PLUS = "(define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))\n"
LEQ = ("(define-fun-rec <=2 ((x Nat) (y Nat)) Bool (match x ((Z true) ((S z) (match y "
       "((Z false) ((S x2) (<=2 z x2))))))))\n")


def problem(name: str) -> Path:
    """A TIP problem of ../shared/tip (skipped, or failed under CI, when it is absent)."""
    need_shared()
    if not (TIP / name).is_file():
        missing(f"{TIP / name} is not present")
    return TIP / name


def write(tmp_path: Path, text: str, name: str = "p.smt2") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def write_tmp(text: str, name: str) -> Path:
    """`write` for the hypothesis tests, which cannot take pytest's tmp_path."""
    path = Path(tempfile.mkdtemp()) / name
    path.write_text(text, encoding="utf-8")
    return path


def expr(text: str):
    return parse_expr(text)


# ---------------------------------------------------------------- the 35 problems


def test_the_shared_collection_has_35_problems() -> None:
    need_shared()
    assert len([p for p in PROBLEMS if p.startswith("isaplanner/")]) == 21
    assert len([p for p in PROBLEMS if p.startswith("prod/")]) == 14


@pytest.mark.parametrize("name", PROBLEMS or ["isaplanner/prop_06.smt2"])
def test_every_problem_imports_and_compiles(tmp_path: Path, name: str) -> None:
    path = problem(name)
    theory = load(path)
    assert theory.constants[:3] == ("Nat", "Z", "S")
    assert [(i.set, i.base, i.succ) for i in theory.inductions] == [("Nat", "Z", "S")]
    assert [s.name for s in theory.statements] == ["goal"] and not theory.assumptions
    assert all(not isinstance(c, Exception) for c in theory.axioms())  # every axiom is a rule
    # the MPL text is an ordinary theory file: read back, it is the same theory
    tip = translate(path.read_text(encoding="utf-8"), str(path))
    assert load(write(tmp_path, tip.mpl, "p.mpl")).decls() == theory.decls()


def test_max_is_encoded_case_by_case_both_ways() -> None:
    theory = load(problem("isaplanner/prop_22.smt2"))
    assert theory.constants == ("Nat", "Z", "S", "max")
    assert theory.definitions["Fun_max"].body == expr(
        "(&(fXYZ[max,Nat,Nat,Nat])"
        "(>[y](in[y,Nat])(in3[Z,y,y,max]))(>[y,a](in3[Z,y,a,max])(=[a,y]))"
        "(>[z,a](in2[z,a,S])(in3[a,Z,a,max]))(>[z,a,b](&(in2[z,a,S])(in3[a,Z,b,max]))(in2[z,b,S]))"
        "(>[z,x2,a,b,c,d](&(in3[z,x2,a,max])(in2[a,b,S])(in2[z,c,S])(in2[x2,d,S]))(in3[c,d,b,max]))"
        "(>[z,x2,a,b,c,d](&(in2[z,a,S])(in2[x2,b,S])(in3[a,b,c,max])(in3[z,x2,d,max]))(in2[d,c,S])))")
    goal = theory.statements[0].formula
    assert goal == expr("(>[a,b,c,d,e,f](&(in3[a,b,d,max])(in3[d,c,e,max])(in3[b,c,f,max]))(in3[a,f,e,max]))")
    assert readable(goal) == "∀a,b,c: max(max(a, b), c) = max(a, max(b, c))"


def test_a_bool_equation_is_an_equality_of_values() -> None:
    theory = load(problem("isaplanner/prop_17.smt2"))
    assert theory.constants == ("Nat", "Z", "S", "Bool", "true", "false", "==", "<=")
    assert theory.definitions["Booleans"].body == expr(
        "(&(in[true,Bool])(in[false,Bool])!(=[true,false])(>[b](in[b,Bool])(>[]!(=[b,true])(=[b,false]))))")
    assert "(fXYZ[<=,Nat,Nat,Bool])" in to_mpl(theory.definitions["Fun_lt_eq_2"].body)
    assert theory.statements[0].formula == expr("(>[n,a](in3[n,Z,a,<=])(in3[n,Z,a,==]))")


def test_a_three_argument_function_is_an_in4_graph() -> None:
    theory = load(problem("prod/prop_34.smt2"))
    mult = theory.definitions["Fun_mult"].body
    assert mult.parts[0] == expr("(fXYZW[mult,Nat,Nat,Nat,Nat])")
    assert expr("(>[x2,y,z,a,b,c](&(in3[y,z,a,+])(in4[x2,y,a,b,mult])(in2[x2,c,S]))(in4[c,y,z,b,mult]))") in mult.parts
    assert theory.statements[0].formula == expr("(>[x,y,a](in3[x,y,a,*])(in4[x,y,Z,a,mult]))")
    assert readable(theory.statements[0].formula) == "∀x,y: x * y = mult(x, y, Z)"


def test_a_nullary_definition_is_a_named_element() -> None:
    theory = load(problem("prod/prop_33.smt2"))
    assert theory.constants == ("Nat", "Z", "S", "one", "+", "*", "fac", "qfac")
    assert theory.definitions["Element_one"].body == expr("(&(in[one,Nat])(in2[Z,one,S]))")
    assert theory.statements[0].formula == expr("(>[x,a](in2[x,a,fac])(in3[x,one,a,qfac]))")


def test_names_that_are_not_mpl_identifiers_are_mapped_and_reported() -> None:
    tip = translate(NAT + PLUS + "(define-fun-rec |-2| ((x Nat) (y Nat)) Nat (match x ((Z Z) ((S z) "
                    "(match y ((Z x) ((S x2) (|-2| z x2))))))))\n"
                    "(define-fun-rec +3 ((x Nat)) Nat (+2 x x))\n(prove (= (|-2| Z Z) Z))")
    assert tip.names == {"+": "+2", "-": "-2", "plus_3": "+3"}
    assert "# Names: TIP +2 is +; TIP -2 is -; TIP +3 is plus_3" in tip.mpl


def test_the_mpl_text_shows_where_each_block_comes_from() -> None:
    tip = translate(NAT + PLUS + "(prove (forall ((x Nat)) (= (+2 x Z) x)))\n", "add.smt2")
    assert "# (define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))" in tip.mpl
    assert "# (prove (forall ((x Nat)) (= (+2 x Z) x)))\ntarget goal := (>[x](in[x,Nat])(in3[x,Z,x,+]))" in tip.mpl
    # declarations are located at the TIP command they come from
    goal = next(d for d in tip.decls if getattr(d, "name", "") == "goal")
    assert str(goal.loc) == "add.smt2:3:1"


# ---------------------------------------------------------------- the rest of the fragment


def statements(text: str) -> list[str]:
    return [to_mpl(s.formula) for s in translate(NAT + PLUS + LEQ + text).decls if hasattr(s, "formula")]


def test_implication_negation_distinct_and_conjunction() -> None:
    assert statements("(prove (forall ((m Nat) (n Nat)) (=> (<=2 m n) (<=2 m (S n)))))") == [
        "(>[m,n,a](&(in3[m,n,true,<=])(in2[n,a,S]))(in3[m,a,true,<=]))"]
    assert statements("(prove (forall ((n Nat)) (not (<=2 (S n) n))))") == [
        "(>[n,a](in2[n,a,S])(in3[a,n,false,<=]))"]
    assert statements("(prove (forall ((n Nat)) (distinct (S n) Z)))") == ["(>[n](in[n,Nat])!(in2[n,Z,S]))"]
    assert statements("(prove (forall ((n Nat)) (and (= (+2 Z n) n) (<=2 n n))))") == [
        "(>[n](in[n,Nat])(in3[Z,n,n,+]))", "(>[n](in[n,Nat])(in3[n,n,true,<=]))"]
    assert statements("(prove (forall ((n Nat)) (or (= n Z) (<=2 (S Z) n))))") == [
        "(>[n,a](&!(=[n,Z])(in2[Z,a,S])(in[n,Nat]))(in3[a,n,true,<=]))"]


def test_ite_splits_a_definition_into_conditional_cases() -> None:
    body = load_text("(define-fun m2 ((x Nat) (y Nat)) Nat (ite (<=2 x y) y x))\n"
                     "(prove (forall ((a Nat)) (= (m2 a a) a)))").definitions["Fun_m2"].body
    assert expr("(>[x,y,a](&(in3[x,y,true,<=])(in3[x,y,a,m2]))(=[a,y]))") in body.parts
    assert expr("(>[x,y](in3[x,y,false,<=])(in3[x,y,x,m2]))") in body.parts


def test_match_on_a_term_and_catch_all_patterns() -> None:
    body = load_text("(define-fun-rec pr ((x Nat)) Nat (match (+2 x x) ((Z Z) (_ x))))\n"
                     "(prove (= (pr Z) Z))").definitions["Fun_pr"].body
    assert expr("(>[x,n,a,b](&(in3[x,x,a,+])(in2[n,a,S])(in2[x,b,pr]))(=[b,x]))") in body.parts
    body = load_text("(define-fun-rec pd ((x Nat)) Nat (match x ((Z Z) (k x))))\n"
                     "(prove (= (pd Z) Z))").definitions["Fun_pd"].body
    assert expr("(>[n,a](in2[n,a,S])(in2[a,a,pd]))") in body.parts


def load_text(text: str):
    return load(write_tmp(NAT + PLUS + LEQ + text, "p.smt2"))


# ---------------------------------------------------------------- errors


HOSTILE = {
    "lists": ("(declare-datatype list (par (a) ((nil) (cons (head a) (tail (list a))))))", "par", 1, 24),
    "par": (NAT + "(define-fun-rec (par (a) (f ((x a)) a x)))", "par", 2, 17),
    "lambda": (NAT + PLUS + "(prove (forall ((x Nat)) (= (+2 x Z) ((lambda ((y Nat)) y) x))))", "lambda", 3, 38),
    "selector": (NAT + "(define-fun q ((x Nat)) Nat (p x))", "p", 2, 30),
    "declare-fun": (NAT + "(declare-fun f (Nat) Nat)", "declare-fun", 2, 1),
    "two datatypes": (NAT + "(declare-datatype N2 ((Z2) (S2 (p2 N2))))", "declare-datatype", 2, 1),
    "arity 4": (NAT + "(define-fun f ((a Nat) (b Nat) (c Nat) (d Nat)) Nat a)", "define-fun", 2, 1),
    "Int": (NAT + "(define-fun f ((a Int)) Nat Z)", "Int", 2, 19),
    "list datatype": ("(declare-datatype L ((nil) (cons (h Bool) (t L))))", "L", 1, 21),
    "exists": (NAT + "(prove (exists ((x Nat)) (= x Z)))", "exists", 2, 8),
    "let": (NAT + "(prove (forall ((x Nat)) (let ((y x)) (= y x))))", "let", 2, 26),
    "or in a hypothesis": (NAT + PLUS + "(prove (forall ((x Nat)) (=> (or (= x Z) (= x (S Z))) (= x x))))",
                           "or", 3, 30),
    "numeral": (NAT + "(prove (= Z 0))", "0", 2, 13),
    "polymorphic datatypes": ("(declare-datatypes ((T 1)) ((par (a) ((c (f a))))))", "declare-datatypes", 1, 21),
    # a definition that need not terminate would be an inconsistent axiom (f(x) = S(f(x)))
    "non-terminating": (NAT + "(define-fun-rec f ((x Nat)) Nat (S (f x)))", "define-fun-rec", 2, 1),
    "growing argument": (NAT + "(define-fun-rec f ((x Nat)) Nat (match x ((Z Z) ((S y) (f (S x))))))",
                         "define-fun-rec", 2, 1),
    "recursive condition": (NAT + "(define-fun-rec f ((x Nat)) Nat (ite (= (f x) Z) (S Z) Z))", "define-fun-rec", 2, 1),
}


def test_recursion_in_a_lexicographic_order_of_arguments_imports(tmp_path: Path) -> None:
    ack = ("(define-fun-rec ack ((m Nat) (n Nat)) Nat (match m ((Z (S n)) ((S k) (match n "
           "((Z (ack k (S Z))) ((S j) (ack k (ack m j)))))))))")
    assert load(write(tmp_path, NAT + ack + "(prove (forall ((n Nat)) (= (ack Z n) (S n))))"))


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_each_unsupported_construct_is_a_located_one_line_error(tmp_path: Path, capsys, case: str) -> None:
    text, construct, line, col = HOSTILE[case]
    path = write(tmp_path, text)
    with pytest.raises(UnsupportedTIPError) as err:
        load(path)
    assert str(err.value).startswith(f"{path}:{line}:{col}: unsupported TIP construct '{construct}'")
    assert "\n" not in str(err.value)
    message = one_line_error(capsys, "parse", str(path))
    assert f"{path}:{line}:{col}: unsupported TIP construct '{construct}'" in message


@pytest.mark.parametrize(("text", "where", "words"), [
    ("(declare-datatype Nat ((Z) (S (p Nat)))", "1:1", "'(' is never closed"),
    (NAT + "(prove (= Z Z)))", "2:16", "unexpected ')'"),
    (NAT + "(prove (= Z #))", "2:13", "unexpected character '#'"),
    (NAT + "(prove (= Z |Z))", "2:13", "quoted symbol is never closed"),
    (NAT + "(prove (= Z (S Z Z)))", "2:13", "'S' takes 1 argument, got 2"),
    (NAT + "(prove (= Z y))", "2:13", "unknown symbol 'y'"),
    (NAT + LEQ + "(prove (= Z (<=2 Z Z)))", "3:13", "sort mismatch: (<=2 Z Z) is Bool, expected Nat"),
    ("(prove (= Z Z))", "1:1", "the natural-number datatype must be declared first"),
    ("", "1:1", "no datatype declared"),
    ("(" * 150 + ")" * 150, "1:101", "nested deeper than 100 levels"),
])
def test_bad_tip_text_is_a_located_error(tmp_path: Path, capsys, text: str, where: str, words: str) -> None:
    path = write(tmp_path, text)
    message = one_line_error(capsys, "parse", str(path))
    assert f"{path}:{where}: " in message and words in message


# ---------------------------------------------------------------- the s-expression reader

_CHARS = "abcXYZ019+-*/<=>.?!_~@$%^&:"
leaf = st.one_of(
    st.builds(Symbol, st.text(_CHARS, min_size=1, max_size=6)),
    st.builds(Symbol, st.text("ab ()\n;\"#", max_size=6), st.just(True)),
    st.builds(lambda t: Symbol(t, string=True), st.text('ab ()|\n;"', max_size=6)),
)
sexps = st.recursive(leaf, lambda kids: st.lists(kids, max_size=4).map(lambda xs: SList(tuple(xs))), max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(st.lists(sexps, max_size=4))
def test_read_and_show_round_trip(doc: list) -> None:
    text = "\n".join(show_sexp(e) for e in doc)
    assert read_sexps(text) == doc
    assert read_sexps(" ; comment\n".join(show_sexp(e) for e in doc) + " ; end") == doc


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("() |\";\nab+-Z#\t\r\\")) | st.characters(), max_size=60))
def test_arbitrary_text_gives_sexps_or_one_located_error(text: str) -> None:
    try:
        read_sexps(text, "t.smt2")
    except MPLError as exc:
        assert exc.file == "t.smt2" and exc.line >= 1 and exc.col >= 1 and "\n" not in str(exc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_edited_problems_import_or_fail_with_a_located_error(data: st.DataObject) -> None:
    source = NAT + PLUS + LEQ + "(prove (forall ((n Nat) (m Nat)) (=> (<=2 n m) (<=2 n (+2 m m)))))\n"
    cut = data.draw(st.integers(0, len(source)))
    end = data.draw(st.integers(cut, min(len(source), cut + 8)))
    insert = data.draw(st.text(alphabet="()| Z S x+2=", max_size=4))
    text = source[:cut] + insert + source[end:]
    try:
        load(write_tmp(text, "edit.smt2"))
    except MPLError as exc:
        assert exc.line >= 1 and exc.col >= 1 and "\n" not in str(exc)


# ---------------------------------------------------------------- prover and checker


def prove_and_check(capsys, path: Path, out: Path, *extra: str) -> tuple[int, dict, str]:
    code, _, _ = run_gl(capsys, "prove", str(path), "--targets-only", "--timeout", "60", "--out", str(out), *extra)
    doc = json.loads((out / "proofs.json").read_text(encoding="utf-8"))
    check_code, check_out, _ = run_gl(capsys, "check", str(out / "proofs.json"))
    assert check_code == 0, check_out
    return code, doc, check_out


@pytest.mark.parametrize("name", ["prod/lemma_01.smt2", "isaplanner/prop_06.smt2"])
def test_gl_proves_imported_goals_and_the_checker_accepts_them(tmp_path: Path, capsys, name: str) -> None:
    code, doc, out = prove_and_check(capsys, problem(name), tmp_path)
    assert code == 0 and [t["status"] for t in doc["theorems"]] == ["proved"]
    assert "1 of 1 proved theorems accepted" in out and "accepted goal: " in out
    if name == "prod/lemma_01.smt2":  # + recurses on its first argument: induction on x
        assert doc["theorems"][0]["proof"]["variable"] == "x"
        assert "accepted goal: ∀x,y: x + S(y) = S(x + y)" in out


@pytest.mark.parametrize("goal", [
    "(forall ((x Nat) (y Nat)) (= (+2 x y) x))",
    "(forall ((x Nat)) (= (+2 x x) x))",
    "(forall ((x Nat)) (<=2 (S x) x))",
    "(forall ((x Nat) (y Nat)) (=> (<=2 x y) (= x y)))",
    "(= (S Z) Z)",
])
def test_a_false_tip_goal_is_never_proved(tmp_path: Path, capsys, goal: str) -> None:
    path = write(tmp_path, NAT + PLUS + LEQ + f"(prove {goal})\n")
    code, doc, out = prove_and_check(capsys, path, tmp_path / "out", "--max-cycles", "8")
    assert code == 1 and doc["theorems"][-1]["status"] == "unproved"
    assert "0 of 0 proved theorems accepted" in out


# ---------------------------------------------------------------- assume


ASSUMING = NAT + PLUS + ("(assert (forall ((x Nat) (y Nat)) (= (+2 x y) (+2 y x))))\n"
                         "(prove (forall ((a Nat) (b Nat)) (= (+2 (+2 a b) Z) (+2 b a))))\n")


def test_assert_is_an_assumption_that_proofs_cite_and_the_checker_reports(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, ASSUMING)
    theory = load(path)
    assert [(a.name, a.kind) for a in theory.assumptions] == [("given", "assume")]
    assert to_mpl(theory.assumptions[0].formula) == "(>[x,y,a](in3[x,y,a,+])(in3[y,x,a,+]))"
    code, doc, out = prove_and_check(capsys, path, tmp_path / "out")
    assert code == 0
    given_entry, goal = doc["theorems"]
    assert (given_entry["name"], given_entry["status"], given_entry["origin"], given_entry["proof"]) == (
        "given", "assumed", "assumption", None)
    assert goal["status"] == "proved" and "given" in goal["cites"]
    assert "1 of 1 proved theorems accepted, 0 unproved, 1 assumed (not proved)" in out
    assert "assumed given: ∀x,y: x + y = y + x" in out
    assert re.search(r"accepted goal: .* \(assuming given\)", out)


def test_the_proof_site_shows_an_assumption_as_assumed_and_what_rests_on_it(tmp_path: Path, capsys) -> None:
    from export.html.checked import write_checked_site
    from export.html.model import build_model

    path = write(tmp_path, ASSUMING)
    prove_and_check(capsys, path, tmp_path / "out")
    write_checked_site(tmp_path / "out" / "proofs.json", tmp_path / "site")
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "1 assumed (not proved)" in index and "0 unproved" in index
    doc = json.loads((tmp_path / "out" / "proofs.json").read_text(encoding="utf-8"))
    given_view, goal_view = build_model(doc, accepted={"given", "goal"}).theorems
    assert (given_view.state, given_view.status_label) == ("assumed", "assumed (given by the theory, not proved)")
    assert goal_view.state == "full" and goal_view.status_label.endswith("· assuming given")
    assert build_model(doc, accepted={"goal"}).theorems[0].state == "rejected"  # not the theory's own


def test_assume_declarations_in_mpl(tmp_path: Path) -> None:
    mpl = (f'include "{ROOT / "examples/peano/peano.mpl"}"\n'
           "assume comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))\n"
           "target t := (>[a](in[a,N])(in3[i0,a,a,+]))\n")
    theory = load(write(tmp_path, mpl, "t.mpl"))
    assert [a.name for a in theory.assumptions] == ["comm"] and [s.name for s in theory.statements] == ["t"]
    assert decl_to_mpl(theory.assumptions[0]) == "assume comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"
    assert parse_module(module_to_mpl(theory.module())).decls == theory.decls()
    with pytest.raises(MPLError, match="duplicate name 't'"):
        load(write(tmp_path, mpl + "assume t := (in[i0,N])\n", "dup.mpl"))


def attack(tmp_path: Path, capsys, corrupt) -> str:
    path = write(tmp_path, ASSUMING)
    out = tmp_path / "out"
    prove_and_check(capsys, path, out)
    doc = json.loads((out / "proofs.json").read_text(encoding="utf-8"))
    corrupt(doc["theorems"])
    (out / "proofs.json").write_text(json.dumps(doc), encoding="utf-8")
    report = check_file(out / "proofs.json")
    assert not report.ok
    return "\n".join(report.lines())


def test_attack_a_target_marked_assumed_is_rejected(tmp_path: Path, capsys) -> None:
    def corrupt(theorems: list) -> None:
        theorems[1].update(status="assumed", proof=None)
    lines = attack(tmp_path, capsys, corrupt)
    assert "FAIL goal [theorem]: marked assumed, but the theory declares no assumption of that name" in lines
    assert "accepted goal" not in lines and "assumed goal" not in lines


def test_attack_a_stronger_assumption_is_rejected(tmp_path: Path, capsys) -> None:
    def corrupt(theorems: list) -> None:
        theorems[0]["statement"] = "(>[x,y](&(in[x,Nat])(in[y,Nat]))(=[x,y]))"
    lines = attack(tmp_path, capsys, corrupt)
    assert "FAIL given [theorem]: marked assumed, but the theory assumes" in lines
    assert "FAIL goal [cite]: cites 'given', which is unproved" in lines


def test_attack_an_assumption_under_another_name_or_missing_is_rejected(tmp_path: Path, capsys) -> None:
    def rename(theorems: list) -> None:
        theorems[0]["name"] = "lemma"
    assert "declares no assumption of that name" in attack(tmp_path, capsys, rename)

    def drop(theorems: list) -> None:
        del theorems[0]
    (tmp_path / "b").mkdir()
    assert "cites 'given', which is not a theorem of the file" in attack(tmp_path / "b", capsys, drop)


def test_attack_an_assumption_against_a_theory_without_it(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, ASSUMING)
    prove_and_check(capsys, path, tmp_path / "out")
    bare = write(tmp_path, ASSUMING.replace("(assert", "; (assert"), "bare.smt2")
    report = check_file(tmp_path / "out" / "proofs.json", bare)
    assert not report.ok and "FAIL given [theorem]: marked assumed" in "\n".join(report.lines())


def test_gl_import_tip_writes_the_mpl_file(tmp_path: Path, capsys) -> None:
    path = write(tmp_path, ASSUMING)
    code, out, _ = run_gl(capsys, "import", "tip", str(path), "-o", str(tmp_path / "p.mpl"))
    assert code == 0 and "1 targets, 1 assumptions" in out
    assert load(tmp_path / "p.mpl").decls() == load(path).decls()
    assert "unsupported TIP construct 'declare-fun'" in one_line_error(
        capsys, "import", "tip", str(write(tmp_path, NAT + "(declare-fun f (Nat) Nat)", "bad.smt2")),
        "-o", str(tmp_path / "bad.mpl"))


# ---------------------------------------------------------------- in4


def test_in4_is_the_graph_of_a_three_argument_function() -> None:
    assert decode_graph("in4", ("a", "b", "c", "d", "f")) == ("f", ("a", "b", "c"), "d")
    assert encode_graph("f", ("a", "b", "c"), "d") == ("in4", ("a", "b", "c", "d", "f"))
    assert readable(expr("(>[a,b,c,d](in4[a,b,c,d,f])(in4[b,a,c,d,f]))")) == "∀a,b,c: f(a, b, c) = f(b, a, c)"
    with pytest.raises(ArityError, match="'in4' takes 5 arguments, got 4"):
        load_text_mpl("target t := (>[a](in[a,N])(in4[a,a,a,f]))")


def load_text_mpl(text: str):
    return load(write_tmp(f'include "{ROOT / "examples/peano/peano.mpl"}"\n' + text, "t.mpl"))


@pytest.mark.parametrize(("text", "words"), [
    ("(declare-datatype Z ((Z) (S (p Z))))", "three different names"),
    (NAT + "(define-fun f ((x Nat) (x Nat)) Nat x)", "a parameter name appears twice"),
    (NAT + "(define-fun Nat ((x Nat)) Nat x)", "'Nat' is defined twice"),
    (NAT + PLUS + "(define-fun-rec +2 ((x Nat)) Nat x)", "'+2' is defined twice"),
    (NAT + "(define-fun f ((b Bool)) Nat (match b (((S k) Z) (_ Z))))", "is not a constructor"),
])
def test_ill_formed_definitions_are_located_errors(tmp_path: Path, capsys, text: str, words: str) -> None:
    message = one_line_error(capsys, "parse", str(write(tmp_path, text)))
    assert re.search(r"p\.smt2:\d+:\d+: ", message) and words in message


def test_a_three_argument_function_is_proved_about_and_checked(tmp_path: Path, capsys) -> None:
    mult = ("(define-fun-rec mult ((x Nat) (y Nat) (z Nat)) Nat (match x ((Z z) ((S x2) "
            "(mult x2 y (+2 y z))))))\n")
    path = write(tmp_path, NAT + PLUS + mult + "(prove (forall ((y Nat) (z Nat)) (= (mult Z y z) z)))\n"
                 "(prove (forall ((x Nat) (y Nat)) (= (mult x Z y) y)))\n")
    code, doc, out = prove_and_check(capsys, path, tmp_path / "out")
    assert code == 0 and "2 of 2 proved theorems accepted" in out
    assert "accepted goal_2: ∀x,y: x ∈ Nat ∧ y ∈ Nat → mult(x, Z, y) = y" in out


def ground_check(tmp_path: Path, names: list[str], top: int, texts: list[str] | None = None) -> list[str]:
    """Every ground value of the named functions (as the 35 problems, or `texts`, define
    them) on arguments 0..top, as TIP goals: the value the independent evaluator computes
    and a wrong one. Returns the goals whose outcome is not the evaluator's; a wrong value
    proved fails at once."""
    texts = texts or [problem(p).read_text(encoding="utf-8") for p in PROBLEMS]
    defs, sources = tip_eval.definitions(texts)
    goals = tip_eval.ground_goals(defs, names, top)
    needed = list(sources) if texts == [EXOTIC] else names
    theory = load(write(tmp_path, NAT + "\n".join(sources[name] for name in needed) + "\n"
                        + "\n".join(f"(prove {g})" for g, _ in goals)))
    prover = Prover(theory, Settings(max_cycles=8, timeout=5))
    unproved = []
    for s, (g, expected) in zip(theory.statements, goals, strict=True):
        proved = prover.prove(s.name, s.formula).proved
        assert expected or not proved, f"a false ground goal is proved: {g}"
        if expected and not proved:
            unproved.append(g)
    return unproved


def test_ground_values_agree_with_an_independent_evaluator(tmp_path: Path) -> None:
    assert ground_check(tmp_path, ["+2", "-2", "<=2", "even", "half"], 1) == []


@pytest.mark.slow
def test_ground_values_of_every_function_of_the_35_problems(tmp_path: Path) -> None:
    assert ground_check(tmp_path, ["+2", "-2", "max", "min", "==", "<=2", "<2", "even", "half", "double",
                                   "*2", "mult", "fac", "qfac", "exp", "qexp"], 1) == []


def test_case_explosion_is_a_located_error_not_a_hang(tmp_path: Path, capsys) -> None:
    split = "(ite (<=2 x Z) Z (S Z))"
    deep = f"(+2 {split} (+2 {split} (+2 {split} (+2 {split} (+2 {split} (+2 {split} {split}))))))"
    hyps = " ".join(f"(= {split} x)" for _ in range(12))
    for goal in (f"(= {deep} (+2 {deep} {deep}))", f"(=> {hyps} (= x x))"):
        path = write(tmp_path, NAT + PLUS + LEQ + f"(prove (forall ((x Nat)) {goal}))")
        assert "more than 1,000 cases" in one_line_error(capsys, "parse", str(path))


def test_an_mpl_file_may_include_a_tip_problem(tmp_path: Path) -> None:
    write(tmp_path, ASSUMING)
    theory = load(write(tmp_path, 'include "p.smt2"\ntarget extra := (>[x](in[x,Nat])(in3[Z,x,x,+]))\n', "t.mpl"))
    assert [s.name for s in theory.statements] == ["goal", "extra"] and theory.constants == ("Nat", "Z", "S", "+")
    assert [a.name for a in theory.assumptions] == ["given"]


EXOTIC = PLUS + LEQ + """
(define-fun g ((x Nat)) Nat (match (S x) ((Z Z) (v v))))
(define-fun h ((x Nat) (y Nat)) Nat (match (+2 x y) ((Z y) (k (S k)))))
(define-fun c ((x Nat) (b Bool)) Nat (match b ((true x) (false (S x)))))
(define-fun m ((x Nat) (y Nat)) Nat (ite (= x y) Z (ite (<=2 x y) y (S x))))
(define-fun w ((x Nat)) Nat (match x ((_ Z) ((S k) k))))
(define-fun-rec odd ((x Nat)) Bool (match x (((S k) (not (odd k))) (_ false))))
(define-fun ne ((x Nat) (y Nat)) Bool (distinct x y))
(define-fun-rec e ((x Nat)) Bool (match x ((Z true) (k (= (odd k) false)))))
"""


def test_the_rest_of_the_fragment_agrees_with_the_evaluator(tmp_path: Path) -> None:
    """match on a term or a constructor term, variable and catch-all patterns, match on
    Bool, nested ite with an equation, not / = / distinct as values: no wrong value is
    proved, and every right one is except where it needs x ≠ y for numerals (the prover
    derives no disequality by forward chaining: m's and ne's cases for x ≠ y)."""
    unproved = ground_check(tmp_path, ["g", "h", "c", "m", "w", "odd", "ne", "e"], 1, [EXOTIC])
    assert unproved == ["(= (m Z (S Z)) (S Z))", "(= (m (S Z) Z) (S (S Z)))",
                        "(= (ne Z (S Z)) true)", "(= (ne (S Z) Z) true)"]

"""The checker under attack: every corruption of a valid proof file must be rejected with
a clear reason naming the theorem (and block and step where there is one)."""

from __future__ import annotations

import contextlib
import copy
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PEANO
from helpers.checker_docs import Doc, blk, peano_doc, st, th, write_doc
from helpers.mutations import mutants

import gl
from export.tptp import TptpError, problems
from gl.checker import Checker, Report, check_file
from gl.checker.check import _clauses
from mpl_lang import load, parse_expr


def rename(b: dict[str, Any], old: str, new: str) -> None:
    """Rename a constant everywhere in a block's facts and substitutions."""
    pat = re.compile(rf"(?<=[\[,]){re.escape(old)}(?=[\],])")
    for s in b["steps"]:
        s["fact"] = pat.sub(new, s["fact"])
        if "subst" in s:
            s["subst"] = {k: new if v == old else v for k, v in s["subst"].items()}


def setp(path: tuple, value: Any) -> Callable[[Doc], None]:
    """A corruption that sets `st(doc, *path[:3])[path[3]] = value` (or a block/theorem key)."""
    def go(doc: Doc) -> None:
        if len(path) == 4:
            st(doc, *path[:3])[path[3]] = value
        elif len(path) == 3:
            blk(doc, *path[:2])[path[2]] = value
        else:
            th(doc, path[0])[path[1]] = value
    return go


def _swap_roles(doc: Doc) -> None:
    base, step = blk(doc, "add_zero_left", "base"), blk(doc, "add_zero_left", "step")
    base["role"], step["role"] = "step", "base"
    base["induction_vars"] = step.pop("induction_vars")


def _move_before(doc: Doc) -> None:
    ts = doc["theorems"]
    i = next(i for i, t in enumerate(ts) if t["name"] == "add_zero_both")
    ts.insert(0, ts.pop(i))


def _cycle(doc: Doc) -> None:
    th(doc, "add_zero_left")["cites"] = ["add_zero_both"]
    st(doc, "add_zero_left", "base", 3)["rule"] = {"theorem": "add_zero_both", "clause": 0}


def _unprove(doc: Doc) -> None:
    t = th(doc, "add_zero_right")
    t.update(status="unproved", proof=None, reason="withdrawn")


def _duplicate(doc: Doc) -> None:
    doc["theorems"].append(copy.deepcopy(th(doc, "eq_demo")))


def _fresh_theory_constant(doc: Doc) -> None:
    b = blk(doc, "add_zero_right")
    b["fresh"] = {"a": "i1"}
    rename(b, "a", "i1")


def _fresh_not_distinct(doc: Doc) -> None:
    b = blk(doc, "eq_demo")
    b["fresh"] = {"a": "a", "b": "a"}
    rename(b, "b", "a")


def _witness_reused(new: str) -> Callable[[Doc], None]:
    def go(doc: Doc) -> None:
        rename(blk(doc, "total_from_fXY"), "w", new)
    return go


def _contradict_eq_demo(doc: Doc) -> None:
    t = th(doc, "eq_demo")
    t["method"] = t["proof"]["method"] = "contradiction"
    blk(doc, "eq_demo")["negated_goal"] = True


def _drop_block(doc: Doc) -> None:
    th(doc, "add_zero_left")["proof"]["blocks"].pop(0)


def _swap_ids(doc: Doc) -> None:
    s = blk(doc, "eq_demo")["steps"]
    s[0]["id"], s[1]["id"] = 2, 1


def _truncate(doc: Doc) -> None:
    blk(doc, "add_zero_right")["steps"].pop()


def _wrong_principle(doc: Doc) -> None:
    th(doc, "add_zero_left")["proof"]["induction"] = {"set": "N", "base": "i1", "succ": "s"}


def _induct_on(variable: str) -> Callable[[Doc], None]:
    """A corruption: add_zero_left's induction names another variable (its statement is
    about `a` only)."""
    def go(doc: Doc) -> None:
        th(doc, "add_zero_left")["proof"]["variable"] = variable
    return go


def _statement_changed(doc: Doc) -> None:
    th(doc, "add_zero_left")["statement"] = "(>[a](in[a,N])(in3[a,a,a,+]))"


AZR, AZL, AZB, EQ, NZ, TOT, FOLD = ("add_zero_right", "add_zero_left", "add_zero_both", "eq_demo",
                                    "zero_not_succ", "total_from_fXY", "fold_demo")

#: (attack, corruption, theorem that must fail, words the reason must contain)
ATTACKS: list[tuple[str, Callable[[Doc], None], str, str]] = [
    ("drop a premise", setp((AZR, "main", 3, "premises"), [2, 1]), AZR, "clause has 3 premises"),
    ("reorder premises", setp((AZR, "main", 3, "premises"), [1, 2, 1]), AZR, "premise 1 is (in[a,N])"),
    ("premise is a later step", setp((EQ, "main", 3, "premises"), [1, 4]), EQ, "earlier steps"),
    ("premise is the step itself", setp((EQ, "main", 3, "premises"), [1, 3]), EQ, "earlier steps"),
    ("premise id 0", setp((EQ, "main", 4, "premises"), [0]), EQ, "earlier steps"),
    ("premise id true", setp((EQ, "main", 4, "premises"), [True]), EQ, "earlier steps"),
    ("change a substitution", setp((AZR, "main", 3, "subst"), {"a": "a", "b": "i0"}), AZR, "needs"),
    ("drop a substitution key", setp((AZR, "main", 3, "subst"), {"a": "a"}), AZR, "subst binds"),
    ("extra substitution key", setp((AZR, "main", 3, "subst"), {"a": "a", "b": "a", "z": "a"}),
     AZR, "subst binds"),
    ("swap the axiom index", setp((AZR, "main", 3, "rule"), {"axiom": 12}), AZR, "premise"),
    ("axiom index out of range", setp((AZR, "main", 3, "rule"), {"axiom": 99}), AZR, "no axiom clause 99"),
    ("rule names nothing", setp((AZR, "main", 3, "rule"), {"lemma": 1}), AZR, "rule keys"),
    ("alter a term in a rule fact", setp((AZR, "main", 3, "fact"), "(in3[a,i0,i0,+])"), AZR,
     "the clause concludes (in3[a,i0,a,+])"),
    ("alter a term in a hypothesis", setp((AZR, "main", 1, "fact"), "(in[i0,N])"), AZR,
     "hypothesis 0 is (in[a,N])"),
    ("wrong hypothesis index", setp((EQ, "main", 2, "index"), 0), EQ, "hypothesis 0 is (=[a,b])"),
    ("hypothesis index out of range", setp((AZR, "main", 1, "index"), 1), AZR, "not a hypothesis number"),
    ("hypothesis with premises", setp((EQ, "main", 2, "premises"), [1]), EQ, "no premises"),
    ("cite a later theorem", _move_before, AZB, "comes later"),
    ("citation cycle", _cycle, AZL, "comes later"),
    ("cite an unproved theorem", _unprove, AZB, "unproved"),
    ("cite a missing theorem", setp((AZB, "cites"), ["add_zero_left", "add_zero_right", "nope"]), AZB,
     "not a theorem of the file"),
    ("cite itself", setp((AZB, "cites"), ["add_zero_left", "add_zero_right", AZB]), AZB, "itself"),
    ("use a theorem not in cites", setp((AZB, "cites"), ["add_zero_left"]), AZB,
     "listed in cites"),
    ("theorem clause index", setp((AZB, "main", 2, "rule"), {"theorem": AZL, "clause": 1}), AZB,
     "no clause 1"),
    ("fact clause index", setp((AZL, "step", 4, "rule"), {"fact": 3, "clause": 2}), AZL, "no clause 2"),
    ("fact rule names a later step", setp((AZL, "step", 4, "rule"), {"fact": 5, "clause": 0}), AZL,
     "not an earlier step"),
    ("ex falso relabelled as a rule", setp((NZ, "main", 5, "kind"), "rule"), NZ, "rule must name a clause"),
    ("fresh map renamed, facts not", setp((AZR, "main", "fresh"), {"a": "a0"}), AZR, "hypothesis 0 is (in[a0,N])"),
    ("step claim with another successor", lambda d: blk(d, AZL, "step").update(
        claim=blk(d, AZL, "step")["claim"].replace("(in2[k,k2,s])", "(in2[k,k2,+])")), AZL, "must claim"),
    ("rule kind on a formula fact", setp((TOT, "main", 5, "kind"), "rule"), TOT, "rule must name a clause"),
    ("forge the goal step", setp((AZR, "main", "goal_step"), 1), AZR, "does not state the goal"),
    ("goal step out of range", setp((AZR, "main", "goal_step"), 9), AZR, "not a step of the block"),
    ("forge the final fact as a hypothesis", setp((AZR, "main", 3, "kind"), "hyp"), AZR,
     "hypothesis"),
    ("ex falso without falsum", setp((NZ, "main", 5, "premises"), [1]), NZ, "not ⊥"),
    ("truncate the proof", _truncate, AZR, "not a step of the block"),
    ("mislabel induction cases", _swap_roles, AZL, "must claim"),
    ("change a block claim", setp((AZL, "base", "claim"), "(>[](in[i1,N])(in3[i0,i1,i1,+]))"), AZL,
     "must claim"),
    ("change the statement", _statement_changed, AZL, "must claim"),
    ("undeclared induction principle", _wrong_principle, AZL, "not declared"),
    ("proof removed from a proved theorem", setp((AZL, "proof"), None), AZL,
     "status must be 'proved' (with a proof)"),
    ("induction variable not in the statement", _induct_on("b"), AZL,
     "induction variable 'b' is not a universal variable"),
    ("induction on a constant of the statement", _induct_on("i0"), AZL,
     "induction variable 'i0' is not a universal variable"),
    ("induction variable left out", lambda d: th(d, AZL)["proof"].pop("variable"), AZL,
     "induction variable None is not a universal variable"),
    ("induction vars clash", setp((AZL, "step", "induction_vars"), ["a", "k2"]), AZL,
     "occur in the statement"),
    ("induction vars repeat", setp((AZL, "step", "induction_vars"), ["k", "k"]), AZL, "2 distinct"),
    ("drop the type block", _drop_block, AZL, "blocks"),
    ("method disagrees", setp((AZL, "method"), "direct"), AZL, "must agree"),
    ("contradiction without a negated goal", setp((TOT, "main", "negated_goal"), False), TOT,
     "negated_goal must be true"),
    ("direct proof with a negated goal", setp((AZR, "main", "negated_goal"), True), AZR,
     "negated_goal must be false"),
    ("forge the negated goal", setp((TOT, "main", 4, "fact"), "(in[i0,N])"), TOT,
     "hypothesis 3 is !(in[i0,N])"),
    ("contradiction for a non-literal conclusion", _contradict_eq_demo, EQ, "literal conclusion"),
    ("fresh constant is a theory constant", _fresh_theory_constant, AZR, "are theory constants"),
    ("fresh constants not distinct", _fresh_not_distinct, EQ, "not pairwise distinct"),
    ("fresh misses a variable", setp((EQ, "main", "fresh"), {"a": "a"}), EQ, "fresh binds"),
    ("reuse a block constant as witness", _witness_reused("x"), TOT, "witness 'x' is not fresh"),
    ("reuse a theory constant as witness", _witness_reused("i1"), TOT, "witness 'i1' is not fresh"),
    ("witness kind on a plain clause", setp((AZR, "main", 3, "kind"), "witness"), AZR,
     "needs an existential clause"),
    ("rule kind on an existential clause", setp((TOT, "main", 8, "kind"), "rule"), TOT,
     "needs kind witness"),
    ("eq_subst changes another argument", setp((EQ, "main", 3, "fact"), "(in3[i1,b,a,+])"), EQ,
     "replaced by v"),
    ("eq_subst replaces nothing", setp((EQ, "main", 3, "fact"), "(in3[i0,a,a,+])"), EQ, "replaced"),
    ("eq_subst flips polarity", setp((EQ, "main", 3, "fact"), "!(in3[i0,b,a,+])"), EQ, "replaced"),
    ("eq_subst backwards", setp((EQ, "main", 3, "premises"), [2, 2]), EQ, "replaced"),
    ("eq_symm unchanged", setp((EQ, "main", 4, "fact"), "(=[a,b])"), EQ, "fact must be (=[b,a])"),
    ("eq_refl of two names", setp((AZR, "main", 2, "fact"), "(=[a,i0])"), AZR, "(=[c,c])"),
    ("and_elim of a non-part", setp((TOT, "main", 9, "fact"), "(in[x,N])"), TOT, "not a part"),
    ("and_intro reordered", setp((EQ, "main", 5, "fact"), "(&(=[b,a])(in3[i0,b,a,+]))"), EQ,
     "conjunction of the premises"),
    ("and_intro of one premise", setp((EQ, "main", 5, "premises"), [3]), EQ, "at least two"),
    ("unfold with another definition", setp((TOT, "main", 5, "definition"), "fXYZ"), TOT,
     "not of 'fXYZ'"),
    ("unfold to a different body", lambda d: st(d, TOT, "main", 5).update(
        fact=st(d, TOT, "main", 5)["fact"].replace("(in[y,N])", "(in[y,y])", 1)), TOT, "the definition's body is"),
    ("fold a different body", setp((FOLD, "main", 6, "premises"), [4]), FOLD, "the definition's body is"),
    ("contradiction of unrelated facts", setp((NZ, "main", 4, "premises"), [1, 3]), NZ, "L and !L"),
    ("contradiction concluding a fact", setp((NZ, "main", 4, "fact"), "(in[a,a])"), NZ, "must be ⊥"),
    ("step ids out of order", _swap_ids, EQ, "step ids"),
    ("unknown step kind", setp((EQ, "main", 4, "kind"), "magic"), EQ, "unknown step kind 'magic'"),
    ("unparsable fact", setp((EQ, "main", 4, "fact"), "(=[b,a"), EQ, "does not parse"),
    ("duplicate theorem name", _duplicate, EQ, "duplicate theorem name"),
    ("statement with a free name", setp((AZR, "statement"), "(>[a](in[a,N])(in3[a,i0,q,+]))"), AZR,
     "unbound variable 'q'"),
    ("statement with an unknown predicate", setp((AZR, "statement"), "(>[a](in[a,N])(foo[a]))"), AZR,
     "unknown predicate"),
    ("statement shadowing a constant", setp((AZR, "statement"), "(>[N](in[N,N])(in3[N,i0,N,+]))"),
     AZR, "shadows"),
    ("status neither proved nor unproved", setp((AZR, "status"), "maybe"), AZR, "status"),
    # a rule step's premises against its clause's premises, one by one
    ("rule premise of another predicate", setp((AZR, "main", 3, "premises"), [1, 1, 1]), AZR,
     "premise 1 is (in[a,N]), the clause needs (=[a,a])"),
    ("rule premise with other arguments", setp((AZL, "step", 5, "premises"), [1, 2, 4, 1]), AZL,
     "premise 4 is (in[k,N]), the clause needs (in2[k,k2,s])"),
    ("rule premise used for two literals", setp((AZR, "main", 3, "premises"), [2, 2, 1]), AZR,
     "premise 2 is (=[a,a]), the clause needs (in[a,N])"),
    ("rule with an extra premise", setp((AZR, "main", 3, "premises"), [2, 1, 1, 1]), AZR,
     "the clause has 3 premises, the step cites 4"),
    ("rule premise is a conjunction holding it", setp((TOT, "main", 11, "premises"), [8]), TOT,
     "premise 1 is (&(in[w,N])(in2[x,w,f])), the clause needs (in2[x,w,f])"),
    ("theorem clause on the wrong premise", setp((AZB, "main", 3, "premises"), [2]), AZB,
     "premise 1 is (in3[i0,a,a,+]), the clause needs (in[a,N])"),
    ("fact clause on the wrong premise", setp((AZL, "step", 4, "premises"), [2]), AZL,
     "premise 1 is (in2[k,k2,s]), the clause needs (in[k,N])"),
    ("witness premise of another predicate", setp((TOT, "main", 8, "premises"), [1]), TOT,
     "premise 1 is (fXY[f,N,N]), the clause needs (in[x,N])"),
    ("witness without premises", setp((TOT, "main", 8, "premises"), []), TOT,
     "the clause has 1 premises, the step cites 0"),
    ("witness conclusion reordered", setp((TOT, "main", 8, "fact"), "(&(in2[x,w,f])(in[w,N]))"), TOT,
     "the clause concludes (&(in[w,N])(in2[x,w,f]))"),
    # the other step checks, several attacks each
    ("hyp index true", setp((EQ, "main", 2, "index"), True), EQ, "not a hypothesis number"),
    ("and_elim of a non-conjunction", setp((TOT, "main", 9, "premises"), [2]), TOT, "not a conjunction"),
    ("and_elim of two premises", setp((TOT, "main", 9, "premises"), [8, 8]), TOT, "needs 1 premise"),
    ("and_intro with a repeated part", setp((EQ, "main", 5, "fact"), "(&(in3[i0,b,a,+])(=[b,a])(=[b,a]))"),
     EQ, "conjunction of the premises"),
    ("and_intro of falsum", lambda d: st(d, NZ, "main", 5).update(kind="and_intro", premises=[2, 4]), NZ,
     "at least two formula premises"),
    ("eq_refl with premises", setp((AZR, "main", 2, "premises"), [1]), AZR, "reflexivity has no premises"),
    ("eq_refl of a membership", setp((AZR, "main", 2, "fact"), "(in[a,a])"), AZR, "not (=[c,c])"),
    ("eq_symm of a non-equality", setp((EQ, "main", 4, "premises"), [2]), EQ, "not an equality"),
    ("eq_symm of two premises", setp((EQ, "main", 4, "premises"), [1, 1]), EQ, "needs 1 premise"),
    ("unfold of a built-in atom", setp((TOT, "main", 5, "premises"), [2]), TOT,
     "not an atom of a defined predicate"),
    ("unfold of two premises", setp((TOT, "main", 5, "premises"), [1, 1]), TOT, "needs 1 premise"),
    ("fold under another definition", setp((FOLD, "main", 6, "definition"), "fXYZ"), FOLD, "not of 'fXYZ'"),
    ("fold into a built-in atom", setp((FOLD, "main", 6, "fact"), "(in[f,N])"), FOLD,
     "not an atom of a defined predicate"),
    ("contradiction of L and L", setp((NZ, "main", 4, "premises"), [3, 3]), NZ, "L and !L"),
    ("contradiction of one premise", setp((NZ, "main", 4, "premises"), [3]), NZ, "needs 2 premises"),
    ("ex falso of two premises", setp((NZ, "main", 5, "premises"), [4, 4]), NZ, "needs 1 premise"),
]


@pytest.mark.parametrize("attack,corrupt,name,words", ATTACKS, ids=[a[0] for a in ATTACKS])
def test_corruption_is_rejected(tmp_path: Path, attack: str, corrupt: Callable[[Doc], None],
                                name: str, words: str) -> None:
    doc = peano_doc(tmp_path)
    corrupt(doc)
    report = check_file(write_doc(tmp_path, doc))
    assert not report.ok, attack
    proved = [t["name"] for t in doc["theorems"] if t.get("status") == "proved"]
    assert len(report.accepted) < len(proved)
    reasons = [str(f) for f in report.failures if f.theorem == name]
    assert any(words in r for r in reasons), "\n".join(report.lines())


def test_attack_names_are_distinct_and_many() -> None:
    assert len({a[0] for a in ATTACKS}) == len(ATTACKS) >= 100


def test_systematic_mutations_are_all_rejected(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    checker = Checker(load(PEANO / "peano.mpl"))
    frozen = copy.deepcopy(doc)
    tried = [(what, checker.check(bad).ok) for what, bad in mutants(doc)]
    assert len(tried) > 140 and [what for what, ok in tried if ok] == [] and doc == frozen


def test_clausifying_never_conflates_names() -> None:
    # a bound a shadowing the constant a would generalize over the constant
    assert _clauses(parse_expr("(>[x](in[x,a])(>[a](in[a,N])(in2[x,a,s])))"))[0].startswith(
        "clause 0 binds ['a']")
    # two existentials of one name would claim a single witness for both
    both = "!(>[](&!(>[y](in[y,N])!(in[y,N]))!(>[y](in[y,N])!(in[y,N])))(in[N,N]))"
    assert "existential variable twice" in _clauses(parse_expr(both))[0]


JUNK = [None, 0, -1, 2, 10**9, True, 1.5, "", "x", "⊥", "(in[a,N])", "(in[a", [], [1], ["k", "k2"],
        {}, {"axiom": 1}, {"fact": 1, "clause": 0}, {"theorem": ["x"], "clause": 0}, [[1]], {"a": 1}]

#: fields the checker does not read: presentation the prover writes (never trusted, see
#: test_checker_soundness.py), provenance (`cycle`) and bookkeeping of other stages
UNCHECKED = frozenset({"readable", "origin", "law", "essential", "follows_from", "cycle",
                       "gl_version", "settings", "stages", "theory", "reason"})


def _paths(x: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else ()
    for k, v in items:
        yield from _paths(v, (*path, k))


def _checked_part(x: Any) -> Any:
    """`x` without the fields the checker does not read (of an unproved theorem it reads
    only the name and status: it claims nothing)."""
    if isinstance(x, dict):
        if x.get("status") == "unproved":
            return {"name": x.get("name"), "status": "unproved"}
        return {k: _checked_part(v) for k, v in x.items() if k not in UNCHECKED}
    return [_checked_part(v) for v in x] if isinstance(x, list) else x


def accepted_statements(report: Report, doc: Doc) -> set[str]:
    """The statements (texts) of the theorems a report accepts."""
    return {t["statement"] for t in doc["theorems"]
            if isinstance(t, dict) and t.get("name") in report.accepted}


def test_random_junk_is_rejected_and_never_crashes(tmp_path: Path) -> None:
    """Junk in two random places: the checker rejects the document unless the junk only
    replaced fields it does not read (or a value by an equal one), never accepts a
    statement the original did not state, and neither it nor the TPTP export crashes."""
    doc, theory = peano_doc(tmp_path), load(PEANO / "peano.mpl")
    paths = [p for p in _paths(doc) if len(p) > 2]
    checker, rng = Checker(theory), random.Random(5)
    truths = accepted_statements(checker.check(doc), doc)
    rejected = 0
    for _ in range(300):
        bad = copy.deepcopy(doc)
        for path in rng.sample(paths, 2):
            with contextlib.suppress(KeyError, IndexError, TypeError):  # an ancestor was replaced
                parent = bad
                for key in path[:-1]:
                    parent = parent[key]
                parent[path[-1]] = copy.deepcopy(rng.choice(JUNK))
        report = checker.check(bad)
        assert accepted_statements(report, bad) <= truths
        if _checked_part(bad) != _checked_part(doc):
            assert not report.ok, "junk accepted"
            rejected += 1
        with contextlib.suppress(TptpError):
            problems(bad, theory)
    assert rejected > 250


# ---------------------------------------------------------------- induction schemes

TIP = PEANO.parents[1] / "tests" / "theories" / "tip"


@pytest.fixture(scope="module")
def scheme_docs() -> dict[str, Doc]:
    """Prover-made documents with a simultaneous induction (order.mpl: eq_comm on a, b)
    and a two-step one (half.mpl: even_then_succ_odd)."""
    order = gl.load(TIP / "order.mpl").prove(["eq_zero_comm", "eq_comm"]).to_json()
    half = gl.load(TIP / "half.mpl").prove(["even_then_succ_odd"]).to_json()
    return {"order.mpl": order, "half.mpl": half}


def _proof(doc: Doc, name: str) -> dict[str, Any]:
    return th(doc, name)["proof"]


def _drop_role(name: str, role: str) -> Callable[[Doc], None]:
    def go(doc: Doc) -> None:
        _proof(doc, name)["blocks"] = [b for b in _proof(doc, name)["blocks"] if b["role"] != role]
    return go


def _stronger_hypothesis(doc: Doc) -> None:
    """eq_comm's step claim with the whole statement as its induction hypothesis (every
    variable universal), which the scheme does not grant."""
    step = blk(doc, "eq_comm", "step")
    statement = th(doc, "eq_comm")["statement"]
    step["claim"] = re.sub(r"\(>\[c\]\(in3\[k,j,c,==\]\)\(in3\[j,k,c,==\]\)\)", lambda _: statement,
                           step["claim"], count=1)
    assert statement in step["claim"]


def _as_structural(name: str, variable: str) -> Callable[[Doc], None]:
    """The proof relabelled as a structural induction on `variable` (with the first two
    induction_vars, as a structural step block names)."""
    def go(doc: Doc) -> None:
        proof = _proof(doc, name)
        proof.pop("variables", None)
        proof.update(scheme="structural", variable=variable)
        step = blk(doc, name, "step")
        step["induction_vars"] = step["induction_vars"][:2]
    return go


def _two_step_as_structural(doc: Doc) -> None:
    """even_then_succ_odd without its second base case, relabelled structural."""
    _drop_role("even_then_succ_odd", "base2")(doc)
    _as_structural("even_then_succ_odd", "x")(doc)


def _swap_two_step_cases(doc: Doc) -> None:
    base, base2 = blk(doc, "even_then_succ_odd", "base"), blk(doc, "even_then_succ_odd", "base2")
    base["role"], base2["role"] = "base2", "base"
    base["id"], base2["id"] = base2["id"], base["id"]


#: (attack, document, corruption, theorem that must fail, words the reason must contain)
SCHEME_ATTACKS: list[tuple[str, str, Callable[[Doc], None], str, str]] = [
    ("simultaneous: a case missing", "order.mpl", _drop_role("eq_comm", "base2"), "eq_comm", "blocks"),
    ("simultaneous: the step missing", "order.mpl", _drop_role("eq_comm", "step"), "eq_comm", "induction_vars"),
    ("simultaneous: IH stronger than the scheme's", "order.mpl", _stronger_hypothesis, "eq_comm", "must claim"),
    ("simultaneous: variables swapped", "order.mpl",
     lambda d: _proof(d, "eq_comm").update(variables=["b", "a"]), "eq_comm", "must claim"),
    ("simultaneous: a variable repeated", "order.mpl",
     lambda d: _proof(d, "eq_comm").update(variables=["a", "a"]), "eq_comm", "not a universal variable"),
    ("simultaneous: one variable", "order.mpl",
     lambda d: _proof(d, "eq_comm").update(variables=["a"]), "eq_comm", "two or more variables"),
    ("simultaneous: an output variable", "order.mpl",
     lambda d: _proof(d, "eq_comm").update(variables=["a", "c"]), "eq_comm", "must claim"),
    ("simultaneous: induction vars too few", "order.mpl",
     setp(("eq_comm", "step", "induction_vars"), ["k", "k2"]), "eq_comm", "4 distinct"),
    ("simultaneous: induction vars name a variable", "order.mpl",
     setp(("eq_comm", "step", "induction_vars"), ["k", "k2", "j", "a"]), "eq_comm", "occur in the statement"),
    ("simultaneous relabelled structural", "order.mpl", _as_structural("eq_comm", "a"), "eq_comm", "blocks"),
    ("simultaneous: the claim of another statement", "order.mpl",
     setp(("eq_comm", "statement"), "(>[a,b,c](in3[a,b,c,==])(=[a,b]))"), "eq_comm", "must claim"),
    ("unknown scheme", "order.mpl", lambda d: _proof(d, "eq_comm").update(scheme="magic"), "eq_comm",
     "unknown induction scheme 'magic'"),
    ("two-step: the second base case missing", "half.mpl", _drop_role("even_then_succ_odd", "base2"),
     "even_then_succ_odd", "blocks"),
    ("two-step relabelled structural", "half.mpl", _two_step_as_structural, "even_then_succ_odd", "must claim"),
    ("two-step: induction vars too few", "half.mpl",
     setp(("even_then_succ_odd", "step", "induction_vars"), ["k", "k2"]), "even_then_succ_odd", "3 distinct"),
    ("two-step: on the successor", "half.mpl",
     lambda d: _proof(d, "even_then_succ_odd").update(variable="x1"), "even_then_succ_odd", "must claim"),
    ("two-step: cases swapped", "half.mpl", _swap_two_step_cases, "even_then_succ_odd", "must claim"),
]


@pytest.mark.parametrize("attack,theory,corrupt,name,words", SCHEME_ATTACKS, ids=[a[0] for a in SCHEME_ATTACKS])
def test_scheme_corruption_is_rejected(scheme_docs: dict[str, Doc], attack: str, theory: str,
                                       corrupt: Callable[[Doc], None], name: str, words: str) -> None:
    doc = copy.deepcopy(scheme_docs[theory])
    checker = Checker(load(TIP / theory))
    assert checker.check(doc).ok
    corrupt(doc)
    report = checker.check(doc)
    assert name not in report.accepted, attack
    reasons = [str(f) for f in report.failures if f.theorem == name]
    assert any(words in r for r in reasons), "\n".join(report.lines())


def test_scheme_proofs_survive_no_systematic_mutation(scheme_docs: dict[str, Doc]) -> None:
    for theory, doc in scheme_docs.items():
        checker = Checker(load(TIP / theory))
        tried = [(what, checker.check(bad).ok) for what, bad in mutants(doc)]
        assert len(tried) > 40 and [what for what, ok in tried if ok] == []


def test_and_elim_from_a_huge_conjunction_stays_exact() -> None:
    """and_elim's set of parts (made once per premise step, so that a crafted document
    eliminating often from a huge conjunction is checked in linear time) answers as the
    conjunction does: a part is accepted, a non-part rejected, from either premise step."""
    from gl.checker.steps import Block, and_elim
    from mpl_lang.ast import And, Atom

    big = And(tuple(Atom("in2", ("a", f"b{k}", "s")) for k in range(20_000)))
    small = And((Atom("in", ("a", "N")), Atom("in", ("b", "N"))))
    blk = Block([], {}, lambda *_: "no rules", facts=[big, small])
    part, other = Atom("in2", ("a", "b19999", "s")), Atom("in2", ("a", "b20000", "s"))
    for _ in range(3):  # the first lookup makes the set, the later ones use it
        assert and_elim({"id": 3, "premises": [1]}, blk, [big], part) is None
        assert and_elim({"id": 3, "premises": [1]}, blk, [big], other) == "fact is not a part of the premise"
        assert and_elim({"id": 3, "premises": [2]}, blk, [small], part) == "fact is not a part of the premise"
        assert and_elim({"id": 3, "premises": [2]}, blk, [small], Atom("in", ("b", "N"))) is None

"""GL's Gauss batch as targets (examples/gauss/gauss_targets.mpl over the unchanged
../shared/reference/gl-gauss): the ≤ and interval lemmas, folds over [i0, i0] and
[i0, 3], Gauss's formula and its converse are proved and accepted by the checker, and its
canaries (the formula without the factor 2, an off-by-one interval) are never proved.

The fast tests assume the Peano laws the file lists first (they are proved by
tests/test_prover.py on examples/peano); the slow one proves the whole file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import gl
from gl.checker import check_file
from gl.core.prover import Prover, Settings
from gl.core.result import assumed
from gl.explore.config import ExploreConfig
from gl.explore.relations import predicate_laws
from gl.incubator_defs import Relation
from gl.signature import signature
from mpl_lang import Statement, parse_expr, to_mpl

GAUSS = ROOT.parent / "shared" / "reference" / "gl-gauss"
TARGETS = EXAMPLES / "gauss" / "gauss_targets.mpl"
LAWS = EXAMPLES / "peano" / "laws.mpl"

CANARIES = {
    # n · s(n) = S: the formula without the factor 2
    "no_factor_2": "(>[n,S](fold[N,s,+,id,i0,n,S])(>[m](in2[n,m,s])(>[k](in3[n,m,k,*])(=[S,k]))))",
    # n · s(n) = 2 · Σ_{i=i0..s(n)} i: the interval one too long
    "off_by_one": "(>[n,m,S](&(in2[n,m,s])(fold[N,s,+,id,i0,m,S]))(>[k](in3[i2,S,k,*])(in3[n,m,k,*])))",
}


def gauss_theory(folder: Path, targets: list[str], extra: str = "", assumed: tuple[str, ...] = ()) -> Path:
    """examples/gauss/gauss_targets.mpl with only the named targets (and `extra`), the
    Peano laws and the `assumed` targets assumed: a theory file in `folder`."""
    if not GAUSS.is_dir():
        pytest.skip(f"{GAUSS} is not present (../shared beside the repository)")
    laws = "".join(line.replace("target ", "assume ", 1) + "\n"
                   for line in LAWS.read_text().splitlines() if line.startswith("target "))
    text = TARGETS.read_text().replace('include "../peano/laws.mpl"\n', laws)
    text = text.replace('include "gauss.mpl"', f'include "{TARGETS.parent / "gauss.mpl"}"')
    kept = [line.replace("target ", "assume ", 1) if line.startswith("target ") and line.split()[1] in assumed
            else line for line in text.splitlines()
            if not line.startswith("target ") or line.split()[1] in (*targets, *assumed)]
    path = folder / "gauss.mpl"
    path.write_text("\n".join(kept) + "\n" + extra)
    return path


def prove_and_check(path: Path, settings: Settings | None = None) -> tuple[gl.ProofRun, list[str]]:
    run = gl.load(path).prove(settings=settings)
    out = path.parent / "proofs.json"
    out.write_text(json.dumps(run.to_json()))
    report = check_file(out)
    assert report.ok, report.lines()
    return run, report.accepted


def test_order_lemmas_folds_and_the_sum_to_three_are_proved(tmp_path: Path) -> None:
    names = ["le_refl", "le_succ", "le_zero", "le_trans", "interval_low", "interval_high", "fold_zero",
             "fold_sum_3"]
    run, accepted = prove_and_check(gauss_theory(tmp_path, names))
    assert accepted == names
    methods = {r.name: r.method for r in run.theorems}
    assert methods["le_refl"] == methods["fold_sum_3"] == "direct"


def test_the_order_laws_exploration_conjectures_are_proved_and_checked(tmp_path: Path) -> None:
    """The Horn laws of ≤ the explorer conjectures from its table (reflexive, i0 ≤ a,
    a ≤ s(a), transitive, ...: gl/explore/relations.py) are proved from the Peano laws."""
    path = gauss_theory(tmp_path, [])
    theory = gl.load(path).theory
    le = Relation("preorder", ("N", "+", "n", "m"), ((0, "N"), (1, "+")), (2, 3), None,
                  {(n, m): n <= m for n in range(5) for m in range(5)})
    laws = predicate_laws([le], signature(theory), {"i0": 0}, ExploreConfig(), frozenset(theory.constants))
    path.write_text(path.read_text() + "".join(f"target {s.name} := {to_mpl(s.formula)}\n" for s in laws))
    run, accepted = prove_and_check(path, Settings(timeout=60))
    assert accepted == [s.name for s in laws] and len(laws) == 9
    assert to_mpl(run["preorder_3"].statement) == "(>[a,b](in2[a,b,s])(preorder[N,+,a,b]))"  # le_succ


def test_a_law_of_order_is_a_rule_only_where_order_is_spoken_of(tmp_path: Path) -> None:
    """`a ≤ s(a)` is a rule for a claim about sums (fold's interval is defined by ≤), not
    for one about * and + (its facts would only fill the block)."""
    prover = Prover(gl.load(gauss_theory(tmp_path, [])).theory)
    le_succ = parse_expr("(>[a,b](in2[a,b,s])(preorder[N,+,a,b]))")
    prover.accept(assumed(Statement("le_succ", "assume", le_succ)))
    def cites(claim: str) -> bool:
        return any(r.ref.get("theorem") == "le_succ" for r in prover.relevant_rules(parse_expr(claim)))
    assert not cites("(>[a,b,c,d](&(in3[a,b,c,*])(in2[c,d,s]))(in3[d,a,d,+]))")
    assert cites("(>[a,b](fold[N,s,+,id,i0,a,b])(in[b,N]))")
    assert cites("(>[a,b](in[a,N])(preorder[N,+,a,a]))")
    # a lemma about a fold's sum function (`foldvia`, which no definition names) and its
    # interval speaks to a claim about folds
    stated = {s.name: s.formula for s in gl.load(TARGETS).theory.statements}
    prover.accept(assumed(Statement("upto", "assume", stated["gauss_upto"])))
    assert any(r.ref.get("theorem") == "upto" for r in prover.relevant_rules(stated["gauss"]))


def test_the_targets_file_lists_the_chain_in_order() -> None:
    names = re.findall(r"^target (\w+)", TARGETS.read_text(), re.M)
    assert names[-3:] == ["gauss_upto", "gauss", "gauss_converse"]
    assert names.index("fold_zero") < names.index("fold_sum_3") < names.index("fold_succ") < names.index("gauss_upto")


@pytest.mark.parametrize("name", sorted(CANARIES))
def test_gauss_canaries_are_not_proved(tmp_path: Path, name: str) -> None:
    """With the whole chain, Gauss's formula and its converse among the rules (assumed here;
    proved by the slow test below), the false variants stay unproved."""
    chain = ("le_refl", "le_succ", "le_zero", "le_trans", "fold_succ", "gauss_step", "gauss_upto", "gauss",
             "gauss_converse")
    path = gauss_theory(tmp_path, [], f"target {name} := {CANARIES[name]}\n", assumed=chain)
    run = gl.load(path).prove(settings=Settings(max_cycles=6, timeout=10))
    assert not run[name].proved


@pytest.mark.slow
def test_gauss_and_its_converse_are_proved_and_checked(tmp_path: Path) -> None:
    names = ["le_refl", "le_succ", "le_zero", "le_trans", "fold_succ", "gauss_step", "gauss_upto", "gauss",
             "gauss_converse"]
    run, accepted = prove_and_check(gauss_theory(tmp_path, names))
    assert accepted == names
    assert run["gauss_upto"].method == "induction"

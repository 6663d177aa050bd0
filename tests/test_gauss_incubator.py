"""The incubator on definitions (gl/incubator_defs.py): GL's Gauss batch gets its ground
facts — `id` on numerals, the ≤ table, sums (`Σ_{i=0..3} i = 6`) — each proved and
accepted by the checker; any definition is evaluated by what its body says, whatever its
name and parameter order; a wrong table value never becomes a theorem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

import gl
from gl.checker import check_file
from gl.core.prover import Prover, Settings
from gl.core.session import ProofRun
from gl.incubator import Numerals, incubate
from gl.incubator_defs import Relation, facts, incubate_definitions
from gl.signature import signature
from mpl_lang import to_mpl

GAUSS = ROOT.parent / "shared" / "reference" / "gl-gauss"
COMPUTE = 256  # as the explorer: values of + and * past the proved tables, for the evaluation


def incubated(path: Path, tmp: Path) -> tuple[gl.Session, list, object]:
    """Incubate the theory at `path` with its definitions; the facts' proofs checked."""
    session = gl.load(path)
    inc = incubate(session.theory, up_to=6, negatives=False, compute_to=COMPUTE)
    defined = incubate_definitions(session.theory, inc)
    out = tmp / "proofs.json"
    out.write_text(json.dumps(ProofRun(session, theorems=inc.results + defined.results).to_json()))
    report = check_file(out)
    assert report.ok, report.lines()
    return session, report.accepted, defined


def test_gauss_gets_id_order_and_sum_facts_proved_and_checked(tmp_path: Path) -> None:
    if not GAUSS.is_dir():
        pytest.skip(f"{GAUSS} is not present (../shared beside the repository)")
    session, accepted, defined = incubated(EXAMPLES / "gauss" / "gauss.mpl", tmp_path)
    assert defined.constants["id"][(3,)] == 3
    tables = {r.name: r for r in defined.relations}
    fold, le = tables["fold"], tables["preorder"]
    assert dict(fold.context) == {0: "N", 1: "s", 2: "+", 3: "id"} and fold.output == 6
    assert fold.table == {(n, m): sum(range(n, m + 1)) for n in range(5) for m in range(n, 5)}  # Σ_{i=n..m} i
    assert dict(le.context) == {0: "N", 1: "+"} and le.output is None
    assert {k for k, v in le.table.items() if v} == {(a, b) for a in range(5) for b in range(5) if a <= b}
    # Σ_{i=0..3} i = 6, 1 ≤ 3 and id(3) = 3, proved on the grid and accepted by the checker
    assert {"inc_fold_0_3", "inc_preorder_1_3", "inc_id_3"} <= set(accepted)
    sum03 = next(r for r in defined.results if r.name == "inc_fold_0_3")
    assert "(>[v](fold[N,s,+,id,i0,n3,v])(=[v,n6]))" in to_mpl(sum03.statement)


def test_a_definition_is_evaluated_by_its_body_not_its_name(tmp_path: Path) -> None:
    """Peano with a ≤ and a doubling under names and parameter orders of their own."""
    path = tmp_path / "defs.mpl"
    path.write_text(f'include "{EXAMPLES / "peano" / "peano.mpl"}"\n'
                    "def below[x,y,Nat,plus] := !(>[k](in[k,Nat])!(in3[x,k,y,plus]))\n"
                    "def twice[Nat,x,plus,y] := (&(in[x,Nat])(in3[x,x,y,plus]))\n")
    _, accepted, defined = incubated(path, tmp_path)
    tables = {r.name: r for r in defined.relations}
    assert dict(tables["below"].context) == {2: "N", 3: "+"}  # over + (≤), not * (divisibility)
    assert tables["twice"].table == {(k,): 2 * k for k in range(5)} and tables["twice"].output == 3
    assert {"inc_below_0_2", "inc_twice_3"} <= set(accepted)
    assert not any(name.startswith("inc_below_2_1") for name in accepted)  # 2 ≤ 1 is no fact


def test_a_wrong_table_value_is_never_proved() -> None:
    """The tables guide, proofs decide: `Σ_{i=0..3} i = 7`, stated from a corrupted
    table, fails on the grid (and the canary `Σ_{i=0..3} i = 6` beside it is proved)."""
    if not GAUSS.is_dir():
        pytest.skip(f"{GAUSS} is not present (../shared beside the repository)")
    theory = gl.load(EXAMPLES / "gauss" / "gauss.mpl").theory
    nums = Numerals(theory, signature(theory))
    params = theory.definitions["fold"].params
    context = ((0, "N"), (1, "s"), (2, "+"), (3, "id"))
    sums = [Relation("fold", params, context, (4, 5), 6, {(0, 3): value}) for value in (7, 6)]
    prover = Prover(theory, Settings(max_cycles=13, max_depth=1, max_witnesses=8))
    for le in ((0, 1), (0, 2), (0, 3), (1, 3), (2, 3), (3, 3)):  # the ≤ facts a sum's interval rests on
        [(name, stmt)] = facts([Relation("preorder", theory.definitions["preorder"].params, context[:1] + ((1, "+"),),
                                         (2, 3), None, {le: True})], {}, 3, nums.name, nums.statement, set())
        prover.accept(prover.prove(name, stmt, "incubator", methods=("direct",)))
    proved = []
    for r in sums:
        [(name, stmt)] = facts([r], {}, 3, nums.name, nums.statement, set(theory.constants))
        proved.append(prover.prove(name, stmt, "incubator", methods=("direct",)).proved)
    assert proved == [False, True]

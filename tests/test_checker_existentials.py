"""Definitions in proofs: the prover unfolds a defined predicate in a hypothesis (naming
the witnesses of an existential body, `ex_elim`) and proves a goal atom of one from its body
(`ex_intro` with a witness, then `fold`); the checker accepts exactly the sound steps of
those kinds, and a lemma's clauses as stated (`le_refl` giving the atom `le[N,+,n,n]`).
The theory is Peano (examples/peano) with two definitions of our own: `le` (n ≤ m: some
p ∈ N has n + p = m) and `within` (some set M holds n and only elements of N, an
existential of a universal, as GL's `fold` and `interval` are)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import PEANO

import gl
from gl.checker import Checker, check_file
from mpl_lang import load

THEORY = f"""include "{PEANO}"
def le[N,+,n,m] := !(>[p](in[p,N])!(in3[n,p,m,+]))
def within[N,n] := !(>[M](in[n,M])!(>[x](in[x,M])(in[x,N])))
target le_refl := (>[n](in[n,N])(le[N,+,n,n]))
target le_succ := (>[n,m](in2[n,m,s])(le[N,+,n,m]))
target within_in := (>[n](within[N,n])(in[n,N]))
target le_in := (>[n,m](&(le[N,+,n,m])(in[n,N]))(in[m,N]))
target le_refl_in := (>[n,M](&(in[n,N])(>[x](le[N,+,x,x])(in[x,M])))(in[n,M]))
"""


@pytest.fixture(scope="module")
def proved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    path = tmp_path_factory.mktemp("defs") / "defs.mpl"
    path.write_text(THEORY)
    run = gl.load(path).prove()
    assert [r.name for r in run.proved] == ["le_refl", "le_succ", "within_in", "le_in", "le_refl_in"]
    return path, run.to_json()


def steps_of(doc: dict[str, Any], name: str) -> list[dict[str, Any]]:
    th = next(t for t in doc["theorems"] if t["name"] == name)
    return th["proof"]["blocks"][0]["steps"]


def step(doc: dict[str, Any], name: str, kind: str) -> dict[str, Any]:
    return next(s for s in steps_of(doc, name) if s["kind"] == kind)


def test_the_proofs_unfold_fold_and_use_witnesses_and_check(proved) -> None:
    path, doc = proved
    out = path.parent / "proofs.json"
    out.write_text(json.dumps(doc))
    report = check_file(out)
    assert report.ok and report.accepted == ["le_refl", "le_succ", "within_in", "le_in", "le_refl_in"]
    assert step(doc, "le_refl", "ex_intro") == {
        "id": 6, "kind": "ex_intro", "fact": "!(>[p](in[p,N])!(in3[n,p,n,+]))", "premises": [5], "cycle": 2,
        "subst": {"p": "i0"}}
    assert step(doc, "le_refl", "fold")["fact"] == "(le[N,+,n,n])"
    assert step(doc, "within_in", "ex_elim")["fact"] == "(&(in[n,M])(>[x](in[x,M])(in[x,N])))"
    assert report.passed["ex_intro"] == 2 and report.passed["ex_elim"] == 1
    # le_refl as stated gives the atom (le[N,+,n,n]); its unfolded clause would give ∃p
    assert step(doc, "le_refl_in", "rule")["rule"] == {"theorem": "le_refl", "clause": 0, "stated": True}


def _check(path: Path, doc: dict[str, Any]) -> list[str]:
    return [str(f) for f in Checker(load(path)).check(doc).failures]


def _set(name: str, kind: str, key: str, value: Any) -> Callable[[dict], None]:
    return lambda doc: step(doc, name, kind).__setitem__(key, value)


ATTACKS: list[tuple[str, Callable[[dict], None], str]] = [
    ("a wrong witness", _set("le_succ", "ex_intro", "subst", {"p": "i0"}), "the instance is"),
    ("a witness that is no name", _set("le_refl", "ex_intro", "subst", {"p": "i0 i0"}), "subst must map"),
    ("a witness for another variable", _set("le_refl", "ex_intro", "subst", {"q": "i0"}), "subst must map"),
    ("no subst", _set("le_refl", "ex_intro", "subst", None), "subst must map"),
    ("an existential it does not prove", _set("le_refl", "ex_intro", "fact", "!(>[p](in[p,N])!(in3[p,n,n,+]))"),
     "the instance is"),
    ("a universal instead", _set("le_refl", "ex_intro", "fact", "(>[p](in[p,N])!(in3[n,p,n,+]))"),
     "not an existential"),
    ("two premises", _set("le_refl", "ex_intro", "premises", [5, 5]), "needs 1 premise"),
    ("a witness already in use", _set("within_in", "ex_elim", "subst", {"M": "n"}), "not fresh"),
    ("a theory constant as witness", _set("within_in", "ex_elim", "subst", {"M": "i0"}), "not fresh"),
    ("an instance it does not give", _set("within_in", "ex_elim", "fact", "(&(in[n,M])(>[x](in[x,N])(in[x,M])))"),
     "the instance is"),
    ("a stated clause read unfolded", lambda d: step(d, "le_refl_in", "rule")["rule"].pop("stated"),
     "an existential clause needs kind witness"),
    ("a stated clause of the wrong theorem", lambda d: step(d, "le_refl_in", "rule")["rule"].update(
        theorem="le_succ"), "is not an earlier proved theorem listed in cites"),
    ("elimination of a universal", lambda d: step(d, "within_in", "ex_elim").__setitem__("premises", [1]),
     "not an existential"),
]


@pytest.mark.parametrize(("attack", "corrupt", "reason"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_a_corrupted_existential_step_is_rejected(proved, attack: str, corrupt: Callable[[dict], None],
                                                  reason: str) -> None:
    path, doc = proved
    bad = copy.deepcopy(doc)
    corrupt(bad)
    failures = _check(path, bad)
    assert failures and any(reason in f for f in failures), failures


def test_false_order_facts_are_not_proved(tmp_path: Path) -> None:
    """Canaries: s(n) ≤ n, and n ≤ i0 for every n, are false."""
    path = tmp_path / "canary.mpl"
    path.write_text(THEORY.split("target")[0] + "target succ_le := (>[n,m](in2[n,m,s])(le[N,+,m,n]))\n"
                    "target le_zero := (>[n](in[n,N])(le[N,+,n,i0]))\n")
    run = gl.load(path).prove()
    assert run.proved == []

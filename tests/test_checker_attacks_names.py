"""Red-team attacks on what a report's names mean and on eigenvariable freshness.

A theory names its targets and assumptions; `gl check` prints `accepted NAME: ...` and
tools (benchmarks/tip.py, a reader) take `accepted goal` for the theory's `goal`. A forged
document that proves something easy under a target's name must be rejected, serially and
in shares. A witness must be fresh even when its name only occurs in an earlier fact."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
from conftest import PEANO
from helpers.checker_docs import Doc, axiom, block, peano_doc, steps, theorem, write_doc

from gl.checker import check_file
from gl.checker.shares import check_share, merge, plan

#: Peano with a false target and an assumption the document does not state
THEORY = (f'include "{PEANO / "peano.mpl"}"\n'
          "target zero_is_one := (=[i0,i1])\n"
          "assume comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))\n")


def forged(tmp_path: Path, name: str) -> Path:
    """The hand-written Peano document plus a valid proof of `0 ∈ N` called `name`,
    checked against THEORY."""
    (tmp_path / "t.mpl").write_text(THEORY, encoding="utf-8")
    doc: Doc = peano_doc(tmp_path)
    doc["source"] = os.path.relpath(tmp_path / "t.mpl", tmp_path)
    easy = "(in[i0,N])"
    doc["theorems"].append(theorem(name, easy, "direct", [
        block(f"{name}/main", "main", easy, {}, steps(axiom(easy, (), 0)), 1)]))
    return write_doc(tmp_path, doc)


def in_shares(path: Path, n: int) -> list[str]:
    """The lines of the report `gl check --workers n` merges from its shares."""
    p = plan(path)
    assert p is not None
    shares = [check_share(p, (k, n)) for k in range(n)]
    assert all(s is not None for s in shares)
    return merge(shares, {name: i for i, name in enumerate(p.names)}).lines()


def test_the_easy_proof_is_accepted_under_a_name_of_its_own(tmp_path: Path) -> None:
    report = check_file(forged(tmp_path, "zero_in_n"))
    assert report.ok and "accepted zero_in_n: i0 ∈ N" in report.lines()


@pytest.mark.parametrize("name,states", [("zero_is_one", "(=[i0,i1])"),
                                         ("comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")])
def test_a_proof_under_the_name_of_a_theory_statement_must_prove_that_statement(
        tmp_path: Path, name: str, states: str) -> None:
    """`accepted zero_is_one: 0 ∈ N` would read as the false target proved (the TIP
    benchmark counts a goal proved by that line); likewise a 'proof' of an assumption."""
    path = forged(tmp_path, name)
    want = f"FAIL {name} [theorem]: the theory's {name} states {states}, not this"
    for lines in (check_file(path).lines(), in_shares(path, 2), in_shares(path, 3)):
        assert want in lines
        assert not any(line.startswith(f"accepted {name}") for line in lines)


def test_a_witness_named_like_a_name_an_earlier_fact_introduced_is_not_fresh(tmp_path: Path) -> None:
    """`w = w` (reflexivity of a name nobody used) makes `w` taken: axiom 3's witness for
    `s(0)` may not be called `w` after it, or the block could identify s(0) with any w."""
    doc: Doc = peano_doc(tmp_path)
    fact = "(&(in[w,N])(in2[i0,w,s]))"
    rows = [("eq_refl", "(=[w,w])", ()), axiom("(in[i0,N])", (), 0),
            ("witness", fact, (2,), {"rule": {"axiom": 3}, "subst": {"x": "i0", "y": "w"}})]
    doc["theorems"] = [theorem("succ_zero", "!(>[y](in[y,N])!(in2[i0,y,s]))", "direct", [
        block("succ_zero/main", "main", "!(>[y](in[y,N])!(in2[i0,y,s]))", {}, steps(
            *rows, ("ex_intro", "!(>[y](in[y,N])!(in2[i0,y,s]))", (3,), {"subst": {"y": "w"}})), 4)])]
    fresh = copy.deepcopy(doc)
    fresh["theorems"][0]["proof"]["blocks"][0]["steps"][0].update(fact="(=[i0,i0])", kind="eq_refl")
    assert check_file(write_doc(tmp_path, fresh)).ok
    lines = check_file(write_doc(tmp_path, doc)).lines()
    assert "FAIL succ_zero / succ_zero/main / step 3 [witness]: witness 'w' is not fresh and distinct" in lines


def test_names_of_facts_after_a_witness_step_are_taken_at_the_next(tmp_path: Path) -> None:
    """A block gathers the names a witness must avoid when a witness step asks; the facts
    after that step (`v = v`) still make their names taken for the next witness step."""
    doc: Doc = peano_doc(tmp_path)
    claim = "!(>[y](in[y,N])!(in2[i0,y,s]))"

    def witness(y: str) -> tuple:
        return ("witness", f"(&(in[{y},N])(in2[i0,{y},s]))", (1,), {"rule": {"axiom": 3}, "subst": {"x": "i0", "y": y}})

    def document(third: str) -> Doc:
        rows = [axiom("(in[i0,N])", (), 0), witness("w"), ("eq_refl", third, ()), witness("v"),
                ("ex_intro", claim, (2,), {"subst": {"y": "w"}})]
        doc["theorems"] = [theorem("succ_zero", claim, "direct", [
            block("succ_zero/main", "main", claim, {}, steps(*rows), 5)])]
        return copy.deepcopy(doc)

    assert check_file(write_doc(tmp_path, document("(=[i0,i0])"))).ok
    lines = check_file(write_doc(tmp_path, document("(=[v,v])"))).lines()
    assert "FAIL succ_zero / succ_zero/main / step 4 [witness]: witness 'v' is not fresh and distinct" in lines

"""The theory a proofs.json embeds (`mpl`, issue 19): the document names no path of the
machine that wrote it, `gl check` reads it from any folder, and the embedded text is the
theory checked against: changing it changes the fingerprint the report prints, a proof
that needs a changed axiom fails against the real theory (`--theory`), and a text that
includes files or is no string is refused on one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PEANO
from helpers.checker_docs import peano_doc, write_doc
from helpers.cli import run_gl

from gl.checker import check_file
from gl.document import theory_mpl
from mpl_lang import Theory, compile_decls, load, parse_module

ZERO_IS_ONE = "(=[i0,i1])"


def embedded(folder: Path, mpl: str, theorems: list | None = None) -> Path:
    """The Peano fixture with the theory `mpl` embedded and a source that is only a name."""
    doc = peano_doc(folder)
    doc.update(source="peano/peano.mpl", mpl=mpl, **({"theorems": theorems} if theorems is not None else {}))
    return write_doc(folder, doc)


def test_an_embedded_theory_is_checked_from_any_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    proofs = embedded(tmp_path, theory_mpl(load(PEANO / "peano.mpl")))
    text = proofs.read_text(encoding="utf-8")
    assert str(tmp_path) not in text and "../" not in text and str(PEANO) not in text
    monkeypatch.chdir(tmp_path.parent)
    code, out, _ = run_gl(capsys, "check", str(proofs))
    assert code == 0
    assert out.splitlines()[0].startswith(f"theory (named by the document's source): the theory embedded in "
                                          f"{proofs} (its source: peano/peano.mpl) (anchor AnchorPeano; 1 file; sha256 ")
    pinned = check_file(proofs, PEANO / "peano.mpl")
    assert pinned.theory[-65:] == out.splitlines()[0][-65:] and pinned.accepted == check_file(proofs).accepted


def _zero_is_one(mpl: str) -> tuple[str, list]:
    """`mpl` with the axiom i0 = i1 added to the anchor, and a proof of i0 = i1 from it."""
    evil = mpl.replace("(NaturalNumbers[N,i0,s,+,*])", f"(&(NaturalNumbers[N,i0,s,+,*]){ZERO_IS_ONE})")
    assert evil != mpl
    index = next(i for i, c in enumerate(load_text(evil).axioms()) if str(c) == f"⊤ ⇒ {ZERO_IS_ONE}")
    proof = {"method": "direct", "blocks": [{
        "id": "zero_is_one/main", "role": "main", "claim": ZERO_IS_ONE, "fresh": {}, "negated_goal": False,
        "goal_step": 1, "steps": [{"id": 1, "kind": "rule", "fact": ZERO_IS_ONE, "premises": [], "cycle": 1,
                                   "rule": {"axiom": index}, "subst": {}}]}]}
    return evil, [{"name": "zero_is_one", "statement": ZERO_IS_ONE, "status": "proved", "method": "direct",
                   "cites": [], "proof": proof}]


def load_text(mpl: str) -> Theory:
    """The theory of one MPL text, as the checker reads an embedded one."""
    return compile_decls(parse_module(mpl).decls)


def test_a_changed_embedded_theory_shows_in_the_fingerprint_and_fails_when_pinned(tmp_path: Path, capsys) -> None:
    """Red team: the document brings its own axiom i0 = i1. It is checked against exactly
    that text (the report's fingerprint is not Peano's), and `--theory` rejects it."""
    real = theory_mpl(load(PEANO / "peano.mpl"))
    evil, theorems = _zero_is_one(real)
    proofs = embedded(tmp_path, evil, theorems)
    own = check_file(proofs)
    assert own.ok and own.accepted == ["zero_is_one"]
    (tmp_path / "real").mkdir()
    peano = check_file(embedded(tmp_path / "real", real))
    assert own.theory[-65:] != peano.theory[-65:]
    code, out, _ = run_gl(capsys, "check", str(proofs), "--theory", str(PEANO / "peano.mpl"))
    assert code == 1 and "0 of 1 proved theorems accepted" in out


def test_the_theory_json_and_source_are_not_evidence(tmp_path: Path) -> None:
    """The informational `theory` section and `source` cannot stand in for `mpl`: with the
    embedded text missing the successor's axioms, the proofs citing clauses after them fail."""
    real = theory_mpl(load(PEANO / "peano.mpl"))
    short = real.replace("(&(in[i0,N])(&(fXY[s,N,N])", "(&(in[i0,N])(&(in[i0,N])", 1)
    assert short != real
    proofs = embedded(tmp_path, short)
    doc = json.loads(proofs.read_text(encoding="utf-8"))
    doc["theory"] = {"axioms": [{"index": i, "clause": str(c)} for i, c in enumerate(load(PEANO / "peano.mpl").axioms())]}
    report = check_file(write_doc(tmp_path, doc))
    assert not report.ok


@pytest.mark.parametrize(("mpl", "words"), [
    (7, "'mpl' must be the text of the theory's MPL module"),
    ('include "../../examples/peano/definitions.mpl"\nanchor T[N] := (in[N,N])',
     "'mpl' must be one MPL module of at most"),
    ("anchor T[N] := (in[N", "proofs.json#mpl:1:"),
])
def test_a_bad_embedded_theory_is_one_line_and_reads_no_file(tmp_path: Path, capsys, mpl: object, words: str) -> None:
    doc = peano_doc(tmp_path)
    doc.update(source="x/x.mpl", mpl=mpl)
    code, out, err = run_gl(capsys, "check", str(write_doc(tmp_path, doc)))
    assert code == 2 and out == "" and words in err and err.count("\n") == 1

"""The checker against forged documents that once got through or could: formula texts that
read differently from what was checked, names that carry MPL syntax or invisible
characters, presentation fields that lie, a document that brings its own axioms."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import hypothesis.strategies as st_h
import pytest
from conftest import PEANO
from helpers.checker_docs import Doc, blk, peano_doc, st, th, write_doc
from helpers.cli import run_gl
from hypothesis import HealthCheck, given, settings

from gl.checker import Checker, ProofFileError, check_file
from gl.core.prover import Prover
from mpl_lang import load, parse_expr, readable, to_mpl
from mpl_lang.logic import induction_claims
from mpl_lang.names import MAX_NAME_LENGTH

#: An induction variable whose printed step claim starts with a false statement, then a comment.
HIDING = "x](in[i0,N])(=[i0,i1]))#"


def _forged_by_comment(tmp_path: Path) -> tuple[Doc, str]:
    """The attack that once passed: add_zero_left's step block gets an induction variable
    holding MPL syntax and a comment, so its printed step claim starts with the text of a
    false statement; a theorem stating that text re-uses the step block's proof."""
    doc = peano_doc(tmp_path)
    azl = th(doc, "add_zero_left")
    step = blk(doc, "add_zero_left", "step")
    claim = induction_claims(parse_expr(azl["statement"]), "a", "N", "i0", "s", HIDING, "k2q")["step"]
    text = to_mpl(claim)
    step.update(induction_vars=[HIDING, "k2q"], claim=text, fresh={HIDING: "k", "k2q": "k2"})
    main = dict(copy.deepcopy(step), id="evil/main", role="main")
    del main["induction_vars"]
    doc["theorems"].append({"name": "evil", "statement": text, "readable": "", "origin": "target",
                            "law": None, "status": "proved", "method": "direct", "cites": [],
                            "essential": None, "follows_from": [],
                            "proof": {"method": "direct", "blocks": [main]}})
    return doc, text


def test_a_statement_text_that_reads_as_a_false_formula_is_rejected(tmp_path: Path) -> None:
    doc, text = _forged_by_comment(tmp_path)
    assert readable(parse_expr(text)) == "∀x: i0 ∈ N → i0 = i1"  # what a reader of the text sees
    report = check_file(write_doc(tmp_path, doc))
    assert "evil" not in report.accepted and "add_zero_left" not in report.accepted
    reasons = [str(f) for f in report.failures]
    assert any(r.startswith("evil [theorem]: statement is not canonical MPL") for r in reasons)
    assert any("distinct MPL identifiers" in r for r in reasons if r.startswith("add_zero_left"))


def test_the_same_forgery_with_a_plain_false_law(tmp_path: Path) -> None:
    """Variant: the hidden statement is ∀a,b: a + b = a."""
    doc = peano_doc(tmp_path)
    hiding = "x,y](in3[x,y,x,+])(in3[x,y,x,+]))#"
    claim = induction_claims(parse_expr(th(doc, "add_zero_left")["statement"]), "a", "N", "i0", "s",
                             hiding, "k2q")["step"]
    th(doc, "add_zero_right")["statement"] = to_mpl(claim)
    report = check_file(write_doc(tmp_path, doc))
    assert "add_zero_right" not in report.accepted
    assert any("not canonical MPL" in str(f) for f in report.failures if f.theorem == "add_zero_right")


@pytest.mark.parametrize("field,text", [
    ("statement", "(>[a](in[a,N])(in3[a,i0,a,+])) # a comment"),
    ("statement", "(>[a] (in[a,N]) (in3[a,i0,a,+]))"),
    ("statement", "(>[a](in[a,N])\n(in3[a,i0,a,+]))"),
    ("claim", "(>[a](in[a,N])(in3[a,i0,a,+]));"),
    ("fact", "(in3[a,i0,a,+]) "),
])
def test_formula_texts_must_be_canonical(tmp_path: Path, field: str, text: str) -> None:
    doc = peano_doc(tmp_path)
    target = th(doc, "add_zero_right") if field == "statement" else blk(doc, "add_zero_right") \
        if field == "claim" else st(doc, "add_zero_right", "main", 3)
    target[field] = text
    report = check_file(write_doc(tmp_path, doc))
    assert "add_zero_right" not in report.accepted
    assert any("not canonical MPL" in str(f) or "must claim" in str(f) for f in report.failures)


BAD_NAMES = ["a\u202eb", "a\x00", "a b", "x](in[i0,N])#", "", "é", "a\nb", "k" * (MAX_NAME_LENGTH + 1),
             "a;b", "(a)"]


def _set_name(doc: Doc, where: str, name: str) -> str:
    """Put `name` into the document at `where`; the theorem that must then be rejected."""
    if where == "theorem name":
        th(doc, "eq_demo")["name"] = name
        blk(doc, name, "main")["id"] = f"{name}/main"
        return "#4"
    if where == "induction variable":
        b = blk(doc, "add_zero_left", "step")
        b["induction_vars"] = [name, "k2"]
        return "add_zero_left"
    if where == "fresh constant":
        blk(doc, "eq_demo")["fresh"]["b"] = name
        return "eq_demo"
    if where == "subst value":
        st(doc, "add_zero_right", "main", 3)["subst"]["b"] = name
        return "add_zero_right"
    if where == "subst key":
        st(doc, "add_zero_right", "main", 3)["subst"] = {"a": "a", name: "a"}
        return "add_zero_right"
    if where == "witness constant":
        blk(doc, "total_from_fXY")["witnesses"] = {name: "s(x)"}
        return "total_from_fXY"
    raise AssertionError(where)


@pytest.mark.parametrize("where", ["theorem name", "induction variable", "fresh constant",
                                   "subst value", "subst key", "witness constant"])
@pytest.mark.parametrize("name", BAD_NAMES, ids=[ascii(n)[:20] for n in BAD_NAMES])
def test_every_name_must_be_an_mpl_identifier(tmp_path: Path, where: str, name: str) -> None:
    doc = peano_doc(tmp_path)
    theorem = _set_name(doc, where, name)
    report = check_file(write_doc(tmp_path, doc))
    assert not report.ok
    assert theorem not in report.accepted and len(report.accepted) < 8
    text = "\n".join(report.lines())
    assert all(c == "\n" or c.isprintable() for c in text)  # nothing invisible reaches the report
    if not name.isprintable() or len(name) > MAX_NAME_LENGTH:
        assert name not in text  # shown escaped or shortened


@pytest.mark.parametrize("bad", ["add_zero_right/step", "eq_demo/main", "add_zero_right", 7, None])
def test_block_ids_are_theorem_slash_role(tmp_path: Path, bad: object) -> None:
    doc = peano_doc(tmp_path)
    blk(doc, "add_zero_right")["id"] = bad
    report = check_file(write_doc(tmp_path, doc))
    assert "add_zero_right" not in report.accepted
    assert any("must be 'add_zero_right/main'" in str(f) for f in report.failures)


@pytest.mark.parametrize("term", ["a\u202e+b", "x" * 201, 7, "a\x1b[31m"])
def test_witness_terms_are_short_printable_text(tmp_path: Path, term: object) -> None:
    doc = peano_doc(tmp_path)
    blk(doc, "total_from_fXY")["witnesses"] = {"w": term}
    report = check_file(write_doc(tmp_path, doc))
    assert "total_from_fXY" not in report.accepted
    assert any("not a short printable term" in str(f) for f in report.failures)


def test_check_prints_what_it_verified_not_the_documents_readable(tmp_path: Path, capsys) -> None:
    doc = peano_doc(tmp_path)
    th(doc, "add_zero_right")["readable"] = "∀a: i0 = i1"
    th(doc, "eq_demo")["readable"] = readable(parse_expr(th(doc, "eq_demo")["statement"]))
    code, out, _ = run_gl(capsys, "check", str(write_doc(tmp_path, doc)))
    assert code == 0
    assert "accepted add_zero_right: ∀a: a ∈ N → a + i0 = a" in out.splitlines()
    assert "note add_zero_right: its 'readable' text '\\u2200a: i0 = i1' is not its statement (ignored)" in out
    assert not any(line.startswith("note eq_demo") for line in out.splitlines())
    assert "i0 = i1" not in out.replace("\\u2200a: i0 = i1", "")


def _own_axioms(tmp_path: Path) -> tuple[Path, Path]:
    """A theory that assumes i0 = i1 and a document proving it from that axiom."""
    evil = tmp_path / "evil.mpl"
    evil.write_text('include "' + os.path.relpath(PEANO / "definitions.mpl", tmp_path) + '"\n'
                    "anchor AnchorPeano[N,i0,s,+,*,i1] := "
                    "(&(NaturalNumbers[N,i0,s,+,*])(&(in2[i0,i1,s])(=[i0,i1])))\n"
                    "induction N from i0 by s\n")
    statement = "(=[i0,i1])"
    from mpl_lang import load
    index = next(i for i, c in enumerate(load(evil).axioms()) if str(c) == "⊤ ⇒ (=[i0,i1])")
    doc = {"schema": "gl.proofs/1", "source": "evil.mpl", "theorems": [{
        "name": "zero_is_one", "statement": statement, "status": "proved", "method": "direct",
        "cites": [], "proof": {"method": "direct", "blocks": [{
            "id": "zero_is_one/main", "role": "main", "claim": statement, "fresh": {},
            "negated_goal": False, "goal_step": 1, "steps": [
                {"id": 1, "kind": "rule", "fact": statement, "premises": [],
                 "rule": {"axiom": index}, "subst": {}}]}]}}]}
    return write_doc(tmp_path, doc), evil


def test_check_names_the_theory_it_checked_against(tmp_path: Path, capsys) -> None:
    proofs, evil = _own_axioms(tmp_path)
    code, out, _ = run_gl(capsys, "check", str(proofs))
    assert code == 0  # true in the theory the document names ...
    first = out.splitlines()[0]
    assert first.startswith(f"theory (named by the document's source): {evil.resolve()} (anchor AnchorPeano; 2 files; "
                            "sha256 of its canonical MPL ")
    peano = check_file(write_doc(tmp_path, peano_doc(tmp_path)))
    assert _hash(peano.theory) != first[-64:]


def test_theory_option_pins_the_theory(tmp_path: Path, capsys) -> None:
    proofs, _ = _own_axioms(tmp_path)
    code, out, _ = run_gl(capsys, "check", str(proofs), "--theory", str(PEANO / "peano.mpl"))
    assert code == 1  # ... and rejected against the Peano axioms
    assert out.splitlines()[0].startswith(f"theory (pinned by --theory): {(PEANO / 'peano.mpl').resolve()} (")
    assert "0 of 1 proved theorems accepted" in out


def _hash(theory_line: str) -> str:
    """The SHA-256 a report's theory line ends in."""
    digest = theory_line.removesuffix(")")[-64:]
    assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
    return digest


def test_a_symbolic_link_cannot_disguise_the_theory(tmp_path: Path, capsys) -> None:
    """Red team: `source` went through a link and back up with `..`; the report named the
    path as text normalizes it (somewhere else) while the OS loaded the file the link leads
    to. Now the resolved path, the file actually loaded, is what the report names."""
    proofs, evil = _own_axioms(tmp_path)
    (tmp_path / "tree" / "a" / "b").mkdir(parents=True)
    loaded = tmp_path / "tree" / "evil.mpl"
    loaded.write_text(evil.read_text().replace('include "', 'include "../'))
    (tmp_path / "x").symlink_to(tmp_path / "tree" / "a" / "b")
    doc = json.loads(proofs.read_text())
    doc["source"] = "../../evil.mpl"  # as text: tmp_path/../evil.mpl; on disk: tree/evil.mpl
    (tmp_path / "x" / "proofs.json").write_text(json.dumps(doc))
    code, out, _ = run_gl(capsys, "check", str(tmp_path / "x" / "proofs.json"))
    assert code == 0
    assert out.splitlines()[0].startswith(f"theory (named by the document's source): {loaded.resolve()} (")


@pytest.mark.parametrize("source", ["t\r" + "theory: /work/main/examples/peano.mpl", "t\x1b[999C", "t\u202e"])
def test_a_source_with_control_characters_is_refused(tmp_path: Path, capsys, source: str) -> None:
    doc = peano_doc(tmp_path)
    doc["source"] = source.encode().decode("unicode_escape")
    code, out, err = run_gl(capsys, "check", str(write_doc(tmp_path, doc)))
    assert code == 2 and out == "" and "printable characters only" in err and err.count("\n") == 1


def test_the_fingerprint_ignores_layout_and_comments(tmp_path: Path) -> None:
    text = (PEANO / "peano.mpl").read_text(encoding="utf-8")
    (tmp_path / "definitions.mpl").write_text((PEANO / "definitions.mpl").read_text(encoding="utf-8"))
    (tmp_path / "peano.mpl").write_text("# another comment\n\n" + text.replace(" := ", " :=\n  "))
    doc = peano_doc(tmp_path)
    doc["source"] = "peano.mpl"
    moved = check_file(write_doc(tmp_path, doc))
    original = check_file(write_doc(tmp_path, peano_doc(tmp_path)))
    assert _hash(moved.theory) == _hash(original.theory)
    assert moved.ok and moved.accepted == original.accepted


# ---------------------------------------------------------------- hostile files

HOSTILE_FILES: dict[str, bytes] = {
    "nested 200,000 deep": b"[" * 200_000 + b"]" * 200_000,
    "nested 65 deep in a document": (b'{"schema": "gl.proofs/1", "source": "x.mpl", "theorems": '
                                     + b"[" * 65 + b"]" * 65 + b"}"),
    "100,000-digit integer": b'{"schema": "gl.proofs/1", "n": ' + b"7" * 100_000 + b"}",
    "NaN": b'{"schema": NaN}',
    "not UTF-8": b'{"schema": "gl.proofs/1",\n "source": "\xff\xfe"}',
    "empty": b"",
    "binary": bytes(range(256)),
}


#: each front door that reads a proofs.json, FILE and OUT to be filled in
READERS = [["check", "FILE"], ["export", "tptp", "FILE", "-o", "OUT"],
           ["export", "html", "FILE", "-o", "OUT"], ["mutate", "FILE", "-o", "OUT/m.jsonl"]]


def _args(command: list[str], path: Path | str, out: Path) -> list[str]:
    return [str(path) if a == "FILE" else a.replace("OUT", str(out)) for a in command]


@pytest.mark.parametrize("command", READERS, ids=[" ".join(c[:2]) for c in READERS])
@pytest.mark.parametrize("what", sorted(HOSTILE_FILES))
def test_hostile_proof_files_are_one_line_exit_2(tmp_path: Path, capsys, command: list[str], what: str) -> None:
    path = tmp_path / "proofs.json"
    path.write_bytes(HOSTILE_FILES[what])
    code, out, err = run_gl(capsys, *_args(command, path, tmp_path / "out"))
    assert code == 2, (out, err)
    assert len(err.strip().splitlines()) == 1 and err.startswith(f"gl: error: {path}:")


@pytest.mark.parametrize("command", READERS, ids=[" ".join(c[:2]) for c in READERS])
def test_a_device_is_refused_not_read(tmp_path: Path, capsys, command: list[str]) -> None:
    code, _, err = run_gl(capsys, *_args(command, "/dev/zero", tmp_path / "out"))
    assert code == 2 and err.strip() == "gl: error: /dev/zero:1:1: not a regular file"


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from mpl_lang.inputs import InputFileError, read_text
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"pad": "x" * 2000}))
    assert read_text(path, limit=4096).startswith('{"pad"')
    with pytest.raises(InputFileError, match=r"big.json:1:1: larger than 1,000 bytes"):
        read_text(path, limit=1000)


# ---------------------------------------------------------------- random mutations

MPL_CHARS = "()[],&>!=+*ai0Nsk#; "


@st_h.composite
def mutated(draw: st_h.DrawFn, doc: Doc) -> Doc:
    """`doc` with one to three random edits: a character of a text inserted, dropped or
    replaced, a text swapped for another of the document, an integer moved by one, a list
    element dropped, repeated or moved, a key deleted."""
    bad = copy.deepcopy(doc)
    for _ in range(draw(st_h.integers(1, 3))):
        paths = [p for p in _leaves(bad) if p]
        path = draw(st_h.sampled_from(paths))
        parent = bad
        for key in path[:-1]:
            parent = parent[key]
        value, key = parent[path[-1]], path[-1]
        op = draw(st_h.integers(0, 3))
        if isinstance(value, str) and op < 3:
            i = draw(st_h.integers(0, len(value)))
            c = draw(st_h.sampled_from(MPL_CHARS))
            parent[key] = (value[:i] + c + value[i:], value[:i] + value[i + 1:], value[:i] + c + value[i + 1:])[op]
        elif isinstance(value, str):
            parent[key] = draw(st_h.sampled_from([v for p in paths if isinstance(v := _at(bad, p), str)]))
        elif isinstance(value, bool) or value is None:
            parent[key] = not value
        elif isinstance(value, int):
            parent[key] = value + (1, -1, 0, 2)[op]
        elif isinstance(parent, list) and op < 2:
            j = draw(st_h.integers(0, len(parent) - 1))
            parent.insert(j, parent.pop(key)) if op == 0 else parent.insert(j, copy.deepcopy(value))
        elif isinstance(parent, list | dict):
            del parent[key]
    return bad


def _leaves(x: Any, path: tuple = ()) -> list[tuple]:
    items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else None
    if items is None:
        return [path]
    return [path] + [p for k, v in list(items) for p in _leaves(v, (*path, k))]


def _at(x: Any, path: tuple) -> Any:
    for key in path:
        x = x[key]
    return x


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Doc, Checker, set[str]]:
    folder = tmp_path_factory.mktemp("doc")
    doc = peano_doc(folder)
    checker = Checker(load(PEANO / "peano.mpl"))
    report = checker.check(doc)
    return doc, checker, {t["statement"] for t in doc["theorems"] if t["name"] in report.accepted}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st_h.data())
def test_random_mutations_are_rejected_or_state_only_true_facts(original, data) -> None:
    doc, checker, truths = original
    bad = data.draw(mutated(doc))
    try:
        report = checker.check(bad)
    except ProofFileError:  # not even shaped like a proof document
        return
    for t in bad["theorems"]:
        if isinstance(t, dict) and t.get("name") in report.accepted and t["statement"] not in truths:
            # a statement the original did not make: the prover must re-derive it on its own
            result = Prover(checker.theory).prove("again", parse_expr(t["statement"]))
            assert result.proved, f"accepted {t['name']}: {t['statement']}"

"""TPTP export and the E prover cross-check (`gl export tptp`, `gl check --atp eprover`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import PEANO
from test_checker_cli import run
from test_checker_proofs import peano_doc, write_doc

from export.tptp import _esc, axiom_parts, fof, problems, theory_text
from gl.checker.atp import CONFIRMED, find_eprover, run_eprover
from mpl_lang import load, parse_expr

needs_e = pytest.mark.skipif(find_eprover() is None, reason="eprover is not installed")
TPTP_WORD = re.compile(r"[a-z][A-Za-z0-9_]*|[A-Z][A-Za-z0-9_]*|\$false")


def test_names_encode_injectively_into_tptp_words() -> None:
    names = ["+", "*", "=", "i0", "a_b", "a__b", "a_2b_", "_", "__", "x'", "k2", "N", "ñ"]
    codes = [_esc(n) for n in names]
    assert len(set(codes)) == len(names)
    assert all(re.fullmatch(r"[A-Za-z0-9_]+", c) for c in codes)
    assert _esc("+") == "_2b_" and _esc("i0") == "i0"


def test_formulas_translate_with_equality_and_scoped_variables() -> None:
    assert fof(parse_expr("!(=[a,b])")) == "~ (c_a = c_b)"
    nested = fof(parse_expr("(>[x](in[x,N])(&(in[x,x])(>[x](in[x,N])(in2[x,x,s]))))"))
    assert nested == ("(! [V_x] : (p_in(V_x,c_N) => (p_in(V_x,V_x) & "
                      "(! [V_x_1] : (p_in(V_x_1,c_N) => p_in2(V_x_1,V_x_1,c_s))))))")
    assert fof(None) == "$false"


def test_axiom_parts_line_up_with_clause_indices() -> None:
    theory = load(PEANO / "peano.mpl")
    parts = axiom_parts(theory)
    assert len(parts) == len(theory.axioms()) == 25
    assert parts[0] == parse_expr("(in[i0,N])") and parts[24] == parse_expr("(in2[i0,i1,s])")


def test_export_writes_one_problem_per_step_plus_inductions(tmp_path: Path, capsys) -> None:
    doc = peano_doc(tmp_path)
    proofs = write_doc(tmp_path, doc)
    code, out, _ = run(capsys, "export", "tptp", str(proofs), "-o", str(tmp_path / "tptp"))
    assert code == 0 and "wrote 46 problems" in out
    index = json.loads((tmp_path / "tptp" / "index.json").read_text())
    assert len(index) == 46 and sum(p["path"].endswith("induction.p") for p in index) == 1
    for p in index:
        text = (tmp_path / "tptp" / p["path"]).read_text()
        assert text.count(", conjecture, ") == 1
        body = "\n".join(line for line in text.splitlines() if not line.startswith("%"))
        words = re.findall(r"[$A-Za-z][A-Za-z0-9_]*", re.sub(r"fof\(\w+, \w+, ", "", body))
        assert all(TPTP_WORD.fullmatch(w) for w in words)
    theory = (tmp_path / "tptp" / "theory.p").read_text()
    assert "fof(def_fXY, axiom, (! [V_f, V_X, V_Y] : (p_fXY(V_f,V_X,V_Y) <=> " in theory
    assert theory == theory_text(load(PEANO / "peano.mpl"), doc["source"])


def test_export_is_deterministic(tmp_path: Path) -> None:
    doc, theory = peano_doc(tmp_path), load(PEANO / "peano.mpl")
    assert problems(doc, theory) == problems(json.loads(json.dumps(doc)), theory)


def test_witness_step_asks_for_an_existential(tmp_path: Path) -> None:
    probs = problems(peano_doc(tmp_path), load(PEANO / "peano.mpl"))
    text = next(p.text for p in probs if "(witness)" in p.what)
    assert "fof(goal, conjecture, (? [V_w] : (p_in(V_w,c_N) & p_in2(c_x,V_w,c_f))))." in text


def test_export_of_malformed_proof_is_exit_2(tmp_path: Path, capsys) -> None:
    doc = peano_doc(tmp_path)
    doc["theorems"][0]["proof"]["blocks"][0]["steps"][0]["fact"] = "(in[a"
    code, _, err = run(capsys, "export", "tptp", str(write_doc(tmp_path, doc)), "-o", str(tmp_path))
    assert code == 2 and "unreadable formula" in err


@needs_e
def test_eprover_confirms_every_step(tmp_path: Path, capsys) -> None:
    proofs = write_doc(tmp_path, peano_doc(tmp_path))
    code, out, _ = run(capsys, "check", str(proofs), "--atp", "eprover", "--atp-timeout", "5")
    assert code == 0, out
    assert "eprover confirmed 46 of 46 problems" in out


@needs_e
def test_eprover_does_not_confirm_a_false_step(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    step = doc["theorems"][0]["proof"]["blocks"][0]["steps"][2]
    step["fact"] = "(in3[a,i0,i0,+])"
    text = next(p.text for p in problems(doc, load(PEANO / "peano.mpl")) if "add_zero_right" in p.what
                and "step 3" in p.what)
    assert run_eprover([text], find_eprover(), 3, 1)[0] not in CONFIRMED


@needs_e
def test_atp_on_an_unexportable_proof_fails_cleanly(tmp_path: Path, capsys) -> None:
    doc = peano_doc(tmp_path)
    doc["theorems"][0]["proof"]["blocks"][0]["steps"][0]["fact"] = "(in[a"
    code, out, _ = run(capsys, "check", str(write_doc(tmp_path, doc)), "--atp", "eprover")
    assert code == 1 and "eprover: cannot export the proofs as TPTP" in out

"""`gl parse`: the theory in canonical MPL plus readable lines, or the AST as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PEANO
from helpers.cli import run_gl

from gl.cli import main
from mpl_lang import load, parse_module


def gl(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `gl ARGS` in-process; return stdout (the command must succeed, silently on stderr)."""
    code, out, err = run_gl(capsys, *args)
    assert code == 0 and err == "", err
    return out


def canonical_part(out: str) -> str:
    """The non-comment lines of `gl parse` output: the theory as an `.mpl` file."""
    return "\n".join(line for line in out.splitlines() if not line.startswith("#"))


def test_parse_peano_prints_canonical_and_readable(capsys):
    out = gl(capsys, "parse", str(PEANO / "peano.mpl"))
    assert out.startswith(f"# {PEANO / 'peano.mpl'}: 4 definitions, 1 induction, 0 statements; "
                          "constants N, i0, s, +, *, i1\n")
    assert "def fXY[f,X,Y] := (&\n" in out
    assert "anchor AnchorPeano[N,i0,s,+,*,i1] := (&(NaturalNumbers[N,i0,s,+,*])(in2[i0,i1,s]))\n" in out
    assert "induction N from i0 by s\n" in out
    assert "#   NaturalNumbers[N, i0, s, +, *] ⇔\n#       i0 ∈ N\n#     ∧ fXY(s, N, N)\n" in out
    assert "#     ∧ ∀b: b ∈ N → ∀a: a * s(b) = a * b + a\n" in out
    assert "#   N is generated from i0 by s:" in out
    # the printed declarations are the theory again
    reparsed = parse_module(canonical_part(out), "printed.mpl").decls
    assert reparsed == load(PEANO / "peano.mpl").decls()


def test_parse_targets_shows_statements_as_equations(capsys):
    out = gl(capsys, "parse", str(PEANO / "peano_targets.mpl"))
    assert "target add_comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))\n" in out
    assert "#   add_comm: ∀a,b: a + b = b + a\n" in out


def test_no_readable_prints_only_the_theory(capsys):
    out = gl(capsys, "parse", "--no-readable", str(PEANO / "peano.mpl"))
    assert [line for line in out.splitlines() if line.startswith("#")] == [out.splitlines()[0]]
    assert "⇔" not in out


def test_parse_gl_folder_prints_the_same_theory(capsys, gl_reference):
    folder = gl(capsys, "parse", str(gl_reference))
    native = gl(capsys, "parse", str(PEANO / "peano.mpl"))
    assert folder.splitlines()[0] == (f"# {gl_reference}: 4 definitions, 0 inductions, "
                                      "0 statements; constants N, i0, s, +, *, i1")
    strip = lambda text: [ln for ln in text.splitlines()[1:] if ln  # noqa: E731
                          and "induction" not in ln and "is generated" not in ln]
    assert strip(folder) == strip(native)


def in3(*args: str) -> dict:
    """`(in3[ARGS])` as `gl parse --json` writes it."""
    return {"atom": "in3", "args": list(args)}


def line_of(path: Path, text: str) -> int:
    """The line number of `text`, a whole line of `path`."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_json_is_the_checked_ast(capsys):
    doc = json.loads(gl(capsys, "parse", "--json", str(PEANO / "peano_targets.mpl")))
    assert doc["path"] == str(PEANO / "peano_targets.mpl")
    assert doc["constants"] == ["N", "i0", "s", "+", "*", "i1"]
    assert [d["kind"] for d in doc["decls"]] == ["def", "def", "def", "anchor", "induction"] + ["target"] * 11
    assert [d["name"] for d in doc["decls"][5:]] == [
        "add_zero_left", "add_succ_left", "add_comm", "add_assoc", "mul_zero_left", "add_succ_swap",
        "mul_succ_left", "mul_comm", "distrib_left", "distrib_right", "mul_assoc"]
    peano, laws = PEANO / "peano.mpl", PEANO / "laws.mpl"
    anchor = "anchor AnchorPeano[N,i0,s,+,*,i1] := (&(NaturalNumbers[N,i0,s,+,*])(in2[i0,i1,s]))"
    assert doc["decls"][3] == {
        "kind": "anchor", "name": "AnchorPeano", "params": ["N", "i0", "s", "+", "*", "i1"],
        "body": {"and": [{"atom": "NaturalNumbers", "args": ["N", "i0", "s", "+", "*"]},
                         {"atom": "in2", "args": ["i0", "i1", "s"]}]},
        "loc": f"{peano}:{line_of(peano, anchor)}:1"}
    assert doc["decls"][4] == {"kind": "induction", "set": "N", "base": "i0", "succ": "s",
                               "loc": f"{peano}:{line_of(peano, 'induction N from i0 by s')}:1"}
    comm = "target add_comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"
    assert doc["decls"][7] == {
        "kind": "target", "name": "add_comm",
        "formula": {"forall": ["a", "b", "c"], "if": in3("a", "b", "c", "+"), "then": in3("b", "a", "c", "+")},
        "loc": f"{laws}:{line_of(laws, comm)}:1"}


def test_json_of_several_files_is_a_list(capsys, gl_reference):
    docs = json.loads(gl(capsys, "parse", "--json", str(PEANO / "peano.mpl"), str(gl_reference)))
    assert [d["path"] for d in docs] == [str(PEANO / "peano.mpl"), str(gl_reference)]
    strip = lambda d: [x for x in d["decls"] if x["kind"] != "induction"]  # noqa: E731
    assert [{k: v for k, v in x.items() if k != "loc"} for x in strip(docs[0])] == \
           [{k: v for k, v in x.items() if k != "loc"} for x in strip(docs[1])]


@pytest.mark.parametrize("args", [["parse"], ["parse", "--bogus", "x.mpl"]])
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2

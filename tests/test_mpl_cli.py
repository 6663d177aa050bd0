"""`gl parse`: the theory in canonical MPL plus readable lines, or the AST as JSON."""

from __future__ import annotations

import json

import pytest
from conftest import PEANO

from gl.cli import main
from mpl_lang import load, parse_module
from mpl_lang.ast_json import expr_from_json, theory_to_json


def gl(args: list[str], capsys) -> str:
    """Run `gl ARGS` in-process; return stdout (the command must succeed)."""
    try:
        main(args)
    except SystemExit as exc:
        assert exc.code in (0, None), capsys.readouterr().err
    out, err = capsys.readouterr()
    assert err == ""
    return out


def canonical_part(out: str) -> str:
    """The non-comment lines of `gl parse` output: the theory as an `.mpl` file."""
    return "\n".join(line for line in out.splitlines() if not line.startswith("#"))


def test_parse_peano_prints_canonical_and_readable(capsys):
    out = gl(["parse", str(PEANO / "peano.mpl")], capsys)
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
    out = gl(["parse", str(PEANO / "peano_targets.mpl")], capsys)
    assert "target add_comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))\n" in out
    assert "#   add_comm: ∀a,b: a + b = b + a\n" in out


def test_no_readable_prints_only_the_theory(capsys):
    out = gl(["parse", "--no-readable", str(PEANO / "peano.mpl")], capsys)
    assert [line for line in out.splitlines() if line.startswith("#")] == [out.splitlines()[0]]
    assert "⇔" not in out


def test_parse_gl_folder_prints_the_same_theory(capsys, gl_reference):
    folder = gl(["parse", str(gl_reference)], capsys)
    native = gl(["parse", str(PEANO / "peano.mpl")], capsys)
    assert folder.splitlines()[0] == (f"# {gl_reference}: 4 definitions, 0 inductions, "
                                      "0 statements; constants N, i0, s, +, *, i1")
    strip = lambda text: [ln for ln in text.splitlines()[1:] if ln  # noqa: E731
                          and "induction" not in ln and "is generated" not in ln]
    assert strip(folder) == strip(native)


def test_json_is_the_checked_ast(capsys):
    doc = json.loads(gl(["parse", "--json", str(PEANO / "peano_targets.mpl")], capsys))
    theory = load(PEANO / "peano_targets.mpl")
    assert doc == json.loads(json.dumps(theory_to_json(theory)))
    assert doc["constants"] == ["N", "i0", "s", "+", "*", "i1"]
    kinds = [d["kind"] for d in doc["decls"]]
    assert kinds[:5] == ["def", "def", "def", "anchor", "induction"]
    assert set(kinds[5:]) == {"target"}
    induction = doc["decls"][4]
    assert (induction["set"], induction["base"], induction["succ"]) == ("N", "i0", "s")
    line = (PEANO / "peano.mpl").read_text().splitlines().index("induction N from i0 by s") + 1
    assert induction["loc"] == f"{PEANO / 'peano.mpl'}:{line}:1"
    comm = next(d for d in doc["decls"] if d.get("name") == "add_comm")
    assert expr_from_json(comm["formula"]) == next(
        s.formula for s in theory.statements if s.name == "add_comm")


def test_json_of_several_files_is_a_list(capsys, gl_reference):
    docs = json.loads(gl(["parse", "--json", str(PEANO / "peano.mpl"), str(gl_reference)], capsys))
    assert [d["path"] for d in docs] == [str(PEANO / "peano.mpl"), str(gl_reference)]
    strip = lambda d: [x for x in d["decls"] if x["kind"] != "induction"]  # noqa: E731
    assert [{k: v for k, v in x.items() if k != "loc"} for x in strip(docs[0])] == \
           [{k: v for k, v in x.items() if k != "loc"} for x in strip(docs[1])]


@pytest.mark.parametrize("args", [["parse"], ["parse", "--bogus", "x.mpl"]])
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 2

"""One test per front-end error kind: exception class, file, line, column, message and the
caret excerpt; then the one-line CLI report (`gl: error: FILE:LINE:COL: ...`, exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.cli import gl_process, run_gl

from mpl_lang import MPLError, load
from mpl_lang.errors import (
    ArityError,
    CyclicDefinitionError,
    DuplicateNameError,
    ImportFormatError,
    IncludeCycleError,
    IncludeError,
    InductionError,
    MPLSyntaxError,
    NestingError,
    ShadowedVariableError,
    UnboundVariableError,
    UnfoldSizeError,
    UnknownPredicateError,
)

ANCHOR = "anchor T[N,z,s] := (&(in[z,N])(>[n](in[n,N])!(in2[n,z,s])))\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    """Write files (name -> text) into `folder`; return the first one's path."""
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder / next(iter(files))


def error_of(path: Path) -> MPLError:
    with pytest.raises(MPLError) as info:
        load(path)
    return info.value


# (error class, files (the first is loaded), file of the error, line, col, message, excerpt line)
CASES = {
    "syntax error": (
        MPLSyntaxError, {"t.mpl": ANCHOR + "target t := (in[z,])\n"},
        "t.mpl", 2, 19, "unexpected ']' (expected name, symbol)", "target t := (in[z,])"),
    "unknown predicate": (
        UnknownPredicateError, {"t.mpl": ANCHOR + "target t := (>[n] (in[n,N]) (Even[n]))\n"},
        "t.mpl", 2, 29, "unknown predicate 'Even' in target 't'", None),
    "arity mismatch": (
        ArityError, {"t.mpl": ANCHOR + "def P[x] := (in[x,N,N])\n"},
        "t.mpl", 2, 13, "'in' takes 2 arguments, got 3 in definition 'P'", None),
    "unbound variable": (
        UnboundVariableError, {"t.mpl": ANCHOR + "\ntarget t := (>[n](in[n,N])(in2[n,m,s]))\n"},
        "t.mpl", 3, 27, "unbound variable 'm' in target 't'", None),
    "shadowed variable": (
        ShadowedVariableError,
        {"t.mpl": ANCHOR + "target t := (>[n](in[n,N])\n   (>[n](in2[n,z,s])(in[n,N])))\n"},
        "t.mpl", 3, 4, "variable 'n' shadows an enclosing variable in target 't'", None),
    "shadowed constant": (
        ShadowedVariableError, {"t.mpl": ANCHOR + "target t := (>[z](in[z,N])(in[z,N]))\n"},
        "t.mpl", 2, 13, "variable 'z' shadows a constant or parameter in target 't'", None),
    "duplicate name": (
        DuplicateNameError,
        {"t.mpl": ANCHOR + "def P[x] := (in[x,N])\n# again\ndef P[y] := (in[y,N])\n"},
        "t.mpl", 4, 1, "duplicate name 'P' (first at {dir}/t.mpl:2:1)", None),
    "cyclic definitions": (
        CyclicDefinitionError,
        {"t.mpl": ANCHOR + "def A[x] := (B[x])\ndef B[x] := (&(in[x,x])(A[x]))\n"},
        "t.mpl", 3, 24, "cyclic definitions: A -> B -> A", "def B[x] := (&(in[x,x])(A[x]))"),
    "include loop": (
        IncludeCycleError,
        {"a.mpl": 'include "b.mpl"\n', "b.mpl": '# b includes a\ninclude "a.mpl"\n'},
        "b.mpl", 2, 1, "include loop: a.mpl -> b.mpl -> a.mpl", 'include "a.mpl"'),
    "missing include file": (
        IncludeError, {"a.mpl": ANCHOR + '\n  include "sub/nope.mpl"\n'},
        "a.mpl", 3, 3, "file not found: '{dir}/sub/nope.mpl'", '  include "sub/nope.mpl"'),
    "corrupt GL config JSON": (
        ImportFormatError,
        {"gl/Config.json": '{\n  "P": {"full_mpl": "P.txt",\n        "short_mpl": "(P[x])",}\n}\n',
         "gl/P.txt": "(in[x,x])"},
        "gl/Config.json", 3, 31, "corrupt JSON: Expecting property name enclosed in double quotes",
        '        "short_mpl": "(P[x])",}'),
    "bad GL short_mpl": (
        ImportFormatError,
        {"gl/Config.json": '{\n  "P": {"full_mpl": "P.txt", "short_mpl": "(Q[x])"}\n}\n',
         "gl/P.txt": "(in[x,x])"},
        "gl/Config.json", 2, 3, "entry 'P': short_mpl must be (P[params])", None),
    "nested too deeply once unfolded": (
        NestingError,
        {"t.mpl": ANCHOR + "".join(f"def D{i}[x] := {'!' * 90}(D{i + 1}[x])\n" for i in range(4))
         + "def D4[x] := (in[x,x])\n" + f"target t := (>[n](in[n,N]){'!' * 40}(D0[n]))\n"},
        "t.mpl", 7, 67, "target 't' unfolds deeper than 400 levels (through 'D0')", None),
    "bad induction: not a constant": (
        InductionError, {"t.mpl": ANCHOR + "induction N from z by succ\n"},
        "t.mpl", 2, 1, "induction successor 'succ' is not a constant of the anchor", None),
    "bad induction: roles coincide": (
        InductionError, {"t.mpl": ANCHOR + "induction N from z by z\n"},
        "t.mpl", 2, 1, "induction set, base and successor must be three different constants, "
        "got 'N', 'z', 'z'", "induction N from z by z"),
    "bad induction: twice": (
        InductionError, {"t.mpl": ANCHOR + "induction N from z by s\ninduction N from z by s\n"},
        "t.mpl", 3, 1, "second induction over 'N' (first at {dir}/t.mpl:2:1)", None),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_error_kind(tmp_path, case):
    cls, files, file, line, col, message, excerpt = CASES[case]
    first = write(tmp_path, files)
    err = error_of(first.parent if first.name == "Config.json" else first)
    assert type(err) is cls
    assert (err.file, err.line, err.col) == (str(tmp_path / file), line, col)
    assert err.message == message.format(dir=tmp_path)
    assert str(err) == f"{tmp_path / file}:{line}:{col}: {err.message}"
    src, caret = err.excerpt.split("\n")
    assert caret == " " * (col - 1) + "^"
    if excerpt is not None:
        assert src == excerpt


def test_every_error_class_has_its_own_kind():
    kinds = [c.kind for c in (MPLSyntaxError, UnknownPredicateError, ArityError,
                              UnboundVariableError, ShadowedVariableError, DuplicateNameError,
                              CyclicDefinitionError, IncludeError, IncludeCycleError,
                              ImportFormatError, InductionError, NestingError, UnfoldSizeError)]
    assert len(set(kinds)) == len(kinds)


def test_error_in_included_file_points_into_that_file(tmp_path):
    main_file = write(tmp_path, {"main.mpl": 'include "lib/defs.mpl"\n',
                                 "lib/defs.mpl": "def P[x] :=\n  (in[x,y])\n"})
    err = error_of(main_file)
    assert (err.file, err.line, err.col) == (str(tmp_path / "lib/defs.mpl"), 2, 3)
    assert err.excerpt == "  (in[x,y])\n  ^"


def test_file_included_twice_is_read_once(tmp_path):
    main_file = write(tmp_path, {"main.mpl": 'include "a.mpl"\ninclude "b.mpl"\n',
                                 "a.mpl": 'include "base.mpl"\n', "b.mpl": 'include "base.mpl"\n',
                                 "base.mpl": ANCHOR})
    assert load(main_file).constants == ("N", "z", "s")


def test_folder_with_several_mpl_files_and_no_main_one(tmp_path):
    write(tmp_path, {"th/a.mpl": ANCHOR, "th/b.mpl": ANCHOR})
    err = error_of(tmp_path / "th")
    assert isinstance(err, IncludeError) and "several .mpl files" in err.message


def test_missing_top_level_file(tmp_path):
    err = error_of(tmp_path / "none.mpl")
    assert isinstance(err, IncludeError)
    assert (err.file, err.line, err.col) == (str(tmp_path / "none.mpl"), 1, 1)


def test_undecodable_file(tmp_path):
    (tmp_path / "bin.mpl").write_bytes(b"def P[x] := (in[x,\xff])\n")
    err = error_of(tmp_path / "bin.mpl")
    assert isinstance(err, IncludeError) and "cannot read" in err.message


# ---------------------------------------------------------------- CLI


@pytest.mark.parametrize("case", ["syntax error", "unbound variable", "include loop",
                                  "missing include file", "corrupt GL config JSON"])
def test_cli_reports_one_line_and_exits_2(tmp_path, capsys, case):
    cls, files, file, line, col, message, _ = CASES[case]
    first = write(tmp_path, files)
    code, out, err = run_gl(capsys, "parse", str(first.parent if first.name == "Config.json" else first))
    assert code == 2 and out == ""
    assert err == f"gl: error: {tmp_path / file}:{line}:{col}: {message.format(dir=tmp_path)}\n"


def test_cli_missing_file_is_one_line(tmp_path, capsys):
    code, _, err = run_gl(capsys, "parse", str(tmp_path / "nope.mpl"))
    assert code == 2
    assert err == f"gl: error: {tmp_path / 'nope.mpl'}:1:1: file not found: '{tmp_path / 'nope.mpl'}'\n"


def test_cli_subprocess_bad_file(tmp_path):
    bad = write(tmp_path, {"bad.mpl": ANCHOR + "target t := (in[z,N]\n"})
    proc = gl_process("parse", str(bad))
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"gl: error: {bad}:3:1: unexpected end of input (expected ')')"]

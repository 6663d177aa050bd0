"""Hostile MPL: definitions that double in size at each step, and very long include chains,
end quickly in one located error (or load), never a hang or a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PEANO
from helpers.cli import gl_process, one_line_error

from mpl_lang import load, parse_expr
from mpl_lang.compiler import MAX_INCLUDE_DEPTH, MAX_SOURCE_BYTES, MAX_UNFOLDED_SIZE
from mpl_lang.errors import IncludeError, UnfoldSizeError

ANCHOR = "anchor A[N,z] := (in[z,N])\n"


def doubling(n: int) -> str:
    """Definitions E0 .. E{n-1}, each the conjunction of two copies of the previous one."""
    defs = ["def E0[x] := (in[x,x])\n"]
    defs += [f"def E{i}[x] := (&(E{i - 1}[x])(E{i - 1}[x]))\n" for i in range(1, n)]
    return ANCHOR + "".join(defs)


def write_doubling(tmp_path: Path, n: int = 60, extra: str = "") -> Path:
    f = tmp_path / "exp.mpl"
    f.write_text(doubling(n) + extra, encoding="utf-8")
    return f


# ---------------------------------------------------------------- exponential definitions


def test_exponential_definitions_are_rejected_where_they_grow_too_large(tmp_path):
    f = write_doubling(tmp_path)
    assert len(f.read_text()) < 2600
    with pytest.raises(UnfoldSizeError) as info:
        load(f)
    err = info.value
    # E_i unfolds to 2^(i+1) - 1 nodes: E16 is the first above 100,000
    assert (err.file, err.line, err.col) == (str(f), 18, 17)
    assert err.message == "definition 'E16' has more than 100,000 nodes once unfolded (through 'E15')"
    assert err.excerpt.splitlines()[0] == "def E16[x] := (&(E15[x])(E15[x]))"
    assert UnfoldSizeError.kind == "too large once unfolded"


def test_largest_definitions_below_the_limit_load(tmp_path):
    theory = load(write_doubling(tmp_path, 16))
    assert len(theory.definitions) == 17


def test_statement_too_large_once_unfolded(tmp_path):
    f = write_doubling(tmp_path, 16, "target t := (&(E15[z])(E15[z]))\n")
    with pytest.raises(UnfoldSizeError) as info:
        load(f)
    assert info.value.message == "target 't' has more than 100,000 nodes once unfolded (through 'E15')"
    assert info.value.line == 18


def test_check_statement_bounds_the_size(tmp_path):
    theory = load(write_doubling(tmp_path, 16))
    theory.check_statement(parse_expr("(E15[z])"))
    with pytest.raises(UnfoldSizeError):
        theory.check_statement(parse_expr("(&(E15[z])(E15[z])(E0[z]))"))


def test_gl_parse_reports_exponential_definitions_in_one_line(tmp_path, capsys):
    f = write_doubling(tmp_path)
    line = one_line_error(capsys, "parse", str(f))
    assert line == (f"gl: error: {f}:18:17: definition 'E16' has more than "
                    f"{MAX_UNFOLDED_SIZE:,} nodes once unfolded (through 'E15')")


def test_gl_prove_reports_exponential_definitions_quickly(tmp_path):
    f = write_doubling(tmp_path, extra="target t := (E59[z])\n")
    proc = gl_process("prove", str(f), "--targets-only", "--out", str(tmp_path / "out"),
                      "--max-cycles", "1")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines() == [
        f"gl: error: {f}:18:17: definition 'E16' has more than 100,000 nodes once unfolded "
        "(through 'E15')"]


@pytest.mark.parametrize("name", ["peano.mpl", "peano_targets.mpl"])
def test_peano_theories_still_load(name):
    theory = load(PEANO / name)
    assert theory.constants == ("N", "i0", "s", "+", "*", "i1")
    assert theory.axioms()


def test_peano_over_the_gl_reference_still_loads(gl_reference):
    theory = load(PEANO / "peano_gl_targets.mpl")
    assert theory.constants == ("N", "i0", "s", "+", "*", "i1")
    assert theory.axioms()


def test_gl_reference_still_loads(gl_reference):
    assert load(gl_reference).anchor.name == "AnchorPeano"


# ---------------------------------------------------------------- include chains


def write_chain(tmp_path: Path, n: int) -> Path:
    """f0.mpl includes f1.mpl includes ... f{n-1}.mpl, which holds the anchor."""
    for i in range(n - 1):
        (tmp_path / f"f{i}.mpl").write_text(f'include "f{i + 1}.mpl"\n', encoding="utf-8")
    (tmp_path / f"f{n - 1}.mpl").write_text(ANCHOR, encoding="utf-8")
    return tmp_path / "f0.mpl"


@pytest.mark.slow
@pytest.mark.parametrize("n", [1000, 5000])
def test_long_include_chains_load(tmp_path, n):
    theory = load(write_chain(tmp_path, n))
    assert theory.constants == ("N", "z") and len(theory.files) == 1


@pytest.mark.slow
def test_include_chain_past_the_limit_is_one_located_error(tmp_path):
    first = write_chain(tmp_path, MAX_INCLUDE_DEPTH + 1)
    with pytest.raises(IncludeError) as info:
        load(first)
    last = tmp_path / f"f{MAX_INCLUDE_DEPTH - 1}.mpl"
    assert str(info.value) == f"{last}:1:1: includes nested deeper than 10,000 files"
    assert info.value.excerpt == f'include "f{MAX_INCLUDE_DEPTH}.mpl"\n^'


def test_file_over_the_size_limit_is_one_located_error(tmp_path, capsys):
    big = tmp_path / "big.mpl"
    big.write_text(ANCHOR + "def P[x] := (in[x,x])\n" * 23_000, encoding="utf-8")
    main_file = tmp_path / "main.mpl"
    main_file.write_text('include "big.mpl"\n', encoding="utf-8")
    size = big.stat().st_size
    assert size > MAX_SOURCE_BYTES
    line = one_line_error(capsys, "parse", str(main_file))
    assert line == f"gl: error: {main_file}:1:1: cannot read '{big}': larger than 500,000 bytes"

"""Hostile command lines: missing paths, usage errors, non-finite or out-of-range numbers,
functions undefined on the interval. Each ends in one `gl: error:` line and exit code 2."""

from __future__ import annotations

import doctest
import importlib

import pytest
from conftest import PEANO
from helpers.cli import one_line_error, run_gl

import gl.cli.options
import gl.errors
import mutation.autonumerics.targets

TINY_EVOLVE = ["--max-ops", "2", "--generations", "1", "--population", "4", "--batch", "2",
               "--workers", "1", "--quiet", "--no-baselines"]


# ---------------------------------------------------------------- missing paths, usage errors


@pytest.mark.parametrize("args", [
    ["parse", "{missing}"],
    ["prove", "{missing}", "--targets-only"],
    ["incubate", "{missing}"],
    ["check", "{missing}"],
    ["export", "html", "{missing}", "-o", "{tmp}/site"],
    ["export", "tptp", "{missing}", "-o", "{tmp}/tptp"],
    ["mutate", "{missing}", "-o", "{tmp}/m.jsonl"],
    ["evolve", "--function", "{missing}:f", "--out", "{tmp}/e"],
], ids=lambda a: " ".join(a[:2]))
def test_missing_path_is_one_line(tmp_path, capsys, args):
    missing = tmp_path / "missing.json"
    line = one_line_error(capsys, *[a.format(missing=missing, tmp=tmp_path) for a in args])
    assert str(missing) in line


@pytest.mark.parametrize("args, message", [
    ([], "gl: missing command (see 'gl --help')"),
    (["export"], "gl export: missing command (see 'gl export --help')"),
    (["nosuch"], "No such command 'nosuch'."),
    (["parse"], "Missing argument 'FILES...'."),
    (["parse", "--bogus", "x.mpl"], "No such option '--bogus'."),
    (["prove", str(PEANO / "peano.mpl"), "--elements", "some"], "Invalid value for '--elements'"),
    (["evolve", "exp", "--interval", "0"], "Option '--interval' requires 2 arguments."),
], ids=lambda a: " ".join(a) if isinstance(a, list) else None)
def test_usage_errors_are_one_line(capsys, args, message):
    assert message in one_line_error(capsys, *args)


def test_help_still_prints_help(capsys):
    for args in (["--help"], ["prove", "--help"], ["export", "html", "-h"]):
        code, out, err = run_gl(capsys, *args)
        assert code == 0 and out.startswith("Usage: gl") and err == ""


# ---------------------------------------------------------------- numeric options


@pytest.fixture
def theory(tmp_path):
    f = tmp_path / "t.mpl"
    f.write_text("anchor A[N,z] := (in[z,N])\ntarget t := (in[z,N])\n", encoding="utf-8")
    return f


PROVE_OPTIONS = {"--timeout": ["nan", "inf", "-inf", "-1", "0"],
                 "--max-cycles": ["-1", "0", "1.5"], "--max-facts": ["-5", "0"],
                 "--max-depth": ["-1"], "--seed": ["-1", "x"]}
EVOLVE_OPTIONS = {"--minutes": ["nan", "inf", "-1", "0"], "--generations": ["-1", "0"],
                  "--workers": ["0", "-1", "100000"], "--max-ops": ["0", "nan"],
                  "--population": ["1", "10000000"], "--batch": ["0"], "--seed": ["-3"]}


@pytest.mark.parametrize("option, value", [(o, v) for o, vs in PROVE_OPTIONS.items() for v in vs])
def test_prove_rejects_bad_numbers(tmp_path, capsys, theory, option, value):
    line = one_line_error(capsys, "prove", str(theory), "--targets-only",
                          "--out", str(tmp_path / "o"), option, value)
    assert line.startswith(f"gl: error: Invalid value for '{option}': ")
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("option, value",
                         [(o, v) for o, vs in EVOLVE_OPTIONS.items() for v in vs])
def test_evolve_rejects_bad_numbers(tmp_path, capsys, option, value):
    line = one_line_error(capsys, "evolve", "exp", "--out", str(tmp_path / "e"), option, value)
    assert line.startswith(f"gl: error: Invalid value for '{option}': ")


@pytest.mark.parametrize("interval", [("nan", "1"), ("0", "inf"), ("-inf", "0")])
def test_evolve_rejects_non_finite_intervals(tmp_path, capsys, interval):
    line = one_line_error(capsys, "evolve", "exp", "--interval", *interval, "--out", str(tmp_path))
    assert "is not a finite number" in line


@pytest.mark.parametrize("option", ["--max-per-seed", "--max-mutants", "--max-size",
                                    "--max-hyps", "--rounds"])
def test_mutate_rejects_negative_numbers(tmp_path, capsys, option):
    line = one_line_error(capsys, "mutate", str(tmp_path), "-o", str(tmp_path / "m.jsonl"),
                          option, "-1")
    assert line.startswith(f"gl: error: Invalid value for '{option}': ")


def test_cli_options_doctests():
    assert doctest.testmod(gl.cli.options).failed == 0


# ---------------------------------------------------------------- evolve: undefined targets


@pytest.mark.parametrize("args, message", [
    (["log", "--interval", "-2", "-1"], "log is undefined or infinite on [-2, -1]: log(-2) = nan"),
    (["sqrt", "--interval", "-1", "1"], "sqrt is undefined or infinite on [-1, 1]: sqrt(-1) = nan"),
    (["log2", "--interval", "0", "1"], "log2 is undefined or infinite on [0, 1]: log2(0) = -inf"),
    (["exp", "--interval", "0", "1000"], "exp is undefined or infinite on [0, 1000]"),
    (["--function", "math:log", "--interval", "-1", "1"],
     "math:log is undefined or infinite on [-1, 1]: ValueError: math domain error"),
    (["--function", "math:sqrt", "--reference", "mpmath:sqrt", "--interval", "-1", "1"],
     "math:sqrt is undefined or infinite on [-1, 1]"),
    (["exp", "--interval", "1", "1"], "bad interval [1.0, 1.0]"),
    (["exp", "--interval", "2", "1"], "bad interval [2.0, 1.0]"),
    (["exp", "--interval", "-1e308", "1e308"], "bad interval [-1e+308, 1e+308]"),
])
def test_evolve_target_undefined_on_the_interval(tmp_path, capsys, args, message):
    line = one_line_error(capsys, "evolve", *args, "--out", str(tmp_path / "e"), *TINY_EVOLVE)
    assert line.startswith("gl: error: --interval: ") and message in line
    assert not (tmp_path / "e").exists()


def test_reference_undefined_where_the_float_function_is_defined():
    target = mutation.autonumerics.targets.resolve_target("math:fabs", "mpmath:sqrt")
    with pytest.raises(gl.errors.InputError) as info:
        mutation.autonumerics.targets.check_defined(target, (-1.0, 1.0))
    assert str(info.value) == ("--interval: math:fabs is undefined or infinite on [-1, 1]: "
                               "math:fabs(-1) = (0.0 + 1.0j) (reference)")


def test_evolve_on_a_defined_interval_still_runs(tmp_path, capsys):
    code, out, err = run_gl(capsys, "evolve", "log", "--interval", "1", "2",
                            "--out", str(tmp_path / "e"), *TINY_EVOLVE)
    assert code == 0, err
    assert "report:" in out


def test_fuzz_cli_finds_no_crash_and_no_hang(capsys):
    fuzz_cli = importlib.import_module("benchmarks.fuzz_cli")
    assert fuzz_cli.main(["--invocations", "110", "--seed", "7"]) == 0  # every subcommand
    assert "110 cases, 0 crashes, 0 hangs" in capsys.readouterr().out


def test_a_bad_problem_in_a_batch_ends_in_one_error_line_after_the_others_are_written(tmp_path, capsys, theory):
    bad = tmp_path / "bad.mpl"
    bad.write_text("target t := (in[z,N]\n", encoding="utf-8")
    code, out, err = run_gl(capsys, "prove", str(theory), str(bad), "--targets-only", "-q",
                            "--out", str(tmp_path / "o"))
    assert code == 2 and "batch: 1/2 problems succeeded" in out
    errors = [line for line in err.splitlines() if line.startswith("gl: error: ")]
    assert errors == [err.splitlines()[-1]], err
    assert errors[0] == f"gl: error: 1 of 2 problems are bad input: bad: {bad}:2:1: unexpected end of input (expected ')')"
    assert (tmp_path / "o" / "t" / "proofs.json").is_file() and not (tmp_path / "o" / "bad").exists()


def test_undecodable_path_name_is_one_line(tmp_path, capsys, theory):
    odd = tmp_path / "\udcff.mpl"
    odd.write_bytes(theory.read_bytes())
    line = one_line_error(capsys, "prove", str(odd), "--targets-only", "--out", str(tmp_path / "o"))
    assert line == f"gl: error: Invalid value for 'PATH': {str(odd)!r} is not a valid UTF-8 name."
    assert not (tmp_path / "o").exists()


def test_file_that_is_not_utf8_is_one_line(tmp_path, capsys):
    binary = tmp_path / "proofs.json"
    binary.write_bytes(b"\xff\xfe{}")
    line = one_line_error(capsys, "export", "html", str(binary), "-o", str(tmp_path / "site"))
    assert line == f"gl: error: {binary}:1:1: not UTF-8 (byte 0xff)"

"""AutoNumerics programs: evaluation (against mpmath), Jacobians, the op counter,
canonical form, text/JSON/sympy round trips and generated code."""

from __future__ import annotations

import doctest
import shutil
import subprocess

import mpmath
import numpy as np
import pytest
import sympy

from mutation.autonumerics import (
    analysis,
    baselines,
    codegen,
    fhash,
    fit,
    measure,
    mutate,
    program,
    search,
    seeds,
    svgplot,
    targets,
)
from mutation.autonumerics.codegen import c_code, numpy_code, python_code
from mutation.autonumerics.mutate import mutate as mutate_program
from mutation.autonumerics.mutate import random_program
from mutation.autonumerics.program import (
    Program,
    cost,
    evaluate,
    evaluate_mp,
    evaluate_with_jacobian,
    parse_program,
    program_text,
    simplify,
    structure_key,
    to_sympy,
)

#: 10 ops, max relative error about 5e-15 for 2^x on [0, 1] (a symmetric [5/5] rational)
CF55 = ("t1 = x * x; t2 = t1 + 95.36649123; t3 = -8788.00857341 / t2; t4 = t3 + t1; "
        "t5 = t4 + 780.96850924; t6 = -27876.65586345 / t5; t7 = t6 + 43.35562966; "
        "t8 = t7 + x; t9 = t7 - x; t10 = t8 / t9")
PROGRAMS = [
    "t1 = x * 0.5; t2 = t1 + 1.0",
    "t1 = x * 0.25; t2 = t1 + 0.5; t3 = t2 * x; t4 = t3 + 1.0",
    "c = 3.0; t1 = x + c; t2 = c - x; t3 = t1 / t2",
    "t1 = fma(x, 0.35, 1.0); t2 = t1 * t1; t3 = t2 * t2",
    CF55,
]


@pytest.mark.parametrize("text", PROGRAMS)
def test_evaluator_matches_mpmath(text: str) -> None:
    p = parse_program(text)
    x = np.linspace(0.0, 1.0, 101)
    v64 = evaluate(p, x)
    v32 = evaluate(p, x.astype(np.float32), np.float32)
    with mpmath.workdps(50):
        exact = np.array([float(evaluate_mp(p, mpmath.mpf(t))) for t in x])
    assert np.max(np.abs(v64 / exact - 1)) < 1e-14
    # float32: the same program with its constants rounded to float32
    p32 = p.with_constants([float(np.float32(c)) for c in p.constants()])
    with mpmath.workdps(50):
        exact32 = np.array([float(evaluate_mp(p32, mpmath.mpf(float(np.float32(t)))))
                            for t in x])
    assert np.max(np.abs(v32 / exact32 - 1)) < 1e-5


@pytest.mark.parametrize("text", PROGRAMS)
def test_jacobian_matches_high_precision_differences(text: str) -> None:
    p = parse_program(text)
    x = np.linspace(0.0, 1.0, 7)
    _, jac = evaluate_with_jacobian(p, x)
    c = p.constants()
    with mpmath.workdps(60):
        for j in range(len(c)):
            h = mpmath.mpf(10) ** -25 * max(1, abs(c[j]))
            for i, t in enumerate(x):
                def at(delta, t=t, j=j):
                    vals = [mpmath.mpf(v) for v in c]
                    vals[j] += delta
                    return evaluate_mp(p, mpmath.mpf(t), vals)
                d = (at(h) - at(-h)) / (2 * h)
                assert abs(jac[i, j] - float(d)) <= 1e-9 * max(1.0, abs(float(d)))


def test_op_counter() -> None:
    assert cost(parse_program("t1 = 2.0 * 3.0; t2 = t1 + 1.0; t3 = x * t2")) == 1
    assert cost(parse_program("t1 = x * x; t2 = t1 * t1; t3 = x + 1.0; t4 = t2 + 0.5")) == 3
    p = parse_program("t1 = fma(x, 2.0, 1.0); t2 = t1 * x")
    assert cost(p) == 3 and cost(p, fma_cost=1) == 2
    assert cost(parse_program(CF55)) == 10
    # a shared subexpression is one operation
    assert cost(parse_program("t1 = x * x; t2 = t1 + t1")) == 2


def test_simplify_is_canonical() -> None:
    a = simplify(parse_program("t1 = 1.0 + 2.0; t2 = x * t1; t3 = t1 * x; t4 = t2 + t3"))
    assert str(a) == "t1 = x * 3.0; t2 = t1 + t1"
    b = simplify(parse_program("t1 = x - x; t2 = t1 * 3.0; t3 = t2 + x; t4 = t3 * 2.0"))
    assert cost(b) == 2
    assert simplify(parse_program("t1 = 2.0 + x")) == simplify(parse_program("t1 = x + 2.0"))
    assert structure_key(parse_program("t1 = x + 2.0")) != structure_key(
        parse_program("t1 = x + 2.5"))


@pytest.mark.parametrize("seed", range(20))
def test_text_and_json_round_trips(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = mutate_program(random_program(rng, 8), rng, 10)
    assert simplify(parse_program(program_text(p))) == simplify(p)
    assert Program.from_json(p.to_json()) == p
    x = np.linspace(0.1, 0.9, 9)
    expr = to_sympy(p)
    if expr.has(sympy.zoo, sympy.nan):      # a divisor that is identically zero
        assert not np.all(np.isfinite(evaluate(p, x)))
        return
    f = sympy.lambdify(sympy.Symbol("x"), expr, "numpy")
    with np.errstate(all="ignore"):
        want, got = evaluate(p, x), np.asarray(f(x), dtype=float) + np.zeros_like(x)
    ok = np.isfinite(want) & (np.abs(want) < 1e12)
    assert np.allclose(got[ok], want[ok], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("text", PROGRAMS)
def test_generated_python_and_numpy_code(text: str) -> None:
    p = parse_program(text)
    x = np.linspace(0.0, 1.0, 33)
    scope: dict = {}
    exec(python_code(p, "f", "doc"), scope)
    exec(numpy_code(p, "g"), scope)
    want = evaluate(p, x)
    assert [scope["f"](float(t)) for t in x] == list(want)
    assert np.array_equal(scope["g"](x), want)


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_generated_c_code(tmp_path) -> None:
    p = parse_program(CF55)
    src = tmp_path / "f.c"
    src.write_text(c_code(p, "f") + '\n#include <stdio.h>\nint main(void) {\n'
                   '  for (int i = 0; i <= 16; i++) printf("%a\\n", f(i / 16.0));\n'
                   '  return 0;\n}\n')
    exe = tmp_path / "f"
    subprocess.run(["cc", "-O0", "-std=c99", str(src), "-o", str(exe), "-lm"], check=True)
    out = subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout
    got = [float.fromhex(v) for v in out.split()]
    assert got == list(evaluate(p, np.arange(17) / 16.0))


@pytest.mark.parametrize("module", [program, fit, measure, fhash, mutate, analysis, baselines,
                                    codegen, search, seeds, svgplot, targets],
                         ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_docstring_examples(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0

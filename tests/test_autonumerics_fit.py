"""AutoNumerics fitting, honest measurement, functional hashing and baselines."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mutation.autonumerics.baselines import (
    baselines,
    best_per_cost,
    chebyshev,
    horner,
    minimax_polynomial,
    minimax_rational,
    pade,
    rational,
    taylor,
)
from mutation.autonumerics.fhash import Probes
from mutation.autonumerics.fit import Grid, fit, max_error
from mutation.autonumerics.measure import measure, ulp_error32
from mutation.autonumerics.program import cost, evaluate, parse_program
from mutation.autonumerics.targets import resolve_target

EXP = resolve_target("exp")
EXP2 = resolve_target("exp2")
UNIT = (0.0, 1.0)


# --- fitting ------------------------------------------------------------------------------

def test_fit_finds_the_minimax_rational_of_type_1_1() -> None:
    # a + b / (x + c) is the (1, 1) rational in 3 operations; its minimax relative error
    # for 2^x on [0, 1] is the one of the minimax_rational baseline
    grid = Grid.chebyshev(EXP2, UNIT, 96)
    p, err = fit(parse_program("t1 = x + -3.0; t2 = -8.0 / t1; t3 = t2 - 1.0"), grid,
                 iterations=200, lawson_rounds=20)
    best = measure(minimax_rational(EXP2, UNIT, 1, 1), EXP2, UNIT, confirm=False,
                   dense=1 << 12).error
    assert cost(p) == 3
    assert err == pytest.approx(best, rel=0.02)
    assert abs(measure(p, EXP2, UNIT, confirm=False, dense=1 << 12).error - err) < 1e-3 * err


def test_fit_snaps_constants_for_exact_zeros() -> None:
    # log2 on [1, 2] is 0 at x = 1: a relative error is finite only with an exact zero
    log2 = resolve_target("log2")
    grid = Grid.chebyshev(log2, (1.0, 2.0), 64)
    start = parse_program("t1 = x - 0.99999999999; t2 = x + 1.0; t3 = t1 / t2; "
                          "t4 = t3 * 2.8")
    assert math.isinf(max_error(start, grid))
    p, err = fit(start, grid, iterations=100, lawson_rounds=5)
    assert 1.0 in p.constants() and err < 0.02


# --- measurement --------------------------------------------------------------------------

def test_measure_refines_between_grid_points_and_confirms_in_mpmath() -> None:
    p = taylor(EXP, UNIT, 3)
    coarse = measure(p, EXP, UNIT, dense=9, refine=0, confirm=False)
    fine = measure(p, EXP, UNIT, dense=9, refine=8)
    dense = measure(p, EXP, UNIT, dense=1 << 16, refine=0, confirm=False)
    assert coarse.error <= dense.error <= fine.error * (1 + 1e-12)
    assert fine.error_mp == pytest.approx(fine.error, rel=1e-9)


def test_measure_detects_poles() -> None:
    m = measure(parse_program("t1 = x - 0.3; t2 = 1.0 / t1"), EXP, UNIT)
    assert m.pole and math.isinf(m.error) and math.isinf(m.error_mp)
    assert not measure(parse_program("t1 = x - 1.5; t2 = 1.0 / t1"), EXP, UNIT).pole


def test_float32_ulp_error() -> None:
    x32 = np.linspace(0.5, 1.0, 101, dtype=np.float32)
    exact = parse_program("t1 = x * 1.0")
    assert ulp_error32(exact, x32, x32.astype(np.float64)).max() == 0
    off = parse_program("t1 = x * 1.0000002")       # 1 + ~1.7 float32 ulps of 1
    e = ulp_error32(off, x32, x32.astype(np.float64))
    assert 0 < e.max() <= 4
    m = measure(minimax_polynomial(EXP2, UNIT, 5), EXP2, UNIT, float32_points=1 << 14,
                confirm=False)
    assert 0 < m.ulp32 < 4             # 7.5e-8 approximation error is about 1 ulp


# --- functional hashing -------------------------------------------------------------------

def test_functional_hash_collides_for_equal_functions_only() -> None:
    probes = Probes.make(EXP2, UNIT)
    a = parse_program("t1 = x + -3.4; t2 = -8.2 / t1; t3 = t2 - 1.4")
    same = [parse_program("t1 = -3.4 + x; t2 = -8.2 / t1; t3 = -1.4 + t2"),       # commuted
            parse_program("t1 = x * -0.5; t2 = t1 + 1.7; t3 = 4.1 / t2; t4 = t3 - 1.4"),
            parse_program("t1 = x + -3.4; t2 = t1 * 2.0; t3 = -16.4 / t2; t4 = t3 - 1.4")]
    h = probes.hash(a, 3)
    assert all(probes.hash(b, 3) == h for b in same)
    different = [parse_program("t1 = x + -3.4; t2 = -8.2 / t1; t3 = t2 - 1.4001"),
                 parse_program("t1 = x + -3.41; t2 = -8.2 / t1; t3 = t2 - 1.4"),
                 parse_program("t1 = x * 0.7; t2 = t1 + 1.0")]
    assert all(probes.hash(b, 3) != h for b in different)
    assert probes.hash(a, 4) != h                  # the cost is part of the key


def test_functional_hash_after_fitting_equal_families() -> None:
    # two parametrizations of the (1, 1) rational fit to the same function
    grid = Grid.chebyshev(EXP2, UNIT, 96)
    probes = Probes.make(EXP2, UNIT)
    p1, _ = fit(parse_program("t1 = x + -3.0; t2 = -8.0 / t1; t3 = t2 - 1.0"), grid,
                iterations=300)
    p2, _ = fit(parse_program("t1 = x * -0.3; t2 = t1 + 1.0; t3 = 2.4 / t2; t4 = t3 - 1.0"),
                grid, iterations=300)
    assert probes.hash(p1, 3) == probes.hash(p2, 3)


# --- baselines ----------------------------------------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_taylor_error_bound_for_exp(n: int) -> None:
    # Taylor at 1/2: |e^x - T_n(x)| / e^x = e^(xi - x) |x - 1/2|^(n+1) / (n+1)!, so the
    # maximum lies between e^(-1/2) and e^(1/2) times (1/2)^(n+1) / (n+1)!
    p = taylor(EXP, UNIT, n)
    assert cost(p) == 2 * n
    bound = 0.5 ** (n + 1) / math.factorial(n + 1)
    err = measure(p, EXP, UNIT).error_mp
    assert math.exp(-0.5) * bound <= err <= math.exp(0.5) * bound


def test_minimax_polynomial_for_exp2() -> None:
    # the 10-operation minimax polynomial (degree 5): about 7.5e-8; it equioscillates
    p = minimax_polynomial(EXP2, UNIT, 5)
    m = measure(p, EXP2, UNIT)
    assert cost(p) == 10 and m.error_mp == pytest.approx(7.49e-8, rel=0.01)
    x = np.linspace(0, 1, 20001)
    r = evaluate(p, x) / np.exp2(x) - 1
    assert np.sum(np.abs(np.diff(np.sign(r))) > 0) == 6          # n + 2 = 7 extrema
    cheb = measure(chebyshev(EXP2, UNIT, 5), EXP2, UNIT).error_mp
    assert m.error_mp < cheb < 2 * m.error_mp


def test_rational_baselines_for_exp2() -> None:
    # theory: E_{m,n} ~ m! n! / (2^(m+n) (m+n)! (m+n+1)!) h^(m+n+1), h = ln 2 / 2
    h = math.log(2) / 2
    theory = 2 * 6 / (2 ** 5 * math.factorial(5) * math.factorial(6)) * h ** 6
    mm = measure(minimax_rational(EXP2, UNIT, 2, 3), EXP2, UNIT).error_mp
    pd = measure(pade(EXP2, UNIT, 2, 3), EXP2, UNIT).error_mp
    assert mm == pytest.approx(theory, rel=0.05)
    assert mm < pd / 10
    assert cost(pade(EXP2, UNIT, 2, 3)) == 10


def test_costs_with_and_without_fma() -> None:
    c = [1.0, 2.0, 3.0, 4.0]
    assert cost(horner(c)) == 6 and cost(horner(c, fma=True), fma_cost=1) == 3
    r = rational([1.0, 2.0], [3.0, 1.0, 1.0])
    assert cost(r) == 6 and cost(rational([1.0, 2.0], [3.0, 1.0, 1.0], fma=True), 1) == 4
    x = np.linspace(0, 1, 5)
    assert np.allclose(evaluate(r, x), (1 + 2 * x) / (3 + x + x * x))


def test_baseline_table_per_cost() -> None:
    table = baselines(EXP2, UNIT, 6, confirm=False, dense=1 << 12)
    best = best_per_cost(table, 6)
    assert set(best["minimax polynomial"]) == {2, 3, 4, 5, 6}
    for fam, row in best.items():
        errs = [row[k].measurement.error for k in sorted(row)]
        assert errs == sorted(errs, reverse=True), fam


# --- classical seeds ----------------------------------------------------------------------

def test_classical_seeds_reach_rational_minimax_errors() -> None:
    from mutation.autonumerics.seeds import classical_seeds
    seeds = {s.name: s.program for s in classical_seeds(EXP2, UNIT, 10)}
    grid = Grid.chebyshev(EXP2, UNIT, 512)
    # the symmetric [3/3] form (G + x)/(G - x), G = a + b/(x² + c): 7 operations; its
    # minimax error on [0, 1] is (3!)² / (2^6 6! 7!) ln(2)^7 (Braess), about 1.2e-8
    sym3 = seeds["symmetric [3/3]"]
    theory = 36 / (64 * 720 * 5040) * math.log(2) ** 7
    assert cost(sym3) == 7 and max_error(sym3, grid) == pytest.approx(theory, rel=0.15)
    # squared three times it approximates 2^(x/8) on [-1, 1]: 10 operations, ~5e-14
    assert cost(seeds["symmetric [3/3] squared 3 times"]) == 10
    assert max_error(seeds["symmetric [3/3] squared 3 times"], grid) < 1e-13
    assert max_error(seeds["symmetric [5/5]"], grid) < 1e-14
    # the general rational forms agree with the minimax rational baseline
    r22 = measure(minimax_rational(EXP2, UNIT, 2, 2), EXP2, UNIT, confirm=False).error
    assert max_error(seeds["rational [2/2]"], grid) == pytest.approx(r22, rel=0.1)
    # zeros are factored out: sin = x · R(x²) (an even form times x), log2 = (x - 1) · R(x)
    sin = resolve_target("sin")
    odd = {s.name: s.program for s in classical_seeds(sin, (0.0, 1.5), 8)}
    assert max_error(odd["x · even R(x²) [4/4]"], Grid.chebyshev(sin, (0.0, 1.5), 256)) < 1e-8
    log2 = resolve_target("log2")
    lg = {s.name: s.program for s in classical_seeds(log2, (1.0, 2.0), 8)}
    assert max_error(lg["(x - 1) · rational [2/2]"], Grid.chebyshev(log2, (1.0, 2.0), 256)) < 1e-6

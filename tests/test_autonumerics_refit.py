"""The refit of a program's rational core (mutation/autonumerics/refit.py): transforms peeled
from the output, the core's variable and degrees read from the structure, its constants
found by linear algebra where gradient fitting from the same start gets stuck; and the
generic search that uses it."""

from __future__ import annotations

import numpy as np
import pytest

from mutation.autonumerics.fit import Grid, fit, max_error
from mutation.autonumerics.mutate import mutate, seed_programs
from mutation.autonumerics.program import cost, parse_program
from mutation.autonumerics.refit import Transform, core, peel, refit
from mutation.autonumerics.search import Config, Evolution
from mutation.autonumerics.targets import resolve_target

CF33 = ("t1 = x + 1.1; t2 = 1.2 / t1; t3 = x + 1.3; t4 = t3 + t2; t5 = 1.4 / t4; "
        "t6 = x + 1.5; t7 = t6 + t5; t8 = 1.6 / t7; t9 = t8 + 1.7")
CAYLEY = "; a = g + x; b = g - x; c = a / b"


def _grid(name: str, interval: tuple[float, float] = (0.0, 1.0)) -> Grid:
    return Grid.chebyshev(resolve_target(name), interval, 96)


def test_a_squared_continued_fraction_gets_its_minimax_constants_at_once() -> None:
    grid = _grid("exp2")
    p = parse_program(CF33 + "; t10 = t9 * t9")
    q = refit(p, grid)
    assert q is not None and cost(q) == cost(p) == 10
    # the minimax [3/3] of 2^(x/2), squared: 1.46e-12; gradient fitting from the same
    # start stops near 3e-6
    assert max_error(q, grid) < 2e-12
    assert fit(p, grid, iterations=150, lawson_rounds=4)[1] > 1e-8


def test_a_cayley_transform_of_an_even_core_is_the_symmetric_form() -> None:
    grid = _grid("exp2")
    p = parse_program("w = x * x; t1 = w + 1.1; t2 = 1.2 / t1; t3 = w + 1.3; t4 = t3 + t2; "
                      "t5 = 1.4 / t4; g = t5 + 1.5" + CAYLEY)
    assert peel(p)[0] == [Transform("cayley", 0)]
    assert core(p)[0] == 1                       # the variable is x·x
    q = refit(p, grid)
    assert cost(q) == 10 and max_error(q, grid) < 1e-14


def test_a_product_with_x_keeps_the_exact_zero_of_an_odd_function() -> None:
    grid = _grid("tanh")
    p = parse_program("w = x * x; t1 = w + 1.0; t2 = 1.0 / t1; t3 = t2 + 1.0; t4 = x * t3")
    assert peel(p)[0] == [Transform("mul", 0)]
    q = refit(p, grid)
    assert max_error(q, grid) < 1e-4 < max_error(p, grid)


def test_no_square_root_of_a_negative_target() -> None:
    grid = _grid("sin", (-1.0, 1.0))
    assert refit(parse_program("t1 = x + 3.0; t2 = 1.0 / t1; t3 = t2 * t2"), grid) is None


@pytest.mark.parametrize("text", [
    "t1 = x * x",                                        # no constants
    "t1 = x * x; t2 = t1 + 1.0; t3 = x + t2; t4 = 1.0 / t3",   # two variables: x and x·x
])
def test_programs_without_a_rational_core_in_one_variable_are_left_alone(text: str) -> None:
    assert refit(parse_program(text), _grid("exp2")) is None


def test_generic_seeds_have_no_classical_shapes() -> None:
    config = Config("exp2", max_ops=10, population=8, batch=4, seeds="generic",
                    quick_iterations=10)
    evo = Evolution(config)
    evo.run(generations=1)
    origins = {e.origin for e in evo.population}
    assert origins <= {"random"} | {f"seed: {n}" for n, _ in seed_programs(classical=False)}
    assert not any(o.startswith("baseline") for o in origins)


def test_transforms_and_variable_squaring_are_mutations() -> None:
    rng = np.random.default_rng(0)
    parent = parse_program("t1 = x + 3.0; t2 = -8.0 / t1; t3 = t2 - 1.0")
    kinds = set()
    for _ in range(300):
        child = mutate(parent, rng, 10)
        kinds.add(tuple(t.op for t in peel(child)[0]))
        if core(child) is not None and core(child)[0] != 0:
            kinds.add("x·x")
    assert {("square",), ("cayley",), ("mul",), "x·x"} <= kinds


def test_evolution_from_generic_seeds_improves_on_them() -> None:
    # a short generic run: a squared refitted rational beats every seed
    config = Config("exp2", max_ops=8, population=20, batch=8, seed=1, seeds="generic",
                    quick_iterations=20, polish_iterations=40, lawson_rounds=2)
    evo = Evolution(config)
    evo.run(generations=8)
    front = {e.cost: e for e in evo.front()}
    best8 = min(e.error for e in evo.front())
    seed8 = min(e.error for e in evo.seed_best.values())
    assert best8 < seed8 / 10
    assert any(e.depth > 0 for e in front.values())

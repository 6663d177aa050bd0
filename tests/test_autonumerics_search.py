"""AutoNumerics search: mutations, reproducibility, checkpoint/resume, clean interruption."""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT

from gl.errors import InputError
from mutation.autonumerics.fit import Grid, max_error
from mutation.autonumerics.mutate import mutate, random_program, seed_programs
from mutation.autonumerics.program import cost, evaluate, parse_program, program_text
from mutation.autonumerics.search import Config, Evolution
from mutation.autonumerics.targets import resolve_target

SMALL = Config("exp2", interval=(0.0, 1.0), max_ops=6, population=12, batch=6, seed=3,
               quick_iterations=30, polish_iterations=40, lawson_rounds=2, seeds="generic")


def _state(evo: Evolution) -> dict:
    """The state without wall-clock and CPU times."""
    d = json.loads(json.dumps(evo.to_json()))
    d.pop("elapsed")
    d.pop("cpu")
    for h in d["history"]:
        h.pop("elapsed")
        h.pop("cpu")
    return d


@pytest.mark.parametrize("seed", range(30))
def test_mutations_make_valid_programs_within_budget(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = seed_programs()[seed % len(seed_programs())][1]
    x = np.linspace(0, 1, 5)
    for _ in range(10):
        child = mutate(p, rng, max_ops=8)
        assert 1 <= cost(child) <= 8
        # a valid program reads back from its text as the same function
        values = evaluate(child, x)
        assert values.dtype == np.float64
        assert np.array_equal(evaluate(parse_program(program_text(child)), x), values,
                              equal_nan=True)
        p = child
    assert 1 <= cost(random_program(rng, 5)) <= 5


def test_insertions_start_from_the_parents_function() -> None:
    # insertions are mostly identities at first (new constants 0 or 1): about one child in
    # fifteen computes exactly the parent's function before its constants are refitted
    # (transforms, a tenth of the mutations, never do)
    rng = np.random.default_rng(0)
    parent = parse_program("t1 = x + 3.0; t2 = 3.0 - x; t3 = t1 / t2")
    x = np.linspace(0.0, 1.0, 11)
    same = sum(np.array_equal(evaluate(mutate(parent, rng, 10), x), evaluate(parent, x))
               for _ in range(200))
    assert same > 10


def test_same_seed_same_run_and_different_seed_different_run() -> None:
    a, b = Evolution(SMALL), Evolution(SMALL)
    a.run(generations=4)
    b.run(generations=4)
    assert _state(a) == _state(b)
    assert [(e.cost, e.error, e.program) for e in a.front()] == \
        [(e.cost, e.error, e.program) for e in b.front()]
    c = Evolution(Config(**{**SMALL.to_json(), "interval": (0.0, 1.0), "seed": 4}))
    c.run(generations=4)
    assert _state(c)["population"] != _state(a)["population"]


def test_checkpoint_and_resume_equal_an_uninterrupted_run(tmp_path) -> None:
    whole = Evolution(SMALL)
    whole.run(generations=5)
    first = Evolution(SMALL)
    first.run(generations=2, checkpoint=tmp_path / "ck.json")
    resumed = Evolution.load(tmp_path / "ck.json")
    resumed.run(generations=5)
    assert _state(resumed) == _state(whole)
    # in five generations the caches answered some children and fits scored the others
    assert 0 < whole.stats.hit_rate < 1 and whole.stats.fits > 0


class _Interrupted(Evolution):
    """Sends itself SIGINT (Ctrl-C) once generation 2 is done."""

    def step(self, runner) -> None:
        super().step(runner)
        if self.generation == 2:
            os.kill(os.getpid(), signal.SIGINT)


def test_sigint_stops_after_the_generation_and_keeps_everything(tmp_path) -> None:
    whole = Evolution(SMALL)
    whole.run(generations=4)
    evo = _Interrupted(SMALL)
    reason = evo.run(generations=4, checkpoint=tmp_path / "ck.json")
    assert reason == "interrupted" and evo.generation == 2
    resumed = Evolution.load(tmp_path / "ck.json")
    assert resumed.run(generations=4) == "generations"
    assert _state(resumed) == _state(whole)


def test_search_improves_on_the_seeds() -> None:
    evo = Evolution(SMALL)
    evo.run(generations=6)
    front = evo.front()
    assert [e.cost for e in front] == sorted(e.cost for e in front)
    assert all(a.error > b.error for a, b in zip(front, front[1:]))
    target = resolve_target("exp2")
    grid = Grid.chebyshev(target, (0.0, 1.0), 257)
    best = front[-1]
    assert best.error < 1e-3                       # the line gives 3e-2, [1/1] 5e-3
    assert max_error(best.program, grid) < 2 * best.error


def test_bad_checkpoints_are_input_errors(tmp_path) -> None:
    path = tmp_path / "ck.json"
    path.write_text("{not json")
    with pytest.raises(InputError, match="corrupt JSON"):
        Evolution.load(path)
    path.write_text(json.dumps({"format": "something else"}))
    with pytest.raises(InputError, match="not a gl.autonumerics.checkpoint/3"):
        Evolution.load(path)
    with pytest.raises(InputError, match="bad interval"):
        Config("exp", interval=(1.0, 0.0))


def test_classical_seeds_start_the_search_near_minimax() -> None:
    config = Config("exp2", interval=(0.0, 1.0), max_ops=10, population=16, batch=4,
                    quick_iterations=20, polish_iterations=40, lawson_rounds=4)
    evo = Evolution(config)
    evo.run(generations=1)
    best = evo.front()[-1]
    assert best.cost == 10 and best.error < 1e-13
    assert best.origin == "seed: symmetric [5/5]" and best.depth == 0
    assert "seed: line" in {e.origin for e in evo.population}


def test_float32_mode_scores_programs_in_ulps() -> None:
    config = Config(**{**SMALL.to_json(), "interval": (0.0, 1.0), "float32": True})
    evo = Evolution(config)
    evo.run(generations=3)
    front = evo.front()
    # float32 errors are ULPs of the float32 result: the 2-op line is ~4e5 ULPs off,
    # nothing beats about half an ULP
    assert front and all(e.error >= 0.4 for e in front)
    assert front[0].error > 1e4


def test_search_loads_only_the_base_of_gl() -> None:
    # the applications layer uses gl for its error class and the execution layer only:
    # no prover, no checker
    code = ("import sys, mutation.autonumerics.search; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'gl'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert ast.literal_eval(out) == ["gl", "gl.errors", "gl.execution", "gl.version"]


def test_a_run_stops_at_the_error_asked_for() -> None:
    evo = Evolution(SMALL)
    assert evo.run(generations=50, until=1e-3) == "error"
    assert evo.front()[-1].error <= 1e-3 and evo.generation < 50
    assert evo.cpu > 0 and all(h["cpu"] <= round(evo.cpu, 3) for h in evo.history)

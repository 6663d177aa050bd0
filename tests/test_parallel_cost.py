"""What Ray costs a job (`gl.execution.start_cost_s`: a local start, from the machine's
load per core) and the one line `gl check` and `gl mutate` say on stderr when they stay
in this process although workers were asked for. No Ray is started here."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_parallel import gl, targets_proofs  # noqa: F401  (fixture)

from gl import execution
from gl.execution import Execution, start_cost_s


def test_the_start_cost_follows_the_load_measured_on_two_cores() -> None:
    loads = [x / 10 for x in range(120)]
    costs = [start_cost_s(x) for x in loads]
    assert costs == sorted(costs) and len(set(costs)) == len(costs)  # more load, a dearer start
    assert 5.3 <= start_cost_s(0.4) <= 6.5  # quiet: 5.3-5.4 s lost by gl check, start to shutdown
    assert 2.7 <= start_cost_s(4.25) <= 9.0  # load 5-12 on 2 cores: 2.7-9 s
    assert 20.0 <= start_cost_s(8.0) <= 34.0  # load 13-19 on 2 cores: 20-34 s


def test_a_job_goes_to_ray_when_its_saving_repays_the_start_at_the_load_now(
        monkeypatch: pytest.MonkeyPatch) -> None:
    ex = Execution(workers=2)
    monkeypatch.setattr(Execution, "ready", lambda self: False)  # (a Ray of the test session is not this one)
    monkeypatch.setattr(execution, "load_per_core", lambda: 0.0)  # quiet: 5.5 s
    assert ex.cost() == 5.5 and ex.worth_it(2, 11.0) and not ex.worth_it(2, 10.9)
    assert ex.worth_it(2, 5.9, start_s=2.0) and not ex.worth_it(2, 6.0, start_s=25.0)
    monkeypatch.setattr(execution, "load_per_core", lambda: 8.0)  # loaded: 27.9 s
    assert not ex.worth_it(2, 55.7) and ex.worth_it(2, 55.9) and ex.worth_it(2)
    assert not Execution().worth_it(2, 1e6)  # in process, always
    monkeypatch.undo()
    monkeypatch.setattr(Execution, "ready", lambda self: True)  # a running Ray: 0.3 s
    assert ex.cost() == ex.cost(start_s=25.0) == 0.3


def test_gl_check_says_in_one_line_why_it_stays_in_process(targets_proofs: Path) -> None:  # noqa: F811
    code, out, err = gl("check", str(targets_proofs))
    asked = gl("check", str(targets_proofs), "--workers", "2")
    assert code == asked[0] == 0 and asked[1] == out and err == ""
    assert len(asked[2].splitlines()) == 1
    assert asked[2].startswith("gl check: in this process, not on --workers 2: about 0.0 s of checking "
                               "would save 0.0 s there, less than Ray costs (")


def test_gl_mutate_says_in_one_line_when_it_generates_in_process(targets_proofs: Path, tmp_path: Path) -> None:  # noqa: F811
    args = ("mutate", str(targets_proofs), "--max-mutants", "5", "--no-check", "-q")
    serial = gl(*args, "-o", str(tmp_path / "a.jsonl"))
    asked = gl(*args, "-o", str(tmp_path / "b.jsonl"), "--workers", "2")
    assert serial[0] == asked[0] == 0 and serial[2] == ""
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert asked[2] == "gl mutate: mutants generated in this process, not on --workers 2: " \
                      "--max-mutants samples over the whole synthesis\n"

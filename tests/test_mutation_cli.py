"""`gl mutate`: summary, outputs that `gl check` accepts, and one-line errors for bad input.
The library is a small real one (three Peano targets, proved once for this module)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PEANO

import gl
from gl.cli import main


@pytest.fixture(scope="module")
def proofs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    run = gl.load(PEANO / "peano_targets.mpl").prove(["add_zero_left", "add_succ_left", "add_comm"])
    assert run.all_proved
    return run.write(tmp_path_factory.mktemp("lib"))


def gl_run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_mutate_writes_dataset_proofs_and_summary(proofs: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data, doc = tmp_path / "synth.jsonl", tmp_path / "check" / "synth_proofs.json"
    code, out, err = gl_run(["mutate", str(proofs), "-o", str(data), "--rounds", "2", "--kinds", "rw,apply",
                             "--proofs-out", str(doc)], capsys)
    assert code == 0, err
    lines = out.splitlines()
    heads = [line.split("  ")[0] for line in lines]
    for head in ("seeds", "invocable pairs", "mutants", "duplicates dropped", "checked", "expansion",
                 "throughput"):
        assert head in heads, out
    rows = [json.loads(x) for x in data.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["checked"] is True for r in rows)
    assert {r["kind"] for r in rows} == {"rw", "apply"} and {r["round"] for r in rows} == {1, 2}
    n = len(rows)
    assert f"mutants             {n}:" in out and f"checked             {n}, passed {n} (100.0%)" in out
    assert "seeds               3" in out and f"expansion           {round(n / 3, 2)}x" in out
    assert "checking each batch" in err and f"round 2: {n} mutants, {n} checked, {n} passed" in err
    code, out, _ = gl_run(["check", str(doc)], capsys)
    assert code == 0 and f"{n + 3} of {n + 3} proved theorems accepted" in out


def test_mutate_options(proofs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = gl_run(["mutate", str(proofs), "-o", str(tmp_path / "ac.jsonl"), "--rounds", "1",
                           "--equivalence", "ac", "-q"], capsys)
    assert code == 0 and "equivalent modulo ac" in out
    data = tmp_path / "a.jsonl"
    code, out, err = gl_run(["mutate", str(proofs), "-o", str(data), "--rounds", "1", "--kinds", "apply",
                             "--no-check", "-q", "--max-mutants", "7"], capsys)
    assert code == 0 and err == ""
    rows = [json.loads(x) for x in data.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 7 and {r["kind"] for r in rows} == {"apply"}
    assert all(r["checked"] is None for r in rows) and "(--no-check)" in out


def test_rejected_library_theorems_are_not_used(proofs: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A library theorem whose proof the checker rejects neither seeds nor acts on mutants
    (nor do the theorems citing it); the mutants of the rest all pass."""
    doc = json.loads(proofs.read_text(encoding="utf-8"))
    step = doc["theorems"][1]["proof"]["blocks"][-1]["steps"][-1]
    step["fact"] = "(in3[i0,i0,i1,+])"
    doc["source"] = str((proofs.parent / doc["source"]).resolve())
    (tmp_path / "proofs.json").write_text(json.dumps(doc), encoding="utf-8")
    code, out, _ = gl_run(["mutate", str(tmp_path), "-o", str(tmp_path / "x.jsonl"), "-q"], capsys)
    assert code == 0, out
    assert "seeds               1 (2 library theorems not used: 2 its proof is not accepted by the checker)" in out
    rows = [json.loads(x) for x in (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and {r["seed"]["root"] for r in rows} == {"add_zero_left"}
    assert not {"add_succ_left", "add_comm"} & {c for r in rows for c in r["cites"]}


@pytest.mark.parametrize("argv, message", [
    (["--kinds", "rw,bogus"], "Invalid value for '--kinds'"),
    (["--rounds", "0"], "Invalid value for '--rounds'"),
    (["--equivalence", "nonsense"], "Invalid value for '--equivalence'"),
])
def test_bad_options_exit_2(proofs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            argv: list[str], message: str) -> None:
    code, _, err = gl_run(["mutate", str(proofs), "-o", str(tmp_path / "x.jsonl"), *argv], capsys)
    assert code == 2 and message in err


def test_bad_input_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.json"
    code, _, err = gl_run(["mutate", str(missing), "-o", str(tmp_path / "x.jsonl")], capsys)
    assert code == 2 and err == f"gl: error: {missing}:1:1: cannot read: No such file or directory\n"
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "gl.proofs/1", "source": ', encoding="utf-8")
    code, _, err = gl_run(["mutate", str(broken), "-o", str(tmp_path / "x.jsonl")], capsys)
    assert code == 2 and err.startswith(f"gl: error: {broken}:1:") and err.count("\n") == 1
    other = tmp_path / "other.json"
    other.write_text('{"schema": "something/2"}', encoding="utf-8")
    code, _, err = gl_run(["mutate", str(other), "-o", str(tmp_path / "x.jsonl")], capsys)
    assert code == 2 and "schema" in err and err.count("\n") == 1

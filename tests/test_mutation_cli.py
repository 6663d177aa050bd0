"""`gl mutate`: summary, outputs that `gl check` accepts, and one-line errors for bad input.
The library is a small real one (three Peano targets, proved once for this module)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import PEANO, missing

import gl
from gl.cli import main
from mutation.alchemy.shards import flat_row


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


def test_sharded_dataset_card_and_loaders(proofs: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of JSONL and Parquet shards holds the rows of the one-file output; the card
    counts them; pyarrow (and `datasets`, where installed) load both formats."""
    try:  # in the `test` extra (`data`)
        import pyarrow as pa
        import pyarrow.json as pj
        import pyarrow.parquet as pq
    except ImportError:
        missing("pyarrow is not installed (pip install -e '.[data]')")

    code, _, err = gl_run(["mutate", str(proofs), "-o", str(tmp_path / "one.jsonl"), "-q"], capsys)
    assert code == 0, err
    lines = (tmp_path / "one.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    out = tmp_path / "ds"
    code, _, err = gl_run(["mutate", str(proofs), "-o", str(out), "--shard-size", "100",
                           "--format", "jsonl,parquet", "--progress", "150"], capsys)
    assert code == 0, err
    n = len(lines)
    shards = sorted(out.glob("shard-*.jsonl"))
    rows = [json.loads(x) for x in lines]
    assert len(shards) == -(-n // 100)
    assert [json.loads(x) for p in shards for x in p.read_text(encoding="utf-8").splitlines()] == \
        [flat_row(r) for r in rows]
    assert f"round 2: {n} mutants, {n} checked, {n} passed (" in err and "/s CPU; " in err and " MB)" in err
    card = (out / "README.md").read_text(encoding="utf-8")
    assert f"{n:,} theorems" in card and "| seed family | rows | share |" in card and "--shard-size 100" in card
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["complete"] and sum(s["rows"] for s in manifest["shards"]) == n
    table = pq.read_table(sorted(out.glob("shard-*.parquet")))
    assert table.num_rows == n and table.column("id").to_pylist() == [r["id"] for r in rows]
    assert json.loads(table.column("proof")[7].as_py()) == rows[7]["proof"]
    assert table.column("checked").to_pylist() == [True] * n
    from_json = pa.concat_tables([pj.read_json(p) for p in shards], promote_options="default")
    assert from_json.column("canonical_hash").to_pylist() == [r["canonical_hash"] for r in rows]
    try:
        import datasets
    except ImportError:
        return
    ds = datasets.load_dataset("json", data_files=[str(p) for p in shards], split="train")
    assert ds.num_rows == n and ds[3]["mutant"]["lean"] == rows[3]["mutant"]["lean"]
    ds = datasets.load_dataset("parquet", data_files=str(out / "shard-*.parquet"), split="train")
    assert ds["id"] == [r["id"] for r in rows]


def test_resume_continues_a_stopped_run(proofs: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A crash loses at most the shard being written; --resume makes the same folder as an
    uninterrupted run, and refuses other settings."""
    argv = ["mutate", str(proofs), "--rounds", "2", "--shard-size", "40", "-q"]
    whole, part = tmp_path / "whole", tmp_path / "part"
    assert gl_run([*argv, "-o", str(whole)], capsys)[0] == 0
    assert gl_run([*argv, "-o", str(part)], capsys)[0] == 0
    manifest = json.loads((part / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["shards"]) >= 4
    manifest["shards"] = manifest["shards"][:2]  # as if killed while writing shard 3
    manifest["complete"] = False
    (part / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (part / "shard-00002.jsonl").rename(part / "shard-00002.jsonl.tmp")
    code, out, _ = gl_run([*argv, "-o", str(part), "--resume"], capsys)
    assert code == 0 and "rows, 80 before)" in out
    for p in sorted(whole.iterdir()):
        assert (part / p.name).read_text().replace("part", "whole") == p.read_text(), p.name
    assert sorted(p.name for p in part.iterdir()) == sorted(p.name for p in whole.iterdir())
    code, _, err = gl_run([*argv, "-o", str(part), "--resume", "--max-size", "7"], capsys)
    assert code == 2 and "cannot resume: the run was made with other settings" in err and err.count("\n") == 1


@pytest.mark.parametrize("argv, message", [
    (["--kinds", "rw,bogus"], "Invalid value for '--kinds'"),
    (["--rounds", "0"], "Invalid value for '--rounds'"),
    (["--equivalence", "nonsense"], "Invalid value for '--equivalence'"),
    (["--seeds", "axioms"], "Invalid value for '--seeds'"),
    (["--format", "csv"], "Invalid value for '--format'"),
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



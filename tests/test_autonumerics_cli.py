"""`gl evolve`: smoke runs, user functions, resume, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

from gl.cli import main

TINY = ["--max-ops", "4", "--generations", "2", "--population", "8", "--batch", "4",
        "--workers", "1", "--dense", "4096"]


def gl(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "gl.cli", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


def test_evolve_writes_report_and_results(tmp_path) -> None:
    out = tmp_path / "out"
    r = gl("evolve", "exp2", "--interval", "0", "1", "--seed", "0", "--out", str(out), *TINY)
    assert r.returncode == 0, r.stderr
    assert "gen" in r.stderr and "ops:error" in r.stderr and "cache hits" in r.stderr
    assert "report:" in r.stdout
    results = json.loads((out / "results.json").read_text())
    assert results["format"] == "gl.autonumerics.results/2"
    assert results["front"] and results["baselines"]
    assert results["search"]["generations"] == 2
    html = (out / "index.html").read_text()
    assert "<svg" in html and "minimax polynomial" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert (out / "checkpoint.json").is_file()
    assert any((out / "code").glob("*.c"))


def test_evolve_user_function_and_resume(tmp_path) -> None:
    out = tmp_path / "soft"
    fn = "examples/autonumerics/functions.py"
    r = gl("evolve", "--function", f"{fn}:softplus", "--reference", f"{fn}:softplus_mp",
           "--interval", "0", "1", "--out", str(out), "--no-baselines", "--quiet", *TINY)
    assert r.returncode == 0, r.stderr
    first = json.loads((out / "results.json").read_text())
    assert first["target"]["confirmed_in_mpmath"]
    assert first["front"][0]["measurement"]["error_mp"] is not None
    r = gl("evolve", "--resume", "--out", str(out), "--generations", "3", "--no-baselines",
           "--quiet", "--workers", "1", "--dense", "4096")
    assert r.returncode == 0, r.stderr
    assert json.loads((out / "results.json").read_text())["search"]["generations"] == 3


def test_evolve_errors_are_one_line(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    for args, needle in [(["nosuchfunction"], "nosuchfunction: unknown function"),
                         (["--function", "nosuchmodule_xyz:f"], "cannot import"),
                         (["exp", "--interval", "1", "0"], "bad interval"),
                         (["--resume"], "no checkpoint.json to resume")]:
        with pytest.raises(SystemExit) as exc:
            main(["evolve", *args, "--out", str(tmp_path / "e"), *TINY])
        assert exc.value.code == 2, args
        lines = capsys.readouterr().err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("gl: error:") and needle in lines[0]


def test_evolve_absolute_errors_and_a_baseline_at_every_op_count(tmp_path) -> None:
    # sin crosses zero at π, where no float64 program is exactly zero: relative errors
    # are unbounded there, absolute ones are not
    out = tmp_path / "sin"
    r = gl("evolve", "sin", "--interval", "3", "4", "--error", "abs", "--out", str(out),
           "--quiet", *TINY)
    assert r.returncode == 0, r.stderr
    results = json.loads((out / "results.json").read_text())
    assert results["target"]["error"] == "absolute" and results["behaviour"]["crossings"]
    rows = results["comparison"]
    assert all(row["baseline"] is not None and row["evolved"] <= row["baseline"]
               for row in rows if row["cost"] >= 2)
    assert "max absolute error" in (out / "index.html").read_text()

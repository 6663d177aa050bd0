"""The checker and E on real prover output: `gl prove examples/peano/peano_targets.mpl
--targets-only`, generated once for this module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PEANO
from test_checker_attacks import mutants
from test_checker_cli import run
from test_tptp import needs_e

from export.tptp import problems
from gl.checker import Checker, check_file, load_proofs
from gl.cli.main import COMMANDS


@pytest.fixture(scope="module")
def peano_proofs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if "prove" not in COMMANDS:
        pytest.skip("gl prove is not part of this checkout")
    out = tmp_path_factory.mktemp("peano")
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(PEANO / "peano_targets.mpl"), "--targets-only",
           "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    assert (out / "proofs.json").is_file(), done.stderr
    return out / "proofs.json"


def test_every_peano_proof_checks(peano_proofs: Path) -> None:
    report = check_file(peano_proofs)
    doc = json.loads(peano_proofs.read_text())
    proved = [t["name"] for t in doc["theorems"] if t["status"] == "proved"]
    assert report.failures == [], "\n".join(report.lines())
    assert report.accepted == proved and len(proved) >= 6
    assert report.steps > 100 and min(report.passed[k] for k in ("hyp", "rule", "witness")) > 0


def test_mutated_peano_proofs_are_rejected(peano_proofs: Path) -> None:
    doc, theory = load_proofs(peano_proofs)
    checker = Checker(theory)
    tried = [(what, checker.check(bad).ok) for what, bad in mutants(doc, stride=4)]
    assert len(tried) > 250 and [what for what, ok in tried if ok] == []


def test_tptp_has_a_problem_per_step_and_induction(peano_proofs: Path) -> None:
    doc, theory = load_proofs(peano_proofs)
    probs = problems(doc, theory)
    inductions = sum(t["method"] == "induction" for t in doc["theorems"] if t["status"] == "proved")
    assert len(probs) == check_file(peano_proofs).steps + inductions


@needs_e
def test_eprover_confirms_every_peano_step(peano_proofs: Path, capsys) -> None:
    code, out, _ = run(capsys, "check", str(peano_proofs), "--atp", "eprover", "--atp-timeout", "10")
    counts = out.splitlines()[-1].split()
    assert code == 0, out
    assert counts[:2] == ["eprover", "confirmed"] and counts[2] == counts[4]

"""The checker and E on real prover output: `gl prove examples/peano/peano_targets.mpl
--targets-only`, generated once for this module."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import need_eprover
from helpers.cli import run_gl
from helpers.mutations import mutants

from export.tptp import problems
from gl.checker import Checker, check_file, load_proofs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def peano_proofs(peano_targets_proofs: Path) -> Path:
    return peano_targets_proofs


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


def test_eprover_confirms_every_peano_step(peano_proofs: Path, capsys) -> None:
    need_eprover()
    code, out, _ = run_gl(capsys, "check", str(peano_proofs), "--atp", "eprover", "--atp-timeout", "10")
    counts = out.splitlines()[-1].split()
    assert code == 0, out
    assert counts[:2] == ["eprover", "confirmed"] and counts[2] == counts[4]

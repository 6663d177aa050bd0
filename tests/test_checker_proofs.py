"""The hand-written proofs of helpers.checker_docs (every inference kind of export/SCHEMA.md)
pass the checker."""

from __future__ import annotations

import copy
from pathlib import Path

from conftest import PEANO
from helpers.checker_docs import peano_doc, write_doc

from gl.checker import KINDS, Checker, check_file
from mpl_lang import load


def test_hand_written_proofs_check(tmp_path: Path) -> None:
    report = check_file(write_doc(tmp_path, peano_doc(tmp_path)))
    assert report.failures == [], "\n".join(report.lines())
    assert report.accepted == ["add_zero_right", "add_zero_left", "add_zero_both", "eq_demo",
                               "zero_not_succ", "total_from_fXY", "fold_demo", "exists_demo"]
    assert report.unproved == [("mul_comm", "not proved within the limits")]


def test_every_inference_kind_is_exercised(tmp_path: Path) -> None:
    report = check_file(write_doc(tmp_path, peano_doc(tmp_path)))
    assert all(report.passed[k] > 0 for k in KINDS), dict(report.passed)
    assert report.steps == sum(report.passed[k] for k in KINDS)


def test_checker_is_reusable_and_does_not_mutate_the_document(tmp_path: Path) -> None:
    doc = peano_doc(tmp_path)
    frozen = copy.deepcopy(doc)
    checker = Checker(load(PEANO / "peano.mpl"))
    first, second = checker.check(doc), checker.check(doc)
    assert first.lines() == second.lines() and doc == frozen

"""Checking mutants with the independent checker (`gl.checker`): each in a document that
also holds the theorems it rests on, so that what is accepted rests on checked proofs only.

Reports of several documents are merged by `merge_reports` (`gl.checker.shares.merge`).

>>> report = merge_reports([])
>>> report.ok, report.accepted
(True, [])
"""

from __future__ import annotations

from typing import Any

from gl.checker import Checker, Report
from gl.checker.shares import merge as merge_reports  # noqa: F401  (the synthesizer's, from here)
from mpl_lang import Theory

from .dataset import document
from .library import Library
from .model import Mutant


def check_mutants(library: Library, mutants: list[Mutant], fresh: bool = False) -> Report:
    """Check mutants (in order; each after the mutants it cites) with the independent
    checker, in one document that also holds the theorems they rest on. `fresh`: with a
    new checker, whose caches go away after, instead of the library's warm one."""
    doc = document(library, mutants, full=False)
    return (Checker(library.theory) if fresh else library.checker).check(doc)


def check_document(theory: Theory, doc: dict[str, Any]) -> Report:
    """Check a document of mutants with a fresh checker (a task of a parallel check)."""
    return Checker(theory).check(doc)


def check_mutant(library: Library, mutant: Mutant) -> bool:
    """Re-check one mutant, in a document with the mutants and theorems it rests on; sets
    and returns its `checked`."""
    record_verdicts(check_mutants(library, mutant.lineage()), [mutant])
    return bool(mutant.checked)


def record_verdicts(report: Report, mutants: list[Mutant]) -> None:
    """Set each mutant's `checked` (whether `report` accepts it) and `failures`."""
    accepted = set(report.accepted)
    failures: dict[str, list[str]] = {}
    for f in report.failures:
        failures.setdefault(f.theorem, []).append(str(f))
    for m in mutants:
        m.checked = m.id in accepted
        m.failures = failures.get(m.id, [])

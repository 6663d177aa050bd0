"""Checking mutants with the independent checker (`gl.checker`), so that what is accepted
rests on checked proofs only: in a document that also holds the theorems they rest on
(`check_mutants`, `check_document`), or as a stream (`StreamChecker`: the library once, then
each mutant once, citing the parent checked before it).

Reports of several documents are merged by `merge_reports` (`gl.checker.shares.merge`).

>>> report = merge_reports([])
>>> report.ok, report.accepted
(True, [])
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gl.checker import Checker, Report
from gl.checker.shares import compact
from gl.checker.shares import merge as merge_reports  # noqa: F401  (the synthesizer's, from here)
from mpl_lang import Theory

from .dataset import document
from .library import Library
from .model import Mutant


class StreamChecker(Checker):
    """The independent checker over a stream of theorems, as if they were one document:
    first a library document, then further theorems (`Checker.extend`) that may cite every
    theorem checked before and not forgotten. A synthesis checks each mutant once, citing its
    already-checked parent, instead of checking each batch in a document that repeats the
    parents and the library theorems they rest on. Every theorem is checked by `Checker`'s
    own code; `forget` lets go of those nothing will cite, so memory stays bounded by what
    may still be cited (and the checker's caches by `extend`'s bound).

    >>> from gl.checker import load_proofs                                 # doctest: +SKIP
    >>> doc, theory = load_proofs("out/proofs.json")                        # doctest: +SKIP
    >>> sc = StreamChecker(theory, doc)                                     # doctest: +SKIP
    >>> sc.extend([mutant.theorem(False)]).accepted                         # doctest: +SKIP
    ['m000001']
    """

    def __init__(self, theory: Theory, doc: dict[str, Any]) -> None:
        super().__init__(theory)
        self.check(doc)  # the library: what the first mutants cite (a rejected theorem stays unknown)

    def knows(self, name: str) -> bool:
        """Whether later theorems may cite `name` (checked and not forgotten)."""
        return name in self.known

    def forget(self, names: Iterable[str]) -> None:
        """Let go of theorems nothing will cite any more (their names may come again)."""
        self.extend((), names)


def check_mutants(library: Library, mutants: list[Mutant]) -> Report:
    """Check mutants (in order; each after the mutants it cites) with the library's
    independent checker, in one document that also holds the theorems they rest on."""
    return library.checker.check(document(library, mutants, full=False))


def check_document(theory: Theory, doc: dict[str, Any]) -> Report:
    """Check a document of mutants with a fresh checker (a task of a parallel check); the
    verdicts only travel back (`compact`)."""
    return compact(Checker(theory).check(doc), said=False)


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

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

import hashlib
import json
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
        #: what each parent `extend_after` accepted was checked from (its text's fingerprint)
        self._texts: dict[str, bytes] = {}
        self.check(doc)  # the library: what the first mutants cite (a rejected theorem stays unknown)

    def knows(self, name: str) -> bool:
        """Whether later theorems may cite `name` (checked and not forgotten)."""
        return name in self.known

    def forget(self, names: Iterable[str]) -> None:
        """Let go of theorems nothing will cite any more (their names may come again)."""
        self.extend((), names)

    def extend_after(self, parents: list[str], theorems: list[dict[str, Any]]) -> Report:
        """Check `theorems` after `parents` (the JSON entries of the theorems they cite, in
        order), then forget `theorems`. The parents stay known; one is checked again unless
        this checker accepted it before from the very same text (its name and every byte:
        what the checker knows of it is then what checking it again would give), so a
        parent rejected, or sent again with another text, is checked again, forgotten
        first (its name may come again).

        >>> sc = StreamChecker(Library.load("out/proofs.json").theory, {})  # doctest: +SKIP
        >>> sc.extend_after([parent_json], [child]).accepted               # doctest: +SKIP
        ['m000002']
        """
        again = []
        for text in parents:
            entry = json.loads(text)
            name = entry.get("name") if isinstance(entry, dict) else None
            if not (isinstance(name, str) and self.knows(name) and self._texts.get(name) == _fingerprint(text)):
                again.append((text, entry))
        self.forget(e["name"] for _, e in again if isinstance(e, dict) and isinstance(e.get("name"), str))
        report = self.extend([*(e for _, e in again), *theorems])
        for text, e in again:
            if isinstance(e, dict) and self.knows(e.get("name")):
                self._texts[e["name"]] = _fingerprint(text)
        self.forget(t["name"] for t in theorems)
        return report


def _fingerprint(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


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

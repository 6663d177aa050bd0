"""Checking one proof document in shares, and merging reports (`gl check --workers N`,
the mutants' checks of `gl mutate`). Not part of the trusted base: no verdict depends on
it. A merged report is the serial one only when no share failed; `gl check` checks a
document again in one piece when some share did.

A share (k, n) checks the steps of theorems k, k + n, ... (`Checker.check(doc, share)`).
It needs the other theorems only where its own cite them, transitively (their statements,
and what they rest on); `share_document` replaces every other theorem by a stub (its name,
unproved), so that the share neither ships nor parses them. A stub can only make a share
fail, never accept more: a theorem citing one is rejected ("cites X, which is unproved").

>>> doc = {"theorems": [{"name": "a", "cites": []}, {"name": "b", "cites": []},
...                     {"name": "c", "cites": ["a"]}, {"name": "d", "cites": ["c"]}]}
>>> [t.get("status", "read") for t in share_document(doc, 1, 2)["theorems"]]
['read', 'read', 'read', 'read']
>>> [t.get("status", "read") for t in share_document(doc, 0, 2)["theorems"]]
['read', 'unproved', 'read', 'unproved']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from .check import Report


def share_document(doc: dict[str, Any], k: int, n: int) -> dict[str, Any]:
    """The document share (k, n) of `doc` needs: theorems k, k + n, ... and those they cite,
    transitively, as they are; every other named theorem as a stub. A document of no
    gl.proofs/1 shape comes back as it is (the check says what is wrong)."""
    theorems = doc.get("theorems")
    if not isinstance(theorems, list):
        return doc
    first: dict[str, int] = {}  # a name -> its first theorem, the one citations resolve to
    for i, th in enumerate(theorems):
        if _named(th):
            first.setdefault(th["name"], i)
    read = set(range(k, len(theorems), n))
    for i in reversed(range(len(theorems))):  # citations point to earlier theorems
        cites = theorems[i].get("cites") if i in read and isinstance(theorems[i], dict) else None
        if isinstance(cites, list):
            read.update(first[c] for c in cites if isinstance(c, str) and c in first)
    return {**doc, "theorems": [th if i in read or not _named(th) else {"name": th["name"], "status": "unproved"}
                                for i, th in enumerate(theorems)]}


def _named(th: object) -> bool:
    return isinstance(th, dict) and isinstance(th.get("name"), str)


def merge(reports: Sequence[Report], order: Mapping[str, int] | None = None) -> Report:
    """One report of several checks: counts added, maps united, lists joined without
    repeats, in report order or, given `order` (theorem name -> its position in the
    document), in document order; the theory is the first report's. The shares of one
    document that no share failed merge into exactly its serial report.

    >>> a, b = Report(theory="T", accepted=["y"], steps=2), Report(accepted=["x", "y"], steps=1)
    >>> m = merge([a, b])
    >>> m.theory, m.accepted, m.steps, merge([a, b], {"x": 0, "y": 1}).accepted
    ('T', ['y', 'x'], 3, ['x', 'y'])
    """
    out = Report(theory=reports[0].theory if reports else "")
    seen: dict[str, set[Any]] = {}
    for r in reports:
        for f in fields(r):
            mine, theirs = getattr(out, f.name), getattr(r, f.name)
            if isinstance(mine, dict):  # the counters too
                mine.update(theirs)
            elif isinstance(mine, list):
                have = seen.setdefault(f.name, set())
                for x in theirs:
                    if x not in have:
                        have.add(x)
                        mine.append(x)
            elif isinstance(mine, int) and not isinstance(mine, bool):
                setattr(out, f.name, mine + theirs)
    if order is not None:
        def at(name: str) -> int:
            return order.get(name, len(order))

        out.unproved.sort(key=lambda u: at(u[0]))
        out.failures.sort(key=lambda f: at(f.theorem))
        out.accepted.sort(key=at)
        out.assumed.sort(key=at)
    return out

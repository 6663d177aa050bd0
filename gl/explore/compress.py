"""Compression to an essential core: which proved theorems the others make redundant.

Least-used first (ties: latest first), a theorem is dropped from the core when a direct
proof of it exists from the core minus itself and minus every theorem whose proof rests
on it (its descendants in the citation graph, so that no proof becomes circular).
The graph is a plain dictionary (networkx takes longer to import than the search here).
"""

from __future__ import annotations

from mpl_lang import Theory

from ..core.prover import Prover, Settings
from ..core.result import TheoremResult

#: the cycles a re-proof may take at most (compression looks for short direct proofs)
MAX_CYCLES = 8


def citers(proved: list[TheoremResult]) -> dict[str, list[str]]:
    """Per theorem, the proved theorems whose proofs cite it (the citation graph's edges),
    in proof order.

    >>> from mpl_lang import parse_expr
    >>> a, b = (TheoremResult(n, parse_expr("(in[i0,N])"), status="proved") for n in "ab")
    >>> b.cites = ["a", "axiom"]
    >>> citers([a, b])
    {'a': ['b'], 'b': []}
    """
    out: dict[str, list[str]] = {t.name: [] for t in proved}
    for t in proved:
        for c in dict.fromkeys(t.cites):
            if c in out:
                out[c].append(t.name)
    return out


def resting_on(graph: dict[str, list[str]], name: str) -> set[str]:
    """The theorems whose proofs rest on `name`, directly or through others."""
    out: set[str] = set()
    todo = list(graph[name])
    while todo:
        t = todo.pop()
        if t not in out:
            out.add(t)
            todo.extend(graph[t])
    return out


def compress(proved: list[TheoremResult], theory: Theory, settings: Settings) -> dict[str, list[str]]:
    """Greedy essential core of `proved` (in proof order), re-proving under `settings`
    with at most `MAX_CYCLES` cycles. Returns each dropped theorem -> the theorems its
    re-proof cites."""
    by_name = {t.name: t for t in proved}
    graph = citers(proved)
    quick = settings.capped(max_cycles=MAX_CYCLES)
    core = [t.name for t in proved]
    dropped: dict[str, list[str]] = {}
    for t in sorted(proved, key=lambda t: (len(graph[t.name]), -proved.index(t))):
        banned = resting_on(graph, t.name) | {t.name}
        prover = Prover(theory, quick)
        for name in core:
            if name not in banned:
                prover.accept(by_name[name])
        r = prover.prove(t.name, t.statement, t.origin, methods=("direct",))
        if r.proved:
            core.remove(t.name)
            dropped[t.name] = list(r.cites)
    return dropped

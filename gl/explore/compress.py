"""Compression to an essential core: which proved theorems the others make redundant.

Least-used first (ties: latest first), a theorem is dropped from the core when a direct
proof of it exists from the core minus itself and minus every theorem whose proof rests
on it (its descendants in the citation graph, so that no proof becomes circular).
"""

from __future__ import annotations

from mpl_lang import Theory

from ..core.prover import Prover, Settings
from ..core.result import TheoremResult

#: the cycles a re-proof may take at most (compression looks for short direct proofs)
MAX_CYCLES = 8


def citation_graph(proved: list[TheoremResult]) -> dict[str, list[str]]:
    """Each theorem -> the proved theorems whose proofs cite it (plain dicts and lists:
    networkx would cost every `gl prove` its import).

    >>> from mpl_lang import parse_expr
    >>> a, b = (TheoremResult(n, parse_expr("(in[i0,N])"), status="proved") for n in "ab")
    >>> b.cites = ["a", "axiom"]
    >>> citation_graph([a, b])
    {'a': ['b'], 'b': []}
    """
    graph: dict[str, list[str]] = {t.name: [] for t in proved}
    for t in proved:
        for c in dict.fromkeys(t.cites):
            if c in graph:
                graph[c].append(t.name)
    return graph


def descendants(graph: dict[str, list[str]], node: str) -> set[str]:
    """The nodes reachable from `node` (itself excluded unless on a cycle).

    >>> sorted(descendants({"a": ["b"], "b": ["c"], "c": []}, "a"))
    ['b', 'c']
    """
    seen: set[str] = set()
    todo = list(graph[node])
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(graph[n])
    return seen


def compress(proved: list[TheoremResult], theory: Theory, settings: Settings) -> dict[str, list[str]]:
    """Greedy essential core of `proved` (in proof order), re-proving under `settings`
    with at most `MAX_CYCLES` cycles. Returns each dropped theorem -> the theorems its
    re-proof cites."""
    by_name = {t.name: t for t in proved}
    graph = citation_graph(proved)
    quick = settings.capped(max_cycles=MAX_CYCLES)
    core = [t.name for t in proved]
    dropped: dict[str, list[str]] = {}
    for t in sorted(proved, key=lambda t: (len(graph[t.name]), -proved.index(t))):
        banned = descendants(graph, t.name) | {t.name}
        prover = Prover(theory, quick)
        for name in core:
            if name not in banned:
                prover.accept(by_name[name])
        r = prover.prove(t.name, t.statement, t.origin, methods=("direct",))
        if r.proved:
            core.remove(t.name)
            dropped[t.name] = list(r.cites)
    return dropped

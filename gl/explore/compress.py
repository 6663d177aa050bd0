"""Compression to an essential core: which proved theorems the others make redundant.

Least-used first (ties: latest first), a theorem is dropped from the core when a direct
proof of it exists from the core minus itself and minus every theorem whose proof rests
on it (its descendants in the citation graph, so that no proof becomes circular).
"""

from __future__ import annotations

import networkx as nx

from mpl_lang import Theory

from ..core.prover import Prover, Settings
from ..core.result import TheoremResult

#: the cycles a re-proof may take at most (compression looks for short direct proofs)
MAX_CYCLES = 8


def citation_graph(proved: list[TheoremResult]) -> nx.DiGraph:
    """An edge from each theorem to each proved theorem whose proof cites it.

    >>> from mpl_lang import parse_expr
    >>> a, b = (TheoremResult(n, parse_expr("(in[i0,N])"), status="proved") for n in "ab")
    >>> b.cites = ["a", "axiom"]
    >>> sorted(citation_graph([a, b]).edges)
    [('a', 'b')]
    """
    graph = nx.DiGraph()
    graph.add_nodes_from(t.name for t in proved)
    graph.add_edges_from((c, t.name) for t in proved for c in t.cites if c in graph)
    return graph


def compress(proved: list[TheoremResult], theory: Theory, settings: Settings) -> dict[str, list[str]]:
    """Greedy essential core of `proved` (in proof order), re-proving under `settings`
    with at most `MAX_CYCLES` cycles. Returns each dropped theorem -> the theorems its
    re-proof cites."""
    by_name = {t.name: t for t in proved}
    graph = citation_graph(proved)
    quick = settings.capped(max_cycles=MAX_CYCLES)
    core = [t.name for t in proved]
    dropped: dict[str, list[str]] = {}
    for t in sorted(proved, key=lambda t: (graph.out_degree(t.name), -proved.index(t))):
        banned = nx.descendants(graph, t.name) | {t.name}
        prover = Prover(theory, quick)
        for name in core:
            if name not in banned:
                prover.accept(by_name[name])
        r = prover.prove(t.name, t.statement, t.origin, methods=("direct",))
        if r.proved:
            core.remove(t.name)
            dropped[t.name] = list(r.cites)
    return dropped

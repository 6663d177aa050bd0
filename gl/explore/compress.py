"""Compression to an essential core: which proved theorems the others make redundant.

Least-used first (ties: latest first), a theorem is dropped from the core when a direct
proof of it exists from the core minus itself and minus every theorem whose proof rests
on it (its descendants in the citation graph, so that no proof becomes circular).
The graph is a plain dictionary (networkx takes longer to import than the search here).

On Ray workers (`--workers N`, an `Execution` worth it), every re-proof is made at once
from all the proved theorems but its own descendants, as if none were dropped before it;
a result is then taken in the serial order when no theorem was dropped before it but its
descendants (each theorem a prover accepts reaches its block: `Grid.broadcast`), else the
re-proof is made again here. The core is the in-process one.
"""

from __future__ import annotations

from mpl_lang import Expr, Theory

from ..core.prover import Prover, Settings
from ..core.result import Status, TheoremResult
from ..execution import Execution

#: the cycles a re-proof may take at most (compression looks for short direct proofs)
MAX_CYCLES = 8
#: a re-proof's seconds, its prover built (Peano, Gauss: 0.07-0.09 s): what the workers are worth it for
REPROOF_S = 0.1


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


def compress(proved: list[TheoremResult], theory: Theory, settings: Settings,
             ex: Execution | None = None) -> dict[str, list[str]]:
    """Greedy essential core of `proved` (in proof order), re-proving under `settings`
    with at most `MAX_CYCLES` cycles, the re-proofs ahead on `ex`'s workers when it is
    worth it. Returns each dropped theorem -> the theorems its re-proof cites."""
    by_name = {t.name: t for t in proved}
    graph = citers(proved)
    quick = settings.capped(max_cycles=MAX_CYCLES)
    core = [t.name for t in proved]
    order = sorted(proved, key=lambda t: (len(graph[t.name]), -proved.index(t)))
    banned = {t.name: resting_on(graph, t.name) | {t.name} for t in proved}
    ahead: list[tuple[bool, list[str]]] = []
    if ex is not None and ex.worth_it(len(order), REPROOF_S * len(order)):
        library = tuple((t.name, t.statement) for t in proved)
        ahead = list(ex.map(_reprove, [(t.name, t.statement, t.origin, frozenset(banned[t.name])) for t in order],
                            shared=(theory, quick, library)))
    dropped: dict[str, list[str]] = {}
    for n, t in enumerate(order):
        # a worker held every theorem but the descendants: its re-proof stands when none
        # other was dropped before (every theorem accepted reaches the block: `Grid.broadcast`)
        if ahead and not set(dropped) - banned[t.name]:
            ok, cites = ahead[n]
        else:
            prover = Prover(theory, quick)
            for name in core:
                if name not in banned[t.name]:
                    prover.accept(by_name[name])
            r = prover.prove(t.name, t.statement, t.origin, methods=("direct",))
            ok, cites = r.proved, list(r.cites)
        if ok:
            core.remove(t.name)
            dropped[t.name] = cites
    return dropped


def _reprove(shared: tuple[Theory, Settings, tuple[tuple[str, Expr], ...]],
             task: tuple[str, Expr, str, frozenset[str]]) -> tuple[bool, list[str]]:
    """On a worker: the direct re-proof of a theorem from the proved ones (`shared`: the
    theory, the settings and the theorems in proof order) but those `banned`; whether it
    succeeded, and what it cites."""
    theory, settings, library = shared
    name, statement, origin, banned = task
    prover = Prover(theory, settings)
    for other, stated in library:
        if other not in banned:
            prover.accept(TheoremResult(other, stated, status=Status.PROVED))
    r = prover.prove(name, statement, origin, methods=("direct",))
    return r.proved, list(r.cites)

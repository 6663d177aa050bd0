"""Layered, deterministic layout of the citation graph, drawn left to right.

A theorem's layer is one more than the deepest theorem it cites, so every edge points
right. Within a layer, theorems are ordered by a few barycenter sweeps (each node moves
toward the mean height of its neighbours), ties broken by file order.

>>> from export.html.model import build_model
>>> g = layout(build_model({"schema": "gl.proofs/1", "theorems": []}).theorems)
>>> (g.width, g.height, g.nodes)
(0, 0, [])
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .model import TheoremView

NODE_W, NODE_H = 172, 28
GAP_X, GAP_Y = 80, 16
WAY_H = 12
WAY_BUDGET, WAY_MIN = 3, 2000
PAD = 16
SWEEPS = 4
LABEL_CHARS = 22


@dataclass
class Node:
    """A theorem box: its position and what it shows."""

    i: int
    name: str
    slug: str
    label: str
    title: str
    state: str
    law: bool
    x: int
    y: int


@dataclass
class Edge:
    """A citation: from the cited theorem `s` to the citing theorem `t` (node indices)."""

    s: int
    t: int
    d: str


@dataclass
class GraphLayout:
    """Nodes, edges and the drawing's size in pixels."""

    nodes: list[Node]
    edges: list[Edge]
    width: int
    height: int
    node_w: int = NODE_W
    node_h: int = NODE_H


def citation_graph(theorems: list[TheoremView]) -> nx.DiGraph:
    """Theorems as nodes (by file index), an edge cited -> citing for each citation of a
    theorem that is in the file and earlier."""
    g = nx.DiGraph()
    g.add_nodes_from(t.index for t in theorems)
    index = {t.name: t.index for t in theorems}
    for t in theorems:
        for r in t.cites:
            src = index.get(r.name)
            if src is not None and src < t.index:
                g.add_edge(src, t.index)
    return g


def _layers(g: nx.DiGraph) -> list[list[int]]:
    depth: dict[int, int] = {}
    for n in nx.lexicographical_topological_sort(g):
        depth[n] = 1 + max((depth[p] for p in g.predecessors(n)), default=-1)
    layers: list[list[int]] = [[] for _ in range(max(depth.values(), default=-1) + 1)]
    for n in sorted(depth):
        layers[depth[n]].append(n)
    return layers


def _longest_routed(spans: list[int], budget: int) -> int:
    """The longest span whose citations get way points, keeping their total within budget."""
    total, limit = 0, 1
    for span in sorted(set(spans)):
        total += (span - 1) * spans.count(span)
        if total > budget:
            break
        limit = span
    return limit


def _route(g: nx.DiGraph, layers: list[list[int]]) -> tuple[nx.DiGraph, dict[tuple[int, int], list[int]]]:
    """Split each citation spanning several layers into a chain through way points
    (negative ids) in the layers between, so ordering keeps them clear of the boxes.
    In big graphs only the shorter citations are routed (at most WAY_BUDGET way points per
    theorem); the longest ones are drawn as one curve."""
    col = {n: k for k, layer in enumerate(layers) for n in layer}
    routed = nx.DiGraph()
    routed.add_nodes_from(g)
    chains: dict[tuple[int, int], list[int]] = {}
    next_id = -1
    limit = _longest_routed([col[t] - col[s] for s, t in g.edges],
                            max(WAY_MIN, WAY_BUDGET * g.number_of_nodes()))
    for s, t in sorted(g.edges):
        chain, prev = [], s
        for k in range(col[s] + 1, col[t]) if col[t] - col[s] <= limit else ():
            layers[k].append(next_id)
            chain.append(next_id)
            routed.add_edge(prev, next_id)
            prev, next_id = next_id, next_id - 1
        routed.add_edge(prev, t)
        chains[(s, t)] = chain
    return routed, chains


def _order(g: nx.DiGraph, layers: list[list[int]]) -> dict[int, float]:
    """Barycenter sweeps; returns the vertical centre of every box and way point, each layer
    centred on the tallest one."""
    def size(n: int) -> int:
        return NODE_H + GAP_Y if n >= 0 else WAY_H

    tallest = max((sum(map(size, layer)) for layer in layers), default=0)
    centre: dict[int, float] = {}

    def place(layer: list[int]) -> None:
        y = (tallest - sum(map(size, layer))) / 2
        for n in layer:
            centre[n] = y + size(n) / 2
            y += size(n)

    for layer in layers:
        place(layer)
    for _ in range(SWEEPS):
        for neighbours, seq in ((g.predecessors, layers[1:]), (g.successors, layers[-2::-1])):
            for layer in seq:
                def key(n: int, neighbours=neighbours) -> tuple[float, float]:
                    near = [centre[m] for m in neighbours(n)]
                    return (sum(near) / len(near) if near else centre[n], centre[n])
                layer.sort(key=key)
                place(layer)
    return centre


def _label(name: str, law: bool) -> str:
    """The box text: the name, shortened to fit, after a star for a named law."""
    room = LABEL_CHARS - 2 if law else LABEL_CHARS
    short = name if len(name) <= room else name[: room - 1] + "…"
    return f"★ {short}" if law else short


def _ports(ends: list[tuple[float, int]]) -> dict[int, int]:
    """Spread the edges meeting one side of a box over its height, in the order of the
    heights they come from (so they do not cross at the box)."""
    ends.sort()
    step = NODE_H / (len(ends) + 1)
    return {edge: round((k + 1) * step - NODE_H / 2) for k, (_, edge) in enumerate(ends)}


def _curve(points: list[tuple[int, int]]) -> str:
    """A path through `points`, pairs of which are joined by S-curves with horizontal
    ends; consecutive points at the same height are joined by a straight run."""
    x, y = points[0]
    d = [f"M{x} {y}"]
    for nx_, ny in points[1:]:
        if ny == y:
            d.append(f"H{nx_}")
        else:
            bend = max(GAP_X // 2, (nx_ - x) // 2)
            d.append(f"C{x + bend} {y} {nx_ - bend} {ny} {nx_} {ny}")
        x, y = nx_, ny
    return "".join(d)


def layout(theorems: list[TheoremView]) -> GraphLayout:
    """Positions for every theorem box and a curve for every citation."""
    g = citation_graph(theorems)
    layers = _layers(g)
    col = {n: k for k, layer in enumerate(layers) for n in layer}
    routed, chains = _route(g, layers)
    centre = _order(routed, layers)
    col.update({n: k for k, layer in enumerate(layers) for n in layer if n < 0})

    def x_of(n: int) -> int:
        return PAD + col[n] * (NODE_W + GAP_X)

    def y_of(n: int) -> int:
        return PAD + round(centre[n])

    nodes = [Node(i=t.index, name=t.name, slug=t.slug, label=_label(t.name, bool(t.law)),
                  title=f"{t.name}: {t.text}", state=t.state, law=bool(t.law),
                  x=x_of(t.index), y=y_of(t.index) - NODE_H // 2) for t in theorems]
    ins: dict[int, list[tuple[float, int]]] = {}
    outs: dict[int, list[tuple[float, int]]] = {}
    keys = sorted(chains)
    for k, (s, t) in enumerate(keys):
        path = [s, *chains[(s, t)], t]
        outs.setdefault(s, []).append((centre[path[1]], k))
        ins.setdefault(t, []).append((centre[path[-2]], k))
    out_port = {e: dy for ends in outs.values() for e, dy in _ports(ends).items()}
    in_port = {e: dy for ends in ins.values() for e, dy in _ports(ends).items()}
    edges = []
    for k, (s, t) in enumerate(keys):
        points = [(x_of(s) + NODE_W, y_of(s) + out_port[k])]
        for w in chains[(s, t)]:
            points += [(x_of(w), y_of(w)), (x_of(w) + NODE_W, y_of(w))]
        points.append((x_of(t) - 2, y_of(t) + in_port[k]))
        edges.append(Edge(s, t, _curve(points)))
    width = max((n.x + NODE_W + PAD for n in nodes), default=0)
    height = max((n.y + NODE_H + PAD for n in nodes), default=0)
    return GraphLayout(nodes, edges, width, height)

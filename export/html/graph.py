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
GAP_X, GAP_Y = 72, 14
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


def _order(g: nx.DiGraph, layers: list[list[int]]) -> dict[int, float]:
    """Barycenter sweeps; returns each node's vertical slot (centred per layer)."""
    tallest = max((len(layer) for layer in layers), default=0)
    slot: dict[int, float] = {}

    def place(layer: list[int]) -> None:
        offset = (tallest - len(layer)) / 2
        for k, n in enumerate(layer):
            slot[n] = offset + k

    for layer in layers:
        place(layer)
    for _ in range(SWEEPS):
        for neighbours, seq in ((g.predecessors, layers[1:]), (g.successors, layers[-2::-1])):
            for layer in seq:
                def key(n: int, neighbours=neighbours) -> tuple[float, float]:
                    near = [slot[m] for m in neighbours(n)]
                    return (sum(near) / len(near) if near else slot[n], slot[n])
                layer.sort(key=key)
                place(layer)
    return slot


def _label(name: str, law: bool) -> str:
    """The box text: the name, shortened to fit, after a star for a named law."""
    room = LABEL_CHARS - 2 if law else LABEL_CHARS
    short = name if len(name) <= room else name[: room - 1] + "…"
    return f"★ {short}" if law else short


def layout(theorems: list[TheoremView]) -> GraphLayout:
    """Positions for every theorem box and a curve for every citation."""
    g = citation_graph(theorems)
    layers = _layers(g)
    slot = _order(g, layers)
    col = {n: k for k, layer in enumerate(layers) for n in layer}
    nodes = []
    for t in theorems:
        nodes.append(Node(
            i=t.index, name=t.name, slug=t.slug, label=_label(t.name, bool(t.law)),
            title=f"{t.name}: {t.readable}", state=t.state, law=bool(t.law),
            x=PAD + col[t.index] * (NODE_W + GAP_X),
            y=PAD + round(slot[t.index] * (NODE_H + GAP_Y)),
        ))
    edges = []
    for s, t in sorted(g.edges):
        a, b = nodes[s], nodes[t]
        x1, y1 = a.x + NODE_W, a.y + NODE_H // 2
        x2, y2 = b.x - 2, b.y + NODE_H // 2
        bend = max(GAP_X // 2, (x2 - x1) // 3)
        edges.append(Edge(s, t, f"M{x1} {y1}C{x1 + bend} {y1} {x2 - bend} {y2} {x2} {y2}"))
    width = max((n.x + NODE_W + PAD for n in nodes), default=0)
    height = max((n.y + NODE_H + PAD for n in nodes), default=0)
    return GraphLayout(nodes, edges, width, height)

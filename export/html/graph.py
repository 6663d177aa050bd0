"""The citation graph: its boxes and a layered, deterministic layout, left to right.

Every theorem that is no ground fact is a box, and each ground-fact table one box. The
first view shows the key boxes (named laws, theorems compression kept, tables) with the
citations through hidden boxes contracted; the page can show every box, or the
neighbourhood of one. A box's layer is one more than the deepest box it cites, so every
edge points right. Within a layer, boxes are ordered by a few barycenter sweeps (each
moves toward the mean height of its neighbours), ties broken by file order.

>>> from export.html.model import build_model
>>> g = site_graph(build_model({"schema": "gl.proofs/1", "theorems": []}))
>>> (g.width, g.height, g.nodes)
(0, 0, [])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx

from .model import SiteModel, TheoremView

NODE_W, NODE_H = 172, 28
GAP_X, GAP_Y = 80, 16
WAY_H = 12
WAY_BUDGET, WAY_MIN = 3, 2000
PAD = 16
SWEEPS = 4
LABEL_CHARS = 22


@dataclass
class Node:
    """A box of the graph: a theorem, or one ground-fact table; its place in the view of
    every theorem (`x`, `y`) and, for a key box, in the first view (`kx`, `ky`)."""

    i: int
    name: str
    href: str
    label: str
    title: str
    state: str
    law: bool
    key: bool
    x: int = 0
    y: int = 0
    kx: int = 0
    ky: int = 0


@dataclass
class Edge:
    """A citation from box `s` to box `t`: `d` its curve in the view of every box, `kd` in
    the first view (empty when that view hides it); `via` marks an edge of the first view
    standing for a path through boxes that view hides."""

    s: int
    t: int
    d: str = ""
    kd: str = ""
    via: bool = False


@dataclass
class GraphLayout:
    """Boxes, edges and the drawing's size in pixels, in the view of every box and in the
    first view (`key_width`, `key_height`)."""

    nodes: list[Node]
    edges: list[Edge]
    width: int
    height: int
    key_width: int = 0
    key_height: int = 0
    node_w: int = NODE_W
    node_h: int = NODE_H

    @property
    def keys(self) -> int:
        """How many boxes the first view shows."""
        return sum(n.key for n in self.nodes)


def is_key(t: TheoremView) -> bool:
    """Whether the first view shows `t`: a named law, or a theorem compression kept (or
    did not judge)."""
    return bool(t.law) or t.essential is not False


def boxes(model: SiteModel) -> tuple[list[Node], set[tuple[int, int]]]:
    """The boxes (every theorem that is no ground fact, then one box per ground-fact table,
    numbered after the theorems) and the citations between them, a ground fact read as its
    table's box."""
    box = {t.name: t.index for t in model.theorems if t.table is None}
    nodes = [Node(t.index, t.name, f"thm/{t.slug}.html", _label(t.name, bool(t.law)),
                  f"{t.name}: {t.text}", t.state, bool(t.law), is_key(t))
             for t in model.theorems if t.table is None]
    by_name = model.by_name
    for k, tb in enumerate(model.tables, len(model.theorems)):
        box.update({name: k for name in tb.facts})
        states = {by_name[name].state for name in tb.facts}
        state = next((s for s in ("rejected", "unparsable", "unproved", "unchecked") if s in states), "full")
        nodes.append(Node(k, tb.title, f"index.html#{tb.slug}", _label(f"{tb.title} ({len(tb.facts)})", False),
                          f"ground facts {tb.title}: {len(tb.facts)}", f"{state} table", False, True))
    index = {t.name: t.index for t in model.theorems}
    edges = {(box[r.name], box[t.name]) for t in model.theorems for r in t.cites
             if r.name in box and index[r.name] < t.index and box[r.name] != box[t.name]}
    return nodes, edges


class Box(NamedTuple):
    """A box of a theorem page's neighbourhood: a theorem, or a table of ground facts."""

    label: str
    href: str
    title: str
    state: str


def neighbourhood(model: SiteModel, t: TheoremView) -> tuple[list[Box], list[Box]]:
    """What `t` cites and what cites it, as boxes linked from its page (`thm/`), the
    ground facts among them as the box of their table."""
    by_name = model.by_name
    tables = {tb.slug: tb for tb in model.tables}

    def box(name: str) -> Box | None:
        other = by_name.get(name)
        if other is None:
            return None
        if other.table is None:
            return Box(_label(name, bool(other.law)), f"{other.slug}.html", f"{name}: {other.text}", other.state)
        tb = tables[other.table]
        return Box(_label(f"{tb.title} ({len(tb.facts)})", False), f"../index.html#{tb.slug}",
                   f"ground facts {tb.title}", "table")

    def boxes_of(refs: list) -> list[Box]:
        return [b for b in dict.fromkeys(box(r.name) for r in refs) if b is not None]

    return boxes_of(t.cites), boxes_of(t.used_by)


def _via(keys: set[int], edges: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Edges between key boxes standing for paths whose inner boxes are all hidden, where
    no other path of the first view joins the two."""
    out: dict[int, list[int]] = {}
    for s, t in sorted(edges):
        out.setdefault(s, []).append(t)
    via = set()
    for start in sorted(keys):
        todo = [t for t in out.get(start, []) if t not in keys]
        seen = set(todo)
        while todo:
            for m in out.get(todo.pop(), []):
                if m in keys:
                    via.add((start, m))
                elif m not in seen:
                    seen.add(m)
                    todo.append(m)
    key_graph = nx.DiGraph(sorted((edges | via) & {(s, t) for s in keys for t in keys}))
    key_graph.add_nodes_from(sorted(keys))
    return (via - edges) & set(nx.transitive_reduction(key_graph).edges)  # none another path implies


def site_graph(model: SiteModel) -> GraphLayout:
    """The graph page's boxes and edges, laid out twice: every box with its citations as
    curves, and the key boxes alone, citations through hidden boxes contracted."""
    nodes, edges = boxes(model)
    keys = {n.i for n in nodes if n.key}
    via = _via(keys, edges)
    full, curves, width, height = layout([n.i for n in nodes], edges)
    short, key_curves, key_width, key_height = layout(
        sorted(keys), {e for e in edges | via if e[0] in keys and e[1] in keys})
    for n in nodes:
        n.x, n.y = full[n.i]
        n.kx, n.ky = short.get(n.i, (0, 0))
    drawn = [Edge(s, t, curves[(s, t)], key_curves.get((s, t), "")) for s, t in sorted(edges)]
    drawn += [Edge(s, t, "", key_curves[(s, t)], via=True) for s, t in sorted(via)]
    return GraphLayout(nodes, drawn, width, height, key_width, key_height)


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


def layout(ids: list[int], edges: set[tuple[int, int]]
           ) -> tuple[dict[int, tuple[int, int]], dict[tuple[int, int], str], int, int]:
    """The top-left corner of every box, a curve for every edge (each from an earlier box
    to a later one), and the drawing's width and height."""
    g = nx.DiGraph()
    g.add_nodes_from(ids)
    g.add_edges_from(edges)
    layers = _layers(g)
    col = {n: k for k, layer in enumerate(layers) for n in layer}
    routed, chains = _route(g, layers)
    centre = _order(routed, layers)
    col.update({n: k for k, layer in enumerate(layers) for n in layer if n < 0})

    def x_of(n: int) -> int:
        return PAD + col[n] * (NODE_W + GAP_X)

    def y_of(n: int) -> int:
        return PAD + round(centre[n])

    at = {n: (x_of(n), y_of(n) - NODE_H // 2) for n in ids}
    ins: dict[int, list[tuple[float, int]]] = {}
    outs: dict[int, list[tuple[float, int]]] = {}
    keys = sorted(chains)
    for k, (s, t) in enumerate(keys):
        path = [s, *chains[(s, t)], t]
        outs.setdefault(s, []).append((centre[path[1]], k))
        ins.setdefault(t, []).append((centre[path[-2]], k))
    out_port = {e: dy for ends in outs.values() for e, dy in _ports(ends).items()}
    in_port = {e: dy for ends in ins.values() for e, dy in _ports(ends).items()}
    curves = {}
    for k, (s, t) in enumerate(keys):
        points = [(x_of(s) + NODE_W, y_of(s) + out_port[k])]
        for w in chains[(s, t)]:
            points += [(x_of(w), y_of(w)), (x_of(w) + NODE_W, y_of(w))]
        points.append((x_of(t) - 2, y_of(t) + in_port[k]))
        curves[(s, t)] = _curve(points)
    width = max((x + NODE_W + PAD for x, _ in at.values()), default=0)
    height = max((y + NODE_H + PAD for _, y in at.values()), default=0)
    return at, curves, width, height

"""Structures fitted by linear algebra: a program's rational core refitted by weighted
Sanathanan–Koerner and Lawson, then rewritten as its cheapest continued fraction.

Gradient steps on the constants of a continued fraction from a poor start stop in
degenerate minima (a pole cancelled by a zero) or slide for thousands of steps. But a
program is usually a chain of *output transforms* around a *rational core*:

* transforms, peeled from the output inwards: a squaring ``r·r`` (the core then
  approximates ``√f``), a product ``r·s`` with a constant-free ``s`` (``f/s``), and a
  Cayley transform ``(r + s)/(r − s)`` with a constant-free ``s`` (``s·(f + 1)/(f − 1)``);
* the core: the part that depends on the constants, a rational function of one
  constant-free node ``v`` (``x``, or ``x·x``...) whose degrees ``[n/m]`` are counted
  from the structure.

:func:`refit` fits an ``[n/m]`` rational in ``v`` to the transformed target with the
weights that make its error the program's (relative or absolute) error — linear least
squares on ``N(v) − y·D(v)`` (Sanathanan–Koerner), with Lawson reweighting towards the
minimax fit — and writes it as the continued fraction of :func:`.seeds.fraction`, the
transforms reapplied. The result replaces the child when it is better: the search chooses
structures (transforms, variable, degrees), linear algebra chooses their constants. No
transform is tied to a function: each is tried on every target, and one whose inverse is
undefined on the grid (``√f`` of a negative f) is simply not peeled.

>>> from mutation.autonumerics.fit import Grid, max_error
>>> from mutation.autonumerics.program import cost, parse_program
>>> from mutation.autonumerics.targets import resolve_target
>>> grid = Grid.chebyshev(resolve_target("exp2"), (0.0, 1.0), 96)
>>> p = parse_program("t1 = x + 1.0; t2 = 1.0 / t1; t3 = t2 + 1.0; t4 = t3 * t3")
>>> q = refit(p, grid)
>>> cost(q), max_error(p, grid) > 1 > 1e3 * max_error(q, grid)
(4, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .fit import Grid, max_error
from .program import Node, Program, build, node_values
from .seeds import fraction, sanathanan_koerner

#: cores of higher degree are left to gradient fitting (ill-conditioned Vandermonde columns)
MAX_DEGREE = 8


@dataclass(frozen=True)
class Transform:
    """An output transform: ``op`` is "square", "mul" or "cayley"; ``s`` the constant-free
    node it uses (for "mul" and "cayley")."""

    op: str
    s: int = 0


def refit(p: Program, grid: Grid, lawson_rounds: int = 6) -> Program | None:
    """The program with its rational core refitted (see the module docstring), or None
    when it has no such core or the refit is not finite on the grid."""
    if not p.constants():
        return None
    nodes = list(p.nodes)
    free = _constant_free(nodes)
    vals = node_values(p, grid.x)
    y = grid.f.astype(float)
    transforms, top = peel(p)
    with np.errstate(all="ignore"):
        # error of f per unit absolute error of the current inner value
        weight = 1.0 / grid.scale
        for t in transforms:
            s = vals[t.s]
            if t.op == "square":
                if not np.all(y > 0):
                    return None
                y = np.sqrt(y)
                weight = weight * 2 * y
            elif t.op == "mul":
                y = y / s
                weight = weight * np.abs(s)
            else:
                y_new = s * (y + 1) / (y - 1)
                weight = weight * 2 * np.abs(s) / (y_new - s) ** 2
                y = y_new
    found = _core(nodes, free, top)
    if found is None:
        return None
    v, (n, m) = found[0], found[2]
    if max(n, m) > MAX_DEGREE or n + m == 0:
        return None
    with np.errstate(all="ignore"):
        ok = np.isfinite(y) & np.isfinite(weight) & (weight > 0) & (grid.scale != 0)
        if ok.sum() <= n + m + 1:
            return None
        try:
            num, den = _minimax_rational(vals[v][ok], y[ok], weight[ok], n, m, lawson_rounds)
            out = list(nodes[: max([v, *(t.s for t in transforms)]) + 1])
            r = fraction(out, num, den, v)
        except (ValueError, np.linalg.LinAlgError, FloatingPointError):
            return None
    for t in reversed(transforms):
        if t.op == "square":
            out.append(Node("mul", (r, r)))
        elif t.op == "mul":
            out.append(Node("mul", (t.s, r)))
        else:
            out += [Node("add", (r, t.s)), Node("sub", (r, t.s))]
            out.append(Node("div", (len(out) - 2, len(out) - 1)))
        r = len(out) - 1
    q = build(out, r)
    return q if math.isfinite(max_error(q, grid)) else None


def peel(p: Program) -> tuple[list[Transform], int]:
    """The output transforms of ``p``, outermost first, and the node they transform.

    >>> from mutation.autonumerics.program import parse_program
    >>> peel(parse_program("t1 = x + 2.0; t2 = 1.0 / t1; t3 = t2 + x; t4 = t2 - x; "
    ...                    "t5 = t3 / t4; t6 = t5 * t5"))
    ([Transform(op='square', s=0), Transform(op='cayley', s=0)], 4)
    """
    nodes = list(p.nodes)
    free = _constant_free(nodes)
    transforms: list[Transform] = []
    top = len(nodes) - 1
    while (peeled := _peel(nodes, free, top)) is not None:
        transforms.append(peeled[0])
        top = peeled[1]
    return transforms, top


def core(p: Program) -> tuple[int, list[int]] | None:
    """The variable ``v`` of the rational core of ``p`` (see :func:`peel`) and the core's
    nodes that use it, or None when the core depends on several constant-free nodes.

    >>> from mutation.autonumerics.program import parse_program
    >>> core(parse_program("t1 = x + 2.0; t2 = 1.0 / t1; t3 = t2 + x; t4 = t2 - x; t5 = t3 / t4"))
    (0, [2])
    """
    nodes = list(p.nodes)
    found = _core(nodes, _constant_free(nodes), peel(p)[1])
    return None if found is None else (found[0], found[1])


def _constant_free(nodes: list[Node]) -> list[bool]:
    """For each node: is it computed from x alone (no constant in its sub-DAG)?"""
    out: list[bool] = []
    for n in nodes:
        out.append(n.op == "x" or (n.op != "const" and all(out[a] for a in n.args)))
    return out


def _peel(nodes: list[Node], free: list[bool], top: int) -> tuple[Transform, int] | None:
    """The output transform at node ``top`` and the node it transforms, if any."""
    n = nodes[top]
    if free[top] or n.op not in ("mul", "div"):
        return None
    a, b = n.args
    if n.op == "mul":
        if a == b:
            return Transform("square"), a
        for r, s in ((a, b), (b, a)):
            if free[s] and not free[r]:
                return Transform("mul", s), r
        return None
    na, nb = nodes[a], nodes[b]
    if na.op == "add" and nb.op == "sub" and nb.args[0] in na.args:
        r, s = nb.args
        if set(na.args) == {r, s} and free[s] and not free[r]:
            return Transform("cayley", s), r
    return None


def _core(nodes: list[Node], free: list[bool], top: int
          ) -> tuple[int, list[int], tuple[int, int]] | None:
    """The variable ``v`` of the core ending at ``top`` (the constant-free node its
    constant-dependent nodes use), the core's nodes using it and its degrees [n/m] in
    ``v``."""
    if free[top] or nodes[top].op == "const":
        return None
    inside = [False] * len(nodes)
    inside[top] = True
    leaves: set[int] = set()
    for i in range(top, -1, -1):
        if inside[i] and not free[i]:
            for a in nodes[i].args:
                if free[a]:
                    leaves.add(a)
                else:
                    inside[a] = True
    if len(leaves) != 1:
        return None
    v = leaves.pop()
    users = [i for i in range(v + 1, top + 1) if inside[i] and not free[i]
             and v in nodes[i].args]
    deg: dict[int, tuple[int, int]] = {v: (1, 0)}
    for i in range(v + 1, top + 1):
        if not inside[i]:
            continue
        n = nodes[i]
        if n.op == "const":
            deg[i] = (0, 0)
            continue
        d = [deg.get(a, (0, 0)) for a in n.args]
        if n.op == "fma":
            d = [(d[0][0] + d[1][0], d[0][1] + d[1][1]), d[2]]
        (na, da), (nb, db) = d[0], d[1]
        if n.op in ("add", "sub", "fma"):
            deg[i] = (max(na + db, nb + da), da + db)
        elif n.op == "mul":
            deg[i] = (na + nb, da + db)
        else:
            deg[i] = (na + db, da + nb)
    return v, users, deg[top]


def _minimax_rational(v: np.ndarray, y: np.ndarray, weight: np.ndarray, n: int, m: int,
                      rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients of an [n/m] rational N/D in ``v`` minimizing ``max weight·|N/D − y|``
    approximately: Sanathanan–Koerner with Lawson's reweighting; the best round is kept."""
    lawson = np.ones_like(y)
    best, best_err = None, math.inf
    num_cols = [v ** j for j in range(n + 1)]
    den_cols = [v ** j for j in range(m + 1)]
    for _ in range(rounds + 1):
        num, den = sanathanan_koerner(num_cols, den_cols, y, weight * np.sqrt(lawson))
        err = weight * np.abs(np.polynomial.polynomial.polyval(v, num)
                              / np.polynomial.polynomial.polyval(v, den) - y)
        top = float(err.max())
        if not math.isfinite(top):
            break
        if top < best_err:
            best, best_err = (num, den), top
        if top == 0:
            break
        lawson = lawson * (err / top + 1e-3)
        lawson /= lawson.mean()
    if best is None:
        raise ValueError("no finite rational fit")
    return best


def evaluate_refit(p: Program, grid: Grid) -> tuple[Program, float]:
    """``p`` or its refit, whichever has the smaller max error on the grid."""
    q = refit(p, grid)
    e = max_error(p, grid)
    if q is not None:
        eq = max_error(q, grid)
        if eq < e:
            return q, eq
    return p, e


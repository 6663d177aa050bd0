"""Classical seeds: rational forms fitted to the target by linearized least squares and
written as the cheapest programs (continued fractions), optionally composed with squarings.

Least-squares fitting of a rational function is nonlinear, but ``N(s) - y D(s) = 0`` is
linear in the coefficients (Loeb's linearization); re-weighting by the previous
denominator (Sanathanan–Koerner iterations) makes it approximate the relative error.
Where gradient steps on a program's constants get lost in the long valleys of rational
parametrizations, this solves for the whole rational at once. The forms:

* ``rational [n/n]``: P(x)/Q(x) ≈ f, as ``a + b/(x + c + d/(x + e))``...;
* ``symmetric [n/n]``: (E(x²) + x O(x²)) / (E(x²) - x O(x²)) ≈ f, written
  ``(G + x) / (G - x)`` with ``G = E/O`` a continued fraction in ``w = x·x`` — the shape
  of the Padé approximants of exp, cheap because numerator and denominator share G;
* ``odd`` x·G(x²) and ``even`` G(x²);
* each of them fitted to f^(1/2^k) and squared k times ("range-reduction-free"
  compositions), when f > 0;
* a zero of f on the grid (log2 at 1, sin at 0) is factored out: the form is fitted to
  f / (x - z) and multiplied by (x - z), since a relative error is finite only where the
  zero is exact.

>>> from mutation.autonumerics.program import cost
>>> from mutation.autonumerics.targets import resolve_target
>>> seeds = classical_seeds(resolve_target("exp2"), (0.0, 1.0), 10)
>>> best = {s.name: s for s in seeds}["symmetric [3/3] squared 3 times"]
>>> cost(best.program)
10
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.polynomial import polynomial as P

from .fit import Grid, max_error
from .program import Node, Program, X, append_horner, build, cost
from .targets import Target


@dataclass(frozen=True)
class Seed:
    """A named program for the initial population."""

    name: str
    program: Program


def classical_seeds(target: Target, interval: tuple[float, float], max_ops: int,
                    fma_cost: int = 2, points: int = 200, squarings: int = 4) -> list[Seed]:
    """Every form of the module docstring whose program costs at most ``max_ops``."""
    grid = Grid.chebyshev(target, interval, points)
    with np.errstate(all="ignore"):
        return _seeds(grid, max_ops, fma_cost, squarings)


def _seeds(grid: Grid, max_ops: int, fma_cost: int, squarings: int) -> list[Seed]:
    x, f = grid.x, grid.f
    zeros = x[f == 0]
    if len(zeros) > 1:
        return []
    out: list[Seed] = []
    for k in range(squarings + 1):
        if k and not np.all(f > 0):
            break
        for name, make in _forms(max_ops):
            try:
                nodes, top = _with_zero(make, x, f ** (1.0 / 2 ** k), zeros)
            except (ValueError, np.linalg.LinAlgError, FloatingPointError):
                continue
            for _ in range(k):
                nodes.append(Node("mul", (top, top)))
                top = len(nodes) - 1
            p = build(nodes, top)
            c = cost(p, fma_cost)
            if 1 <= c <= max_ops and np.isfinite(max_error(p, grid)):
                label = name + (f" squared {k} time{'s' if k > 1 else ''}" if k else "")
                if len(zeros):
                    label = ("x" if zeros[0] == 0 else f"(x - {zeros[0]:g})") + f" · {label}"
                out.append(Seed(label, p))
    return out


def _with_zero(make: Form, x: np.ndarray, y: np.ndarray, zeros: np.ndarray
               ) -> tuple[list[Node], int]:
    """The form fitted to y, or, when y has a zero z on the grid (log2 at 1, sin at 0), to
    y / (x - z) and multiplied by (x - z): a relative error is finite only with an exact
    zero."""
    if not len(zeros):
        return make(x, y)
    z = float(zeros[0])
    keep = x != z
    nodes, top = make(x[keep], y[keep] / (x[keep] - z))
    if z == 0:
        nodes.append(Node("mul", (0, top)))
    else:
        nodes += [Node("const", value=z), Node("sub", (0, len(nodes)))]
        nodes.append(Node("mul", (len(nodes) - 1, top)))
    return nodes, len(nodes) - 1


Form = Callable[[np.ndarray, np.ndarray], tuple[list[Node], int]]


def _forms(max_ops: int) -> list[tuple[str, Form]]:
    forms: list[tuple[str, Form]] = []
    for n in (1, 2, 3):
        forms.append((f"rational [{n}/{n}]", lambda x, y, n=n: _rational_form(x, y, n)))
    for ke, ko in ((1, 0), (1, 1), (2, 1), (2, 2), (3, 2)):
        deg = 2 * max(ke, ko) + (1 if ko >= ke else 0)
        forms.append((f"symmetric [{deg}/{deg}]",
                      lambda x, y, ke=ke, ko=ko: _symmetric_form(x, y, ke, ko)))
    for m, n in ((1, 1), (2, 2)):
        forms.append((f"odd x·R(x²) [{2 * m + 1}/{2 * n}]",
                      lambda x, y, m=m, n=n: _odd_form(x, y, m, n)))
        forms.append((f"even R(x²) [{2 * m}/{2 * n}]",
                      lambda x, y, m=m, n=n: _even_form(x, y, m, n)))
    return forms


# --- linearized least squares -------------------------------------------------------------

def _homogeneous(cols: list[np.ndarray], weight: np.ndarray) -> np.ndarray:
    """The unit vector v minimizing |sum_j v_j cols_j * weight| (columns scaled first)."""
    a = np.stack(cols, axis=1) * weight[:, None]
    scale = np.linalg.norm(a, axis=0)
    if not np.all(np.isfinite(a)) or np.any(scale == 0):
        raise ValueError("degenerate linearized system")
    v = np.linalg.svd(a / scale, full_matrices=False)[2][-1] / scale
    return v


def sanathanan_koerner(num_cols: list[np.ndarray], den_cols: list[np.ndarray], y: np.ndarray,
                       weight: np.ndarray, iterations: int = 4) -> tuple[np.ndarray, np.ndarray]:
    """Sanathanan–Koerner: coefficients n, d with sum n_j N_j ≈ y sum d_j D_j in the
    least-squares sense, the residuals weighted by ``weight`` (``1/|y|`` for relative
    errors) over the previous denominator, so that the fit approaches the weighted error
    of N/D itself.

    >>> x = np.linspace(1.0, 2.0, 50)
    >>> n, d = sanathanan_koerner([x ** 0, x], [x ** 0, x], (1 + 2 * x) / (3 + x), 1 / np.ones(50))
    >>> np.round(n / d[1], 9).tolist(), np.round(d / d[1], 9).tolist()
    ([1.0, 2.0], [3.0, 1.0])
    """
    den = np.ones_like(y)
    k = len(num_cols)
    for _ in range(iterations):
        v = _homogeneous(num_cols + [-y * c for c in den_cols], weight / np.abs(den))
        n, d = v[:k], v[k:]
        den = sum(dj * c for dj, c in zip(d, den_cols))
        if np.any(den == 0) or not np.all(np.isfinite(den)):
            raise ValueError("denominator vanishes")
    return n, d


# --- the forms ------------------------------------------------------------------------------

def _rational_form(x: np.ndarray, y: np.ndarray, n: int) -> tuple[list[Node], int]:
    num, den = sanathanan_koerner([x ** j for j in range(n + 1)],
                                  [x ** j for j in range(n + 1)], y, 1 / np.abs(y))
    nodes = [X]
    return nodes, fraction(nodes, num, den, 0)


def _symmetric_form(x: np.ndarray, y: np.ndarray, ke: int, ko: int
                    ) -> tuple[list[Node], int]:
    w = x * x
    # (E + x O) - y (E - x O) = E (1 - y) + x O (1 + y)
    e_cols = [w ** j * (1 - y) for j in range(ke + 1)]
    o_cols = [x * w ** j * (1 + y) for j in range(ko + 1)]
    den = np.ones_like(y)
    for _ in range(4):
        v = _homogeneous(e_cols + o_cols, 1.0 / np.abs(y * den))
        e, o = v[: ke + 1], v[ke + 1:]
        den = P.polyval(w, e) - x * P.polyval(w, o)
        if np.any(den == 0):
            raise ValueError("denominator vanishes")
    nodes = [X, Node("mul", (0, 0))]
    g = fraction(nodes, e, o, 1)
    nodes += [Node("add", (g, 0)), Node("sub", (g, 0))]
    nodes.append(Node("div", (len(nodes) - 2, len(nodes) - 1)))
    return nodes, len(nodes) - 1


def _odd_form(x: np.ndarray, y: np.ndarray, m: int, n: int) -> tuple[list[Node], int]:
    keep = x != 0
    xs, w = x[keep], x[keep] ** 2
    g = y[keep] / xs
    num, den = sanathanan_koerner([w ** j for j in range(m + 1)], [w ** j for j in range(n + 1)],
                                  g, 1 / np.abs(g))
    nodes = [X, Node("mul", (0, 0))]
    g = fraction(nodes, num, den, 1)
    nodes.append(Node("mul", (0, g)))
    return nodes, len(nodes) - 1


def _even_form(x: np.ndarray, y: np.ndarray, m: int, n: int) -> tuple[list[Node], int]:
    w = x * x
    num, den = sanathanan_koerner([w ** j for j in range(m + 1)], [w ** j for j in range(n + 1)],
                                  y, 1 / np.abs(y))
    nodes = [X, Node("mul", (0, 0))]
    return nodes, fraction(nodes, num, den, 1)


# --- rational functions as continued fractions ------------------------------------------

def _trim(c: np.ndarray) -> np.ndarray:
    c = np.array(c, dtype=float)
    big = np.max(np.abs(c)) if len(c) else 0.0
    while len(c) > 1 and abs(c[-1]) <= 1e-13 * big:
        c = c[:-1]
    return c


def fraction(nodes: list[Node], num: np.ndarray, den: np.ndarray, s: int) -> int:
    """Append nodes computing num(s)/den(s) as a polynomial part plus a continued fraction
    ``b / (s + c + d / (s + e + ...))``; returns the node index of the result."""
    num, den = _trim(num), _trim(den)
    if not (np.all(np.isfinite(num)) and np.all(np.isfinite(den))) or den[-1] == 0:
        raise ValueError("bad rational")
    q, r = P.polydiv(num, den)
    r = _trim(r)
    if len(r) == 1 and abs(r[0]) <= 1e-13 * np.max(np.abs(num)):
        return append_horner(nodes, _trim(q), s)
    # r / den = b / (den / (alpha r)) with the quotient of den / (alpha r) monic
    alpha = den[-1] / r[-1]
    inner = _fraction_monic(nodes, den, alpha * r, s)
    nodes.append(Node("const", value=float(1.0 / alpha)))
    nodes.append(Node("div", (len(nodes) - 1, inner)))
    term = len(nodes) - 1
    if np.all(np.abs(q) == 0):
        return term
    poly = append_horner(nodes, _trim(q), s)
    nodes.append(Node("add", (poly, term)))
    return len(nodes) - 1


def _fraction_monic(nodes: list[Node], num: np.ndarray, den: np.ndarray, s: int) -> int:
    """Like :func:`_fraction` when the quotient num/den is monic of degree >= 1."""
    q, r = P.polydiv(num, den)
    r = _trim(r)
    head = append_horner(nodes, _trim(q), s, monic=True)
    if len(r) == 1 and abs(r[0]) <= 1e-13 * np.max(np.abs(num)):
        return head
    alpha = den[-1] / r[-1]
    inner = _fraction_monic(nodes, den, alpha * r, s)
    nodes.append(Node("const", value=float(1.0 / alpha)))
    nodes.append(Node("div", (len(nodes) - 1, inner)))
    nodes.append(Node("add", (head, len(nodes) - 1)))
    return len(nodes) - 1

"""Classical approximations to compare evolved programs against, built as programs so that
their operations are counted, and their errors measured, exactly like evolved ones.

For every reduction that respects the target's behaviour on the interval
(:mod:`.analysis`: ``f = prefactor · g(v)`` — plain, ``(x - a)·g(x)`` for an exact zero,
``x·g(x²)`` for an odd function, ``g(x²)`` for an even one, ``s·g(s²)`` with
``s = (x - a)/(x + a)`` for a logarithm-like zero):

* minimax polynomial ``P(v)`` for g (discrete Remez exchange, weighted so that the error
  of the whole program is minimax, relative or absolute);
* minimax rational ``P(v)/Q(v)`` (a weighted Sanathanan–Koerner linearized fit, refined
  on the whole program by the fitter: geodesic LM and Lawson);

and, without a reduction (when f has no exact zero or errors are absolute), the textbook
Taylor polynomial and Padé approximant at the midpoint and the Chebyshev interpolant.

Polynomials are evaluated by Horner's rule in ``v``: degree d costs 2d operations (d with
``fma_cost=1``, when each step is one fma). A rational P/Q has a monic Q, so [m/n] costs
2m + 2n (m + n + 1 with fma); the reduction's own operations come on top.

>>> from mutation.autonumerics.targets import resolve_target
>>> p = taylor(resolve_target("exp"), (0.0, 1.0), 3)
>>> cost(p), str(p).count("*")
(6, 3)
>>> odd = Reduction("odd", limit=1.0)          # tanh = x·g(x²)
>>> cost(minimax_polynomial(resolve_target("tanh"), (0.0, 1.0), 2, reduction=odd))
6
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import mpmath
import numpy as np
from numpy.polynomial import chebyshev as C
from numpy.polynomial import polynomial as P

from .analysis import PLAIN, Reduction, reductions
from .fit import Grid, fit, max_error
from .measure import DENSE, Measurement, measure
from .program import Node, Program, X, append_horner, build, cost
from .seeds import sanathanan_koerner
from .targets import Target, reference_values

#: the families without a reduction, in report order
CLASSICAL = ("Taylor", "Padé", "Chebyshev", "minimax polynomial", "minimax rational")


def family_names(reduction: Reduction) -> tuple[str, str]:
    """The names of the minimax polynomial and rational families on ``reduction``.

    >>> family_names(Reduction("odd"))
    ('minimax x·P(x²)', 'minimax x·R(x²)')
    """
    if reduction.kind == "plain":
        return CLASSICAL[3], CLASSICAL[4]
    return f"minimax {reduction.form('P')}", f"minimax {reduction.form('R')}"


# --- programs from coefficients -----------------------------------------------------------

def horner(coeffs: list[float], *, monic: bool = False, fma: bool = False) -> Program:
    """Horner's rule for ``sum(coeffs[k] * x**k)``; with ``monic`` the leading coefficient is
    taken as 1 (and ignored)."""
    nodes: list[Node] = [X]
    append_horner(nodes, list(coeffs), 0, monic=monic, fma=fma)
    return Program(tuple(nodes))


def rational(p: list[float], q: list[float], *, fma: bool = False) -> Program:
    """``P(x) / Q(x)`` with Q monic (``q`` is divided by its leading coefficient)."""
    return reduced_program(PLAIN, lambda nodes, v: _append_rational(nodes, p, q, v, fma))


def _append_rational(nodes: list[Node], p: list[float], q: list[float], var: int,
                     fma: bool) -> int:
    lead = q[-1]
    num = append_horner(nodes, [c / lead for c in p], var, fma=fma)
    den = append_horner(nodes, [c / lead for c in q], var, monic=True, fma=fma)
    nodes.append(Node("div", (num, den)))
    return len(nodes) - 1


def reduced_program(reduction: Reduction, body: Callable[[list[Node], int], int]) -> Program:
    """The program ``prefactor · g(v)`` where ``body(nodes, v)`` appends the nodes of g's
    approximation in the variable node ``v`` and returns its index."""
    nodes: list[Node] = [X]
    v, pre = reduction.head(nodes)
    out = body(nodes, v)
    if pre is not None:
        nodes.append(Node("mul", (pre, out)))
        out = len(nodes) - 1
    return build(nodes, out)


def _shift(coeffs: list, centre: float) -> list[float]:
    """Coefficients in ``x`` of ``sum(coeffs[k] * (x - centre)**k)`` (mpmath arithmetic)."""
    out = [mpmath.mpf(0)] * len(coeffs)
    for k, a in enumerate(coeffs):
        for j in range(k + 1):
            out[j] += a * mpmath.binomial(k, j) * (-centre) ** (k - j)
    return [float(v) for v in out]


# --- the families -------------------------------------------------------------------------

def _taylor_coeffs(target: Target, centre: float, n: int) -> list:
    with mpmath.workdps(40):
        return mpmath.taylor(target.f_mp, mpmath.mpf(centre), n)


def taylor(target: Target, interval: tuple[float, float], degree: int,
           fma: bool = False) -> Program:
    """The Taylor polynomial of ``degree`` at the midpoint."""
    centre = (interval[0] + interval[1]) / 2
    with mpmath.workdps(40):
        return horner(_shift(_taylor_coeffs(target, centre, degree), centre), fma=fma)


def pade(target: Target, interval: tuple[float, float], m: int, n: int,
         fma: bool = False) -> Program:
    """The Padé approximant [m/n] at the midpoint."""
    centre = (interval[0] + interval[1]) / 2
    with mpmath.workdps(40):
        p, q = mpmath.pade(_taylor_coeffs(target, centre, m + n), m, n)
        return rational(_shift(p, centre), _shift(q, centre), fma=fma)


def chebyshev(target: Target, interval: tuple[float, float], degree: int,
              fma: bool = False) -> Program:
    """The interpolant at the ``degree + 1`` Chebyshev points of the first kind."""
    a, b = interval
    t = np.cos((2 * np.arange(degree + 1) + 1) * np.pi / (2 * degree + 2))
    x = a + (b - a) * (t + 1) / 2
    c = C.chebfit(t, reference_values(target, x), degree)
    return horner(_to_x(C.cheb2poly(c), a, b), fma=fma)


def _to_x(power_t: np.ndarray, a: float, b: float) -> list[float]:
    """Monomial coefficients in x of a polynomial given in t = (2x - a - b) / (b - a)."""
    lin = np.array([-(a + b) / (b - a), 2 / (b - a)])
    out = np.zeros(1)
    for k in range(len(power_t) - 1, -1, -1):
        out = P.polyadd(P.polymul(out, lin), [power_t[k]])
    return [float(v) for v in out]


def _reduced_data(target: Target, interval: tuple[float, float], reduction: Reduction,
                  n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``v``, ``g`` and the weights that make ``|P(v) - g|`` the error of the whole
    program (relative or absolute), at ``n`` Chebyshev points of the part of the interval
    on which ``v`` is monotone; points of weight 0 are left out."""
    a, b = reduction.fold(interval)
    x = a + (b - a) * (np.cos(np.linspace(np.pi, 0, n)) + 1) / 2
    x[0], x[-1] = a, b
    with np.errstate(all="ignore"):
        f = np.asarray(target.f(x), dtype=float)
        g = reduction.reduced(x, f)
        w = np.abs(reduction.prefactor(x)) if target.absolute else 1 / np.abs(g)
    keep = np.isfinite(g) & np.isfinite(w) & (w > 0)
    if not keep.sum() > n // 2:
        raise ValueError("the reduced function is not finite")
    return reduction.variable(x)[keep], g[keep], w[keep]


def minimax_polynomial(target: Target, interval: tuple[float, float], degree: int,
                       fma: bool = False, iterations: int = 40,
                       reduction: Reduction = PLAIN) -> Program:
    """``prefactor · P(v)`` with P of ``degree`` minimax for the program's error, by the
    Remez exchange algorithm on a dense grid (Chebyshev basis in v)."""
    v, g, w = _reduced_data(target, interval, reduction, 8192)
    n = degree
    lo, hi = float(v.min()), float(v.max())
    t = (2 * v - lo - hi) / (hi - lo)
    ref = np.unique(np.round(np.linspace(0, len(v) - 1, n + 2)).astype(int))
    c = np.zeros(n + 1)
    for _ in range(iterations):
        mat = np.hstack([C.chebvander(t[ref], n), ((-1.0) ** np.arange(n + 2) / w[ref])[:, None]])
        sol = np.linalg.solve(mat, g[ref])
        c, level = sol[:-1], abs(sol[-1])
        err = w * (C.chebval(t, c) - g)
        new = _alternant(err, n + 2)
        if new is None or np.max(np.abs(err)) <= level * (1 + 1e-9):
            break
        ref = new
    coeffs = _to_x(C.cheb2poly(c), lo, hi)
    return reduced_program(reduction, lambda nodes, var: append_horner(nodes, coeffs, var,
                                                                         fma=fma))


def _alternant(err: np.ndarray, k: int) -> np.ndarray | None:
    """Indices of ``k`` points of alternating sign where |err| is locally largest,
    containing the global maximum (the classical exchange)."""
    sign = np.sign(err)
    sign[sign == 0] = 1
    breaks = np.nonzero(np.diff(sign))[0] + 1
    segments = np.split(np.arange(len(err)), breaks)
    peaks = [int(s[np.argmax(np.abs(err[s]))]) for s in segments]
    while len(peaks) > k:
        vals = np.abs(err[peaks])
        i = int(np.argmin(vals))
        if len(peaks) - k == 1 or i in (0, len(peaks) - 1):
            peaks.pop(0 if vals[0] < vals[-1] else -1)
        else:                        # drop the weakest and merge its (same-sign) neighbours
            j = i - 1 if vals[i - 1] < vals[i + 1] else i + 1
            for idx in sorted((i, j), reverse=True):
                peaks.pop(idx)
    if len(peaks) < k:
        return None
    return np.array(peaks)


def linearized_rational(target: Target, interval: tuple[float, float], m: int, n: int,
                        fma: bool = False, reduction: Reduction = PLAIN) -> Program:
    """``prefactor · P(v)/Q(v)`` by weighted linearized least squares
    (Sanathanan–Koerner), the start of :func:`minimax_rational`."""
    v, g, w = _reduced_data(target, interval, reduction, 4 * (m + n) + 64)
    num, den = sanathanan_koerner([v ** j for j in range(m + 1)],
                                  [v ** j for j in range(n + 1)], g, w)
    if den[-1] == 0:
        raise ValueError("degenerate denominator")
    return reduced_program(reduction, lambda nodes, var: _append_rational(
        nodes, list(num), list(den), var, fma))


def minimax_rational(target: Target, interval: tuple[float, float], m: int, n: int,
                     fma: bool = False, reduction: Reduction = PLAIN,
                     iterations: int = 150, lawson_rounds: int = 12) -> Program:
    """A near-minimax ``prefactor · P(v)/Q(v)`` of type [m/n] for the program's error: the
    better of the linearized fit and (without a reduction) the Padé approximant, refined
    by :func:`fit` (geodesic LM, then Lawson's reweighting towards minimax)."""
    grid = Grid.chebyshev(target, interval, 4 * (m + n) + 64)
    starts = [linearized_rational(target, interval, m, n, fma, reduction)]
    if reduction == PLAIN:
        starts.append(pade(target, interval, m, n, fma))
    start = min(starts, key=lambda p: max_error(p, grid))
    return fit(start, grid, iterations=iterations, lawson_rounds=lawson_rounds, snap=False)[0]


# --- the table ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Baseline:
    """One classical approximation, its cost and measured errors."""

    family: str
    label: str
    program: Program
    cost: int
    measurement: Measurement


@cache
def baseline_programs(target: Target, interval: tuple[float, float], max_ops: int,
                      fma_cost: int = 2) -> tuple[tuple[str, str, Program], ...]:
    """(family, degrees, program) for every family on every reduction of the target
    (:func:`.analysis.reductions`) at every degree whose cost is at most ``max_ops``."""
    fma = fma_cost == 1
    out: list[tuple[str, str, Program]] = []

    def add(family: str, label: str, make: Callable[[], Program]) -> bool:
        """Build and keep the program if it fits the budget; False once it is too dear."""
        try:
            p = make()
        except (ValueError, ZeroDivisionError, np.linalg.LinAlgError,
                mpmath.libmp.NoConvergence):
            return True
        c = cost(p, fma_cost)
        if 1 <= c <= max_ops:
            out.append((family, label, p))
        return c <= max_ops

    for red in reductions(target, interval):
        poly, rat = family_names(red)
        for d in range(0 if red.kind != "plain" else 1, max_ops + 1):
            ok = False
            if red.kind == "plain":
                ok |= add("Taylor", f"degree {d}", lambda d=d: taylor(target, interval, d, fma))
                ok |= add("Chebyshev", f"degree {d}",
                          lambda d=d: chebyshev(target, interval, d, fma))
            ok |= add(poly, f"degree {d}", lambda d=d, red=red: minimax_polynomial(
                target, interval, d, fma, reduction=red))
            if not ok:
                break
        for m, n in _rational_degrees(max_ops, fma):
            try:        # the linearized start is cheap and costs what the fit will
                dear = cost(linearized_rational(target, interval, m, n, fma, red),
                            fma_cost) > max_ops
            except (ValueError, np.linalg.LinAlgError):
                continue
            if dear:
                continue
            if red.kind == "plain":
                add("Padé", f"[{m}/{n}]", lambda m=m, n=n: pade(target, interval, m, n, fma))
            add(rat, f"[{m}/{n}]", lambda m=m, n=n, red=red: minimax_rational(
                target, interval, m, n, fma, red))
    return tuple(out)


def baselines(target: Target, interval: tuple[float, float], max_ops: int, *,
              fma_cost: int = 2, confirm: bool = True, float32: bool = False,
              dense: int = DENSE) -> list[Baseline]:
    """Every program of :func:`baseline_programs`, measured (float32 ULPs too with
    ``float32``)."""
    return [Baseline(fam, label, p, cost(p, fma_cost),
                     measure(p, target, interval, dense=dense, confirm=confirm,
                             confirm_points=257, float32_points=(1 << 16) if float32 else 0))
            for fam, label, p in baseline_programs(target, interval, max_ops, fma_cost)]


def _rational_degrees(max_ops: int, fma: bool) -> list[tuple[int, int]]:
    out = []
    for n in range(1, max_ops + 1):
        for m in range(0, max_ops + 1):
            c = (m + n + 1) if fma else (2 * m + 2 * n)
            if c <= max_ops:
                out.append((m, n))
    return out


def families(table: list[Baseline]) -> list[str]:
    """The families of the table in report order: the classical ones, then the others as
    they first appear."""
    present = list(dict.fromkeys(b.family for b in table))
    return [f for f in CLASSICAL if f in present] + [f for f in present if f not in CLASSICAL]


def best_per_cost(table: list[Baseline], max_ops: int, float32: bool = False
                  ) -> dict[str, dict[int, Baseline]]:
    """For each family and each cost 1..max_ops, the most accurate entry costing at most
    that much (by the float64 error, or float32 ULPs)."""
    out: dict[str, dict[int, Baseline]] = {}
    for fam in families(table):
        entries = [b for b in table if b.family == fam]
        row: dict[int, Baseline] = {}
        for c in range(1, max_ops + 1):
            ok = [b for b in entries if b.cost <= c and math.isfinite(baseline_error(b, float32))]
            if ok:
                row[c] = min(ok, key=lambda b: (baseline_error(b, float32), b.cost))
        out[fam] = row
    return out


def baseline_error(b: Baseline, float32: bool = False) -> float:
    """The error a baseline is compared by: ULPs in float32 mode, else the float64 error
    (the program as written, against the reference)."""
    if float32:
        return b.measurement.ulp32 if b.measurement.ulp32 is not None else math.inf
    return b.measurement.error

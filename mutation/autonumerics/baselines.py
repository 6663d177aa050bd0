"""Classical approximations to compare evolved programs against, built as programs so that
their operations are counted, and their errors measured, exactly like evolved ones.

* Taylor polynomial at the midpoint of the interval;
* Padé approximant [m/n] at the midpoint;
* Chebyshev interpolant (at Chebyshev points of the first kind);
* minimax polynomial for the relative error (Remez exchange);
* minimax rational function for the relative error (from the Padé approximant and a
  linearized least-squares fit, refined by the program fitter: geodesic LM and Lawson).

Polynomials are evaluated by Horner's rule in ``x``: degree d costs 2d operations (d with
``fma_cost=1``, when each step is one fma). A rational P/Q has a monic Q, so [m/n] costs
2m + 2n (m + n + 1 with fma).

>>> from mutation.autonumerics.targets import resolve_target
>>> p = taylor(resolve_target("exp"), (0.0, 1.0), 3)
>>> cost(p), str(p).count("*")
(6, 3)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import mpmath
import numpy as np
from numpy.polynomial import chebyshev as C
from numpy.polynomial import polynomial as P

from .fit import Grid, fit
from .measure import Measurement, measure
from .program import Node, Program, X, append_horner, cost
from .targets import Target, reference_values

FAMILIES = ("Taylor", "Padé", "Chebyshev", "minimax polynomial", "minimax rational")


# --- programs from coefficients -----------------------------------------------------------

def horner(coeffs: list[float], *, monic: bool = False, fma: bool = False) -> Program:
    """Horner's rule for ``sum(coeffs[k] * x**k)``; with ``monic`` the leading coefficient is
    taken as 1 (and ignored)."""
    nodes: list[Node] = [X]
    append_horner(nodes, list(coeffs), 0, monic=monic, fma=fma)
    return Program(tuple(nodes))


def rational(p: list[float], q: list[float], *, fma: bool = False) -> Program:
    """``P(x) / Q(x)`` with Q monic (``q`` is divided by its leading coefficient)."""
    lead = q[-1]
    nodes: list[Node] = [X]
    num = append_horner(nodes, [v / lead for v in p], 0, fma=fma)
    den = append_horner(nodes, [v / lead for v in q], 0, monic=True, fma=fma)
    nodes.append(Node("div", (num, den)))
    return Program(tuple(nodes))


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


def minimax_polynomial(target: Target, interval: tuple[float, float], degree: int,
                       fma: bool = False, iterations: int = 40) -> Program:
    """The minimax polynomial for the relative error, by the Remez exchange algorithm
    (Chebyshev basis; extrema located on a dense grid)."""
    a, b = interval
    n = degree
    grid_t = np.cos(np.linspace(np.pi, 0, 8192))
    grid_x = a + (b - a) * (grid_t + 1) / 2
    fx = target.f(grid_x)
    if np.any(fx == 0):
        raise ValueError("the relative minimax polynomial needs a target without zeros")
    ref = np.cos(np.linspace(np.pi, 0, n + 2))
    c = np.zeros(n + 1)
    for _ in range(iterations):
        xr = a + (b - a) * (ref + 1) / 2
        fr = target.f(xr)
        mat = np.hstack([C.chebvander(ref, n), ((-1.0) ** np.arange(n + 2) * fr)[:, None]])
        sol = np.linalg.solve(mat, fr)
        c, level = sol[:-1], abs(sol[-1])
        err = (C.chebval(grid_t, c) - fx) / fx
        new = _alternant(grid_t, err, n + 2)
        if new is None:
            break
        if np.max(np.abs(err)) <= level * (1 + 1e-9):
            ref = new
            break
        ref = new
    return horner(_to_x(C.cheb2poly(c), a, b), fma=fma)


def _alternant(t: np.ndarray, err: np.ndarray, k: int) -> np.ndarray | None:
    """``k`` points of alternating sign where |err| is locally largest, containing the
    global maximum (the classical exchange)."""
    sign = np.sign(err)
    sign[sign == 0] = 1
    breaks = np.nonzero(np.diff(sign))[0] + 1
    segments = np.split(np.arange(len(t)), breaks)
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
    return t[peaks]


def minimax_rational(target: Target, interval: tuple[float, float], m: int, n: int,
                     fma: bool = False) -> Program:
    """A near-minimax rational [m/n] for the relative error: the better of the Padé
    approximant and a linearized least-squares fit, refined by :func:`fit`."""
    grid = Grid.chebyshev(target, interval, 4 * (m + n) + 64)
    starts = [pade(target, interval, m, n, fma), _linearized(grid, m, n, fma)]
    best, best_e = None, math.inf
    for s in starts:
        q, e = fit(s, grid, iterations=400, lawson_rounds=30, snap=False)
        if e < best_e:
            best, best_e = q, e
    return best if best is not None else starts[0]


def _linearized(grid: Grid, m: int, n: int, fma: bool) -> Program:
    """Least squares for P - f Q = 0 with Q monic, weighted by 1/f (Loeb's linearization)."""
    keep = grid.f != 0
    x, f = grid.x[keep], grid.f[keep]
    cols = [x ** j / f for j in range(m + 1)] + [-(x ** j) for j in range(n)]
    a = np.stack(cols, axis=1)
    if not np.all(np.isfinite(a)):
        raise ValueError("non-finite linearized system")
    sol = np.linalg.lstsq(a, x ** n, rcond=None)[0]
    return rational(list(sol[: m + 1]), [*sol[m + 1:], 1.0], fma=fma)


# --- the table ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Baseline:
    """One classical approximation, its cost and measured errors."""

    family: str
    label: str
    program: Program
    cost: int
    measurement: Measurement


def baselines(target: Target, interval: tuple[float, float], max_ops: int, *,
              fma_cost: int = 2, confirm: bool = True, float32: bool = False
              ) -> list[Baseline]:
    """Every family at every degree whose cost is at most ``max_ops``, measured."""
    fma = fma_cost == 1
    per_degree = 1 if fma else 2
    out: list[Baseline] = []

    def add(family: str, label: str, build: Callable[[], Program]) -> None:
        try:
            p = build()
        except (ValueError, ZeroDivisionError, np.linalg.LinAlgError, mpmath.libmp.NoConvergence):
            return
        c = cost(p, fma_cost)
        if 1 <= c <= max_ops:
            m = measure(p, target, interval, confirm=confirm, confirm_points=257,
                        float32_points=(1 << 16) if float32 else 0)
            out.append(Baseline(family, label, p, c, m))

    for d in range(1, max_ops // per_degree + 1):
        add("Taylor", f"degree {d}", lambda d=d: taylor(target, interval, d, fma))
        add("Chebyshev", f"degree {d}", lambda d=d: chebyshev(target, interval, d, fma))
        add("minimax polynomial", f"degree {d}",
            lambda d=d: minimax_polynomial(target, interval, d, fma))
    for m_, n_ in _rational_degrees(max_ops, fma):
        add("Padé", f"[{m_}/{n_}]", lambda m_=m_, n_=n_: pade(target, interval, m_, n_, fma))
        add("minimax rational", f"[{m_}/{n_}]",
            lambda m_=m_, n_=n_: minimax_rational(target, interval, m_, n_, fma))
    return out


def _rational_degrees(max_ops: int, fma: bool) -> list[tuple[int, int]]:
    out = []
    for n in range(1, max_ops + 1):
        for m in range(0, max_ops + 1):
            c = (m + n + 1) if fma else (2 * m + 2 * n)
            if c <= max_ops:
                out.append((m, n))
    return out


def best_per_cost(table: list[Baseline], max_ops: int, float32: bool = False
                  ) -> dict[str, dict[int, Baseline]]:
    """For each family and each cost 1..max_ops, the most accurate entry costing at most
    that much (by confirmed error when there is one)."""
    def err(b: Baseline) -> float:
        return baseline_error(b, float32)

    out: dict[str, dict[int, Baseline]] = {}
    for fam in FAMILIES:
        entries = [b for b in table if b.family == fam]
        row: dict[int, Baseline] = {}
        for c in range(1, max_ops + 1):
            ok = [b for b in entries if b.cost <= c and math.isfinite(err(b))]
            if ok:
                row[c] = min(ok, key=lambda b: (err(b), b.cost))
        out[fam] = row
    return out


def baseline_error(b: Baseline, float32: bool = False) -> float:
    """The error a baseline is compared by: ULPs in float32 mode, else the confirmed
    relative error (float64 when no reference)."""
    if float32:
        return b.measurement.ulp32 if b.measurement.ulp32 is not None else math.inf
    mm = b.measurement
    return mm.error_mp if mm.error_mp is not None else mm.error



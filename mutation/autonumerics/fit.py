"""Fitting a program's constants for the minimax error (relative, or absolute with
``--error abs``) on a grid.

Two stages: least squares on the relative residuals by Levenberg–Marquardt with geodesic
acceleration (analytic Jacobian, :func:`geodesic_lm`), then Lawson's iteratively
reweighted least squares, which moves weight onto the worst points until the
least-squares fit is the minimax fit.
Constants close to simple values (integers, halves, quarters) are then snapped when that
does not hurt, so that exact zeros (``x - 1`` for log2 on [1, 2]) stay exact.

>>> from mutation.autonumerics.program import parse_program
>>> from mutation.autonumerics.targets import resolve_target
>>> grid = Grid.chebyshev(resolve_target("exp"), (0.0, 1.0), 64)
>>> fitted, err = fit(parse_program("t1 = x * 0.5; t2 = t1 + 1.0"), grid, lawson_rounds=20)
>>> round(err, 3)      # the best line for e^x on [0, 1], relative error
0.062
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .program import Program, evaluate, evaluate_with_jacobian
from .targets import Target, reference_values


@dataclass(frozen=True)
class Grid:
    """Points ``x`` with reference values ``f`` (float64, correctly rounded when possible)
    and the ``scale`` an error is divided by there (``|f|``, or 1 for absolute errors)."""

    x: np.ndarray
    f: np.ndarray
    scale: np.ndarray

    @staticmethod
    def chebyshev(target: Target, interval: tuple[float, float], n: int,
                  exact: bool = True) -> Grid:
        """``n`` Chebyshev points of the second kind (endpoints included) on the interval."""
        a, b = interval
        x = np.sort(a + (b - a) * (1 - np.cos(np.linspace(0.0, np.pi, n))) / 2)
        x[0], x[-1] = a, b
        return Grid.at(target, x, exact)

    @staticmethod
    def at(target: Target, x: np.ndarray, exact: bool = True) -> Grid:
        """The grid of the points ``x``."""
        f = reference_values(target, x) if exact else target.f(x)
        return Grid(x, f, target.scale(f))

    def subset(self, keep: np.ndarray) -> Grid:
        """The points where ``keep`` is true."""
        return Grid(self.x[keep], self.f[keep], self.scale[keep])


def scaled_error(values: np.ndarray, reference: np.ndarray, scale: np.ndarray,
                 lo: np.ndarray | float = 0.0) -> np.ndarray:
    """``|p - f| / scale`` with ``f = reference + lo`` (a float64 pair, see
    :func:`.targets.reference_pair`); where the scale is 0 (a zero of f, relative errors)
    it is 0 if ``p == f`` exactly, else infinite; non-finite values give infinity.

    >>> scaled_error(np.array([1.5, 0.0, 1e-300]), np.array([1.0, 0.0, 0.0]),
    ...              np.array([1.0, 0.0, 0.0])).tolist()
    [0.5, 0.0, inf]
    """
    with np.errstate(all="ignore"):
        err = np.abs((values - reference) - lo) / scale
    zero = scale == 0
    if zero.any():
        err[zero] = np.where(values[zero] == reference[zero], 0.0, np.inf)
    err[~np.isfinite(err)] = np.inf
    return err


def max_error(p: Program, grid: Grid) -> float:
    """Maximum error of ``p`` over the grid (infinite for non-finite values)."""
    return float(scaled_error(evaluate(p, grid.x), grid.f, grid.scale).max())


def fit(p: Program, grid: Grid, *, iterations: int = 60, lawson_rounds: int = 0,
        lawson_iterations: int = 25, snap: bool = True) -> tuple[Program, float]:
    """Fit the constants of ``p`` by ``iterations`` steps of geodesic Levenberg–Marquardt
    and then ``lawson_rounds`` rounds of Lawson reweighting; returns the fitted program and
    its max error on the grid (never worse than the start)."""
    if not p.constants():
        return p, max_error(p, grid)
    data = grid.subset(grid.scale != 0)
    best_p, best_e = p, max_error(p, grid)
    c = geodesic_lm(p, data, np.array(p.constants()), np.ones(len(data.x)), iterations)
    q = p.with_constants(c)
    e = max_error(q, grid)
    if e < best_e:
        best_p, best_e = q, e
    if lawson_rounds and np.isfinite(best_e):
        best_p, best_e = _lawson(best_p, data, grid, best_e, lawson_rounds, lawson_iterations)
    if snap:
        best_p, best_e = _snap(best_p, data, grid, best_e, iterations)
    return best_p, best_e


def _residuals(p: Program, data: Grid, c: np.ndarray, sw: np.ndarray) -> np.ndarray:
    return (evaluate(p, data.x, constants=c) - data.f) * (sw / data.scale)


def geodesic_lm(p: Program, data: Grid, c0: np.ndarray, sw: np.ndarray, iterations: int,
                free: np.ndarray | None = None) -> np.ndarray:
    """Levenberg–Marquardt with geodesic acceleration (Transtrum & Sethna 2012) on the
    scaled residuals (relative or absolute) weighted by ``sw``, over the constants where
    ``free`` is true.

    Rational programs are "sloppy" (their constants slide along long curved valleys); the
    acceleration term, a second directional derivative along the step, lets the steps
    follow the valley. Steps are solved as augmented least-squares problems (SVD), never
    through the normal equations. Returns the best constants seen.
    """
    free = np.ones(len(c0), bool) if free is None else free
    c = c0.astype(float).copy()
    inv = sw / data.scale
    with np.errstate(all="ignore"):
        v, jac = evaluate_with_jacobian(p, data.x, c)
        r = (v - data.f) * inv
        jac = jac[:, free] * inv[:, None]
    if not (np.all(np.isfinite(r)) and np.all(np.isfinite(jac))):
        return c
    cost = float(r @ r)
    lam, k = 1e-3, int(free.sum())
    # column scales as in MINPACK: the largest column norms seen, 1 for a column that
    # starts at zero (a constant multiplied by a new 0 coefficient keeps a sane scale)
    norms = np.einsum("ij,ij->j", jac, jac)
    scale = np.where(norms > 0, norms, 1.0)
    zeros = np.zeros(k)
    stalled = 0
    for _ in range(iterations):
        scale = np.maximum(scale, np.einsum("ij,ij->j", jac, jac))
        cols = np.sqrt(scale)                      # solve in column-scaled variables
        a = np.vstack([jac / cols, np.sqrt(lam) * np.eye(k)])
        if not np.all(np.isfinite(a)):
            break
        try:
            v1 = np.linalg.lstsq(a, np.concatenate([-r, zeros]), rcond=1e-300)[0] / cols
            h = 0.1
            trial = c.copy()
            trial[free] += h * v1
            with np.errstate(all="ignore"):
                rh = _residuals(p, data, trial, sw)
                rvv = (2 / h) * ((rh - r) / h - jac @ v1)
            if not np.all(np.isfinite(rvv)):
                rvv = np.zeros_like(r)
            a2 = np.linalg.lstsq(a, np.concatenate([-0.5 * rvv, zeros]), rcond=1e-300)[0] / cols
        except np.linalg.LinAlgError:
            break
        # the accelerated step when the acceleration is small, else (or when it fails)
        # the plain one: near the optimum the finite-difference acceleration is noise
        steps = [v1 + a2, v1] if np.linalg.norm(a2) <= 0.75 * np.linalg.norm(v1) else [v1]
        accepted = False
        for step in steps:
            trial = c.copy()
            trial[free] += step
            with np.errstate(all="ignore"):
                rn = _residuals(p, data, trial, sw)
            new_cost = float(rn @ rn)
            if not (np.isfinite(new_cost) and new_cost < cost):
                continue
            with np.errstate(all="ignore"):
                j_new = evaluate_with_jacobian(p, data.x, trial)[1][:, free] * inv[:, None]
            if np.all(np.isfinite(j_new)):
                improvement = (cost - new_cost) / cost
                c, r, jac, cost = trial, rn, j_new, new_cost
                lam = max(lam / 3, 1e-15)
                accepted = True
                break
        if accepted:
            stalled = stalled + 1 if improvement < 1e-12 else 0
            if stalled >= 5:
                break
            continue
        lam *= 2
        if lam > 1e16:
            break
    return c


def _lawson(p: Program, data: Grid, grid: Grid, err: float, rounds: int, iterations: int
            ) -> tuple[Program, float]:
    """Lawson's algorithm: reweight by the current error and refit, keep the best."""
    w = np.ones(len(data.x))
    best_p, best_e, q = p, err, p
    for _ in range(rounds):
        r = scaled_error(evaluate(q, data.x), data.f, data.scale)
        if not np.all(np.isfinite(r)) or r.max() == 0:
            break
        w = w * (r / r.max() + 1e-3)
        w /= w.mean()
        q = q.with_constants(geodesic_lm(q, data, np.array(q.constants()), np.sqrt(w),
                                         iterations))
        e = max_error(q, grid)
        if e < best_e:
            best_p, best_e = q, e
    return best_p, best_e


_SIMPLE = (1, 2, 4)   # denominators of the simple values constants are snapped to


def _snap(p: Program, data: Grid, grid: Grid, err: float, iterations: int
          ) -> tuple[Program, float]:
    """Snap constants lying within 1e-7 of a simple value k/d, refitting the others; keep a
    snap when the error does not grow by more than 1%."""
    c = np.array(p.constants())
    for i, v in enumerate(c):
        if not abs(v) < 1e6:
            continue
        target = next((round(v * d) / d for d in _SIMPLE
                       if abs(v * d - round(v * d)) <= 1e-7 * max(1.0, abs(v * d))), None)
        if target is None or target == v:
            continue
        trial = c.copy()
        trial[i] = target
        free = np.arange(len(c)) != i
        refit = geodesic_lm(p, data, trial, np.ones(len(data.x)), iterations, free)
        q = p.with_constants(refit)
        e = max_error(q, grid)
        if e <= err * 1.01:
            p, err, c = q, min(e, err), refit
    return p, err

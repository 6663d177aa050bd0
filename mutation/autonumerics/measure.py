"""Honest error measurement of a program against its target.

* float64: maximum relative error over a dense grid, refined by a bounded scalar search
  around the worst grid points; where a denominator vanishes (found by bisection between
  grid points) the error is also taken at and around the zero, so that a pole shows as an
  infinite error while a harmless zero (``c / (x - r)`` inside a continued fraction) does
  not.
* high precision: the program evaluated in mpmath with its constants taken exactly (real
  arithmetic), against the mpmath reference, on a grid plus fine local grids around the
  float64 worst points: this is the *confirmed* error.
* float32: the program in float32 arithmetic (constants rounded to float32), error in
  float32 ULPs of the reference, over many float32 inputs.

>>> from mutation.autonumerics.program import parse_program
>>> from mutation.autonumerics.targets import resolve_target
>>> m = measure(parse_program("t1 = x * 0.5; t2 = t1 + 1.0"), resolve_target("exp"), (0, 1))
>>> round(m.error, 4), round(m.error_mp, 4), m.pole
(0.4482, 0.4482, False)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import numpy as np
from scipy.optimize import minimize_scalar

from .fit import relative_error
from .program import Program, evaluate, evaluate_mp, node_values
from .targets import Target


@dataclass(frozen=True)
class Measurement:
    """Errors of one program: float64 (``error`` at ``at``), confirmed in mpmath
    (``error_mp`` at ``at_mp``; None when the target has no mpmath reference or it was not
    asked for), whether a pole lies in the interval, and float32 ULPs when asked for."""

    error: float
    at: float
    error_mp: float | None = None
    at_mp: float | None = None
    pole: bool = False
    ulp32: float | None = None
    ulp32_at: float | None = None


def measure(p: Program, target: Target, interval: tuple[float, float], *,
            dense: int = 1 << 14, refine: int = 8, confirm: bool = True, dps: int = 40,
            confirm_points: int = 1025, float32_points: int = 0) -> Measurement:
    """Measure ``p`` on the interval (see the module docstring)."""
    a, b = float(interval[0]), float(interval[1])
    grid = np.linspace(a, b, dense)
    near = near_singular(p, grid)
    x = np.union1d(grid, near)
    err = relative_error(evaluate(p, x), target.f(x))
    pole = bool(len(near)) and not float(relative_error(
        evaluate(p, near), target.f(near)).max()) < 1.0
    worst, at = _refine(p, target, x, err, refine)
    error_mp = at_mp = None
    if confirm and target.has_reference:
        centres = [at, *(float(x[i]) for i in _peaks(err, refine))]
        error_mp, at_mp = confirm_mp(p, target, (a, b), centres, dps, confirm_points,
                                     (b - a) / (dense - 1), [float(t) for t in near])
    ulp = ulp_at = None
    if float32_points:
        ulp, ulp_at = max_ulp_error32(p, target, (a, b), float32_points)
    return Measurement(worst, at, error_mp, at_mp, pole, ulp, ulp_at)


def near_singular(p: Program, x: np.ndarray, limit: int = 20) -> np.ndarray:
    """Inputs at and around the points of the sorted grid ``x`` where some denominator
    vanishes (its zeros on the grid and its sign changes, located by bisection): a
    denominator may vanish harmlessly (``c / (x - r)`` feeding ``d / (... + c/(x - r))``)
    or at a pole; the error there tells which."""
    vals = node_values(p, x)
    roots: list[float] = []
    for n in p.nodes:
        if n.op != "div":
            continue
        d = vals[n.args[1]]
        roots += [float(t) for t in x[d == 0]]
        for i in np.nonzero(np.sign(d[:-1]) * np.sign(d[1:]) < 0)[0][:limit]:
            roots.append(_bisect(p, n.args[1], float(x[i]), float(x[i + 1])))
    if not roots:
        return np.array([])
    a, b = float(x[0]), float(x[-1])
    offsets = np.concatenate([[0.0], np.logspace(-15, -3, 13), -np.logspace(-15, -3, 13)])
    pts = np.concatenate([r + offsets * max(1.0, abs(r)) for r in roots])
    return np.unique(np.clip(pts, a, b))


def _bisect(p: Program, node: int, lo: float, hi: float) -> float:
    """A root of node ``node``'s value between ``lo`` and ``hi`` (opposite signs)."""
    def sign(t: float) -> float:
        return float(np.sign(node_values(p, np.array([t]))[node][0]))

    s_lo = sign(lo)
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        s = sign(mid)
        if s == 0:
            return mid
        if s == s_lo:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def singular_error(p: Program, target: Target, x: np.ndarray) -> float:
    """Max relative error of ``p`` near the vanishing denominators on the grid ``x`` (0 if
    there are none): what a grid alone misses at a pole."""
    near = near_singular(p, x)
    if not len(near):
        return 0.0
    return float(relative_error(evaluate(p, near), target.f(near)).max())


def _peaks(err: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest local maxima of ``err`` (endpoints count)."""
    inner = (err[1:-1] >= err[:-2]) & (err[1:-1] >= err[2:])
    idx = np.concatenate([[0], np.nonzero(inner)[0] + 1, [len(err) - 1]])
    idx = idx[np.argsort(-err[idx], kind="stable")]
    return [int(i) for i in idx[:k]]


def _refine(p: Program, target: Target, x: np.ndarray, err: np.ndarray, k: int
            ) -> tuple[float, float]:
    """Maximise the float64 error near the ``k`` worst grid maxima."""
    def e(t: float) -> float:
        v = relative_error(evaluate(p, np.array([t])), target.f(np.array([t])))[0]
        return float(v)

    best, at = float(err.max()), float(x[int(np.argmax(err))])
    for i in _peaks(err, k):
        lo, hi = float(x[max(i - 1, 0)]), float(x[min(i + 1, len(x) - 1)])
        res = minimize_scalar(lambda t: -e(t), bounds=(lo, hi), method="bounded",
                              options={"xatol": 1e-15 * max(1.0, abs(hi))})
        if -res.fun > best:
            best, at = float(-res.fun), float(res.x)
    return best, at


def rel_error_mp(p: Program, target: Target, t: float) -> mpmath.mpf:
    """Relative error at ``t`` in mpmath at the current precision."""
    ref = target.f_mp(mpmath.mpf(t))
    val = evaluate_mp(p, mpmath.mpf(t))
    if ref == 0:
        return mpmath.mpf(0) if val == 0 else mpmath.inf
    return abs(val - ref) / abs(ref)


def confirm_mp(p: Program, target: Target, interval: tuple[float, float],
               centres: list[float], dps: int = 40, points: int = 1025,
               spacing: float = 1e-4, extra: list[float] = ()) -> tuple[float, float]:
    """Max relative error in mpmath over an even grid, fine grids around ``centres`` and
    the ``extra`` points."""
    a, b = interval
    xs = [float(t) for t in np.linspace(a, b, points)] + list(extra)
    for c in centres:
        xs += [float(t) for t in np.linspace(max(a, c - spacing), min(b, c + spacing), 41)]
    best, at = -1.0, a
    with mpmath.workdps(dps):
        for t in sorted(set(xs)):
            e = float(rel_error_mp(p, target, t))
            if e > best or math.isnan(e):
                best, at = (math.inf if math.isnan(e) else e), t
    return best, at


def ulp32(reference: np.ndarray) -> np.ndarray:
    """The float32 ULP at each (float64) reference value: the gap above |y| rounded to
    float32 (the smallest subnormal gap at 0)."""
    return np.spacing(np.abs(reference.astype(np.float32))).astype(np.float64)


def ulp_error32(p: Program, x32: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """ULP errors of ``p`` run in float32 at float32 inputs ``x32``."""
    q = p.with_constants([float(np.float32(c)) for c in p.constants()])
    v = evaluate(q, x32, np.float32).astype(np.float64)
    with np.errstate(all="ignore"):
        e = np.abs(v - reference) / ulp32(reference)
    e[~np.isfinite(e)] = np.inf
    return e


def float32_points(interval: tuple[float, float], n: int) -> np.ndarray:
    """``n`` float32 inputs: half evenly spaced in value, half evenly spaced in the float32
    bit patterns of the interval (so small magnitudes are covered), endpoints included."""
    a, b = np.float32(interval[0]), np.float32(interval[1])
    even = np.linspace(a, b, n // 2 + 2).astype(np.float32)
    if a >= 0:
        lo, hi = np.array([a, b], dtype=np.float32).view(np.int32)
        bits = np.linspace(lo, hi, n // 2).astype(np.int32).view(np.float32)
        even = np.concatenate([even, bits])
    return np.unique(np.clip(even, a, b))


def max_ulp_error32(p: Program, target: Target, interval: tuple[float, float], n: int
                    ) -> tuple[float, float]:
    """Largest float32 ULP error over :func:`float32_points` (reference in float64)."""
    x32 = float32_points(interval, n)
    e = ulp_error32(p, x32, target.f(x32.astype(np.float64)))
    i = int(np.argmax(e))
    return float(e[i]), float(x32[i])

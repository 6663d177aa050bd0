"""Honest error measurement of a program against its target.

* float64 (the headline): the program *as written*, run in float64, against the mpmath
  reference (float64 pairs ``hi + lo``, so the reference adds no error of its own), the
  maximum over a dense even grid, fine grids in the cells of its worst points, and the
  inputs next to vanishing denominators (found by bisection between grid points), so that
  a pole shows as an infinite error while a harmless zero (``c / (x - r)`` inside a
  continued fraction) does not. The argument of the maximum is kept.
* exact arithmetic: the program evaluated in mpmath with its constants taken exactly,
  against the reference, on an even grid, the fine grids and the points next to vanishing
  denominators: the error of the approximation itself, without rounding.
* float32: the program in float32 arithmetic (constants rounded to float32), error in
  float32 ULPs of the reference, and the fraction of correctly rounded results, over
  many float32 inputs.

Errors are relative, or absolute for a target with ``absolute`` (``--error abs``).

>>> from mutation.autonumerics.program import parse_program
>>> from mutation.autonumerics.targets import resolve_target
>>> m = measure(parse_program("t1 = x * 0.5; t2 = t1 + 1.0"), resolve_target("exp"), (0, 1),
...             dense=257)
>>> round(m.error, 4), round(m.error_mp, 4), m.pole, m.points > 257
(0.4482, 0.4482, False, True)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import mpmath
import numpy as np

from .fit import scaled_error
from .program import Program, evaluate, evaluate_mp, node_values
from .targets import Target, reference_pair


@dataclass(frozen=True)
class Measurement:
    """Errors of one program: float64 (``error`` at ``at``, the maximum over ``points``
    inputs), in exact arithmetic (``error_mp`` at ``at_mp``; None when the target has no
    mpmath reference or it was not asked for), whether a pole lies in the interval, and in
    float32 when asked for: ULPs (``ulp32`` at ``ulp32_at``) and the fraction of
    correctly rounded results (``cr32``)."""

    error: float
    at: float
    points: int = 0
    error_mp: float | None = None
    at_mp: float | None = None
    pole: bool = False
    ulp32: float | None = None
    ulp32_at: float | None = None
    cr32: float | None = None


#: evenly spaced inputs of a measurement (fine grids around the worst ones come on top);
#: their mpmath references are computed once per target and interval
DENSE = 1 << 13


@lru_cache(maxsize=32)
def dense_reference(target: Target, a: float, b: float, n: int
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``n`` evenly spaced inputs of [a, b] and the reference there (``hi``, ``lo``); shared
    by every program measured on the same grid."""
    x = np.linspace(a, b, n)
    return (x, *reference_pair(target, x))


def measure(p: Program, target: Target, interval: tuple[float, float], *,
            dense: int = DENSE, refine: int = 8, local: int = 64, confirm: bool = True,
            dps: int = 40, confirm_points: int = 1025, float32_points: int = 0
            ) -> Measurement:
    """Measure ``p`` on the interval (see the module docstring): ``dense`` grid points,
    ``local`` more in the two cells around each of the ``refine`` worst of them."""
    a, b = float(interval[0]), float(interval[1])
    x, hi, lo = dense_reference(target, a, b, dense)
    err = scaled_error(evaluate(p, x), hi, target.scale(hi), lo)
    near = near_singular(p, x)
    h = (b - a) / (dense - 1)
    peaks = _peaks(err, refine)
    extra = np.unique(np.concatenate(
        [near, *(np.linspace(max(a, x[i] - h), min(b, x[i] + h), local) for i in peaks)]))
    ehi, elo = reference_pair(target, extra)
    eerr = scaled_error(evaluate(p, extra), ehi, target.scale(ehi), elo)
    xs, errs = np.concatenate([x, extra]), np.concatenate([err, eerr])
    worst = int(np.argmax(errs))
    pole = bool(len(near)) and not float(eerr[np.isin(extra, near)].max()) < 1.0
    error_mp = at_mp = None
    if confirm and target.has_reference:
        # the even grid's subset and the extra points, whose references are known
        sub = np.unique(np.round(np.linspace(0, dense - 1, confirm_points)).astype(int))
        error_mp, at_mp = confirm_mp(p, target, np.concatenate([x[sub], extra]),
                                     np.concatenate([hi[sub], ehi]),
                                     np.concatenate([lo[sub], elo]), dps)
    ulp = ulp_at = cr = None
    if float32_points:
        ulp, ulp_at, cr = float32_errors(p, target, (a, b), float32_points)
    return Measurement(float(errs[worst]), float(xs[worst]), len(xs), error_mp, at_mp, pole,
                       ulp, ulp_at, cr)


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
    return sign_change(lambda t: float(np.sign(node_values(p, np.array([t]))[node][0])), lo, hi)


def sign_change(sign: Callable[[float], float], lo: float, hi: float) -> float:
    """Where ``sign`` (-1, 0 or 1) changes between ``lo`` and ``hi`` (opposite signs), by
    bisection down to adjacent floats.

    >>> abs(sign_change(lambda t: float(np.sign(t * t - 2)), 1.0, 2.0) - 2 ** 0.5) < 3e-16
    True
    """
    s_lo = sign(lo)
    while True:
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            return mid
        s = sign(mid)
        if s == 0:
            return mid
        if s == s_lo:
            lo = mid
        else:
            hi = mid


def singular_error(p: Program, target: Target, x: np.ndarray) -> float:
    """Max relative error of ``p`` near the vanishing denominators on the grid ``x`` (0 if
    there are none): what a grid alone misses at a pole."""
    near = near_singular(p, x)
    if not len(near):
        return 0.0
    f = target.f(near)
    return float(scaled_error(evaluate(p, near), f, target.scale(f)).max())


def _peaks(err: np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` largest local maxima of ``err`` (endpoints count)."""
    inner = (err[1:-1] >= err[:-2]) & (err[1:-1] >= err[2:])
    idx = np.concatenate([[0], np.nonzero(inner)[0] + 1, [len(err) - 1]])
    idx = idx[np.argsort(-err[idx], kind="stable")]
    return [int(i) for i in idx[:k]]


def confirm_mp(p: Program, target: Target, x: np.ndarray, hi: np.ndarray, lo: np.ndarray,
               dps: int = 40) -> tuple[float, float]:
    """The largest error of ``p`` evaluated in mpmath (constants taken exactly) at the
    points ``x`` against the reference ``hi + lo`` there, and where it is reached."""
    best, at = -1.0, float(x[0])
    with mpmath.workdps(dps):
        consts = [mpmath.mpf(c) for c in p.constants()]
        for t, h, low in zip(x.tolist(), hi.tolist(), lo.tolist()):
            ref = mpmath.mpf(h) + low
            val = evaluate_mp(p, mpmath.mpf(t), consts)
            if target.absolute:
                e = abs(val - ref)
            elif ref == 0:
                e = 0.0 if val == 0 else math.inf
            else:
                e = abs(val - ref) / abs(ref)
            e = float(e)
            if e > best or math.isnan(e):
                best, at = (math.inf if math.isnan(e) else e), t
    return best, at


def ulp32(reference: np.ndarray) -> np.ndarray:
    """The float32 ULP at each (float64) reference value: the gap above |y| rounded to
    float32 (the smallest subnormal gap at 0)."""
    return np.spacing(np.abs(reference.astype(np.float32))).astype(np.float64)


def ulp_error32(p: Program, x32: np.ndarray, hi: np.ndarray, lo: np.ndarray | float = 0.0
                ) -> np.ndarray:
    """ULP errors of ``p`` run in float32 at float32 inputs ``x32`` against the reference
    ``hi + lo`` (float64)."""
    e, _ = _float32_run(p, x32, hi, lo)
    return e


def _float32_run(p: Program, x32: np.ndarray, hi: np.ndarray, lo: np.ndarray | float
                 ) -> tuple[np.ndarray, np.ndarray]:
    """ULP errors and whether each result is the correctly rounded one."""
    q = p.with_constants([float(np.float32(c)) for c in p.constants()])
    v = evaluate(q, x32, np.float32)
    with np.errstate(all="ignore"):
        e = np.abs((v.astype(np.float64) - hi) - lo) / ulp32(hi)
    e[~np.isfinite(e)] = np.inf
    return e, v == correctly_rounded32(hi, lo)


def correctly_rounded32(hi: np.ndarray, lo: np.ndarray | float = 0.0) -> np.ndarray:
    """``hi + lo`` rounded to the nearest float32 (``hi`` alone decides but at a tie, a
    float32 midpoint, where the sign of ``lo`` does).

    >>> mid = 1.0 + 2.0 ** -24                     # halfway between 1 and the next float32
    >>> correctly_rounded32(np.array([mid, mid]), np.array([0.0, 1e-30])).tolist()
    [1.0, 1.0000001192092896]
    """
    hi = np.asarray(hi, dtype=np.float64)
    lo = np.broadcast_to(np.asarray(lo, dtype=np.float64), hi.shape)
    with np.errstate(all="ignore"):
        r = hi.astype(np.float32)
        d = hi - r.astype(np.float64)
        nb = np.nextafter(r, np.where(d > 0, np.inf, -np.inf).astype(np.float32))
        tie = (d != 0) & (2 * d == nb.astype(np.float64) - r.astype(np.float64))
    return np.where(tie & (np.sign(lo) == np.sign(d)), nb, r)


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


@lru_cache(maxsize=16)
def float32_reference(target: Target, a: float, b: float, n: int
                      ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`float32_points` and the reference there (``hi``, ``lo``)."""
    x32 = float32_points((a, b), n)
    return (x32, *reference_pair(target, x32.astype(np.float64)))


def float32_errors(p: Program, target: Target, interval: tuple[float, float], n: int
                   ) -> tuple[float, float, float]:
    """The largest float32 ULP error over :func:`float32_points` (reference from mpmath),
    where it is reached, and the fraction of correctly rounded results."""
    x32, hi, lo = float32_reference(target, float(interval[0]), float(interval[1]), n)
    e, cr = _float32_run(p, x32, hi, lo)
    i = int(np.argmax(e))
    return float(e[i]), float(x32[i]), float(cr.mean())

"""What a target does on an interval, found numerically (never from its name), and the
reductions that respect it.

* **zeros**: sign changes and exact zeros on a sample grid, located by bisection; a zero
  at a float64 number ``a`` with ``f(a) = 0`` in mpmath is *exact* (a program can be
  exactly 0 there, so a relative error can be finite); its order is the first
  non-vanishing derivative (one-sided at an end of the interval). A sign change at a
  point that is no float64 number (sin at π) is a *crossing*: no program has a finite
  relative error there (use absolute errors);
* **parity**: ``f(-x) = ∓f(x)`` at sample points (in mpmath);
* **the symmetry of a logarithm** about a simple zero ``a > 0``: ``f(a²/x) = -f(x)``.

A :class:`Reduction` is a prefactor and a variable such that ``f = prefactor · g(v)`` with
``g`` smooth and free of zeros: ``(x - a)^k · g(x)`` for an exact zero, ``x · g(x²)``
for an odd function, ``g(x²)`` for an even one, ``s · g(s²)`` with
``s = (x - a)/(x + a)`` for a logarithm-like zero. Approximating ``g`` in ``v`` is what
a libm author does; :mod:`.baselines` and :mod:`.seeds` build their forms on them.

>>> from mutation.autonumerics.targets import resolve_target
>>> b = behaviour(resolve_target("tanh"), (0.0, 1.0))
>>> [(z.at, z.order) for z in b.zeros], b.parity
([(0.0, 1)], 'odd')
>>> [r.form("R") for r in reductions(resolve_target("log2"), (1.0, 2.0))]
['(x - 1)·R(x)', 's·R(s²), s = (x - 1)/(x + 1)']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import mpmath
import numpy as np

from .measure import sign_change
from .program import Node
from .targets import Target


@dataclass(frozen=True)
class Zero:
    """An exact zero: ``f(at) = 0`` with ``at`` a float64 number, of multiplicity ``order``
    and ``f(x) ≈ slope · (x - at)^order`` next to it (order 0: f is not like a power of
    ``x - at`` there, e.g. sqrt at 0)."""

    at: float
    order: int
    slope: float


@dataclass(frozen=True)
class Behaviour:
    """Exact zeros, crossings (sign changes at no float64 number), parity ("odd", "even"
    or "") and the zero about which f has the symmetry of a logarithm (or None)."""

    zeros: tuple[Zero, ...]
    crossings: tuple[float, ...]
    parity: str
    log_zero: Zero | None


@cache
def behaviour(target: Target, interval: tuple[float, float], samples: int = 257
              ) -> Behaviour:
    """The behaviour of ``target`` on the interval (see the module docstring)."""
    a, b = float(interval[0]), float(interval[1])
    x = np.linspace(a, b, samples)
    with np.errstate(all="ignore"):
        y = np.asarray(target.f(x), dtype=float)
    candidates = [float(t) for t in x[y == 0]]
    for i in np.nonzero(np.sign(y[:-1]) * np.sign(y[1:]) < 0)[0]:
        candidates.append(sign_change(lambda t: _sign(target, t), float(x[i]), float(x[i + 1])))
    zeros: list[Zero] = []
    crossings: list[float] = []
    with mpmath.workdps(30):
        for z in sorted(set(candidates)):
            exact = next((t for t in (z, math.nextafter(z, -math.inf),
                                      math.nextafter(z, math.inf))
                          if a <= t <= b and _value(target, t) == 0), None)
            if exact is None:
                crossings.append(z)
                continue
            if all(exact != w.at for w in zeros):
                zeros.append(_order(target, exact, a, b))
        parity = _parity(target, a, b)
        log_zero = next((z for z in zeros if z.order == 1 and z.at > 0
                         and _log_symmetric(target, z.at, a, b)), None)
    return Behaviour(tuple(zeros), tuple(crossings), parity, log_zero)


def _sign(target: Target, t: float) -> float:
    with np.errstate(all="ignore"):
        return float(np.sign(target.f(np.array([t]))[0]))


def _value(target: Target, t: float | mpmath.mpf) -> mpmath.mpf | None:
    """f(t) in mpmath, or None where it is not a finite real number."""
    try:
        v = target.f_mp(mpmath.mpf(t))
    except (ValueError, ZeroDivisionError, TypeError, ArithmeticError):
        return None
    return v if mpmath.isfinite(v) and mpmath.im(v) == 0 else None


def _order(target: Target, at: float, a: float, b: float, max_order: int = 4) -> Zero:
    """The zero at ``at`` with its multiplicity and leading coefficient (one-sided
    derivatives at an end of the interval); order 0 when no derivative up to
    ``max_order`` is a finite nonzero number that describes f next to the zero."""
    unknown = Zero(at, 0, 0.0)
    direction = 1 if at == a else -1 if at == b else 0
    scale = max(abs(float(_value(target, t) or 0)) for t in (a, b, (a + b) / 2)) or 1.0
    for k in range(1, max_order + 1):
        try:
            d = mpmath.diff(target.f_mp, mpmath.mpf(at), k, direction=direction)
        except (ValueError, ZeroDivisionError, TypeError, ArithmeticError):
            return unknown
        if not (mpmath.isfinite(d) and mpmath.im(d) == 0):
            return unknown
        if abs(d) > 1e-12 * scale:
            zero = Zero(at, k, float(d / mpmath.factorial(k)))
            # a finite-difference derivative of a non-analytic zero (sqrt at 0) is a
            # large number: f must really be slope·(x - at)^k next to the zero
            step = 1e-6 * (b - a) * (direction or 1)
            near = _value(target, mpmath.mpf(at) + step)
            ratio = near / (zero.slope * mpmath.mpf(step) ** k) if near is not None else 0
            return zero if abs(ratio - 1) < 1e-3 else unknown
    return unknown


def _probes(a: float, b: float, avoid: float, n: int = 9) -> list[float]:
    """Points inside [a, b], away from ``avoid``."""
    pts = [a + (b - a) * (k + 0.5 + 0.1 * math.sin(k)) / n for k in range(n)]
    return [t for t in pts if abs(t - avoid) > 1e-3 * (b - a)]


def _parity(target: Target, a: float, b: float) -> str:
    pairs = []
    for t in _probes(a, b, 0.0):
        u, v = _value(target, t), _value(target, -t)
        if u is None or v is None or u == 0:
            return ""
        pairs.append((u, v))
    for name, sign in (("odd", 1), ("even", -1)):
        if pairs and all(abs(v + sign * u) <= 1e-20 * abs(u) for u, v in pairs):
            return name
    return ""


def _log_symmetric(target: Target, at: float, a: float, b: float) -> bool:
    """``f(at²/x) = -f(x)`` at probe points."""
    for t in _probes(a, b, at):
        u, v = _value(target, t), _value(target, mpmath.mpf(at) ** 2 / t)
        if u is None or v is None or not abs(u + v) <= 1e-20 * abs(u):
            return False
    return True


# --- reductions ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Reduction:
    """``f = prefactor(x) · g(v(x))``: ``kind`` is "plain" (``g = f``, ``v = x``),
    "zero" (prefactor ``(x - at)^order``), "odd" (``x · g(x²)``), "even" (``g(x²)``) or
    "log" (``s · g(s²)``, ``s = (x - at)/(x + at)``); ``limit`` is ``g`` at the zero of
    the prefactor."""

    kind: str
    at: float = 0.0
    order: int = 1
    limit: float = 0.0

    def form(self, r: str) -> str:
        """The form with ``r`` for the approximation of g, e.g. ``x·R(x²)``."""
        a = _num(self.at)
        shift = "x" if self.at == 0 else f"(x - {a})"
        if self.kind == "zero":
            power = "" if self.order == 1 else "²" if self.order == 2 else f"^{self.order}"
            return f"{shift}{power}·{r}(x)"
        if self.kind == "odd":
            return f"x·{r}(x²)"
        if self.kind == "even":
            return f"{r}(x²)"
        if self.kind == "log":
            return f"s·{r}(s²), s = {shift}/(x + {a})"
        return f"{r}(x)"

    def variable(self, x: np.ndarray) -> np.ndarray:
        """``v(x)``."""
        if self.kind in ("odd", "even"):
            return x * x
        if self.kind == "log":
            s = (x - self.at) / (x + self.at)
            return s * s
        return x

    def prefactor(self, x: np.ndarray) -> np.ndarray:
        """The prefactor at ``x``."""
        if self.kind == "zero":
            return (x - self.at) ** self.order
        if self.kind == "odd":
            return x
        if self.kind == "log":
            return (x - self.at) / (x + self.at)
        return np.ones_like(x)

    def reduced(self, x: np.ndarray, f: np.ndarray) -> np.ndarray:
        """``g`` at ``x`` from ``f``'s values there (the limit where the prefactor is 0)."""
        pre = self.prefactor(x)
        with np.errstate(all="ignore"):
            g = f / pre
        return np.where(pre == 0, self.limit, g)

    def fold(self, interval: tuple[float, float]) -> tuple[float, float]:
        """A part of the interval on which ``v`` is monotone and takes all its values."""
        a, b = interval
        if self.kind in ("odd", "even") and a < 0 < b:
            return (0.0, b) if b >= -a else (a, 0.0)
        if self.kind == "log" and a < self.at < b:
            s = self.prefactor(np.array([a, b]))
            return (self.at, b) if abs(s[1]) >= abs(s[0]) else (a, self.at)
        return a, b

    def head(self, nodes: list[Node]) -> tuple[int, int | None]:
        """Append the nodes computing ``v`` and the prefactor; returns their indices (the
        prefactor's is None when it is 1). Node 0 is ``x``."""
        def add(node: Node) -> int:
            nodes.append(node)
            return len(nodes) - 1

        if self.kind in ("odd", "even"):
            return add(Node("mul", (0, 0))), (0 if self.kind == "odd" else None)
        if self.kind == "plain":
            return 0, None
        shift = 0 if self.at == 0 else add(Node("sub", (0, add(Node("const", value=self.at)))))
        if self.kind == "log":
            s = add(Node("div", (shift, add(Node("add", (0, add(Node("const",
                                                                      value=self.at))))))))
            return add(Node("mul", (s, s))), s
        pre = shift
        for _ in range(self.order - 1):
            pre = add(Node("mul", (pre, shift)))
        return 0, pre


def _num(v: float) -> str:
    return f"{v:g}" if float(f"{v:g}") == v else repr(v)


PLAIN = Reduction("plain")


@cache
def reductions(target: Target, interval: tuple[float, float]) -> tuple[Reduction, ...]:
    """The reductions that respect the target's behaviour on the interval: with relative
    errors, those whose prefactor vanishes exactly at every exact zero (a relative error
    is finite only there); with absolute errors, the plain one too."""
    beh = behaviour(target, interval)
    zeros = beh.zeros
    out: list[Reduction] = []
    if not zeros or target.absolute:
        out.append(PLAIN)
    for z in zeros if len(zeros) == 1 and zeros[0].order else ():
        out.append(Reduction("zero", z.at, z.order, z.slope))
    at_zero = [z for z in zeros if z.at == 0]
    if beh.parity == "odd" and len(zeros) == len(at_zero) and all(z.order == 1 for z in at_zero):
        limit = at_zero[0].slope if at_zero else _slope_at_zero(target)
        out.append(Reduction("odd", limit=limit))
    if beh.parity == "even" and (not zeros or target.absolute):
        out.append(Reduction("even"))
    if beh.log_zero is not None and (len(zeros) == 1 or target.absolute):
        z = beh.log_zero
        out.append(Reduction("log", z.at, 1, 2 * z.at * z.slope))
    return tuple(out)


def _slope_at_zero(target: Target) -> float:
    """f'(0), the limit of f(x)/x for an odd function whose interval misses 0."""
    with mpmath.workdps(30):
        return float(mpmath.diff(target.f_mp, mpmath.mpf(0)))

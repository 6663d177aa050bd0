"""Functional hashing (after Gillard et al. 2023, "Unified Functional Hashing"): programs
that compute the same function get the same hash, so the search evaluates each function
once.

A candidate's function is taken after the quick fit of its constants (a parametric program
*is* its fitted function); it is evaluated at fixed probe points, its relative residuals
there (absolute ones with ``--error abs``) are scaled by a power of two and quantized to 1/64, and the integers (with the scale
and the cost) are hashed. Equal functions reached through different structures collide;
functions that differ anywhere near the probe points by more than about 1/64 of their error
do not.

>>> from mutation.autonumerics.program import parse_program
>>> from mutation.autonumerics.targets import resolve_target
>>> t = resolve_target("exp")
>>> probes = Probes.make(t, (0.0, 1.0))
>>> a = parse_program("t1 = x * 0.5; t2 = t1 + 1.0")
>>> b = parse_program("t1 = x + 2.0; t2 = t1 * 0.5")          # the same line
>>> c = parse_program("t1 = x * 0.5; t2 = t1 + 1.01")
>>> probes.hash(a, 2) == probes.hash(b, 2), probes.hash(a, 2) == probes.hash(c, 2)
(True, False)
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import numpy as np

from .program import Program, evaluate
from .targets import Target, reference_values

_GOLDEN = (math.sqrt(5) - 1) / 2


@dataclass(frozen=True)
class Probes:
    """Fixed probe points (a golden-ratio sequence over the interval), reference values and
    error scales."""

    x: np.ndarray
    f: np.ndarray
    scale: np.ndarray

    @staticmethod
    def make(target: Target, interval: tuple[float, float], n: int = 24) -> Probes:
        """``n`` probe points in the open interval, with correctly rounded references."""
        a, b = interval
        x = np.sort(a + (b - a) * np.mod(0.5 + _GOLDEN * np.arange(1, n + 1), 1.0))
        f = reference_values(target, x)
        return Probes(x, f, target.scale(f))

    def hash(self, p: Program, cost: int, levels: int = 64) -> str:
        """The functional hash of ``p`` (with its current constants) at ``cost``."""
        with np.errstate(all="ignore"):
            r = (evaluate(p, self.x) - self.f) / self.scale
        if not np.all(np.isfinite(r)):
            body = "nonfinite:" + ",".join("1" if np.isfinite(v) else "0" for v in r)
        else:
            scale = float(np.max(np.abs(r)))
            if scale == 0:
                body = "exact"
            else:
                e = math.frexp(scale)[1]
                q = np.rint(r / math.ldexp(1.0, e) * levels).astype(int)
                body = f"{e}:" + ",".join(map(str, q.tolist()))
        return hashlib.blake2b(f"{cost}|{body}".encode(), digest_size=10).hexdigest()

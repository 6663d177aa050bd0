"""Target functions: a fast float64 (numpy) version and an mpmath reference.

Built in: exp, exp2, log, log2, sin, cos, tanh, erf, sqrt. A user function is named
``module:attr`` (a module on ``sys.path`` or the current directory) or ``path/file.py:attr``;
its mpmath reference likewise (without one, the float64 function is its own reference and
nothing can be confirmed beyond float64).

>>> t = resolve_target("exp2")
>>> t.default_interval, float(t.f(np.array([3.0]))[0]), float(t.f_mp(mpmath.mpf(3)))
((0.0, 1.0), 8.0, 8.0)
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.util
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import mpmath
import numpy as np
import scipy.special

from gl.errors import InputError


@dataclass(frozen=True)
class Target:
    """A function to approximate on an interval, and how errors are counted: relative to
    |f| (the default) or ``absolute`` (``--error abs``, for functions that cross zero at a
    point where no program can be exactly zero)."""

    name: str
    f: Callable[[np.ndarray], np.ndarray]
    f_mp: Callable[[mpmath.mpf], mpmath.mpf]
    default_interval: tuple[float, float]
    has_reference: bool = True
    absolute: bool = False

    def scale(self, reference: np.ndarray) -> np.ndarray:
        """What an error at each point is divided by: ``|f|``, or 1 for absolute errors.

        >>> resolve_target("sin", error="abs").scale(np.array([-0.5])).tolist()
        [1.0]
        """
        reference = np.asarray(reference, dtype=float)
        return np.ones_like(reference) if self.absolute else np.abs(reference)


_BUILTINS: dict[str, tuple[Callable, Callable, tuple[float, float]]] = {
    "exp": (np.exp, mpmath.exp, (0.0, 1.0)),
    "exp2": (np.exp2, lambda x: mpmath.power(2, x), (0.0, 1.0)),
    "log": (np.log, mpmath.log, (1.0, 2.0)),
    "log2": (np.log2, lambda x: mpmath.log(x, 2), (1.0, 2.0)),
    "sin": (np.sin, mpmath.sin, (0.0, math.pi / 2)),
    "cos": (np.cos, mpmath.cos, (0.0, math.pi / 4)),
    "tanh": (np.tanh, mpmath.tanh, (0.0, 1.0)),
    "erf": (scipy.special.erf, mpmath.erf, (0.0, 1.0)),
    "sqrt": (np.sqrt, mpmath.sqrt, (1.0, 2.0)),
}

BUILTIN_NAMES = tuple(sorted(_BUILTINS))


ERRORS = ("rel", "abs")


@cache
def resolve_target(function: str, reference: str | None = None, error: str = "rel") -> Target:
    """The target named ``function`` (a built-in name or ``module:attr``), with an optional
    mpmath reference ``module:attr``, its errors relative (``rel``) or absolute (``abs``).
    Unknown names raise :class:`InputError`."""
    if error not in ERRORS:
        raise InputError(f"error must be rel or abs, not {error!r}", "--error")
    if error == "abs":
        return dataclasses.replace(resolve_target(function, reference), absolute=True)
    if function in _BUILTINS and reference is None:
        f, f_mp, interval = _BUILTINS[function]
        return Target(function, f, f_mp, interval)
    if ":" not in function:
        raise InputError(f"unknown function (built-ins: {', '.join(BUILTIN_NAMES)}; "
                         "or MODULE:ATTR)", function)
    f = _vectorized(load_callable(function))
    f_mp = load_callable(reference) if reference else _mp_from_float(f)
    return Target(function, f, f_mp, (0.0, 1.0), has_reference=reference is not None)


def load_callable(spec: str) -> Callable:
    """Import ``module:attr`` or ``path/to/file.py:attr`` and return the callable."""
    module_name, _, attr = spec.rpartition(":")
    if not module_name or not attr:
        raise InputError("expected MODULE:ATTR", spec)
    try:
        if module_name.endswith(".py"):
            path = Path(module_name)
            loader_spec = importlib.util.spec_from_file_location(path.stem, path)
            if loader_spec is None or loader_spec.loader is None or not path.is_file():
                raise InputError("no such file", module_name)
            module = importlib.util.module_from_spec(loader_spec)
            loader_spec.loader.exec_module(module)
        else:
            if "" not in sys.path and str(Path.cwd()) not in sys.path:
                sys.path.insert(0, str(Path.cwd()))
            module = importlib.import_module(module_name)
    except ImportError as exc:
        raise InputError(f"cannot import: {exc}", spec) from None
    obj = getattr(module, attr, None)
    if not callable(obj):
        raise InputError(f"{attr!r} is not a callable in {module_name}", spec)
    return obj


def _vectorized(f: Callable) -> Callable[[np.ndarray], np.ndarray]:
    """Accept array input whether or not ``f`` does."""
    try:
        probe = np.asarray(f(np.array([0.25, 0.5])), dtype=float)
        works = probe.shape == (2,)
    except Exception:  # noqa: BLE001 - any failure means: call it point by point
        works = False
    if works:
        return lambda x: np.asarray(f(np.asarray(x, dtype=float)), dtype=float)
    scalar = np.vectorize(lambda t: float(f(float(t))), otypes=[float])
    return lambda x: scalar(np.asarray(x, dtype=float))


def _mp_from_float(f: Callable[[np.ndarray], np.ndarray]) -> Callable:
    return lambda x: mpmath.mpf(float(f(np.array([float(x)]))[0]))


def check_defined(target: Target, interval: tuple[float, float], points: int = 1025) -> None:
    """Raise :class:`InputError` (at ``--interval``) unless the target, both its float64
    version and its reference, is real and finite at ``points`` evenly spaced points of
    the interval, endpoints included (e.g. ``log`` on [-2, -1], ``sqrt`` on [-1, 1]).

    >>> check_defined(resolve_target("log"), (-2.0, -1.0))
    Traceback (most recent call last):
    gl.errors.InputError: --interval: log is undefined or infinite on [-2, -1]: log(-2) = nan
    """
    a, b = interval
    try:
        problem = _problem(target, np.linspace(a, b, points))
    except Exception as exc:  # noqa: BLE001 - a user function may fail in any way
        problem = f"{type(exc).__name__}: {exc}"
    if problem:
        raise InputError(f"{target.name} is undefined or infinite on [{a:g}, {b:g}]: {problem}",
                         "--interval")


def _problem(target: Target, x: np.ndarray) -> str:
    """The first point of ``x`` where the target is not a finite real ("" if none)."""
    with np.errstate(all="ignore"):
        y = np.asarray(target.f(x), dtype=float)
    for t, v in zip(x, y):
        if not math.isfinite(v):
            return f"{target.name}({t:g}) = {v:g}"
    for t in x:
        v = target.f_mp(mpmath.mpf(float(t)))
        if not (mpmath.isfinite(v) and mpmath.im(v) == 0):
            return f"{target.name}({t:g}) = {mpmath.nstr(v, 6)} (reference)"
    return ""


def reference_values(target: Target, x: np.ndarray, dps: int = 30) -> np.ndarray:
    """Correctly rounded float64 values of the target at ``x`` (mpmath at ``dps`` digits)."""
    return reference_pair(target, x, dps)[0]


def reference_pair(target: Target, x: np.ndarray, dps: int = 40) -> tuple[np.ndarray, np.ndarray]:
    """The target at ``x`` as float64 pairs ``hi + lo`` (``hi`` correctly rounded, ``lo`` the
    rest, from mpmath at ``dps`` digits), so that errors far below one float64 ulp of the
    result can be measured; without a reference, the float64 function and ``lo = 0``.

    >>> hi, lo = reference_pair(resolve_target("exp"), np.array([1.0]))
    >>> float(hi[0]) == math.e, 0 < abs(float(lo[0])) <= 2.0 ** -52    # half an ulp of e
    (True, True)
    """
    xs = np.asarray(x, dtype=float)
    if not target.has_reference:
        with np.errstate(all="ignore"):
            return np.asarray(target.f(xs), dtype=float), np.zeros(len(xs))
    hi, lo = np.empty(len(xs)), np.empty(len(xs))
    with mpmath.workdps(dps):
        for i, t in enumerate(xs):
            v = target.f_mp(mpmath.mpf(float(t)))
            hi[i] = float(v)
            lo[i] = float(v - hi[i]) if mpmath.isfinite(v) else 0.0
    return hi, lo

"""Evaluate terms at points: exact naturals for Peano terms, floats for real terms.

Used to refute equivalences with a counterexample and by the soundness tests.

>>> eval_real(("/", ("+", "x", "1"), "y"), {"x": 1.0, "y": 4.0})
0.5
>>> eval_peano(("*", ("s", ("s", "i0")), "a"), {"a": 3})
6
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping
from fractions import Fraction

from mpl_lang.terms import Term, fold, subterms

from .terms import PEANO, PeanoSignature, TermError, is_number, number_value, variables


class Undefined(ArithmeticError):
    """The term has no real value at the point (a pole, or outside a function's domain)."""


_UNARY: dict[str, Callable[[float], float]] = {
    "neg": lambda a: -a,
    "exp": math.exp,
    "log": math.log,
    "sin": math.sin,
    "cos": math.cos,
    "sqrt": math.sqrt,
    "tan": math.tan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "abs": abs,
}
_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "^": lambda a, b: a**b,
}
_CONSTANTS = {"pi": math.pi, "E": math.e}


def eval_real(term: Term, env: Mapping[str, float]) -> float:
    """The float value of a real term; raises :class:`Undefined` where it has none."""
    try:
        value = _eval_real(term, env)
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        raise Undefined(str(exc)) from None
    if isinstance(value, complex) or not math.isfinite(value):
        raise Undefined(f"value {value}")
    return value


def _eval_real(term: Term, env: Mapping[str, float]) -> float:
    return fold(term, lambda leaf: _real_leaf(leaf, env), _real_node)


def _real_leaf(leaf: str, env: Mapping[str, float]) -> float:
    if is_number(leaf):
        return float(number_value(leaf))
    if leaf in env:
        return env[leaf]
    if leaf in _CONSTANTS:
        return _CONSTANTS[leaf]
    raise TermError(f"no value for {leaf!r}")


def _real_node(term: tuple, args: list[float]) -> float:
    op = term[0]
    if op in _UNARY and len(args) == 1:
        return _UNARY[op](args[0])
    if op in _BINARY and len(args) == 2:
        result = _BINARY[op](*args)
        if isinstance(result, complex):
            raise ValueError("complex power")
        return result
    if op == "fma" and len(args) == 3:
        return args[0] * args[1] + args[2]
    raise TermError(f"cannot evaluate {op!r} with {len(args)} arguments")


#: the largest integer exponent :func:`eval_exact` computes
MAX_EXACT_EXPONENT = 64
#: the largest numerator or denominator (in bits) :func:`eval_exact` computes
MAX_EXACT_BITS = 100_000


def eval_exact(term: Term, env: Mapping[str, Fraction]) -> Fraction:
    """The exact rational value of a term over ``+ - * / neg fma`` and ``^`` with an integer
    exponent of at most :data:`MAX_EXACT_EXPONENT` in size; raises :class:`Undefined` where
    it has none (a zero denominator, ``0`` to a negative power) and :class:`TermError` for
    other operations, leaves without a value, larger exponents or values past
    :data:`MAX_EXACT_BITS`.

    >>> eval_exact(("/", "x", ("-", "x", "1/2")), {"x": Fraction(1, 3)})
    Fraction(-2, 1)
    """
    try:
        return fold(term, lambda leaf: _exact_leaf(leaf, env), _exact_node)
    except ZeroDivisionError as exc:
        raise Undefined(str(exc)) from None


def _exact_leaf(leaf: str, env: Mapping[str, Fraction]) -> Fraction:
    if is_number(leaf):
        return number_value(leaf)
    if leaf in env:
        return env[leaf]
    raise TermError(f"no exact value for {leaf!r}")


def _exact_node(term: tuple, args: list[Fraction]) -> Fraction:
    value = _exact_op(term[0], args)
    if max(value.numerator.bit_length(), value.denominator.bit_length()) > MAX_EXACT_BITS:
        raise TermError("too large to evaluate exactly")
    return value


def _exact_op(op: str, args: list[Fraction]) -> Fraction:
    if op == "neg" and len(args) == 1:
        return -args[0]
    if op == "fma" and len(args) == 3:
        return args[0] * args[1] + args[2]
    if op == "^" and len(args) == 2:
        base, exponent = args
        if exponent.denominator != 1 or abs(exponent) > MAX_EXACT_EXPONENT or abs(exponent) * max(
                base.numerator.bit_length(), base.denominator.bit_length()) > MAX_EXACT_BITS:
            raise TermError(f"no exact power for exponent {exponent}")
        return base ** int(exponent)
    if op in _BINARY and len(args) == 2:
        return _BINARY[op](*args)
    raise TermError(f"cannot evaluate {op!r} with {len(args)} arguments exactly")


def generic_denominators(term: Term, trials: int = 3) -> list[Term]:
    """The denominators of ``term``'s divisions that are not zero everywhere, judged
    exactly at seeded random rational points, or, for denominators with functions or
    ``pi``, at seeded random float points (nonzero beyond rounding: ``sin(x)^2 + cos(x)^2 -
    1`` counts as zero everywhere); the list only errs towards fewer.

    >>> generic_denominators(("+", ("/", "1", "x"), ("/", "1", ("-", "x", "x"))))
    ['x']
    >>> generic_denominators(("/", "1", ("sin", "x")))
    [('sin', 'x')]
    """
    found: list[Term] = []
    for sub in subterms(term):
        if isinstance(sub, tuple) and sub[0] == "/" and len(sub) == 3 and _somewhere_nonzero(
                sub[2], trials):
            found.append(sub[2])
    return found


def _somewhere_nonzero(term: Term, trials: int) -> bool:
    rng = random.Random(0)
    names = variables(term)
    for _ in range(trials):
        env = {v: Fraction(rng.randint(-10**6, 10**6), rng.randint(1, 10**6)) for v in names}
        try:
            if eval_exact(term, env) != 0:
                return True
        except Undefined:
            continue
        except TermError:
            return _somewhere_nonzero_in_floats(term, trials)
    return False


def _somewhere_nonzero_in_floats(term: Term, trials: int) -> bool:
    rng = random.Random(0)
    names = [v for v in variables(term) if v not in _CONSTANTS]
    for _ in range(trials):
        try:
            if abs(eval_real(term, {v: rng.uniform(-3.0, 3.0) for v in names})) > 1e-9:
                return True
        except (Undefined, TermError):
            continue
    return False


def eval_peano(term: Term, env: Mapping[str, int], signature: PeanoSignature = PEANO) -> int:
    """The natural-number value of a Peano term."""

    def leaf(name: str) -> int:
        if name == signature.zero:
            return 0
        if name in env:
            return env[name]
        raise TermError(f"no value for {name!r}")

    return signature.evaluate(term, leaf)


def find_counterexample(
    a: Term, b: Term, domain: str, signature: PeanoSignature = PEANO, *,
    trials: int = 24, seed: int = 0, rel_tol: float = 1e-6,
) -> dict[str, float] | None:
    """A point where both terms are defined and differ, or None (seeded random search).

    >>> find_counterexample(("+", "a", "b"), ("*", "a", "b"), "peano")
    {'a': 3, 'b': 3}
    """
    rng = random.Random(seed)
    consts = frozenset({signature.zero}) if domain == "peano" else frozenset(_CONSTANTS)
    names = sorted(set(variables(a, consts)) | set(variables(b, consts)))
    for _ in range(trials):
        if domain == "peano":
            env_n = {v: rng.randint(0, 4) for v in names}
            try:
                if eval_peano(a, env_n, signature) != eval_peano(b, env_n, signature):
                    return env_n
            except TermError:
                return None
            continue
        env_r = {v: rng.uniform(-3.0, 3.0) for v in names}
        try:
            va, vb = eval_real(a, env_r), eval_real(b, env_r)
        except Undefined:
            continue
        except TermError:
            return None
        if not math.isclose(va, vb, rel_tol=rel_tol, abs_tol=rel_tol):
            return env_r
    return None

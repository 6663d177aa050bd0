"""Fuzz `gl simplify`: hostile text through the path the command takes must end in a result
or a documented input error (`TermError`, `RewriteError`: one line, exit 2), fast, and every
result must be sound.

    python benchmarks/fuzz_simplify.py [--examples 10000] [--seed 0] [--hang 2.0]

Input kinds: random bytes, deep nesting, huge numbers, long sums, unusual unicode, operator
soup, valid random expressions (rational ones checked exactly, others in floats). Each runs in-process with
the command's defaults and small limits (`--iterations`, `--nodes`; no time bound, so the
outcomes do not depend on load). Prints, per kind, how many inputs gave a result or an
input error, and the counts of crashes (any other exception), hangs (an input taking more
than `--hang` seconds) and unsound results (at seeded random rational points, including
poles such as 0 and 1: the output is defined exactly where the input is, with the same
value, except where a reported side condition fails; with functions, at random float points, the same within 1e-6 away from poles). Exits 1 if any of those is not zero, printing the first few such inputs.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections import Counter
from collections.abc import Callable
from fractions import Fraction

from rewriting import Limits, RewriteError, TermError, Undefined, simplify
from rewriting.evaluate import eval_exact, eval_peano, eval_real
from rewriting.terms import Term, parse_term, term_to_str, variables

Generator = Callable[[random.Random], str]
SYMBOLS = ["x", "y", "z"]
POLES = [Fraction(v) for v in (0, 1, -1, 2)]
ZERO = frozenset({"i0"})
CONSTANTS = frozenset({"pi", "E"})


# ---------------------------------------------------------------- input kinds


def random_bytes(rng: random.Random) -> str:
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 120)))
    return data.decode(rng.choice(["latin-1", "utf-8"]), errors="replace")


def deep_nesting(rng: random.Random) -> str:
    depth = rng.choice([10, 100, 200, 499, 501, 2000, 5000])
    kind = rng.randrange(5)
    if kind == 0:
        return "(" * depth + "x" + ")" * depth
    if kind == 1:
        return "s(" * depth + "i0" + ")" * depth
    if kind == 2:
        return "^".join(["x"] * depth)
    if kind == 3:
        return "-" * depth + "x"
    return "f(" * depth + "x" + ")" * rng.choice([depth, depth - 1])


def huge_number(rng: random.Random) -> str:
    digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([50, 999, 1000, 1001,
                                                                          5000, 12_000])))
    digits = "1" + digits
    return rng.choice([digits, f"{digits}.5", f"x * {digits}", f"{digits[:300]}^64",
                       f"{digits[:400]} * {digits[:400]} * {digits[:400]} / 7",
                       f"({digits[:20]})^64^64", f"x / {digits[:200]} - x / {digits[:200]}"])


def long_sum(rng: random.Random) -> str:
    n = rng.choice([50, 200, 400, 500, 501, 3000])
    op = rng.choice(["+", "-", "*", "+", "/"])
    if rng.random() < 0.5:
        return op.join(f"x{i}" for i in range(n))
    return op.join(rng.choice(["x", "y", "1", "0", "x/x"]) for _ in range(n))


def unusual_unicode(rng: random.Random) -> str:
    pieces = ["x", "+", "y", "\u200b", "\u202e", "\u0301", "ｘ", "²", "∑", "𝑥", "\x00",
              "\ud800", "\ufeff", "ß", "٣", "\t", "\n", "é", "(", ")", "1", "/", "−"]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))


def operator_soup(rng: random.Random) -> str:
    tokens = ["x", "y", "i0", "s(", "f(", "(", ")", ",", "+", "-", "*", "/", "^", "**", "0",
              "1", "2.5", "-3", " ", "exp(", "log(", "sqrt(", "sin("]
    return "".join(rng.choice(tokens) for _ in range(rng.randrange(1, 40)))


def random_rational(rng: random.Random, size: int) -> Term:
    """A random term over + - * / neg and ^ with a small natural exponent."""
    if size <= 1:
        return rng.choice(SYMBOLS + ["0", "1", "2", "3", "-1"])
    kind = rng.randrange(8)
    if kind == 0:
        return ("neg", random_rational(rng, size - 1))
    if kind == 1:
        return ("^", random_rational(rng, size - 1), str(rng.randrange(4)))
    if kind == 2:  # what erasing rules (a - a = 0, a * 0 = 0) act on
        part = random_rational(rng, size - 1)
        return rng.choice([("-", part, part), ("*", part, "0")])
    left = rng.randrange(1, size)
    op = rng.choice(["+", "-", "*", "/", "/"])
    return (op, random_rational(rng, left), random_rational(rng, size - left))


def valid_rational(rng: random.Random) -> str:
    return term_to_str(random_rational(rng, rng.randrange(1, 12)))


def valid_other(rng: random.Random) -> str:
    """Valid expressions outside the exact check: functions, Peano terms."""
    if rng.random() < 0.5:
        inner = valid_rational(rng)
        return f"{rng.choice(['exp', 'log', 'sin', 'cos', 'sqrt'])}({inner}) * {inner}"
    term: Term = rng.choice(["i0", "a", "b"])
    for _ in range(rng.randrange(1, 8)):
        term = rng.choice([("s", term), ("+", term, rng.choice(["a", "i0"])),
                           ("*", term, rng.choice(["b", ("s", "i0")]))])
    return term_to_str(term)


KINDS: dict[str, Generator] = {
    "random bytes": random_bytes, "deep nesting": deep_nesting, "huge numbers": huge_number,
    "long sums": long_sum, "unusual unicode": unusual_unicode, "operator soup": operator_soup,
    "valid rational": valid_rational, "valid other": valid_other,
}


# ---------------------------------------------------------------- soundness


def _value(term: Term, env: dict[str, Fraction]) -> Fraction | None:
    try:
        return eval_exact(term, env)
    except Undefined:
        return None


def unsound(text: str, term: Term, out: Term, rng: random.Random,
            conditions: tuple[Term, ...] = ()) -> bool:
    """Whether ``out`` differs from ``term`` (exactly, in value or definedness) at a random
    rational point, unless ``out`` is defined where ``term`` is not and one of the reported
    side ``conditions`` is zero or undefined there; False when they cannot be evaluated
    exactly (functions, large powers)."""
    if "i0" in variables(term):  # the Peano domain: exact over small naturals
        names = sorted(set(variables(term, ZERO)) | set(variables(out, ZERO)))
        envs = [{v: rng.randrange(4) for v in names} for _ in range(3)]
        try:
            return any(eval_peano(out, env) != eval_peano(term, env) for env in envs)
        except TermError:  # other function symbols
            return False
    names = sorted(set(variables(term, CONSTANTS)) | set(variables(out, CONSTANTS)))
    for _ in range(6):
        env = {v: rng.choice(POLES + [Fraction(rng.randint(-9, 9), rng.randint(1, 9))])
               for v in names}
        try:
            before, after = _value(term, env), _value(out, env)
            if before is None and after is not None and any(
                    _value(c, env) in (None, 0) for c in conditions):
                continue
            if after != before:
                return True
        except TermError:  # functions, pi, large powers: compare in floats
            return _differs_in_floats(term, out, names, rng)
    return False


def _float_value(term: Term, env: dict[str, float]) -> float | None:
    try:
        return eval_real(term, env)
    except Undefined:
        return None


def _differs_in_floats(term: Term, out: Term, names: list[str], rng: random.Random) -> bool:
    """Definedness or value (away from poles) differ at a random float point."""
    for _ in range(6):
        env = {v: rng.uniform(-3.0, 3.0) for v in names}
        try:
            before, after = _float_value(term, env), _float_value(out, env)
        except TermError:  # unknown functions
            return False
        if (before is None) != (after is None):
            return True
        if (before is not None and after is not None and max(abs(before), abs(after)) < 1e6
                and not math.isclose(before, after, rel_tol=1e-6, abs_tol=1e-6)):
            return True
    return False


# ---------------------------------------------------------------- the run


def run_one(text: str, limits: Limits, rng: random.Random, hang: float) -> str:
    """The outcome of one input: ``result``, ``input error``, ``crash``, ``hang`` or
    ``unsound``."""
    start = time.perf_counter()
    try:
        result = simplify(text, limits=limits)
    except (TermError, RewriteError):
        outcome = "input error"
    except Exception:  # noqa: BLE001 - anything else is what the fuzzer looks for
        outcome = "crash"
    else:
        outcome = "unsound" if unsound(text, parse_term(text), result.term, rng,
                                       result.conditions) else "result"
    if outcome in ("result", "input error") and time.perf_counter() - start > hang:
        return "hang"
    return outcome


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hang", type=float, default=2.0, help="seconds that count as a hang")
    ap.add_argument("--iterations", type=int, default=2)
    ap.add_argument("--nodes", type=int, default=300)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    limits = Limits(iterations=args.iterations, nodes=args.nodes, time=3600.0)
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
    seconds: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    slowest = (0.0, "")
    start = time.perf_counter()
    try:
        for _ in range(args.examples):
            kind = rng.choice(sorted(KINDS))
            text = KINDS[kind](rng)
            began = time.perf_counter()
            outcome = run_one(text, limits, rng, args.hang)
            took = time.perf_counter() - began
            seconds[kind] += took
            slowest = max(slowest, (took, kind))
            counts[kind][outcome] += 1
            if outcome in ("crash", "hang", "unsound"):
                failures.append((outcome, text))
    except KeyboardInterrupt:
        print("interrupted; counts so far:")
    elapsed = time.perf_counter() - start
    total: Counter[str] = sum(counts.values(), Counter())
    print(f"{sum(total.values())} inputs in {elapsed:.1f} s "
          f"({sum(total.values()) / max(elapsed, 1e-9):.0f}/s), slowest {slowest[0]:.2f} s "
          f"({slowest[1]})")
    for kind, c in counts.items():
        print(f"  {kind:16}: {c['result']:5} results, {c['input error']:5} input errors, "
              f"{seconds[kind]:6.1f} s")
    print(f"crashes {total['crash']}, hangs (> {args.hang} s) {total['hang']}, "
          f"unsound {total['unsound']}")
    for outcome, text in failures[:5]:
        print(f"  {outcome}: {text[:200]!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

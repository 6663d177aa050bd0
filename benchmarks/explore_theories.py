"""Exploration from the axioms alone on theories gl was not tuned on: time and laws found.

    python benchmarks/explore_theories.py [--repeat 3] [--timeout 300] [THEORY ...]

THEORY is one of `peano` (+ and * recurse on their second argument), `mirrored` (on their
first: examples/peano_mirrored) and `exp` (Peano with exponentiation: examples/peano_exp);
all three by default. For each, prints each run's wall and CPU time (the process's, user
and system: on a shared machine, what a quiet one's wall time would be), the conjectures
that reached the proving stage (the pool after the counterexample filter), the attempts
and the failed ones, the median times and the load average, then which of its laws were
proved (and when, wall and CPU seconds from the start of the run of the median).
A law of exponentiation counts in any orientation and, once the run proved that `+` or `*`
commutes, with that function's arguments in either order (`(a ^ b) ^ c = a ^ (c * b)`).
Goals (issue C2): peano at most 20 s, mirrored under 40 s, exp under 120 s, each with all
of its laws.

Measured (one run each, machine shared, load average 9–12, CPU seconds to each law): peano
6/6 laws, the last at 11.8 s CPU (13.2 s CPU in all, 43 s wall; 11 attempts, 1 failed);
mirrored 6/6, the last at 15.5 s CPU (16.8 s in all; 13 attempts, 2 failed); exp all 9: the
six by 14.6 s CPU, `a ^ (b + c) = a ^ b * a ^ c` at 25.4 s, `(a * b) ^ c = a ^ c * b ^ c` at
38.7 s, `(a ^ b) ^ c = a ^ (b * c)` at 49.3 s (258 s wall at load 12; two more runs: the
last at 53.4 and 49.0 s CPU, 90 s wall at load 4). What gets `(a * b) ^
c` is lemma calculation from failed steps (`generalize.calculated`): the step of `(a ^ b) ^ c
= (a ^ c) ^ b`, which fails, calls for `d ^ b * a ^ b = (d * a) ^ b`, so that law is attempted
next, with raised budgets, before `(a ^ b) ^ c = a ^ (c * b)` is a rule whose values flood its
step (it needs 263k matching steps at raised budgets then, 609k with that rule; the bound is
100k). Where it fails all the same, its own step calls for `(a * b) * (c * d) = (a * c) * (b *
d)` (four variables: never enumerated), calculated, proved, and the retry goes through
(tests/test_explore_calculation.py).
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's gl

import gl
from gl.equations import statement_to_equation
from gl.explore import explore
from gl.explore.progress import Attempted, Event
from gl.laws import LAW_NAMES, named_law
from mpl_lang.terms import canonical

#: the checkout being measured
ROOT = Path(gl.__file__).resolve().parents[1]

#: the laws of exponentiation, as equations (variables a, b, c)
EXP_LAWS = {
    "a ^ (b + c) = a ^ b * a ^ c": (("^", "a", ("+", "b", "c")), ("*", ("^", "a", "b"), ("^", "a", "c"))),
    "(a * b) ^ c = a ^ c * b ^ c": (("^", ("*", "a", "b"), "c"), ("*", ("^", "a", "c"), ("^", "b", "c"))),
    "(a ^ b) ^ c = a ^ (b * c)": (("^", ("^", "a", "b"), "c"), ("^", "a", ("*", "b", "c"))),
}

#: theory -> (folder, the laws it should yield beyond the six)
THEORIES = {"peano": ("examples/peano", {}), "mirrored": ("examples/peano_mirrored", {}),
            "exp": ("examples/peano_exp", EXP_LAWS)}


def law_of(statement, extra: dict[str, tuple], commutative: frozenset[str] = frozenset()) -> str | None:
    """The named law (`gl.laws`) or the extra law that `statement` states, if any; the
    latter modulo the order of the arguments of the `commutative` functions (those whose
    commutativity the run proved: `(a ^ b) ^ c = a ^ (c * b)` is `(a ^ b) ^ c = a ^ (b * c)`
    once `a * b = b * a` is a theorem)."""
    law = named_law(statement)
    if law is not None:
        return law
    eq = statement_to_equation(statement)
    if eq is None:
        return None
    return next((name for name, law in extra.items() if form(law, commutative) == form(eq, commutative)), None)


def form(eq: tuple, commutative: frozenset[str] = frozenset()) -> tuple:
    """An equation with canonically named variables, the same for both orientations and
    for any order of the arguments of the `commutative` functions."""
    def forms(t) -> list:
        if isinstance(t, str):
            return [t]
        args = [forms(a) for a in t[1:]]
        out = [(t[0], *combo) for combo in itertools.product(*args)]
        return out + [(t[0], *reversed(combo)) for combo in itertools.product(*args)] if t[0] in commutative else out
    return min((min(canonical(lhs, rhs), canonical(rhs, lhs), key=repr)
                for lhs in forms(eq[0]) for rhs in forms(eq[1])), key=repr)


def measure(name: str, repeat: int, timeout: float) -> None:
    folder, extra = THEORIES[name]
    wanted = [*LAW_NAMES, *extra]
    runs = []
    for i in range(repeat):
        found: dict[str, tuple[float, float]] = {}
        attempts: list[bool] = []
        start, cpu = time.perf_counter(), time.process_time()

        def note(event: Event, found: dict[str, tuple[float, float]] = found, start: float = start,
                 cpu: float = cpu, attempts: list[bool] = attempts) -> None:
            if isinstance(event, Attempted):
                attempts.append(event.result.proved)
                commutative = frozenset(f for f in ("+", "*") if f"commutativity of {f}" in found)
                law = law_of(event.result.statement, extra, commutative) if event.result.proved else None
                if law is not None:
                    found.setdefault(law, (time.perf_counter() - start, time.process_time() - cpu))

        run = explore(gl.load(ROOT / folder), timeout=timeout, progress=note)
        runs.append((time.perf_counter() - start, time.process_time() - cpu, found))
        print(f"{name} run {i + 1}: {runs[-1][0]:.1f} s wall, {runs[-1][1]:.1f} s CPU, "
              f"{sum(law in found for law in wanted)}/{len(wanted)} laws, "
              f"{run.stages.get('conjectures', 0)} conjectures, {len(attempts)} attempts, "
              f"{attempts.count(False)} failed")
    _, _, found = sorted(runs, key=lambda r: r[1])[len(runs) // 2]
    print(f"{name}: median {statistics.median(r[0] for r in runs):.1f} s wall, "
          f"{statistics.median(r[1] for r in runs):.1f} s CPU over {len(runs)} runs "
          f"(load average {os.getloadavg()[0]:.1f})")
    for law in wanted:
        at = f"at {found[law][0]:6.1f} s wall {found[law][1]:6.1f} s CPU" if law in found else "MISSING" + " " * 28
        print(f"  {at}  {law}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("theories", nargs="*", metavar="THEORY", help=f"one of {', '.join(THEORIES)} (default: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    unknown = [t for t in args.theories if t not in THEORIES]
    if unknown:
        ap.error(f"unknown theory {', '.join(unknown)} (choose from {', '.join(THEORIES)})")
    for name in args.theories or THEORIES:
        measure(name, args.repeat, args.timeout)


if __name__ == "__main__":
    main()

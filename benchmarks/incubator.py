"""The incubator's cost curve: ground facts proved on the grid as the numerals grow.

    python benchmarks/incubator.py [--theory examples/peano] [--up-to 4 8 11 14] [--repeat 3]

For each N prints the facts proved, the wall time (median of the repeats), the
milliseconds per fact, and the share of the evaluation (forward chaining on the ground
model) in it. Each fact is proved from the facts its defining rule instance rests on, so
the cost of a fact does not grow with the number proved before it; it grows with the
size of its numerals, whose successor chain the fact's statement carries.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's gl

import gl
from gl.incubator import evaluate, incubate

#: the checkout being measured
ROOT = Path(gl.__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--theory", default=str(ROOT / "examples/peano"))
    ap.add_argument("--up-to", type=int, nargs="+", default=[4, 8, 11, 14])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    theory = gl.load(args.theory).theory
    print(f"{'N':>3} {'facts':>6} {'seconds':>8} {'ms/fact':>8} {'evaluation':>11}")
    for n in args.up_to:
        times, evals = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            evaluate(theory, n)
            evals.append(time.perf_counter() - start)
            start = time.perf_counter()
            inc = incubate(theory, n)
            times.append(time.perf_counter() - start)
        facts = sum(r.proved for r in inc.results)
        wall = statistics.median(times)
        print(f"{n:>3} {facts:>6} {wall:>8.2f} {1000 * wall / max(facts, 1):>8.1f} {statistics.median(evals):>10.2f}s",
              flush=True)


if __name__ == "__main__":
    main()

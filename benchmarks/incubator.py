"""The incubator's cost curve: ground facts proved on the grid as the numerals grow.

    python benchmarks/incubator.py [--theory examples/peano] [--up-to 4 8 11 14 20] [--repeat 3]

For each N prints the facts proved, the wall time (median of the repeats), the
milliseconds per fact, the CPU milliseconds per fact (steadier than the wall time on a
shared machine), and the share of the evaluation (forward chaining on the ground
model) in the wall time. Each fact is proved from the facts its defining rule instance rests on, in
a block whose only value-giving axiom is that rule, so the cost of a fact neither grows
with the number proved before it nor with the tables up to its numerals; it grows only
with the successor chain its statement carries (a fact about 9 names 2..9 by it).
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
    ap.add_argument("--up-to", type=int, nargs="+", default=[4, 8, 11, 14, 20])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    theory = gl.load(args.theory).theory
    print(f"{'N':>3} {'facts':>6} {'seconds':>8} {'ms/fact':>8} {'cpu ms/fact':>12} {'evaluation':>11}")
    for n in args.up_to:
        times, cpu, evals = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            evaluate(theory, n)
            evals.append(time.perf_counter() - start)
            start, start_cpu = time.perf_counter(), time.process_time()
            inc = incubate(theory, n)
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        facts = max(sum(r.proved for r in inc.results), 1)
        wall = statistics.median(times)
        print(f"{n:>3} {facts:>6} {wall:>8.2f} {1000 * wall / facts:>8.1f} {1000 * statistics.median(cpu) / facts:>12.1f}"
              f" {statistics.median(evals):>10.2f}s", flush=True)


if __name__ == "__main__":
    main()

"""Time to each law of Peano with exponentiation, proved as targets (issue 15).

    python benchmarks/exp_targets.py [--repeat 3]

Runs `gl prove examples/peano_exp/peano_exp_targets.mpl --targets-only` in process: the
six Peano laws with their lemmas, then `a ^ (b + c) = a ^ b * a ^ c`,
`(a * b) ^ c = a ^ c * b ^ c` and `(a ^ b) ^ c = a ^ (b * c)`, each proved one a rule for
the next. Prints, per run, each target's time, the seconds from the start of the run to
it, the effort it was proved at (1: on the retry with the budgets raised,
`Settings.scaled`), then the median of the whole runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's gl

import gl

#: the checkout being measured
ROOT = Path(gl.__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    totals = []
    for i in range(args.repeat):
        start = time.perf_counter()
        run = gl.load(ROOT / "examples/peano_exp/peano_exp_targets.mpl").prove()
        totals.append(time.perf_counter() - start)
        print(f"run {i + 1}: {totals[-1]:.1f} s, {len(run.proved)}/{len(run.theorems)} proved")
        elapsed = 0.0
        for t in run.theorems:
            elapsed += t.seconds
            status = f"proved at effort {t.effort}" if t.proved else f"unproved: {t.reason}"
            print(f"  {t.name:<14} {t.seconds:7.2f} s  at {elapsed:7.2f} s  {status}")
    print(f"median wall time: {statistics.median(totals):.1f} s over {len(totals)} runs")


if __name__ == "__main__":
    main()

"""Wall time and peak memory of proving the Peano targets (lemmas + the six laws).

    python benchmarks/peano_targets.py [--repeat 3] [--gl-reference]

Prints each run's time, the median, and the peak resident memory of one run.
"""

from __future__ import annotations

import argparse
import resource
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
    ap.add_argument("--gl-reference", action="store_true", help="axioms from ../shared/reference/gl-peano")
    args = ap.parse_args()
    path = ROOT / "examples/peano" / ("peano_gl_targets.mpl" if args.gl_reference else "peano_targets.mpl")
    times = []
    for i in range(args.repeat):
        start = time.perf_counter()
        run = gl.load(path).prove()
        times.append(time.perf_counter() - start)
        print(f"run {i + 1}: {times[-1]:.2f} s, {len(run.proved)}/{len(run.theorems)} proved, "
              f"{sum(t.steps for t in run.proved)} steps")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median wall time: {statistics.median(times):.2f} s over {len(times)} runs")
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")


if __name__ == "__main__":
    main()

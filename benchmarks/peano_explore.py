"""Wall time, peak memory and stage counts of exploring Peano from the axioms alone.

    python benchmarks/peano_explore.py [--repeat 3] [--timeout 900] [--profile] [--gl-reference]

Prints each run's wall time and their median, the peak memory, the stage counts and
times of the last run, which of the six laws were proved, and with --profile the
functions where the time goes (of one run). The target (issue 4) is 20 s and 300 MB;
the Generative Logic reference implementation takes 440 s and 1.35 GB.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's gl

import gl
from gl.explore import explore
from gl.laws import LAW_NAMES, named_law

#: the checkout being measured
ROOT = Path(gl.__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--profile", action="store_true", help="profile one run (slower)")
    ap.add_argument("--gl-reference", action="store_true", help="axioms from ../shared/reference/gl-peano")
    args = ap.parse_args()
    path = ROOT / "examples/peano" / ("peano_gl.mpl" if args.gl_reference else "")
    times = []
    prof = cProfile.Profile() if args.profile else None
    for i in range(1 if prof else args.repeat):
        start = time.perf_counter()
        if prof:
            prof.enable()
        run = explore(gl.load(path), timeout=args.timeout)
        if prof:
            prof.disable()
        times.append(time.perf_counter() - start)
        print(f"run {i + 1}: {times[-1]:.1f} s, {run.stages['proved']} theorems proved")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median wall time: {statistics.median(times):.1f} s over {len(times)} runs   "
          f"peak memory (max RSS): {peak:.0f} MB")
    for k, v in run.stages.items():
        print(f"  {k:26} {v}")
    for k, v in run.stage_seconds.items():
        print(f"  time {k:40} {v:.1f} s")
    found = {named_law(t.statement) for t in run.proved} - {None}
    for law in LAW_NAMES:
        print(f"  {'proved' if law in found else 'MISSING':8} {law}")
    if prof:
        pstats.Stats(prof).sort_stats("tottime").print_stats(15)


if __name__ == "__main__":
    main()

"""Wall time, peak memory and stage counts of exploring Peano from the axioms alone.

    python benchmarks/peano_explore.py [--timeout 900] [--profile]

Prints the stage counts and times, which of the six laws were proved, and with
--profile the functions where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import gl  # noqa: E402
from gl.explore import explore  # noqa: E402
from gl.laws import LAW_NAMES, named_law  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    prof = cProfile.Profile() if args.profile else None
    start = time.perf_counter()
    if prof:
        prof.enable()
    run = explore(gl.load(ROOT / "examples/peano"), timeout=args.timeout, progress=False)
    if prof:
        prof.disable()
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"wall time: {wall:.1f} s   peak memory: {peak:.0f} MB")
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

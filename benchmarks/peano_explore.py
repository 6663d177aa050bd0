"""Wall time, peak memory and stage counts of exploring Peano from the axioms alone.

    python benchmarks/peano_explore.py [--repeat 3] [--timeout 900] [--profile] [--gl-reference]
                                       [--theory examples/peano_mirrored]

Prints each run's wall and CPU time and their medians, the time by which the six laws
were proved (what counts on a theory such as examples/peano_exp, explored further), the load average before and
after (on a shared machine the CPU time is the steadier figure), the peak memory, the
stage counts and times of the last run, the attempts (proved and failed), which of the
six laws were proved, and with --profile the functions where the time goes (of one
run). The target (issues 4 and 15) is 20 s and 300 MB; the Generative Logic reference
implementation takes 440 s and 1.35 GB.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's gl

import gl
from gl.core.session import ProofRun
from gl.explore import explore
from gl.explore.progress import Attempted, Event
from gl.laws import LAW_NAMES, named_law

#: the checkout being measured
ROOT = Path(gl.__file__).resolve().parents[1]


def timed_run(path: Path, timeout: float, prof: cProfile.Profile | None) -> tuple[ProofRun, dict[str, float]]:
    """One exploration of `path` (profiled by `prof`, if any): the run, and its wall and
    CPU seconds, its attempts and failed ones, and when the six laws were all proved."""
    measured: dict[str, float] = {"attempts": 0, "failed": 0}
    laws: set[str | None] = set()
    start, start_cpu = time.perf_counter(), time.process_time()

    def progress(event: Event) -> None:
        if isinstance(event, Attempted):
            measured["attempts"] += 1
            measured["failed"] += not event.result.proved
            laws.add(named_law(event.result.statement) if event.result.proved else None)
            if laws.issuperset(LAW_NAMES):
                measured.setdefault("six laws", time.perf_counter() - start)

    if prof:
        prof.enable()
    run = explore(gl.load(path), timeout=timeout, progress=progress)
    if prof:
        prof.disable()
    measured["wall"], measured["cpu"] = time.perf_counter() - start, time.process_time() - start_cpu
    return run, measured


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--profile", action="store_true", help="profile one run (slower)")
    ap.add_argument("--gl-reference", action="store_true", help="axioms from ../shared/reference/gl-peano")
    ap.add_argument("--theory", type=Path, default=ROOT / "examples/peano", help="another theory (file or folder)")
    args = ap.parse_args()
    path = args.theory / "peano_gl.mpl" if args.gl_reference else args.theory
    times, cpu, six = [], [], []
    prof = cProfile.Profile() if args.profile else None
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for i in range(1 if prof else args.repeat):
        run, measured = timed_run(path, args.timeout, prof)
        times.append(measured["wall"])
        cpu.append(measured["cpu"])
        if "six laws" in measured:
            six.append(measured["six laws"])
        print(f"run {i + 1}: {times[-1]:.1f} s ({cpu[-1]:.1f} s CPU), {run.stages['proved']} theorems proved, "
              f"{measured['attempts']:.0f} attempts of which {measured['failed']:.0f} failed")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"median wall time: {statistics.median(times):.1f} s, CPU time {statistics.median(cpu):.1f} s "
          f"over {len(times)} runs   peak memory (max RSS): {peak:.0f} MB")
    if len(six) == len(times):
        print(f"the six laws proved after {statistics.median(six):.1f} s (median)")
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
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

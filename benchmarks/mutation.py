"""Theorem synthesis speed: checked theorems per second on one core (target ≥ 2,000).

    python benchmarks/mutation.py [PROOFS.json] [--rounds 2] [--max-per-seed 100] [--repeats 3]

Without PROOFS.json it proves the Peano targets (`gl.load(...).prove()`) first. Each repeat
synthesizes from scratch (load the laws, mutate, deduplicate, build proofs) and re-checks
every mutant with the independent checker in one document; it prints the medians of the
repeats. Times are CPU seconds of this process (`time.process_time`, one core: the figure
does not depend on what else runs on the machine), with wall-clock seconds beside them.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2000.0

# This script's name shadows the `mutation` package when run as `python benchmarks/mutation.py`
# (its folder comes first on sys.path): look in the repository root instead.
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)
alchemy = importlib.import_module("mutation.alchemy")


def peano_library() -> Any:
    """The Peano targets, proved in this process."""
    import gl

    run = gl.load(ROOT / "examples" / "peano" / "peano_targets.mpl").prove()
    return alchemy.Library.from_run(run)


def once(library: Any, rounds: int, max_per_seed: int | None) -> dict[str, float]:
    """One synthesis and check; CPU and wall seconds of each phase, and the counts."""
    c0, w0 = time.process_time(), time.perf_counter()
    fresh = alchemy.Library(library.theory, library.theorems, library.source)
    syn = alchemy.Synthesizer(fresh, rounds=rounds, max_per_seed=max_per_seed)
    syn.run()
    c1, w1 = time.process_time(), time.perf_counter()
    report = syn.check()
    c2, w2 = time.process_time(), time.perf_counter()
    steps = sum(len(m.realized.steps) for m in syn.mutants)
    return {"mutants": len(syn.mutants), "passed": syn.stats.passed, "failures": len(report.failures),
            "seeds": syn.stats.seeds, "steps": steps, "gen_cpu": c1 - c0, "check_cpu": c2 - c1,
            "gen_wall": w1 - w0, "check_wall": w2 - w1}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("proofs", nargs="?", type=Path, help="a gl.proofs/1 library (default: prove Peano)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--max-per-seed", type=int, default=100, help="0: no limit")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    library = alchemy.Library.load(args.proofs) if args.proofs else peano_library()
    runs = [once(library, args.rounds, args.max_per_seed or None) for _ in range(args.repeats)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    n, passed = runs[0]["mutants"], runs[0]["passed"]
    gen, chk = med("gen_cpu"), med("check_cpu")
    rate = passed / (gen + chk)
    print(f"library: {args.proofs or 'peano_targets.mpl (proved here)'} — {runs[0]['seeds']} seeds; "
          f"{args.rounds} rounds, max {args.max_per_seed or 'unlimited'} per seed and kind")
    print(f"mutants: {n} ({n / runs[0]['seeds']:.1f} per seed), passed the checker: {passed}, "
          f"failures: {runs[0]['failures']}, proof steps: {runs[0]['steps'] / n:.1f} per mutant")
    print(f"generate (mutate, dedup, prove), median of {args.repeats}: {gen:.2f} s CPU "
          f"({med('gen_wall'):.2f} s wall) = {n / gen:,.0f} mutants/s")
    print(f"check (independent checker): {chk:.2f} s CPU ({med('check_wall'):.2f} s wall) "
          f"= {passed / chk:,.0f} theorems/s")
    print(f"end to end: {rate:,.0f} checked theorems/s on one core "
          f"({passed / (med('gen_wall') + med('check_wall')):,.0f}/s wall)")
    verdict = "met" if rate >= TARGET else "not met"
    print(f"target {TARGET:,.0f} checked theorems/s: {verdict} ({rate / TARGET:.2f}x)")


if __name__ == "__main__":
    main()

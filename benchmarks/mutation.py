"""Theorem synthesis at scale: checked theorems per second, memory, bytes per row, distinctness
and the mix, as `gl mutate` makes them (target ≥ 2,000 checked theorems/s per core).

    gl prove examples/peano --out /tmp/pe          # the exploration library (205 theorems)
    python benchmarks/mutation.py /tmp/pe/proofs.json --sizes 10000,100000,1000000 [--rounds 3]
    python benchmarks/mutation.py                  # Peano targets, proved here, 2 rounds, median of 3

Each size runs in a fresh process (its own peak memory): the synthesis writes a sharded
JSONL dataset folder batch by batch (`mutation.alchemy.shards.write_dataset`, what `gl mutate`
runs), every mutant checked by the independent checker; every 100,000 rows (and at the end) it
reports the throughput of that stretch, in rows and in proof steps (the rows of a later round
have longer proofs), per CPU second of the process (one core: the figure
does not depend on what else runs on the machine) and wall seconds. Beside it the benchmark
counts distinct rows modulo renaming (`canonical_hash`) and modulo AC of the library's AC
operators (the AC normal form of each row, timed apart: the cost of `--equivalence ac`), and
the mix of seed families, kinds and rounds.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
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
    """One synthesis and check in memory; CPU and wall seconds of each phase, and the counts."""
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


def targets(args: argparse.Namespace) -> None:
    """The in-memory benchmark on the Peano targets (median of the repeats)."""
    library = peano_library()
    runs = [once(library, args.rounds or 2, args.max_per_seed or None) for _ in range(args.repeats)]

    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    n, passed = runs[0]["mutants"], runs[0]["passed"]
    gen, chk = med("gen_cpu"), med("check_cpu")
    rate = passed / (gen + chk)
    print(f"library: peano_targets.mpl (proved here) — {runs[0]['seeds']} seeds; {args.rounds or 2} rounds")
    print(f"mutants: {n}, passed the checker: {passed}, failures: {runs[0]['failures']}, "
          f"proof steps: {runs[0]['steps'] / n:.1f} per mutant")
    print(f"generate (mutate, dedup, prove), median of {args.repeats}: {gen:.2f} s CPU = {n / gen:,.0f} mutants/s")
    print(f"check (independent checker): {chk:.2f} s CPU = {passed / chk:,.0f} theorems/s")
    print(f"end to end: {rate:,.0f} checked theorems/s on one core; target {TARGET:,.0f}: "
          f"{'met' if rate >= TARGET else 'not met'} ({rate / TARGET:.2f}x)")


def scale_one(proofs: Path, size: int, rounds: int, seeds: str, out: Path, every: int) -> dict[str, Any]:
    """One run of `size` mutants into the folder `out` (in this process); its figures, with
    the throughput of each stretch of `every` rows (also printed as it comes)."""
    from gl.execution import Execution
    from mutation.alchemy.canon import digest
    from mutation.alchemy.equivalence import ac_equation_key, ac_operators
    from mutation.alchemy.shards import DatasetWriter, write_dataset

    library = alchemy.Library.load(proofs)
    syn = alchemy.Synthesizer(library, rounds=rounds, seeds=seeds, max_mutants=size)
    ac_ops = ac_operators(library.laws, library.constants)
    writer = DatasetWriter(out, {"benchmark": size}, shard_size=100_000)
    plain: set[bytes] = set()
    ac: set[bytes] = set()
    mix: Counter[tuple[str, str]] = Counter()
    rounds_seen: Counter[int] = Counter()
    stretches: list[dict[str, float]] = []
    acc = {"rows": 0, "cpu": 0.0, "wall": 0.0, "ac": 0.0, "peak": 0.0, "steps": 0}

    def on_batch(p: Any) -> None:
        t = time.process_time()
        for m in p.batch:
            plain.add(m.digest)
            key = m.plan.key if m.plan.lhs is None else \
                ac_equation_key(m.plan.lhs, m.plan.rhs, library.constants, ac_ops, m.plan.key[0] == "neq")
            ac.add(digest(key))
            mix[m.seed.family, m.kind] += 1
            rounds_seen[m.round] += 1
        acc["ac"] += time.process_time() - t
        acc["rows"] += p.since
        acc["cpu"] += p.cpu
        acc["wall"] += p.wall
        acc["steps"] += p.steps or 0
        acc["peak"] = p.peak_mb
        if acc["rows"] >= every:
            stretch(p.rows)

    def stretch(rows: int) -> None:
        s = {"rows": rows, "cpu_rate": acc["rows"] / acc["cpu"], "wall_rate": acc["rows"] / acc["wall"],
             "steps_per_row": acc["steps"] / acc["rows"], "steps_rate": acc["steps"] / acc["cpu"],
             "peak_mb": acc["peak"], "load": os.getloadavg()[0]}
        stretches.append(s)
        acc.update(rows=0, cpu=0.0, wall=0.0, steps=0)
        print(f"    at {rows:>9,}: {stretch_line(s)} (load {s['load']:.1f}, round {syn.round})",
              file=sys.stderr, flush=True)

    c0, w0 = time.process_time(), time.perf_counter()
    rows, failures = write_dataset(syn, writer, Execution(workers=1), every=1, progress=on_batch)
    cpu, wall = time.process_time() - c0 - acc["ac"], time.perf_counter() - w0
    if acc["rows"]:
        stretch(rows)
    nbytes = sum(p.stat().st_size for p in out.glob("shard-*.jsonl"))
    return {"size": size, "rows": rows, "passed": syn.stats.passed, "failures": len(failures),
            "cpu": cpu, "wall": wall, "rate_cpu": syn.stats.passed / cpu, "stretches": stretches,
            "peak_mb": max((s["peak_mb"] for s in stretches), default=0.0), "bytes_per_row": nbytes / max(rows, 1),
            "distinct_renaming": len(plain), "distinct_ac": len(ac), "ac_us": 1e6 * acc["ac"] / max(rows, 1),
            "ac_operators": sorted(ac_ops), "mix": {f"{f}/{k}": n for (f, k), n in sorted(mix.items())},
            "rounds": {str(r): n for r, n in sorted(rounds_seen.items())},
            "generate_cpu": syn.stats.generate_seconds, "check_cpu": syn.stats.check_seconds,
            "load": os.getloadavg()}


def stretch_line(s: dict[str, float]) -> str:
    """A stretch's rows/s, proof steps per row and steps/s (CPU: rows of longer proofs cost
    more, the steps/s tell the program's part of a change from the data's), wall rows/s, peak."""
    return (f"{s['cpu_rate']:>6,.0f}/s CPU ({s['steps_per_row']:.1f} steps/row, {s['steps_rate']:>6,.0f} steps/s) "
            f"{s['wall_rate']:>6,.0f}/s wall, peak {s['peak_mb']:,.0f} MB")


def scale(args: argparse.Namespace) -> None:
    """Each size in a fresh process; a table of the figures."""
    results = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "result.json"
            cmd = [sys.executable, __file__, str(args.proofs), "--one", str(size), "--rounds", str(args.rounds),
                   "--seeds", args.seeds, "--every", str(args.every), "--result", str(out)]
            subprocess.run(cmd, check=True)
            results.append(json.loads(out.read_text()))
        r = results[-1]
        print(f"{r['size']:,} mutants ({r['rows']:,} rows, {r['passed']:,} passed the checker, "
              f"{r['failures']} failures); load average {', '.join(f'{x:.1f}' for x in r['load'])}")
        print(f"  throughput {r['rate_cpu']:,.0f} checked/s CPU, {r['rows'] / r['wall']:,.0f}/s wall "
              f"(wall: generate {r['generate_cpu']:.0f} s, check {r['check_cpu']:.0f} s); "
              f"peak {r['peak_mb']:,.0f} MB; {r['bytes_per_row']:,.0f} bytes/row")
        for s in r["stretches"]:
            print(f"    at {s['rows']:>9,}: {stretch_line(s)}")
        print(f"  distinct modulo renaming {r['distinct_renaming']:,}; modulo AC of "
              f"{', '.join(r['ac_operators']) or 'nothing'} {r['distinct_ac']:,} "
              f"({r['ac_us']:.0f} µs per row for the AC normal form)")
        print("  mix: " + ", ".join(f"{k} {n:,}" for k, n in r["mix"].items())
              + "; rounds " + ", ".join(f"{k}: {n:,}" for k, n in r["rounds"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("proofs", nargs="?", type=Path, help="a gl.proofs/1 library (default: prove the Peano targets)")
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[10_000, 100_000])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seeds", default="laws,lemmas")
    ap.add_argument("--every", type=int, default=100_000, help="rows per reported stretch")
    ap.add_argument("--max-per-seed", type=int, default=100, help="targets benchmark; 0: no limit")
    ap.add_argument("--repeats", type=int, default=3, help="targets benchmark")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.proofs is None:
        targets(args)
    elif args.one is not None:
        with tempfile.TemporaryDirectory() as tmp:
            r = scale_one(args.proofs, args.one, args.rounds, args.seeds, Path(tmp) / "ds", args.every)
        args.result.write_text(json.dumps(r))
    else:
        scale(args)


if __name__ == "__main__":
    main()

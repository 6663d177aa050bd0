"""AutoNumerics benchmark: per function and op count, the best baseline, the best seed and
the search's front, all float64-evaluated (the program as written against mpmath).

    python benchmarks/autonumerics.py                         # the suite, 30 generations each
    python benchmarks/autonumerics.py --generations 10 --only exp2 tanh
    python benchmarks/autonumerics.py --only exp2 --max-ops 10 --seeds generic --minutes 10
    python benchmarks/autonumerics.py --only exp2 --max-ops 10 --seeds generic --until 1e-12
    python benchmarks/autonumerics.py --function examples/autonumerics/functions.py:softplus \\
        --reference examples/autonumerics/functions.py:softplus_mp --interval 0 1
    python benchmarks/autonumerics.py --results out/results.json   # table of a gl evolve run

The suite is exp2 [0, 1], tanh [0, 1], log2 [1, 2], erf [0, 1] and sin [0, π/4] (and the
``--function`` given, on ``--interval``). Each row is an op count k (``--ops-from`` to
``--max-ops``): the best baseline (all families, on every reduction that respects the
function's zeros and symmetries) and the best seed of cost at most k, the front program of
cost at most k (baselines and seeds were in its initial population, so it is never worse),
its lineage, and whether evolution improved on both. ``--out DIR`` keeps each function's
report (``DIR/NAME/index.html``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gl.execution import Execution  # noqa: E402
from mutation.autonumerics.report import comparison_rows, summarize, write_report  # noqa: E402
from mutation.autonumerics.search import Config, Evolution  # noqa: E402

SUITE = (("exp2", (0.0, 1.0)), ("tanh", (0.0, 1.0)), ("log2", (1.0, 2.0)), ("erf", (0.0, 1.0)),
         ("sin", (0.0, math.pi / 4)))


def _fmt(v: float | None) -> str:
    return f"{v:9.2e}" if v is not None and math.isfinite(v) else "        —"


def table(results: dict, ops_from: int = 1) -> str:
    """Per op count: best baseline (and its family), best seed, front, lineage, gain."""
    unit = "ulp32" if results["config"]["float32"] else "error"
    lines = [f"{'ops':>3} {'baseline':>9} {'seed':>9} {'evolved':>9} {'gain':>7}  from"
             f"  ({unit}; baseline family)"]
    for row in comparison_rows(results):
        if row["cost"] < ops_from:
            continue
        gain = f"{row['gain']:7.3g}" if row["improved"] else "      —"
        origin = row["origin"] or "—"
        if row["mutations"]:
            origin += f" +{row['mutations']} mutations"
        lines.append(f"{row['cost']:3d} {_fmt(row['baseline'])} {_fmt(row['seed'])} "
                     f"{_fmt(row['evolved'])} {gain}  {origin}  ({row['baseline_family']})")
    return "\n".join(lines)


def curve(results: dict) -> str:
    """The search's best error (on its check grid, before the final float64 measurement)
    against CPU time: one line per improvement at the largest op count reached."""
    best, points = math.inf, []
    for h in results["history"]:
        if h["error"] is not None and h["error"] < best:
            best = h["error"]
            points.append(f"{h['cpu']:.0f} s {best:.1e} ({h['cost']} ops)")
    return "best error vs CPU time: " + ", ".join(points)


def verdict(results: dict, ops_from: int) -> str:
    """How often the front beats the best baseline and how often evolution added."""
    rows = [r for r in comparison_rows(results) if r["cost"] >= ops_from
            and r["baseline"] is not None and r["evolved"] is not None]
    at_least = sum(r["evolved"] <= r["baseline"] for r in rows)
    strictly = sum(r["evolved"] < r["baseline"] for r in rows)
    improved = sum(r["improved"] for r in rows)
    return (f"front <= best baseline at {at_least}/{len(rows)} op counts, strictly better at "
            f"{strictly}; evolution improved on the best start at {improved}")


def run_one(config: Config, generations: int | None, minutes: float | None, workers: int,
            out: Path | None, dense: int = 1 << 15, until: float | None = None) -> dict:
    """Search (until an error of ``until`` at most, when given), measure on ``dense`` grid
    points and (with ``out``) write the report; returns the results."""
    evo = Evolution(config)
    start = time.perf_counter()
    with Execution(workers=workers) as ex:
        reason = evo.run(generations=generations, minutes=minutes, execution=ex, until=until,
                         progress=lambda line: print(line, file=sys.stderr, flush=True))
    results = summarize(evo, reason, dense=dense)
    results["benchmark_wall_s"] = round(time.perf_counter() - start, 1)
    if out:
        name = "".join(ch if ch.isalnum() else "_" for ch in config.function.split(":")[-1])
        write_report(out / name, results)
    return results


def describe(results: dict) -> str:
    c, s = results["config"], results["search"]
    return (f"{c['function']} on [{c['interval'][0]:.6g}, {c['interval'][1]:.6g}], "
            f"{results['target']['error']} error, seeds {c['seeds']}: {s['generations']} "
            f"generations, {s['children']} children in {s['elapsed_s']} s of search, "
            f"{s.get('cpu_s', '?')} s CPU ({results.get('benchmark_wall_s', '?')} s with measuring), "
            f"stopped by {s['stop']}; reductions: "
            f"{', '.join(results['behaviour']['reductions']) or 'none'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", nargs="+", metavar="NAME", help="suite functions to run")
    ap.add_argument("--function", help="a user function MODULE:ATTR (added to the suite)")
    ap.add_argument("--reference", help="its mpmath reference MODULE:ATTR")
    ap.add_argument("--interval", nargs=2, type=float, default=(0.0, 1.0))
    ap.add_argument("--max-ops", type=int, default=12)
    ap.add_argument("--ops-from", type=int, default=6)
    ap.add_argument("--generations", type=int, default=30)
    ap.add_argument("--minutes", type=float, help="a time limit instead of generations")
    ap.add_argument("--until", type=float, help="stop once the best error is at most this")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", choices=["classical", "generic"], default="classical")
    ap.add_argument("--float32", action="store_true")
    ap.add_argument("--workers", type=int, default=1, help="Ray workers (1: in process)")
    ap.add_argument("--dense", type=int, default=1 << 15, help="grid points of the float64 "
                    "measurement (plus fine grids around the worst ones)")
    ap.add_argument("--out", type=Path, help="write each function's report under this folder")
    ap.add_argument("--results", type=Path, help="print the table of this results.json")
    args = ap.parse_args()
    if args.results:
        results = json.loads(args.results.read_text())
        print(describe(results))
        print(table(results, args.ops_from))
        return
    suite = [(n, i) for n, i in SUITE if not args.only or n in args.only]
    runs = [Config(n, interval=i, max_ops=args.max_ops, seed=args.seed, seeds=args.seeds,
                   float32=args.float32) for n, i in suite]
    if args.function:
        runs.append(Config(args.function, reference=args.reference,
                           interval=tuple(args.interval), max_ops=args.max_ops,
                           seed=args.seed, seeds=args.seeds, float32=args.float32))
    generations = None if args.minutes else args.generations
    for config in runs:
        results = run_one(config, generations, args.minutes, args.workers, args.out,
                          args.dense, args.until)
        print(describe(results))
        print(table(results, args.ops_from))
        print(verdict(results, args.ops_from))
        print(curve(results))
        print(flush=True)


if __name__ == "__main__":
    main()

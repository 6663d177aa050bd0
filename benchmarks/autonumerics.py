"""AutoNumerics benchmark: the evolved front next to the baselines, and search throughput.

    python benchmarks/autonumerics.py                        # 2^x on [0, 1], 10 ops, 10 min
    python benchmarks/autonumerics.py --minutes 2 --seed 1
    python benchmarks/autonumerics.py --results out/results.json   # table of a gl evolve run

Prints, for every op count, the best evolved error (confirmed in mpmath) and the best
Taylor, Padé, Chebyshev, minimax polynomial and minimax rational errors at that cost, and
the ratio of the best baseline to the evolved error; then the search statistics and the
throughput of a fixed 6-generation search (children per second, median of 3 repeats).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gl.execution import Execution  # noqa: E402
from mutation.autonumerics.baselines import FAMILIES  # noqa: E402
from mutation.autonumerics.report import comparison_rows, summarize  # noqa: E402
from mutation.autonumerics.search import Config, Evolution  # noqa: E402


def _fmt(v: float | None) -> str:
    return f"{v:9.2e}" if v is not None else "        —"


def table(results: dict) -> str:
    """The front and the baselines side by side, one row per op count."""
    short = {"Taylor": "Taylor", "Padé": "Pade", "Chebyshev": "Cheb",
             "minimax polynomial": "mmpoly", "minimax rational": "mmrat"}
    head = f"{'ops':>3} {'evolved':>9} " + " ".join(f"{short[f]:>9}" for f in FAMILIES)
    lines = [head + f" {'best/evo':>9}"]
    for row in comparison_rows(results):
        base = [row[f] for f in FAMILIES if row[f] is not None]
        ratio = (min(base) / row["evolved"]) if base and row["evolved"] else None
        lines.append(f"{row['cost']:3d} {_fmt(row['evolved'])} "
                     + " ".join(_fmt(row[f]) for f in FAMILIES)
                     + (f" {ratio:9.3g}" if ratio else "         —"))
    return "\n".join(lines)


def throughput(config: Config, repeats: int = 3, generations: int = 6, workers: int = 1
               ) -> float:
    """Children evaluated per second by a fixed short search (median of ``repeats``)."""
    rates = []
    for _ in range(repeats):
        evo = Evolution(config)
        start = time.perf_counter()
        with Execution(workers=workers) as ex:
            evo.run(generations=generations, execution=ex)
        rates.append(evo.stats.children / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--function", default="exp2")
    ap.add_argument("--interval", nargs=2, type=float, default=(0.0, 1.0))
    ap.add_argument("--max-ops", type=int, default=10)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", type=int, default=1, help="Ray workers (1: in process)")
    ap.add_argument("--results", type=Path, help="print the table of this results.json")
    args = ap.parse_args()
    if args.results:
        results = json.loads(args.results.read_text())
    else:
        config = Config(args.function, interval=tuple(args.interval), max_ops=args.max_ops,
                        seed=args.seed)
        evo = Evolution(config)
        with Execution(workers=args.workers) as ex:
            reason = evo.run(minutes=args.minutes, execution=ex,
                             progress=lambda line: print(line, file=sys.stderr, flush=True))
        results = summarize(evo, reason)
    c, s = results["config"], results["search"]
    print(f"{c['function']} on [{c['interval'][0]:g}, {c['interval'][1]:g}], at most "
          f"{c['max_ops']} ops, seed {c['seed']}: errors are max relative errors confirmed "
          "in mpmath")
    print(table(results))
    print(f"search: {s['generations']} generations, {s['children']} children in "
          f"{s['elapsed_s']} s ({s['children'] / max(s['elapsed_s'], 1e-9):.1f}/s), "
          f"cache hit rate {100 * s['cache_hit_rate']:.1f}% "
          f"({s['exact_hits']} exact, {s['functional_hits']} functional)")
    best = results["front"][-1] if results["front"] else None
    if best:
        print(f"best: {best['cost']} ops, {best['program']}")
    if not args.results:
        small = Config(args.function, interval=tuple(args.interval), max_ops=args.max_ops,
                       seed=args.seed, population=32, batch=16)
        print(f"throughput (6 generations, population 32, 1 worker, median of 3): "
              f"{throughput(small):.1f} children/s")


if __name__ == "__main__":
    main()

"""Checker speed: steps re-checked per second on the Peano proofs (target ≥ 20,000).

    python benchmarks/checker.py [PROOFS.json] [--repeats 7]

Without PROOFS.json it runs `gl prove examples/peano/peano_targets.mpl --targets-only`
into a temporary folder first. Prints the median of the repeats for a cold checker (fresh
caches, as `gl check` runs) and a warm one (caches kept), plus the theory/JSON load time.
Times are CPU seconds of this process (`time.process_time`), so a busy machine does not
distort them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from gl.checker import Checker, load_proofs

ROOT = Path(__file__).resolve().parents[1]


def peano_proofs(folder: Path) -> Path:
    """Prove the Peano targets into `folder`; the path of proofs.json."""
    cmd = [sys.executable, "-m", "gl.cli", "prove", str(ROOT / "examples/peano/peano_targets.mpl"),
           "--targets-only", "--out", str(folder)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1) or not (folder / "proofs.json").is_file():
        sys.exit(f"gl prove failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return folder / "proofs.json"


def median_seconds(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.process_time()
        run()
        times.append(time.process_time() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("proofs", nargs="?", type=Path)
    ap.add_argument("--repeats", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.proofs or peano_proofs(Path(tmp))
        load_s = median_seconds(lambda: load_proofs(path), args.repeats)
        doc, theory = load_proofs(path)
        report = Checker(theory).check(doc)
        cold = median_seconds(lambda: Checker(theory).check(doc), args.repeats)
        warm_checker = Checker(theory)
        warm = median_seconds(lambda: warm_checker.check(doc), args.repeats)
    n = report.steps
    proved = len(report.accepted) + len({f.theorem for f in report.failures})
    print(f"proofs: {path.name if args.proofs else 'gl prove peano_targets.mpl --targets-only'} — "
          f"{proved} proved theorems, {n} steps, {len(report.failures)} failures")
    print(f"load (theory + JSON), median of {args.repeats}: {load_s * 1e3:.1f} ms")
    print(f"check, cold caches: {cold * 1e3:.2f} ms = {n / cold:,.0f} steps/s")
    print(f"check, warm caches: {warm * 1e3:.2f} ms = {n / warm:,.0f} steps/s")
    print(f"target 20,000 steps/s: {'met' if n / cold >= 20_000 else 'NOT met'} "
          f"({n / cold / 20_000:.2f}x)")


if __name__ == "__main__":
    main()

"""GL's Gauss batch: the targets run and the exploration, beside the reference's figures.

    python benchmarks/gauss.py [--only targets|explore] [--explore-timeout 600]

Runs, each in a child process of its own (its wall and CPU time and peak memory are that
child's, from `os.wait4`):
- `gl prove examples/gauss/gauss_targets.mpl --targets-only`: the Peano laws, ≤ and
  intervals, folds over [i0, i0] and [i0, s(k)], then Gauss's formula and its converse;
- `gl prove examples/gauss --timeout T` (no targets): exploration from the AnchorGauss
  axioms alone (issue 16's item 4).
Each run's proofs.json is re-checked by `gl check`; printed: the theorems proved (and, for
the exploration, essential), whether Gauss's formula is among them, and the reference
implementation's figures (its Gauss batch: 10 theorems; its Peano run alone: 440 s and
1.35 GB on this kind of 2-core machine). Quote the load average beside the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's gl

from gl.checker import check_file  # noqa: E402

REFERENCE = "reference (GL, its Gauss batch): 10 theorems; its Peano run alone 440 s, 1.35 GB"
#: Gauss's formula as the targets state it (`n · s(n) = i2 · S`) or as the explorer finds it
#: (`a * s(a) = b + b`, gl/explore/relations.py): a sum from i0 and a product with a successor
GAUSS = re.compile(r"^(?=.*fold\[N,s,\+,id,i0,(\w+),(\w+)\])(?=.*in2\[\1,(\w+),s\])"
                   r"(?=.*in3\[(?:\1,\3|\3,\1),\w+,\*\])(?=.*in3\[(?:i2,\2|\2,\2),)")


def measured(args: list[str], out: Path) -> dict:
    """Run `gl prove ARGS --out OUT` in a child; its wall and CPU seconds, peak RSS (MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "gl.cli", "prove", *args, "--out", str(out), "-q"],
                             cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime,
            "rss_mb": usage.ru_maxrss / 1024, "exit": child.returncode}


def report(name: str, fig: dict, proofs: Path) -> None:
    doc = json.loads(proofs.read_text())
    check = check_file(proofs)
    proved = [t for t in doc["theorems"] if t["status"] == "proved"]
    ground = sum(t.get("origin") == "incubator" for t in proved)
    laws = [t for t in proved if t.get("origin") != "incubator"]
    compressed = any(t.get("essential") is not None for t in laws)  # exploration compresses; targets do not
    essential = f" ({sum(bool(t.get('essential')) for t in laws)} essential)" if compressed else ""
    stated = [t for t in doc["theorems"] if t.get("origin") != "incubator" and GAUSS.search(t["statement"])]
    gauss = [f"{t['name']} ({t['status']})" for t in stated]
    about = [t for t in doc["theorems"] if t.get("origin") != "incubator" and "fold[" in t["statement"]]
    print(f"{name}: {fig['wall']:.1f} s wall, {fig['cpu']:.1f} s CPU, {fig['rss_mb']:.0f} MB peak RSS; "
          f"{len(laws)} theorems proved{essential} and {ground} ground facts; "
          f"{len(check.accepted)} accepted by gl check{'' if check.ok else ' (FAILURES)'}; "
          f"statements about sums: {sum(t['status'] == 'proved' for t in about)} proved of {len(about)}; "
          f"Gauss's formula: {', '.join(gauss) or 'not found'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--explore-timeout", type=float, default=600.0)
    ap.add_argument("--only", choices=("targets", "explore"), help="run only this one")
    args = ap.parse_args()
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "explore":
            out = Path(tmp) / "targets"
            fig = measured(["examples/gauss/gauss_targets.mpl", "--targets-only"], out)
            report("targets", fig, out / "proofs.json")
        if args.only != "targets":
            out = Path(tmp) / "explore"
            fig = measured(["examples/gauss", "--timeout", str(args.explore_timeout)], out)
            report(f"exploration (--timeout {args.explore_timeout:g})", fig, out / "proofs.json")
    print(REFERENCE)


if __name__ == "__main__":
    main()

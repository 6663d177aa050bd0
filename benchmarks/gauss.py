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
1.35 GB on this kind of 2-core machine), and a table of the reference's proved theorems
(but AnchorGauss ⇒ AnchorPeano) with the gl theorems of each run that state them. Quote the
load average beside the figures.

Measured on the shared 2-core machine at load ≈ 10 (CPU time is the steady figure): the
targets run 138 s CPU, 79 MB, 24 of 24 proved; the exploration 53 s CPU, 137 MB, 22
theorems (11 essential: the Peano laws, 9 laws of ≤, 3 sums) and 218 ground facts,
Gauss's formula conjectured (fold_5), not proved. Of the reference's rows the targets
state and prove 5 (the formula, its converse, n ∈ [i0, n], s(a) = b → a ≤ b,
transitivity), the exploration 2 (the two laws of ≤); the 6 about restrictions and
sequences gl does not state.
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


#: the reference's proved Gauss theorems (../shared/reference/gl-gauss/reference_proved_gauss.txt,
#: but its first line, AnchorGauss ⇒ AnchorPeano), in words, each with the pattern of the
#: canonical MPL statement of a gl theorem that states it (None: gl states nothing of its kind)
THEOREMS: tuple[tuple[str, re.Pattern | None], ...] = (
    ("Gauss's formula: S = Σ_{i=i0..n} i, m = s(n) → n · m = i2 · S",
     re.compile(GAUSS.pattern + r"(?=.*\(in3\[(?:\1,\3|\3,\1),\w+,\*\]\)\)+$)")),
    ("its converse: n · m = k, S = Σ_{i=i0..n} i, m = s(n) → i2 · S = k",
     re.compile(r"^\(>\[[^]]*\]\(in3\[(\w+),(\w+),(\w+),\*\]\).*fold\[N,s,\+,id,i0,\1,(\w+)\].*"
                r"\(in3\[(?:i2,\4|\4,\4),\3,[*+]\]\)\)+$")),
    ("n ∈ [i0, n]", re.compile(r"interval\[N,\+,\w+,(\w+),(\w+)\].*\(in\[\1,\2\]\)\)+$")),
    ("s(a) = b → a ≤ b", re.compile(r"^\(>\[(\w+),(\w+)\]\(in2\[\1,\2,s\]\)\(preorder\[N,\+,\1,\2\]\)\)$")),
    ("a ≤ b ∧ b ≤ c → a ≤ c", re.compile(r"^\(>\[[\w,]+\]\(&.*?\(preorder\[N,\+,(\w+),(\w+)\]\)"
                                         r".*?\(preorder\[N,\+,\2,(\w+)\]\).*\(preorder\[N,\+,\1,\3\]\)\)$")),
    ("an interval [i0, s(a)] has a restriction to [i0, a] (its existence3)", None),
    ("a sequence on [i0, s(a)] has a restriction to [i0, a] (its existence4)", None),
    ("the restriction of [i0, s(a)] to a is [i0, a] (limitSet)", None),
    ("the restriction of a sequence on [i0, s(a)] is a sequence on [i0, a] (limitSequence)", None),
    ("f : [n, m] → N is a sequence on [n, m]", None),
    ("a sequence on [n, m] is a function [n, m] → N", None),
)


def matches(doc: dict, pattern: re.Pattern | None) -> str:
    """The names of the document's proved theorems (not incubator facts) that `pattern`
    matches, else whether a matching statement was tried."""
    if pattern is None:
        return "-"
    found = [t for t in doc["theorems"] if t.get("origin") != "incubator" and pattern.search(t["statement"])]
    proved = [t["name"] for t in found if t["status"] == "proved"]
    return ", ".join(proved) or (f"unproved: {found[0]['name']}" if found else "-")


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


def report(name: str, fig: dict, proofs: Path) -> dict:
    """Print the run's figures; its proof document."""
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
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--explore-timeout", type=float, default=600.0)
    ap.add_argument("--only", choices=("targets", "explore"), help="run only this one")
    args = ap.parse_args()
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    docs = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "explore":
            out = Path(tmp) / "targets"
            fig = measured(["examples/gauss/gauss_targets.mpl", "--targets-only"], out)
            docs["targets"] = report("targets", fig, out / "proofs.json")
        if args.only != "targets":
            out = Path(tmp) / "explore"
            fig = measured(["examples/gauss", "--timeout", str(args.explore_timeout)], out)
            docs["exploration"] = report(f"exploration (--timeout {args.explore_timeout:g})", fig, out / "proofs.json")
    print(REFERENCE)
    width = max(len(text) for text, _ in THEOREMS)
    print(f"{'the reference proves':{width}}  " + "  ".join(f"{run:24}" for run in docs))
    for text, pattern in THEOREMS:
        print(f"{text:{width}}  " + "  ".join(f"{matches(doc, pattern):24}" for doc in docs.values()))


if __name__ == "__main__":
    main()

"""Fuzz the MPL front end: random text and edited examples through the parser and the
compiler must end in success or a well-located `MPLError`, never another exception.

    python benchmarks/fuzz_mpl.py [--examples 10000] [--seed 0]

Prints, for each kind of input, how many examples ended in each outcome, and the rate.
Exits 1 on the first failure (printing the input that caused it); Ctrl-C stops early and
still prints the counts so far.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from mpl_lang import parse_expr, parse_module
from mpl_lang.fuzzing import (
    FuzzFailure,
    Workspace,
    apply_edits,
    mutate_gl,
    outcome,
    random_edits,
    random_text,
)

ROOT = Path(__file__).resolve().parents[1]

Case = tuple[str, Callable[[], object], str]


def cases(ws: Workspace, rng: random.Random) -> Case:
    """One random example: (input kind, the call to run, a description of the input)."""
    kind = rng.choice(("random text", "edited example: parse", "edited example: load",
                       "edited expression", "edited GL folder"))
    if kind == "random text":
        text = random_text(rng, rng.randrange(1, 200))
        return kind, lambda: parse_module(text, "random.mpl"), repr(text)
    if kind == "edited GL folder":
        files = mutate_gl(ws.gl_files, rng, rng.randrange(1, 6))
        return kind, lambda: ws.load_gl(files), repr(files)
    edits = random_edits(rng, rng.randrange(1, 8))
    if kind == "edited expression":
        text = apply_edits(rng.choice(ws.expressions), edits)
        return kind, lambda: parse_expr(text, "expr"), repr(text)
    name = rng.choice(sorted(ws.examples))
    text = apply_edits(ws.examples[name], edits)
    if kind == "edited example: parse":
        return kind, lambda: parse_module(text, name), repr(text)
    return kind, lambda: ws.load_text(text), repr(text)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    counts: dict[str, Counter[str]] = {}
    done, start = 0, time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp), ROOT / "examples" / "peano")
        try:
            for done in range(1, args.examples + 1):
                kind, run, shown = cases(ws, rng)
                try:
                    result = outcome(run)
                except FuzzFailure as exc:
                    print(f"FAIL on example {done} ({kind}): {exc}\ninput: {shown[:2000]}",
                          file=sys.stderr)
                    return 1
                counts.setdefault(kind, Counter())[result] += 1
        except KeyboardInterrupt:
            print(f"interrupted after {done} examples", file=sys.stderr)
    elapsed = time.perf_counter() - start
    total = sum(sum(c.values()) for c in counts.values())
    print(f"fuzz_mpl: {total} examples, seed {args.seed}, {elapsed:.1f} s, "
          f"{total / elapsed:.0f} examples/s, 0 failures")
    for kind in sorted(counts):
        print(f"  {kind} ({sum(counts[kind].values())}):")
        for result, n in counts[kind].most_common():
            print(f"    {result:<20} {n:>6}")
    overall = Counter()
    for c in counts.values():
        overall.update(c)
    print("  all kinds: " + ", ".join(f"{r} {n}" for r, n in overall.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

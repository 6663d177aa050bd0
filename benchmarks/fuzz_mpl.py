"""Fuzz the MPL front end: random text, edited examples and hostile files (definitions
that double in size, long include chains, deep nesting, large files, bytes that are not
UTF-8, control characters) through the parser and the compiler must end in success or a
well-located `MPLError` within the time limit: never another exception, never a hang.

    python benchmarks/fuzz_mpl.py [--examples 10000] [--seed 0] [--limit 20]

Runs a few extreme cases first (60 doubling definitions, include chains of 5,000 and
10,001 files, 100,000 nested negations, a file over the size limit), then the random
examples. Prints the number of crashes and hangs (both 0 when all is well) and, for each
kind of input, how many examples ended in each outcome; shows the first failing inputs and
exits 1 if there were any. Ctrl-C stops early and still prints the counts so far.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from mpl_lang import load, parse_expr, parse_module
from mpl_lang.fuzzing import (
    Tally,
    Workspace,
    apply_edits,
    hostile_files,
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
                       "edited expression", "edited GL folder", "hostile"))
    if kind == "random text":
        text = random_text(rng, rng.randrange(1, 200))
        return kind, lambda: parse_module(text, "random.mpl"), repr(text)
    if kind == "hostile":
        what, files = hostile_files(rng)
        path = ws.write_files(files)
        return f"hostile: {what}", lambda: load(path), _shown(files)
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


def extreme_cases(ws: Workspace) -> Iterator[Case]:
    """The largest hostile inputs, once each (each written when its turn comes)."""
    anchor = b"anchor A[N,z] := (in[z,N])\n"
    doubling = anchor + b"def E0[x] := (in[x,x])\n" + b"".join(
        f"def E{i}[x] := (&(E{i - 1}[x])(E{i - 1}[x]))\n".encode() for i in range(1, 60))

    def chain(n: int) -> dict[str, bytes]:
        files = {f"c{i}.mpl": f'include "c{i + 1}.mpl"\n'.encode() for i in range(n - 1)}
        return {**files, f"c{n - 1}.mpl": anchor}

    inputs = {"60 doubling definitions": {"e.mpl": doubling},
              "include chain of 5,000 files": chain(5000),
              "include chain of 10,001 files": chain(10_001),
              "100,000 nested negations": {"n.mpl": anchor + b"target t := " + b"!" * 100_000
                                           + b"(in[z,N])\n"},
              "600,000 byte file": {"big.mpl": anchor + b"def P[x] := (in[x,x])\n" * 27_000}}
    for name, files in inputs.items():
        path = ws.write_files(files)
        yield f"extreme: {name}", lambda path=path: load(path), name


def _shown(files: dict[str, bytes]) -> str:
    first = next(iter(files))
    return f"{len(files)} files, {first}: {files[first][:300]!r}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=20.0,
                    help="Seconds after which an example counts as a hang.")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    tally = Tally(args.limit)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp), ROOT / "examples" / "peano")
        try:
            for kind, run, shown in extreme_cases(ws):
                tally.run(kind, lambda run=run: outcome(run), shown)
            for _ in range(args.examples):
                kind, run, shown = cases(ws, rng)
                tally.run(kind, lambda run=run: outcome(run), shown)
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
    return tally.report(f"fuzz_mpl (seed {args.seed})", time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())

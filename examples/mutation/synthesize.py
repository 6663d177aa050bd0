"""Synthesize theorems from the Peano library by mutation, check them, write a dataset.

    python examples/mutation/synthesize.py [OUT_DIR]        # default: out/mutation

Proves the six Peano laws and their lemmas (`gl.load(...).prove()`), mutates them for two
rounds with rw and apply (Alchemy-style), re-checks every mutant with the independent
checker, and writes OUT_DIR/synth.jsonl (the dataset) and OUT_DIR/synth_proofs.json (the
library and the mutants; `gl check OUT_DIR/synth_proofs.json` re-checks it). The same from
the command line, given a proofs.json:

    gl prove examples/peano/peano_targets.mpl --targets-only --out out/peano
    gl mutate out/peano/proofs.json -o out/mutation/synth.jsonl --rounds 2 --kinds rw,apply
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import gl
from mutation.alchemy import Library, Synthesizer, check_mutant

ROOT = Path(__file__).resolve().parents[2]


def main(out: Path) -> None:
    run = gl.load(ROOT / "examples" / "peano" / "peano_targets.mpl").prove()
    library = Library.from_run(run)          # or Library.load("out/peano/proofs.json")
    print(f"library: {len(library.seeds)} theorems to mutate, {len(library.laws)} clauses that can act")

    syn = Synthesizer(library, kinds=("rw", "apply"), rounds=2, max_per_seed=100)
    for m in itertools.islice(syn, 4):       # mutants come lazily, in order
        print(f"{m.id} {m.kind:5} {m.seed.name} with {m.law.label}: {m.readable}")
        print(f"        Lean: {m.lean}")
        print(f"        checked: {check_mutant(library, m)}")   # re-check this one mutant
    syn.run()                                # make the rest
    report = syn.check()                     # check them all (documents of 20,000)
    print(f"{syn.stats.total} mutants, {syn.stats.passed} accepted by the checker, "
          f"{len(report.failures)} failures")

    out.mkdir(parents=True, exist_ok=True)
    syn.write_dataset(out / "synth.jsonl")
    syn.write_proofs(out / "synth_proofs.json")
    print(json.dumps(syn.stats.as_dict(), indent=1))
    print(f"wrote {out / 'synth.jsonl'} and {out / 'synth_proofs.json'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "mutation")

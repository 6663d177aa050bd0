"""Synthesize theorems from the Peano library by mutation, check them, write a dataset.

    python examples/mutation/synthesize.py [OUT_DIR]        # default: out/mutation

Proves the Peano laws and their lemmas (`gl.load(...).prove()`), then:

1. mutates them (rw and apply, Alchemy-style) as a *generator*: `Synthesizer.checked()`
   yields each mutant once the independent checker has passed its batch, in memory bounded by
   the batch, however many it makes (`max_mutants` samples evenly over theorems and laws);
2. writes the same synthesis as a dataset folder, as `gl mutate` does: JSONL shards (and
   Parquet when pyarrow is installed), `manifest.json` and the dataset card `README.md`.

The same from the command line, given a proofs.json:

    gl prove examples/peano/peano_targets.mpl --targets-only --out out/peano
    gl mutate out/peano/proofs.json -o out/mutation/synth --rounds 2 --format jsonl,parquet
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import gl
from gl.execution import Execution
from mutation.alchemy import Library, Synthesizer, check_mutant
from mutation.alchemy.shards import DatasetWriter, write_dataset

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = {"kinds": "rw,apply", "rounds": 2, "seeds": "laws,lemmas", "max_mutants": 2000}


def main(out: Path) -> None:
    run = gl.load(ROOT / "examples" / "peano" / "peano_targets.mpl").prove()
    library = Library.from_run(run)          # or Library.load("out/peano/proofs.json")
    print(f"library: {len(library.seeds)} theorems to mutate, {len(library.laws)} clauses that can act")

    syn = Synthesizer(library, **OPTIONS)
    for i, m in enumerate(syn.checked()):    # checked batch by batch, as they come
        if i < 4:
            print(f"{m.id} {m.kind:5} {m.seed.name} with {m.law.label}: {m.readable}  [checked: {m.checked}]")
            print(f"        Lean: {m.lean}")
        if i == 4:
            print(f"        re-checked alone: {check_mutant(library, m)}")   # one mutant, with what it rests on
    st = syn.stats
    print(f"{st.total} mutants, {st.passed} accepted by the checker; per round {dict(st.rounds)}")

    formats = ("jsonl", "parquet") if importlib.util.find_spec("pyarrow") else ("jsonl",)
    syn = Synthesizer(library, **OPTIONS)
    folder = out / "synth"
    writer = DatasetWriter(folder, {"library": "peano_targets.mpl", **syn.config.as_dict()},
                           shard_size=1000, formats=formats, command="python examples/mutation/synthesize.py")
    rows, failures = write_dataset(syn, writer, Execution())
    print(json.dumps(syn.stats.as_dict(), indent=1))
    print(f"wrote {rows} rows ({len(failures)} failures) to {folder}: "
          + ", ".join(sorted(p.name for p in folder.iterdir())))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "mutation")

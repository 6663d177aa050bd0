"""The proof-document format `gl.proofs/1` (export/SCHEMA.md): what is shared by the
prover that writes it and the readers (checker, HTML site, TPTP, mutation).

>>> from mpl_lang import load
>>> theory_json(load("examples/peano/peano.mpl"))["inductions"]
[{'set': 'N', 'base': 'i0', 'succ': 's'}]
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mpl_lang import Theory, readable, to_mpl
from mpl_lang.logic import ClauseError

SCHEMA = "gl.proofs/1"


def theory_json(theory: Theory) -> dict:
    """The informational theory section (the checker re-reads the source instead)."""
    axioms = []
    for i, c in enumerate(theory.axioms()):
        axioms.append({"index": i, "clause": f"unsupported: {c.message}" if isinstance(c, ClauseError) else str(c)})
    return {
        "constants": list(theory.constants),
        "inductions": [{"set": i.set, "base": i.base, "succ": i.succ} for i in theory.inductions],
        "definitions": [{"name": d.name, "params": list(d.params), "anchor": d.anchor,
                         "mpl": to_mpl(d.body), "readable": readable(d.body)}
                        for d in theory.definitions.values()],
        "axioms": axioms,
    }


def write_document(doc: dict, out_dir: str | Path) -> Path:
    """Write `proofs.json` (deterministic bytes) into `out_dir`; return its path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "proofs.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def source_relative(source: str | Path, out_dir: str | Path) -> str:
    """`source` relative to `out_dir` (how proofs.json names its MPL source)."""
    return Path(os.path.relpath(Path(source).resolve(), Path(out_dir).resolve())).as_posix()

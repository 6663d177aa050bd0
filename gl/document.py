"""The proof-document format `gl.proofs/1` (export/SCHEMA.md): what is shared by the
prover that writes it and the readers (checker, HTML site, TPTP, mutation).

>>> from mpl_lang import load
>>> theory_json(load("examples/peano/peano.mpl"))["inductions"]
[{'set': 'N', 'base': 'i0', 'succ': 's'}]
"""

from __future__ import annotations

import json
from pathlib import Path

from mpl_lang import Theory, module_to_mpl, readable, to_mpl
from mpl_lang.logic import ClauseError

SCHEMA = "gl.proofs/1"


def theory_json(theory: Theory) -> dict:
    """The informational theory section (the checker reads the embedded `mpl` instead)."""
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


def theory_mpl(theory: Theory) -> str:
    """The theory as one self-contained MPL module (includes expanded, canonical): what a
    document embeds as `mpl` and the checker checks against.

    >>> from mpl_lang import load
    >>> theory_mpl(load("examples/peano/peano.mpl")).count("anchor ")
    1
    """
    return module_to_mpl(theory.module())


def source_name(source: str | Path) -> str:
    """How a document names its theory's source for people: the name of the theory's folder
    and the file in it, or the folder's own name for a folder; never a path of the machine
    that wrote it (the checker reads the embedded `mpl`, not this).

    >>> source_name("/home/me/gl/examples/peano/peano_targets.mpl")
    'peano/peano_targets.mpl'
    """
    p = Path(source).resolve()
    return p.name if p.is_dir() else "/".join(part for part in (p.parent.name, p.name) if part)

"""Writing mutants out: a JSONL dataset (one row per mutant) and a `gl.proofs/1` document
(the library's theorems first, then the mutants citing them) that `gl check` re-checks.
Both are deterministic: the same library and settings give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gl import __version__
from gl.proofgraph import SCHEMA, source_relative, theory_json

if TYPE_CHECKING:
    from .library import Library
    from .mutant import Mutant


def with_lineage(mutants: Iterable[Mutant]) -> list[Mutant]:
    """`mutants` and every mutant they rest on, each once, parents before children."""
    out: dict[int, Mutant] = {}
    for m in mutants:
        for a in m.lineage():
            out.setdefault(id(a), a)
    return sorted(out.values(), key=lambda m: (m.round, m.id))


def document(library: Library, mutants: Iterable[Mutant], out_dir: str | Path,
             full: bool = True) -> dict[str, Any]:
    """The proof document of `mutants` (with the mutants they rest on). `full` lists every
    library theorem and the informative fields; otherwise only the library theorems the
    mutants cite, transitively, and what the checker reads (an in-memory check). `source`
    is relative to `out_dir`, the folder the document will be written to."""
    chain = with_lineage(mutants)
    if full:
        base = library.theorems
    else:
        base = library.closure(sorted({c for m in chain for c in m.cites if c in library.entries}))
    return {
        "schema": SCHEMA,
        "gl_version": __version__,
        "source": source_relative(library.source, out_dir),
        "theory": theory_json(library.theory),
        "settings": library.settings,
        "stages": {},
        "theorems": [*base, *(m.theorem(full) for m in chain)],
    }


def write_document(doc: dict[str, Any], path: str | Path) -> Path:
    """Write a proof document as `gl prove` does (indent 1, UTF-8)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write one JSON object per line; the number of rows written."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with p.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    return n

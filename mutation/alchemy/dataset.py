"""Writing mutants out: a JSONL dataset (one row per mutant) and a `gl.proofs/1` document
(the library's theorems first, then the mutants citing them) that `gl check` re-checks.
Both are deterministic: the same library and settings give the same bytes.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gl.document import SCHEMA, theory_json, theory_mpl
from gl.version import __version__

from .library import Library
from .model import Mutant


def with_lineage(mutants: Iterable[Mutant]) -> list[Mutant]:
    """`mutants` and every mutant they rest on, each once, parents before children."""
    out: dict[int, Mutant] = {}
    for m in mutants:
        for a in m.lineage():
            out.setdefault(id(a), a)
    return sorted(out.values(), key=lambda m: (m.round, m.id))


def document(library: Library, mutants: Iterable[Mutant], full: bool = True) -> dict[str, Any]:
    """The proof document of `mutants` (with the mutants they rest on). `full` lists every
    library theorem and the informative fields; otherwise only the library theorems the
    mutants cite, transitively, and what the checker reads (an in-memory check)."""
    chain = with_lineage(mutants)
    if full:
        base = library.theorems
    else:
        base = library.closure(sorted({c for m in chain for c in m.cites if c in library.entries}))
    return {**proofs_head(library), "theorems": [*base, *(m.theorem(full) for m in chain)]}


def write_document(doc: dict[str, Any], path: str | Path) -> Path:
    """Write a proof document as `gl prove` does (indent 1, UTF-8)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


class ProofsWriter:
    """Writes a proof document theorem by theorem — the library's, then mutants as they
    come (each after those it cites) — with the same bytes `write_document` would write
    for the whole document, so that large syntheses need not hold every proof at once.

    >>> import io
    >>> w = ProofsWriter(io.StringIO(), {"schema": "gl.proofs/1"}, [{"name": "t"}])
    >>> doc = {"schema": "gl.proofs/1", "theorems": [{"name": "t"}]}
    >>> w.close().getvalue() == json.dumps(doc, indent=1) + chr(10)
    True
    """

    _MARK = "\u0000theorems\u0000"

    def __init__(self, out: Any, head: dict[str, Any], theorems: Iterable[dict[str, Any]] = ()) -> None:
        self.out = out
        text = json.dumps({**head, "theorems": [self._MARK]}, indent=1, ensure_ascii=False)
        self._before, self._after = text.split(f"  {json.dumps(self._MARK)}")
        self._count = 0
        self.add(theorems)

    def add(self, theorems: Iterable[dict[str, Any]]) -> None:
        """Append theorem entries."""
        for t in theorems:
            body = textwrap.indent(json.dumps(t, indent=1, ensure_ascii=False), "  ")
            self.out.write((",\n" if self._count else self._before) + body)
            self._count += 1

    def close(self) -> Any:
        """Finish the document; returns the output."""
        if self._count:
            self.out.write(self._after + "\n")
        else:
            self.out.write(self._before.rstrip()[:-1] + "[]" + self._after.lstrip()[1:] + "\n")
        return self.out


def proofs_head(library: Library) -> dict[str, Any]:
    """Everything of a proof document but its theorems."""
    return {"schema": SCHEMA, "gl_version": __version__,
            "source": library.source, "mpl": theory_mpl(library.theory), "theory": theory_json(library.theory),
            "settings": library.settings, "stages": {}}


def write_jsonl(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write one JSON object per line; the number of rows written."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with p.open("wb") as fh:
        for row in rows:
            fh.write(jsonl_line(row))
            n += 1
    return n


def compact(data: Any) -> bytes:
    """Plain JSON data as compact UTF-8 JSON: `json.dumps(data, ensure_ascii=False,
    separators=(",", ":"))`.

    >>> compact({"a": [1, None, True], "b": "∀x: x = x"}).decode()
    '{"a":[1,null,true],"b":"∀x: x = x"}'
    """
    return _COMPACT(data).encode("utf-8")


#: one encoder for every row (`json.dumps` with options makes a new one per call)
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def jsonl_line(row: dict[str, Any]) -> bytes:
    """One dataset row as a line of JSON (UTF-8)."""
    return compact(row) + b"\n"

"""Read a `gl.proofs/1` file and the MPL theory it names (and nothing else).

>>> import json, pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "t.mpl").write_text("anchor T[N,z] := (in[z,N])")
>>> doc = {"schema": "gl.proofs/1", "source": "t.mpl", "theorems": []}
>>> _ = (d / "proofs.json").write_text(json.dumps(doc))
>>> load_proofs(d / "proofs.json")[1].constants
('N', 'z')
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mpl_lang

SCHEMA = "gl.proofs/1"


class ProofFileError(ValueError):
    """A proof file that cannot be read at all; `where` is `FILE` or `FILE:LINE:COL`."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def load_proofs(path: str | Path) -> tuple[dict[str, Any], mpl_lang.Theory]:
    """The parsed proof document and the theory loaded from its `source` (relative to the
    folder holding the file). Raises ProofFileError, or MPLError for a bad source."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProofFileError(f"cannot read: {getattr(exc, 'strerror', None) or exc}", str(p)) from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProofFileError(f"corrupt JSON: {exc.msg}", f"{p}:{exc.lineno}:{exc.colno}") from None
    validate(doc, str(p))
    return doc, mpl_lang.load(p.parent / doc["source"])


def validate(doc: object, where: str) -> None:
    """Raise ProofFileError unless `doc` has the shape of a gl.proofs/1 document."""
    if not isinstance(doc, dict):
        raise ProofFileError("a proof file is a JSON object", where)
    if doc.get("schema") != SCHEMA:
        raise ProofFileError(f"schema is {doc.get('schema')!r}, expected {SCHEMA!r}", where)
    if not isinstance(doc.get("source"), str) or not doc["source"]:
        raise ProofFileError("'source' must name the MPL file the theory was loaded from", where)
    if not isinstance(doc.get("theorems"), list):
        raise ProofFileError("'theorems' must be a list", where)

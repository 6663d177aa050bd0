"""Read a `gl.proofs/1` file and the MPL theory it names (or the one the user pins).

>>> import json, pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "t.mpl").write_text("anchor T[N,z] := (in[z,N])")
>>> doc = {"schema": "gl.proofs/1", "source": "t.mpl", "theorems": []}
>>> _ = (d / "proofs.json").write_text(json.dumps(doc))
>>> load_proofs(d / "proofs.json")[1].constants
('N', 'z')
>>> theory_fingerprint(load_proofs(d / "proofs.json")[1])[:16]
'06019cff72397117'
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import mpl_lang
from mpl_lang.ast import Include
from mpl_lang.compiler import MAX_SOURCE_BYTES
from mpl_lang.inputs import InputFileError, read_json
from mpl_lang.names import shown

SCHEMA = "gl.proofs/1"


class ProofFileError(ValueError):
    """A proof file that cannot be read at all; `where` is `FILE` or `FILE:LINE:COL`."""

    def __init__(self, message: str, where: str) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def read_proofs(path: str | Path) -> dict[str, Any]:
    """The proof document in `path`, read with the limits of `mpl_lang.inputs` (size,
    nesting, numbers) and shaped like gl.proofs/1; ProofFileError otherwise."""
    try:
        doc = read_json(path)
    except InputFileError as exc:
        raise ProofFileError(exc.message, str(exc.loc)) from None
    validate(doc, str(path))
    return doc


def load_proofs(path: str | Path, theory: str | Path | None = None
                ) -> tuple[dict[str, Any], mpl_lang.Theory]:
    """The proof document and the theory to check it against: `theory` when given (the
    user pins it), else the theory the document embeds (`mpl`), else the document's `source`
    (relative to the folder holding the file) with the document's `anchor`, loaded from its
    resolved path (which becomes `Theory.path`) by `mpl_lang.load`, which imports a TIP
    `.smt2` source again with `mpl_lang.tip`. Raises ProofFileError, or MPLError."""
    doc = read_proofs(path)
    return doc, load_theory(doc, path, theory)


def load_theory(doc: dict[str, Any], path: str | Path, theory: str | Path | None = None) -> mpl_lang.Theory:
    """The theory to check `doc` (read from `path`; validated) against, as `load_proofs` says."""
    if theory is None and "mpl" in doc:  # the embedded theory: that one text, no includes
        text, where = doc["mpl"], f"the theory embedded in {path} (its source: {doc['source']})"
        decls = mpl_lang.parse_module(text, f"{path}#mpl").decls if len(text) <= MAX_SOURCE_BYTES else None
        if decls is None or any(isinstance(d, Include) for d in decls):
            raise ProofFileError(f"'mpl' must be one MPL module of at most {MAX_SOURCE_BYTES} "
                                 "characters, with no include", str(path))
        return mpl_lang.compile_decls(decls, where, files=(str(path),))
    source = Path(theory) if theory is not None else Path(path).parent / doc["source"]
    try:  # load, and later name, the file itself: no symbolic link may make them differ
        source = source.resolve()
    except (OSError, RuntimeError) as exc:
        raise ProofFileError(f"cannot resolve the theory path: {exc}", str(path)) from None
    return mpl_lang.load(source, doc.get("anchor") if theory is None else None)


def theory_fingerprint(theory: mpl_lang.Theory) -> str:
    """SHA-256 (hex) of the theory's canonical MPL text: equal for equal theories, however
    they are formatted, commented or split into included files."""
    text = mpl_lang.module_to_mpl(theory.module())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def validate(doc: object, where: str) -> None:
    """Raise ProofFileError unless `doc` has the shape of a gl.proofs/1 document."""
    if not isinstance(doc, dict):
        raise ProofFileError("a proof file is a JSON object", where)
    if doc.get("schema") != SCHEMA:
        raise ProofFileError(f"schema is {shown(doc.get('schema'))}, expected {SCHEMA!r}", where)
    if not isinstance(doc.get("source"), str) or not doc["source"] or not doc["source"].isprintable():
        raise ProofFileError("'source' must name the MPL file the theory was loaded from "
                             "(printable characters only)", where)
    if "mpl" in doc and not isinstance(doc["mpl"], str):
        raise ProofFileError("'mpl' must be the text of the theory's MPL module", where)
    anchor = doc.get("anchor")
    if anchor is not None and not (isinstance(anchor, str) and anchor and anchor.isprintable()):
        raise ProofFileError("'anchor' must name the theory's anchor (printable characters only)", where)
    if not isinstance(doc.get("theorems"), list):
        raise ProofFileError("'theorems' must be a list", where)

"""Import a Generative Logic definition folder: one `<Name>.txt` expression per
definition plus a config JSON whose entries give parameter names in `short_mpl`,
e.g. `"fXY": {"full_mpl": "fXY.txt", "short_mpl": "(fXY[f,X,Y])"}`. Entries named
`Anchor...` are anchors; a config may list several, and one becomes the theory's anchor
(`choose_anchor`: the one asked for, else the one the config file is named after, as the
reference implementation picks it: `ConfigGauss.json` → `AnchorGauss`), the others plain
definitions. The result is the same declarations a `.mpl` file gives.

>>> from pathlib import Path
>>> ref = Path(__file__).parents[2] / "shared/reference/gl-peano"
>>> [d.name for d in read_gl_folder(ref)] if ref.is_dir() else ['fXY', 'fXYZ', 'NaturalNumbers', 'AnchorPeano']
['fXY', 'fXYZ', 'NaturalNumbers', 'AnchorPeano']
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from .ast import Atom, Definition, Loc
from .errors import ImportFormatError, MPLError
from .inputs import InputFileError, parse_json, read_text
from .parser import parse_expr


def _configs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def is_gl_folder(folder: Path) -> bool:
    """True when `folder` holds a GL config JSON."""
    return folder.is_dir() and bool(_configs(folder))


def _text(path: Path, at: Loc) -> str:
    try:
        return read_text(path)
    except InputFileError as exc:
        raise ImportFormatError(f"cannot read {path.name!r}: {exc.message}", at) from None


def read_config(path: Path, text: str | None = None) -> dict[str, Any]:
    """Parse a GL config JSON; a corrupt file raises ImportFormatError at its line:col."""
    text = _text(path, Loc(str(path), 1, 1)) if text is None else text
    try:
        data = parse_json(text, str(path))
    except InputFileError as exc:
        raise ImportFormatError(exc.message, exc.loc).with_excerpt(text) from None
    if not isinstance(data, dict):
        raise ImportFormatError("a GL config must be a JSON object", Loc(str(path), 1, 1))
    return data


def _key_loc(path: Path, text: str, key: str) -> Loc:
    """Where `"key"` first occurs in the config text (1:1 when it cannot be found)."""
    idx = text.find(json.dumps(key))
    if idx < 0:
        return Loc(str(path), 1, 1)
    line = text.count("\n", 0, idx) + 1
    return Loc(str(path), line, idx - (text.rfind("\n", 0, idx) + 1) + 1)


def read_gl_folder(folder: str | Path, sources: dict[str, str] | None = None,
                   anchor: str | None = None, at: Loc | None = None) -> list[Definition]:
    """Definitions (anchor included) of a GL folder, in config order, with the anchor that
    `choose_anchor` picks (`anchor`: the one asked for, at `at`). Entries whose `full_mpl`
    is not a `.txt` file (GL's built-in relations) are skipped. The text of every file
    read is stored in `sources` (when given) under its path."""
    folder = Path(folder)
    sources = {} if sources is None else sources
    configs = _configs(folder)
    if not configs:
        raise ImportFormatError("no GL config JSON in folder", Loc(str(folder), 1, 1))
    out: list[Definition] = []
    for cfg in configs:
        text = _text(cfg, Loc(str(cfg), 1, 1))
        sources[str(cfg)] = text
        try:
            out += _definitions(folder, cfg, text, sources)
        except ImportFormatError as exc:
            if not exc.excerpt and exc.file == str(cfg):
                exc.with_excerpt(text)
            raise
    chosen = choose_anchor([d.name for d in out if d.anchor], configs, anchor, at or Loc(str(folder), 1, 1))
    return [replace(d, anchor=d.name == chosen) for d in out]


def choose_anchor(anchors: list[str], configs: list[Path], wanted: str | None, at: Loc) -> str | None:
    """The anchor of a GL folder among its `Anchor...` entries: `wanted` when given (an
    ImportFormatError at `at` if the folder has no such anchor), else the only one, else the
    one a config file is named after (`ConfigGauss.json` → `AnchorGauss`).

    >>> choose_anchor(["AnchorPeano", "AnchorGauss"], [Path("ConfigGauss.json")], None, Loc("f", 1, 1))
    'AnchorGauss'
    """
    listed = ", ".join(anchors) or "none"
    if wanted is not None and wanted not in anchors:
        raise ImportFormatError(f"no anchor {wanted!r} in the GL folder (its anchors: {listed})", at)
    if wanted is not None or len(anchors) <= 1:
        return wanted or (anchors[0] if anchors else None)
    named = [a for a in anchors if any(a == "Anchor" + c.stem.removeprefix("Config") for c in configs)]
    if len(named) != 1:
        raise ImportFormatError(f"the GL folder lists several anchors ({listed}) and no config file "
                                f"names one (ConfigX.json picks AnchorX): choose one with --anchor NAME or "
                                f"`include \"folder\" using NAME`", at)
    return named[0]


def _definitions(folder: Path, cfg: Path, text: str, sources: dict[str, str]) -> list[Definition]:
    out: list[Definition] = []
    for name, entry in read_config(cfg, text).items():
        if not isinstance(entry, dict) or not str(entry.get("full_mpl", "")).endswith(".txt"):
            continue
        loc = _key_loc(cfg, text, name)
        short = entry.get("short_mpl")
        if not isinstance(short, str):
            raise ImportFormatError(f"entry {name!r} has no short_mpl", loc)
        try:
            head = parse_expr(short, str(cfg))
        except MPLError as exc:
            raise ImportFormatError(f"entry {name!r}: bad short_mpl {short!r}: {exc.message}",
                                    loc) from None
        if not isinstance(head, Atom) or head.name != name:
            raise ImportFormatError(f"entry {name!r}: short_mpl must be ({name}[params])", loc)
        body_path = folder / str(entry["full_mpl"])
        body_text = _text(body_path, loc)
        sources[str(body_path)] = body_text
        body = parse_expr(body_text, str(body_path))
        out.append(Definition(name, head.args, body, name.startswith("Anchor"),
                              Loc(str(body_path), 1, 1)))
    return out

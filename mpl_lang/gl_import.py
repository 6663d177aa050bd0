"""Import a Generative Logic definition folder: one `<Name>.txt` expression per
definition plus a config JSON whose entries give parameter names in `short_mpl`,
e.g. `"fXY": {"full_mpl": "fXY.txt", "short_mpl": "(fXY[f,X,Y])"}`. Entries named
`Anchor...` become the anchor. The result is the same declarations a `.mpl` file gives.

>>> from pathlib import Path
>>> ref = Path(__file__).parents[2] / "shared/reference/gl-peano"
>>> [d.name for d in read_gl_folder(ref)] if ref.is_dir() else ['fXY', 'fXYZ', 'NaturalNumbers', 'AnchorPeano']
['fXY', 'fXYZ', 'NaturalNumbers', 'AnchorPeano']
"""

from __future__ import annotations

import json
from pathlib import Path

from .ast import Atom, Definition, Loc
from .errors import ImportFormatError, MPLError
from .parser import parse_expr


def _configs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))


def is_gl_folder(folder: Path) -> bool:
    """True when `folder` holds a GL config JSON."""
    return folder.is_dir() and bool(_configs(folder))


def read_config(path: Path) -> dict:
    """Parse a GL config JSON; a corrupt file raises ImportFormatError at its line:col."""
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"corrupt JSON: {exc.msg}", Loc(str(path), exc.lineno, exc.colno)).with_excerpt(text) from None
    if not isinstance(data, dict):
        raise ImportFormatError("a GL config must be a JSON object", Loc(str(path), 1, 1))
    return data


def _line_of(text: str, key: str) -> Loc:
    needle = json.dumps(key)
    idx = text.find(needle)
    if idx < 0:
        return Loc("", 1, 1)
    line = text.count("\n", 0, idx) + 1
    return Loc("", line, idx - (text.rfind("\n", 0, idx) + 1) + 1)


def read_gl_folder(folder: str | Path) -> list[Definition]:
    """Definitions (anchor included) of a GL folder, in config order."""
    folder = Path(folder)
    configs = _configs(folder)
    if not configs:
        raise ImportFormatError("no GL config JSON in folder", Loc(str(folder), 0, 0))
    out: list[Definition] = []
    for cfg in configs:
        data = read_config(cfg)
        text = cfg.read_text(encoding="utf-8")
        for name, entry in data.items():
            if not isinstance(entry, dict) or not str(entry.get("full_mpl", "")).endswith(".txt"):
                continue
            at = _line_of(text, name)
            loc = Loc(str(cfg), at.line, at.col)
            short = entry.get("short_mpl")
            if not isinstance(short, str):
                raise ImportFormatError(f"entry {name!r} has no short_mpl", loc)
            try:
                head = parse_expr(short, str(cfg))
            except MPLError as exc:
                raise ImportFormatError(f"entry {name!r}: bad short_mpl {short!r}: {exc.message}", loc) from None
            if not isinstance(head, Atom) or head.name != name:
                raise ImportFormatError(f"entry {name!r}: short_mpl must be ({name}[params])", loc)
            body_path = folder / entry["full_mpl"]
            try:
                body_text = body_path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ImportFormatError(f"entry {name!r}: cannot read {entry['full_mpl']!r}: {exc.strerror}", loc) from None
            body = parse_expr(body_text, str(body_path))
            out.append(Definition(name, head.args, body, name.startswith("Anchor"), Loc(str(body_path), 1, 1)))
    return out

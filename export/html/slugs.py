"""File names and anchors for arbitrary identifiers, stable across runs and file systems.

A name made only of lower-case letters, digits and `_` is its own slug. Any other name is
reduced to safe characters and gets a short hash of the exact name, so the slug depends
on the name alone (permanent URLs), never collides on case-insensitive file systems, and
never contains anything HTML, URLs or shells treat specially.

>>> slug("add_comm")
'add_comm'
>>> slug("+")
'x-a979ef10'
>>> slug("<script>")
'script-fb1c2d66'
"""

from __future__ import annotations

import hashlib
import re

_PLAIN = re.compile(r"[a-z0-9_]+")
_UNSAFE = re.compile(r"[^a-z0-9_]+")


def slug(name: str) -> str:
    """A file-name- and id-safe token for `name` (injective in practice, deterministic)."""
    if _PLAIN.fullmatch(name):
        return name
    stem = _UNSAFE.sub("-", name.lower()).strip("-")[:40] or "x"
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}"

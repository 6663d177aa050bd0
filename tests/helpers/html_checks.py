"""Checks of a written HTML site: strict HTML5 parsing and local links that resolve.

>>> parse_strict("<!DOCTYPE html><title>t</title><p id=x>hi").find(".//p").get("id")
'x'
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

import html5lib


def parse_strict(text: str) -> Element:
    """Parse with html5lib in strict mode: any HTML5 parse error raises."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def pages(site: Path) -> list[Path]:
    """Every HTML page of the site, in path order."""
    return sorted(site.rglob("*.html"))


def _targets(site: Path) -> dict[Path, set[str]]:
    """Each page (resolved path) with the ids it defines."""
    out = {}
    for f in pages(site):
        tree = parse_strict(f.read_text(encoding="utf-8"))
        out[f.resolve()] = {e.get("id") for e in tree.iter() if e.get("id")}
    return out


def check_links(site: Path) -> int:
    """Assert every local href/src of every page names an existing file and anchor, and
    nothing points off the site; returns how many references were checked."""
    ids = _targets(site)
    checked = 0
    for f in pages(site):
        tree = parse_strict(f.read_text(encoding="utf-8"))
        refs = [e.get("href") for e in tree.iter() if e.get("href")]
        refs += [e.get("src") for e in tree.iter() if e.get("src")]
        for ref in refs:
            if ref.startswith("data:"):
                continue
            parts = urlsplit(ref)
            assert not parts.scheme and not parts.netloc, f"external reference {ref} in {f}"
            target = (f.parent / unquote(parts.path)).resolve() if parts.path else f.resolve()
            assert target.is_file(), f"{ref} in {f}"
            if parts.fragment:
                assert unquote(parts.fragment) in ids[target], f"{ref} in {f}"
            checked += 1
    return checked

"""`gl export FORMAT PROOFS.json -o DIR`: write proofs in another format."""

from __future__ import annotations

import click

from gl.cli.lazy import LazyGroup

#: format name -> "module:attribute" of its click command
FORMATS: dict[str, str] = {
    "html": "gl.cli.export_html:html",
    "tptp": "gl.cli.export_tptp:tptp",
}


@click.group(cls=LazyGroup, lazy=FORMATS)
def export() -> None:
    """Export a proofs.json as HTML, TPTP, ..."""

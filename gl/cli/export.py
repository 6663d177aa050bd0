"""`gl export FORMAT PROOFS.json -o DIR`: write proofs in another format."""

from __future__ import annotations

import importlib

import click

#: format name -> "module:attribute" of its click command
FORMATS: dict[str, str] = {
    "html": "gl.cli.export_html:html",
    "tptp": "gl.cli.export_tptp:tptp",
}


class _LazyFormats(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(FORMATS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = FORMATS.get(name)
        if spec is None:
            return None
        module, attr = spec.split(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=_LazyFormats)
def export() -> None:
    """Export a proofs.json as HTML, TPTP, ..."""

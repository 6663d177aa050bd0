"""`gl export html PROOFS.json -o DIR`: write the browsable HTML site for a proofs.json."""

from __future__ import annotations

from pathlib import Path

import click

from export.html import write_site
from gl.checker import ProofFileError, read_proofs
from gl.errors import InputError


@click.command()
@click.argument("proofs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the site into (created if needed).")
def html(proofs: Path, out_dir: Path) -> None:
    """Write a static HTML site (index, theorem pages, rules, graph) for PROOFS.json.

    Open DIR/index.html in a browser; it works from file:// with no network.
    """
    try:
        doc = read_proofs(proofs)
    except ProofFileError as exc:
        raise InputError(exc.message, exc.where) from None
    report = write_site(doc, out_dir, where=str(proofs))
    pages = len(report.theorem_page_bytes)
    click.echo(f"wrote {len(report.files)} files to {out_dir}: {pages} theorem pages, "
               f"{report.average_page_bytes / 1024:.1f} KB each on average "
               f"(+{report.asset_bytes / 1024:.1f} KB shared assets); open {out_dir / 'index.html'}")

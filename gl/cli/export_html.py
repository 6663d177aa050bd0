"""`gl export html PROOFS.json -o DIR`: check every proof, then write the browsable HTML
site for a proofs.json."""

from __future__ import annotations

from pathlib import Path

import click

from export.html import write_checked_site


@click.command()
@click.argument("proofs", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the site into (created if needed).")
def html(proofs: Path, out_dir: Path) -> None:
    """Write a static HTML site (index, theorem pages, rules, graph) for PROOFS.json.

    Every proof is re-checked first by the independent checker against the MPL source the
    file names (an error when it cannot be loaded); only accepted proofs show as proved.
    Open DIR/index.html in a browser; it works from file:// with no network.
    """
    report = write_checked_site(proofs, out_dir)
    pages = len(report.theorem_page_bytes)
    rejected = f"; {len(report.rejected)} rejected by the checker" if report.rejected else ""
    click.echo(f"wrote {len(report.files)} files to {out_dir}: {pages} theorem pages, "
               f"{report.average_page_bytes / 1024:.1f} KB each on average "
               f"(+{report.asset_bytes / 1024:.1f} KB shared assets){rejected}; "
               f"open {out_dir / 'index.html'}")

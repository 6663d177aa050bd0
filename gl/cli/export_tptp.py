"""`gl export tptp PROOFS.json -o DIR`: every proof step as a TPTP FOF problem, the
theory as DIR/theory.p and DIR/index.json listing what each problem checks."""

from __future__ import annotations

from pathlib import Path

import click

from export.tptp import TptpError, write
from gl.checker import ProofFileError, load_proofs
from gl.errors import InputError


@click.command()
@click.argument("proofs", type=click.Path(dir_okay=False))
@click.option("--out", "-o", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the .p files into.")
def tptp(proofs: str, out: str) -> None:
    """Write PROOFS.json as TPTP problems (one per step, one per induction) into OUT."""
    try:
        doc, theory = load_proofs(proofs)
        probs = write(doc, theory, Path(out))
    except ProofFileError as exc:
        raise InputError(exc.message, exc.where) from None
    except TptpError as exc:
        raise InputError(str(exc), proofs) from None
    click.echo(f"wrote {len(probs)} problems and theory.p to {out}")

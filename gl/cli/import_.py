"""`gl import FORMAT FILE -o OUT.mpl`: translate a problem in another language into an MPL
file (`gl import tip FILE.smt2 -o FILE.mpl`). `gl prove`, `gl parse` and `gl check` also
read such files directly; the MPL file shows what they read."""

from __future__ import annotations

from pathlib import Path

import click

from gl.cli.options import TextPath
from mpl_lang import load
from mpl_lang.inputs import read_text
from mpl_lang.tip import translate


@click.group(name="import")
def import_() -> None:
    """Translate a problem in another language (TIP) into an MPL file."""


@import_.command()
@click.argument("problem", type=TextPath(exists=True, dir_okay=False))
@click.option("--out", "-o", "out", required=True, type=TextPath(dir_okay=False),
              help="The MPL file to write.")
def tip(problem: str, out: str) -> None:
    """Translate the TIP problem PROBLEM (SMT-LIB 2.6 over one natural-number datatype) into
    the MPL theory OUT: the datatype, one definition per function (each case an equation,
    both ways), the induction over the datatype, `target goal` for each (prove F) and
    `assume given` for each (assert F). Constructs outside that fragment are errors."""
    result = translate(read_text(Path(problem)), problem)
    Path(out).write_text(result.mpl, encoding="utf-8")
    theory = load(out)  # what gl reads from the file, checked
    click.echo(f"wrote {out}: {len(theory.definitions)} definitions, {len(theory.statements)} targets, "
               f"{len(theory.assumptions)} assumptions; constants {', '.join(theory.constants)}")

"""`gl incubate FILE --up-to N`: prove ground facts about small numerals and show the tables."""

from __future__ import annotations

from pathlib import Path

import click

from gl.cli.options import ANCHOR, TextPath
from gl.core.result import TheoremResult
from gl.core.session import ProofRun, load
from gl.explore.config import ExploreConfig
from gl.incubator import incubate
from gl.incubator_defs import incubate_definitions


@click.command()
@click.argument("path", type=TextPath(exists=True))
@click.option("--up-to", "up_to", type=click.IntRange(1, 30), default=5, show_default=True,
              help="Largest numeral in the tables.")
@click.option("--out", type=TextPath(file_okay=False), default=None, help="Also write proofs.json here.")
@click.option("--no-negatives", is_flag=True, help="Skip the negative facts (distinct numerals, wrong sums).")
@click.option("--quiet", "-q", is_flag=True, help="No progress dots.")
@ANCHOR
def incubate_cmd(path: str, up_to: int, out: str | None, no_negatives: bool, quiet: bool,
                 anchor: str | None) -> None:
    """Prove the value of every function on numerals ≤ N (a + b = c, a * b = c, c ≤ N),
    numeral distinctness and wrong values on the grid."""
    session = load(path, anchor)

    def dot(r: TheoremResult) -> None:
        if not quiet:
            click.echo("." if r.proved else "x", nl=False, err=True)

    inc = incubate(session.theory, up_to, negatives=not no_negatives, progress=dot,
                   compute_to=ExploreConfig().compute_to)
    defined = incubate_definitions(session.theory, inc, progress=dot)
    if not quiet:
        click.echo("", err=True)
    for op, table in inc.table.items():
        click.echo(f"{op} table (proved entries):")
        if any(len(args) != 2 or not all(isinstance(x, int) for x in args) for args in table):
            for args, value in table.items():  # not a grid: one line per entry, `f(1, 2, 0) = 2`
                click.echo(f"  {op}({', '.join(map(str, args))}) = {value}")
            continue
        width = max(len(str(x)) for x in [up_to, *table.values()])
        click.echo("  " + " " * (width + 1) + " ".join(str(b).rjust(width) for b in range(up_to + 1)))
        for a in range(up_to + 1):
            row = [str(table[(a, b)]).rjust(width) if (a, b) in table else "·".rjust(width) for b in range(up_to + 1)]
            click.echo(f"  {str(a).rjust(width)} " + " ".join(row))
    for rel in defined.relations:  # computed; the facts proved of them are among the results
        shown = ", ".join(f"{'·'.join(map(str, k)) or '()'}: {v}" for k, v in rel.table.items() if v is not False)
        click.echo(f"{rel.name}[{', '.join(c for _, c in rel.context)}] ({'true' if rel.output is None else 'value'}): {shown}")
    proved = sum(r.proved for r in inc.results)
    click.echo(f"{proved}/{len(inc.results)} facts proved ({len(inc.distinct)} distinctness facts) in {inc.seconds:.2f} s")
    if defined.results:
        click.echo(f"{sum(r.proved for r in defined.results)}/{len(defined.results)} facts about definitions proved")
    if out:
        run = ProofRun(session, theorems=inc.results + defined.results)
        click.echo(f"wrote {run.write(Path(out))}", err=True)

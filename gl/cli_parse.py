"""`gl parse FILE...`: check MPL files and print them canonically and readably."""

from __future__ import annotations

import json

import click

from mpl_lang import load
from mpl_lang.ast import Definition, Statement
from mpl_lang.ast_json import theory_to_json
from mpl_lang.printer import decl_to_mpl, readable


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the checked AST as JSON.")
@click.option("--no-readable", is_flag=True, help="Only the canonical MPL.")
def parse(files: tuple[str, ...], as_json: bool, no_readable: bool) -> None:
    """Parse and check MPL files (or GL folders); print canonical MPL and readable forms."""
    theories = [load(f) for f in files]
    if as_json:
        docs = [theory_to_json(t) for t in theories]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False))
        return
    for t in theories:
        click.echo(f"# {t.path}: {len(t.definitions)} definitions, {len(t.statements)} statements, "
                   f"constants {', '.join(t.constants) or '-'}")
        for d in t.decls():
            click.echo(decl_to_mpl(d, pretty=True))
            if not no_readable:
                if isinstance(d, Definition):
                    click.echo(f"#   {d.name}[{', '.join(d.params)}] ⇔ {readable(d.body)}")
                elif isinstance(d, Statement):
                    click.echo(f"#   {d.name}: {readable(d.formula)}")
            click.echo()

"""`gl parse FILE...`: check MPL files (or GL folders, or TIP problems `FILE.smt2`) and
print each theory canonically and readably, or as JSON.

Example: `gl parse examples/peano/peano.mpl` prints every declaration in canonical MPL,
each followed by `#` comment lines giving its readable infix form, one conjunct a line.
"""

from __future__ import annotations

import json

import click

from gl.cli.options import ANCHOR, TextPath
from mpl_lang import Theory, load
from mpl_lang.ast import Definition, Induction, Statement
from mpl_lang.ast_json import theory_to_json
from mpl_lang.printer import decl_to_mpl, readable_conjuncts


@click.command()
@click.argument("files", nargs=-1, required=True, type=TextPath())
@click.option("--json", "as_json", is_flag=True, help="Print the checked AST as JSON.")
@click.option("--no-readable", is_flag=True, help="Only the canonical MPL.")
@ANCHOR
def parse(files: tuple[str, ...], as_json: bool, no_readable: bool, anchor: str | None) -> None:
    """Parse and check MPL files (or GL folders, or TIP problems FILE.smt2); print canonical
    MPL and readable forms."""
    theories = [load(f, anchor) for f in files]
    if as_json:
        docs = [theory_to_json(t) for t in theories]
        click.echo(json.dumps(docs[0] if len(docs) == 1 else docs, indent=2, ensure_ascii=False))
        return
    for t in theories:
        click.echo(theory_text(t, readable=not no_readable))


def theory_text(t: Theory, readable: bool = True) -> str:
    """A theory as `gl parse` prints it: a header, then each declaration in canonical MPL
    followed (when `readable`) by `#` lines with its readable form."""
    counts = ", ".join(_count(len(xs), word) for xs, word in (
        (t.definitions, "definition"), (t.inductions, "induction"), (t.statements, "statement"))
        + ((t.assumptions, "assumption"),) * bool(t.assumptions))
    lines = [f"# {t.path}: {counts}; constants {', '.join(t.constants) or '-'}", ""]
    for d in t.decls():
        lines.append(decl_to_mpl(d, pretty=True))
        if readable:
            lines += _readable_lines(d)
        lines.append("")
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _readable_lines(d: Definition | Induction | Statement) -> list[str]:
    if isinstance(d, Induction):
        return [f"#   {d.set} is generated from {d.base} by {d.succ}: "
                f"P({d.base}) ∧ ∀k: P(k) → P({d.succ}(k)) gives ∀n ∈ {d.set}: P(n)"]
    if isinstance(d, Definition):
        head, parts = f"{d.name}[{', '.join(d.params)}] ⇔", readable_conjuncts(d.body)
    else:
        head, parts = f"{d.name}:", readable_conjuncts(d.formula)
    if len(parts) == 1:
        return [f"#   {head} {parts[0]}"]
    return [f"#   {head}"] + [f"#     {'∧ ' if i else '  '}{p}" for i, p in enumerate(parts)]

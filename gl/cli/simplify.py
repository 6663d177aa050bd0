"""`gl simplify EXPR`: simplify an expression with an e-graph and print the cheapest form,
its cost and whether the e-graph saturated.

Bad input prints one line ``gl: error: ...`` and exits 2: an expression past the size
limits of :mod:`rewriting.terms` (100,000 characters, 20,000 nodes, nesting 500 deep,
numbers of 1,000 digits) or a limit option that is not a finite positive number.
"""

from __future__ import annotations

import click

from gl.cli.options import SECONDS
from gl.errors import InputError
from rewriting import Limits, RewriteError, TermError
from rewriting import simplify as simplify_expr
from rewriting.cost import COST_MODELS
from rewriting.terms import PeanoSignature, term_to_str


@click.command(epilog="Size limits: 100,000 characters, 20,000 nodes, nesting 500 deep, "
                      "numbers of at most 1,000 digits; past them: one-line error, exit 2.")
@click.argument("expr")
@click.option("--rules", default=None,
              help="Rulesets joined by ',' (real: semiring, field, generic-field, functions, "
                   "trigonometry, fma, all; peano: peano, semiring, all). Default: the domain's usual ones.")
@click.option("--cost", "cost", type=click.Choice(sorted(COST_MODELS)), default="ops",
              show_default=True, help="Cost model of the extraction.")
@click.option("--domain", type=click.Choice(["real", "peano"]), default=None,
              help="Term domain (default: peano if the zero or successor occurs, else real).")
@click.option("--nonzero", default="", help="Comma-separated expressions known to be nonzero.")
@click.option("--seeds/--no-seeds", default=None,
              help="Seed polynomial normal forms from sympy (default: with the default rules).")
@click.option("--iterations", type=click.IntRange(1, 100_000), default=None,
              help="Iteration limit (1 to 100,000; default 30).")
@click.option("--nodes", type=click.IntRange(1, 10_000_000), default=None,
              help="E-graph size limit (1 to 10,000,000 nodes; default 20,000).")
@click.option("--time", "seconds", type=SECONDS, default=None,
              help="Time limit in seconds (> 0, at most a week; default 2). Without any of "
                   "--iterations, --nodes, --time: a budget scaled to EXPR, stopping when "
                   "the cost stops falling.")
@click.option("--hard-timeout", type=SECONDS, default=None,
              help="Run in a separate process killed after this many seconds (> 0, at most a week).")
@click.option("--zero", default="i0", show_default=True, help="Peano zero symbol.")
@click.option("--succ", default="s", show_default=True, help="Peano successor symbol.")
def simplify(expr: str, rules: str | None, cost: str, domain: str | None, nonzero: str,
                 seeds: bool | None, iterations: int | None, nodes: int | None,
                 seconds: float | None,
                 hard_timeout: float | None, zero: str, succ: str) -> None:
    """Simplify EXPR (infix: + - * / ^, f(x), numbers, names) by equality saturation.

    The default rules take symbols at generic values, where no divisor of EXPR vanishes
    (x/x is 1), and print the factors they cancelled as side conditions ("where: x != 0");
    --rules semiring,field,functions,trigonometry keeps EXPR's domain of definition (x/x
    stays)."""
    facts = [f.strip() for f in nonzero.split(",") if f.strip()]
    given = (iterations, nodes, seconds) != (None, None, None)
    default = Limits()
    limits = Limits(iterations=iterations or default.iterations, nodes=nodes or default.nodes,
                    time=seconds or default.time) if given else None
    try:
        result = simplify_expr(
            expr, rules=rules, cost=cost, domain=domain, nonzero=facts, seeds=seeds,
            limits=limits,
            signature=PeanoSignature(zero=zero, succ=succ), hard_timeout=hard_timeout,
        )
    except (TermError, RewriteError) as exc:
        raise InputError(str(exc), "expression") from None
    click.echo(result.expr)
    if result.conditions:
        click.echo("where: " + ", ".join(f"{term_to_str(c)} != 0" for c in result.conditions))
    click.echo(f"cost: {result.cost} ({cost}; input {result.input_cost})")
    click.echo(f"saturated: {'yes' if result.saturated else 'no'} ({result.stop_reason}, "
               f"{result.iterations} iterations, {result.nodes} nodes, {result.seconds:.3f} s)")

"""`gl check PROOFS.json [--atp eprover]`: re-check every step with the independent checker
and, optionally, have the E prover confirm every step exported as a TPTP problem."""

from __future__ import annotations

import os
import sys

import click

from gl.checker import ProofFileError, check_file
from gl.errors import InputError


@click.command()
@click.argument("proofs", type=click.Path(dir_okay=False))
@click.option("--theory", "theory", type=click.Path(dir_okay=True), default=None,
              help="Check against this MPL theory (file or folder) instead of the one the "
                   "document names in 'source'.")
@click.option("--atp", type=click.Choice(["eprover"]), default=None,
              help="Also run this external prover on every step (TPTP).")
@click.option("--atp-timeout", type=click.IntRange(1, 3600), default=10, show_default=True,
              help="CPU seconds per problem for the external prover.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=os.cpu_count() or 1,
              show_default="CPU count", help="Parallel prover processes.")
def check(proofs: str, theory: str | None, atp: str | None, atp_timeout: int, jobs: int) -> None:
    """Re-check PROOFS.json against the MPL source it names (or --theory; a TIP .smt2 source
    is imported again); exit 1 when any check fails. Prints the theory checked against (path
    and a hash of its canonical MPL) and what every accepted theorem states, recomputed from
    its formula. The theory's assumptions (`assume`, TIP's `assert`) are listed as assumed,
    never as proved, and each accepted theorem that rests on them says so ("assuming ...");
    they do not change the exit status."""
    try:
        report = check_file(proofs, theory)
    except ProofFileError as exc:
        raise InputError(exc.message, exc.where) from None
    for line in report.lines():
        click.echo(line)
    failed = not report.ok
    if atp:
        failed |= not _cross_check(proofs, theory, atp_timeout, jobs)
    sys.exit(1 if failed else 0)


def _cross_check(proofs: str, theory_path: str | None, timeout: int, jobs: int) -> bool:
    """Run E on every exported problem; print the tally and what it did not confirm."""
    from export.tptp import TptpError, problems
    from gl.checker import load_proofs
    from gl.checker.atp import CONFIRMED, find_eprover, run_eprover

    binary = find_eprover()
    if binary is None:
        raise InputError("the E prover (eprover) is not installed", "--atp eprover")
    doc, theory = load_proofs(proofs, theory_path)
    try:
        probs = problems(doc, theory)
    except TptpError as exc:
        click.echo(f"eprover: cannot export the proofs as TPTP: {exc}")
        return False
    statuses = run_eprover([p.text for p in probs], binary, timeout, jobs)
    bad = [(p, s) for p, s in zip(probs, statuses) if s not in CONFIRMED]
    click.echo(f"eprover confirmed {len(probs) - len(bad)} of {len(probs)} problems "
               f"(Theorem / Unsatisfiable; {timeout} s CPU each, {jobs} jobs)")
    for p, s in bad:
        click.echo(f"NOT CONFIRMED {p.path} ({p.what}): {s}")
    return not bad

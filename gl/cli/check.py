"""`gl check PROOFS.json [--atp eprover]`: re-check every step with the independent checker
and, optionally, have the E prover confirm every step exported as a TPTP problem.

With `--workers N` or `--ray ADDRESS` the theorems are checked in shares, one task each
(`gl.checker.shares`: this process reads the document's text once and cuts it into
theorems without parsing them; each share parses and checks every n-th theorem, and the
earlier ones they cite, and leaves the rest unread); when no share finds a failure the
reports are merged into the serial report, else the document is checked again in this
process, so that a rejected document gets exactly the serial report. A document too small
to repay the workers (`CHECK_S_PER_BYTE`), or not in the layout gl writes, is checked in
this process.
"""

from __future__ import annotations

import os
import sys

import click

from gl.checker import ProofFileError, Report, check_file
from gl.checker.shares import check_share, merge, plan
from gl.cli.parallel import execution, execution_options
from gl.errors import InputError
from gl.execution import Execution

#: serial seconds of checking per byte of a proofs.json, loading included, to leave small
#: documents in process (`gl check` in process, quiet: 0.12 s per MB on 148 MB, 17.5 s;
#: 0.13 on 10 MB, 1.3 s with Python's start)
CHECK_S_PER_BYTE = 1.2e-7


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
@execution_options
def check(proofs: str, theory: str | None, atp: str | None, atp_timeout: int, jobs: int,
          workers: int, ray_address: str | None) -> None:
    """Re-check PROOFS.json against the MPL source it names (or --theory; a TIP .smt2 source
    is imported again); exit 1 when any check fails. Prints the theory checked against (path
    and a hash of its canonical MPL) and what every accepted theorem states, recomputed from
    its formula. The theory's assumptions (`assume`, TIP's `assert`) are listed as assumed,
    never as proved, and each accepted theorem that rests on them says so ("assuming ...");
    they do not change the exit status."""
    ex = execution(workers, ray_address)
    try:
        with ex:
            report = check_parallel(proofs, theory, ex)
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
    vacuous = statuses.count("ContradictoryAxioms")
    apart = f", {vacuous} of them from contradictory premises" if vacuous else ""
    click.echo(f"eprover confirmed {len(probs) - len(bad)} of {len(probs)} problems{apart} "
               f"(Theorem / Unsatisfiable / ContradictoryAxioms; {timeout} s CPU each, {jobs} jobs)")
    for p, s in bad:
        click.echo(f"NOT CONFIRMED {p.path} ({p.what}): {s}")
    return not bad


def check_parallel(proofs: str, theory_path: str | None, ex: Execution) -> Report:
    """`check_file`'s report, the theorems checked in shares on `ex`'s workers when the
    document is large enough to repay them."""
    n = ex.slots()
    try:
        seconds = os.path.getsize(proofs) * CHECK_S_PER_BYTE
    except OSError:
        seconds = 0.0  # check_file says why
    worth_it = ex.worth_it(n, seconds)
    if ex.parallel and not worth_it:
        click.echo(f"gl check: in this process, not on {ex.where()}: about {seconds:.1f} s of checking "
                   f"would save {ex.saved(n, seconds):.1f} s there, less than Ray costs ({ex.cost():.1f} s)", err=True)
    cut = plan(proofs, theory_path) if worth_it else None
    if cut is None:
        if worth_it:
            click.echo(f"gl check: in this process, not on {ex.where()}: the document is not in the "
                       "layout gl writes", err=True)
        return check_file(proofs, theory_path)
    shares = list(ex.map(check_share, [(k, n) for k in range(n)], shared=cut))
    if any(s is None or s.failures for s in shares) or len({s.theory for s in shares}) > 1:
        return check_file(proofs, theory_path)  # the serial report, checked again here (also when
        # the shares read different theories: the file changed, or a worker sees another one)
    report = merge(shares, {name: i for i, name in enumerate(cut.names)})
    report.pinned = theory_path is not None
    return report

"""`gl prove PATH`: prove a theory's targets (`--targets-only`) or explore it. PATH is an
MPL file or folder, a GL definition folder, or a TIP problem (`.smt2`, imported as MPL).

Exit codes: 0 when every target is proved (exploration: when it ran to its end; the
conjectures it leaves unproved are a normal outcome; with `--until-targets`, when every
target of the theory was proved), 1 when some target is not, 130 when interrupted, 2 on
bad input. `proofs.json` is written in every case, with what was
proved.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from gl.cli.options import ANCHOR, COUNT, POSITIVE_FLOAT, POSITIVE_INT, SEED, TextPath
from gl.core.prover import Settings
from gl.core.result import TheoremResult
from gl.core.session import ProofRun, load
from mpl_lang import readable


def _progress(n: int, total: int, r: TheoremResult | None, name: str) -> None:
    if r is None:
        click.echo(f"[{n + 1}/{total}] {name} ...", err=True)
    else:
        how = f"{r.method}" + (f" on {r.attempt.variable}" if r.attempt and r.attempt.variable else "")
        what = f"proved ({how}, {r.steps} steps, {r.seconds:.2f} s)" if r.proved else f"NOT proved: {r.reason}"
        click.echo(f"[{n}/{total}] {name}: {what}", err=True)


def print_table(run: ProofRun) -> None:
    """The summary table: name, readable statement, method, steps, time (the incubator's
    ground facts counted in one line)."""
    ground = [t for t in run.theorems if t.origin == "incubator"]
    if ground:
        click.echo(f"incubator: {sum(t.proved for t in ground)}/{len(ground)} ground facts proved (in proofs.json)")
    rows = [(t.name, readable(t.statement), t.method or "-", str(t.steps) if t.proved else "-",
             f"{t.seconds:.2f}s", "proved" if t.proved else "unproved")
            for t in run.theorems if t.origin != "incubator"]
    heads = ("name", "statement", "method", "steps", "time", "status")
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]
    line = "  ".join(h.ljust(w) for h, w in zip(heads, widths))
    click.echo(line)
    click.echo("-" * len(line))
    for r in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    assumed = [a.name for a in run.session.theory.assumptions]
    if assumed:
        click.echo(f"assumed (the theory's assumptions, not proved): {', '.join(assumed)}")
    proved = len(run.proved)
    click.echo(f"\n{proved}/{len(run.theorems)} proved in {run.seconds:.2f} s"
               + (" (interrupted)" if run.interrupted else ""))


def write_outputs(run: ProofRun, out: Path, html: Path | None) -> None:
    """proofs.json (deterministic), run.json (timings) and optionally the HTML site."""
    path = run.write(out)
    timings = {"seconds": round(run.seconds, 3), "interrupted": run.interrupted,
               "theorems": {t.name: {"seconds": round(t.seconds, 4), "cycles": t.cycles} for t in run.theorems}}
    if run.stage_seconds:
        timings["stages"] = run.stage_seconds
    (out / "run.json").write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote {path}", err=True)
    if html is not None:
        from export.html.checked import write_checked_site

        report = write_checked_site(path, html)  # re-checked, as `gl export html` does
        click.echo(f"wrote {html}/index.html ({len(report.rejected)} rejected by the checker)"
                   if report.rejected else f"wrote {html}/index.html", err=True)


@click.command()
@click.argument("path", type=TextPath(exists=True))
@click.option("--targets-only", is_flag=True, help="Prove the file's target/conjecture statements in order (no exploration).")
@click.option("--target", "targets", multiple=True, help="Prove only this statement (repeatable; implies --targets-only).")
@click.option("--out", "out", type=TextPath(file_okay=False), default="out", show_default=True, help="Folder for proofs.json and run.json.")
@click.option("--html", type=TextPath(file_okay=False), default=None, help="Also write the HTML site to this folder.")
@click.option("--timeout", type=POSITIVE_FLOAT, default=None, help="Stop after this many seconds, keeping what was proved.")
@click.option("--max-cycles", type=POSITIVE_INT, default=Settings.max_cycles, show_default=True, help="Logic-Block cycles per statement.")
@click.option("--max-facts", type=POSITIVE_INT, default=Settings.max_facts, show_default=True, help="Facts per Logic Block.")
@click.option("--max-depth", type=COUNT, default=Settings.max_depth, show_default=True, help="Nesting depth of invented function values.")
@click.option("--elements", type=click.Choice(["base", "all"]), default="base", show_default=True,
              help="Exploration: named elements in conjectures — the induction base only, or every "
                   "element the axioms name (e.g. i1 too).")
@click.option("--until-targets", is_flag=True,
              help="Exploration: stop as soon as every target of the theory is proved (exit 1 if some is not).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed for every randomized choice (runs are deterministic).")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@ANCHOR
def prove(path: str, targets_only: bool, targets: tuple[str, ...], out: str, html: str | None,
          timeout: float | None, max_cycles: int, max_facts: int, max_depth: int, elements: str,
          until_targets: bool, seed: int, quiet: bool, anchor: str | None) -> None:
    """Prove PATH's targets, or explore PATH's theory and prove what it finds. PATH may be
    an MPL file or folder, a GL definition folder or a TIP problem (FILE.smt2)."""
    start = time.perf_counter()
    session = load(path, anchor)
    settings = Settings(max_cycles=max_cycles, max_facts=max_facts, max_depth=max_depth)
    if timeout is not None:  # the limit counts from the command's start: the import is part of it
        timeout = max(timeout - (time.perf_counter() - start), 0.01)
    start = time.perf_counter()
    exploring = not (targets_only or targets)
    if exploring:
        # imported here: the explorer (and its e-graph engine) is not needed to prove targets
        from gl.cli.report import print_event, print_report
        from gl.explore import ExploreConfig, explore

        run = explore(session, settings=settings, timeout=timeout, seed=seed, progress=None if quiet else print_event,
                      config=ExploreConfig(elements=elements, until_targets=until_targets))
        if not quiet:
            print_report(run)
        missing = unproved_targets(run)
        if session.theory.statements:
            click.echo(f"targets: {len(session.theory.statements) - len(missing)}/{len(session.theory.statements)} "
                       "proved" + (f" (not: {', '.join(missing)})" if missing else ""), err=True)
    else:
        run = session.prove(list(targets) or None, settings, timeout=timeout, progress=None if quiet else _progress)
    run.seconds = run.seconds or time.perf_counter() - start
    print_table(run)
    write_outputs(run, Path(out), Path(html) if html else None)
    if run.interrupted:
        sys.exit(130)
    if exploring:
        sys.exit(1 if until_targets and unproved_targets(run) else 0)
    sys.exit(0 if run.all_proved else 1)


def unproved_targets(run: ProofRun) -> list[str]:
    """The theory's targets (its stated conjectures) that the run did not prove, in order."""
    proved = {t.name for t in run.proved}
    return [s.name for s in run.session.theory.statements if s.name not in proved]

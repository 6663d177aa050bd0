"""`gl prove PATH`: prove a theory's targets (`--targets-only`) or explore it. PATH is an
MPL file or folder, a GL definition folder, or a TIP problem (`.smt2`, imported as MPL).

Exit codes: 0 when every target is proved (exploration: when it ran to its end; the
conjectures it leaves unproved are a normal outcome; with `--until-targets`, when every
target of the theory was proved), 1 when some target is not, 130 when interrupted, 2 on
bad input. `proofs.json` is written in every case, with what was
proved.

Several PATHs, or a folder of `.smt2` files, are a batch: one task per problem, run in
this process or, with `--workers N` / `--ray ADDRESS`, on Ray (`gl.execution`); each
problem's outputs go to `--out/NAME`, byte for byte what the serial run writes. `--timeout`
then bounds each problem. The exit code is 130 if interrupted, else 2 if a problem was bad
input, else 1 if one was not proved, else 0.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import click

from gl.cli.options import ANCHOR, COUNT, POSITIVE_FLOAT, POSITIVE_INT, SEED, TextPath
from gl.cli.parallel import execution, execution_options
from gl.core.prover import Settings
from gl.core.result import TheoremResult
from gl.core.session import ProofRun, Session, load
from gl.document import write_document
from gl.errors import InputError
from gl.execution import Execution
from mpl_lang import MPLError, readable


def _progress(n: int, total: int, r: TheoremResult | None, name: str) -> None:
    if r is None:
        click.echo(f"[{n + 1}/{total}] {name} ...", err=True)
    else:
        how = f"{r.method}" + (f" on {r.attempt.variable}" if r.attempt and r.attempt.variable else "")
        what = f"proved ({how}, {r.steps} steps, {r.seconds:.2f} s)" if r.proved else f"NOT proved: {r.reason}"
        click.echo(f"[{n}/{total}] {name}: {what}", err=True)


def table_lines(run: ProofRun) -> list[str]:
    """The summary table: name, readable statement, method, steps, time (the incubator's
    ground facts counted in one line)."""
    out = []
    ground = [t for t in run.theorems if t.origin == "incubator"]
    if ground:
        out.append(f"incubator: {sum(t.proved for t in ground)}/{len(ground)} ground facts proved (in proofs.json)")
    rows = [(t.name, readable(t.statement), t.method or "-", str(t.steps) if t.proved else "-",
             f"{t.seconds:.2f}s", "proved" if t.proved else "unproved")
            for t in run.theorems if t.origin != "incubator"]
    heads = ("name", "statement", "method", "steps", "time", "status")
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(heads)]
    line = "  ".join(h.ljust(w) for h, w in zip(heads, widths))
    out += [line, "-" * len(line)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    assumed = [a.name for a in run.session.theory.assumptions]
    if assumed:
        out.append(f"assumed (the theory's assumptions, not proved): {', '.join(assumed)}")
    out.append(f"\n{len(run.proved)}/{len(run.theorems)} proved in {run.seconds:.2f} s"
               + (" (interrupted)" if run.interrupted else ""))
    return out


def timings(run: ProofRun) -> dict:
    """What run.json holds: the run's times (not deterministic, hence not in proofs.json)."""
    out = {"seconds": round(run.seconds, 3), "interrupted": run.interrupted,
           "theorems": {t.name: {"seconds": round(t.seconds, 4), "cycles": t.cycles} for t in run.theorems}}
    if run.stage_seconds:
        out["stages"] = run.stage_seconds
    return out


def write_outputs(doc: dict, times: dict, out: Path, html: Path | None) -> None:
    """proofs.json (deterministic), run.json (timings) and optionally the HTML site."""
    path = write_document(doc, out)
    (out / "run.json").write_text(json.dumps(times, indent=1) + "\n", encoding="utf-8")
    click.echo(f"wrote {path}", err=True)
    if html is not None:
        from export.html.checked import write_checked_site

        report = write_checked_site(path, html)  # re-checked, as `gl export html` does
        click.echo(f"wrote {html}/index.html ({len(report.rejected)} rejected by the checker)"
                   if report.rejected else f"wrote {html}/index.html", err=True)


@dataclass(frozen=True)
class Job:
    """The options of a run, the same for every problem of a batch."""

    targets: tuple[str, ...] | None  # None: explore
    settings: Settings
    timeout: float | None
    elements: str
    until_targets: bool
    seed: int
    anchor: str | None = None  # the anchor of a GL definition folder whose config lists several


def run_problem(session: Session, job: Job, quiet: bool, ex: Execution | None = None) -> ProofRun:
    """Prove or explore one loaded problem as `job` says (progress on stderr unless quiet);
    an exploration attempts candidates ahead on `ex`'s workers (`gl.explore.speculate`)."""
    start = time.perf_counter()
    if job.targets is None:
        # imported here: the explorer (and its e-graph engine) is not needed to prove targets
        from gl.cli.report import print_event, print_report
        from gl.explore import ExploreConfig, explore
        from gl.explore.speculate import speculating

        with speculating(ex or Execution()) as speculation:
            run = explore(session, settings=job.settings, timeout=job.timeout, seed=job.seed,
                          progress=None if quiet else print_event,
                          config=ExploreConfig(elements=job.elements, until_targets=job.until_targets))
        if not quiet:
            print_report(run)
            if speculation.sent:
                click.echo(speculation.line(), err=True)
        if ex is not None and ex.start_error is not None:
            click.echo(f"gl: warning: {ex.start_error} (explored in this process)", err=True)
    else:
        run = session.prove(list(job.targets) or None, job.settings, timeout=job.timeout,
                            progress=None if quiet else _progress)
    run.seconds = run.seconds or time.perf_counter() - start
    return run


def exit_code(run: ProofRun, job: Job) -> int:
    """0, 1 or 130 as the module docstring says."""
    if run.interrupted:
        return 130
    if job.targets is None:
        return 1 if job.until_targets and unproved_targets(run) else 0
    return 0 if run.all_proved else 1


@click.command()
@click.argument("paths", metavar="PATH", nargs=-1, required=True, type=TextPath(exists=True))
@click.option("--targets-only", is_flag=True, help="Prove the file's target/conjecture statements in order (no exploration).")
@click.option("--target", "targets", multiple=True, help="Prove only this statement (repeatable; implies --targets-only).")
@click.option("--out", "out", type=TextPath(file_okay=False), default="out", show_default=True,
              help="Folder for proofs.json and run.json (a batch: one subfolder per problem).")
@click.option("--html", type=TextPath(file_okay=False), default=None, help="Also write the HTML site to this folder.")
@click.option("--timeout", type=POSITIVE_FLOAT, default=None,
              help="Stop after this many seconds (a batch: per problem), keeping what was proved.")
@click.option("--max-cycles", type=POSITIVE_INT, default=Settings.max_cycles, show_default=True, help="Logic-Block cycles per statement.")
@click.option("--max-facts", type=POSITIVE_INT, default=Settings.max_facts, show_default=True, help="Facts per Logic Block.")
@click.option("--max-depth", type=COUNT, default=Settings.max_depth, show_default=True, help="Nesting depth of invented function values.")
@click.option("--elements", type=click.Choice(["base", "all"]), default="base", show_default=True,
              help="Exploration: named elements in conjectures — the induction base only, or every "
                   "element the axioms name (e.g. i1 too).")
@click.option("--until-targets", is_flag=True,
              help="Exploration: stop as soon as every target of the theory is proved (exit 1 if some is not).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Seed for every randomized choice (runs are deterministic).")
@execution_options
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@ANCHOR
def prove(paths: tuple[str, ...], targets_only: bool, targets: tuple[str, ...], out: str, html: str | None,
          timeout: float | None, max_cycles: int, max_facts: int, max_depth: int, elements: str,
          until_targets: bool, seed: int, workers: int, ray_address: str | None, quiet: bool,
          anchor: str | None) -> None:
    """Prove PATH's targets, or explore PATH's theory and prove what it finds. PATH may be
    an MPL file or folder, a GL definition folder or a TIP problem (FILE.smt2). Several
    PATHs, or a folder of .smt2 files, are a batch: one task per problem (in parallel with
    --workers or --ray), each written to its own subfolder of --out."""
    start = time.perf_counter()
    ex = execution(workers, ray_address)
    settings = Settings(max_cycles=max_cycles, max_facts=max_facts, max_depth=max_depth)
    job = Job(None if not (targets_only or targets) else targets, settings, timeout, elements,
              until_targets, seed, anchor)
    problems = batch(paths)
    if problems is not None:
        with ex:
            sys.exit(prove_batch(problems, job, ex, Path(out), Path(html) if html else None, quiet))
    session = load(paths[0], anchor)
    if timeout is not None:  # the limit counts from the command's start: the import is part of it
        job = replace(job, timeout=max(timeout - (time.perf_counter() - start), 0.01))
    with ex:
        run = run_problem(session, job, quiet, ex)
    missing = unproved_targets(run)
    if job.targets is None and session.theory.statements:
        click.echo(f"targets: {len(session.theory.statements) - len(missing)}/{len(session.theory.statements)} "
                   "proved" + (f" (not: {', '.join(missing)})" if missing else ""), err=True)
    for line in table_lines(run):
        click.echo(line)
    write_outputs(run.to_json(), timings(run), Path(out), Path(html) if html else None)
    sys.exit(exit_code(run, job))


def unproved_targets(run: ProofRun) -> list[str]:
    """The theory's targets (its stated conjectures) that the run did not prove, in order."""
    proved = {t.name for t in run.proved}
    return [s.name for s in run.session.theory.statements if s.name not in proved]


# ---------------------------------------------------------------------- batches


@dataclass(frozen=True)
class Outcome:
    """What one problem of a batch gives back: its proof document and timings (written by
    the caller, so that a worker on another machine writes nothing), the summary table,
    the exit code and, on bad input, the one-line error."""

    name: str
    document: dict | None
    times: dict | None
    table: list[str]
    code: int
    summary: str


def batch(paths: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """(name, path) of every problem when `paths` is a batch: several paths, or one folder
    of `.smt2` files (and no `.mpl` file), which stands for its `.smt2` files in name order;
    None for a single problem. A name is the file's stem (its folder's name and the stem
    when stems repeat), the subfolder of --out its results go to.

    >>> batch(("examples/peano",)) is None
    True
    >>> batch(("examples/peano/peano_targets.mpl", "examples/peano_mirrored"))
    [('peano_targets', 'examples/peano/peano_targets.mpl'), ('peano_mirrored', 'examples/peano_mirrored')]
    """
    files: list[Path] = []
    for p in map(Path, paths):
        smt2 = sorted(p.glob("*.smt2")) if p.is_dir() and not any(p.glob("*.mpl")) else []
        files += smt2 or [p]
    if len(paths) == 1 and files == [Path(paths[0])]:
        return None
    stems = [f.stem for f in files]
    names = stems if len(set(stems)) == len(stems) else [f"{f.parent.name}-{f.stem}" for f in files]
    if len(set(names)) != len(names):
        raise InputError("two problems of the batch would write to the same folder", str(files[0]))
    return [(n, str(f)) for n, f in zip(names, files)]


def prove_one(job: Job, problem: tuple[str, str, str]) -> Outcome:
    """Prove one problem (name, path, output folder) of a batch, quietly: a task, run on a
    worker (the driver writes the output)."""
    name, path, _ = problem
    try:
        session = load(path, job.anchor)
        run = run_problem(session, job, quiet=True)
    except (MPLError, InputError) as exc:
        return Outcome(name, None, None, [], 2, f"error: {exc}")
    statements = [s.name for s in session.theory.statements]
    if job.targets is None and statements:  # exploration: what counts is the theory's targets
        done = f"{len(statements) - len(unproved_targets(run))}/{len(statements)} targets"
    else:
        done = f"{len(run.proved)}/{len(run.theorems)} theorems"
    return Outcome(name, run.to_json(), timings(run), table_lines(run), exit_code(run, job),
                   f"{done} proved in {run.seconds:.2f} s" + (" (interrupted)" if run.interrupted else ""))


def size(path: str) -> int:
    """The bytes of a problem's input (a file, or a folder's files): its size as a batch
    schedules it, larger first (a larger theory tends to take longer; 0 when unreadable).

    >>> import gl, pathlib
    >>> peano = pathlib.Path(gl.__file__).parent.parent / "examples" / "peano"
    >>> size(str(peano)) > size(str(peano / "peano.mpl")) > 0, size("/no/such/file")
    (True, 0)
    """
    p = Path(path)
    try:
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        return sum(f.stat().st_size for f in files if f.exists())
    except OSError:
        return 0


def prove_batch(problems: list[tuple[str, str]], job: Job, ex: Execution, out: Path,
                html: Path | None, quiet: bool) -> int:
    """Prove every problem, one task each, writing each one's results to out/NAME as it
    comes (in problem order, whatever ran where); the exit code: 130 when interrupted
    (what finished is written), else 2 if some problem was bad input, else 1 if some was
    not proved, else 0. The table of each problem goes to stdout, one line per problem to
    stderr, and bad problems' errors to one `gl: error:` line at the end."""
    tasks = [(name, path, str(out / name)) for name, path in problems]
    codes, bad = [], []
    try:
        for n, o in enumerate(ex.map(prove_one, tasks, shared=job, costs=[size(path) for _, path in problems]), 1):
            if not quiet:
                click.echo(f"[{n}/{len(tasks)}] {o.name}: {o.summary}", err=True)
            codes.append(o.code)
            if o.document is None:
                bad.append(f"{o.name}: {o.summary.removeprefix('error: ')}")
                continue
            click.echo(f"== {o.name} ==")
            for line in o.table:
                click.echo(line)
            write_outputs(o.document, o.times, out / o.name, html / o.name if html else None)
            if o.code == 130:
                break
    except KeyboardInterrupt:
        codes.append(130)
    click.echo(f"\nbatch: {codes.count(0)}/{len(tasks)} problems succeeded"
               + (" (interrupted)" if 130 in codes else ""))
    if bad:  # one error line, the last, naming every bad problem
        click.echo(f"gl: error: {len(bad)} of {len(tasks)} problems are bad input: " + "; ".join(bad), err=True)
    return next((c for c in (130, 2, 1) if c in codes), 0)

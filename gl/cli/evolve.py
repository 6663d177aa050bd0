"""`gl evolve TARGET --interval A B --max-ops N --minutes M --seed S --out DIR`: search for
programs approximating a function (AutoNumerics; see mutation/autonumerics).

Progress goes to stderr: one line per improvement (and every 10 s): generation, children,
rate, cache hit rate, best error per op count. Ctrl-C (or SIGTERM) stops cleanly after the
current generation; the checkpoint and the report are written either way, and
``--resume`` continues a stopped run exactly (``--minutes`` and ``--generations`` count
the whole run, earlier sessions included).

Example: ``gl evolve exp2 --interval 0 1 --max-ops 10 --minutes 10 --seed 0 --out out/``
then open ``out/index.html``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from gl.cli.options import FINITE_FLOAT, POSITIVE_FLOAT, POSITIVE_INT, SEED, TextPath
from gl.cli.parallel import execution, execution_options
from gl.errors import InputError

#: Bounds that keep one generation's work and memory reasonable.
MAX_OPS = click.IntRange(1, 1000)
POPULATION = click.IntRange(2, 100_000)
BATCH = click.IntRange(1, 100_000)


@click.command()
@click.argument("target", required=False)
@click.option("--function", "function", metavar="MODULE:ATTR",
              help="A Python function of x (float or numpy array) to approximate.")
@click.option("--reference", metavar="MODULE:ATTR",
              help="Its mpmath reference (takes and returns mpf), to confirm errors.")
@click.option("--interval", nargs=2, type=FINITE_FLOAT, help="The interval [A, B] (default: the "
              "target's own, e.g. [0, 1] for exp2).")
@click.option("--max-ops", type=MAX_OPS, default=10, show_default=True, help="At most this many operations.")
@click.option("--minutes", type=POSITIVE_FLOAT, help="Stop after this much search time in total.")
@click.option("--generations", type=POSITIVE_INT, help="Stop after this many generations in total.")
@click.option("--until", type=POSITIVE_FLOAT, help="Stop once the best error is at most this.")
@click.option("--seed", type=SEED, default=0, show_default=True)
@click.option("--out", "out", type=TextPath(file_okay=False), default="out",
              show_default=True, help="Folder for the report, results and checkpoint.")
@click.option("--resume", is_flag=True, help="Continue the run checkpointed in --out.")
@execution_options
@click.option("--population", type=POPULATION, default=100, show_default=True)
@click.option("--batch", type=BATCH, default=16, show_default=True, help="Children per generation.")
@click.option("--float32", is_flag=True, help="Float32 arithmetic; errors in ULPs.")
@click.option("--fma-cost", type=click.IntRange(1, 2), default=2, show_default=True,
              help="Operations a fused multiply-add counts as.")
@click.option("--seeds", type=click.Choice(["classical", "generic"]), default="classical",
              show_default=True, help="Initial population: random programs and the "
              "smallest polynomials and rationals in x (generic), plus every baseline, "
              "textbook shapes and rational forms fitted by linearized least squares "
              "(classical).")
@click.option("--error", "error", type=click.Choice(["rel", "abs"]), default="rel",
              show_default=True, help="Relative or absolute error (abs: for functions that "
              "cross zero where no program can be exactly zero).")
@click.option("--dense", type=click.IntRange(16, 1 << 24), default=1 << 13, show_default=True,
              help="Evenly spaced inputs of the final float64 measurement (fine grids "
              "around the worst ones come on top).")
@click.option("--no-baselines", is_flag=True, help="Skip the baselines in the report.")
@click.option("--quiet", is_flag=True, help="No progress lines.")
def evolve(target: str | None, function: str | None, reference: str | None,
           interval: tuple[float, float] | None, max_ops: int, minutes: float | None,
           generations: int | None, until: float | None, seed: int, out: str, resume: bool, workers: int,
           ray_address: str | None, population: int, batch: int, float32: bool, fma_cost: int,
           seeds: str, error: str, dense: int, no_baselines: bool, quiet: bool) -> None:
    """Evolve straight-line programs approximating TARGET (exp, exp2, log, log2, sin, cos,
    tanh, erf, sqrt, or MODULE:ATTR) on an interval; write a report to --out. With --workers
    or --ray each generation's fits and polishes run on Ray workers; the run is the same."""
    from mutation.autonumerics.report import summarize, write_report
    from mutation.autonumerics.search import Config, Evolution
    from mutation.autonumerics.targets import check_defined, resolve_target

    ex = execution(workers, ray_address)
    out_dir = Path(out)
    checkpoint = out_dir / "checkpoint.json"
    if resume:
        if not checkpoint.is_file():
            raise InputError("no checkpoint.json to resume", str(out_dir))
        evo = Evolution.load(checkpoint)
    else:
        if target and function:
            raise InputError("give TARGET or --function, not both", "gl evolve")
        name = function or target
        if not name:
            raise InputError("missing TARGET (e.g. exp2) or --function MODULE:ATTR",
                             "gl evolve")
        t = resolve_target(name, reference, error)
        config = Config(function=name, reference=reference,
                        interval=tuple(interval) if interval else t.default_interval,
                        max_ops=max_ops, seed=seed, population=population, batch=batch,
                        fma_cost=fma_cost, float32=float32, seeds=seeds, error=error)
        check_defined(t, config.interval)
        evo = Evolution(config)
    if minutes is None and generations is None:
        minutes = 10.0
    out_dir.mkdir(parents=True, exist_ok=True)
    progress = None if quiet else (lambda line: click.echo(line, err=True))
    with ex:
        reason = evo.run(generations=generations, minutes=minutes, execution=ex,
                         progress=progress, checkpoint=checkpoint, until=until)
    if progress:
        progress(evo.progress_line())
        progress(f"stopped ({reason}); measuring the front and the baselines...")
    results = summarize(evo, reason, with_baselines=not no_baselines, dense=dense)
    page = write_report(out_dir, results)
    for it in results["front"]:
        m = it["measurement"]
        if evo.config.float32:
            err = f"{_fmt(m['ulp32'])} ulp32 ({100 * m['cr32']:.1f}% correctly rounded)"
        else:
            err = f"{_fmt(m['error'])} float64 ({_fmt(m['error_mp'])} exact)"
        click.echo(f"{it['cost']:3d} ops  {err}  {it['program']}")
        if progress:
            progress(f"          from {it['origin']}, {it['mutations']} mutations")
    click.echo(f"report: {page}")
    if reason == "interrupted":
        click.echo(f"interrupted: resume with gl evolve --resume --out {out_dir}", err=True)
        sys.exit(130)


def _fmt(v: float | None) -> str:
    return "       —" if v is None else f"{v:.2e}"

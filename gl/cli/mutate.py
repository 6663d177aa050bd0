"""`gl mutate PROOFS.json -o synth.jsonl`: synthesize theorems from a proof library by rw and
apply mutations (mutation.alchemy), check every one with the independent checker, and write
the dataset (JSONL) and optionally the proof document (`--proofs-out`) for `gl check`.

Exit codes: 0 when every mutant passes the checker (or `--no-check`), 1 when some do not,
2 on bad input, 130 when interrupted (what was made so far is written).
"""

from __future__ import annotations

import shlex
import sys
from collections import Counter
from pathlib import Path

import click

from gl.cli.options import COUNT, POSITIVE_INT, TextPath
from gl.cli.parallel import execution, execution_options
from gl.errors import InputError
from mutation.alchemy import KINDS, Library, Synthesizer
from mutation.alchemy.equivalence import EQUIVALENCES
from mutation.alchemy.sharded import ShardedSynthesizer, synthesizer
from mutation.alchemy.shards import FORMATS, DatasetWriter, JsonlFile, Sink, write_dataset
from mutation.alchemy.synth import families


def _kinds(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    kinds = tuple(dict.fromkeys(k.strip() for k in value.split(",") if k.strip()))
    bad = [k for k in kinds if k not in KINDS]
    if bad or not kinds:
        raise click.BadParameter(f"{value!r}: choose from {', '.join(KINDS)} (comma-separated)")
    return kinds


def _skipped(skipped: list[tuple[str, str]]) -> str:
    if not skipped:
        return ""
    why = Counter(reason for _, reason in skipped)
    return f" ({len(skipped)} library theorems not used: " + \
        "; ".join(f"{n} {reason}" for reason, n in sorted(why.items())) + ")"


def summary_lines(syn: Synthesizer, wrote: list[str]) -> list[str]:
    """The final summary of a synthesis."""
    st = syn.stats
    d = st.as_dict()
    kinds = syn.config.kinds
    per_kind = ", ".join(f"{k} {st.mutants[k]}" for k in kinds)
    rounds = ", ".join(f"round {r}: {n}" for r, n in sorted(st.rounds.items()))
    over = d["passed_over"]
    seconds = st.generate_seconds + st.check_seconds
    out = [
        f"{'seeds':<20}{st.seeds}" + _skipped(syn.library.skipped),
        f"{'invocable pairs':<20}" + ", ".join(f"{k} {d['invocable_pairs'][k]}" for k in kinds)
        + " (" + ", ".join(f"{k} {st.instances[k]}" for k in kinds) + " invocations)",
        f"{'mutants':<20}{st.total}: {per_kind}; {rounds or 'none'}",
        f"{'duplicates dropped':<20}{st.duplicates}"
        + (f" (+{st.equivalent} equivalent modulo {syn.config.equivalence})" if syn.config.equivalence else "")
        + f"; passed over: {over.get('trivial', 0)} trivial, {over.get('too_large', 0)} too large, "
        f"{st.unprovable} without a proof",
    ]
    if st.checked:
        out.append(f"{'checked':<20}{st.checked}, passed {st.passed} ({100 * st.passed / st.checked:.1f}%)")
    else:
        out.append(f"{'checked':<20}0 (--no-check)")
    out.append(f"{'expansion':<20}{d['expansion']}x (mutants per seed)")
    if seconds > 0:
        what = "checked theorems/s" if st.checked else "theorems/s (unchecked)"
        out.append(f"{'throughput':<20}{(st.checked or st.total) / seconds:,.0f} {what} "
                   f"(generate {st.generate_seconds:.2f} s, check {st.check_seconds:.2f} s)")
    out += [f"wrote {w}" for w in wrote]
    return out


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip() for f in value.split(",") if f.strip()))
    if not formats or any(f not in FORMATS for f in formats):
        raise click.BadParameter(f"{value!r}: choose from {', '.join(FORMATS)} (comma-separated)")
    return formats


def _families(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    try:
        return families(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("proofs", type=TextPath())
@click.option("-o", "--out", "out", type=TextPath(), required=True,
              help="Where to write: a folder (shards, manifest.json, README.md dataset card) or one "
                   "FILE.jsonl.")
@click.option("--rounds", type=click.IntRange(1, 20), default=2, show_default=True,
              help="Mutation rounds (round 2 mutates the mutants of round 1, ...).")
@click.option("--kinds", default="rw,apply", show_default=True, callback=_kinds,
              help="Mutation kinds, comma-separated: rw, apply.")
@click.option("--seeds", "seed_families", default="laws,lemmas", show_default=True, callback=_families,
              help="Library theorems to mutate, comma-separated: laws (named laws), lemmas, ground "
                   "(no variables), all. Every theorem still acts as a law.")
@click.option("--max-per-seed", type=COUNT, default=100, show_default=True,
              help="New mutants of each kind per seed and round (0: no limit).")
@click.option("--max-per-root", type=POSITIVE_INT, default=None,
              help="Mutants descending from one library theorem, all rounds.")
@click.option("--max-per-law", type=POSITIVE_INT, default=None, help="Mutants invoking one law.")
@click.option("--max-mutants", type=POSITIVE_INT, default=None,
              help="Stop after this many mutants, sampled evenly over rounds, seeds and laws.")
@click.option("--sample-seed", type=COUNT, default=0, show_default=True,
              help="Seed of the sampling order under --max-mutants.")
@click.option("--min-size", type=COUNT, default=0, show_default=True,
              help="Least function applications of a mutant.")
@click.option("--max-size", type=POSITIVE_INT, default=10, show_default=True,
              help="Most function applications of a mutant.")
@click.option("--min-depth", type=COUNT, default=0, show_default=True, help="Least term depth of a mutant.")
@click.option("--max-depth", type=POSITIVE_INT, default=None, help="Most term depth of a mutant.")
@click.option("--max-hyps", type=POSITIVE_INT, default=10, show_default=True,
              help="Hypotheses of an apply mutant.")
@click.option("--no-new-variables", is_flag=True, help="rw may not introduce variables (i0 -> x * i0).")
@click.option("--equivalence", type=click.Choice(EQUIVALENCES), default=None,
              help="Also drop equations equal modulo associativity and commutativity (ac) of the "
                   "library's AC operators.")
@click.option("--no-check", is_flag=True, help="Do not re-check the mutants with the checker.")
@click.option("--shard-size", type=POSITIVE_INT, default=100_000, show_default=True,
              help="Rows per shard (folder output).")
@click.option("--format", "formats", default="jsonl", show_default=True, callback=_formats,
              help="Shard formats, comma-separated: jsonl, parquet (needs pyarrow).")
@click.option("--resume", is_flag=True, help="Continue a stopped run in the same folder (same settings).")
@click.option("--progress", "progress_every", type=POSITIVE_INT, default=100_000, show_default=True,
              help="A progress line every this many rows.")
@click.option("--proofs-out", type=TextPath(dir_okay=False), default=None,
              help="Also write the library and the mutants as one gl.proofs/1 document.")
@execution_options
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
def mutate(proofs: str, out: str, rounds: int, kinds: tuple[str, ...], seed_families: tuple[str, ...],
           max_per_seed: int, max_per_root: int | None, max_per_law: int | None, max_mutants: int | None,
           sample_seed: int, min_size: int, max_size: int, min_depth: int, max_depth: int | None,
           max_hyps: int, no_new_variables: bool, equivalence: str | None, no_check: bool,
           shard_size: int, formats: tuple[str, ...], resume: bool, progress_every: int,
           proofs_out: str | None, workers: int, ray_address: str | None, quiet: bool) -> None:
    """Synthesize theorems from PROOFS.json (a gl.proofs/1 library, or a folder holding
    proofs.json) by mutation, checked batch by batch. With --workers or --ray each batch is
    checked in shares on the workers; the rows are the same."""
    single = out.endswith(".jsonl")
    if single and (resume or formats != ("jsonl",)):
        raise click.UsageError("--resume and --format need a folder for --out, not a .jsonl file")
    if resume and proofs_out:
        raise click.UsageError("--resume cannot continue a --proofs-out document")
    ex = execution(workers, ray_address)
    if Path(proofs).is_dir():
        proofs = str(Path(proofs) / "proofs.json")
    library = Library.load(proofs)
    syn = synthesizer(library, ex, kinds=kinds, rounds=rounds, seeds=seed_families,
                      max_per_seed=max_per_seed or None, max_per_root=max_per_root, max_per_law=max_per_law,
                      max_mutants=max_mutants, sample_seed=sample_seed, min_size=min_size,
                      max_size=max_size, min_depth=min_depth, max_depth=max_depth, max_hyps=max_hyps,
                      new_variables=not no_new_variables, equivalence=equivalence)
    if ex.parallel and not isinstance(syn, ShardedSynthesizer):
        why = "--max-mutants samples over the whole synthesis" if max_mutants is not None else \
            "the placeholder of the shards occurs in the library's texts"
        click.echo(f"gl mutate: mutants generated in this process, not on {ex.where()}: {why}", err=True)
    if not syn.seeds:
        raise InputError(f"no proved theorem of the seed families {', '.join(seed_families)} can be "
                         "mutated (need rules ∀x̄: H → L)", proofs)
    sink: Sink = JsonlFile(Path(out)) if single else DatasetWriter(
        out, {"library": str(Path(proofs).resolve()), "checked": not no_check, **syn.config.as_dict()},
        shard_size, formats, resume, command=_command_line(click.get_current_context()))
    if not quiet:
        click.echo(f"{len(syn.seeds)} seeds ({', '.join(seed_families)}), {len(syn.library.laws)} laws; "
                   f"kinds {','.join(kinds)}, {rounds} round(s); "
                   f"{'no check' if no_check else 'checking each batch'}"
                   + (f"; resuming after {sink.rows_done:,} rows" if sink.rows_done else ""), err=True)
    with ex:
        rows, failures = write_dataset(syn, sink, None if no_check else ex, Path(proofs_out) if proofs_out else None,
                                       every=progress_every,
                                       progress=None if quiet else lambda p: click.echo(p.line(), err=True))
    for f in failures[:20]:
        click.echo(f"FAIL {f}", err=True)
    wrote = [f"{out} ({rows} rows{f', {sink.rows_done - rows} before' if sink.rows_done > rows else ''})",
             *([proofs_out] if proofs_out else [])]
    for line in summary_lines(syn, wrote):
        click.echo(line)
    if syn.interrupted:
        sys.exit(130)
    sys.exit(1 if failures else 0)


def _command_line(ctx: click.Context) -> str:
    """`gl mutate` with the arguments and options given (for the dataset card)."""
    words = ["gl", "mutate"]
    for p in ctx.command.params:
        if ctx.get_parameter_source(p.name) != click.core.ParameterSource.COMMANDLINE:
            continue
        value = ctx.params[p.name]
        text = ",".join(map(str, value)) if isinstance(value, tuple) else str(value)
        if isinstance(p, click.Argument):
            words.append(text)
        elif getattr(p, "is_flag", False):
            words.append(p.opts[-1])
        else:
            words += [p.opts[-1], text]
    return shlex.join(words)



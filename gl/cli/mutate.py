"""`gl mutate PROOFS.json -o synth.jsonl`: synthesize theorems from a proof library by rw and
apply mutations (mutation.alchemy), check every one with the independent checker, and write
the dataset (JSONL) and optionally the proof document (`--proofs-out`) for `gl check`.

Exit codes: 0 when every mutant passes the checker (or `--no-check`), 1 when some do not,
2 on bad input, 130 when interrupted (what was made so far is written).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import click

from gl.cli.options import COUNT, POSITIVE_INT, TextPath
from gl.cli.parallel import execution, execution_options
from gl.errors import InputError
from gl.execution import Execution
from mutation.alchemy import KINDS, Library, Synthesizer
from mutation.alchemy.dataset import ProofsWriter, jsonl_line, proofs_head


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


@click.command()
@click.argument("proofs", type=TextPath())
@click.option("-o", "--out", "out", type=TextPath(dir_okay=False), required=True,
              help="The JSONL dataset to write (one mutant a line).")
@click.option("--rounds", type=click.IntRange(1, 20), default=2, show_default=True,
              help="Mutation rounds (round 2 mutates the mutants of round 1, ...).")
@click.option("--kinds", default="rw,apply", show_default=True, callback=_kinds,
              help="Mutation kinds, comma-separated: rw, apply.")
@click.option("--max-per-seed", type=COUNT, default=100, show_default=True,
              help="New mutants of each kind per seed and round (0: no limit).")
@click.option("--max-mutants", type=POSITIVE_INT, default=None, help="Stop after this many mutants.")
@click.option("--max-size", type=POSITIVE_INT, default=10, show_default=True,
              help="Function applications in an rw mutant's equation.")
@click.option("--max-hyps", type=POSITIVE_INT, default=10, show_default=True,
              help="Hypotheses of an apply mutant.")
@click.option("--no-new-variables", is_flag=True, help="rw may not introduce variables (i0 -> x * i0).")
@click.option("--equivalence", default=None, metavar="RULES",
              help="Also drop equations equivalent modulo these rewrite rules (e-graph), e.g. ac.")
@click.option("--no-check", is_flag=True, help="Do not re-check the mutants with the checker.")
@click.option("--proofs-out", type=TextPath(dir_okay=False), default=None,
              help="Also write the library and the mutants as one gl.proofs/1 document.")
@execution_options
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
def mutate(proofs: str, out: str, rounds: int, kinds: tuple[str, ...], max_per_seed: int,
           max_mutants: int | None, max_size: int, max_hyps: int, no_new_variables: bool,
           equivalence: str | None, no_check: bool, proofs_out: str | None, workers: int,
           ray_address: str | None, quiet: bool) -> None:
    """Synthesize theorems from PROOFS.json (a gl.proofs/1 library, or a folder holding
    proofs.json) by mutation. With --workers or --ray each batch of mutants is checked in
    shares on the workers; the rows are the same."""
    ex = execution(workers, ray_address)
    if Path(proofs).is_dir():
        proofs = str(Path(proofs) / "proofs.json")
    library = Library.load(proofs)
    try:
        syn = Synthesizer(library, kinds=kinds, rounds=rounds, max_per_seed=max_per_seed or None,
                          max_mutants=max_mutants, max_size=max_size, max_hyps=max_hyps,
                          new_variables=not no_new_variables, equivalence=equivalence)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--equivalence'") from None
    if not syn.library.seeds:
        raise InputError("no proved theorem can be mutated (need rules ∀x̄: H → L)", proofs)
    if not quiet:
        click.echo(f"{len(syn.library.seeds)} seeds, {len(syn.library.laws)} laws; kinds {','.join(kinds)}, "
                   f"{rounds} round(s); {'no check' if no_check else 'checking each batch'}", err=True)
    with ex:
        rows, failures = _stream(syn, Path(out), Path(proofs_out) if proofs_out else None,
                                 ex if not no_check else None, quiet)
    for f in failures[:20]:
        click.echo(f"FAIL {f}", err=True)
    wrote = [f"{out} ({rows} rows)", *([proofs_out] if proofs_out else [])]
    for line in summary_lines(syn, wrote):
        click.echo(line)
    if syn.interrupted:
        sys.exit(130)
    sys.exit(1 if failures else 0)


def _stream(syn: Synthesizer, out: Path, proofs_out: Path | None, check: Execution | None,
            quiet: bool, size: int = 5000) -> tuple[int, list]:
    """Make, check (on `check`; None: no check) and write the mutants batch by batch
    (memory stays bounded); the number of rows written and the checker's failures."""

    rows = 0
    failures: list = []
    start = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        data = stack.enter_context(out.open("w", encoding="utf-8"))
        writer = None
        if proofs_out is not None:
            proofs_out.parent.mkdir(parents=True, exist_ok=True)
            fh = stack.enter_context(proofs_out.open("w", encoding="utf-8"))
            writer = ProofsWriter(fh, proofs_head(syn.library), syn.library.theorems)
        for batch in syn.batches(size):
            if check is not None:
                failures += syn.check(batch, fresh=True, execution=check).failures
            data.writelines(jsonl_line(m.row()) for m in batch)
            if writer is not None:
                writer.add(m.theorem() for m in batch)
            rows += len(batch)
            if not quiet:
                st = syn.stats
                done = f", {st.checked} checked, {st.passed} passed" if check is not None else ""
                click.echo(f"round {batch[-1].round}: {rows} mutants{done} "
                           f"({rows / max(time.perf_counter() - start, 1e-9):,.0f}/s)", err=True)
        if writer is not None:
            writer.close()
    return rows, failures

"""What `gl prove` prints while it explores and after: the progress lines of the
exploration's events, the stage counts and times, and the proved theorems with the
named laws marked (all on stderr).
"""

from __future__ import annotations

from functools import partial
from typing import assert_never

import click

from gl.core.session import ProofRun
from gl.explore.progress import (
    Attempted,
    Event,
    IncubatorDone,
    IncubatorStarted,
    PoolReady,
    Stopped,
)
from gl.laws import named_law
from mpl_lang import readable


def event_line(event: Event) -> str:
    """The progress line of one exploration event.

    >>> event_line(PoolReady(enumerated=40, refuted=263, conjectures=10))
    'enumerated 40 terms; 263 pairs refuted by counterexamples; 10 conjectures after normalization and type filter'
    """
    match event:
        case IncubatorStarted(up_to=up_to):
            return f"incubator: proving ground facts up to {up_to} ..."
        case IncubatorDone(proved=proved, total=total, seconds=seconds):
            return f"incubator: {proved}/{total} facts proved ({seconds:.1f} s)"
        case PoolReady(enumerated=enumerated, refuted=refuted, conjectures=conjectures):
            return (f"enumerated {enumerated} terms; {refuted} pairs refuted by counterexamples; "
                    f"{conjectures} conjectures after normalization and type filter")
        case Attempted(result=r) if r.proved:
            return f"  proved {r.name}: {readable(r.statement)} ({r.method}, {r.steps} steps, {r.seconds:.2f} s)"
        case Attempted(result=r):
            return f"  not yet: {r.name}: {readable(r.statement)} ({r.seconds:.2f} s)"
        case Stopped(reason=reason):
            return f"{reason}: keeping what was proved"
        case _:
            assert_never(event)


def print_event(event: Event) -> None:
    """Print an exploration event's progress line on stderr (the `progress` callback)."""
    click.echo(event_line(event), err=True)


def print_report(run: ProofRun) -> None:
    """The stage summary and the proved theorems (★ named law, ○ compressed out) on stderr."""
    echo = partial(click.echo, err=True)
    echo("\nstage counts:")
    for k, v in run.stages.items():
        echo(f"  {k:26} {v}")
    echo("time per stage:")
    for k, v in run.stage_seconds.items():
        echo(f"  {k:40} {v:.2f} s")
    comp = run.compression or {}
    echo("\nproved theorems (★ named law, ○ compressed out):")
    for t in run.theorems:
        if t.origin == "incubator" or not t.proved:
            continue
        law = named_law(t.statement)
        mark = "★" if law else ("○" if t.name in comp else " ")
        echo(f" {mark} {t.name:16} {readable(t.statement)}" + (f"   [{law}]" if law else ""))


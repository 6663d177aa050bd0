"""A synthesized dataset as a folder: shards of rows (`shard-00000.jsonl`, and
`shard-00000.parquet` with pyarrow), a manifest (`manifest.json`: the settings and each
finished shard's counts) that lets a stopped run resume, and a dataset card (`README.md`:
schema, counts, histograms, the command that made it).

A shard is written to a `.tmp` file and renamed when full, and only then listed in the
manifest, so a crash loses at most the shard being written; `resume=True` keeps the listed
shards and continues after their rows (the synthesis is deterministic, so it makes them again
without checking or writing them).

>>> t = Tally()
>>> t.add({"kind": "rw", "round": 1, "seed": {"family": "law"}, "invoked": {"name": "add_comm"},
...        "size": 3, "depth": 2, "checked": True})
>>> t.as_dict()["kind"], t.as_dict()["checked"]
({'rw': 1}, {'true': 1})
"""

from __future__ import annotations

import gc
import json
import os
import resource
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gl.errors import InputError
from gl.execution import Execution, gc_paused

from .dataset import ProofsWriter, compact, jsonl_line, proofs_head
from .model import Mutant
from .sharded import ShardedSynthesizer, jsonl_row
from .synth import Synthesizer

#: what a manifest's `format` says
FORMAT = "gl.mutants/1"
#: row keys whose values shards hold as JSON text (their shape varies from row to row, which
#: columnar loaders cannot type)
JSON_COLUMNS = ("location", "proof")
FORMATS = ("jsonl", "parquet")
#: rows between two runs of the cyclic garbage collector in `write_dataset`
COLLECT = 100_000
_COUNTED = ("kind", "round", "family", "law", "size", "depth", "checked")


class Tally:
    """Counts of dataset rows: per kind, round, seed family, invoked law, size, depth and
    checker verdict."""

    def __init__(self, data: dict[str, Any] | None = None) -> None:
        self.rows = 0
        self.counts: dict[str, Counter[str]] = {k: Counter() for k in _COUNTED}
        if data:
            self.merge(data)

    def add(self, row: dict[str, Any]) -> None:
        """Count one row."""
        self.count(counted(row))

    def count(self, keys: tuple[str, ...]) -> None:
        """Count one row given as what is counted of it (`counted`)."""
        self.rows += 1
        for counter, key in zip(self.counts.values(), keys):
            counter[key] += 1

    def merge(self, data: dict[str, Any]) -> None:
        """Add the counts of `as_dict` output."""
        self.rows += data["rows"]
        for k in _COUNTED:
            self.counts[k].update(data[k])

    def as_dict(self) -> dict[str, Any]:
        """The counts as plain JSON data (keys sorted: numerically for round, size, depth)."""
        out: dict[str, Any] = {"rows": self.rows}
        for k, c in self.counts.items():
            order = sorted(c, key=int) if k in ("round", "size", "depth") else sorted(c)
            out[k] = {x: c[x] for x in order}
        return out


def counted(row: dict[str, Any]) -> tuple[str, ...]:
    """What a `Tally` counts of a row, in its order (`_COUNTED`).

    >>> counted({"kind": "rw", "round": 1, "seed": {"family": "law"}, "invoked": {"name": "add_comm"},
    ...          "size": 3, "depth": 2, "checked": None})
    ('rw', '1', 'law', 'add_comm', '3', '2', 'null')
    """
    return (row["kind"], str(row["round"]), row["seed"]["family"], row["invoked"]["name"], str(row["size"]),
            str(row["depth"]), json.dumps(row["checked"]))


def shard_line(row: dict[str, Any]) -> tuple[bytes, tuple[str, ...]]:
    """A row as a JSONL shard holds it (`flat_row`) and what a `Tally` counts of it: what
    the workers of a sharded synthesis send a `DatasetWriter` (`add_lines`), so that the
    driver writes bytes and counts without parsing them."""
    return jsonl_line(flat_row(row)), counted(row)


class DatasetWriter:
    """Writes dataset rows into shards of `shard_size` rows in the folder `out`, in the
    `formats` asked for (`jsonl`, `parquet`), and the manifest and card. `settings` (plain
    JSON data) must be the same for a run to resume; `command` is quoted in the card."""

    def __init__(self, out: str | Path, settings: dict[str, Any], shard_size: int = 100_000,
                 formats: tuple[str, ...] = ("jsonl",), resume: bool = False, command: str = "") -> None:
        self.out = Path(out)
        self.settings = settings
        self.shard_size = shard_size
        self.formats = formats
        self.command = command
        self.shards: list[dict[str, Any]] = []
        self._manifest = self.out / "manifest.json"
        if "parquet" in formats:
            _pyarrow()
        self.out.mkdir(parents=True, exist_ok=True)
        if resume and self._manifest.exists():
            self._resume()
        self._clear(keep=len(self.shards))
        self._rows = 0
        self._tally = Tally()
        self._files: dict[str, Any] = {}

    def _resume(self) -> None:
        try:
            man = json.loads(self._manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"cannot resume: {exc}", self._manifest) from None
        if man.get("settings") != self.settings:
            raise InputError("cannot resume: the run was made with other settings "
                             f"({json.dumps(man.get('settings'), sort_keys=True)})", self._manifest)
        self.shards = man["shards"]
        self.command = man.get("command", self.command)

    def _clear(self, keep: int) -> None:
        """Remove the shards (and partial shards) past the first `keep`."""
        for p in sorted(self.out.glob("shard-[0-9][0-9][0-9][0-9][0-9].*")):
            if p.suffix == ".tmp" or int(p.name[6:11]) >= keep:
                p.unlink()

    @property
    def rows_done(self) -> int:
        """Rows in the finished shards (what a resumed run skips)."""
        return sum(s["rows"] for s in self.shards)

    def _path(self, fmt: str) -> Path:
        return self.out / f"shard-{len(self.shards):05d}.{fmt}"

    #: how a worker renders a row for this sink (`ShardedSynthesizer.row_line`)
    row_line = staticmethod(shard_line)

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Append rows, closing each shard as it fills."""
        self._add(rows, self._write)

    def add_lines(self, lines: list[tuple[bytes, tuple[str, ...]]]) -> None:
        """Append rows given as `shard_line` renders them (a shard's line and what is
        counted of the row): the lines are written as they are, parsed only for Parquet."""
        self._add(lines, self._write_lines)

    def _add(self, rows: list[Any], write: Callable[[list[Any]], None]) -> None:
        i = 0
        while i < len(rows):
            if not self._files:
                self._open()
            part = rows[i:i + self.shard_size - self._rows]
            write(part)
            self._rows += len(part)
            i += len(part)
            if self._rows == self.shard_size:
                self._finish()

    def _open(self) -> None:
        for fmt in self.formats:
            tmp = Path(f"{self._path(fmt)}.tmp")
            if fmt == "jsonl":
                self._files[fmt] = tmp.open("wb")
            else:
                pa, pq = _pyarrow()
                self._files[fmt] = pq.ParquetWriter(tmp, parquet_schema(pa), compression="zstd")

    def _write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self._tally.add(row)
        flat = [flat_row(r) for r in rows]
        for fmt, fh in self._files.items():
            if fmt == "jsonl":
                fh.writelines(jsonl_line(r) for r in flat)
            else:
                pa, _ = _pyarrow()
                fh.write_table(pa.Table.from_pylist(flat, schema=parquet_schema(pa)))

    def _write_lines(self, lines: list[tuple[bytes, tuple[str, ...]]]) -> None:
        for _, keys in lines:
            self._tally.count(keys)
        for fmt, fh in self._files.items():
            if fmt == "jsonl":
                fh.writelines(line for line, _ in lines)
            else:
                pa, _ = _pyarrow()
                fh.write_table(pa.Table.from_pylist([json.loads(line) for line, _ in lines],
                                                    schema=parquet_schema(pa)))

    def _finish(self) -> None:
        """Close the shard being written, rename it into place and list it in the manifest."""
        for fmt, fh in self._files.items():
            fh.close()
            os.replace(f"{self._path(fmt)}.tmp", self._path(fmt))
        self.shards.append({"name": self._path("").name.rstrip("."), "rows": self._rows,
                            "counts": self._tally.as_dict()})
        self._files, self._rows, self._tally = {}, 0, Tally()
        self._write_manifest(complete=False)

    def _write_manifest(self, complete: bool) -> None:
        man = {"format": FORMAT, "settings": self.settings, "formats": list(self.formats),
               "shard_size": self.shard_size, "command": self.command, "complete": complete,
               "shards": self.shards}
        tmp = self._manifest.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(man, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, self._manifest)

    def close(self, complete: bool = True, stats: dict[str, Any] | None = None) -> Tally:
        """Finish the last shard, the manifest and the card (`stats`: the synthesis's
        counts, quoted in it but for its times and checker counts, which the card's own
        counts give); the counts of every row."""
        if self._files:
            self._finish()
        self._write_manifest(complete)
        total = Tally()
        for s in self.shards:
            total.merge(s["counts"])
        if stats is not None:
            stats = {k: v for k, v in stats.items() if not k.endswith("_seconds") and k not in ("checked", "passed")}
        (self.out / "README.md").write_text(card(total, self, complete, stats), encoding="utf-8")
        return total


class JsonlFile:
    """One JSONL file of full rows (no shards, no resume), as a sink of `write_dataset`."""

    rows_done = 0

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = path.open("wb")

    def add(self, rows: list[dict[str, Any]]) -> None:
        """Append rows."""
        self.fh.writelines(jsonl_line(r) for r in rows)

    #: how a worker renders a row for this sink (`ShardedSynthesizer.row_line`)
    row_line = staticmethod(jsonl_row)

    def add_lines(self, lines: list[tuple[bytes, tuple[str, ...]]]) -> None:
        """Append rows given as JSONL lines (`jsonl_row`)."""
        self.fh.writelines(line for line, _ in lines)

    def close(self, complete: bool = True, stats: dict[str, Any] | None = None) -> None:
        """Finish the file."""
        self.fh.close()


Sink = JsonlFile | DatasetWriter


@dataclass
class Progress:
    """Where a `write_dataset` run is: the round, rows (`before` this run and `rows` in it),
    the rows since the last report with the wall and CPU seconds they took and the proof
    steps they hold (None for rows rendered by workers), the seconds since the start, the
    checker's counts and the peak memory.

    >>> Progress(4, 0, 200_000, 100_000, 190.0, 180.0, 400.0, 200_000, 200_000, 600.0, [], 1_250_000).line()
    'round 4: 200000 mutants, 200000 checked, 200000 passed (526/s, 556/s CPU, 12.5 steps/row: 6,944 steps/s CPU; 500/s overall; peak 600 MB)'
    """

    round: int
    before: int
    rows: int
    since: int
    wall: float
    cpu: float
    elapsed: float
    checked: int | None
    passed: int
    peak_mb: float
    batch: list[Mutant]
    steps: int | None = None

    def line(self) -> str:
        """The progress line `gl mutate` prints: with the rows per second of the stretch, its
        proof steps per row and per CPU second (rows of longer proofs cost more to make,
        check and write: the steps tell the data's share of a change in the rate from the
        program's)."""
        done = f", {self.checked} checked, {self.passed} passed" if self.checked is not None else ""
        cpu = max(self.cpu, 1e-9)
        steps = "" if not self.steps or not self.since else \
            f", {self.steps / self.since:.1f} steps/row: {self.steps / cpu:,.0f} steps/s CPU"
        return (f"round {self.round}: {self.before + self.rows} mutants{done} "
                f"({self.since / max(self.wall, 1e-9):,.0f}/s, {self.since / cpu:,.0f}/s CPU{steps}; "
                f"{self.rows / max(self.elapsed, 1e-9):,.0f}/s overall; peak {self.peak_mb:,.0f} MB)")


def write_dataset(syn: Synthesizer, sink: Sink, check: Execution | None, proofs_out: Path | None = None,
                  every: int = 100_000, progress: Callable[[Progress], None] | None = None,
                  size: int = 5000) -> tuple[int, list[str]]:
    """Make, check (on `check`; None: no check) and write the mutants batch by batch after
    the rows the sink already holds (memory stays bounded); `progress` hears every `every`
    rows and at the end. Returns the rows written and the checker's failures. The rows of a
    `ShardedSynthesizer` come rendered and checked from its workers, as bytes."""
    rows = since = steps = 0
    failures: list[str] = []
    start = last = (time.perf_counter(), time.process_time())
    done = sink.rows_done
    sharded = isinstance(syn, ShardedSynthesizer)

    def report(batch: list[Mutant]) -> tuple[float, float]:
        now = (time.perf_counter(), time.process_time())
        if progress is not None:
            st = syn.stats
            progress(Progress(syn.round, done, rows, since, now[0] - last[0], now[1] - last[1], now[0] - start[0],
                              st.checked if check is not None else None, st.passed,
                              resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, batch,
                              None if sharded else steps))
            now = (time.perf_counter(), time.process_time())  # the listener's own time is not the run's
        return now

    with ExitStack() as stack:
        writer = None
        if proofs_out is not None:
            proofs_out.parent.mkdir(parents=True, exist_ok=True)
            fh = stack.enter_context(proofs_out.open("w", encoding="utf-8"))
            writer = ProofsWriter(fh, proofs_head(syn.library), syn.library.theorems)
        batch: list[Mutant] = []
        # The cyclic collector stays paused for the whole run, not only while mutants are made,
        # checked and written: re-enabled between those parts it found a heap grown by a batch
        # and ran full collections, 5-13 % of the time. It collects every COLLECT rows instead.
        stack.enter_context(gc_paused())
        if sharded:  # the workers render, and check, what the sink and the writer will want
            syn.checking, syn.with_theorems, syn.row_line = check is not None, writer is not None, sink.row_line
        for batch in syn.batches(size, skip=done, lean=sharded or check is None or not check.parallel):
            if sharded:
                sink.add_lines(syn.lines(batch))
            else:
                if check is not None:
                    syn.check(batch, execution=check)
                sink.add([m.row() for m in batch])
                steps += sum(len(m.realized.steps) for m in batch)
            failures += [f for m in batch for f in m.failures]
            if writer is not None:
                writer.add(syn.theorems(batch) if sharded else (m.theorem() for m in batch))
            rows += len(batch)
            since += len(batch)
            if rows % COLLECT < len(batch):
                gc.collect()
            if since >= every:
                last, since, steps = report(batch), 0, 0
        if since:
            report(batch)
        if writer is not None:
            writer.close()
        sink.close(complete=not syn.interrupted, stats=syn.stats.as_dict())
    return rows, failures


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError("Parquet output needs pyarrow (pip install pyarrow)") from None
    return pa, pq


def parquet_schema(pa: Any) -> Any:
    """The Parquet schema of a row (`JSON_COLUMNS` and `invoked.ref` as JSON text)."""
    s = pa.string()
    return pa.schema([
        ("id", s), ("round", pa.int32()), ("kind", s),
        ("seed", pa.struct([("name", s), ("mpl", s), ("readable", s), ("root", s), ("family", s)])),
        ("mutant", pa.struct([("mpl", s), ("readable", s), ("tptp", s), ("lean", s)])),
        ("invoked", pa.struct([("name", s), ("ref", s), ("statement", s)])),
        ("location", s), ("direction", s), ("cites", pa.list_(s)), ("proof", s), ("checked", pa.bool_()),
        ("canonical_hash", s), ("ac_hash", s), ("size", pa.int32()), ("depth", pa.int32()),
    ])


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row as shards hold it (`parquet_schema`): `JSON_COLUMNS` and `invoked.ref` as JSON
    text, so that every row has the same type."""
    out = {**row, "invoked": {**row["invoked"], "ref": json.dumps(row["invoked"]["ref"])}}
    for k in JSON_COLUMNS:
        out[k] = compact(row[k]).decode("utf-8")
    return out


def _table(counts: dict[str, int], head: str, total: int) -> list[str]:
    lines = [f"| {head} | rows | share |", "|---|---:|---:|"]
    lines += [f"| {k} | {n:,} | {100 * n / max(total, 1):.1f}% |" for k, n in counts.items()]
    return lines


def _histogram(counts: dict[str, int], head: str) -> list[str]:
    top = max(counts.values(), default=1)
    lines = [f"| {head} | rows | |", "|---:|---:|---|"]
    lines += [f"| {k} | {n:,} | {'█' * max(1, round(30 * n / top))} |" for k, n in counts.items()]
    return lines


def card(total: Tally, w: DatasetWriter, complete: bool, stats: dict[str, Any] | None) -> str:
    """The dataset card: what the folder holds, how it was made, its counts and schema."""
    d = total.as_dict()
    n = d["rows"]
    laws = dict(sorted(d["law"].items(), key=lambda kv: (-kv[1], kv[0]))[:30])
    files = ", ".join(f"`shard-NNNNN.{f}`" for f in w.formats)
    lines = [
        "# Synthesized theorems (gl mutate)", "",
        f"{n:,} theorems made by mutating the proved theorems of a `gl` proof library (rw and apply "
        "mutations, Alchemy-style), each with its proof; `checked` is the independent checker's "
        "verdict. " + ("" if complete else "**The run was stopped before the end** (`--resume` continues it)."),
        "", "Made by:", "", "```bash", w.command or "(the Python API)", "```", "",
        f"Files: {len(w.shards)} shard(s) of up to {w.shard_size:,} rows, {files}; `manifest.json` "
        "(settings, per-shard counts).", "",
        "Load it:", "", "```python",
        "from datasets import load_dataset",
        f'ds = load_dataset("json", data_files="{w.out.name}/shard-*.jsonl", split="train")',
        *([f'ds = load_dataset("parquet", data_files="{w.out.name}/shard-*.parquet", split="train")']
          if "parquet" in w.formats else []),
        "```", "",
        "## Settings", "", "```json", json.dumps(w.settings, indent=1, sort_keys=True), "```", "",
        "## Counts", "", *_table(d["kind"], "kind", n), "", *_table(d["round"], "round", n), "",
        *_table(d["family"], "seed family", n), "", *_table(d["checked"], "checked", n), "",
        f"Invoked laws: {len(d['law']):,} (the 30 most used):", "", *_table(laws, "law", n), "",
        "## Size (function applications) and depth", "", *_histogram(d["size"], "size"), "",
        *_histogram(d["depth"], "depth"), "",
    ]
    if stats:
        lines += ["## Synthesis", "", "```json", json.dumps(stats, indent=1, sort_keys=True), "```", ""]
    lines += ["## Schema", "", SCHEMA]
    return "\n".join(lines)


SCHEMA = """One row per theorem (JSONL: one JSON object a line; Parquet: the same columns).
`location`, `proof` and `invoked.ref` are JSON text (their shape varies from row to row), so
every row has one type: `json.loads(row["proof"])`.

| column | value |
|---|---|
| `id` | theorem name (`m000001`, …) |
| `round` | 1: a mutant of a library theorem; 2: of a round-1 mutant; … |
| `kind` | `rw` or `apply` |
| `seed` | `{name, mpl, readable, root, family}`: the theorem mutated, the library theorem it descends from, and that theorem's family (`law`, `lemma`, `ground`) |
| `mutant` | `{mpl, readable, tptp, lean}`: the statement in MPL, readable, as a TPTP FOF conjecture and a Lean 4 `theorem` header (`null` outside Peano's signature) |
| `invoked` | `{name, ref, statement}`: the law used, the rule reference of its proof step, the law's statement |
| `location` | where the seed was changed (`in`, `index`; rw adds `side`, `path`) |
| `direction` | rw: `ltr` or `rtl`; apply: `null` |
| `cites` | the theorems the proof cites |
| `proof` | the proof (gl's proof-graph format, `export/SCHEMA.md`) |
| `checked` | the independent checker's verdict (`null`: not checked) |
| `canonical_hash` | 16-byte BLAKE2b of the canonical form modulo variable renaming (hex); distinct in a dataset |
| `ac_hash` | the same modulo associativity-commutativity (with `--equivalence ac`, else `null`) |
| `size` | function applications of the statement's equation (its function literals when not an equation) |
| `depth` | nesting depth of the equation (1 when not an equation) |
"""

"""Robustness fuzzing of the MPL front end: random text and edited valid MPL must be either
accepted or rejected with an `MPLError` that has a 1-based location — nothing else.

Shared by the test suite (edits drawn by hypothesis) and `benchmarks/fuzz_mpl.py` (edits
drawn from a seeded `random.Random`).

>>> apply_edits("(in[x,N])", [Edit("delete", 0, 1), Edit("insert", 8, "!")])
'in[x,N])!'
>>> from mpl_lang import parse_expr
>>> outcome(lambda: parse_expr("(in[x,N]"))
'syntax error'
"""

from __future__ import annotations

import json
import random
import re
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .ast import Definition, Module, Statement
from .compiler import load
from .errors import MPLError
from .parser import MAX_DEPTH, parse_module
from .printer import pretty_mpl, to_mpl

#: Pieces of text an edit may insert: MPL tokens, keywords, broken structure, odd
#: characters (NUL, CR, form feed, non-ASCII) and bursts that exceed the nesting limit.
SNIPPETS: tuple[str, ...] = (
    "(", ")", "[", "]", ",", "!", "&", ">", ":=", "=", "+", "*", "'", '"', "#", ";", "\n",
    " ", "\t", "\r", "\x0c", "\x00", "é", "∀", "\\",
    "def ", "anchor ", "target ", "conjecture ", "assume ", "include ", "induction ", " from ", " by ",
    "x", "N", "i0", "s", "in", "in2", "in3", "in4", "fXY", "NaturalNumbers", "AnchorPeano",
    "(in[x,N])", "(=[a,b])", "!(in2[n,i0,s])", "(>[x]", "(>[]", "(&", "[x,y]", "[]",
    'include "peano.mpl"\n', 'include "laws.mpl"\n', 'include "."\n', 'include ""\n',
    'include "missing.mpl"\n', "induction N from i0 by s\n", "def A[x] := (A[x])\n",
    "!" * (MAX_DEPTH + 5), "(&" * (MAX_DEPTH + 5), "(>[]" * (MAX_DEPTH // 2),
)

_JSON_SNIPPETS: tuple[str, ...] = (
    "{", "}", "[", "]", ":", ",", '"', "null", "1", "true", '"full_mpl"', '"short_mpl"',
    '".txt"', '"(fXY[f])"', '"(x[])"', "\\", "\n", "[" * 50,
)


@dataclass(frozen=True, slots=True)
class Edit:
    """One text edit: `delete` `arg` characters at `pos`, `insert` the string `arg`,
    `swap` the characters at `pos` and `arg`, `duplicate` `arg` characters at `pos`, or
    replace the `word` (identifier) at or after `pos` by the string `arg`. Positions wrap
    around the text length, so any integers make a valid edit."""

    op: str
    pos: int
    arg: int | str


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with the edits applied in order."""
    for e in edits:
        pos = e.pos % (len(text) + 1)
        if e.op == "insert":
            text = text[:pos] + str(e.arg) + text[pos:]
        elif e.op == "delete":
            text = text[:pos] + text[pos + int(e.arg):]
        elif e.op == "duplicate":
            text = text[:pos] + text[pos:pos + int(e.arg)] + text[pos:]
        elif e.op == "word":
            m = _WORD.search(text, pos) or _WORD.search(text)
            if m:
                text = text[:m.start()] + str(e.arg) + text[m.end():]
        elif e.op == "swap" and text:
            i, j = sorted((pos % len(text), int(e.arg) % len(text)))
            if i != j:
                text = text[:i] + text[j] + text[i + 1:j] + text[i] + text[j + 1:]
        elif e.op != "swap":
            raise ValueError(f"unknown edit {e.op!r}")
    return text


def random_edits(rng: random.Random, n: int, snippets: Sequence[str] = SNIPPETS) -> list[Edit]:
    """`n` random edits; inserted text comes from `snippets` or is one random character."""
    out = []
    for _ in range(n):
        op = rng.choice(("delete", "insert", "insert", "swap", "duplicate", "word", "word"))
        pos = rng.randrange(1 << 16)
        if op == "word":
            arg: int | str = rng.choice(WORDS)
        elif op == "insert":
            arg = (rng.choice(snippets) if rng.random() < 0.8
                              else chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x10000)))))
        elif op == "swap":
            arg = rng.randrange(1 << 16)
        else:
            arg = rng.randrange(1, 40)
        out.append(Edit(op, pos, arg))
    return out


def random_text(rng: random.Random, size: int) -> str:
    """Text made of MPL snippets and random characters."""
    parts = []
    while sum(map(len, parts)) < size:
        parts.append(rng.choice(SNIPPETS) if rng.random() < 0.7 else chr(rng.randrange(0x3000)))
    return "".join(parts)


_WORD = re.compile(r"[A-Za-z0-9_']+|[+*=]")

#: Identifiers a `word` edit may put in place of another: the usual names and predicates.
WORDS: tuple[str, ...] = ("x", "y", "a", "b", "n", "N", "i0", "i1", "s", "+", "*", "=", "in",
                          "in2", "in3", "in4", "fXY", "fXYZ", "NaturalNumbers", "AnchorPeano",
                          "add_comm", "peano", "laws")


class FuzzFailure(AssertionError):
    """The front end failed other than with a well-located `MPLError`."""


def outcome(run: Callable[[], object]) -> str:
    """Run `run`: 'ok', or the `kind` of the `MPLError` it raised. Any other exception, or
    an `MPLError` whose line or column is below 1, raises `FuzzFailure`."""
    try:
        run()
    except MPLError as exc:
        if exc.line < 1 or exc.col < 1 or not exc.file:
            raise FuzzFailure(f"badly located {type(exc).__name__}: {exc}") from exc
        str(exc)  # formatting must not fail either
        return exc.kind
    except Exception as exc:
        raise FuzzFailure(f"{type(exc).__name__} escaped the front end: {exc}") from exc
    return "ok"


class Workspace:
    """A scratch copy of the Peano examples, plus a GL folder written from the definitions
    of `peano.mpl`, in which edited files are written and loaded so that includes resolve
    as in the repository: `<root>/main/examples/peano/*.mpl` and
    `<root>/shared/reference/gl-peano/`."""

    def __init__(self, root: Path, peano: Path) -> None:
        self.root = root
        self.peano = root / "main" / "examples" / "peano"
        self.peano.mkdir(parents=True, exist_ok=True)
        self.examples = {}
        for f in sorted(peano.glob("*.mpl")):
            self.examples[f.name] = f.read_text(encoding="utf-8")
            shutil.copy(f, self.peano / f.name)
        #: canonical text of every expression in the examples
        self.expressions = [to_mpl(getattr(d, "body", None) or d.formula)
                            for name, text in self.examples.items()
                            for d in parse_module(text, name).decls
                            if isinstance(d, Definition | Statement)]
        self.gl = root / "shared" / "reference" / "gl-peano"
        self.gl_files = gl_folder_files(load(self.peano / "peano.mpl").module())
        self._write_gl(self.gl, self.gl_files)
        self.gl_mutant = root / "gl-mutant"

    @staticmethod
    def _write_gl(folder: Path, files: dict[str, str]) -> None:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for name, text in files.items():
            (folder / name).write_bytes(text.encode("utf-8", "surrogatepass"))

    def load_text(self, text: str, name: str = "fuzz.mpl") -> object:
        """Write `text` next to the Peano examples and `load` it."""
        path = self.peano / name
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        return load(path)

    def write_files(self, files: dict[str, bytes]) -> Path:
        """Write `files` into an empty scratch folder; the path of the first of them."""
        folder = self.root / "hostile"
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        return folder / next(iter(files))

    def load_gl(self, files: dict[str, str]) -> object:
        """Write a GL folder with these files and `load` it."""
        self._write_gl(self.gl_mutant, files)
        return load(self.gl_mutant)


def gl_folder_files(module: Module) -> dict[str, str]:
    """The definitions of `module` as a GL definition folder: one `<Name>.txt` per
    definition and a `Config.json` naming their parameters in `short_mpl`."""
    defs = [d for d in module.decls if isinstance(d, Definition)]
    files = {f"{d.name}.txt": pretty_mpl(d.body) + "\n" for d in defs}
    config = {d.name: {"full_mpl": f"{d.name}.txt", "short_mpl": f"({d.name}[{','.join(d.params)}])"}
              for d in defs}
    files["Config.json"] = json.dumps(config, indent=2) + "\n"
    return files


def mutate_gl(files: dict[str, str], rng: random.Random, n: int) -> dict[str, str]:
    """A copy of GL folder `files` with `n` random edits to one of them."""
    name = rng.choice(sorted(files))
    snippets = _JSON_SNIPPETS if name.endswith(".json") else SNIPPETS
    return {**files, name: apply_edits(files[name], random_edits(rng, n, snippets))}


# ---------------------------------------------------------------- hostile files


def hostile_files(rng: random.Random) -> tuple[str, dict[str, bytes]]:
    """A hostile MPL input: its kind and the files to write (the first one is loaded).
    Kinds: definitions that double in size, long include chains, deep nesting, large
    files, bytes that are not UTF-8, control characters."""
    kind = rng.choice(("exponential definitions", "include chain", "deep nesting",
                       "large file", "not UTF-8", "control characters"))
    anchor = "anchor A[N,z] := (in[z,N])\n"
    if kind == "exponential definitions":
        copies = rng.choice((2, 3))
        uses = "(E{i}[x])" * copies
        text = anchor + "def E0[x] := (in[x,x])\n" + "".join(
            f"def E{i + 1}[x] := (&{uses.format(i=i)})\n" for i in range(rng.randrange(5, 80)))
        return kind, {"main.mpl": text.encode()}
    if kind == "include chain":
        n = rng.randrange(2, 120)
        files = {f"c{i}.mpl": f'include "c{i + 1}.mpl"\n'.encode() for i in range(n)}
        files[f"c{n}.mpl"] = (anchor if rng.random() < 0.8 else 'include "c0.mpl"\n').encode()
        return kind, files
    if kind == "deep nesting":
        depth = rng.choice((50, 99, 100, 101, 399, 400, 401, 1000, 100_000))
        head, tail = rng.choice((("!", ""), ("(&(in[z,N])", ")"), ("(>[]", "(in[z,N]))"),
                                 ("(&", ")")))
        return kind, {"main.mpl": (anchor + "target t := " + head * depth + "(in[z,N])"
                                   + tail * depth + "\n").encode()}
    if kind == "large file":
        unit = rng.choice(SNIPPETS) + rng.choice(SNIPPETS)  # 2 characters or more
        times = rng.choice((rng.randrange(1, 5_000), rng.randrange(250_000, 300_000)))
        return kind, {"main.mpl": (anchor + unit * times).encode("utf-8", "surrogatepass")}
    if kind == "not UTF-8":
        return kind, {"main.mpl": anchor.encode() + rng.randbytes(rng.randrange(1, 2000))}
    chars = "".join(chr(rng.randrange(32)) for _ in range(rng.randrange(1, 50)))
    text = anchor + "def P[x] := (in[x,x])\n"
    pos = rng.randrange(len(text) + 1)
    return kind, {"main.mpl": (text[:pos] + chars + text[pos:]).encode()}


# ---------------------------------------------------------------- crashes and hangs


class Hang(BaseException):
    """A fuzz case ran past its time limit (a BaseException, so no handler swallows it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `Hang` in the main thread when the body runs longer than `seconds` (SIGALRM,
    so Unix only)."""
    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Tally:
    """Outcomes of fuzz cases by kind, counting crashes (`FuzzFailure`) and hangs (`Hang`),
    with the first few of them kept in full."""

    seconds: float
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    crashes: int = 0
    hangs: int = 0
    slowest: float = 0.0
    slowest_kind: str = ""
    kind_seconds: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def run(self, kind: str, case: Callable[[], str], shown: str) -> None:
        """Run one case (which returns its outcome) under the time limit and count it."""
        start = time.perf_counter()
        try:
            with time_limit(self.seconds):
                result = case()
        except Hang as exc:
            self.hangs += 1
            result = "HANG"
            self._keep(kind, str(exc), shown)
        except FuzzFailure as exc:
            self.crashes += 1
            result = "CRASH"
            self._keep(kind, str(exc), shown)
        took = time.perf_counter() - start
        self.kind_seconds[kind] += took
        if took > self.slowest:
            self.slowest, self.slowest_kind = took, kind
        self.counts.setdefault(kind, Counter())[result] += 1

    def _keep(self, kind: str, what: str, shown: str) -> None:
        if len(self.failures) < 10:
            self.failures.append(f"{kind}: {what}\n  input: {shown[:2000]}")

    def lines(self, name: str, elapsed: float) -> list[str]:
        """The report: totals, crashes, hangs, rate, then each kind's outcomes."""
        total = sum(sum(c.values()) for c in self.counts.values())
        out = [f"{name}: {total} cases, {self.crashes} crashes, {self.hangs} hangs "
               f"(limit {self.seconds:g} s; slowest {self.slowest:.2f} s, {self.slowest_kind}), "
               f"{elapsed:.1f} s, "
               f"{total / max(elapsed, 1e-9):.0f} cases/s"]
        for kind in sorted(self.counts):
            out.append(f"  {kind} ({sum(self.counts[kind].values())} cases, "
                       f"{self.kind_seconds[kind]:.1f} s):")
            out += [f"    {result:<32} {n:>6}" for result, n in self.counts[kind].most_common()]
        return out

    def report(self, name: str, elapsed: float) -> int:
        """Print the report (stdout) and the failures kept (stderr); the exit code: 1 if
        there was a crash or a hang, else 0."""
        print("\n".join(self.lines(name, elapsed)))
        for failure in self.failures:
            print(f"FAIL {failure}", file=sys.stderr)
        return 1 if self.crashes or self.hangs else 0

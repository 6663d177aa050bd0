"""Fuzz the `gl` command line: hostile option values (nan, inf, -1, 0, huge, words, empty),
missing paths, folders for files, /dev/null, unknown options and random tokens, for every
subcommand, run in-process through `gl.cli.main`. Each invocation must end in a clean exit
code, and exit code 2 must come with exactly one `gl: error:` line (the last line on
stderr): no traceback, no other exception, no hang.

    python benchmarks/fuzz_cli.py [--invocations 10000] [--seed 0] [--limit 10] [--commands C,D]

Real work stays small: every command starts from valid arguments with tiny work limits on
a tiny theory (one target, proved at once) in a scratch folder, and each invocation
corrupts one or two of them. Prints the number of crashes and hangs (both 0 when all is
well) and each subcommand's outcomes; shows the first failing invocations and exits 1 if
there were any.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import shlex
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ahead of benchmarks/, whose mutation.py hides the package

from gl.cli import main as gl_main  # noqa: E402
from gl.cli.main import cli  # noqa: E402
from mpl_lang.fuzzing import FuzzFailure, Tally  # noqa: E402

#: Peano with one target that needs induction: every subcommand has real, tiny work
#: (incubation, exploration's induction, mutation of a proved law).
THEORY = (f'include "{(ROOT / "examples" / "peano" / "peano.mpl").as_posix()}"\n'
          "target t := (>[a](in[a,N])(in3[i0,a,a,+]))\n")

#: Values for numeric and other options: most invalid, some valid.
VALUES = ("nan", "NaN", "inf", "-inf", "+inf", "1e309", "-1", "-0", "0", "0.0", "1", "2",
          "0.5", "1.5", "99999999999999999999", "-99999999999999999999", "1e3", "0x10", "",
          " ", "abc", "--", "-", "--help", "1,2", "١", "\udcff", "ops", "real")

#: Random tokens appended or inserted anywhere.
TOKENS = ("--bogus", "-x", "--", "-", "--=", "---", "--out", "-o", "--timeout", "--interval",
          "extra", "exp", "log", "nan", "-1", "", "\udcff", "é", "--help", "-h", "--version")


@dataclass(frozen=True)
class Command:
    """A subcommand: its valid arguments and the options whose values may be corrupted."""

    argv: tuple[str, ...]
    options: tuple[str, ...]
    path_options: tuple[str, ...] = ()


#: A tiny TIP problem (SMT-LIB 2.6) for `gl import tip` and `gl parse`.
TIP = """(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun-rec plus ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (plus z y))))))
(prove (forall ((n Nat)) (= (plus Z n) n)))
"""

#: Options never fuzzed: they start a Ray cluster (tens of seconds, legitimately; the
#: parallel tests cover them).
SLOW_OPTIONS = frozenset({"--workers", "--ray"})

#: click parameter types whose values are paths (they get hostile paths, not VALUES).
PATH_TYPES = frozenset({"path", "directory", "file"})


def value_options(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The subcommand's options that take a value, read from its click definition (so a new
    option is fuzzed without editing this file): (all of them, the path-valued ones)."""
    command = cli
    for word in name.split():
        command = command.get_command(None, word)
    options = [p for p in command.params if isinstance(p, click.Option) and not p.is_flag]
    names = [max(p.opts, key=len) for p in options]
    keep = [n not in SLOW_OPTIONS for n in names]
    return (tuple(n for n, k in zip(names, keep, strict=True) if k),
            tuple(n for n, p, k in zip(names, options, keep, strict=True) if k and p.type.name in PATH_TYPES))


def commands(d: Path) -> dict[str, Command]:
    """Each subcommand with valid, tiny arguments in scratch folder `d`."""
    t, p, out, tip = str(d / "t.mpl"), str(d / "proofs.json"), str(d / "out"), str(d / "t.smt2")
    evolve_tiny = ("--max-ops", "1", "--generations", "1", "--minutes", "0.05",
                   "--population", "2", "--batch", "1", "--seed", "0",
                   "--interval", "0", "1", "--seeds", "generic", "--dense", "64")
    valid = {
        "parse": ("parse", t),
        "prove": ("prove", t, "--targets-only", "--quiet", "--out", out, "--max-cycles", "1",
                  "--max-facts", "50", "--max-depth", "1", "--seed", "0", "--timeout", "5"),
        "incubate": ("incubate", t, "--up-to", "1", "--quiet"),
        "check": ("check", p, "--jobs", "1"),
        "export html": ("export", "html", p, "-o", str(d / "site")),
        "export tptp": ("export", "tptp", p, "-o", str(d / "tptp")),
        "import tip": ("import", "tip", tip, "-o", str(d / "tip.mpl")),
        "mutate": ("mutate", p, "-o", str(d / "m.jsonl"), "--quiet", "--rounds", "1",
                   "--max-mutants", "5"),
        "evolve": ("evolve", "exp", "--out", str(d / "evo"), "--quiet", "--no-baselines",
                   *evolve_tiny),
        "simplify": ("simplify", "x + 0", "--time", "0.05", "--iterations", "2"),
    }
    result = {}
    for name, argv in valid.items():
        options, paths = value_options(name)
        result[name] = Command(argv, options, paths)
    return result


def hostile_paths(d: Path) -> tuple[str, ...]:
    """Paths in place of files or folders: missing, a folder, /dev/null, a file where a
    folder is expected, an undecodable file, an empty name, odd characters."""
    return (str(d / "missing" / "x.mpl"), str(d / "folder"), "/dev/null", str(d / "victim.txt"),
            str(d / "binary.mpl"), "", str(d / "\udcff.mpl"), str(d / "folder" / "deep" / "x"),
            str(d / "t.mpl"), str(d / "proofs.json"))


def invocation(cmd: Command, paths: tuple[str, ...], rng: random.Random) -> list[str]:
    """`cmd`'s valid arguments with one or two of them corrupted."""
    argv = list(cmd.argv)
    for _ in range(rng.choice((1, 1, 2))):
        how = rng.random()
        if how < 0.45 and cmd.options:  # a bad option value, given last (click keeps the last)
            option = rng.choice(cmd.options)
            values = paths if option in cmd.path_options else VALUES
            argv += [option, rng.choice(values)] if option != "--interval" else \
                [option, rng.choice(VALUES), rng.choice(VALUES)]
        elif how < 0.7:  # a hostile path for the first path-like argument
            i = next((i for i, a in enumerate(argv) if a.startswith("/")), None)
            if i is not None:
                argv[i] = rng.choice(paths)
        elif how < 0.8:  # a missing argument, option or value (tail cut: no more limits)
            if len(argv) > 1:
                del argv[rng.randrange(1, len(argv))]
        else:  # a random token anywhere
            argv.insert(rng.randrange(1, len(argv) + 1), rng.choice(TOKENS))
    return argv


def run_gl(argv: list[str]) -> str:
    """Run `gl ARGV` in-process: 'ok', 'exit N' or 'error' (exit 2 with one error line).
    Raises FuzzFailure on anything else."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            gl_main(argv)
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except Exception as exc:  # noqa: BLE001 - exactly what the fuzzer looks for
        raise FuzzFailure(f"{type(exc).__name__}: {exc}") from exc
    lines = err.getvalue().splitlines()
    if code in (0, None):
        return "ok"
    if code != 2:
        if not isinstance(code, int) or any("Traceback" in line for line in lines):
            raise FuzzFailure(f"exit {code!r}: {lines[-3:]}")
        return f"exit {code}"
    errors = [line for line in lines if line.startswith("gl: error: ")]
    if len(errors) != 1 or lines[-1] != errors[0]:
        raise FuzzFailure(f"exit 2 without one final 'gl: error:' line: {lines[-5:]}")
    return "error"


def fixtures(proofs: bytes) -> dict[str, bytes]:
    """The scratch folder's files by name."""
    return {"t.mpl": THEORY.encode(), "t.smt2": TIP.encode(), "victim.txt": b"not a folder\n",
            "binary.mpl": b"\xff\xfe\x00def", "proofs.json": proofs}


def scratch(d: Path, files: dict[str, bytes]) -> None:
    """Restore the scratch folder's fixtures that an invocation overwrote (or removed)."""
    (d / "folder").mkdir(exist_ok=True)
    for name, data in files.items():
        path = d / name
        if not path.is_file() or path.stat().st_size != len(data):
            path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--invocations", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=float, default=10.0,
                    help="Seconds after which an invocation counts as a hang.")
    ap.add_argument("--commands", default=None,
                    help="Only these subcommands, comma-separated (e.g. 'prove,export html').")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    tally = Tally(args.limit)
    start = time.perf_counter()
    # in the scratch folder: outputs named by stray tokens ("--", "-x") land there
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        d = Path(tmp)
        (d / "t.mpl").write_text(THEORY, encoding="utf-8")
        if run_gl(["prove", str(d / "t.mpl"), "--targets-only", "--quiet", "--out", tmp]) != "ok":
            raise SystemExit("fuzz_cli: the tiny theory does not prove")
        files = fixtures((d / "proofs.json").read_bytes())
        cmds, paths = commands(d), hostile_paths(d)
        names = sorted(args.commands.split(",") if args.commands else cmds)
        try:
            for i in range(args.invocations):
                name = names[i % len(names)]
                call = invocation(cmds[name], paths, rng)
                scratch(d, files)
                tally.run(name, lambda call=call: run_gl(call), shlex.join(call))
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
    return tally.report(f"fuzz_cli (seed {args.seed})", time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())

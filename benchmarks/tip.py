"""gl side by side with the SMT solver cvc5 on the TIP problems over natural numbers.

    python benchmarks/tip.py [PROBLEM ...] [--tip ../shared/tip] [--limit 10] [--jobs 1]
                             [--tool gl] [--tool cvc5] [--json FILE]

Runs every problem of the TIP folder (default: `shared/tip` beside the repository, 35
problems in `isaplanner/` and `prod/`; PROBLEM names a few, as `prod/prop_35`) through
both tools with the same wall-clock limit per problem (`--limit` seconds):

- gl: `python -m gl.cli prove FILE.smt2 --until-targets --timeout LIMIT --out DIR` (TIP
  import, exploration of the problem's theory for lemmas, proof of the goal), then
  `python -m gl.cli check DIR/proofs.json`. Proved: every goal (each target statement of
  the imported theory) has status `proved` in proofs.json and the checker accepts it. Failed: not proved in time. Error: a
  crash, an input error, or a check that fails. The time includes Python start-up, the
  import and the check.
- cvc5: `cvc5 --quant-ind --conjecture-gen --tlimit=MS` on the problem with `(prove F)`
  replaced by `(assert (not F))` and `(check-sat)` appended. Proved: `unsat`; failed: `sat`,
  `unknown` or the time limit; error: anything else, such as a parse error. A problem that
  does not parse because a function's name clashes with a cvc5 builtin (`exp` in
  prod/prop_35) counts as cvc5's error; the result with that function renamed is printed
  beside it, marked with `*`, and in separate `*` totals.

For both tools a proof that arrives after the limit counts as failed (noted `late`).
Problems run one at a time by default so that timings are fair; `--jobs N` runs N tool
invocations in parallel (faster, noisier times). Prints a progress line per run on stderr,
then one row per problem, and per collection and overall the counts proved / failed /
error and the median time of all problems and of the proved ones; `--json FILE` also
writes every result.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # ahead of benchmarks/, whose mutation.py hides the package

from mpl_lang import load  # noqa: E402
from mpl_lang.ast import Loc  # noqa: E402
from mpl_lang.errors import ImportFormatError, MPLError  # noqa: E402
from mpl_lang.tip import Sexp, SList, Symbol, read_sexps  # noqa: E402

#: the TIP problems beside the repository (see its README.md)
DEFAULT_TIP = ROOT.parent / "shared" / "tip"
CVC5_OPTIONS = ("--quant-ind", "--conjecture-gen")
#: a tool may run past the limit (to stop by itself and write what it has) by this many
#: seconds, at most the limit itself, before it is killed
GRACE = 10.0
#: seconds for `gl check`, which is not under the problem's limit but must end
CHECK_SECONDS = 300.0
STATUSES = ("proved", "failed", "error")
#: cvc5's parse error for a symbol that a builtin already names
SHADOWING = re.compile(r"Symbol `([^']+)' is shadowing")

@dataclass(frozen=True)
class Result:
    """One tool's outcome on one problem: `status` is proved, failed or error; `note` says
    why (empty when proved in time)."""

    problem: str  # COLLECTION/NAME
    tool: str  # gl, cvc5, or cvc5* (cvc5 with clashing names renamed)
    status: str
    seconds: float
    note: str = ""

    @property
    def collection(self) -> str:
        return self.problem.split("/")[0]


@dataclass(frozen=True)
class Finished:
    """A finished process: exit code, output, wall seconds, and whether it was killed for
    running too long."""

    rc: int
    out: str
    err: str
    seconds: float
    killed: bool


def run_limited(cmd: list[str], seconds: float, env: Mapping[str, str] | None = None) -> Finished:
    """Run `cmd`; after `seconds` kill it with everything it started."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=env, start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=seconds)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            killed = True
    return Finished(proc.returncode, out, err, time.perf_counter() - start, killed)


def symbols(forms: list[Sexp]) -> Iterator[Symbol]:
    """Every symbol, keyword and literal of `forms` (`mpl_lang.tip.read_sexps`), in text order."""
    stack = list(reversed(forms))
    while stack:
        e = stack.pop()
        if isinstance(e, SList):
            stack.extend(reversed(e.items))
        else:
            yield e


def spliced(text: str, edits: list[tuple[tuple[int, int], str]]) -> str:
    """`text` with each (start, end) span of `edits` (in text order, not overlapping)
    replaced by its new text.

    >>> spliced("(f x y)", [((3, 4), "z"), ((5, 6), "")])
    '(f z )'
    """
    out, pos = [], 0
    for (start, end), new in edits:
        out += [text[pos:start], new]
        pos = end
    return "".join(out) + text[pos:]


def rename_symbols(text: str, renames: Mapping[str, str]) -> str:
    """`text` with every occurrence of the symbols in `renames` (plain or |quoted|) renamed;
    comments and strings are left alone.

    >>> rename_symbols('(exp x |exp| "exp") ; exp', {"exp": "exp_1"})
    '(exp_1 x exp_1 "exp") ; exp'
    """
    return spliced(text, [(s.span, renames[s.text]) for s in symbols(read_sexps(text))
                          if not s.string and s.text in renames])


def fresh_name(text: str, name: str) -> str:
    """`name_1`, `name_2`, ...: the first that is no symbol of `text`.

    >>> fresh_name("(exp exp_1)", "exp")
    'exp_2'
    """
    taken = {s.text for s in symbols(read_sexps(text)) if not s.string}
    return next(f"{name}_{i}" for i in range(1, len(taken) + 2) if f"{name}_{i}" not in taken)


def cvc5_input(text: str, file: str = "<string>") -> str:
    """The problem as cvc5 reads it: the goals `(prove F1) ... (prove Fn)` become one
    `(assert (not F))` where the last of them stood (F the conjunction of the goals when there
    are several), and `(check-sat)` follows; all else is kept as it is. A text that is no
    sequence of s-expressions, or has no goal, is a located `MPLError` (`file`).

    >>> cvc5_input("(declare-const c Bool)\\n(prove (or c (not c)))\\n")
    '(declare-const c Bool)\\n(assert (not (or c (not c))))\\n(check-sat)\\n'
    >>> cvc5_input("(prove a) ; first\\n(prove (b))")
    ' ; first\\n(assert (not (and a (b))))\\n(check-sat)\\n'
    """
    goals = [f for f in read_sexps(text, file) if isinstance(f, SList) and f.items
             and isinstance(f.items[0], Symbol) and not f.items[0].quoted and f.items[0].text == "prove"]
    if not goals:
        raise ImportFormatError("no (prove ...) goal", Loc(file, 1, 1))
    formulas = [text[g.items[1].span[0]:g.items[-1].span[1]] if len(g.items) > 1 else "" for g in goals]
    formula = formulas[0] if len(goals) == 1 else f"(and {' '.join(formulas)})"
    body = spliced(text, [(g.span, f"(assert (not {formula}))" if g is goals[-1] else "") for g in goals])
    return body + ("" if body.endswith("\n") else "\n") + "(check-sat)\n"


def grace(limit: float) -> float:
    """Seconds after `limit` at which a run is killed.

    >>> grace(2.0), grace(60.0)
    (2.0, 10.0)
    """
    return min(GRACE, limit)


def cvc5_verdict(run: Finished) -> tuple[str, str]:
    """Status and note of a cvc5 run.

    >>> cvc5_verdict(Finished(0, "unsat\\n", "", 0.1, False))
    ('proved', '')
    >>> cvc5_verdict(Finished(134, "", "cvc5 interrupted by timeout.\\n", 10.0, False))
    ('failed', 'timeout')
    >>> cvc5_verdict(Finished(1, '(error "Parse Error: p.smt2:3.5: Symbol `exp\\' is shadowing a theory function symbol\\n', "", 0.0, False))
    ('error', "Parse Error: p.smt2:3.5: Symbol `exp' is shadowing a theory function symbol")
    """
    answer = run.out.strip().splitlines()[0] if run.out.strip() else ""
    if answer == "unsat":
        return "proved", ""
    if answer in ("sat", "unknown"):
        return "failed", answer
    if run.killed or "interrupted by timeout" in run.err:
        return "failed", "timeout"
    message = (run.out.strip() or run.err.strip() or f"exit code {run.rc}").splitlines()[0]
    if message.startswith('(error "'):  # (error "MESSAGE"), MESSAGE perhaps over several lines
        message = message[len('(error "'):].removesuffix('")')
    return "error", message


def judged(result: Result, limit: float) -> Result:
    """A proof after the limit counts as failed."""
    if result.status == "proved" and result.seconds > limit:
        return replace(result, status="failed", note=f"late: proved in {result.seconds:.1f} s")
    return result


def run_cvc5(problem: str, path: Path, limit: float, work: Path) -> list[Result]:
    """cvc5 on one problem: its result, and when the problem fails to parse only because a
    symbol clashes with a builtin, also the result with that symbol renamed (tool `cvc5*`,
    the renaming in the note)."""
    try:
        text = cvc5_input(path.read_text(encoding="utf-8"), str(path))
    except MPLError as exc:
        return [Result(problem, "cvc5", "error", 0.0, str(exc))]
    results: list[Result] = []  # cvc5's result, then (if any) the last renamed run's
    renames: dict[str, str] = {}
    while True:
        source = work / f"{path.stem}_cvc5.smt2"
        source.write_text(rename_symbols(text, renames), encoding="utf-8")
        run = run_limited(["cvc5", *CVC5_OPTIONS, f"--tlimit={round(limit * 1000)}",
                           str(source)], limit + grace(limit))
        status, note = cvc5_verdict(run)
        note = note.replace(str(source), str(path))  # lines up to the goal are the file's own
        if renames:
            renamed = ", ".join(f"{old} renamed to {new}" for old, new in renames.items())
            note = renamed + (f"; {note}" if note else "")
        results[1:] = [judged(Result(problem, "cvc5*" if renames else "cvc5", status,
                                     run.seconds, note), limit)]
        clash = SHADOWING.search(note) if status == "error" else None
        if clash is None or clash.group(1) in renames:
            return results
        renames[clash.group(1)] = fresh_name(text, clash.group(1))


def gl_env() -> dict[str, str]:
    """The environment for `python -m gl.cli`: this checkout's gl first."""
    path = os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))
    return {**os.environ, "PYTHONPATH": path}


def last_line(run: Finished) -> str:
    return (run.err.strip() or run.out.strip() or f"exit code {run.rc}").splitlines()[-1]


def goals_verdict(doc: Mapping, goals: list[str]) -> tuple[str, str]:
    """Status and note of a proofs.json document for the problem's `goals` (its theory's
    target statements): `proved` (still to be checked) when each is proved there.

    >>> goals_verdict({"theorems": [{"name": "goal", "status": "proved"}]}, ["goal"])
    ('proved', '')
    >>> goals_verdict({"theorems": [{"name": "goal", "status": "unproved",
    ...                              "reason": "time limit reached"}]}, ["goal", "goal_2"])
    ('failed', 'goal: time limit reached; goal_2: not attempted')
    """
    if not goals:
        return "error", "the problem has no goal"
    theorems = {t["name"]: t for t in doc["theorems"]}
    unproved = [(g, theorems.get(g)) for g in goals
                if theorems.get(g, {}).get("status") != "proved"]
    if unproved:
        return "failed", "; ".join(f"{g}: {t.get('reason') or 'unproved'}" if t else
                                   f"{g}: not attempted" for g, t in unproved)
    return "proved", ""


def check_verdict(run: Finished, goals: list[str]) -> tuple[str, str]:
    """Status and note of `gl check` on proofs whose goals are proved: `proved` when it exits
    0 and prints `accepted GOAL:` for each goal.

    >>> check_verdict(Finished(0, "accepted goal: ∀a: a + 0 = a\\n", "", 0.5, False), ["goal"])
    ('proved', '')
    >>> check_verdict(Finished(0, "accepted lemma: ...\\n", "", 0.5, False), ["goal"])
    ('error', 'gl check did not accept goal')
    >>> check_verdict(Finished(1, "REJECTED goal/main step 3: ...\\n", "", 0.5, False), ["goal"])
    ('error', 'gl check: REJECTED goal/main step 3: ...')
    """
    if run.rc != 0 or run.killed:
        return "error", f"gl check: {'killed' if run.killed else last_line(run)}"
    accepted = set(re.findall(r"^accepted (\S+):", run.out, re.MULTILINE))
    if missing := [g for g in goals if g not in accepted]:
        return "error", f"gl check did not accept {', '.join(missing)}"
    return "proved", ""


def run_gl(problem: str, path: Path, limit: float, work: Path) -> list[Result]:
    """gl on one problem: prove with exploration until the goals are proved, then check."""
    gl, env, out = [sys.executable, "-m", "gl.cli"], gl_env(), work / f"{path.stem}_gl"
    start = time.perf_counter()
    prove = run_limited([*gl, "prove", str(path), "--until-targets", "--timeout", str(limit),
                         "--out", str(out), "--quiet"], limit + grace(limit), env)
    proofs = out / "proofs.json"
    if prove.killed:
        status, note = "failed", f"killed {grace(limit):g} s after the limit"
    elif prove.rc not in (0, 1) or not proofs.is_file():
        status, note = "error", f"gl prove: {last_line(prove)}"
    else:
        goals = [s.name for s in load(path).statements]
        status, note = goals_verdict(json.loads(proofs.read_text(encoding="utf-8")), goals)
        if status == "proved":
            status, note = check_verdict(run_limited([*gl, "check", str(proofs)], CHECK_SECONDS,
                                                     env), goals)
    return [judged(Result(problem, "gl", status, time.perf_counter() - start, note), limit)]


TOOLS: dict[str, Callable[[str, Path, float, Path], list[Result]]] = {
    "gl": run_gl, "cvc5": run_cvc5}


def find_problems(folder: Path, names: list[str]) -> dict[str, Path]:
    """COLLECTION/NAME -> file for the .smt2 files one level down in `folder` (or only
    `names`), sorted."""
    found = {f"{p.parent.name}/{p.stem}": p for p in sorted(folder.glob("*/*.smt2"))}
    if unknown := [n for n in names if n not in found]:
        raise SystemExit(f"tip.py: error: no problem {', '.join(unknown)} in {folder}")
    return {n: found[n] for n in names} if names else found


def tally(results: list[Result]) -> dict[str, float | int | None]:
    """Counts per status and the median seconds of all results and of the proved ones."""
    proved = [r.seconds for r in results if r.status == "proved"]
    return {**{s: sum(r.status == s for r in results) for s in STATUSES},
            "median_s": statistics.median(r.seconds for r in results) if results else None,
            "median_proved_s": statistics.median(proved) if proved else None}


def totals(results: list[Result], tools: list[str]) -> dict[str, dict[str, dict]]:
    """tool -> collection (and "all") -> tally; tool `cvc5*` is cvc5 with each problem's
    renamed run in place of its parse error (only when some problem needed one)."""
    by_tool = {t: [r for r in results if r.tool == t] for t in tools}
    renamed = {r.problem: r for r in results if r.tool == "cvc5*"}
    if renamed:
        by_tool["cvc5*"] = [renamed.get(r.problem, r) for r in by_tool["cvc5"]]
    collections = sorted({r.collection for r in results})
    return {t: {**{c: tally([r for r in rs if r.collection == c]) for c in collections},
                "all": tally(rs)} for t, rs in by_tool.items()}


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def print_report(results: list[Result], tools: list[str], header: str) -> dict:
    """Print the per-problem table and the totals; return the totals."""
    print(header)
    by_key = {(r.problem, r.tool): r for r in results}
    problems = sorted({r.problem for r in results})
    width = max(len(p) for p in problems) + 2
    print("\n" + ("problem".ljust(width) + "".join(f"{t:<8}{'s':>8}   " for t in tools)).rstrip())
    for p in problems:
        row = [by_key[p, t] for t in tools]
        print(p.ljust(width) + "".join(f"{r.status:<8}{r.seconds:>8.2f}   " for r in row).rstrip())
        for r in row:
            if r.note:
                print(f"{'':{width}}  {r.tool}: {r.note}")
        if (p, "cvc5*") in by_key:
            r = by_key[p, "cvc5*"]
            print(f"{'':{width}}* cvc5: {r.status} in {r.seconds:.2f} s ({r.note})")
    sums = totals(results, tools)
    print("\n" + "tool".ljust(8) + "collection".ljust(width) + "proved  failed  error"
          + "  median s  median s (proved)")
    for tool, per in sums.items():
        for c, s in per.items():
            print(f"{tool:<8}{c:<{width}}{s['proved']:>6}  {s['failed']:>6}  {s['error']:>5}"
                  f"  {seconds(s['median_s']):>8}  {seconds(s['median_proved_s']):>17}")
    if "cvc5*" in sums:
        print("* cvc5 with the symbols that clash with its builtins renamed")
    if len(tools) == 2:
        proved = {t: {r.problem for r in results if r.tool == t and r.status == "proved"}
                  for t in tools}
        a, b = tools
        print(f"\nproved by both: {len(proved[a] & proved[b])}; only by {a}: "
              f"{', '.join(sorted(proved[a] - proved[b])) or '-'}; only by {b}: "
              f"{', '.join(sorted(proved[b] - proved[a])) or '-'}")
    return sums


def version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    except OSError:
        return "unknown"
    return (done.stdout.strip() or "unknown").splitlines()[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("problems", nargs="*", metavar="PROBLEM",
                    help="Only these problems, as COLLECTION/NAME (e.g. prod/prop_35).")
    ap.add_argument("--tip", type=Path, default=DEFAULT_TIP, help="The TIP folder.")
    ap.add_argument("--limit", type=float, default=10.0,
                    help="Wall-clock seconds per problem and tool (default 10).")
    ap.add_argument("--jobs", type=int, default=1,
                    help="Tool runs in parallel (default 1, so that timings are fair).")
    ap.add_argument("--tool", action="append", choices=sorted(TOOLS),
                    help="Run only this tool (repeatable; default both).")
    ap.add_argument("--json", type=Path, help="Also write every result and the totals here.")
    args = ap.parse_args(argv)
    if args.limit <= 0 or args.jobs < 1:
        ap.error("--limit must be positive and --jobs at least 1")
    tools = [t for t in TOOLS if t in (args.tool or TOOLS)]
    if "cvc5" in tools and shutil.which("cvc5") is None:
        ap.error("cvc5 is not installed (Debian: apt-get install cvc5)")
    problems = find_problems(args.tip, args.problems)
    if not problems:
        ap.error(f"no .smt2 problems in {args.tip}/*/")
    settings = {"tip": str(args.tip), "problems": len(problems), "limit_s": args.limit,
                "jobs": args.jobs, "tools": tools,
                "gl_commit": version(["git", "rev-parse", "--short", "HEAD"]),
                "cvc5": version(["cvc5", "--version"]).removeprefix("This is ") if "cvc5" in tools else None,
                "cvc5_options": list(CVC5_OPTIONS), "cpus": os.cpu_count(),
                "load_average_at_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(args.jobs) as pool:
        tasks = [(p, t) for p in problems for t in tools]
        done = iter(range(1, len(tasks) + 1))  # next() is atomic: a count shared by the threads

        def run(task: tuple[str, str]) -> list[Result]:
            problem, tool = task
            work = Path(tmp) / problem.replace("/", "_") / tool
            work.mkdir(parents=True)
            results = TOOLS[tool](problem, problems[problem], args.limit, work)
            print(f"[{next(done)}/{len(tasks)}] " + ", ".join(
                f"{r.tool} {problem}: {r.status} in {r.seconds:.2f} s" for r in results),
                file=sys.stderr, flush=True)
            return results
        results = [r for rs in pool.map(run, tasks) for r in rs]
    header = (f"TIP: {len(problems)} problems from {args.tip}, limit {args.limit:g} s per "
              f"problem and tool, {args.jobs} job{'s' if args.jobs > 1 else ''}"
              f"{' (one at a time: fair timings)' if args.jobs == 1 else ''}\n"
              f"gl {settings['gl_commit']}" + (f", {settings['cvc5']}" if settings["cvc5"] else "")
              + f"; {settings['cpus']} CPUs, load average {settings['load_average_at_start']:g} at "
              f"the start, {os.getloadavg()[0]:.2f} at the end")
    sums = print_report(results, tools, header)
    if args.json:
        doc = {"settings": settings, "totals": sums,
               "results": [{**asdict(r), "seconds": round(r.seconds, 3)} for r in results]}
        args.json.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

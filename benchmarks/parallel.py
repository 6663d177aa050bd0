"""Parallel runs on Ray (gl.execution): start-up cost, per-task overhead, and the speed-up
of `--workers N` over the in-process run for batch TIP proving, checking and mutation,
with the outputs compared byte for byte; the per-task costs and bytes docs/scaling.md uses.

    python benchmarks/parallel.py [--workers 2] [--timeout 5]

Wall-clock seconds (the machine's load average is printed: on a shared machine the ratios
are noisy). Ray is started once and its start-up reported apart; the parallel times are
those of a running Ray, and "smallest job where it wins" adds the start-up back.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)  # the repository, not benchmarks/, first (as benchmarks/mutation.py)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from gl.checker import check_file, load_proofs  # noqa: E402
from gl.cli.check import check_parallel, check_share  # noqa: E402
from gl.cli.prove import Job, batch, prove_one  # noqa: E402
from gl.core.prover import Settings  # noqa: E402
from gl.execution import Execution  # noqa: E402

TIP = ROOT.parent / "shared" / "tip"


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def _noop(shared: None, task: int) -> int:
    return task


def startup(workers: int) -> tuple[Execution, dict[str, float]]:
    """A started Execution, and what starting it and a trivial task cost."""
    t0 = time.perf_counter()
    import ray  # noqa: F401

    imported = time.perf_counter() - t0
    ex = Execution(workers=workers)
    _, started = timed(ex.start)
    _, first = timed(lambda: list(ex.map(_noop, [0, 1])))
    n = 200
    _, many = timed(lambda: list(ex.map(_noop, list(range(n)))))
    return ex, {"import ray": imported, "start Ray": started, "first 2 tasks": first,
                "per trivial task (200)": many / n}


def tip(ex: Execution, timeout: float) -> dict[str, Any]:
    """Every TIP problem's targets, one task each: serial, then on the workers."""
    problems = batch((str(TIP / "prod"), str(TIP / "isaplanner")))
    job = Job((), Settings(), timeout, "base", False, 0)
    with tempfile.TemporaryDirectory() as out:
        tasks = [(name, path, str(Path(out, name))) for name, path in problems]
        serial, t_serial = timed(lambda: list(Execution().map(prove_one, tasks, shared=job)))
        parallel, t_parallel = timed(lambda: list(ex.map(prove_one, tasks, shared=job)))
    timed_out = {o.name for o in serial + parallel
                 if "time limit" in json.dumps(o.document)}  # a limit makes the bytes depend on load
    same = sum(a.document == b.document for a, b in zip(serial, parallel) if a.name not in timed_out)
    return {"tasks": len(tasks), "serial s": t_serial, "parallel s": t_parallel,
            "identical": f"{same}/{len(tasks) - len(timed_out)} (not counting {len(timed_out)} "
                         f"that hit the {timeout:g} s limit)",
            "per task s": t_serial / len(tasks),
            "bytes per task": sum(len(pickle.dumps((job, t))) for t in tasks) / len(tasks),
            "bytes per result": sum(len(pickle.dumps(o)) for o in serial) / len(serial)}


def mutation_and_check(ex: Execution) -> tuple[dict[str, Any], dict[str, Any]]:
    """`gl mutate` (2 rounds from the Peano targets) with its checks in process and on the
    workers; then `gl check` of the document it writes, both ways."""
    import gl
    from mutation.alchemy import Library, Synthesizer

    run = gl.load(ROOT / "examples" / "peano" / "peano_targets.mpl").prove()
    results = {}
    for name, execution in (("serial", None), ("parallel", ex)):
        syn = Synthesizer(Library.from_run(run), rounds=2)
        t0 = time.perf_counter()
        ms = syn.run()
        made = time.perf_counter() - t0
        report, checked = timed(syn.check, ms, 20000, True, execution)
        results[name] = (syn, made, checked, [m.row() for m in ms], report.ok)
    (syn, made, checked, rows, ok), (_, made2, checked2, rows2, ok2) = results["serial"], results["parallel"]
    mutation = {"mutants": len(rows), "generate s (serial part)": made, "check serial s": checked,
                "check parallel s": checked2, "serial s": made + checked, "parallel s": made2 + checked2,
                "identical rows": rows == rows2 and ok == ok2,
                "per mutant check ms": 1000 * checked / len(rows)}
    with tempfile.TemporaryDirectory() as out:
        path = syn.write_proofs(Path(out, "proofs.json"))
        serial, t_serial = timed(check_file, path)
        parallel, t_parallel = timed(check_parallel, str(path), None, ex)
        doc, theory = load_proofs(path)
        n = ex.slots()
        shares = [(k, n) for k in range(n)]
        check = {"theorems": len(doc["theorems"]), "serial s": t_serial, "parallel s": t_parallel,
                 "identical report": serial.lines() == parallel.lines(),
                 "per theorem ms": 1000 * t_serial / len(doc["theorems"]),
                 "bytes shared (document + theory)": len(pickle.dumps((doc, theory))),
                 "bytes per share's report": sum(len(pickle.dumps(check_share((doc, theory), s)))
                                                 for s in shares) / n}
    return mutation, check


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per TIP problem")
    args = ap.parse_args()
    print(f"load average before: {os.getloadavg()}, {os.cpu_count()} CPUs, --workers {args.workers}")
    ex, start = startup(args.workers)
    with ex:
        for k, v in start.items():
            print(f"{k:<28}{v:8.3f} s")
        jobs = {"batch TIP proving": tip(ex, args.timeout)}
        jobs["mutation"], jobs["checking"] = mutation_and_check(ex)
    for name, figures in jobs.items():
        speedup = figures["serial s"] / figures["parallel s"]
        # the serial seconds above which the workers win, Ray's start-up included
        break_even = start["start Ray"] / (1 - 1 / speedup) if speedup > 1 else float("inf")
        print(f"\n{name}: speed-up {speedup:.2f}x; wins, start-up included, from about "
              f"{break_even:.0f} s of serial work")
        for k, v in figures.items():
            print(f"  {k:<34}{v:.4g}" if isinstance(v, float) else f"  {k:<34}{v}")
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

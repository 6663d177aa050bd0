"""Parallel runs on Ray (gl.execution): start-up cost, per-task overhead, and the speed-up
of `--workers N` over the in-process run for batch TIP proving, checking, mutation,
evolution and exploration, with the outputs compared; the per-task costs and bytes docs/scaling.md uses.

    python benchmarks/parallel.py [--workers 2] [--timeout 5] [--only tip,check,mutation,evolve,explore]
                                  [--mutation-library PROOFS.json] [--mutation-rounds 2] [--runs 3]
                                  [--check-document PROOFS.json]
    python benchmarks/parallel.py --only explore,cli[,gauss]   # exploration: warm, then end to end

Wall-clock seconds (the machine's load average is printed: on a shared machine the ratios
are noisy; where the kernel groups processes by session for scheduling, as Linux's
autogroup does, the driver and its Ray workers share one session's share of the CPUs, so
while other sessions keep the cores busy a parallel run gets no more CPU than the serial
one and the wall-clock ratio says nothing). Ray is started once and its start-up reported
apart; the parallel times are those of a running Ray, and "smallest job where it wins"
adds the start-up back. Beside each measured ratio, the ideal one from CPU time: the
serial run's CPU seconds over the driver's main thread plus the busiest worker (from
/proc, every overhead of the worker included), or for batch proving also the tasks' CPU
seconds measured in process, laid out on the workers as Ray hands them out. Mutation and
checking are measured `--runs` times each way, in turn, and their medians given.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(ROOT)  # the repository, not benchmarks/, first (as benchmarks/mutation.py)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

from gl.checker import check_file, load_proofs  # noqa: E402
from gl.checker.shares import check_share, plan  # noqa: E402
from gl.cli.check import check_parallel  # noqa: E402
from gl.cli.prove import Job, batch, prove_one, size  # noqa: E402
from gl.core.prover import Settings  # noqa: E402
from gl.execution import Execution, chunks  # noqa: E402

TIP = ROOT.parent / "shared" / "tip"


def timed(fn: Any, *args: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def cpu(fn: Any, *args: Any) -> tuple[Any, float]:
    """`fn(*args)` and the CPU seconds of this process it took."""
    t0 = time.process_time()
    out = fn(*args)
    return out, time.process_time() - t0


class WorkerCPU:
    """The CPU seconds each local Ray worker process of this session has used (from /proc:
    the task workers and `Execution.map_affine`'s actors, found again at each reading, as
    they come and go), to measure what a job cost the busiest worker, overheads included
    (pickling, imports, caches)."""

    def __init__(self) -> None:
        self.ticks = os.sysconf("SC_CLK_TCK")
        self.last: dict[int, float] = {}

    def now(self) -> dict[int, float]:
        out, session = {}, os.getsid(0)
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                name = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
                if not name.startswith(b"ray::") or name.endswith(b"Agent") or os.getsid(int(pid)) != session:
                    continue
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a process that ended meanwhile
            out[int(pid)] = (int(fields[11]) + int(fields[12])) / self.ticks  # utime + stime
        return out

    def busiest(self, fn: Any) -> tuple[Any, float, float, float, float]:
        """`fn()`, its wall seconds, the driver's CPU seconds (Ray's threads in it included),
        the busiest worker's, and the driver's main thread's (what it does itself)."""
        before, t0, c0, m0 = self.now(), time.perf_counter(), time.process_time(), time.thread_time()
        out = fn()
        wall, driver, main, after = (time.perf_counter() - t0, time.process_time() - c0,
                                     time.thread_time() - m0, self.now())
        self.last = {p: after[p] - before.get(p, 0.0) for p in after}  # each worker's, for the record
        return out, wall, driver, max(self.last.values()), main


def busiest(costs: list[float], slots: int, sizes: list[float] | None = None) -> float:
    """The busiest worker's seconds when tasks of these costs go in `Execution.map`'s
    chunks (largest first by `sizes`, when the job gives them), each to the first free
    worker."""
    workers = [0.0] * slots
    for part in chunks(len(costs), slots, sizes):
        free = workers.index(min(workers))
        workers[free] += sum(costs[i] for i in part)
    return max(workers)


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


def tip(ex: Execution, w: WorkerCPU, timeout: float) -> dict[str, Any]:
    """Every TIP problem's targets, one task each: serial, then on the workers."""
    problems = batch((str(TIP / "prod"), str(TIP / "isaplanner")))
    job = Job((), Settings(), timeout, "base", False, 0)
    with tempfile.TemporaryDirectory() as out:
        tasks = [(name, path, str(Path(out, name))) for name, path in problems]
        t0 = time.perf_counter()
        timed_serial = [cpu(prove_one, job, task) for task in tasks]
        t_serial = time.perf_counter() - t0
        serial = [o for o, _ in timed_serial]
        costs = [c for _, c in timed_serial]
        sizes = [size(path) for _, path in problems]
        parallel, t_parallel, driver, worker, thread = w.busiest(
            lambda: list(ex.map(prove_one, tasks, shared=job, costs=sizes)))
    timed_out = {o.name for o in serial + parallel
                 if "time limit" in json.dumps(o.document)}  # a limit makes the bytes depend on load
    same = sum(a.document == b.document for a, b in zip(serial, parallel) if a.name not in timed_out)
    return {"tasks": len(tasks), "serial s": t_serial, "parallel s": t_parallel,
            "serial CPU s": sum(costs), "driver CPU s": driver, "driver main thread CPU s": thread,
            "busiest worker CPU s": worker, "CPU ratio": sum(costs) / (driver + worker),
            "ideal (measured)": sum(costs) / (thread + worker),
            "ideal": sum(costs) / busiest(costs, ex.slots(), sizes),
            "ideal in task order": sum(costs) / busiest(costs, ex.slots()),
            "identical": f"{same}/{len(tasks) - len(timed_out)} (not counting {len(timed_out)} "
                         f"that hit the {timeout:g} s limit)",
            "per task s": t_serial / len(tasks),
            "bytes per task": sum(len(pickle.dumps((job, t))) for t in tasks) / len(tasks),
            "bytes per result": sum(len(pickle.dumps(o)) for o in serial) / len(serial)}


def _medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The median of each figure over `runs` (the runs' spread on a shared machine is wide)."""
    return {k: median(r[k] for r in runs) for k in runs[0]}


def mutation_and_check(ex: Execution, w: WorkerCPU, other: str | None = None, rounds: int = 2,
                       runs: int = 3, document: str | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """`gl mutate -o DIR` (`rounds` rounds from the Peano targets, or from the library
    `other` names: generation, check, a sharded JSONL dataset) in process and on the
    workers, `runs` times each in turn after one of each (the first run of a side imports
    the mutation package and warms its caches, as Ray's start: reported apart); then
    `gl check` of the document the targets' synthesis writes, or of `document` (e.g.
    `gl mutate --rounds 3 --proofs-out`'s), both ways (`checking`). Medians. Ideal: the
    serial CPU over the driver's main thread (what it does itself, Ray's threads left out)
    plus the busiest worker."""
    import gl
    from mutation.alchemy import Library, Synthesizer
    from mutation.alchemy.sharded import synthesizer
    from mutation.alchemy.shards import DatasetWriter, write_dataset

    targets = Library.from_run(gl.load(ROOT / "examples" / "peano" / "peano_targets.mpl").prove())
    library = Library.load(other) if other else targets
    with tempfile.TemporaryDirectory() as out:
        def mutate(execution: Execution, name: str) -> tuple[Any, dict[str, bytes]]:
            syn = synthesizer(library, execution, rounds=rounds)
            write_dataset(syn, DatasetWriter(Path(out, name), {}), execution)
            return syn, {p.name: p.read_bytes() for p in sorted(Path(out, name).iterdir()) if p.name != "README.md"}

        (syn, rows), cold = cpu(mutate, Execution(), "serial")
        (_, cold_rows), t_cold, _, cold_worker, cold_thread = w.busiest(lambda: mutate(ex, "cold"))
        figures, same = [], rows == cold_rows
        for _ in range(runs):
            load = os.getloadavg()[0]
            ((_, again), used), t_serial = timed(cpu, mutate, Execution(), "again")
            (syn2, rows2), t_parallel, driver, worker, thread = w.busiest(lambda: mutate(ex, "parallel"))
            same &= rows == again == rows2
            figures.append({"load (1 min)": load, "serial s": t_serial, "parallel s": t_parallel,
                            "serial CPU s": used, "driver CPU s": driver, "driver main thread CPU s": thread,
                            "busiest worker CPU s": worker, "workers' CPU s": sum(w.last.values()),
                            "CPU ratio": used / (driver + worker), "ideal": used / (thread + worker),
                            "wall ratio": t_serial / t_parallel})
        mutation = {"library": other or "the Peano targets", "rounds": rounds, "mutants": syn.stats.total,
                    "runs": runs, **_medians(figures), "first runs: serial CPU s": cold,
                    "first runs: parallel s": t_cold, "their ideal": cold / (cold_thread + cold_worker),
                    "identical shards and manifest": same, "bytes of the rows": len(rows["shard-00000.jsonl"]),
                    "rendered in the driver": syn2.rendered_here}
        if document is None:
            full = Synthesizer(targets, rounds=2)  # (a synthesis written as rows keeps no last round)
            full.run()
            document = str(full.write_proofs(Path(out, "proofs.json")))
        return mutation, checking(ex, w, document, runs)


def checking(ex: Execution, w: WorkerCPU, path: str, runs: int = 3) -> dict[str, Any]:
    """`gl check PATH` (with its printed report) in process and on the workers, once each,
    then `runs` times each in turn: medians, the driver's part (`plan`, and the plan
    pickled as it travels) apart."""
    serial = check_file(path).lines()
    parallel = w.busiest(lambda: check_parallel(path, None, ex).lines())[0]  # warm both sides
    figures, same = [], serial == parallel
    for _ in range(runs):
        load = os.getloadavg()[0]
        (serial, serial_cpu), t_serial = timed(cpu, lambda: check_file(path).lines())
        parallel, t_parallel, driver, worker, thread = w.busiest(lambda: check_parallel(path, None, ex).lines())
        same &= serial == parallel
        figures.append({"load (1 min)": load, "serial s": t_serial, "parallel s": t_parallel,
                        "serial CPU s": serial_cpu, "driver CPU s": driver, "driver main thread CPU s": thread,
                        "busiest worker CPU s": worker, "workers' CPU s": sum(w.last.values()),
                        "CPU ratio": serial_cpu / (driver + worker), "ideal": serial_cpu / (thread + worker),
                        "wall ratio": t_serial / t_parallel})
    doc, _ = load_proofs(path)
    n = ex.slots()
    cut, planned = cpu(plan, path)
    shipped, pickled = cpu(pickle.dumps, cut, 5)
    reports = [check_share(cut, (k, n)) for k in range(n)]
    return {"theorems": len(doc["theorems"]), "runs": runs, **_medians(figures), "identical report": same,
            "per theorem ms": 1000 * median(f["serial s"] for f in figures) / len(doc["theorems"]),
            "bytes of the document": os.path.getsize(path), "plan CPU s": planned,
            "bytes per share's report": sum(len(pickle.dumps(r)) for r in reports) / n,
            "bytes of the plan": len(shipped), "plan pickled CPU s": pickled}


def evolve(ex: Execution, w: WorkerCPU, generations: int = 6) -> dict[str, Any]:
    """`gl evolve exp2` (the default configuration), `generations` generations, its fits
    and polishes in process and on the workers."""
    from mutation.autonumerics.search import Config, Evolution

    def config() -> Config:
        return Config("exp2", interval=(0.0, 1.0), seed=0)

    one, two = Evolution(config()), Evolution(config())
    (_, used), t_serial = timed(cpu, lambda: one.run(generations=generations))
    _, t_parallel, driver, worker, thread = w.busiest(lambda: two.run(generations=generations, execution=ex))
    state = [json.dumps({k: v for k, v in e.to_json().items() if k not in ("elapsed", "cpu", "history")}, sort_keys=True)
             for e in (one, two)]
    return {"generations": generations, "children": one.stats.children, "serial s": t_serial,
            "parallel s": t_parallel, "serial CPU s": used, "driver CPU s": driver,
            "busiest worker CPU s": worker, "CPU ratio": used / (driver + worker),
            "ideal": used / (thread + worker), "identical state": state[0] == state[1], "per child ms": 1000 * t_serial / max(one.stats.children, 1)}


def exploration(ex: Execution, w: WorkerCPU, runs: int = 3) -> dict[str, Any]:
    """`gl prove examples/peano` (exploration) in process, then speculating on the
    workers (`gl.explore.speculate`, Ray already running), `runs` times each in turn after
    one of each to warm up (the explorer's lazy imports here, the workers' there): medians,
    the proofs compared. Ideal: the serial CPU over the driver's main thread plus what it
    would have waited on idle cores for the results it used (`Speculation.behind`); the
    serial CPU over the driver's and all the workers' CPU is what a machine whose other
    users keep every core busy gives at best (they get their share whatever runs in it)."""
    from gl.core.session import load
    from gl.explore import explore
    from gl.explore.speculate import speculating

    def serial() -> tuple[Any, float]:
        return cpu(lambda: explore(load(ROOT / "examples" / "peano")))

    def speculated() -> Any:
        with speculating(ex) as tally:
            return explore(load(ROOT / "examples" / "peano")), tally

    serial(), w.busiest(speculated)
    ones = []  # ((run, CPU s), wall s), in turn with
    twos = []  # ((run, tally), wall s, driver CPU s, busiest worker CPU s, driver main thread CPU s)
    total = []  # the workers' CPU seconds in each parallel run, added up
    for _ in range(runs):
        ones.append(timed(serial))
        twos.append(w.busiest(speculated))
        total.append(sum(w.last.values()))
    first = json.dumps(ones[0][0][0].to_json())
    same = all(json.dumps(run.to_json()) == first for run in [*(o[0][0] for o in ones), *(t[0][0] for t in twos)])
    used = median(o[0][1] for o in ones)
    driver, worker, thread = (median(t[k] for t in twos) for k in (2, 3, 4))
    tallies = [t[0][1] for t in twos]
    behind = median(t.behind for t in tallies)
    return {"theorems": len(ones[0][0][0].theorems), "runs": runs, "serial s": median(o[1] for o in ones),
            "parallel s": median(t[1] for t in twos), "serial CPU s": used, "driver CPU s": driver,
            "driver main thread CPU s": thread, "busiest worker CPU s": worker, "workers' CPU s": median(total),
            "CPU ratio": used / (driver + worker), "CPU ratio, all workers": used / (driver + median(total)),
            "waited s": median(t.waited for t in tallies),
            "behind s": behind, "ideal": used / (thread + behind), "identical proofs": same,
            "speculative attempts sent": tallies[-1].sent, "used": tallies[-1].used, "dropped": tallies[-1].dropped}


def cli_exploration(theory: Path, workers: int, runs: int = 3) -> dict[str, Any]:
    """`gl prove THEORY` (exploration) as a user runs it, in a child process each time:
    in process, then `--workers N` (Ray started in the background when the exploration
    decides to, `gl.explore.speculate`, and shut down at its end: its start-up is in the figures),
    `runs` times each in turn; medians of the wall seconds and of the CPU seconds of the
    child and what it reaped (Ray's processes, as far as they were waited for), the proofs
    compared, the last parallel run's speculation line."""
    from statistics import median

    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(n: int, out: Path) -> tuple[float, float, str, bytes]:
        t0 = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "gl.cli", "prove", str(theory), "--workers", str(n),
                                  "--out", str(out)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, text=True)
        err = child.stderr.read() if child.stderr else ""
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise RuntimeError(f"gl prove {theory} --workers {n} failed: {err[-500:]}")
        line = next((x for x in err.splitlines() if x.startswith("speculation:")), "no speculation")
        return (time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, line,
                (out / "proofs.json").read_bytes())

    ones, twos = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(runs):
            ones.append(run(1, Path(tmp, f"1-{k}")))
            twos.append(run(workers, Path(tmp, f"{workers}-{k}")))
    return {"theory": theory.name, "runs": runs, "serial s": median(o[0] for o in ones),
            "parallel s": median(t[0] for t in twos), "serial CPU s": median(o[1] for o in ones),
            "parallel CPU s (gl and reaped Ray processes)": median(t[1] for t in twos),
            "identical proofs": len({o[3] for o in ones + twos}) == 1, "speculation (last run)": twos[-1][2],
            "Ray start-up included": True}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per TIP problem")
    ap.add_argument("--only", default="tip,check,mutation,evolve,explore",
                    help="the jobs to measure (also: cli, `gl prove examples/peano --workers N` end to end; "
                         "gauss, the same of examples/gauss)")
    ap.add_argument("--mutation-library", default=None,
                    help="proofs.json to mutate instead of the Peano targets (e.g. gl prove examples/peano's)")
    ap.add_argument("--mutation-rounds", type=int, default=2)
    ap.add_argument("--check-document", default=None,
                    help="proofs.json to check instead of the targets' 2-round synthesis (e.g. a 42,351-theorem "
                         "document: gl mutate PEANO_TARGETS --rounds 3 --proofs-out DOC, 2 minutes)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each side of mutation, checking and exploration (medians)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"load average before: {os.getloadavg()}, {os.cpu_count()} CPUs, --workers {args.workers}")
    ex, start = startup(args.workers)
    with ex:
        for k, v in start.items():
            print(f"{k:<28}{v:8.4f} s")
        w = WorkerCPU()
        jobs = {}
        if "tip" in only:
            jobs["batch TIP proving"] = tip(ex, w, args.timeout)
        if only & {"check", "mutation"}:
            jobs["mutation"], jobs["checking"] = mutation_and_check(ex, w, args.mutation_library,
                                                                    args.mutation_rounds, args.runs,
                                                                    args.check_document)
        if "evolve" in only:
            jobs["evolution"] = evolve(ex, w)
        if "explore" in only:
            jobs["exploration"] = exploration(ex, w, args.runs)
    # end to end, each run starting its own Ray (this one stopped first: 2 workers, not 4)
    for job, theory in (("cli", "peano"), ("gauss", "gauss")):
        if job in only:
            jobs[f"gl prove examples/{theory} --workers {args.workers}, end to end"] = \
                cli_exploration(ROOT / "examples" / theory, args.workers, args.runs)
    for name, figures in jobs.items():
        speedup = figures["serial s"] / figures["parallel s"]
        # the serial seconds above which the workers win, Ray's start-up included
        break_even = start["start Ray"] / (1 - 1 / speedup) if speedup > 1 else float("inf")
        print(f"\n{name}: speed-up {speedup:.2f}x" + ("" if figures.get("Ray start-up included") else
              f"; wins, start-up included, from about {break_even:.0f} s of serial work"))
        for k, v in figures.items():
            print(f"  {k:<34}{v:.4g}" if isinstance(v, float) else f"  {k:<34}{v}")
    print(f"\nload average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

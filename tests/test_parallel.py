"""The execution layer (gl.execution) and the parallel paths of the CLI (batch proving,
mutation, evolution; checking: test_parallel_check.py; exploration: test_parallel_explore.py): the same bytes whatever the worker count, a killed worker costs a retry, Ctrl-C keeps what finished, and
without Ray `--workers` says how to install it.

Ray starts once for the test session (`ray_session`, local, 2 workers; start-up costs
seconds), and the CLI runs in this process through click's runner, so each test reuses it.
"""

from __future__ import annotations

import _thread
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, PEANO, ROOT, missing
from test_autonumerics_search import SMALL, _state

from gl.cli.main import cli
from gl.execution import Execution, chunks
from mutation.alchemy import Library, Synthesizer
from mutation.alchemy import sharded as sharded_module
from mutation.alchemy.canon import digest
from mutation.alchemy.checking import StreamChecker
from mutation.alchemy.dataset import compact
from mutation.alchemy.model import Plan, Realized
from mutation.alchemy.mutate import Mutator
from mutation.alchemy.sharded import ShardedSynthesizer, placeholder_clashes, synthesizer
from mutation.alchemy.shards import DatasetWriter, JsonlFile, write_dataset
from mutation.autonumerics.search import Evolution

TIP = ROOT.parent / "shared" / "tip"
#: TIP problems whose targets the prover settles in about a second each (no timeout: a
#: time limit would make the outcome depend on load)
QUICK = ("lemma_01", "lemma_17", "prop_01", "prop_13", "prop_15", "prop_16")


def quick_problems() -> list[str]:
    paths = [TIP / "prod" / f"{name}.smt2" for name in QUICK]
    if not all(p.is_file() for p in paths):
        missing(f"the TIP problems in {TIP} are not present (../shared beside the repository)")
    return [str(p) for p in paths]


@pytest.fixture(scope="session")
def ray_session() -> Iterator[Execution]:
    """A local Ray with 2 workers for the test session (test_parallel_check.py uses it too);
    every `Execution` meanwhile joins it."""
    try:
        import ray  # noqa: F401
    except ImportError:
        missing("Ray is not installed (pip install -e '.[distributed]')")
    with Execution(workers=2) as ex:
        ex.start()
        yield ex


@pytest.fixture(scope="session")
def targets_proofs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """proofs.json of the first Peano targets (6 theorems, some citing others; ~2 s)."""
    out = tmp_path_factory.mktemp("targets")
    quick = [arg for name in ("add_zero_left", "add_succ_left", "add_comm", "add_assoc",
                              "mul_zero_left", "add_succ_swap") for arg in ("--target", name)]
    subprocess.run([sys.executable, "-m", "gl.cli", "prove", str(PEANO / "peano_targets.mpl"),
                    *quick, "--out", str(out), "-q"], check=True, cwd=ROOT,
                   capture_output=True, timeout=300)
    return out / "proofs.json"


def gl(*args: str) -> tuple[int, str, str]:
    """Run `gl ARGS` in this process: exit code, stdout, stderr."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def files(folder: Path, name: str) -> dict[str, bytes]:
    """Every file called `name` under `folder`, by its path relative to `folder`."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob(name))}


# ---------------------------------------------------------------------- without Ray


def test_in_process_map_keeps_task_order_and_starts_no_ray() -> None:
    with Execution(workers=1) as ex:
        assert list(ex.map(divmod, [7, 8, 9], shared=30)) == [(4, 2), (3, 6), (3, 3)]
        assert ex._ray is None


def test_workers_without_ray_say_how_to_install_it_in_one_line(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['ray'] = None; from gl.cli.main import main; "
            f"main(['prove', {str(EXAMPLES / 'peano')!r}, {str(EXAMPLES / 'peano_mirrored')!r}, "
            f"'--workers', '2', '--out', {str(tmp_path)!r}])")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["gl: error: --workers 2: parallel runs need Ray: "
                                     "pip install -e '.[distributed]' (or pip install 'ray>=2.9')"]
    assert not list(tmp_path.iterdir())


class _InProcess(Execution):
    """A parallel setting whose jobs run in this process (`worth_it` says no): the parallel
    paths' own logic, without Ray."""

    def worth_it(self, tasks: int, seconds: float | None = None) -> bool:
        return False


@pytest.mark.parametrize("options", [{"rounds": 1}, {"max_per_seed": 3}, {"max_per_law": 4, "max_per_root": 30},
                                     {"equivalence": "ac", "kinds": ("rw",), "rounds": 3, "max_per_seed": 5}])
def test_mutation_generated_by_seed_replays_the_serial_choice(targets_proofs: Path, tmp_path: Path,
                                                              options: dict) -> None:
    """Candidates made, rendered and checked seed by seed, duplicates and caps decided in
    serial order: the same rows and proof document (bytes), counts and passed-over reasons
    as the serial synthesis; under a cap, some candidate a task rendered an equal one of
    first is rendered in the driver."""
    library = Library.load(targets_proofs)
    serial, sharded = Synthesizer(library, **options), synthesizer(library, _InProcess(workers=2), **options)
    assert isinstance(sharded, ShardedSynthesizer)
    for syn, name in ((serial, "serial"), (sharded, "sharded")):
        write_dataset(syn, JsonlFile(tmp_path / f"{name}.jsonl"), Execution(), tmp_path / f"{name}.json")
    for ext in ("jsonl", "json"):
        assert (tmp_path / f"serial.{ext}").read_bytes() == (tmp_path / f"sharded.{ext}").read_bytes()
    assert sharded.stats.as_dict() | {"generate_seconds": 0, "check_seconds": 0} == \
        serial.stats.as_dict() | {"generate_seconds": 0, "check_seconds": 0}
    assert serial.stats.checked == serial.stats.total > 0
    if options.get("max_per_seed") == 3:  # the fallback ran
        assert sharded.rendered_here > 0


def test_a_wrong_guess_of_the_replays_order_costs_renderings_never_another_result(
        targets_proofs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers skip a candidate equal to one rendered for a seed the replay reads
    first, as far as they can tell which (`_orders`); told the very reverse, the
    driver renders what they skipped, and the rows are the serial run's all the same."""
    library = Library.load(targets_proofs)
    guess = sharded_module._orders
    monkeypatch.setattr(sharded_module, "_orders", lambda seeds: {k: (-f, -p) for k, (f, p) in guess(seeds).items()})
    serial, reversed_ = Synthesizer(library, rounds=2), synthesizer(library, _InProcess(workers=2), rounds=2)
    for syn, name in ((serial, "serial"), (reversed_, "reversed")):
        write_dataset(syn, JsonlFile(tmp_path / f"{name}.jsonl"), Execution(), tmp_path / f"{name}.json")
    for ext in ("jsonl", "json"):
        assert (tmp_path / f"serial.{ext}").read_bytes() == (tmp_path / f"reversed.{ext}").read_bytes()
    assert reversed_.rendered_here > 100


def test_a_sharded_dataset_gets_the_serial_shards_and_counts_from_the_workers_lines(
        targets_proofs: Path, tmp_path: Path) -> None:
    """The workers render each row as a shard holds it and say what the card counts of it,
    so the driver writes bytes without parsing them (Parquet parses them): the same shards
    (JSONL and Parquet) and the same counts in the manifest as the serial run."""
    pytest.importorskip("pyarrow")
    library = Library.load(targets_proofs)
    for name, ex in (("serial", Execution()), ("sharded", _InProcess(workers=2))):
        syn = synthesizer(library, ex, rounds=2, max_per_seed=6)
        write_dataset(syn, DatasetWriter(tmp_path / name, {}, shard_size=150, formats=("jsonl", "parquet")), Execution())
    assert files(tmp_path / "serial", "shard-*") == files(tmp_path / "sharded", "shard-*")
    assert len(files(tmp_path / "serial", "shard-*.parquet")) > 1
    assert (tmp_path / "serial" / "manifest.json").read_bytes() == (tmp_path / "sharded" / "manifest.json").read_bytes()


def test_corrupted_mutants_are_rejected_on_the_workers_as_in_the_serial_run(
        targets_proofs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Proofs corrupted as they are built (a fifth of them lose their last step): the
    workers' checker rejects exactly what the serial stream rejects, children of rejected
    mutants included, with the same failures."""
    realize = Mutator.realize

    def corrupted(self: Mutator, plan: Plan) -> Realized:
        real = realize(self, plan)
        return replace(real, steps=real.steps[:-1]) if digest(plan.key)[0] % 5 == 0 else real

    monkeypatch.setattr(Mutator, "realize", corrupted)
    library = Library.load(targets_proofs)
    out = {}
    for name, ex in (("serial", Execution()), ("sharded", _InProcess(workers=2))):
        syn = synthesizer(library, ex, max_per_seed=8)
        out[name] = write_dataset(syn, JsonlFile(tmp_path / f"{name}.jsonl"), ex)
        assert syn.stats.passed < syn.stats.checked == syn.stats.total
    assert out["serial"] == out["sharded"] and out["serial"][1]
    assert (tmp_path / "serial.jsonl").read_bytes() == (tmp_path / "sharded.jsonl").read_bytes()


def test_a_worker_checks_a_parent_again_unless_it_accepted_that_very_text(targets_proofs: Path) -> None:
    """A worker's checker keeps the parents it accepted (`StreamChecker.extend_after`), but
    a parent sent under a known name with another text (here: its proof cut short) is
    checked again and rejected, and its child with it; the true text is then checked again."""
    library = Library.load(targets_proofs)
    syn = Synthesizer(library, rounds=2, max_per_seed=3)
    child = next(m for m in syn.run() if m.parent is not None)
    parent, entry = child.parent.theorem(False), child.theorem(False)
    broken = {**parent, "proof": {**parent["proof"], "blocks": [
        {**parent["proof"]["blocks"][0], "steps": parent["proof"]["blocks"][0]["steps"][:-1]}]}}
    sc = StreamChecker(library.theory, library.document())
    p, c = parent["name"], child.id
    got = [sc.extend_after([compact(t).decode()], [entry]).accepted for t in (parent, parent, broken, parent)]
    assert got == [[p, c], [c], [], [p, c]]


def test_a_library_holding_the_id_placeholder_is_synthesized_serially(targets_proofs: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    library = Library.load(targets_proofs)
    assert placeholder_clashes(library, "add_comm") and not placeholder_clashes(library, "m000000")
    monkeypatch.setattr(sharded_module, "PLACEHOLDER", "_comm")
    assert type(synthesizer(library, _InProcess(workers=2), prefix="add")) is Synthesizer


def test_sampled_mutation_is_generated_in_the_driver(targets_proofs: Path) -> None:
    assert type(synthesizer(targets_proofs, _InProcess(workers=2), max_mutants=10)) is Synthesizer
    assert type(synthesizer(targets_proofs, Execution())) is Synthesizer


def test_a_batch_writes_one_folder_per_problem_like_single_runs(tmp_path: Path) -> None:
    problems = quick_problems()[:2]
    code, out, _ = gl("prove", *problems, "--targets-only", "--out", str(tmp_path / "batch"), "-q")
    assert code == 0 and "batch: 2/2 problems succeeded" in out
    for p in problems:
        name = Path(p).stem
        assert gl("prove", p, "--targets-only", "--out", str(tmp_path / "single" / name), "-q")[0] == 0
        assert (tmp_path / "batch" / name / "proofs.json").read_bytes() == \
            (tmp_path / "single" / name / "proofs.json").read_bytes()


def test_bad_input_in_a_batch_is_one_line_and_the_rest_still_runs(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mpl"
    bad.write_text("def broken := (\n", encoding="utf-8")
    code, _, err = gl("prove", str(bad), quick_problems()[0], "--targets-only", "--out", str(tmp_path / "o"))
    assert code == 2
    assert [line for line in err.splitlines() if line.startswith("gl: error:")] != []
    assert (tmp_path / "o" / QUICK[0] / "proofs.json").is_file()
    assert not (tmp_path / "o" / "bad").exists()


# ---------------------------------------------------------------------- on Ray


def test_batch_proving_on_two_workers_is_byte_identical(ray_session: Execution, tmp_path: Path) -> None:
    problems = quick_problems()
    serial = gl("prove", *problems, "--targets-only", "--out", str(tmp_path / "serial"), "-q")
    parallel = gl("prove", *problems, "--targets-only", "--out", str(tmp_path / "ray"), "-q",
                  "--workers", "2")
    assert serial[0] == parallel[0] == 1  # some of them are not proved
    assert files(tmp_path / "serial", "proofs.json") == files(tmp_path / "ray", "proofs.json")
    assert len(files(tmp_path / "ray", "proofs.json")) == len(problems)
    assert serial[1].count("==") == parallel[1].count("==") == 2 * len(problems)


def _where(offset: int, x: int) -> tuple[int, int]:
    return x + offset, os.getpid()


def test_many_small_tasks_travel_in_chunks_and_come_back_in_order(ray_session: Execution) -> None:
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests
    with Execution(workers=2) as ex:
        got = list(ex.map(_where, list(range(40)), shared=100))
        assert [x for x, _ in got] == list(range(100, 140))
        # 40 tasks on 2 slots, 8 chunks a slot: 3 tasks a chunk, each chunk on one worker
        assert all(got[i][1] == got[i + 1][1] == got[i + 2][1] for i in range(0, 39, 3))
        assert not ex.worth_it(40, seconds=0.01) and ex.worth_it(40, seconds=10.0)
        # with costs, the largest go first and alone, the small ones together; results in task order
        costs = [1.0] * 40
        costs[37] = 30.0
        got = list(ex.map(_where, list(range(40)), shared=100, costs=costs))
        assert [x for x, _ in got] == list(range(100, 140))
        assert chunks(40, 2, costs)[0] == [37] and max(map(len, chunks(40, 2, costs))) == 5


def _count(seen: dict[str, int], x: int) -> tuple[int, int]:
    """The tasks that have seen this very `seen` object so far (this one included), and where."""
    seen["tasks"] = seen.get("tasks", 0) + 1
    time.sleep(0.02)  # long enough that both workers take some
    return seen["tasks"], os.getpid()


def test_a_worker_reads_the_shared_object_once_for_all_its_tasks(ray_session: Execution) -> None:
    """Each task on its own (16 tasks, 2 slots), yet the tasks a worker runs share one copy
    of the job's shared object, read from the object store once (not unpickled per task)."""
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with Execution(workers=2) as ex:
        got = list(ex.map(_count, list(range(16)), shared={}))
    runs: dict[int, list[int]] = {}
    for n, pid in got:
        runs.setdefault(pid, []).append(n)
    assert sorted(n for ns in runs.values() for n in ns) != [1] * 16
    assert all(sorted(ns) == list(range(1, len(ns) + 1)) for ns in runs.values())


def test_affine_tasks_stay_with_their_group_across_jobs_and_come_back_in_order(ray_session: Execution) -> None:
    """`map_affine`: each group on one worker (an actor), the same in the next job whatever
    the groups' order (its first task there at least: an idle worker takes another's last
    task); results in task order."""
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with Execution(workers=2) as ex:
        first = list(ex.map_affine(_where, list(range(4)), "aabb", shared=10))
        again = list(ex.map_affine(_where, list(range(4)), "bbaa", shared=20))
        assert [x for x, _ in first] == [10, 11, 12, 13] and [x for x, _ in again] == [20, 21, 22, 23]
        home = {"a": first[0][1], "b": first[2][1]}
        assert len(set(home.values())) == 2 and (again[0][1], again[2][1]) == (home["b"], home["a"])
        uneven = list(ex.map_affine(_sleep_where, list(range(6)), "aaaaaa", shared=0.1))
        assert [x for x, _ in uneven] == list(range(6)) and len({p for _, p in uneven}) == 2


def _told(seconds: float, x: int, heard: list[tuple[int, int]]) -> tuple[tuple[int, int, list], tuple[int, int]]:
    """A task of `map_affine(..., notes=True)`: it answers where it ran and what it heard,
    and its note is where it ran and which task it was."""
    time.sleep(seconds)
    return (x, os.getpid(), heard), (os.getpid(), x)


def test_affine_tasks_hear_the_other_slots_notes(ray_session: Execution) -> None:
    """`map_affine` with notes: a task hears the notes of the tasks the other slots ended
    since its slot was last sent one, never its own slot's; in process it hears none."""
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with Execution(workers=2) as ex:
        list(ex.map_affine(_where, [0, 1], "ab", shared=0))  # both actors up before the timed job
        got = list(ex.map_affine(_told, list(range(8)), "aaaabbbb", shared=0.2, notes=True))
    assert [x for x, _, _ in got] == list(range(8))
    assert len({pid for _, pid, _ in got}) == 2
    assert all(where != pid for _, pid, heard in got for where, _ in heard)
    heard = [x for _, _, h in got for _, x in h]
    # each task's note heard once at most (by the other slot), the last tasks' by no one
    assert 1 <= len(heard) <= 6 and len(set(heard)) == len(heard)
    assert list(Execution().map_affine(_told, [1, 2], "ab", shared=0.0, notes=True)) == \
        [(1, os.getpid(), []), (2, os.getpid(), [])]


def _sleep_where(seconds: float, x: int) -> tuple[int, int]:
    time.sleep(seconds)
    return x, os.getpid()


def _slow_square(folder: str, x: int) -> int:
    """A task that leaves its pid in `folder` (one file per attempt) and takes a while."""
    Path(folder, f"{x}-{os.getpid()}").touch()
    time.sleep(2.0)
    return x * x


def _kill_the_first_worker(folder: Path, killed: list[int]) -> None:
    """Kill the process of the first task that leaves its pid in `folder` (`_slow_square`)."""
    deadline = time.monotonic() + 60
    while not killed and time.monotonic() < deadline:
        started = sorted(folder.iterdir())
        if started:
            pid = int(started[0].name.split("-")[1])
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        time.sleep(0.05)


def test_a_killed_worker_costs_a_retry_not_the_run(ray_session: Execution, tmp_path: Path) -> None:
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests
    killed: list[int] = []
    killer = threading.Thread(target=_kill_the_first_worker, args=(tmp_path, killed))
    killer.start()
    with Execution(workers=2) as ex:
        squares = list(ex.map(_slow_square, [1, 2, 3, 4], shared=str(tmp_path)))
    killer.join()
    assert squares == [1, 4, 9, 16]
    pids: dict[str, list[int]] = {}
    for attempt in sorted(p.name for p in tmp_path.iterdir()):
        task, pid = attempt.split("-")
        pids.setdefault(task, []).append(int(pid))
    # the killed task ran again, in another process; the others once
    assert killed and sorted(map(len, pids.values())) == [1, 1, 1, 2]
    (twice,) = [p for p in pids.values() if len(p) == 2]
    assert killed[0] in twice and len(set(twice)) == 2


def test_a_killed_affine_worker_costs_a_retry_not_the_run(ray_session: Execution, tmp_path: Path) -> None:
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    killed: list[int] = []
    killer = threading.Thread(target=_kill_the_first_worker, args=(tmp_path, killed))
    killer.start()
    with Execution(workers=2) as ex:
        squares = list(ex.map_affine(_slow_square, [1, 2, 3, 4], "aabb", shared=str(tmp_path)))
    killer.join()
    assert squares == [1, 4, 9, 16]
    tries = Counter(p.name.split("-")[0] for p in tmp_path.iterdir())
    assert killed and sorted(tries.values()) == [1, 1, 1, 2]


def test_ctrl_c_cancels_the_rest_and_keeps_what_finished(ray_session: Execution, tmp_path: Path) -> None:
    import ray.cloudpickle

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    got = []
    with Execution(workers=2) as ex, pytest.raises(KeyboardInterrupt):
        for square in ex.map(_slow_square, list(range(1, 9)), shared=str(tmp_path)):
            got.append(square)
            if len(got) == 1:
                threading.Timer(0.2, _thread.interrupt_main).start()
    assert 1 <= len(got) < 8 and got == [x * x for x in range(1, len(got) + 1)]
    time.sleep(2.5)  # cancelled tasks do not start later
    assert len(list(tmp_path.iterdir())) < 8
    with Execution(workers=2) as ex:  # and Ray still runs the next job
        assert list(ex.map(divmod, [7, 8], shared=9)) == [(1, 2), (1, 1)]


def test_mutation_on_two_and_three_workers_writes_the_same_rows(ray_session: Execution,
                                                              targets_proofs: Path, tmp_path: Path) -> None:
    runs = {w: gl("mutate", str(targets_proofs), "-o", str(tmp_path / f"{w}.jsonl"), "--rounds", "2",
                  "--max-per-seed", "10", "--proofs-out", str(tmp_path / f"{w}.json"), "-q", "--workers", w)
            for w in ("1", "2", "3")}
    assert runs["1"][0] == runs["2"][0] == runs["3"][0] == 0
    assert "checked             " in runs["2"][1]
    for ext in ("jsonl", "json"):
        assert (tmp_path / f"1.{ext}").read_bytes() == (tmp_path / f"2.{ext}").read_bytes() == \
            (tmp_path / f"3.{ext}").read_bytes()
    # a dataset folder's shards too (its manifest and card quote the command)
    for w in ("1", "2"):
        assert gl("mutate", str(targets_proofs), "-o", str(tmp_path / f"d{w}"), "--rounds", "2", "--max-per-seed", "10",
                  "--shard-size", "400", "-q", "--workers", w)[0] == 0
    assert files(tmp_path / "d1", "shard-*") == files(tmp_path / "d2", "shard-*")
    assert len(files(tmp_path / "d1", "shard-*")) > 1


def test_evolution_on_two_workers_is_the_same_run(ray_session: Execution) -> None:
    one, two = Evolution(SMALL), Evolution(SMALL)
    one.run(generations=3)
    with Execution(workers=2) as ex:
        two.run(generations=3, execution=ex)
    assert _state(one) == _state(two)


def _node(*args: str, env: dict[str, str], log: Path) -> subprocess.Popen:
    """`ray start ARGS --block` (the node stops with this process), its output in `log`;
    returns once the node says it runs."""
    with log.open("w") as out:
        node = subprocess.Popen(["ray", "start", *args, "--node-ip-address", "127.0.0.1",
                                 "--num-cpus", "1", "--block"], stdout=out, stderr=subprocess.STDOUT,
                                env=env, cwd=ROOT)
    deadline = time.monotonic() + 120
    while "Ray runtime started" not in log.read_text() and time.monotonic() < deadline:
        assert node.poll() is None, log.read_text()[-2000:]
        time.sleep(0.5)
    assert "Ray runtime started" in log.read_text(), log.read_text()[-2000:]
    return node


@pytest.mark.slow
def test_a_batch_on_a_two_node_cluster_equals_the_in_process_run(tmp_path: Path) -> None:
    """A head and a worker node as separate processes on 127.0.0.1, stopped after."""
    if shutil.which("ray") is None:
        missing("Ray is not installed (pip install -e '.[distributed]')")
    problems = quick_problems()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RAY_USAGE_STATS_ENABLED": "0", "RAY_AUTH_MODE": "token"}
    nodes = []
    try:
        nodes.append(_node("--head", "--port", str(port), "--include-dashboard=false",
                           "--disable-usage-stats", env=env, log=tmp_path / "head.log"))
        nodes.append(_node("--address", f"127.0.0.1:{port}", env=env, log=tmp_path / "worker.log"))
        cluster = subprocess.run([sys.executable, "-m", "gl.cli", "prove", *problems, "--targets-only",
                                  "--out", str(tmp_path / "cluster"), "-q", "--ray", f"127.0.0.1:{port}"],
                                 capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    finally:
        for node in reversed(nodes):
            node.terminate()  # `ray start --block` stops the node's processes on SIGTERM
        for node in nodes:
            try:
                node.wait(timeout=60)
            except subprocess.TimeoutExpired:
                node.kill()
        # the head names itself in Ray's address file, which `--ray auto` reads: a stopped
        # test cluster must not stay named there
        address = Path(tempfile.gettempdir()) / "ray" / "ray_current_cluster"
        if address.is_file() and address.read_text().strip().endswith(f":{port}"):
            address.unlink()
    serial = gl("prove", *problems, "--targets-only", "--out", str(tmp_path / "serial"), "-q")
    assert cluster.returncode == serial[0] == 1, cluster.stderr[-2000:]
    assert cluster.stdout.splitlines()[-1] == serial[1].splitlines()[-1]  # the tables hold times
    assert files(tmp_path / "cluster", "proofs.json") == files(tmp_path / "serial", "proofs.json")


def test_ctrl_c_in_a_batch_keeps_what_finished(tmp_path: Path) -> None:
    first = quick_problems()[0]
    gl_run = subprocess.Popen([sys.executable, "-m", "gl.cli", "prove", first, str(EXAMPLES / "peano"),
                               str(EXAMPLES / "peano_mirrored"), "--out", str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 120
    while not (tmp_path / QUICK[0] / "proofs.json").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1.0)  # into the exploration of peano
    gl_run.send_signal(signal.SIGINT)
    out, err = gl_run.communicate(timeout=120)
    assert gl_run.returncode == 130, err[-2000:]
    assert "(interrupted)" in out.splitlines()[-1]
    assert (tmp_path / QUICK[0] / "proofs.json").is_file() and (tmp_path / "peano" / "proofs.json").is_file()
    assert not (tmp_path / "peano_mirrored").exists()

"""Where long jobs run: in this process (the default), on N local Ray workers
(`--workers N`) or on a Ray cluster (`--ray ADDRESS`, `auto` for the cluster that
`RAY_ADDRESS` or a local `ray start` names).

A job is a list of independent tasks and one function; `Execution.map` yields the results
in task order whatever the worker count or the order they finish in, so the output of a
job never depends on where it ran. Ray is started only for a job of two tasks or more that
is long enough to repay it (starting it costs seconds, a job on a running Ray a fraction of
one: `benchmarks/parallel.py`; a caller that can estimate its job's serial seconds says so),
once per `Execution`, and shut down when the `Execution` closes if it started it; a caller
that will want it later may start it in a background thread meanwhile (`start_early`:
exploration's speculation, which never waits for it). What one
`Execution` makes once and reuses for every job: the remote function, the shared data of
the last job in Ray's object store, the slot count. Many small tasks travel in chunks (a
few per slot), so that a task of milliseconds does not pay a round trip of its own; tasks
whose sizes the caller can estimate go largest first (`chunks`), so a job does not end
waiting for a long task that started last. A
worker that dies in the middle of a task costs a retry of its chunk (Ray's task retries);
Ctrl-C cancels what is still running and the results yielded before it are kept by the
caller.

Ray is an optional dependency (`pip install -e '.[distributed]'`); without it, asking for
workers raises an `InputError` saying how to install it. Tasks and their results travel by
pickle: a task's function must be a module-level function importable on the workers, and
the paths a task names must be readable there (every node runs the same checkout, or a
shared file system: tasks run in the driver's working directory when it exists there).

>>> with Execution() as ex:
...     list(ex.map(pow, [2, 3, 4], shared=2))
[4, 8, 16]
"""

from __future__ import annotations

import gc
import importlib.util
import logging
import os
import socket
import sys
import threading
from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import InputError

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

#: how to get Ray, said in one line when it is missing
INSTALL = "parallel runs need Ray: pip install -e '.[distributed]' (or pip install 'ray>=2.9')"
#: attempts of a task after its worker died (Ray's `max_retries`; an exception the task
#: raises itself is not retried: the same input would raise it again)
RETRIES = 3
#: chunks per slot when a job has more tasks than that: enough to even out tasks of
#: different lengths, few enough that each chunk's round trip (milliseconds) is repaid
CHUNKS_PER_SLOT = 8
#: what a job pays a running Ray before its tasks run: shipping the shared data, the round
#: trips and the workers' first imports (measured by `benchmarks/parallel.py`); a Ray not
#: started yet costs its start (`start_cost_s`)
RAY_COST_S = {"running": 0.3}
#: the tasks `map_affine` sends a slot beyond the one it runs, so that it starts the next
#: as it ends one (a task's round trip through Ray costs 5-15 ms of the worker's time)
QUEUED_PER_SLOT = 1


def start_cost_s(load_per_core: float) -> float:
    """Seconds a job pays to start a local Ray and stop it after, as the job sees them end
    to end, on a machine whose 1-minute load average per core is `load_per_core`: 5.5 s
    quiet (`import ray` 0.3 s, the start 2.3-3.2 s, the first tasks 0.35 s, the shutdown
    1.4 s, the workers' first imports, and the gap between an ideal division and a real
    one: `gl check` on 2 workers lost 5.3-5.4 s to them quiet), 0.8 more per unit of load
    per core, and steeply more above 6, where Ray's processes wait for the CPUs (fitted to
    the starts measured on 2 cores: 2.7-9 s at 2.5-6 per core, 20-34 s at 6.5-9.5).

    >>> [round(start_cost_s(x), 1) for x in (0.0, 0.5, 4.0, 8.0)]
    [5.5, 5.9, 8.7, 27.9]
    """
    return 5.5 + 0.8 * load_per_core + 8.0 * max(load_per_core - 6.0, 0.0)


def load_per_core() -> float:
    """This machine's 1-minute load average per core (0 where the system does not say)."""
    try:
        return os.getloadavg()[0] / (os.cpu_count() or 1)
    except (AttributeError, OSError):  # (no getloadavg: Windows)
        return 0.0


@dataclass
class Execution:
    """The setting of one job: `workers` local Ray worker processes (1: in this process),
    or the Ray cluster at `address`. A context manager: Ray, when this started it, stops on
    exit."""

    workers: int = 1
    address: str | None = None
    _ray: Any = field(default=None, init=False, repr=False)
    _owned: bool = field(default=False, init=False, repr=False)
    _run: Any = field(default=None, init=False, repr=False)  # the remote `_call`
    _slots: int = field(default=0, init=False, repr=False)
    _shared: tuple[Any, Any] | None = field(default=None, init=False, repr=False)  # object, ref
    _early: _Starter | None = field(default=None, init=False, repr=False)  # Ray starting in the background
    _actors: list[Any] | None = field(default=None, init=False, repr=False)  # `map_affine`'s slots
    _homes: dict[Hashable, int] = field(default_factory=dict, init=False, repr=False)  # group -> slot

    @property
    def parallel(self) -> bool:
        """Whether a job of several tasks goes to Ray."""
        return self.workers > 1 or self.address is not None

    def __enter__(self) -> Execution:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop Ray if this `Execution` started it (waiting for a start in the background
        to end first)."""
        early, self._early = self._early, None
        if early is not None:
            early.up.wait()
        if self._actors is not None and not self._owned:  # (a Ray this started ends with them)
            for actor in self._actors:
                self._ray.kill(actor)
        if self._owned:
            self._ray.shutdown()
        if early is not None:
            early.stop.set()
        self._ray, self._owned, self._run, self._slots, self._shared = None, False, None, 0, None
        self._actors, self._homes = None, {}

    def start_early(self) -> None:
        """Start Ray now in a background thread, for a job that will want it later while
        this thread does other work (a parallel setting; nothing when Ray runs already):
        `ready` says, without waiting, when it is up, `start` waits for it. The thread
        lives until `close`: Linux ends the processes Ray starts when the *thread* that
        started them ends (their parent-death signal)."""
        if self.parallel and self._early is None and not self.ready():
            self._early = _Starter(self)
            self._early.start()

    @property
    def start_error(self) -> BaseException | None:
        """Why a start in the background failed (None: it did not, or is not over); the
        jobs that do not wait for Ray then run in this process."""
        return None if self._early is None or not self._early.up.is_set() else self._early.error

    def ready(self) -> bool:
        """Whether Ray is up for this `Execution`'s jobs (started by it, in the background
        or not, or running already in this process), without waiting: a job that may run
        either way asks it, `start_early()` having been called before the slow serial part."""
        if self._early is not None:
            return self._early.up.is_set() and self._early.error is None
        ray = sys.modules.get("ray")  # a Ray this process runs already (imported and initialized)
        return self._ray is not None or (ray is not None and ray.is_initialized())

    def check_available(self) -> None:
        """Raise the one-line `InputError` (how to install Ray) when a parallel setting
        is asked for and Ray is not installed (without importing it: that takes seconds)."""
        if self.parallel and importlib.util.find_spec("ray") is None:
            raise InputError(INSTALL, self.where())

    def slots(self) -> int:
        """How many tasks run at once: the workers, or the CPUs of the cluster (1 in
        process). A job splits into this many shares when its tasks are its shares."""
        if not self.parallel:
            return 1
        if not self._slots:
            self._slots = self.workers if self.address is None else \
                max(int(self.start().cluster_resources().get("CPU", 1)), 1)
        return self._slots

    def cost(self, start_s: float | None = None) -> float:
        """What a job pays Ray before its tasks run, in seconds: a running one's
        `RAY_COST_S`, else its start, `start_s` when the caller has its own figure, or
        estimated from this machine's load now (`start_cost_s`; joining a cluster costs
        no more than starting one)."""
        if self.ready():
            return RAY_COST_S["running"]
        return start_cost_s(load_per_core()) if start_s is None else start_s

    def worth_it(self, tasks: int, seconds: float | None = None, start_s: float | None = None) -> bool:
        """Whether a job of `tasks` tasks (`seconds` of serial work, when the caller can
        estimate it) goes to Ray: a parallel setting, two tasks or more, and, at best
        divided among the slots, enough work saved to repay what Ray costs it (`cost`,
        `start_s` its start when Ray is not up).

        >>> Execution(workers=2).worth_it(10, seconds=0.1), Execution(workers=2).worth_it(10)
        (False, True)
        """
        if not self.parallel or tasks < 2:
            return False
        return seconds is None or self.saved(tasks, seconds) >= self.cost(start_s)

    def saved(self, tasks: int, seconds: float) -> float:
        """The seconds a job of `tasks` tasks and `seconds` of serial work saves at best,
        divided among the slots (before what Ray costs it)."""
        slots = self._slots or max(self.workers, 2)  # a cluster's, once joined
        return seconds * (1 - 1 / min(slots, tasks))

    def where(self) -> str:
        """The option that chose this setting, for messages."""
        return f"--ray {self.address}" if self.address is not None else f"--workers {self.workers}"

    def map(self, fn: Callable[[S, T], R], tasks: Sequence[T], shared: S = None,
            seconds: float | None = None, costs: Sequence[float] | None = None) -> Iterator[R]:
        """`fn(shared, task)` for every task, yielded in task order. `shared` (read-only
        data every task needs) is sent to the cluster once, and not again while the next
        jobs share the same object. `seconds`: the caller's estimate of the job's serial
        work, when it has one (`worth_it`); `costs`: each task's estimated size, known
        before it runs (any unit), when tasks differ: the largest then start first, so that
        the job does not end waiting for one started last (`chunks`)."""
        if costs is not None and len(costs) != len(tasks):
            raise ValueError(f"{len(costs)} costs for {len(tasks)} tasks")
        if not self.worth_it(len(tasks), seconds):
            for task in tasks:
                yield fn(shared, task)
            return
        ray, ref = self.start(), self._put(shared)
        cwd = os.getcwd()
        parts = chunks(len(tasks), self.slots(), costs)
        pending = [self._run.remote(fn, ref, [tasks[i] for i in part], cwd) for part in parts]
        where = {i: (n, j) for n, part in enumerate(parts) for j, i in enumerate(part)}
        done: dict[int, list[R]] = {}  # the results of the chunks got, until all are yielded
        left = [len(part) for part in parts]
        try:
            for i in range(len(tasks)):
                n, j = where[i]
                if n not in done:
                    done[n] = _get(ray, pending[n])
                    pending[n] = None
                yield done[n][j]
                left[n] -= 1
                if not left[n]:
                    del done[n]
        finally:  # Ctrl-C, an error, or a caller that stopped early: cancel the rest
            for chunk in pending:
                if chunk is not None:
                    ray.cancel(chunk, force=True)

    def map_affine(self, fn: Callable[..., Any], tasks: Sequence[T], groups: Sequence[Hashable],
                   shared: S = None, notes: bool = False) -> Iterator[Any]:
        """`map` for tasks that run faster on a worker that ran tasks of the same group
        before (its caches warm: `gl mutate`'s tasks are seeds of one root, round after
        round), yielded in task order. Each slot is a Ray actor, a worker that keeps its
        memory between tasks and jobs; a group's tasks go, in task order, to the slot that had
        the group last (in this job or an earlier one of this `Execution`) unless that would
        leave the slots uneven, else to the slot with the fewest tasks (largest groups
        first); a slot holds its next task (`QUEUED_PER_SLOT`) while it runs one, and is
        sent another as it ends one (from a thread of this process, whatever the caller
        does meanwhile); one that has run all its tasks takes the last task not sent of the
        slot with the most left, so that the slots end a job together. A
        task's result must not depend on what its worker ran before (only its speed may): a
        slot that dies is started again and its tasks retried, as `map`'s.

        With `notes`, `fn(shared, task, heard)` returns `(result, note)`, the note being
        what its worker learned that may save the others work (`gl mutate`: the candidates
        it rendered); `heard` is the notes of the tasks the other slots ended since this
        slot was last sent a task, in the order they ended (in process, none), and only
        the results are yielded. A result must not depend on what its task heard either."""
        if not self.worth_it(len(tasks)):
            for task in tasks:
                yield fn(shared, task, [])[0] if notes else fn(shared, task)
            return
        ray, ref, cwd = self.start(), self._put(shared), os.getcwd()
        feeder = _Feeder(ray, self._pool(ray), self._queues(groups, self.slots()),
                         lambda slot, i, heard: slot.run.remote(fn, ref, [tasks[i]], cwd, *heard), notes)
        feeder.start()
        try:
            for i in range(len(tasks)):
                yield feeder.result(i)
        finally:  # Ctrl-C, an error, or a caller that stopped early: cancel the rest
            feeder.stop()

    def _queues(self, groups: Sequence[Hashable], n: int) -> list[deque[int]]:
        """The tasks each of `n` slots is to run (`map_affine`), by index, in task order. The
        groups go largest first each to a slot with the fewest tasks then, or to the slot
        it had last when that one still holds no more than an even share with it (recorded
        for the jobs after).

        >>> ex = Execution(workers=2)
        >>> [list(q) for q in ex._queues("aabbbc", 2)], [list(q) for q in ex._queues("cab", 2)]
        ([[2, 3, 4], [0, 1, 5]], [[2], [0, 1]])
        """
        sizes = Counter(groups)
        even = -(-len(groups) // n)
        load = [0] * n
        for g, size in sorted(sizes.items(), key=lambda gs: -gs[1]):
            home = self._homes.get(g, n)
            if home >= n or load[home] + size > max(even, min(load) + size):
                home = self._homes[g] = load.index(min(load))
            load[home] += size
        queues: list[deque[int]] = [deque() for _ in range(n)]
        for i, g in enumerate(groups):
            queues[self._homes[g]].append(i)
        return queues

    def _pool(self, ray: Any) -> list[Any]:
        """The slots' actors of `map_affine`, started on first use (spread over the
        cluster's nodes; they take no CPU of Ray's count, so that they never keep `map`'s
        tasks waiting: one job runs at a time)."""
        if self._actors is None:
            slot = ray.remote(num_cpus=0, max_restarts=RETRIES, max_task_retries=RETRIES)(_Slot)
            self._actors = [slot.options(scheduling_strategy="SPREAD").remote() for _ in range(self.slots())]
        return self._actors

    def submit(self, fn: Callable[[S, T], R], task: T, shared: S = None) -> Pending:
        """Start `fn(shared, task)` on a worker now, for work the caller may not need:
        `Pending.result()` waits for its result, `Pending.cancel()` stops it. Only for a
        parallel setting (Ray is started if need be); `shared` travels as in `map`."""
        ray = self.start()
        return Pending(ray, self._run.remote(fn, self._put(shared), [task], os.getcwd()))

    def _put(self, shared: Any) -> list[Any]:
        """The object store's reference to `shared`, put there once while jobs share it, in
        a list: a reference inside an argument reaches the task as it is, so that a worker
        reads the object once for all the tasks that share it (`_shared`), where Ray
        would read it again (unpickle it) for each task given the reference itself."""
        if self._shared is None or self._shared[0] is not shared:
            self._shared = (shared, self.start().put(shared))
        return [self._shared[1]]

    def start(self) -> Any:
        """Start Ray (or join the running one) now; `map` does it when a job first needs it.
        Returns the `ray` module."""
        if self._early is not None and threading.current_thread() is not self._early:
            self._early.up.wait()
            if self._early.error is not None:
                raise self._early.error
        if self._ray is not None:
            return self._ray
        ray = _import_ray(self.where())
        if not ray.is_initialized():
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no network calls
            # every result gl waits for raises its error (`_get`); what else fails is a task
            # it stopped waiting for (a cancelled speculative attempt), not worth a log line
            os.environ.setdefault("RAY_IGNORE_UNHANDLED_ERRORS", "1")
            quiet = {"include_dashboard": False, "logging_level": logging.ERROR,
                     "log_to_driver": False, "configure_logging": True}
            if self.address is None:
                ray.init(address="local", num_cpus=self.workers, **quiet)
            else:
                _reachable(self.address, self.where())
                try:
                    ray.init(address=self.address, **quiet)
                except (ConnectionError, RuntimeError) as exc:
                    first = (str(exc).strip().splitlines() or ["no reason given"])[0]
                    raise InputError(f"cannot join the Ray cluster: {first}", self.where()) from None
            self._owned = True
        self._run = ray.remote(max_retries=RETRIES, retry_exceptions=False)(_call)
        self._ray = ray
        return ray


class _Starter(threading.Thread):
    """`Execution.start` in a background thread, which then waits for `stop` (`start_early`)."""

    def __init__(self, ex: Execution) -> None:
        super().__init__(name="gl: starting Ray", daemon=True)
        self.ex = ex
        self.up, self.stop = threading.Event(), threading.Event()
        self.error: BaseException | None = None  # why the start failed, raised by `Execution.start`

    def run(self) -> None:
        try:
            self.ex.start()
        except BaseException as exc:  # noqa: BLE001  (raised again in the thread that waits for it)
            self.error = exc
        finally:
            self.up.set()
        self.stop.wait()


def chunks(n: int, slots: int, costs: Sequence[float] | None = None) -> list[list[int]]:
    """How `Execution.map` sends n tasks to `slots` workers: in chunks (lists of task
    indices), in the order they are sent. Without costs, consecutive runs of tasks, about
    `CHUNKS_PER_SLOT` chunks per slot; with each task's estimated cost, the largest first,
    each chunk filled up to an even share of the total (a large task travels alone), ties
    in task order.

    >>> chunks(5, 1), chunks(0, 2)
    ([[0], [1], [2], [3], [4]], [])
    >>> chunks(4, 2, costs=[1, 9, 1, 1])
    [[1], [0], [2], [3]]
    >>> chunks(40, 1, costs=[1] * 40)[:2]
    [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9]]
    """
    parts = max(slots * CHUNKS_PER_SLOT, 1)
    if costs is None:
        size = max(-(-n // parts), 1)
        return [list(range(i, min(i + size, n))) for i in range(0, n, size)]
    share = sum(costs) / parts
    out: list[list[int]] = []
    total = share  # the current chunk's cost so far (full: start a new one)
    for i in sorted(range(n), key=lambda i: (-costs[i], i)):
        if total >= share:
            out.append([])
            total = 0.0
        out[-1].append(i)
        total += costs[i]
    return out


@dataclass(frozen=True)
class Pending:
    """A task `Execution.submit` started."""

    ray: Any
    ref: Any

    def result(self) -> Any:
        """Wait for the task's result (its own error is raised here)."""
        return _get(self.ray, self.ref)[0]

    def cancel(self) -> None:
        """Stop the task if it still runs (its worker stays: the task is interrupted)."""
        self.ray.cancel(self.ref, force=False)


def _get(ray: Any, ref: Any) -> Any:
    """`ray.get(ref)`, a task's own error unwrapped."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayTaskError as exc:
        raise exc.cause from None


def _import_ray(where: str) -> Any:
    try:
        import ray
    except ImportError:
        raise InputError(INSTALL, where) from None
    return ray


def _reachable(address: str, where: str) -> None:
    """Raise an `InputError` unless `address` (host:port; `auto` is Ray's to find) accepts
    a connection within 5 s: Ray itself would retry an unreachable address for minutes.

    >>> _reachable("127.0.0.1:1", "--ray 127.0.0.1:1")
    Traceback (most recent call last):
    gl.errors.InputError: --ray 127.0.0.1:1: cannot reach the Ray cluster at 127.0.0.1:1 (Connection refused)
    """
    if address == "auto":  # the cluster RAY_ADDRESS names, else the last `ray start` here
        address = os.environ.get("RAY_ADDRESS", "")
        if not address:
            return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise InputError(f"{address!r} is not a Ray address (host:port, or auto)", where)
    try:
        socket.create_connection((host, int(port)), timeout=5).close()
    except OSError as exc:
        raise InputError(f"cannot reach the Ray cluster at {address} ({exc.strerror or exc})", where) from None


def _call(fn: Callable[..., R], shared: list[Any], tasks: Sequence[T], cwd: str, *more: Any) -> list[R]:
    """Run one chunk of tasks on a worker (`fn(shared, task, *more)`), in the driver's
    working directory when it exists here; `shared` is `[reference]` (`Execution._put`)."""
    if os.path.isdir(cwd):
        os.chdir(cwd)
    return [fn(_shared(shared[0]), task, *more) for task in tasks]


class _Feeder(threading.Thread):
    """The thread that hands `Execution.map_affine`'s tasks to the slots as they end one,
    and keeps the results until the caller takes them."""

    def __init__(self, ray: Any, slots: list[Any], queues: list[deque[int]],
                 send: Callable[[Any, int, tuple[list[Any], ...]], Any], notes: bool = False) -> None:
        super().__init__(name="gl: feeding the workers", daemon=True)
        self.ray, self.slots, self.queues, self.send = ray, slots, queues, send
        #: with notes (`map_affine`), the notes each slot has not heard yet, else None
        self.unheard: list[list[Any]] | None = [[] for _ in slots] if notes else None
        self.done: dict[int, tuple[bool, Any]] = {}  # a task's index: whether it ended well, its result
        self.ready = threading.Condition()
        self.halt = threading.Event()

    def run(self) -> None:
        running: dict[Any, tuple[int, int]] = {}  # a task sent: its slot, its index

        def feed(k: int) -> None:
            longest = max(self.queues, key=len)
            if longest:  # (idle: it takes another's last)
                i = self.queues[k].popleft() if self.queues[k] else longest.pop()
                heard: tuple[list[Any], ...] = ()
                if self.unheard is not None:
                    heard, self.unheard[k] = (self.unheard[k],), []
                running[self.send(self.slots[k], i, heard)] = (k, i)

        try:
            for _ in range(1 + QUEUED_PER_SLOT):
                for k in range(len(self.slots)):
                    feed(k)
            while running and not self.halt.is_set():
                ended, _ = self.ray.wait(list(running), num_returns=1, timeout=0.2)
                for ref in ended:
                    k, i = running.pop(ref)
                    try:
                        got = (True, _get(self.ray, ref)[0])
                        if self.unheard is not None:
                            result, note = got[1]
                            got = (True, result)
                            for j, unheard in enumerate(self.unheard):
                                if j != k:
                                    unheard.append(note)
                    except BaseException as exc:  # noqa: BLE001  (raised again where it is taken)
                        got = (False, exc)
                    with self.ready:
                        self.done[i] = got
                        self.ready.notify_all()
                    feed(k)
        except BaseException as exc:  # noqa: BLE001  (Ray failed: every waiting caller hears it)
            with self.ready:
                self.done[-1] = (False, exc)
                self.ready.notify_all()
        finally:
            for ref in running:
                self.ray.cancel(ref)

    def result(self, i: int) -> Any:
        """The result of task `i`, when it has come (its error raised here)."""
        with self.ready:
            while i not in self.done and -1 not in self.done:
                self.ready.wait(0.2)
            ok, got = self.done.pop(i) if i in self.done else self.done[-1]
        if not ok:
            raise got
        return got

    def stop(self) -> None:
        """Stop sending tasks, cancel those running, and wait for the thread to end."""
        self.halt.set()
        self.join()


class _Slot:
    """A worker of `Execution.map_affine`: a Ray actor, whose process keeps what its tasks
    leave in memory (their modules' caches) from one task and job to the next."""

    def run(self, fn: Callable[..., R], shared: list[Any], tasks: Sequence[T], cwd: str, *more: Any) -> list[R]:
        return _call(fn, shared, tasks, cwd, *more)


#: on a worker: the shared objects its tasks read last, by their references' ids, newest last
_SHARED: dict[str, Any] = {}
#: how many `_SHARED` keeps (jobs that alternate, as exploration's speculation and a check)
SHARED_KEPT = 4


def _shared(ref: Any) -> Any:
    """The object `ref` names, read from the object store once per worker while it is
    among the last `SHARED_KEPT` read (an object in the store never changes)."""
    key = ref.hex()
    if key in _SHARED:
        _SHARED[key] = _SHARED.pop(key)  # the newest now
    else:
        import ray

        with gc_paused():  # unpickling makes only live objects: a collection meanwhile finds nothing
            _SHARED[key] = ray.get(ref)
        while len(_SHARED) > SHARED_KEPT:
            del _SHARED[next(iter(_SHARED))]
    return _SHARED[key]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (restoring its state after), for work that makes
    little cyclic garbage over a large heap: a synthesis keeps everything it makes
    (automatic full collections would cost about as much as the synthesis itself), and
    unpickling a job's data makes only live objects.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""The Python API: load a theory, prove its targets, get proofs as data.

>>> import gl
>>> session = gl.load("examples/peano/peano_targets.mpl")
>>> run = session.prove(["add_zero_left"])
>>> run["add_zero_left"].method, run.all_proved
('induction', True)
>>> run.to_json()["schema"]
'gl.proofs/1'
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mpl_lang import Theory
from mpl_lang import load as load_theory

from ..document import source_name, write_document
from ..errors import InputError
from .prover import Prover, Settings
from .result import TheoremResult, proofs_document


@dataclass
class ProofRun:
    """The results of one run, in proof order."""

    session: Session
    theorems: list[TheoremResult] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    stages: dict = field(default_factory=dict)
    stage_seconds: dict = field(default_factory=dict)
    compression: dict[str, list[str]] | None = None
    interrupted: bool = False
    seconds: float = 0.0

    def __getitem__(self, name: str) -> TheoremResult:
        for t in self.theorems:
            if t.name == name:
                return t
        raise KeyError(name)

    @property
    def proved(self) -> list[TheoremResult]:
        return [t for t in self.theorems if t.proved]

    @property
    def all_proved(self) -> bool:
        return all(t.proved for t in self.theorems) and not self.interrupted

    def to_json(self) -> dict:
        """The `gl.proofs/1` document. It names no path of this machine and embeds the
        theory, so it reads the same wherever it is written."""
        return proofs_document(self.session.theory, self.theorems,
                               source_name(self.session.path), self.settings.to_json(),
                               self.stages, self.compression)

    def write(self, out_dir: str | Path) -> Path:
        """Write `proofs.json` into `out_dir`."""
        return write_document(self.to_json(), out_dir)


class Session:
    """A loaded theory and the prover working on it."""

    def __init__(self, path: str | Path, theory: Theory) -> None:
        self.path = Path(path)
        self.theory = theory

    def prove(self, targets: Iterable[str] | None = None, settings: Settings | None = None,
              timeout: float | None = None,
              progress: Callable[[int, int, TheoremResult | None, str], None] | None = None) -> ProofRun:
        """Prove the theory's target/conjecture statements in order (or the named ones);
        each proved one is available to the next, and the theory's assumptions to all. A
        statement whose attempt failed only for want of a budget (`TheoremResult.budget_bound`)
        is retried once with the limits raised (`Settings.scaled(1)`). `timeout` bounds the
        whole run; Ctrl-C stops cleanly and the run keeps what was proved."""
        settings = settings or Settings()
        statements = list(self.theory.statements)
        if targets is not None:
            wanted = list(targets)
            known = {s.name for s in statements}
            missing = [t for t in wanted if t not in known]
            if missing:
                raise InputError(f"no statement named {', '.join(map(repr, missing))}", str(self.path))
            statements = [s for s in statements if s.name in set(wanted)]
        prover = Prover(self.theory, settings)
        run = ProofRun(self, settings=settings)
        start = time.perf_counter()
        deadline = start + timeout if timeout else None
        try:
            for n, s in enumerate(statements):
                if progress:
                    progress(n, len(statements), None, s.name)
                if deadline is not None and time.perf_counter() > deadline:
                    r = TheoremResult(s.name, s.formula, s.kind, reason="time limit reached before start")
                else:
                    r = prover.prove(s.name, s.formula, s.kind, deadline=deadline)
                    if r.budget_bound and (deadline is None or time.perf_counter() < deadline):
                        # it failed for want of witnesses, cycles or facts: once more with more
                        r = prover.prove(s.name, s.formula, s.kind, deadline=deadline, effort=1)
                run.theorems.append(r)
                if r.proved:
                    prover.accept(r)
                if progress:
                    progress(n + 1, len(statements), r, s.name)
        except KeyboardInterrupt:
            run.interrupted = True
        run.seconds = time.perf_counter() - start
        return run


def load(path: str | Path, anchor: str | None = None) -> Session:
    """Load an MPL file, a folder holding `<folder>.mpl`, a GL definition folder (`anchor`
    picks one where its config lists several), or a TIP problem (`.smt2`, imported as MPL)."""
    return Session(path, load_theory(path, anchor))

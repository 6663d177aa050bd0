"""A synthesized theorem: its statement, where it came from, its proof, and the dataset row
and proof-file entry that carry it.

>>> m = next(iter(Synthesizer(Library.load("out/proofs.json"))))   # doctest: +SKIP
>>> m.readable, m.kind, m.check()                                    # doctest: +SKIP
('∀a,b,c: (b + a) + c = a + (b + c)', 'rw', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from gl.laws import named_law
from mpl_lang import Expr, readable

from .library import Law, Library, Seed
from .mutate import Plan, Realized
from .render import lean_statement, tptp_statement


@dataclass(eq=False)
class Mutant:
    """One mutant. `checked` is None until the independent checker has seen it, then
    whether it accepted the proof (`failures` says why not)."""

    id: str
    round: int
    plan: Plan
    realized: Realized
    library: Library = field(repr=False)
    checked: bool | None = None
    failures: list[str] = field(default_factory=list, repr=False)
    _seed: Seed | None = field(default=None, init=False, repr=False, compare=False)

    # ------------------------------------------------------------------ provenance

    @property
    def kind(self) -> str:
        return self.plan.kind

    @property
    def seed(self) -> Seed:
        return self.plan.seed

    @property
    def law(self) -> Law:
        return self.plan.law

    @property
    def root(self) -> str:
        """The library theorem this mutant descends from."""
        return self.seed.root

    @property
    def parent(self) -> Mutant | None:
        """The mutant this one mutates (None in round 1)."""
        return self.seed.mutant

    @property
    def cites(self) -> list[str]:
        """The theorems the proof cites, in document order (library theorems first)."""
        names = [self.seed.name] if self.law.theorem is None else [self.law.theorem, self.seed.name]
        order = self.library.order
        return sorted(dict.fromkeys(names), key=lambda n: order.get(n, len(order)))

    # ------------------------------------------------------------------ statement

    @property
    def statement(self) -> Expr:
        return self.realized.form.statement

    @cached_property
    def mpl(self) -> str:
        return self.realized.form.mpl

    @cached_property
    def readable(self) -> str:
        """Readable form; an equation when the statement is exactly one (hypotheses that only
        name values are folded into terms), else every hypothesis is shown."""
        return readable(self.statement, equations=self.pure)

    @property
    def pure(self) -> bool:
        """True when the statement is exactly the relational form of an equation (or of a
        disequation)."""
        return self.plan.key[0] in ("eq", "neq")

    @property
    def tptp(self) -> str:
        return tptp_statement(self.id, self.statement)

    @property
    def lean(self) -> str | None:
        """A Lean 4 statement over `Nat` (None outside Peano's signature)."""
        return lean_statement(self.id, self.statement, self.library.lean_names, self.pure)

    # ------------------------------------------------------------------ proof

    @property
    def proof(self) -> dict[str, Any]:
        """The proof, as in `export/SCHEMA.md`: one `direct` block (`contradiction` for a
        rewritten disequation)."""
        r = self.realized
        block = {"id": f"{self.id}/main", "role": "main", "claim": self.mpl,
                 "fresh": {v: v for v in r.form.vars}, "negated_goal": r.method == "contradiction",
                 "steps": r.steps, "goal_step": r.goal_step}
        return {"method": r.method, "blocks": [block]}

    def theorem(self, informative: bool = True) -> dict[str, Any]:
        """The entry of a `gl.proofs/1` document (origin `mutant`). Without `informative`,
        the fields the checker does not read (`readable`, `law`) are left empty, for
        documents that are only checked in memory."""
        return {"name": self.id, "statement": self.mpl,
                "readable": self.readable if informative else "", "origin": "mutant",
                "law": named_law(self.statement) if informative and self.pure else None,
                "status": "proved",
                "method": self.realized.method, "cites": self.cites, "essential": None, "follows_from": [],
                "proof": self.proof}

    def lineage(self) -> list[Mutant]:
        """The mutants this one rests on, oldest first, and itself."""
        out = [self]
        while out[-1].parent is not None:
            out.append(out[-1].parent)
        return out[::-1]

    def check(self) -> bool:
        """Have the independent checker (`gl.checker`) re-check this mutant's proof, in a
        document with the theorems it rests on; sets and returns `checked`."""
        report = self.library.check(self.lineage())
        self.checked = self.id in report.accepted
        self.failures = [str(f) for f in report.failures if f.theorem == self.id]
        return self.checked

    def as_seed(self) -> Seed:
        """This mutant as a seed for the next round."""
        if self._seed is None or self._seed.name != self.id:
            self._seed = Seed.of_form(self.id, self.realized.form, self)
        return self._seed

    # ------------------------------------------------------------------ dataset

    def row(self) -> dict[str, Any]:
        """The dataset row (schema: mutation/alchemy/README.md)."""
        seed = self.seed
        return {
            "id": self.id,
            "round": self.round,
            "kind": self.kind,
            "seed": {"name": seed.name, "mpl": seed.mpl, "readable": seed.readable,
                     "root": self.root},
            "mutant": {"mpl": self.mpl, "readable": self.readable, "tptp": self.tptp, "lean": self.lean},
            "invoked": {"name": self.law.label, "ref": self.law.cr.ref, "statement": self.law.text},
            "location": self.plan.location,
            "direction": self.plan.direction,
            "cites": self.cites,
            "proof": self.proof,
            "checked": self.checked,
        }

"""A proof library to mutate: the theory, its proved theorems (the seeds) and every clause
that may act on a seed (the laws: clauses of proved theorems and of the axioms).

>>> lib = Library.load("out/proofs.json")       # doctest: +SKIP
>>> [s.name for s in lib.seeds][:3]             # doctest: +SKIP
['add_zero_left', 'add_succ_left', 'add_comm']
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

import networkx as nx

from gl.checker import Checker, ProofFileError, load_proofs
from gl.core.session import ProofRun
from gl.document import source_name
from gl.errors import InputError
from mpl_lang import MPLError, Theory, parse_expr
from mpl_lang.logic import Clause, ClauseError, Literal, clausify
from mpl_lang.terms import Term

from .model import Law, Seed
from .render import lean_names
from .signature import ClauseRef, Signature
from .statements import EqView, RuleForm, render


class Library:
    """Theorems with proofs (a `gl.proofs/1` document) over one theory.

    `source` names the theory's source as documents do (`gl.document.source_name`); `theorems` the document's entries, kept
    verbatim so an output document can list them before the mutants that cite them. The
    independent checker re-checks them first; theorems it rejects are not used (`skipped`).
    """

    def __init__(self, theory: Theory, theorems: list[dict[str, Any]], source: str,
                 settings: dict[str, Any] | None = None) -> None:
        self.theory = theory
        self.theorems = theorems
        self.source = source
        self.settings = settings or {}
        self.signature = Signature.of(theory)
        self.constants = frozenset(theory.constants)
        self.entries = {t["name"]: t for t in theorems if isinstance(t, dict) and "name" in t}
        #: theorem name -> its position in the document
        self.order = {name: i for i, name in enumerate(self.entries)}
        self.seeds: list[Seed] = []
        #: (theorem, why it is not used): rejected by the checker, unproved, no rule form
        self.skipped: list[tuple[str, str]] = []
        self.laws: list[Law] = []
        self._checker: Checker | None = None
        self._load(self._accepted())

    # ------------------------------------------------------------------ constructors

    @staticmethod
    def load(path: str | Path) -> Library:
        """Read a `proofs.json` and the MPL source it names."""
        try:
            doc, theory = load_proofs(path)
        except ProofFileError as exc:
            raise InputError(exc.message, exc.where) from None
        source = doc["source"] if "mpl" in doc else source_name(Path(path).parent / doc["source"])
        return Library(theory, doc["theorems"], source, doc.get("settings"))

    @staticmethod
    def from_run(run: ProofRun) -> Library:
        """The proved theorems of a `gl.load(...).prove()` run."""
        doc = run.to_json()
        return Library(run.session.theory, doc["theorems"], doc["source"], doc.get("settings"))

    @staticmethod
    def of(source: str | Path | ProofRun | Library) -> Library:
        """A library from a proofs.json path, a proof run, or a library (returned as is)."""
        if isinstance(source, Library):
            return source
        if isinstance(source, (str, Path)):
            return Library.load(source)
        return Library.from_run(source)

    # ------------------------------------------------------------------ contents

    def _accepted(self) -> set[str]:
        """The theorems the independent checker accepts: only they seed or act on mutants,
        so that every mutant rests on checked proofs."""
        return set(self.checker.check(self.document()).accepted)

    def document(self) -> dict[str, Any]:
        """The library as a proof document the checker reads (its theorems, verbatim)."""
        return {"schema": "gl.proofs/1", "source": self.source, "theorems": self.theorems}

    def _load(self, accepted: set[str]) -> None:
        for t in self.theorems:
            name = t.get("name") if isinstance(t, dict) else None
            if not isinstance(name, str) or t.get("status") != "proved":
                continue
            if name not in accepted:
                self.skipped.append((name, "its proof is not accepted by the checker"))
                continue
            try:
                statement = parse_expr(t["statement"])
            except (MPLError, KeyError, TypeError):
                self.skipped.append((name, "statement does not parse"))
                continue
            seed = Seed.of(name, statement, self.theory)
            if seed is None:
                self.skipped.append((name, "not a single rule with literal hypotheses"))
            else:
                family = "ground" if seed.ground else "law" if t.get("law") else "lemma"
                self.seeds.append(replace(seed, family=family))
            try:
                clauses = clausify(self.theory.unfold(statement))
            except ClauseError:
                continue
            for j, c in enumerate(clauses):
                self._add_law(ClauseRef({"theorem": name, "clause": j}, c), name)
        for i, c in enumerate(self.theory.axioms()):
            if isinstance(c, Clause):
                self._add_law(ClauseRef({"axiom": i}, c), None)

    def _add_law(self, cr: ClauseRef, theorem: str | None) -> None:
        c = cr.clause
        if c.exists or len(c.conclusion) != 1:
            return
        eq = EqView.of_clause(c)
        if eq is not None and (eq.lhs == eq.rhs or eq.negated):
            eq = None
        self.laws.append(Law(len(self.laws), cr, theorem, eq))

    def render(self, lhs: Term, rhs: Term, negated: bool = False) -> RuleForm:
        """`statements.render` with this theory's constants and typing set. An equation between
        ground terms that names no value (`i0 + i0 = i0`) gets the hypothesis `base ∈ N`, as
        a statement needs one."""
        dom = self.signature.default_set or "N"
        form = render(lhs, rhs, self.constants, dom, negated)
        if not form.hyps and self.signature.base is not None:
            form = RuleForm(form.vars, (Literal(True, "in", (self.signature.base, dom)),), form.concl, form.named)
        return form

    @cached_property
    def lean_names(self) -> dict[str, str] | None:
        """Theory symbols -> Lean `Nat` text (None when the theory is not Peano's)."""
        return lean_names(self.theory)

    # ------------------------------------------------------------------ checking

    @property
    def checker(self) -> Checker:
        """One independent checker for this theory, kept warm (its caches) across checks."""
        if self._checker is None:
            self._checker = Checker(self.theory)
        return self._checker

    @cached_property
    def citations(self) -> nx.DiGraph:
        """Theorem -> the library theorems it cites."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.entries)
        for name, entry in self.entries.items():
            cites = entry.get("cites")
            if isinstance(cites, list):
                graph.add_edges_from((name, c) for c in cites if isinstance(c, str) and c in self.entries)
        return graph

    def closure(self, names: list[str]) -> list[dict[str, Any]]:
        """The library entries `names` cite, transitively, with them, in document order."""
        need = {n for n in names if n in self.entries}
        need.update(*(nx.descendants(self.citations, n) for n in need))
        return [t for t in self.theorems if isinstance(t, dict) and t.get("name") in need]

"""A proof library to mutate: the theory, its proved theorems (the seeds) and every clause
that may act on a seed (the laws: clauses of proved theorems and of the axioms).

>>> lib = Library.load("out/proofs.json")       # doctest: +SKIP
>>> [s.name for s in lib.seeds][:3]             # doctest: +SKIP
['add_zero_left', 'add_succ_left', 'add_comm']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gl.errors import InputError
from mpl_lang import Expr, MPLError, Theory, parse_expr, readable, to_mpl
from mpl_lang.logic import Clause, ClauseError, Literal, clausify, expr_to_literal, goal_parts

from .render import lean_names
from .signature import ClauseRef, Signature
from .terms import EqView, RuleForm, Term, infix, render

if TYPE_CHECKING:
    from gl.checker import Checker, Report
    from gl.core.session import ProofRun

    from .mutant import Mutant


@dataclass(frozen=True)
class Law:
    """A clause that may act on seeds. `theorem` is the theorem to cite (None for axioms);
    `eq` its equation view when it states one; `index` its place in the library."""

    index: int
    cr: ClauseRef
    theorem: str | None
    eq: EqView | None

    @property
    def label(self) -> str:
        return self.cr.label

    @cached_property
    def text(self) -> str:
        """The clause as an equation (`a + b = b + a`) when it is one, else the clause."""
        if self.eq is not None:
            return f"{infix(self.eq.lhs)} = {infix(self.eq.rhs)}"
        return str(self.cr.clause)


@dataclass(frozen=True)
class Seed:
    """A statement to mutate: a proved library theorem or a mutant of an earlier round.
    `form` holds the literals of its single clause, in statement order; `expr` the parsed
    statement of a library theorem (a mutant's is made from `form` when needed)."""

    name: str
    form: RuleForm
    eq: EqView | None
    mutant: Mutant | None = field(default=None, compare=False)
    expr: Expr | None = field(default=None, compare=False)

    @property
    def cr(self) -> ClauseRef:
        """Its clause, as a proof step cites it."""
        return ClauseRef({"theorem": self.name, "clause": 0}, self.form.clause)

    @property
    def statement(self) -> Expr:
        return self.expr if self.expr is not None else self.form.statement

    @property
    def mpl(self) -> str:
        return to_mpl(self.expr) if self.expr is not None else self.form.mpl

    @cached_property
    def readable(self) -> str:
        """Readable form (a mutant's own, so both are written the same way)."""
        return self.mutant.readable if self.mutant is not None else readable(self.statement)

    @property
    def vars(self) -> tuple[str, ...]:
        return self.form.vars

    @property
    def hyps(self) -> tuple[Literal, ...]:
        return self.form.hyps

    @property
    def concl(self) -> Literal:
        return self.form.concl

    @property
    def root(self) -> str:
        """The library theorem this seed descends from."""
        return self.name if self.mutant is None else self.mutant.root

    @staticmethod
    def of(name: str, statement: Expr, theory: Theory) -> Seed | None:
        """The seed of a library theorem, or None when its statement is not one rule
        `∀x̄: H → L` whose premises are exactly its hypotheses (in order) and whose
        conclusion is one literal."""
        try:
            clauses = clausify(theory.unfold(statement))
        except ClauseError:
            return None
        if len(clauses) != 1 or clauses[0].exists:
            return None
        c = clauses[0]
        _, hyps, concl = goal_parts(statement)
        lits = [expr_to_literal(h) for h in hyps]
        if lits != list(c.premises) or expr_to_literal(concl) != c.conclusion[0]:
            return None
        form = RuleForm(c.vars, c.premises, c.conclusion[0])
        return Seed(name, form, EqView.of_clause(c), expr=statement)

    @staticmethod
    def of_form(name: str, form: RuleForm, mutant: Mutant) -> Seed:
        """A mutant as a seed (its statement has no defined predicates, so its clause is
        read off the literals)."""
        return Seed(name, form, EqView.of_parts(form.vars, form.hyps, form.concl), mutant)


class Library:
    """Theorems with proofs (a `gl.proofs/1` document) over one theory.

    `source` is the absolute path of the MPL source; `theorems` the document's entries, kept
    verbatim so an output document can list them before the mutants that cite them. The
    independent checker re-checks them first; theorems it rejects are not used (`skipped`).
    """

    def __init__(self, theory: Theory, theorems: list[dict[str, Any]], source: Path,
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
        from gl.checker import ProofFileError, load_proofs

        try:
            doc, theory = load_proofs(path)
        except ProofFileError as exc:
            raise InputError(exc.message, exc.where) from None
        return Library(theory, doc["theorems"], (Path(path).parent / doc["source"]).resolve(),
                       doc.get("settings"))

    @staticmethod
    def from_run(run: ProofRun) -> Library:
        """The proved theorems of a `gl.load(...).prove()` run."""
        doc = run.to_json(".")
        return Library(run.session.theory, doc["theorems"], run.session.path.resolve(), doc.get("settings"))

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
        doc = {"schema": "gl.proofs/1", "source": str(self.source), "theorems": self.theorems}
        return set(self.checker.check(doc).accepted)

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
                self.seeds.append(seed)
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
        """`terms.render` with this theory's constants and typing set. An equation between
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
            from gl.checker import Checker

            self._checker = Checker(self.theory)
        return self._checker

    def closure(self, names: list[str]) -> list[dict[str, Any]]:
        """The library entries `names` cite, transitively, with them, in document order."""
        need: set[str] = set()
        todo = [n for n in names if n in self.entries]
        while todo:
            n = todo.pop()
            if n not in need:
                need.add(n)
                todo += [c for c in self.entries[n].get("cites", []) if c in self.entries]
        return [t for t in self.theorems if isinstance(t, dict) and t.get("name") in need]

    def check(self, mutants: list[Mutant], fresh: bool = False) -> Report:
        """Check mutants (in order; each after the mutants it cites) with the independent
        checker, in one document that also holds the theorems they rest on. `fresh`: with a
        new checker, whose caches go away after, instead of the library's warm one."""
        from gl.checker import Checker

        from .dataset import document

        doc = document(self, mutants, ".", full=False)
        return (Checker(self.theory) if fresh else self.checker).check(doc)

"""What synthesis works with: the laws that act, the seeds they act on, the mutations found
(`Plan`) and made concrete (`Realized`), and the synthesized theorems (`Mutant`) with the
dataset row and proof-document entry that carry them.

>>> from mpl_lang import load, parse_expr
>>> seed = Seed.of("add_comm", parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"),
...                load("examples/peano/peano.mpl"))
>>> seed.eq.lhs, seed.eq.rhs, seed.readable, seed.root
(('+', 'a', 'b'), ('+', 'b', 'a'), '∀a,b: a + b = b + a', 'add_comm')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from gl.laws import named_law
from mpl_lang import Expr, Theory, readable, to_mpl
from mpl_lang.logic import ClauseError, Literal, _literal, clausify, expr_to_literal, goal_parts
from mpl_lang.parser import parse_canonical
from mpl_lang.terms import Term, infix

from .canon import Key, KeyText
from .render import lean_equation, lean_rule, readable_rule, tptp_statement
from .signature import ClauseRef
from .statements import EqView, RuleForm

#: seed families: named laws (what the proof document marks as a law), other lemmas (general
#: rules), ground facts (no variables, like the explorer's incubator facts)
FAMILIES = ("law", "lemma", "ground")


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
    statement of a library theorem (a mutant's is made from `form` when needed). A mutant's
    seed refers to its mutant, or, made again from a `SeedText`, holds the texts rows need
    of it (`texts`: root, MPL, readable), not the mutant and its proof."""

    name: str
    form: RuleForm
    eq: EqView | None
    mutant: Mutant | None = field(default=None, compare=False)
    expr: Expr | None = field(default=None, compare=False)
    #: the seed family of its library theorem: `law`, `lemma` or `ground` (see `FAMILIES`)
    family: str = field(default="lemma", compare=False)
    texts: tuple[str, str, str] | None = field(default=None, compare=False)

    @property
    def cr(self) -> ClauseRef:
        """Its clause, as a proof step cites it."""
        return ClauseRef({"theorem": self.name, "clause": 0}, self.form.clause)

    @property
    def statement(self) -> Expr:
        return self.expr if self.expr is not None else self.form.statement

    @property
    def mpl(self) -> str:
        """Canonical MPL (a mutant's own, written once)."""
        if self.mutant is not None:
            return self.mutant.mpl
        if self.texts is not None:
            return self.texts[1]
        return to_mpl(self.expr) if self.expr is not None else self.form.mpl

    @cached_property
    def readable(self) -> str:
        """Readable form (a mutant's own, so both are written the same way)."""
        if self.texts is not None:
            return self.texts[2]
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
        if self.texts is not None:
            return self.texts[0]
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
        return Seed(name, form, EqView.of_parts(form.vars, form.hyps, form.concl), mutant, family=mutant.seed.family)

    def seed(self) -> Seed:
        """Itself (a `SeedText` makes its seed again)."""
        return self

    @property
    def ground(self) -> bool:
        """True when the statement has no variables (named values aside): `2 + 3 = 5`."""
        return not (self.eq.leaves if self.eq is not None else self.form.vars)


@dataclass(frozen=True, slots=True)
class SeedText:
    """A mutant kept as a seed of the next round in text only: its name, seed family, root
    and the canonical MPL and readable texts its children's rows show. `seed()` makes the
    `Seed` (its literals, parsed from the MPL, and its equation view) again when the round
    visits it, so that a round keeps about 0.5 KB per seed, not the 3 KB of the literals
    and views of each (`Mutant.as_seed(lean=True)`).

    >>> from mpl_lang import load, parse_expr
    >>> theory = load("examples/peano/peano.mpl")
    >>> text = SeedText("m000001", "law", "add_comm", "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))", "a + b = b + a")
    >>> s = text.seed()
    >>> s.eq.lhs, s.eq.rhs, s.mpl, s.root, s.readable
    (('+', 'a', 'b'), ('+', 'b', 'a'), '(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))', 'add_comm', 'a + b = b + a')
    """

    name: str
    family: str
    root: str
    mpl: str
    readable: str

    def seed(self) -> Seed:
        """The seed with its literals (read off the statement, as `Seed.of_form` keeps them:
        a mutant's statement has no defined predicates) and its equation view."""
        form = _read_rule(self.mpl)
        if form is None:
            statement = parse_canonical(self.mpl)
            if statement is None:
                raise ValueError(f"seed {self.name}: {self.mpl!r} is not canonical MPL")
            vars_, hyps, concl = goal_parts(statement)
            form = RuleForm(vars_, tuple(map(expr_to_literal, hyps)), expr_to_literal(concl))
        return Seed(self.name, form, EqView.of_parts(form.vars, form.hyps, form.concl), family=self.family,
                    texts=(self.root, self.mpl, self.readable))


#: a literal's canonical text (`literal_text`): sign, predicate, arguments
_LITERAL = re.compile(r"(!?)\(([A-Za-z_][A-Za-z0-9_]*|=)\[([^\]]*)\]\)")
_RULE = re.compile(r"\(>\[([^\]]*)\](.*)\)", re.DOTALL)


def _read_rule(mpl: str) -> RuleForm | None:
    """The rule whose `RuleForm.mpl` is `mpl` (a mutant's statement), read off the text:
    several times faster than parsing it as a formula; None when the text is not one that
    `RuleForm.mpl` writes (the formula is then parsed).

    >>> _read_rule("(>[a,b](&(in2[a,b,s])(in[a,N]))!(=[b,a]))")
    RuleForm(vars=('a', 'b'), hyps=(Literal(positive=True, pred='in2', args=('a', 'b', 's')), \
Literal(positive=True, pred='in', args=('a', 'N'))), concl=Literal(positive=False, pred='=', args=('b', 'a')), named={})
    """
    m = _RULE.fullmatch(mpl)
    if m is None or not m[1]:
        return None
    lits = [_literal(Literal, (not sign, pred, tuple(args.split(",")))) for sign, pred, args in _LITERAL.findall(m[2])]
    if len(lits) < 2:
        return None
    form = RuleForm(tuple(m[1].split(",")), tuple(lits[:-1]), lits[-1])
    return form if form.mpl == mpl else None


@dataclass(frozen=True)
class Plan:
    """A mutation found but not yet realized. Names are the seed's; `new` are the names of
    new variables; `law_sigma` binds the law's variables (leaves for rw, all for apply)."""

    kind: str
    seed: Seed
    law: Law
    direction: str | None
    location: dict[str, Any]
    #: its canonical key (as text in the plans of a sharded synthesis's replay)
    key: Key | KeyText
    law_sigma: dict[str, Term]
    lhs: Term | None = None
    rhs: Term | None = None
    form: RuleForm | None = None
    new: tuple[str, ...] = field(default=())
    #: function applications of the mutant (of its equation, or its function literals)
    size: int = 0
    #: depth of its equation's deepest side (1 for a statement that is not an equation)
    depth: int = 0


@dataclass(frozen=True)
class Realized:
    """A plan made concrete: the mutant's statement (canonical names), the theorems its
    proof cites (in document order, library theorems first) and the steps of its proof
    block (`goal_step` is the id of the step stating the goal, or ⊥ for a proof by
    `contradiction`)."""

    form: RuleForm
    steps: list[dict[str, Any]]
    goal_step: int
    cites: list[str]
    method: str = "direct"
    #: `(lhs, rhs)` in the statement's names when it is exactly the relational form of them
    equation: tuple[Term, Term] | None = None


@dataclass(eq=False)
class Mutant:
    """One synthesized theorem. `lean_names` spell the theory's symbols in Lean (None
    outside Peano's signature). `checked` is None until the independent checker has seen
    it, then whether it accepted the proof (`failures` says why not)."""

    id: str
    round: int
    plan: Plan
    realized: Realized
    lean_names: dict[str, str] | None = field(default=None, repr=False)
    #: 16 bytes standing for its canonical form modulo renaming (`canon.digest`)
    digest: bytes = field(default=b"", repr=False)
    #: the same modulo AC of the theory's AC operators, when synthesis computed it
    ac_digest: bytes | None = field(default=None, repr=False)
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
        return self.realized.cites

    # ------------------------------------------------------------------ statement

    @property
    def form(self) -> RuleForm:
        """The statement as a rule (canonical names)."""
        return self.realized.form

    @property
    def statement(self) -> Expr:
        return self.form.statement

    @cached_property
    def mpl(self) -> str:
        return self.form.mpl

    @cached_property
    def readable(self) -> str:
        """Readable form; an equation when the statement is exactly one (hypotheses that only
        name values are folded into terms), else every hypothesis is shown."""
        return readable(self.statement) if self.pure else readable_rule(self.form)

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
        eq = self.realized.equation
        if self.pure and eq is not None and self.lean_names is not None:
            return lean_equation(self.id, *eq, self.lean_names, self.plan.key[0] == "neq")
        return None if self.lean_names is None else \
            lean_rule(self.id, self.form, self.lean_names, self.pure)

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

    def as_seed(self, lean: bool = False) -> Seed | SeedText:
        """This mutant as a seed for the next round; `lean`: its texts only (`SeedText`),
        which do not refer to this mutant (its children's `parent` is then None), so that
        the mutant and its proof may be let go once checked and written."""
        if lean:
            return SeedText(self.id, self.seed.family, self.root, self.mpl, self.readable)
        if self._seed is None or self._seed.name != self.id:
            self._seed = Seed.of_form(self.id, self.form, self)
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
                     "root": self.root, "family": seed.family},
            "mutant": {"mpl": self.mpl, "readable": self.readable, "tptp": self.tptp, "lean": self.lean},
            "invoked": {"name": self.law.label, "ref": self.law.cr.ref, "statement": self.law.text},
            "location": self.plan.location,
            "direction": self.plan.direction,
            "cites": self.cites,
            "proof": self.proof,
            "checked": self.checked,
            "canonical_hash": self.digest.hex(),
            "ac_hash": self.ac_digest.hex() if self.ac_digest is not None else None,
            "size": self.plan.size,
            "depth": self.plan.depth,
        }

"""From a `gl.proofs/1` document to what the pages show: readable facts, links,
dependencies in both directions, and what each theorem rests on.

Nothing the prover wrote only for presentation is trusted: readable forms are computed
from the formulas (the document's `readable` fields are ignored), named laws from the
statements, `origin` and `method` are shown only when they are known values, and a theorem
shows as proved only when the independent checker accepted its proof (`accepted`).
Links inside steps are relative to a theorem page (`thm/<slug>.html`).

>>> m = build_model({"schema": "gl.proofs/1", "theory": {}, "theorems": []})
>>> m.theorems
[]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup

from gl.errors import InputError
from gl.laws import named_law
from mpl_lang import Atom, MPLError, readable
from mpl_lang.logic import ClauseError, clausify, goal_parts, unfold

from .notation import PLAIN, SiteNotation, notation
from .slugs import slug
from .tables import GroundTable, ground_tables, numerals
from .text import formula_text, literal_of, marked_fact, parse_fact, readable_clause, try_readable

SCHEMA = "gl.proofs/1"
#: the `origin` and `method` values of export/SCHEMA.md; any other is shown as "unknown"
ORIGINS = ("target", "conjecture", "explored", "incubator", "mutant")
METHODS = ("direct", "induction", "contradiction")
#: states of a theorem whose proof the checker accepted
PROVED_STATES = ("full", "proved", "compressed")
_ROLE_TITLES = {"main": "Proof", "type": "Type", "base": "Base case", "base2": "Second base case",
                "base3": "Third base case", "step": "Inductive step"}
_MARKED_KINDS = ("eq_subst", "eq_symm")


@dataclass
class StepView:
    """One row of a proof table."""

    n: int
    kind: str
    label: str
    premises: tuple[int, ...]
    ref: str | None
    ref_href: str | None
    readable: Markup
    mpl: Markup
    detail: str
    cycle: int
    goal: bool


@dataclass
class BlockView:
    """One Logic Block of a proof: a table of steps under a heading."""

    id: str
    role: str
    title: str
    prefix: str
    claim: str | None
    claim_mpl: str
    fresh: str
    negated_goal: bool
    goal_step: int | None
    steps: list[StepView]


@dataclass
class Ref:
    """A link to another theorem (`slug` None when it is not in the file; `readable` None
    when its statement does not parse)."""

    name: str
    slug: str | None
    readable: str | None = ""
    statement: str = ""


@dataclass
class TheoremView:
    """Everything one theorem's page and index row show. `readable` is None when the
    statement does not parse; `checked` says whether the checker ran, `accepted` whether it
    accepted this theorem's proof."""

    index: int
    name: str
    slug: str
    statement: str
    readable: str | None
    variables: tuple[str, ...]
    hypotheses: list[str]
    conclusion: str | None
    origin: str
    law: str | None
    status: str
    method: str | None
    essential: bool | None
    reason: str
    cites: list[Ref]
    follows_from: list[Ref]
    checked: bool
    accepted: bool
    induction: str = ""
    blocks: list[BlockView] = field(default_factory=list)
    used_by: list[Ref] = field(default_factory=list)
    axioms: list[int] = field(default_factory=list)
    definitions: list[str] = field(default_factory=list)
    fully_proved: bool = False
    assuming: list[str] = field(default_factory=list)  # the assumptions it rests on
    table: str | None = None  # the slug of its ground-fact table, if it is a ground fact
    clauses: list[str] = field(default_factory=list)  # readable, as proofs cite them (#clause-j)

    @property
    def steps(self) -> int:
        """How many steps the proof has, over all its blocks."""
        return sum(len(b.steps) for b in self.blocks)

    @property
    def method_label(self) -> str:
        """The method column: incubator facts are named as such."""
        if self.origin == "incubator":
            return "incubator"
        if self.method is None:
            return "—"
        return self.method if self.method in METHODS else "unknown"

    @property
    def text(self) -> str:
        """The statement as plain text (hover titles, tooltips)."""
        return formula_text(self.readable, self.statement)

    @property
    def state(self) -> str:
        """The colour class: unparsable (the statement), assumed (the theory's `assume`,
        given and not proved), unproved, unchecked (no checker ran), rejected (by the
        checker), compressed (accepted, not essential), full (accepted, with all its
        dependencies accepted and present) or proved."""
        if self.readable is None:
            return "unparsable"
        if self.status == "assumed":
            return "rejected" if self.checked and not self.accepted else "assumed"
        if self.status != "proved":
            return "unproved"
        if not self.checked:
            return "unchecked"
        if not self.accepted:
            return "rejected"
        if self.essential is False:
            return "compressed"
        return "full" if self.fully_proved else "proved"

    @property
    def status_label(self) -> str:
        """The status in words, e.g. `proved · essential`, `proved · assuming lemma` or
        `rejected by the checker`."""
        labels = {"unparsable": "statement does not parse", "unproved": "unproved",
                  "assumed": "assumed (given by the theory, not proved)",
                  "unchecked": "proof not checked", "rejected": "rejected by the checker",
                  "compressed": "compressed out"}
        if self.state in labels:
            return labels[self.state]
        label = "proved · essential" if self.essential else "proved"
        label += f" · assuming {', '.join(self.assuming)}" if self.assuming else ""
        return label if self.fully_proved else f"{label} · dependencies missing"


@dataclass
class AxiomView:
    """One axiom clause of the theory, as text and readable."""

    index: int
    clause: str
    readable: str


@dataclass
class DefinitionView:
    """One definition of the theory and how many steps unfold or fold it."""

    name: str
    slug: str
    params: list[str]
    mpl: str
    readable: str | None
    used: int = 0

    @property
    def text(self) -> str:
        """The definition as plain text (tooltips)."""
        return f"{self.name}[{', '.join(self.params)}] ⇔ {formula_text(self.readable, self.mpl)}"


@dataclass
class SiteModel:
    """The whole site's content."""

    source: str
    gl_version: str
    constants: list[str]
    inductions: list[str]
    axioms: list[AxiomView]
    definitions: list[DefinitionView]
    settings: dict[str, Any]
    stages: dict[str, Any]
    theorems: list[TheoremView]
    kinds_used: dict[str, int]
    checked: bool = False
    axiom_uses: dict[int, int] = field(default_factory=dict)
    tables: list[GroundTable] = field(default_factory=list)
    #: how the theory's defined predicates print (`notation.py`)
    notation: SiteNotation = PLAIN

    @property
    def title(self) -> str:
        """The theory's name: its source's last part without the extension (`peano` of
        `peano/peano.mpl` or of the folder `peano`, `prop_23` of `isaplanner/prop_23.smt2`)."""
        return self.source.rsplit("/", 1)[-1].split(".")[0] or "proofs"

    @property
    def laws(self) -> list[TheoremView]:
        """The theorems that state a named law, in file order."""
        return [t for t in self.theorems if t.law and t.table is None]

    @property
    def lemmas(self) -> list[TheoremView]:
        """The theorems that are neither named laws nor ground facts, in file order."""
        return [t for t in self.theorems if not t.law and t.table is None]

    def resting_on(self, axiom: int) -> tuple[list[TheoremView], list[tuple[GroundTable, int]]]:
        """The theorems whose proofs rest on `axiom`, directly or through what they cite:
        those that are no ground facts, and how many ground facts of each table."""
        on = [t for t in self.theorems if axiom in t.axioms]
        counts = {tb.slug: sum(t.table == tb.slug for t in on) for tb in self.tables}
        return [t for t in on if t.table is None], [(tb, counts[tb.slug]) for tb in self.tables if counts[tb.slug]]

    @property
    def by_name(self) -> dict[str, TheoremView]:
        """Theorems by name."""
        return {t.name: t for t in self.theorems}

    def count(self, *states: str) -> int:
        """How many theorems are in one of `states`."""
        return sum(t.state in states for t in self.theorems)

    @property
    def proved(self) -> int:
        """How many theorems have a proof the checker accepted."""
        return self.count(*PROVED_STATES)


def build_model(proofs: Mapping[str, Any], where: str = "proofs",
                accepted: Collection[str] | None = None) -> SiteModel:
    """Check the document's shape and compute every page's content. `accepted` names the
    theorems whose proofs the independent checker accepted; None means no checker ran, and
    then no theorem shows as proved.

    Raises InputError (naming `where` and the theorem) on a malformed document.
    """
    if not isinstance(proofs, Mapping) or proofs.get("schema") != SCHEMA:
        found = proofs.get("schema") if isinstance(proofs, Mapping) else type(proofs).__name__
        raise InputError(f"not a {SCHEMA} document (schema: {found!r})", where)
    theory = proofs.get("theory") or {}
    try:
        definitions = theory.get("definitions", [])
        note = notation((str(d["name"]), tuple(map(str, d["params"])), str(d.get("mpl", ""))) for d in definitions)
        model = SiteModel(
            source=shown_source(str(proofs.get("source", ""))),
            gl_version=str(proofs.get("gl_version", "")),
            constants=[str(c) for c in theory.get("constants", [])],
            inductions=[f"{i['set']} from {i['base']} by {i['succ']}"
                        for i in theory.get("inductions", [])],
            axioms=[AxiomView(int(a["index"]), str(a["clause"]),
                              readable_clause(str(a["clause"]), note))
                    for a in theory.get("axioms", [])],
            definitions=[_definition(d, note) for d in definitions],
            settings=dict(proofs.get("settings") or {}),
            stages=dict(proofs.get("stages") or {}),
            theorems=[],
            kinds_used={},
            checked=accepted is not None,
            notation=note,
        )
    except (KeyError, TypeError, ValueError, MPLError) as exc:
        raise InputError(f"malformed theory: {_why(exc)}", where) from None
    names: set[str] = set()
    slugs: set[str] = set()
    for i, raw in enumerate(proofs.get("theorems") or []):
        name = raw.get("name") if isinstance(raw, Mapping) else None
        label = f"theorem {i} ({name!r})" if name is not None else f"theorem {i}"
        try:
            t = _theorem(i, raw, model, accepted)
        except (KeyError, TypeError, ValueError, AttributeError, MPLError) as exc:
            raise InputError(f"{label}: {_why(exc)}", where) from None
        if t.name in names or t.slug in slugs:
            raise InputError(f"{label}: duplicate theorem name", where)
        names.add(t.name)
        slugs.add(t.slug)
        model.theorems.append(t)
    _link(model)
    ind = (theory.get("inductions") or [{}])[0]
    if "base" in ind and "succ" in ind:
        known = numerals(str(ind["base"]), str(ind["succ"]), (a.clause for a in model.axioms))
        model.tables, where = ground_tables(((t.name, t.statement) for t in model.theorems), known,
                                           str(ind["succ"]), frozenset(model.constants))
        for t in model.theorems:
            t.table = where.get(t.name)
    _clauses(model)
    return model


def _clauses(model: SiteModel) -> None:
    """Each theorem's clauses (`clausify` of its unfolded statement, as proofs cite them by
    number), readable; a statement with no rule form has none."""
    defs = {}
    for d in model.definitions:
        try:
            defs[d.name] = (tuple(d.params), parse_fact(d.mpl))
        except MPLError:
            return  # a definition that does not parse: clauses cannot be computed
    for t in model.theorems:
        if t.readable is None:
            continue
        try:
            t.clauses = [readable_clause(str(c), model.notation) for c in clausify(unfold(parse_fact(t.statement), defs))]
        except ClauseError:
            t.clauses = []


def shown_source(source: str) -> str:
    """The source as the site shows it: the theory's folder and file, never a path of the
    machine (documents before the embedded theory named it relative to proofs.json).

    >>> shown_source("../../examples/peano/peano.mpl"), shown_source("peano/peano.mpl")
    ('peano/peano.mpl', 'peano/peano.mpl')
    """
    parts = [p for p in PurePosixPath(source.replace("\\", "/")).parts if p not in ("/", ".", "..")]
    return "/".join(parts[-2:])


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing key {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _definition(d: Mapping[str, Any], note: SiteNotation) -> DefinitionView:
    mpl = str(d.get("mpl", ""))
    return DefinitionView(str(d["name"]), slug(str(d["name"])), [str(p) for p in d["params"]],
                          mpl, try_readable(mpl, note))


def _theorem(index: int, raw: Mapping[str, Any], model: SiteModel,
             accepted: Collection[str] | None) -> TheoremView:
    name = str(raw["name"])
    statement = str(raw["statement"])
    try:
        expr = parse_fact(statement)  # cached: a direct proof's block claims the statement itself
    except MPLError:
        expr = None  # as for ⊥, which is no statement either
    variables, hyps, concl = goal_parts(expr) if expr is not None else ((), (), None)
    origin = raw.get("origin") or "target"
    method = raw.get("method")
    printer = model.notation.printer()
    t = TheoremView(
        index=index,
        name=name,
        slug=slug(name),
        statement=statement,
        readable=None if expr is None else readable(expr, notation=printer),
        variables=variables,
        hypotheses=[readable(h, notation=printer) for h in hyps],
        conclusion=None if concl is None else readable(concl, notation=printer),
        origin=origin if origin in ORIGINS else "unknown",
        law=None if expr is None else named_law(expr),
        status=str(raw.get("status", "unproved")),
        method=None if method is None else str(method),
        essential=raw.get("essential"),
        reason=str(raw.get("reason") or ""),
        cites=[Ref(c, None) for c in dict.fromkeys(map(str, raw.get("cites") or []))],
        follows_from=[Ref(c, None) for c in dict.fromkeys(map(str, raw.get("follows_from") or []))],
        checked=accepted is not None,
        accepted=accepted is not None and name in accepted,
    )
    proof = raw.get("proof")
    if proof:
        scheme = proof.get("scheme", "structural")
        names = proof.get("variables") if scheme == "simultaneous" else [proof.get("variable")]
        if isinstance(names, list) and names and None not in names:
            ind = proof.get("induction") or {}
            how = "" if scheme == "structural" else f"{str(scheme).replace('_', '-')}, "
            t.induction = (f"{', '.join(map(str, names))} ∈ {ind.get('set', '?')} ({how}base "
                           f"{ind.get('base', '?')}, successor {ind.get('succ', '?')})")
        prefixes = [slug(str(b.get("role", ""))) for b in proof["blocks"]]
        if len(set(prefixes)) < len(prefixes):
            prefixes = [f"b{i}" for i in range(len(prefixes))]
        for b, prefix in zip(proof["blocks"], prefixes):
            t.blocks.append(_block(b, prefix, t, model))
    return t


def _block(b: Mapping[str, Any], prefix: str, t: TheoremView, model: SiteModel) -> BlockView:
    role = str(b.get("role", ""))
    title = _ROLE_TITLES.get(role, role.capitalize() or "Block")
    fresh = b.get("fresh") or {}
    view = BlockView(
        id=str(b.get("id", "")),
        role=role,
        title=title,
        prefix=prefix,
        claim=try_readable(str(b["claim"]), model.notation),
        claim_mpl=str(b["claim"]),
        fresh=", ".join(k if k == v else f"{k} ↦ {v}" for k, v in fresh.items()),
        negated_goal=bool(b.get("negated_goal")),
        goal_step=b.get("goal_step"),
        steps=[],
    )
    facts: dict[int, str] = {}
    for s in b["steps"]:
        step = _step(s, view, facts, t, model)
        facts[step.n] = str(s["fact"])
        view.steps.append(step)
    return view


def _step(s: Mapping[str, Any], block: BlockView, facts: dict[int, str], t: TheoremView,
          model: SiteModel) -> StepView:
    n = int(s["id"])
    kind = str(s["kind"])
    fact = str(s["fact"])
    premises = tuple(int(p) for p in s.get("premises") or ())
    model.kinds_used[kind] = model.kinds_used.get(kind, 0) + 1
    label, ref, href = kind, None, None
    details = []
    if kind == "hyp":
        label = f"hyp {s.get('index', '?')}"
    rule = s.get("rule")
    if isinstance(rule, Mapping):
        if "axiom" in rule:
            i = int(rule["axiom"])
            ref, href = f"ax {i}", f"../rules.html#ax-{i}"
            model.axiom_uses[i] = model.axiom_uses.get(i, 0) + 1
            if i not in t.axioms:
                t.axioms.append(i)
        elif "theorem" in rule:
            ref, href = str(rule["theorem"]), f"{slug(str(rule['theorem']))}.html"
            if "clause" in rule:  # the cited theorem's page opens on the clause used
                href += f"#clause-{int(rule['clause'])}"
        elif "fact" in rule:
            ref, href = f"step {int(rule['fact'])}", f"#{block.prefix}-{int(rule['fact'])}"
        if "clause" in rule:
            details.append(f"clause {rule['clause']}")
    if s.get("definition") is not None:
        d = str(s["definition"])
        ref, href = d, f"../rules.html#def-{slug(d)}"
        for dv in model.definitions:
            if dv.name == d:
                dv.used += 1
        if d not in t.definitions:
            t.definitions.append(d)
    subst = s.get("subst") or {}
    if subst:
        details.append(", ".join(f"{k}:={v}" for k, v in subst.items()))
    positions = _changed(kind, fact, [facts.get(p, "") for p in premises])
    text, raw = marked_fact(fact, positions, model.notation)
    return StepView(n=n, kind=kind, label=label, premises=premises, ref=ref, ref_href=href,
                    readable=text, mpl=raw, detail=" · ".join(details), cycle=int(s.get("cycle", 0)),
                    goal=n == block.goal_step)


def _changed(kind: str, fact: str, premises: list[str]) -> tuple[int, ...]:
    """Argument positions of `fact` that an equality or rewrite step changed."""
    if kind not in _MARKED_KINDS and "rewrite" not in kind:
        return ()
    new = literal_of(fact)
    if new is None:
        return ()
    lits = [literal_of(p) if p else None for p in premises]
    if kind == "eq_subst" and len(lits) == 2:
        for eq, old in (lits, lits[::-1]):
            if eq and old and eq[0] and eq[1].name == "=" and len(eq[1].args) == 2:
                diff = _diff(old, new)
                u, v = eq[1].args
                if diff and all(old[1].args[i] == u and new[1].args[i] == v for i in diff):
                    return diff
        return ()
    for old in lits:
        diff = _diff(old, new) if old else ()
        if diff:
            return diff
    return ()


def _diff(old: tuple[bool, Atom], new: tuple[bool, Atom]) -> tuple[int, ...]:
    """Positions where two literals of the same predicate and polarity differ."""
    (pos_old, a_old), (pos_new, a_new) = old, new
    if pos_old != pos_new or a_old.name != a_new.name or len(a_old.args) != len(a_new.args):
        return ()
    return tuple(i for i, (x, y) in enumerate(zip(a_old.args, a_new.args)) if x != y)


def _link(model: SiteModel) -> None:
    """Resolve citations: links, backlinks, what each theorem rests on, full provedness."""
    by_name = model.by_name
    for t in model.theorems:
        for r in t.cites + t.follows_from:
            target = by_name.get(r.name)
            if target is not None:
                r.slug, r.readable, r.statement = target.slug, target.readable, target.statement
        axioms, defs, assuming = set(t.axioms), set(t.definitions), set()
        full = t.checked and t.accepted and t.status in ("proved", "assumed")
        for r in t.cites:
            dep = by_name.get(r.name)
            if dep is None or dep.index >= t.index:
                full = False
                continue
            axioms.update(dep.axioms)
            defs.update(dep.definitions)
            assuming.update([dep.name] if dep.status == "assumed" else dep.assuming)
            full = full and dep.fully_proved
            dep.used_by.append(Ref(t.name, t.slug, t.readable, t.statement))
        t.axioms = sorted(axioms)
        t.definitions = sorted(defs)
        t.assuming = sorted(assuming)
        t.fully_proved = full

"""Check every theorem of a proof document: statements, citations, block claims, fresh
constants, every step and every goal; count the results per inference kind.

>>> from gl.checker import check_file
>>> check_file("out/proofs.json").ok    # doctest: +SKIP
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpl_lang import Expr, MPLError, Theory, parse_expr, readable, to_mpl
from mpl_lang.errors import ClauseError
from mpl_lang.logic import FALSUM, Clause, clausify, expr_to_literal, free_names, goal_parts, unfold
from mpl_lang.names import name_error, printable, shown
from mpl_lang.parser import parse_canonical

from .claims import fresh_error, induction_claims, instantiate_claim, statement_error
from .load import load_proofs, theory_fingerprint, validate
from .steps import KINDS, Block, Fact

#: checks that are not inference steps, reported before the step kinds
CHECKS = ("theorem", "cite", "claim", "goal")
_METHODS = ("direct", "contradiction", "induction")


@dataclass(frozen=True)
class Failure:
    """One rejected check: where it is and why."""

    theorem: str
    block: str
    step: int | None
    kind: str
    reason: str

    def __str__(self) -> str:
        where = self.theorem + (f" / {self.block}" if self.block else "")
        where += f" / step {self.step}" if self.step is not None else ""
        return f"{where} [{self.kind}]: {self.reason}"


@dataclass
class Report:
    """Counts per kind, the failures, the unproved theorems, the assumptions and the
    accepted theorems, with what each states (`mpl_lang.readable` of the formula the
    checker parsed and verified, never the document's own `readable` text) and which
    assumptions each accepted theorem rests on, directly or through the theorems it cites."""

    theory: str = ""
    pinned: bool = False
    passed: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    unproved: list[tuple[str, str]] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    assuming: dict[str, list[str]] = field(default_factory=dict)
    statements: dict[str, Expr] = field(default_factory=dict)
    shown_as: dict[str, object] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # statements as printed, by a share that checked them
    proved: int = 0
    steps: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing failed (unproved theorems are reported, not failed)."""
        return not self.failures

    def notes(self) -> list[str]:
        """Accepted theorems whose document `readable` text is not what they state (the
        text is presentation and was ignored; a reader shown it would be misled)."""
        return [f"{name}: its 'readable' text {shown(self.shown_as[name])} is not its statement "
                f"(ignored)" for name in self.accepted
                if name in self.shown_as and self.shown_as[name] != self.said(name)]

    def said(self, name: str) -> str:
        """What an accepted or assumed theorem states, as printed."""
        return self.texts.get(name) or readable(self.statements[name])

    def lines(self) -> list[str]:
        """The report as text: the theory, one line per kind, a summary, what each accepted
        theorem states, notes, unproved theorems and failures."""
        extra = sorted((set(self.passed) | set(self.failed)) - set(CHECKS) - set(KINDS))
        how = "pinned by --theory" if self.pinned else "named by the document's source"
        out = [f"theory ({how}): {self.theory}"] if self.theory else []
        out.append(f"{'kind':<14}{'ok':>8}{'failed':>8}")
        out += [f"{k:<14}{self.passed[k]:>8}{self.failed[k]:>8}" for k in (*CHECKS, *KINDS, *extra)]
        assumed = f"{len(self.assumed)} assumed (not proved), " if self.assumed else ""
        out.append(f"{len(self.accepted)} of {self.proved} proved theorems accepted, "
                   f"{len(self.unproved)} unproved, {assumed}{self.steps} steps, {len(self.failures)} failures")
        out += [f"assumed {name}: {self.said(name)}" for name in self.assumed]
        out += [f"accepted {name}: {self.said(name)}"
                + (f" (assuming {', '.join(self.assuming[name])})" if name in self.assuming else "")
                for name in self.accepted]
        out += [f"note {n}" for n in self.notes()]
        out += [f"unproved {name}: {printable(reason)}" for name, reason in self.unproved]
        out += [f"FAIL {f}" for f in self.failures]
        return out


_NO_ASSUMPTIONS: frozenset[str] = frozenset()  # one object, not an empty set per theorem


@dataclass(slots=True)
class _Known:
    unfolded: Expr | None  # the statement with definitions unfolded; None when unusable
    proved: bool  # proved or assumed: may be cited
    accepted: bool
    assumes: frozenset[str] = _NO_ASSUMPTIONS  # the assumptions it rests on
    statement: Expr | None = None  # as stated, defined atoms kept (a rule's `stated` clauses)


class Checker:
    """Checks proof documents against one theory. It caches the parse of each formula
    text (keyed by that text alone) and the clauses of each parsed formula."""

    def __init__(self, theory: Theory) -> None:
        self.theory = theory
        self.fingerprint = theory_fingerprint(theory)
        self.constants = tuple(theory.constants)
        self.definitions = {d.name: (d.params, d.body) for d in theory.definitions.values()}
        self.axioms = theory.axioms()
        formula = theory.axiom_formula()
        self.axiom_free = free_names(formula) if formula is not None else set()
        self.assumptions = {a.name: a.formula for a in theory.assumptions}
        self.named = {s.name: s.formula for s in (*theory.statements, *theory.assumptions)}
        self._parsed: dict[str, Fact | str] = {}
        self._clauses: dict[Expr, list[Clause | str] | str] = {}

    # ------------------------------------------------------------------ documents

    def check(self, doc: dict[str, Any], share: tuple[int, int] = (0, 1)) -> Report:
        """Check every theorem of a loaded proof document (ProofFileError if it has no gl.proofs/1
        shape); `share` (k, n): only theorems k, k + n, ...; the others read, not reported."""
        validate(doc, "proof document")
        mine, self.known = Report(theory=self.describe()), {}
        theorems = doc["theorems"]
        self.order = {t.get("name"): i for i, t in reversed(list(enumerate(theorems)))
                      if isinstance(t, dict) and isinstance(t.get("name"), str)}
        for i, th in enumerate(theorems):
            self._steps, self.report = (True, mine) if i % share[1] == share[0] else (False, Report())
            self._check_theorem(i, th)
        self.count = len(theorems)
        return mine

    def extend(self, theorems: Iterable[object], forget: Iterable[str] = (), cache: int = 20_000) -> Report:
        """Check theorems as if appended to the document checked last (they may cite what it
        and earlier extensions proved), after forgetting the theorems named in `forget` (their
        names may come again); parse and clause caches are cleared past `cache` entries."""
        for n in forget:
            self.known.pop(n, None)
            self.order.pop(n, None)
        if len(self._parsed) > cache or len(self._clauses) > cache:
            self._parsed.clear()
            self._clauses.clear()
        self._steps, self.report = True, Report(theory=self.describe())
        for th in theorems:
            if isinstance(th, dict) and isinstance(th.get("name"), str):
                self.order.setdefault(th["name"], self.count)
            self._check_theorem(self.count, th)
            self.count += 1
        return self.report

    def _fail(self, kind: str, reason: str, block: str = "", step: int | None = None) -> None:
        self.report.failed[kind] += 1
        self.report.failures.append(Failure(self.name, block, step, kind, reason))

    def _tally(self, kind: str, reason: str | None, block: str = "", step: int | None = None) -> None:
        if reason is None:
            self.report.passed[kind] += 1
        else:
            self._fail(kind, reason, block, step)

    def describe(self) -> str:
        """Which theory this checker checks against: its path, its anchor (a GL folder may
        hold several), how many files it was read from, and the SHA-256 of its canonical MPL."""
        files, anchor = len(self.theory.files), self.theory.anchor
        named = f"anchor {printable(anchor.name, 200)}; " if anchor is not None else ""
        return (f"{printable(self.theory.path, 500)} ({named}{files} file{'s' * (files != 1)}; "
                f"sha256 of its canonical MPL {self.fingerprint})")

    def _parse(self, text: object) -> Fact | str:
        """The formula a text denotes (None for ⊥), or a reason string when it has none.
        Every text is parsed from itself (the cache is keyed by the text and holds only that
        text's parse), and must be canonical MPL, so that what is checked is exactly what
        the text says to any other reader."""
        if not isinstance(text, str):
            return "fact must be a string of MPL"
        fact = self._parsed.get(text)
        if fact is None and text not in self._parsed:
            fact = self._parsed[text] = _parse_canonical(text)
        return fact

    # ------------------------------------------------------------------ theorems

    def _check_theorem(self, index: int, th: object) -> None:
        bad = (name_error(th.get("name"), "theorem name") if isinstance(th, dict)
               else "a theorem is an object with a name")
        self.name = f"#{index + 1}" if bad else th["name"]
        if bad:
            return self._fail("theorem", bad)
        if self.order[self.name] != index:
            return self._fail("theorem", "duplicate theorem name")
        if th.get("status") == "unproved":
            self.report.unproved.append((self.name, str(th.get("reason", ""))[:1000]))
            self.known[self.name] = _Known(None, False, False)
            return None
        if th.get("status") == "assumed":
            return self._assumption(th)
        self.report.proved += 1
        before = len(self.report.failures)
        statement = self._parse(th.get("statement"))
        if statement is None or isinstance(statement, str):
            self._fail("theorem", f"statement {statement or '⊥'}")
            statement = None
        elif err := statement_error(self.theory, statement):
            self._fail("theorem", f"statement is not a closed formula over the theory: {err}")
            statement = None
        elif self.name in self.named and statement != self.named[self.name]:  # a reader takes it for that one
            self._fail("theorem", f"the theory's {self.name} states {to_mpl(self.named[self.name])}, not this")
        self._check_cites(th.get("cites"))
        claims = self._claims(th, statement) if statement is not None else None
        if claims is not None:
            if len(self.report.failures) == before:
                self.report.passed["theorem"] += 1
            for blk in th["proof"]["blocks"] if self._steps else ():
                self._check_block(blk, claims[blk["role"]], th["method"])
        accepted = len(self.report.failures) == before
        assumes = frozenset().union(*(self.known[c].assumes for c in self.cites)) or _NO_ASSUMPTIONS
        if accepted:
            self.report.accepted.append(self.name)
            self.report.statements[self.name] = statement
            if assumes:
                self.report.assuming[self.name] = sorted(assumes)
            if "readable" in th:
                self.report.shown_as[self.name] = th["readable"]
        unfolded = unfold(statement, self.definitions) if statement is not None else None
        unfolded = statement if unfolded == statement else unfolded  # nothing unfolded: one formula, not a copy
        self.known[self.name] = _Known(unfolded, True, accepted, assumes, statement)
        return None

    def _assumption(self, th: dict[str, Any]) -> None:
        """An entry marked `assumed` is accepted only as exactly an `assume` declaration of
        the theory (its name and formula); it is reported as assumed, never as proved."""
        declared = self.assumptions.get(self.name)
        statement = self._parse(th.get("statement"))
        if declared is None:
            self._fail("theorem", "marked assumed, but the theory declares no assumption of that name")
        elif statement != declared:
            self._fail("theorem", f"marked assumed, but the theory assumes {to_mpl(declared)}")
        else:
            self.report.passed["theorem"] += 1
            self.report.assumed.append(self.name)
            self.report.statements[self.name] = declared
            self.known[self.name] = _Known(unfold(declared, self.definitions), True, True, frozenset({self.name}), declared)
            return
        self.known[self.name] = _Known(None, False, False)

    def _check_cites(self, cites: object) -> None:
        self.cites: set[str] = set()
        if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
            return self._fail("cite", "cites must be a list of theorem names")
        for c in cites:
            known = self.known.get(c)
            if c == self.name:
                self._fail("cite", "a theorem cannot cite itself")
            elif known is None:
                later = c in self.order
                self._fail("cite", f"cites {shown(c)}, which "
                           + ("comes later in the file (citations must be acyclic)" if later
                              else "is not a theorem of the file"))
            elif not known.proved:
                self._fail("cite", f"cites {shown(c)}, which is unproved")
            elif known.unfolded is None:
                self._fail("cite", f"cites {shown(c)}, whose statement is unusable")
            else:
                self.cites.add(c)
                self._tally("cite", None if known.accepted else f"cites {shown(c)}, whose proof was rejected")
        return None

    def _claims(self, th: dict[str, Any], statement: Expr) -> dict[str, Expr] | None:
        """The claim each block role must prove, or None after reporting why there is none."""
        proof, method = th.get("proof"), th.get("method")
        if th.get("status") != "proved" or not isinstance(proof, dict):
            return self._fail("theorem", "status must be 'proved' (with a proof), 'unproved' or 'assumed'")
        if not isinstance(method, str) or method not in _METHODS or proof.get("method") != method:
            return self._fail("theorem", f"method {shown(method)} / proof method {shown(proof.get('method'))}: "
                              "must agree and be direct, contradiction or induction")
        blocks = proof.get("blocks")
        if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
            return self._fail("theorem", "blocks must be a list of objects")
        claims = {"main": statement} if method != "induction" else self._induction(proof, blocks, statement)
        if isinstance(claims, str):
            return self._fail("theorem", claims)
        roles = sorted(b["role"] if isinstance(b.get("role"), str) else "?" for b in blocks)
        if roles != sorted(claims):
            return self._fail("theorem", f"a {method} proof has blocks {sorted(claims)}, not {roles}")
        return claims

    def _induction(self, proof: dict[str, Any], blocks: list[dict], statement: Expr) -> dict[str, Expr] | str:
        """The claims of an induction proof's blocks, from the declared principle, the
        scheme (`structural` when the proof names none) and the variables it names."""
        ind = proof.get("induction")
        if ind not in [{"set": i.set, "base": i.base, "succ": i.succ} for i in self.theory.inductions]:
            return f"induction {shown(ind)} is not declared by the theory"
        scheme = proof.get("scheme", "structural")
        variables = proof.get("variables") if scheme == "simultaneous" else [proof.get("variable")]
        step = next((b for b in blocks if b.get("role") == "step"), {})
        return induction_claims(statement, scheme, variables, (ind["set"], ind["base"], ind["succ"]),
                                step.get("induction_vars"), self.constants)

    # ------------------------------------------------------------------ blocks

    def _check_block(self, doc: dict[str, Any], claim: Expr, method: str) -> None:
        want = f"{self.name}/{doc['role']}"
        bid = want if doc.get("id") == want else "?"
        before = self.report.failed["claim"]
        if bid == "?":
            self._fail("claim", f"block id {shown(doc.get('id'))} must be {want!r}", bid)
        if self._parse(doc.get("claim")) != claim:
            self._fail("claim", f"a {doc['role']} block must claim {to_mpl(claim)}", bid)
        fresh = doc.get("fresh")
        claim_vars, _, conclusion = goal_parts(claim)
        if err := fresh_error(fresh, claim_vars, self.constants):
            self._fail("claim", err, bid)
            fresh = {}
        if err := _witnesses_error(doc.get("witnesses", {})):
            self._fail("claim", err, bid)
        negated = doc.get("negated_goal")
        if not isinstance(negated, bool) or (method != "induction" and negated != (method == "contradiction")):
            self._fail("claim", f"negated_goal must be {str(method == 'contradiction').lower()} "
                       f"for a {method} proof", bid)
        elif negated and expr_to_literal(conclusion) is None:
            self._fail("claim", "a proof by contradiction needs a literal conclusion", bid)
        if self.report.failed["claim"] == before:
            self.report.passed["claim"] += 1
        hyps, goal = instantiate_claim(claim, fresh, negated is True)
        blk = Block(hyps, self.definitions, self._resolve, taken={*self.constants, *fresh.values()})
        steps = doc.get("steps") if isinstance(doc.get("steps"), list) else []
        for pos, st in enumerate(steps, 1):
            self.report.steps += 1
            kind, reason = self._check_step(st, pos, blk)
            self._tally(kind, reason, bid, pos)
        g = doc.get("goal_step")
        if type(g) is not int or not 1 <= g <= len(steps) or g in blk.bad:
            return self._fail("goal", f"goal_step {shown(g)} is not a step of the block", bid)
        return self._tally("goal", None if blk.facts[g - 1] == goal else
                           f"step {g} does not state the goal {'⊥' if goal is None else to_mpl(goal)}", bid)

    def _check_step(self, st: object, pos: int, blk: Block) -> tuple[str, str | None]:
        if not isinstance(st, dict):
            blk.facts.append(None)
            blk.bad.add(pos)
            return "?", "a step is a JSON object"
        kind = st["kind"] if isinstance(st.get("kind"), str) and st["kind"] in KINDS else "?"
        fact = self._parse(st.get("fact"))
        if isinstance(fact, str):
            blk.facts.append(None)
            blk.bad.add(pos)
            return kind, f"fact {fact}"
        blk.facts.append(fact)
        return kind, self._step_reason(st, kind, pos, blk, fact)

    def _step_reason(self, st: dict[str, Any], kind: str, pos: int, blk: Block, fact: Fact) -> str | None:
        if type(st.get("id")) is not int or st["id"] != pos:
            return f"step ids must be 1, 2, ... in order: expected {pos}, got {shown(st.get('id'))}"
        if kind not in KINDS:
            return f"unknown step kind {shown(st.get('kind'))}"
        ids = st.get("premises")
        if not isinstance(ids, list) or any(type(p) is not int or not 1 <= p < pos for p in ids):
            return f"premises {shown(ids)} must be ids of earlier steps of the block"
        if unread := [p for p in ids if p in blk.bad]:
            return f"premise steps {unread} have no readable fact"
        return KINDS[kind](st, blk, [blk.facts[p - 1] for p in ids], fact)

    # ------------------------------------------------------------------ clauses

    def _resolve(self, rule: object, step_id: int, blk: Block) -> Clause | str:
        """The clause a step's `rule` names, or why it names none that may be used."""
        if not isinstance(rule, dict):
            return "rule must name a clause"
        if set(rule) == {"axiom"}:
            i = rule["axiom"]
            if type(i) is not int or not 0 <= i < len(self.axioms):
                return f"the theory has no axiom clause {shown(i)}"
            if isinstance(self.axioms[i], ClauseError):
                return f"axiom clause {i} has no rule form"
            return _sound(self.axioms[i], self.axiom_free, f"axiom clause {i}")
        if set(rule) - {"stated"} == {"theorem", "clause"}:
            if not isinstance(rule["theorem"], str) or rule["theorem"] not in self.cites:
                return f"theorem {shown(rule['theorem'])} is not an earlier proved theorem listed in cites"
            known = self.known[rule["theorem"]]
            source = known.statement if rule.get("stated") is True else known.unfolded
        elif set(rule) == {"fact", "clause"}:
            sid = rule["fact"]
            if type(sid) is not int or not 1 <= sid < step_id or sid in blk.bad or blk.facts[sid - 1] is None:
                return f"fact {shown(sid)} is not an earlier step with a formula"
            source = blk.facts[sid - 1]
        else:
            return f"rule keys {shown(sorted(rule))}: expected axiom, theorem+clause(+stated) or fact+clause"
        clauses = self._clauses.get(source)
        if clauses is None:
            clauses = self._clauses[source] = _clauses(source)
        j = rule["clause"]
        if isinstance(clauses, str):
            return clauses
        if type(j) is not int or not 0 <= j < len(clauses):
            return f"no clause {shown(j)} (there are {len(clauses)})"
        return clauses[j]


def _witnesses_error(witnesses: object) -> str | None:
    """Why a block's `witnesses` (presentation: what each witness constant stands for,
    e.g. `{"w2": "a + k"}`) is not a map from MPL identifiers to short printable texts."""
    if not isinstance(witnesses, dict):
        return "witnesses must map witness constants to terms"
    for w, term in witnesses.items():
        if err := name_error(w, "witness constant"):
            return err
        if not isinstance(term, str) or len(term) > 200 or not term.isprintable():
            return f"witness {w} stands for {shown(term)}, not a short printable term"
    return None


def _parse_canonical(text: str) -> Fact | str:
    """`text` parsed (None for ⊥), or why it is not a formula in canonical MPL."""
    if text == FALSUM:
        return None
    if (fact := parse_canonical(text)) is not None:
        return fact
    try:
        return f"is not canonical MPL (expected {shown(to_mpl(parse_expr(text)))})"
    except MPLError as exc:
        return f"does not parse: {exc.message}"


def _clauses(e: Expr) -> list[Clause | str] | str:
    try:
        clauses = clausify(e)
    except ClauseError as exc:
        return f"no rule form: {exc.message}"
    free = free_names(e)
    return [_sound(c, free, f"clause {j}") for j, c in enumerate(clauses)]


def _sound(c: Clause, free: set[str], what: str) -> Clause | str:
    """`c` unless clausifying conflated names: an existential variable bound twice or also
    universal, or a bound variable that shares its name with a free constant."""
    if len(set(c.exists)) != len(c.exists) or set(c.exists) & set(c.vars):
        return f"{what} binds an existential variable twice"
    clash = (set(c.vars) | set(c.exists)) & free
    return f"{what} binds {sorted(clash)}, which also occur free" if clash else c


def check_file(path: str | Path, theory: str | Path | None = None) -> Report:
    """Load a proofs.json and the theory to check it against (`theory` when given, else
    the document's source) and check every theorem."""
    doc, loaded = load_proofs(path, theory)
    report = Checker(loaded).check(doc)
    report.pinned = theory is not None
    return report

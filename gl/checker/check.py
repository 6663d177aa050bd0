"""Check every theorem of a proof document: statements, citations, block claims, fresh
constants, every step and every goal; count the results per inference kind.

>>> from gl.checker import check_file
>>> check_file("out/proofs.json").ok    # doctest: +SKIP
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mpl_lang import And, Expr, MPLError, Theory, parse_expr, to_mpl
from mpl_lang.errors import ClauseError
from mpl_lang.logic import FALSUM, Clause, clausify, expr_to_literal, free_names, goal_parts

from .claims import fresh_error, induction_claims, instantiate_claim, statement_error
from .load import load_proofs, validate
from .steps import KINDS, Block, Fact

#: checks that are not inference steps, reported before the step kinds
CHECKS = ("theorem", "cite", "claim", "goal")
_ROLES = {"direct": ["main"], "contradiction": ["main"], "induction": ["base", "step", "type"]}


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
    """Counts per kind, the failures, the unproved theorems and the accepted ones."""

    passed: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    unproved: list[tuple[str, str]] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)
    proved: int = 0
    steps: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing failed (unproved theorems are reported, not failed)."""
        return not self.failures

    def lines(self) -> list[str]:
        """The report as text: one line per kind, a summary, unproved and failures."""
        extra = sorted((set(self.passed) | set(self.failed)) - set(CHECKS) - set(KINDS))
        out = [f"{'kind':<14}{'ok':>8}{'failed':>8}"]
        out += [f"{k:<14}{self.passed[k]:>8}{self.failed[k]:>8}" for k in (*CHECKS, *KINDS, *extra)]
        out.append(f"{len(self.accepted)} of {self.proved} proved theorems accepted, "
                   f"{len(self.unproved)} unproved, {self.steps} steps, {len(self.failures)} failures")
        out += [f"unproved {name}: {reason}" for name, reason in self.unproved]
        out += [f"FAIL {f}" for f in self.failures]
        return out


@dataclass
class _Known:
    unfolded: Expr | None  # the statement with definitions unfolded; None when unusable
    proved: bool
    accepted: bool


class Checker:
    """Checks proof documents against one theory (caches parsed facts and clauses)."""

    def __init__(self, theory: Theory) -> None:
        self.theory = theory
        self.constants = tuple(theory.constants)
        self.definitions = {d.name: (d.params, d.body) for d in theory.definitions.values()}
        self.axioms = theory.axioms()
        formula = theory.axiom_formula()
        self.axiom_free = free_names(formula) if formula is not None else set()
        self._parsed: dict[str, Fact | str] = {}
        self._know(*(st.formula for st in theory.statements))
        self._clauses: dict[Expr, list[Clause | str] | str] = {}

    # ------------------------------------------------------------------ documents

    def check(self, doc: dict[str, Any]) -> Report:
        """Check every theorem of a loaded proof document (ProofFileError if it has no
        gl.proofs/1 shape)."""
        validate(doc, "proof document")
        self.report, self.known, self.block_ids = Report(), {}, set()
        theorems = doc["theorems"]
        self.order = {t.get("name"): i for i, t in reversed(list(enumerate(theorems)))
                      if isinstance(t, dict) and isinstance(t.get("name"), str)}
        for i, th in enumerate(theorems):
            self._check_theorem(i, th)
        return self.report

    def _fail(self, kind: str, reason: str, block: str = "", step: int | None = None) -> None:
        self.report.failed[kind] += 1
        self.report.failures.append(Failure(self.name, block, step, kind, reason))

    def _tally(self, kind: str, reason: str | None, block: str = "", step: int | None = None) -> None:
        if reason is None:
            self.report.passed[kind] += 1
        else:
            self._fail(kind, reason, block, step)

    def _parse(self, text: object) -> Fact | str:
        """The fact a text denotes (None for ⊥), or a reason string when it has none. Texts
        of formulas the checker computed itself (hypotheses, claims, the theory's statements,
        parts of conjunctions) are looked up, since canonical MPL re-parses to the same AST."""
        if not isinstance(text, str):
            return "fact must be a string of MPL"
        if text not in self._parsed:
            try:
                fact = None if text == FALSUM else parse_expr(text)
            except MPLError as exc:
                fact = f"does not parse: {exc.message}"
            self._parsed[text] = fact
            if isinstance(fact, And):
                self._know(*fact.parts)
        return self._parsed[text]

    def _know(self, *formulas: Expr) -> None:
        for e in formulas:
            self._parsed.setdefault(to_mpl(e), e)

    # ------------------------------------------------------------------ theorems

    def _check_theorem(self, index: int, th: object) -> None:
        ok = isinstance(th, dict) and isinstance(th.get("name"), str)
        self.name = th["name"] if ok else f"#{index + 1}"
        if not ok:
            return self._fail("theorem", "a theorem is an object with a name")
        if self.order[self.name] != index:
            return self._fail("theorem", "duplicate theorem name")
        if th.get("status") == "unproved":
            self.report.unproved.append((self.name, str(th.get("reason", ""))))
            self.known[self.name] = _Known(None, False, False)
            return None
        self.report.proved += 1
        before = len(self.report.failures)
        statement = self._parse(th.get("statement"))
        if statement is None or isinstance(statement, str):
            self._fail("theorem", f"statement {statement or '⊥'}")
            statement = None
        elif err := statement_error(self.theory, statement):
            self._fail("theorem", f"statement is not a closed formula over the theory: {err}")
            statement = None
        self._check_cites(th.get("cites"))
        claims = self._claims(th, statement) if statement is not None else None
        if claims is not None:
            if len(self.report.failures) == before:
                self.report.passed["theorem"] += 1
            for blk in th["proof"]["blocks"]:
                self._check_block(blk, claims[blk["role"]], th["method"])
        accepted = len(self.report.failures) == before
        if accepted:
            self.report.accepted.append(self.name)
        unfolded = self.theory.unfold(statement) if statement is not None else None
        self.known[self.name] = _Known(unfolded, True, accepted)
        return None

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
                self._fail("cite", f"cites {c!r}, which "
                           + ("comes later in the file (citations must be acyclic)" if later
                              else "is not a theorem of the file"))
            elif not known.proved:
                self._fail("cite", f"cites {c!r}, which is unproved")
            elif known.unfolded is None:
                self._fail("cite", f"cites {c!r}, whose statement is unusable")
            else:
                self.cites.add(c)
                self._tally("cite", None if known.accepted else f"cites {c!r}, whose proof was rejected")
        return None

    def _claims(self, th: dict[str, Any], statement: Expr) -> dict[str, Expr] | None:
        """The claim each block role must prove, or None after reporting why there is none."""
        proof, method = th.get("proof"), th.get("method")
        if th.get("status") != "proved" or not isinstance(proof, dict):
            return self._fail("theorem", "status must be 'proved' (with a proof) or 'unproved'")
        if not isinstance(method, str) or method not in _ROLES or proof.get("method") != method:
            return self._fail("theorem", f"method {method!r} / proof method {proof.get('method')!r}: "
                              "must agree and be direct, contradiction or induction")
        blocks = proof.get("blocks")
        if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
            return self._fail("theorem", "blocks must be a list of objects")
        roles = sorted(str(b.get("role")) for b in blocks)
        if roles != _ROLES[method]:
            return self._fail("theorem", f"a {method} proof has blocks {_ROLES[method]}, not {roles}")
        if method != "induction":
            return {"main": statement}
        ind = proof.get("induction")
        declared = [{"set": i.set, "base": i.base, "succ": i.succ} for i in self.theory.inductions]
        if ind not in declared:
            return self._fail("theorem", f"induction {ind!r} is not declared by the theory")
        step = next(b for b in blocks if b["role"] == "step")
        claims = induction_claims(statement, proof.get("variable"), (ind["set"], ind["base"], ind["succ"]),
                                  step.get("induction_vars"), self.constants)
        return self._fail("theorem", claims) if isinstance(claims, str) else claims

    # ------------------------------------------------------------------ blocks

    def _check_block(self, doc: dict[str, Any], claim: Expr, method: str) -> None:
        bid = doc.get("id") if isinstance(doc.get("id"), str) else "?"
        before = self.report.failed["claim"]
        self._know(claim)
        if bid in self.block_ids or bid == "?":
            self._fail("claim", "block ids must be unique strings", bid)
        self.block_ids.add(bid)
        if self._parse(doc.get("claim")) != claim:
            self._fail("claim", f"a {doc['role']} block must claim {to_mpl(claim)}", bid)
        fresh = doc.get("fresh")
        claim_vars, _, conclusion = goal_parts(claim)
        if err := fresh_error(fresh, claim_vars, self.constants):
            self._fail("claim", err, bid)
            fresh = {}
        negated = doc.get("negated_goal")
        if not isinstance(negated, bool) or (method != "induction" and negated != (method == "contradiction")):
            self._fail("claim", f"negated_goal must be {str(method == 'contradiction').lower()} "
                       f"for a {method} proof", bid)
        elif negated and expr_to_literal(conclusion) is None:
            self._fail("claim", "a proof by contradiction needs a literal conclusion", bid)
        if self.report.failed["claim"] == before:
            self.report.passed["claim"] += 1
        hyps, goal = instantiate_claim(claim, fresh, negated is True)
        self._know(*hyps)
        blk = Block(hyps, self.definitions, self._resolve, taken={*self.constants, *fresh.values()})
        steps = doc.get("steps") if isinstance(doc.get("steps"), list) else []
        for pos, st in enumerate(steps, 1):
            self.report.steps += 1
            kind, reason = self._check_step(st, pos, blk)
            self._tally(kind, reason, bid, pos)
        g = doc.get("goal_step")
        if type(g) is not int or not 1 <= g <= len(steps) or g in blk.bad:
            return self._fail("goal", f"goal_step {g!r} is not a step of the block", bid)
        return self._tally("goal", None if blk.facts[g - 1] == goal else
                           f"step {g} does not state the goal {'⊥' if goal is None else to_mpl(goal)}", bid)

    def _check_step(self, st: object, pos: int, blk: Block) -> tuple[str, str | None]:
        if not isinstance(st, dict):
            blk.facts.append(None)
            blk.bad.add(pos)
            return "?", "a step is a JSON object"
        kind = st["kind"] if isinstance(st.get("kind"), str) else "?"
        fact = self._parse(st.get("fact"))
        if isinstance(fact, str):
            blk.facts.append(None)
            blk.bad.add(pos)
            return kind, f"fact {fact}"
        blk.facts.append(fact)
        reason = self._step_reason(st, kind, pos, blk, fact)
        if fact is not None:
            blk.taken |= free_names(fact)
        return kind, reason

    def _step_reason(self, st: dict[str, Any], kind: str, pos: int, blk: Block, fact: Fact) -> str | None:
        if type(st.get("id")) is not int or st["id"] != pos:
            return f"step ids must be 1, 2, ... in order: expected {pos}, got {st.get('id')!r}"
        if kind not in KINDS:
            return f"unknown step kind {kind!r}"
        ids = st.get("premises")
        if not isinstance(ids, list) or any(type(p) is not int or not 1 <= p < pos for p in ids):
            return f"premises {ids!r} must be ids of earlier steps of the block"
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
                return f"the theory has no axiom clause {i!r}"
            if isinstance(self.axioms[i], ClauseError):
                return f"axiom clause {i} has no rule form"
            return _sound(self.axioms[i], self.axiom_free, f"axiom clause {i}")
        if set(rule) == {"theorem", "clause"}:
            if not isinstance(rule["theorem"], str) or rule["theorem"] not in self.cites:
                return f"theorem {rule['theorem']!r} is not an earlier proved theorem listed in cites"
            source = self.known[rule["theorem"]].unfolded
        elif set(rule) == {"fact", "clause"}:
            sid = rule["fact"]
            if type(sid) is not int or not 1 <= sid < step_id or sid in blk.bad or blk.facts[sid - 1] is None:
                return f"fact {sid!r} is not an earlier step with a formula"
            source = blk.facts[sid - 1]
        else:
            return f"rule keys {sorted(rule)}: expected axiom, theorem+clause or fact+clause"
        if source not in self._clauses:
            self._clauses[source] = _clauses(source)
        clauses = self._clauses[source]
        j = rule["clause"]
        if isinstance(clauses, str):
            return clauses
        if type(j) is not int or not 0 <= j < len(clauses):
            return f"no clause {j!r} (there are {len(clauses)})"
        return clauses[j]


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


def check_file(path: str | Path) -> Report:
    """Load a proofs.json and its source theory and check every theorem."""
    doc, theory = load_proofs(path)
    return Checker(theory).check(doc)

"""What the prover produces: attempts, theorem results, and their `gl.proofs/1` JSON.

`proofs_document` builds the versioned document of `export/SCHEMA.md` (the input of the
checker, the HTML site, TPTP export and mutation) from the prover's results.

>>> from mpl_lang import load, parse_expr
>>> from gl.core.prover import Prover
>>> theory = load("examples/peano/peano.mpl")
>>> r = Prover(theory).prove("zero_left", parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))"))
>>> doc = proofs_document(theory, [r], source=".")
>>> doc["schema"], doc["theorems"][0]["method"]
('gl.proofs/1', 'induction')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from mpl_lang import Expr, Statement, Theory, readable, to_mpl
from mpl_lang.logic import FALSUM, literal_text

from ..document import SCHEMA, theory_json, theory_mpl
from ..laws import named_law
from ..version import __version__
from .block import LogicBlock
from .status import Status


@dataclass
class Attempt:
    """One way to prove a statement: its method and the blocks that must all be proved.
    An induction names its principle, its scheme (`mpl_lang.logic.SCHEMES`) and its
    variables; `variable` is the first of them."""

    method: str
    variable: str | None
    blocks: list[LogicBlock]
    induction: dict | None = None
    scheme: str = "structural"
    variables: tuple[str, ...] = ()

    @property
    def proved(self) -> bool:
        """Whether every block is proved."""
        return all(b.status is Status.PROVED for b in self.blocks)

    @property
    def failed(self) -> bool:
        """Whether some block failed (which sinks the attempt)."""
        return any(b.status.failed for b in self.blocks)

    @property
    def budget_bound(self) -> bool:
        """Whether larger limits may prove what these did not: no block failed but for a
        budget (`LogicBlock.budget_bound`; a block abandoned for another's failure may
        yet succeed) and some block did fail so."""
        blocks = [b for b in self.blocks if b.status not in (Status.PROVED, Status.ABANDONED)]
        return bool(blocks) and all(b.budget_bound for b in blocks)

    def abandon(self) -> None:
        """Stop the blocks still running: one failed block sinks the whole attempt."""
        for b in self.blocks:
            if b.status is Status.RUNNING:
                b.stop(Status.ABANDONED, "another block of the attempt failed")


@dataclass
class TheoremResult:
    """The outcome for one statement: proved with a winning attempt, or unproved with a reason.
    `effort` is how far the prover's limits were raised for it (`Settings.scaled`), and
    `settings` the limits it ran with; `budget_bound` says of a failure that larger limits
    may succeed (some attempt failed only for want of witnesses, cycles, facts or
    matching steps), and `short` which of those budgets (`prover.BUDGETS`) ran out."""

    name: str
    statement: Expr
    origin: str = "target"
    status: Status = Status.UNPROVED
    method: str | None = None
    attempt: Attempt | None = None
    cites: list[str] = field(default_factory=list)
    reason: str = ""
    seconds: float = 0.0
    cycles: int = 0
    effort: int = 0
    settings: dict | None = None
    budget_bound: bool = False
    short: frozenset[str] = frozenset()


    @property
    def proved(self) -> bool:
        """Whether the statement is proved."""
        return self.status is Status.PROVED

    @property
    def proof(self) -> dict | None:
        """The proof in the JSON form of export/SCHEMA.md (None when unproved)."""
        return self.to_json()["proof"]

    def to_json(self) -> dict:
        """This theorem as an entry of the `gl.proofs/1` document."""
        return theorem_json(self)

    @property
    def steps(self) -> int:
        """Number of proof steps over all blocks of the winning attempt."""
        return sum(len(b.proof_steps()) for b in self.attempt.blocks) if self.attempt else 0


def fact_text(fact) -> str:
    """Canonical MPL text of a step's fact (a literal tuple, a formula, or ⊥)."""
    if isinstance(fact, tuple):
        return literal_text(fact)
    if fact == FALSUM:
        return FALSUM
    return to_mpl(fact)


def block_json(block: LogicBlock) -> dict:
    """One block of a proof: its claim, fresh constants and the steps its goal rests on."""
    ids = block.proof_steps()
    renum = {sid: n + 1 for n, sid in enumerate(ids)}
    steps = []
    for sid in ids:
        st = block.steps[sid]
        d: dict = {"id": renum[sid], "kind": st.kind, "fact": fact_text(st.fact),
                   "premises": [renum[p] for p in st.premises], "cycle": st.cycle}
        d.update(st.extra or {})  # a hypothesis's index, a definition's name, an existential's subst
        if st.rule is not None:
            ref = dict(st.rule.ref)
            if "fact" in ref:
                ref["fact"] = renum[ref["fact"]]
            d["rule"] = ref
            d["subst"] = dict(sorted(st.subst.items()))
        steps.append(d)
    used = {x for s in steps for x in s.get("subst", {}).values()}
    out = {"id": block.id, "role": block.role, "claim": to_mpl(block.claim)}
    if "induction_vars" in block.extra:
        out["induction_vars"] = block.extra["induction_vars"]
    out.update({
        "fresh": dict(block.fresh),
        "negated_goal": block.negated_goal,
        "steps": steps,
        "goal_step": renum[block.goal_step],
        "witnesses": {w: t for w, t in block.witness_terms.items() if w in used},
    })
    return out


def theorem_json(r: TheoremResult, essential: bool | None = None, follows_from: Iterable[str] = ()) -> dict:
    """One theorem entry of the document."""
    d = {
        "name": r.name,
        "statement": to_mpl(r.statement),
        "readable": readable(r.statement),
        "origin": r.origin,
        "law": named_law(r.statement),
        "status": r.status,
        "method": r.method,
        "cites": list(r.cites),
        "essential": essential,
        "follows_from": list(follows_from),
    }
    if r.proved:
        a = r.attempt
        proof: dict = {"method": a.method}
        if a.method == "induction":
            proof["scheme"] = a.scheme
            if a.scheme == "simultaneous":
                proof["variables"] = list(a.variables)
            else:
                proof["variable"] = a.variable
            proof["induction"] = a.induction
        if r.effort:
            proof["effort"] = r.effort
            proof["settings"] = r.settings
        proof["blocks"] = [block_json(b) for b in a.blocks]
        d["proof"] = proof
    else:
        d["proof"] = None
        if r.status is not Status.ASSUMED:
            d["reason"] = r.reason
    return d


def assumed(a: Statement) -> TheoremResult:
    """The result of one of the theory's assumptions (`assume`): given, not proved."""
    return TheoremResult(a.name, a.formula, "assumption", Status.ASSUMED)


def proofs_document(theory: Theory, results: Iterable[TheoremResult], source: str,
                    settings: dict | None = None, stages: dict | None = None,
                    compression: dict[str, list[str]] | None = None) -> dict:
    """The `gl.proofs/1` document. `compression` maps each compressed-out theorem to the
    theorems it follows from (theorems not in it are essential). The theory's assumptions
    come first, with status `assumed`, so that proofs can cite them."""
    results = [assumed(a) for a in theory.assumptions] + list(results)
    comp = compression
    return {
        "schema": SCHEMA,
        "gl_version": __version__,
        "source": source,
        **({"anchor": theory.anchor.name} if theory.anchor else {}),
        "mpl": theory_mpl(theory),
        "theory": theory_json(theory),
        "settings": settings or {},
        "stages": stages or {},
        "theorems": [theorem_json(r, None if comp is None or not r.proved else r.name not in comp,
                                  (comp or {}).get(r.name, ())) for r in results],
    }

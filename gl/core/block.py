"""A Logic Block: one proof context with its own memory of facts.

A block is set up from a *claim* `∀x̄: H → C`: it names a fresh constant for each
variable, records the hypotheses as facts (or, for universal hypotheses such as an
induction hypothesis, as local rules) and waits for the conclusion. Each `cycle()` it
matches its rules against the facts that are new since the last cycle (semi-naive),
emitting every conclusion as a fact with full provenance: rule, premises, substitution,
cycle. Function values that a rule needs but nobody has named yet (`a + k` for a
premise `in3[a,k,?x,+]`) are *invented* from the theory's existential clauses, up to a
depth bound. Equalities merge constants through a union-find whose every merge and
rewrite is itself a proof step (`eq_symm`, `eq_subst`). A block made `derive_only` has
no goal and only derives (the incubator evaluates functions on numerals so).

Definitions (given as `definitions`): an atom of a defined predicate that a hypothesis
states is unfolded into its body (`unfold`), conjunctions are split (`and_elim`) and an
existential whose body has no rule form (`fold`'s ∃M ∃g over a universal) gets fresh
witnesses (`ex_elim`), constants like the claim's own that the Logic Block reasons about;
a formula so obtained that is an instance of a definition's body is folded back into its
atom (`fold`). A goal atom of a definition whose body is literals under ∧ and ∃ gets a
local rule with those literals as premises; a match proves the goal with the matched
witnesses (`and_intro`, `ex_intro`, `fold`). A derived atom stays an atom: lemmas meet it
through the clauses of their statements as stated (`Prover.theorem_rules`).

The parts, each in its own module, and how the block composes them:

- `record.ProofRecord`: every `Step` in order and the first step of each literal;
  `support` gives the steps a proof needs.
- `constants.Constants`: the constants known, in order of introduction, with their depth.
- `facts.FactIndex`: the live facts (those over representatives), indexed for matching.
- `unionfind.ProofUnionFind`: equal constants, with the steps that prove them equal.
- `join.Join`: the semi-naive join; complete matches come back to the block (`_emit`),
  unmet premises go to the invention (`Invention.request`).
- `invention.Invention`: which function values to name, and when; the block names them
  (`_witness`).

The block itself adds facts (`_add`: record, rewrite to representatives or index, queue
equalities for merging, notice a contradiction), moves the facts of merged constants,
runs the cycle, checks the goal and keeps its `Status`.

>>> from mpl_lang import load, parse_expr
>>> from gl.core.rules import Rule
>>> theory = load("examples/peano/peano.mpl")
>>> rules = [Rule.from_clause(c, {"axiom": i}) for i, c in enumerate(theory.axioms())]
>>> b = LogicBlock("demo", "main", parse_expr("(>[a](in3[a,i0,a,+])(in[a,N]))"), theory.constants, rules)
>>> b.run(5).status, b.cycle_no
(<Status.PROVED: 'proved'>, 1)
>>> [b.steps[s].kind for s in b.proof_steps()]
['hyp', 'rule']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mpl_lang import And, Atom, Expr, Forall, Not
from mpl_lang.logic import (
    FALSUM,
    ClauseError,
    Literal,
    clausify,
    complement,
    exists_instance,
    expr_to_literal,
    goal_parts,
    literal_text,
    literal_to_expr,
    subst_literal,
    substitute,
)
from mpl_lang.terms import decode_graph, infix

from .constants import Constants
from .facts import FactIndex, match_args
from .invention import VALUE, Invention
from .join import TIME_LIMIT, Join
from .record import Binding, ProofRecord
from .rules import Rule
from .status import Status
from .unionfind import ProofUnionFind, equality

#: the kinds of step whose facts of a defined predicate a block unfolds: what its hypotheses
#: state, down through conjunctions, existentials and definitions. A derived atom stays one
#: (the rules of a lemma's statement as stated meet it): unfolding those too would name a
#: witness per fact, and witnesses feed rules that derive more (`0 ≤ n` for each n ∈ N).
_UNFOLDED = frozenset({"hyp", "and_elim", "ex_elim", "unfold"})


@dataclass(frozen=True, slots=True)
class BlockLimits:
    """Resource bounds of one block."""

    max_facts: int = 6000
    max_depth: int = 2
    max_witnesses: int = 60
    max_work: int | None = None  # rule-matching steps; a deterministic stand-in for time
    own_first: bool = False  # name the values the hypotheses and goal ask for before shallower ones


class LogicBlock:
    """One proof context: facts, rules, a goal. See the module docstring."""

    def __init__(self, block_id: str, role: str, claim: Expr, constants: Iterable[str],
                 rules: Iterable[Rule] = (), limits: BlockLimits | None = None,
                 negated_goal: bool = False, extra: dict | None = None, derive_only: bool = False,
                 definitions: Mapping[str, tuple[tuple[str, ...], Expr]] | None = None) -> None:
        self.id = block_id
        self.definitions = definitions or {}
        self.role = role
        self.claim = claim
        self.limits = limits or BlockLimits()
        self.extra = extra or {}
        self.negated_goal = negated_goal
        self.status = Status.RUNNING
        self.reason = ""
        self.record = ProofRecord()
        self.steps = self.record.steps
        self.known = self.record.known
        self.constants = Constants()
        self.index = FactIndex()
        self.uf = ProofUnionFind(self.record, self.constants.rank)
        self.invention = Invention(self.index, self.known, self.constants, self.uf.find,
                                   self.limits.max_depth, self.limits.max_witnesses,
                                   self._apply, self._witness, self.limits.own_first)
        self.join = Join(self.index, self.known, self._emit, self.invention.request, self.limits.max_work)
        self.rule_keys: set[tuple] = set()
        self.witness_terms: dict[str, str] = {}  # witness constant -> readable term, e.g. `a + k`
        self.goals: list[Literal] = []
        self.bottom: int | None = None  # the step deriving ⊥, once there is one
        self.goal_step: int | None = None
        self.unfolds: list[tuple[Literal, int]] = []  # facts of defined predicates to unfold
        for c in constants:
            self.constants.add(c)
        self._setup(claim, derive_only)
        for r in rules:
            self.add_rule(r)

    @property
    def cycle_no(self) -> int:
        """Cycles run so far."""
        return self.record.cycle

    @property
    def budget_bound(self) -> bool:
        """Whether the block stopped short of its goal for want of a budget a retry with
        larger limits raises: it is still running (the prover's cycle limit), saturated
        with values left unnamed for want of witnesses, or hit the fact or work bound —
        not when it saturated below them, failed otherwise or ran out of time."""
        if self.status is Status.SATURATED:
            return self.invention.starved
        return self.status is Status.RUNNING or (self.status is Status.LIMIT and self.reason != TIME_LIMIT)

    @property
    def deadline(self) -> float | None:
        """Absolute `time.perf_counter()` bound on matching (set by the prover), or None."""
        return self.join.deadline

    @deadline.setter
    def deadline(self, value: float | None) -> None:
        self.join.deadline = value

    # ------------------------------------------------------------ setup

    def _setup(self, claim: Expr, derive_only: bool) -> None:
        vs, hyps, concl = goal_parts(claim)
        self.fresh: dict[str, str] = {}
        for v in vs:
            self.fresh[v] = self.constants.fresh(v)
            self.constants.add(self.fresh[v])
        for c in tuple(self.constants.rank):  # the theory's constants, then the fresh ones
            self._add("eq_refl", equality(c, c), ())
        hyps = [substitute(h, self.fresh) for h in hyps]
        goal = substitute(concl, self.fresh)
        goal_lit = expr_to_literal(goal)
        if self.negated_goal and goal_lit is None:
            raise ClauseError("proof by contradiction needs a literal conclusion")
        for i, h in enumerate(hyps):
            self._derive("hyp", h, (), {"index": i})
        if self.negated_goal:
            self._derive("hyp", literal_to_expr(complement(goal_lit)), (), {"index": len(hyps)})
        elif not derive_only:
            parts = goal.parts if isinstance(goal, And) else (goal,)
            for p in parts:
                lit = expr_to_literal(p)
                if lit is None:
                    self.stop(Status.UNSUPPORTED, "the conclusion is not a conjunction of literals")
                    return
                self.goals.append(lit)
                self._intro_rule(lit, len(self.goals) - 1)
        self._unfold_all()

    # ------------------------------------------------------------ definitions

    def _derive(self, kind: str, e: Expr, premises: tuple[int, ...], extra: dict | None = None) -> int:
        """Record `e`: a literal as a fact, a formula as a step made usable (`_use`)."""
        lit = expr_to_literal(e)
        if lit is not None:
            return self._add(kind, lit, premises, extra=extra)
        sid = self.record.derive(kind, e, premises, extra=extra)
        if kind != "unfold":
            self._recognize(e, sid)
        self._use(e, sid)
        return sid

    def _recognize(self, e: Expr, sid: int) -> None:
        """Fold formula step `sid` into the atom of each definition whose body it is an
        instance of (a lemma about that atom can then use it)."""
        for name, (params, body) in self.definitions.items():
            bind = _instance(body, e, frozenset(params), {})
            if bind is not None and len(bind) == len(params):
                self._add("fold", Literal(True, name, tuple(bind[x] for x in params)), (sid,),
                          extra={"definition": name})

    def _use(self, e: Expr, sid: int) -> None:
        """Make formula step `sid` usable: a conjunction's parts are taken one by one, the
        clauses of anything else become local rules; where it has no rule form (an
        existential of a universal, as a definition's body may be), an existential's
        witnesses are named (`ex_elim`: constants like the claim's own, for the sets and
        functions a definition speaks of)."""
        if isinstance(e, And):
            for part in e.parts:
                self._derive("and_elim", part, (sid,))
            return
        try:
            clauses = clausify(e)
        except ClauseError:
            if isinstance(e, Not) and isinstance(e.body, Forall):
                sigma = {}
                for v in e.body.vars:
                    sigma[v] = self.constants.fresh(v)
                    self.constants.add(sigma[v])
                    self._add("eq_refl", equality(sigma[v], sigma[v]), ())
                self._derive("ex_elim", exists_instance(e.body, sigma), (sid,), {"subst": sigma})
            return
        for j, c in enumerate(clauses):
            self.add_rule(Rule.from_clause(c, {"fact": sid, "clause": j}))

    def _body(self, lit: Literal) -> Expr | None:
        """The body of the definition `lit` is a positive atom of, for its arguments."""
        d = self.definitions.get(lit.pred) if lit.positive else None
        if d is None or len(d[0]) != len(lit.args):
            return None
        return substitute(d[1], dict(zip(d[0], lit.args)))

    def _unfold_all(self) -> None:
        """Unfold the facts of defined predicates queued by `_add` (and those it adds)."""
        while self.unfolds:
            lit, sid = self.unfolds.pop(0)
            self._derive("unfold", self._body(lit), (sid,), {"definition": lit.pred})

    def _intro_rule(self, goal: Literal, i: int) -> None:
        """A local rule for a goal atom of a defined predicate whose body is literals under
        conjunctions and existentials: its premises are those literals (the existentials'
        variables free), and a match proves the goal (`_introduce`)."""
        body = self._body(goal)
        pattern = _pattern(body) if body is not None else None
        if pattern is not None:
            self.add_rule(Rule({"intro": i}, frozenset(pattern[0]), pattern[1], (goal,),
                               label=f"introduce {literal_text(goal)}"))

    def _introduce(self, e: Expr, bind: Binding) -> int | None:
        """Derive `e` (ground but for what existentials bind) from the facts `bind` matched
        the literals of its pattern with (`and_intro`, `ex_intro`); None where substituting
        renamed a bound variable of the pattern."""
        lit = expr_to_literal(e)
        if lit is not None:
            return self.uf.restore(lit)
        if isinstance(e, And):
            parts = [self._introduce(p, bind) for p in e.parts]
            return None if None in parts else self.record.derive("and_intro", e, tuple(parts))
        if any(v not in bind for v in e.body.vars):
            return None
        sigma = {v: bind[v] for v in e.body.vars}
        pid = self._introduce(exists_instance(e.body, sigma), bind)
        return None if pid is None else self.record.derive("ex_intro", e, (pid,), extra={"subst": sigma})

    # ------------------------------------------------------------ status

    def stop(self, status: Status, reason: str) -> None:
        """Leave the running state (proved, failed, abandoned): matching stops too."""
        self.status, self.reason = status, reason
        self.join.halted = reason

    def _take_halt(self) -> None:
        """A join that halted (work bound, deadline) stops the block at its limit."""
        if self.join.halted is not None and self.status is Status.RUNNING:
            self.status, self.reason = Status.LIMIT, self.join.halted

    # ------------------------------------------------------------ rules

    def add_rule(self, rule: Rule) -> None:
        """Message from the grid: a new rule (axiom, theorem, hypothesis) for this block."""
        key = rule.key
        if key in self.rule_keys or not rule.range_restricted:
            return
        self.rule_keys.add(key)
        if rule.on_demand:
            self.invention.add_on_demand(rule)
            return
        if rule.exists:
            self.invention.add_inventor(rule)
            if rule.premises:
                return
        self.join.add_rule(rule)
        if self.status is Status.SATURATED:
            self.status = Status.RUNNING
            self.join.halted = None

    def _apply(self, rule: Rule, bind: Binding) -> None:
        """Join an on-demand rule instance (the invention applies it where asked)."""
        self.join.match(rule, bind, {}, list(range(len(rule.premises))))

    # ------------------------------------------------------------ facts

    def knows(self, lit: Literal) -> bool:
        """Whether `lit` (over any constants equal to its own) has been derived."""
        return self.uf.canon(lit) in self.known

    def _add(self, kind: str, lit: Literal, premises: tuple[int, ...], rule: Rule | None = None,
             subst: Binding | None = None, extra: dict | None = None) -> int:
        """Record a literal-fact step; index it when over representatives, else rewrite it
        to them. A new equality is queued for merging, a fact contradicting a live one
        gives ⊥."""
        sid = self.record.derive(kind, lit, premises, rule, subst, extra)
        known = self.known
        if lit in known:
            return sid
        known[lit] = sid
        for a in lit.args:
            self.constants.add(a)
        if self.uf.canon(lit) != lit:
            self._rewrite_to_canon(lit, sid)
            return sid
        self.index.add(lit)
        self.join.delta.append(lit)
        if kind in _UNFOLDED and self._body(lit) is not None:
            self.unfolds.append((lit, sid))
        if lit.positive and lit.pred == "=" and len(lit.args) == 2 and lit.args[0] != lit.args[1]:
            self.uf.queue.append(sid)
        opposite = complement(lit)
        other = known.get(opposite)
        if other is not None and self.bottom is None and self.index.live(opposite):
            prem = (sid, other) if lit.positive else (other, sid)
            self.bottom = self.record.derive("contradiction", FALSUM, prem)
        return sid

    def _rewrite_to_canon(self, lit: Literal, sid: int) -> None:
        """Derive `lit` (step `sid`) over representatives, one merged constant at a time."""
        for a in dict.fromkeys(lit.args):
            r = self.uf.find(a)
            if r == a:
                continue
            eq = self.uf.eq_to_rep(a)
            lit = subst_literal(lit, {a: r})
            if lit in self.known:
                sid = self.known[lit]
                continue
            sid = self._add("eq_subst", lit, (eq, sid))

    def _process_merges(self) -> None:
        """Merge the queued equalities; the facts of each merged-away constant are retired
        and restated over its representative."""
        queue = self.uf.queue
        while queue:
            merged = self.uf.merge(queue.pop(0))
            if merged is None:
                continue
            loser, winner, eq = merged
            for lit in self.index.mentioning(loser):
                self.index.remove(lit)
                new = subst_literal(lit, {loser: winner})
                if new in self.known:
                    continue
                self._add("eq_subst", new, (eq, self.known[lit]))

    def _emit(self, rule: Rule, bind: Binding, prem: tuple[int, ...]) -> None:
        """A complete match of `rule`: its conclusion as a fact (or, for an existential rule
        without premises, its witnesses)."""
        if rule.exists:
            self._witness(rule, self.invention.name_witnesses(rule, bind, 0), prem)
            return
        if rule.source == "intro":
            goal = rule.conclusion[0]
            if self.uf.canon(goal) not in self.known and (pid := self._introduce(self._body(goal), bind)) is not None:
                self._add("fold", goal, (pid,), extra={"definition": goal.pred})
            return
        lit = subst_literal(rule.conclusion[0], bind)
        if self.uf.canon(lit) in self.known:
            return
        self._add("rule", lit, prem, rule, dict(bind))
        if len(self.steps) > self.limits.max_facts:
            self.stop(Status.LIMIT, f"more than {self.limits.max_facts} facts")

    def _witness(self, rule: Rule, full: Binding, prem: tuple[int, ...]) -> None:
        """Record an existential rule's conclusion for the witnesses named in `full`."""
        concl = [subst_literal(c, full) for c in rule.conclusion]
        for e in rule.exists:
            self.witness_terms[full[e]] = _term_text(concl, full[e])
        if len(concl) == 1:
            self._add("witness", concl[0], prem, rule, full)
        else:
            fact = And(tuple(literal_to_expr(c) for c in concl))
            sid = self.record.derive("witness", fact, prem, rule, full)
            for c in concl:
                self._add("and_elim", c, (sid,))
        for e in rule.exists:
            self._add("eq_refl", equality(full[e], full[e]), ())

    # ------------------------------------------------------------ cycles

    def cycle(self) -> bool:
        """Run one cycle; return True when something new was derived."""
        if self.status is not Status.RUNNING:
            return False
        self.record.cycle += 1
        before = len(self.steps)
        self.join.round()
        self._take_halt()
        self._process_merges()
        self._unfold_all()
        self._check_goal()
        if self.status is Status.RUNNING and self.join.idle:
            self._request_goal_values()
            if self.invention.requests:
                self.invention.layer()
        if self.status is Status.RUNNING and self.join.idle:
            spent = f" (the {self.limits.max_witnesses} witnesses spent)" if self.invention.starved else ""
            self.stop(Status.SATURATED, f"no new facts{spent}")
        return len(self.steps) > before

    def run(self, max_cycles: int) -> LogicBlock:
        """Run cycles until proved, saturated or `max_cycles` (for single-block use)."""
        while self.status is Status.RUNNING and self.cycle_no < max_cycles:
            self.cycle()
        if self.status is Status.RUNNING:
            self.stop(Status.LIMIT, f"{max_cycles} cycles")
        return self

    def ask(self, pattern: Literal) -> bool:
        """Queue the naming of the function value `pattern` leaves open (`VALUE` at its
        output, as in `in3[a,b,VALUE,*]`) for the next saturation point, ahead of what
        rules ask for; True when a totality axiom provides it."""
        found = self.invention.ask(pattern)
        self._take_halt()
        return found

    def _request_goal_values(self) -> None:
        """Ask for the function value each open goal states: for the goal `in3[a,f,e,*]`,
        name `a * f` — showing that value equal to `e` is often within reach where
        deriving the goal atom forward is not."""
        for goal in self.goals:
            g = self.uf.canon(goal)
            if not g.positive or g in self.known:
                continue
            for i in range(len(g.args)):
                if self.ask(Literal(g.positive, g.pred, (*g.args[:i], VALUE, *g.args[i + 1:]))):
                    break

    # ------------------------------------------------------------ goal and proof

    def _check_goal(self) -> None:
        if self.status not in (Status.RUNNING, Status.SATURATED, Status.LIMIT):
            return
        if self.negated_goal:
            if self.bottom is not None:
                self.goal_step = self.bottom
                self.stop(Status.PROVED, self.reason)
            return
        if self.bottom is not None:
            goal = self.goals[0] if len(self.goals) == 1 else None
            fact = goal if goal is not None else And(tuple(literal_to_expr(g) for g in self.goals))
            self.goal_step = self.record.derive("ex_falso", fact, (self.bottom,))
            self.stop(Status.PROVED, self.reason)
            return
        if not self.goals or not all(self.index.live(self.uf.canon(g)) for g in self.goals):
            return
        sids = [self.uf.restore(g) for g in self.goals]
        if len(sids) == 1:
            self.goal_step = sids[0]
        else:
            fact = And(tuple(literal_to_expr(g) for g in self.goals))
            self.goal_step = self.record.derive("and_intro", fact, tuple(sids))
        self.stop(Status.PROVED, self.reason)

    def proof_steps(self) -> list[int]:
        """Ids of the steps the goal rests on, in derivation order."""
        return [] if self.goal_step is None else self.record.support(self.goal_step)


def _term_text(concl: list[Literal], w: str) -> str:
    """A readable name for a witness, e.g. `a + k` for in3[a,k,w,+]."""
    for c in concl:
        graph = decode_graph(c.pred, c.args)
        if graph is not None and graph[2] == w:
            return infix((graph[0], *graph[1]))
    return w


def _pattern(e: Expr) -> tuple[tuple[str, ...], tuple[Literal, ...]] | None:
    """The variables and literals whose facts prove `e` by `and_intro` and `ex_intro` alone
    (an existential's variables are free in its literals), or None when `e` has another part.

    >>> from mpl_lang import parse_expr
    >>> _pattern(parse_expr("!(>[p](in[p,N])!(in3[n,p,m,+]))"))
    (('p',), (Literal(positive=True, pred='in', args=('p', 'N')), Literal(positive=True, pred='in3', args=('n', 'p', 'm', '+'))))
    """
    lit = expr_to_literal(e)
    if lit is not None:
        return (), (lit,)
    if isinstance(e, And):
        parts = [_pattern(p) for p in e.parts]
        if None in parts:
            return None
        return tuple(v for p in parts for v in p[0]), tuple(x for p in parts for x in p[1])
    if isinstance(e, Not) and isinstance(e.body, Forall):
        inner = _pattern(exists_instance(e.body, {}))
        return None if inner is None else (e.body.vars + inner[0], inner[1])
    return None


def _instance(pattern: Expr, e: Expr, params: frozenset[str], bind: Binding) -> Binding | None:
    """The binding of `params` (free in `pattern`) under which `pattern` is `e`, bound
    variables named alike, or None.

    >>> from mpl_lang import parse_expr
    >>> _instance(parse_expr("(>[x](in[x,X])(in[x,Y]))"), parse_expr("(>[x](in[x,M])(in[x,N]))"),
    ...           frozenset({"X", "Y", "x"}), {})
    {'X': 'M', 'Y': 'N'}
    """
    if isinstance(pattern, Atom):
        return match_args(pattern.args, e.args, bind, params) if isinstance(e, Atom) and e.name == pattern.name else None
    if isinstance(pattern, And):
        if not isinstance(e, And) or len(e.parts) != len(pattern.parts):
            return None
        for p, q in zip(pattern.parts, e.parts):
            if (bind := _instance(p, q, params, bind)) is None:
                return None
        return bind
    if isinstance(pattern, Not):
        return _instance(pattern.body, e.body, params, bind) if isinstance(e, Not) else None
    if not isinstance(e, Forall) or e.vars != pattern.vars:
        return None
    inner = params - set(pattern.vars)
    bind = _instance(pattern.hyp, e.hyp, inner, bind)
    return None if bind is None else _instance(pattern.concl, e.concl, inner, bind)

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

>>> from mpl_lang import load, parse_expr
>>> from gl.core.rules import Rule
>>> theory = load("examples/peano/peano.mpl")
>>> rules = [Rule.from_clause(c, {"axiom": i}) for i, c in enumerate(theory.axioms())]
>>> b = LogicBlock("demo", "main", parse_expr("(>[a](in3[a,i0,a,+])(in[a,N]))"), theory.constants, rules)
>>> b.run(5).status
'proved'
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from mpl_lang import And, Atom, Expr
from mpl_lang.logic import (
    FALSUM,
    ClauseError,
    Literal,
    clausify,
    complement,
    expr_to_literal,
    goal_parts,
    substitute,
)

from .rules import Rule

Binding = dict[str, str]

#: the pattern variable standing for an asked-for function value (no MPL name can take it)
VALUE = "?value"
_VALUE_VARS = frozenset({VALUE})

#: invention priority by the kind of rule asking for it
_SOURCE_RANK = {"fact": 0, "theorem": 1, "axiom": 2}


@dataclass(slots=True)
class Step:
    """One derivation: `fact` is a literal, a formula (Expr) or FALSUM."""

    kind: str
    fact: Literal | Expr | str
    premises: tuple[int, ...]
    cycle: int
    rule: Rule | None = None
    subst: Binding | None = None
    extra: dict | None = None


@dataclass(frozen=True, slots=True)
class BlockLimits:
    """Resource bounds of one block."""

    max_facts: int = 6000
    max_depth: int = 2
    max_witnesses: int = 60
    max_work: int | None = None  # rule-matching steps; a deterministic stand-in for time


@dataclass
class _Index:
    """Live facts indexed by (polarity, predicate) and by (polarity, predicate, position, constant)."""

    by_pred: dict[tuple, dict[Literal, None]] = field(default_factory=dict)
    by_arg: dict[tuple, dict[Literal, None]] = field(default_factory=dict)
    by_const: dict[str, dict[Literal, None]] = field(default_factory=dict)

    def add(self, lit: Literal) -> None:
        pos, pred, args = lit
        self.by_pred.setdefault((pos, pred), {})[lit] = None
        for i, a in enumerate(args):
            self.by_arg.setdefault((pos, pred, i, a), {})[lit] = None
            self.by_const.setdefault(a, {})[lit] = None

    def remove(self, lit: Literal) -> None:
        pos, pred, args = lit
        self.by_pred[(pos, pred)].pop(lit, None)
        for i, a in enumerate(args):
            self.by_arg[(pos, pred, i, a)].pop(lit, None)
            self.by_const[a].pop(lit, None)


def unify(pattern: Literal, lit: Literal, bind: Binding, variables: frozenset[str]) -> Binding | None:
    """Extend `bind` so that `pattern` (whose variables are `variables`) equals `lit`."""
    if pattern[0] != lit[0] or pattern[1] != lit[1] or len(pattern[2]) != len(lit[2]):
        return None
    out = bind
    for a, v in zip(pattern[2], lit[2]):
        if a in variables:
            b = out.get(a)
            if b is None:
                if out is bind:
                    out = dict(bind)
                out[a] = v
            elif b != v:
                return None
        elif a != v:
            return None
    return out


def _inst(lit: Literal, bind: Binding) -> Literal:
    return (lit[0], lit[1], tuple(bind.get(a, a) for a in lit[2]))


class LogicBlock:
    """One proof context: facts, rules, a goal. See the module docstring."""

    def __init__(self, block_id: str, role: str, claim: Expr, constants: Iterable[str],
                 rules: Iterable[Rule] = (), limits: BlockLimits | None = None,
                 negated_goal: bool = False, extra: dict | None = None, derive_only: bool = False) -> None:
        self.id = block_id
        self.role = role
        self.claim = claim
        self.limits = limits or BlockLimits()
        self.extra = extra or {}
        self.negated_goal = negated_goal
        self.cycle_no = 0
        self.status = "running"
        self.reason = ""
        self.steps: list[Step] = []
        self.known: dict[Literal, int] = {}  # every literal ever derived -> first step
        self.index = _Index()
        self.delta: list[Literal] = []
        self.pending: list[Rule] = []
        self.triggers: dict[tuple, list[tuple[Rule, int]]] = {}
        self.inventors: dict[str, list[tuple[Rule, int]]] = {}
        self.on_demand: dict[str, list[Rule]] = {}  # predicate -> rules applied where asked
        self._applied: set[tuple] = set()
        self.rule_keys: set[tuple] = set()
        self.parent: dict[str, str] = {}
        self.merge_step: dict[str, int] = {}
        self.rep: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}
        self.merge_queue: list[int] = []
        self.order: dict[str, int] = {}
        self.depth: dict[str, int] = {}
        self.witnesses = 0
        self.witness_terms: dict[str, str] = {}
        self.bottom: int | None = None
        self.goal_step: int | None = None
        self.deadline: float | None = None  # absolute time.perf_counter() bound, set by the prover
        self._ticks = 0
        self._eq_memo: dict[tuple[str, str], int] = {}
        self.requests: dict[tuple, tuple[tuple[Rule, Binding], str]] = {}
        for c in constants:
            self._constant(c, 0)
        self.theory_constants = frozenset(self.order)
        self._setup(claim, derive_only)
        for r in rules:
            self.add_rule(r)

    # ------------------------------------------------------------ setup

    def _constant(self, name: str, depth: int) -> None:
        if name not in self.order:
            self.order[name] = len(self.order)
            self.depth[name] = depth

    def _fresh_name(self, base: str) -> str:
        name, i = base, 1
        while name in self.order:
            name, i = f"{base}_{i}", i + 1
        return name

    def _setup(self, claim: Expr, derive_only: bool) -> None:
        vs, hyps, concl = goal_parts(claim)
        self.fresh: dict[str, str] = {}
        for v in vs:
            self.fresh[v] = self._fresh_name(v)
            self._constant(self.fresh[v], 0)
        for c in (*self.theory_constants, *self.fresh.values()):
            self._add(Step("eq_refl", (True, "=", (c, c)), (), 0))
        self.goals: list[Literal] = []
        hyps = [substitute(h, self.fresh) for h in hyps]
        goal = substitute(concl, self.fresh)
        goal_lit = expr_to_literal(goal)
        if self.negated_goal and goal_lit is None:
            raise ClauseError("proof by contradiction needs a literal conclusion")
        for i, h in enumerate(hyps):
            self._hypothesis(h, i)
        if self.negated_goal:
            self._hypothesis(Atom(goal_lit[1], goal_lit[2]) if not goal_lit[0] else _neg(goal_lit), len(hyps))
            return
        if derive_only:
            return
        parts = goal.parts if isinstance(goal, And) else (goal,)
        for p in parts:
            lit = expr_to_literal(p)
            if lit is None:
                self.status, self.reason = "unsupported", "the conclusion is not a conjunction of literals"
                return
            self.goals.append(lit)

    def _hypothesis(self, h: Expr, index: int) -> None:
        lit = expr_to_literal(h)
        if lit is not None:
            self._add(Step("hyp", lit, (), 0, extra={"index": index}))
            return
        sid = self._record(Step("hyp", h, (), 0, extra={"index": index}))
        try:
            clauses = clausify(h)
        except ClauseError:
            return
        for j, c in enumerate(clauses):
            self.add_rule(Rule.from_clause(c, {"fact": sid, "clause": j}))

    # ------------------------------------------------------------ rules

    def add_rule(self, rule: Rule) -> None:
        """Message from the grid: a new rule (axiom, theorem, hypothesis) for this block."""
        key = rule.key
        if key in self.rule_keys or not _range_restricted(rule):
            return
        self.rule_keys.add(key)
        if rule.on_demand:
            self.on_demand.setdefault(rule.conclusion[0][1], []).append(rule)
            return
        if rule.exists:
            for j, lit in enumerate(rule.conclusion):
                if lit[0]:
                    self.inventors.setdefault(lit[1], []).append((rule, j))
            if rule.premises:
                return
        else:
            for i, p in enumerate(rule.premises):
                self.triggers.setdefault((p[0], p[1]), []).append((rule, i))
        self.pending.append(rule)
        if self.status == "saturated":
            self.status = "running"

    # ------------------------------------------------------------ facts

    def _record(self, step: Step) -> int:
        self.steps.append(step)
        return len(self.steps) - 1

    def _find(self, c: str) -> str:
        return self.rep.get(c, c)

    def _canon(self, lit: Literal) -> Literal:
        if not self.rep:
            return lit
        return (lit[0], lit[1], tuple(self.rep.get(a, a) for a in lit[2]))

    def knows(self, lit: Literal) -> bool:
        return self._canon(lit) in self.known

    def _add(self, step: Step) -> int:
        """Record a literal-fact step; index it when canonical, else rewrite it to canonical."""
        lit: Literal = step.fact  # type: ignore[assignment]
        sid = self._record(step)
        if lit in self.known:
            return sid
        self.known[lit] = sid
        for a in lit[2]:
            if a not in self.order:
                self._constant(a, 0)
        canon = self._canon(lit)
        if canon != lit:
            self._rewrite_to_canon(lit, sid)
            return sid
        self.index.add(lit)
        self.delta.append(lit)
        if lit[0] and lit[1] == "=" and len(lit[2]) == 2 and lit[2][0] != lit[2][1]:
            self.merge_queue.append(sid)
        other = self.known.get(complement(lit))
        if other is not None and self.bottom is None and complement(lit) in self.index.by_pred.get((not lit[0], lit[1]), {}):
            prem = (sid, other) if lit[0] else (other, sid)
            self.bottom = self._record(Step("contradiction", FALSUM, prem, self.cycle_no))
        return sid

    def _rewrite_to_canon(self, lit: Literal, sid: int) -> None:
        for a in dict.fromkeys(lit[2]):
            r = self._find(a)
            if r == a:
                continue
            eq = self._eq_to_rep(a)
            lit = (lit[0], lit[1], tuple(r if x == a else x for x in lit[2]))
            if lit in self.known:
                sid = self.known[lit]
                continue
            sid = self._add(Step("eq_subst", lit, (eq, sid), self.cycle_no))

    def _eq_to_rep(self, c: str) -> int:
        """Step id of the fact `c = rep(c)`, derived along the merge chain."""
        r = self._find(c)
        memo = self._eq_memo.get((c, r))
        if memo is not None:
            return memo
        sid = self.merge_step[c]
        cur = self.parent[c]
        while cur != r:
            nxt = self.parent[cur]
            sid = self._record(Step("eq_subst", (True, "=", (c, nxt)), (self.merge_step[cur], sid), self.cycle_no))
            cur = nxt
        self._eq_memo[(c, r)] = sid
        return sid

    def _process_merges(self) -> None:
        while self.merge_queue:
            sid = self.merge_queue.pop(0)
            u, v = self.steps[sid].fact[2]  # type: ignore[index]
            ru, rv = self._find(u), self._find(v)
            if ru == rv:
                continue
            sid = self.known.get((True, "=", (ru, rv)), sid)
            if self.steps[sid].fact != (True, "=", (ru, rv)):
                # the equality was stated over constants merged since: restate it over representatives
                sid = self._restate(sid, (True, "=", (ru, rv)))
            winner, loser = (ru, rv) if self.order[ru] < self.order[rv] else (rv, ru)
            if loser == ru:
                eq = sid
            else:
                eq_lit = (True, "=", (loser, winner))
                eq = self.known.get(eq_lit)
                if eq is None:
                    eq = self._record(Step("eq_symm", eq_lit, (sid,), self.cycle_no))
                    self.known[eq_lit] = eq
            self.parent[loser] = winner
            self.merge_step[loser] = eq
            moved = [loser, *self.members.pop(loser, [])]
            for m in moved:
                self.rep[m] = winner
            self.members.setdefault(winner, []).extend(moved)
            for lit in list(self.index.by_const.get(loser, {})):
                self.index.remove(lit)
                new = (lit[0], lit[1], tuple(winner if a == loser else a for a in lit[2]))
                if new in self.known:
                    continue
                self._add(Step("eq_subst", new, (eq, self.known[lit]), self.cycle_no))

    def _restate(self, sid: int, target: Literal) -> int:
        lit = self.steps[sid].fact
        for a in dict.fromkeys(lit[2]):  # type: ignore[index]
            r = self._find(a)
            if r != a:
                lit = (lit[0], lit[1], tuple(r if x == a else x for x in lit[2]))  # type: ignore[index]
                sid = self._record(Step("eq_subst", lit, (self._eq_to_rep(a), sid), self.cycle_no))
        assert lit == target
        return sid

    # ------------------------------------------------------------ matching

    def _bucket(self, pat: Literal, bind: Binding, variables: frozenset[str]) -> dict[Literal, None]:
        """The smallest index bucket that holds every fact matching `pat` under `bind`."""
        best: dict[Literal, None] | None = None
        for i, a in enumerate(pat[2]):
            val = bind.get(a) if a in variables else a
            if val is None:
                continue
            bucket = self.index.by_arg.get((pat[0], pat[1], i, val))
            if not bucket:
                return {}
            if best is None or len(bucket) < len(best):
                best = bucket
        return best if best is not None else self.index.by_pred.get((pat[0], pat[1]), {})

    def _join(self, rule: Rule, bind: Binding, used: dict[int, int], remaining: list[int],
              seed: int = -1, old_only: frozenset | set = frozenset()) -> None:
        """Match the `remaining` premises, most selective first. Premises numbered below
        `seed` skip facts in `old_only` (this cycle's delta), so each combination of facts
        is found once. When nothing but unnamed function values is missing, the needed
        invention is queued for the next saturation point."""
        if self.status != "running":
            return
        self._ticks += 1
        if self.limits.max_work is not None and self._ticks > self.limits.max_work:
            self.status, self.reason = "limit", f"more than {self.limits.max_work} matching steps"
            return
        if self.deadline is not None and not self._ticks & 1023 and time.perf_counter() > self.deadline:
            self.status, self.reason = "limit", "time limit"
            return
        if not remaining:
            self._emit(rule, bind, tuple(used[i] for i in range(len(rule.premises))))
            return
        best: dict[Literal, None] | None = None
        j = -1
        zero: list[int] = []
        for r in remaining:
            bucket = self._bucket(rule.premises[r], bind, rule.vars)
            if not bucket:
                zero.append(r)
            elif best is None or len(bucket) < len(best):
                best, j = bucket, r
        if zero:
            # Binding more variables only shrinks candidates: an empty premise can be met
            # only by inventing the function value it names, once its inputs are bound.
            for r in zero:
                if not rule.uniqueness and self._request(rule.premises[r], bind, rule.vars, rule.source):
                    return
            if best is None or any(all(a not in rule.vars or a in bind for a in rule.premises[r][2]) for r in zero):
                return
        pat = rule.premises[j]
        skip = old_only if j < seed else ()
        cands = []
        matched = False
        for lit in best:
            nb = unify(pat, lit, bind, rule.vars)
            if nb is not None:
                matched = True
                if lit not in skip:
                    cands.append((lit, nb))
        if not matched:
            if not rule.uniqueness:
                self._request(pat, bind, rule.vars, rule.source)
            return
        rest = [r for r in remaining if r != j]
        for lit, nb in cands:
            if lit not in self.index.by_pred.get((lit[0], lit[1]), {}):
                continue  # retired by a merge during this join
            self._join(rule, nb, {**used, j: self.known[lit]}, rest, seed, old_only)

    def _request(self, pat: Literal, bind: Binding, variables: frozenset[str], source: str) -> bool:
        """Queue the invention of the function value `pat` needs; True when one applies.
        Requests from local hypotheses and the goal (`source` "fact") go first, then
        those from theorems, then from axioms. An on-demand rule that gives the value is
        applied at once instead."""
        if self._apply_on_demand(pat, bind, variables):
            return True
        found = self._inventor(pat, bind, variables)
        if found is None:
            return False
        erule, eb = found
        key = (erule.key, tuple(sorted(eb.items())))
        old = self.requests.get(key)
        if old is None or _SOURCE_RANK[source] < _SOURCE_RANK[old[1]]:
            self.requests[key] = ((erule, eb), source)
        return True

    def _apply_on_demand(self, pat: Literal, bind: Binding, variables: frozenset[str]) -> bool:
        """Apply the on-demand rules (`Rule.on_demand`) whose conclusion `pat` asks for."""
        applied = False
        for rule in self.on_demand.get(pat[1], ()):
            concl = rule.conclusion[0]
            if concl[0] != pat[0] or len(concl[2]) != len(pat[2]):
                continue
            rb: Binding = {}
            for ra, pa in zip(concl[2], pat[2]):
                val = bind.get(pa) if pa in variables else pa
                if val is None:
                    continue  # the asked-for value: whatever the rule gives
                if ra in rule.vars:
                    if rb.setdefault(ra, val) != val:
                        break
                elif ra != val:
                    break
            else:
                if len(rb) == len(rule.vars):
                    key = (rule.key, tuple(sorted(rb.items())))
                    if key not in self._applied:
                        self._applied.add(key)
                        self._join(rule, rb, {}, list(range(len(rule.premises))))
                    applied = True
        return applied

    def ask(self, pattern: Literal) -> bool:
        """Queue the naming of the function value `pattern` leaves open (`VALUE` at its
        output, as in `in3[a,b,VALUE,*]`) for the next saturation point, ahead of what
        rules ask for; True when a totality axiom provides it."""
        return self._request(pattern, {}, _VALUE_VARS, "fact")

    def _request_goal_values(self) -> None:
        """Ask for the function value each open goal states: for the goal `in3[a,f,e,*]`,
        name `a * f` — showing that value equal to `e` is often within reach where
        deriving the goal atom forward is not."""
        for goal in self.goals:
            g = self._canon(goal)
            if not g[0] or g in self.known:
                continue
            for i in range(len(g[2])):
                if self.ask((g[0], g[1], (*g[2][:i], VALUE, *g[2][i + 1:]))):
                    break

    def _inventor(self, pat: Literal, bind: Binding, variables: frozenset[str]) -> tuple[Rule, Binding] | None:
        """An existential rule and binding whose witness would satisfy `pat`."""
        if not pat[0]:
            return None
        for erule, j in self.inventors.get(pat[1], ()):
            q = erule.conclusion[j]
            if len(q[2]) != len(pat[2]):
                continue
            eb: Binding = {}
            outs: dict[str, str] = {}
            ok = True
            for qa, pa in zip(q[2], pat[2]):
                pval = bind.get(pa) if pa in variables else pa
                if qa in erule.exists:
                    if pval is not None or outs.setdefault(qa, pa) != pa:
                        ok = False
                        break
                elif qa in erule.vars:
                    if pval is None or eb.setdefault(qa, pval) != pval:
                        ok = False
                        break
                elif pval != qa:
                    ok = False
                    break
            if ok and all(v in eb for v in erule.vars if v not in erule.exists):
                return erule, eb
        return None

    def _invent_layer(self) -> None:
        """At a saturation point, name the queued function values, shallowest first."""
        requests, self.requests = self.requests, {}
        order = []
        for n, ((erule, eb), source) in enumerate(requests.values()):
            eb = {k: self._find(v) for k, v in eb.items()}
            depth = 1 + max((self.depth.get(v, 0) for v in eb.values()), default=0)
            order.append((depth, _SOURCE_RANK[source], n, erule, eb))
        order.sort(key=lambda t: t[:3])
        done: set[tuple] = set()
        for depth, _, _, erule, eb in order:
            if depth > self.limits.max_depth or self.witnesses >= self.limits.max_witnesses:
                continue
            key = (erule.key, tuple(sorted(eb.items())))
            if key in done:
                continue
            done.add(key)
            if self._satisfied([_inst(c, eb) for c in erule.conclusion], frozenset(erule.exists), {}):
                continue  # the value has been named meanwhile
            prem = []
            for p in erule.premises:
                g = _inst(p, eb)
                if g not in self.index.by_pred.get((g[0], g[1]), {}):
                    break
                prem.append(self.known[g])
            else:
                full = dict(eb)
                for e in erule.exists:
                    full[e] = self._fresh_name(f"w{self.witnesses + 1}")
                    self._constant(full[e], depth)
                    self.witnesses += 1
                self._witness(erule, full, tuple(prem), eb)

    def _satisfied(self, pats: list[Literal], variables: frozenset[str], bind: Binding) -> bool:
        """Whether some binding of `variables` makes every pattern a live fact."""
        if not pats:
            return True
        head, rest = pats[0], pats[1:]
        return any(self._satisfied(rest, variables, nb)
                   for lit in self._bucket(head, bind, variables)
                   if (nb := unify(head, lit, bind, variables)) is not None)

    def _witness(self, rule: Rule, full: Binding, prem: tuple[int, ...], inputs: Binding) -> None:
        concl = [_inst(c, full) for c in rule.conclusion]
        for e in rule.exists:
            self.witness_terms[full[e]] = _term_text(concl, full[e])
        if len(concl) == 1:
            self._add(Step("witness", concl[0], prem, self.cycle_no, rule, full))
        else:
            fact = And(tuple(_lit_expr(c) for c in concl))
            sid = self._record(Step("witness", fact, prem, self.cycle_no, rule, full))
            for c in concl:
                self._add(Step("and_elim", c, (sid,), self.cycle_no))
        for e in rule.exists:
            self._add(Step("eq_refl", (True, "=", (full[e], full[e])), (), self.cycle_no))

    def _emit(self, rule: Rule, bind: Binding, prem: tuple[int, ...]) -> None:
        if rule.exists:
            full = dict(bind)
            for e in rule.exists:
                full[e] = self._fresh_name(f"w{self.witnesses + 1}")
                self._constant(full[e], 0)
                self.witnesses += 1
            self._witness(rule, full, prem, bind)
            return
        lit = _inst(rule.conclusion[0], bind)
        if self._canon(lit) in self.known:
            return
        self._add(Step("rule", lit, prem, self.cycle_no, rule, dict(bind)))
        if len(self.steps) > self.limits.max_facts:
            self.status, self.reason = "limit", f"more than {self.limits.max_facts} facts"

    # ------------------------------------------------------------ cycles

    def cycle(self) -> bool:
        """Run one cycle; return True when something new was derived."""
        if self.status != "running":
            return False
        self.cycle_no += 1
        before = len(self.steps)
        pending, self.pending = self.pending, []
        delta, self.delta = self.delta, []
        for rule in pending:
            self._join(rule, {}, {}, list(range(len(rule.premises))))
        fresh_keys = {r.key for r in pending}
        delta_set = set(delta)
        for lit in delta:
            if lit not in self.index.by_pred.get((lit[0], lit[1]), {}):
                continue
            for rule, i in self.triggers.get((lit[0], lit[1]), ()):
                if rule.key in fresh_keys:
                    continue
                nb = unify(rule.premises[i], lit, {}, rule.vars)
                if nb is not None:
                    self._join(rule, nb, {i: self.known[lit]},
                               [r for r in range(len(rule.premises)) if r != i], i, delta_set)
                if self.status != "running":
                    break
        self._process_merges()
        self._check_goal()
        if self.status == "running" and not self.delta and not self.pending:
            self._request_goal_values()
            if self.requests:
                self._invent_layer()
        if self.status == "running" and not self.delta and not self.pending:
            self.status, self.reason = "saturated", "no new facts"
        return len(self.steps) > before

    def run(self, max_cycles: int) -> LogicBlock:
        """Run cycles until proved, saturated or `max_cycles` (for single-block use)."""
        while self.status == "running" and self.cycle_no < max_cycles:
            self.cycle()
        if self.status == "running":
            self.status, self.reason = "limit", f"{max_cycles} cycles"
        return self

    def _check_goal(self) -> None:
        if self.status not in ("running", "saturated", "limit"):
            return
        if self.negated_goal:
            if self.bottom is not None:
                self.goal_step, self.status = self.bottom, "proved"
            return
        if self.bottom is not None:
            goal = self.goals[0] if len(self.goals) == 1 else None
            fact = goal if goal is not None else And(tuple(_lit_expr(g) for g in self.goals))
            self.goal_step = self._record(Step("ex_falso", fact, (self.bottom,), self.cycle_no))
            self.status = "proved"
            return
        if not self.goals or not all(self._canon(g) in self.index.by_pred.get((g[0], g[1]), {}) for g in self.goals):
            return
        sids = [self._restore(g) for g in self.goals]
        if len(sids) == 1:
            self.goal_step = sids[0]
        else:
            fact = And(tuple(_lit_expr(g) for g in self.goals))
            self.goal_step = self._record(Step("and_intro", fact, tuple(sids), self.cycle_no))
        self.status = "proved"

    def _restore(self, goal: Literal) -> int:
        """Derive `goal` itself from its canonical form (undoing merges position by position)."""
        canon = self._canon(goal)
        sid = self.known[canon]
        lit = canon
        for c in dict.fromkeys(goal[2]):
            r = self._find(c)
            if r == c:
                continue
            back = self._record(Step("eq_symm", (True, "=", (r, c)), (self._eq_to_rep(c),), self.cycle_no))
            lit = (lit[0], lit[1], tuple(c if g == c and x == r else x for g, x in zip(goal[2], lit[2])))
            sid = self._record(Step("eq_subst", lit, (back, sid), self.cycle_no))
        assert lit == goal
        return sid

    # ------------------------------------------------------------ proof

    def proof_steps(self) -> list[int]:
        """Ids of the steps the goal rests on, in derivation order."""
        if self.goal_step is None:
            return []
        need: set[int] = set()
        stack = [self.goal_step]
        while stack:
            s = stack.pop()
            if s in need:
                continue
            need.add(s)
            st = self.steps[s]
            stack.extend(st.premises)
            if st.rule is not None and "fact" in st.rule.ref:
                stack.append(st.rule.ref["fact"])
        return sorted(need)


def _range_restricted(rule: Rule) -> bool:
    """Every conclusion variable is bound by a premise (or is existential)."""
    bound = {a for p in rule.premises for a in p[2] if a in rule.vars} | set(rule.exists)
    return all(a in bound for c in rule.conclusion for a in c[2] if a in rule.vars)


def _lit_expr(lit: Literal) -> Expr:
    from mpl_lang.logic import literal_to_expr

    return literal_to_expr(lit)


def _neg(lit: Literal) -> Expr:
    from mpl_lang import Not

    return Not(Atom(lit[1], lit[2]))


def _term_text(concl: list[Literal], w: str) -> str:
    """A readable name for a witness, e.g. `a + k` for in3[a,k,w,+]."""
    from mpl_lang.terms import infix

    for c in concl:
        if c[1] == "in3" and len(c[2]) == 4 and c[2][2] == w:
            return infix((c[2][3], c[2][0], c[2][1]))
        if c[1] == "in2" and len(c[2]) == 3 and c[2][1] == w:
            return infix((c[2][2], c[2][0]))
    return w

"""Proving statements on the grid: direct, by induction, by contradiction.

For one statement the prover opens several *attempts* at once — a direct proof, a proof
by contradiction when the conclusion is a negative literal, and a few inductions (type,
base cases and step blocks, built from the theory's declared `induction` principle), each
on the variables and by the scheme that the recursion of the theory's functions suggests
(`gl.core.schemes`: structural, two-step or simultaneous) — and runs all their blocks in
lock-step on the grid. The first attempt whose blocks are all proved wins (ties go to the
earlier attempt, so runs are deterministic). Every proved theorem becomes a rule for the
blocks that come after it.

>>> from mpl_lang import load, parse_expr
>>> prover = Prover(load("examples/peano/peano.mpl"))
>>> prover.prove("zero_left", parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))")).method
'induction'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from mpl_lang import Atom, Expr, Theory
from mpl_lang.logic import (
    Clause,
    ClauseError,
    clausify,
    expr_to_literal,
    goal_parts,
    induction_claims,
)
from mpl_lang.logic import iter_atoms as _atoms
from mpl_lang.terms import decode_graph

from ..recursion import definitions
from .block import BlockLimits, LogicBlock
from .grid import Grid
from .result import Attempt, TheoremResult, assumed
from .rules import Rule
from .schemes import schemes
from .status import Status

#: the largest effort `Settings.scaled` raises the limits for (2× the witnesses)
MAX_EFFORT = 1
#: the budgets a block can run short of (`TheoremResult.short`)
BUDGETS = ("witnesses", "cycles", "facts", "work")


@dataclass(frozen=True)
class Settings:
    """Prover limits. `timeout` is seconds per statement (None: no limit); `max_work`
    bounds the rule-matching steps of each block (deterministic, unlike time);
    `own_first` makes blocks name the values their hypotheses and goal ask for before
    shallower ones (`Invention.layer`; what a retry does, `scaled`)."""

    max_cycles: int = 12
    max_facts: int = 6000
    max_depth: int = 2
    max_witnesses: int = 60
    induction_candidates: int = 3
    timeout: float | None = None
    max_work: int | None = None
    own_first: bool = False

    def limits(self) -> BlockLimits:
        return BlockLimits(self.max_facts, self.max_depth, self.max_witnesses, self.max_work, self.own_first)

    def capped(self, **caps: int) -> Settings:
        """These settings with each named limit lowered to at most the given value (a
        limit that is None, no limit, takes the value).

        >>> s = Settings(max_cycles=12).capped(max_cycles=8, max_work=50_000)
        >>> s.max_cycles, s.max_work, s.max_facts
        (8, 50000, 6000)
        """
        return replace(self, **{name: cap if getattr(self, name) is None else min(getattr(self, name), cap)
                                for name, cap in caps.items()})

    def scaled(self, effort: int, wider: bool = True) -> Settings:
        """These settings with the budgets a block can run short of raised for a retry at
        `effort` (0: unchanged; at most `MAX_EFFORT`): each step doubles the facts and the
        work bound and gives 4 more cycles, and when `wider`, doubles the witnesses and
        names the values the block's own hypotheses and goal ask for first (`own_first`:
        the induction hypothesis of `a ^ (b + c) = a ^ b * a ^ c` needs a value two layers
        deep; on a first attempt the order stays shallowest first, which Peano's
        distributivity needs within 12 cycles). The depth bound stays: deeper values
        multiply what a block names, more of them at a depth do not. More witnesses make
        a wider block, more facts per cycle and more matching per fact: a block that ran
        short of time (cycles, facts, matching steps) rather than of witnesses
        (`TheoremResult.short`) only drowns in them, so its retry is not `wider`.

        >>> s = Settings().scaled(1)
        >>> s.max_witnesses, s.max_cycles, s.max_facts, s.max_depth
        (120, 16, 12000, 2)
        >>> s = Settings(max_work=50_000).scaled(1, wider=False)
        >>> s.max_work, s.max_cycles, s.max_witnesses, s.own_first
        (100000, 16, 60, False)
        >>> Settings().scaled(5) == Settings().scaled(MAX_EFFORT)
        True

        Beyond effort 1 a failed block costs minutes (a false law of `^` at 4× the
        witnesses: 7 min), so that is where it stops.
        """
        effort = max(0, min(effort, MAX_EFFORT))
        if not effort:
            return self
        grow = 2 ** effort
        longer = replace(self, max_cycles=self.max_cycles + 4 * effort, max_facts=self.max_facts * grow,
                         max_work=None if self.max_work is None else self.max_work * grow)
        return replace(longer, own_first=True, max_witnesses=self.max_witnesses * grow) if wider else longer

    def to_json(self) -> dict[str, int]:
        """The limits a proof document records (its `settings` section, export/SCHEMA.md):
        the cycle and block limits; the time and work bounds and the number of induction
        candidates are not recorded.

        >>> Settings(max_cycles=8).to_json()
        {'max_cycles': 8, 'max_facts': 6000, 'max_depth': 2, 'max_witnesses': 60}
        """
        return {"max_cycles": self.max_cycles, "max_facts": self.max_facts, "max_depth": self.max_depth,
                "max_witnesses": self.max_witnesses}


class Prover:
    """Proves statements of one theory, accumulating a library of proved theorems."""

    def __init__(self, theory: Theory, settings: Settings | None = None, grid: Grid | None = None) -> None:
        self.theory = theory
        self.settings = settings or Settings()
        self.grid = grid or Grid()
        self.axiom_rules = [Rule.from_clause(c, {"axiom": i}, f"axiom {i}")
                            for i, c in enumerate(theory.axioms()) if isinstance(c, Clause)]
        self.library: list[TheoremResult] = []
        self.library_rules: list[Rule] = []
        self._stmt_names = {s.name for s in theory.statements}
        self.definitions = definitions(theory)
        self.bodies = {d.name: (d.params, d.body) for d in theory.definitions.values()}
        self._rule_functions: dict[tuple, frozenset[str]] = {}
        self._speaks: dict[str, frozenset[str]] = {}  # theorem -> the defined predicates it states
        for a in theory.assumptions:  # rules from the start, cited like theorems
            self.accept(assumed(a))

    # ------------------------------------------------------------ library

    def theorem_rules(self, name: str, statement: Expr) -> list[Rule]:
        """The rules a proved statement contributes: the clauses of its unfolded form and,
        when it speaks of defined predicates, those of the statement as stated (`stated`:
        their atoms stay atoms, which facts of a definition's body and the hypothesis of
        a lemma such as `fold[...] → ...`, whose unfolded form has no rule form, can meet)."""
        unfolded = self.theory.unfold(statement)
        out = []
        for form, stated in ((unfolded, {}), (statement, {"stated": True})):
            if stated and form == unfolded:
                break
            try:
                clauses = clausify(form)
            except ClauseError:
                continue
            out += [Rule.from_clause(c, {"theorem": name, "clause": j, **stated}, name) for j, c in enumerate(clauses)]
        return out

    def accept(self, result: TheoremResult) -> None:
        """Add a proved theorem (or an assumption) to the library and broadcast its rules
        to running blocks."""
        self.library.append(result)
        self._speaks[result.name] = frozenset(self._predicates(result.statement, through=False))
        rules = self.theorem_rules(result.name, result.statement)
        self.library_rules.extend(rules)
        self.grid.broadcast(rules)

    # ------------------------------------------------------------ attempts

    def _block(self, block_id: str, role: str, claim: Expr, settings: Settings, negated: bool = False,
               extra: dict | None = None) -> LogicBlock:
        return LogicBlock(block_id, role, claim, self.theory.constants,
                          self.relevant_rules(claim), settings.limits(), negated, extra,
                          definitions=self.bodies)

    def relevant_rules(self, claim: Expr) -> list[Rule]:
        """The axioms and theorems that can matter to `claim`: those whose functions lie in
        the definitional closure of the claim's functions and the successors
        (`gl.recursion`), a defined atom counting its definition's functions, and that
        come from no theorem that speaks only of defined predicates the claim does not
        (`_predicates`: `a ≤ s(a)` is no rule for a claim about `*`).
        A law of `^` cannot help prove one about `+` and `*` alone, and left out, its rules
        ask for no `^` values that would take the witness budget.

        >>> from mpl_lang import load, parse_expr
        >>> prover = Prover(load("examples/peano/peano.mpl"))
        >>> plus = prover.relevant_rules(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))
        >>> len(plus) < len(prover.relevant_rules(parse_expr("(>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))")))
        True
        """
        claimed = {g[0] for a in _atoms(self.theory.unfold(claim))
                   if (g := decode_graph(a.name, a.args)) is not None and g[0] in self.theory.constants}
        closure = self.definitions.closure(claimed | {ind.succ for ind in self.theory.inductions})
        spoken = self._predicates(claim)
        return [r for r in [*self.axiom_rules, *self.library_rules] if self._functions(r) <= closure
                and self._speaks_to(r.ref.get("theorem"), spoken)]

    def _speaks_to(self, theorem: str | None, spoken: set[str]) -> bool:
        """Whether the theorem (None: an axiom) speaks of no defined predicate or of one in
        `spoken`: a lemma about `foldvia`, the clauses of a fold's sum function, speaks to
        a claim about `fold` through `interval`, though `fold` names no `foldvia`."""
        preds = self._speaks.get(theorem, frozenset()) if theorem is not None else frozenset()
        return not preds or not preds.isdisjoint(spoken)

    def _predicates(self, claim: Expr, through: bool = True) -> set[str]:
        """The defined predicates `claim` speaks of, directly or (`through`) through their
        definitions: a theorem about others (`a ≤ s(a)` for a claim about `*`) only fills
        the block with facts nothing asks for."""
        todo = [a.name for a in _atoms(claim) if a.name in self.bodies]
        if not through:
            return set(todo)
        seen: set[str] = set()
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo += [a.name for a in _atoms(self.bodies[name][1]) if a.name in self.bodies]
        return seen

    def _functions(self, rule: Rule) -> frozenset[str]:
        found = self._rule_functions.get(rule.key)
        if found is None:  # a defined atom applies its body's functions (`+` in `preorder[N,+,a,b]`);
            # a function a definition quantifies (`g` in `fold`) is no function of the theory
            found = frozenset(g[0] for lit in (*rule.premises, *rule.conclusion)
                              for a in _atoms(self.theory.unfold(Atom(lit.pred, lit.args)))
                              if (g := decode_graph(a.name, a.args)) is not None and g[0] in self.theory.constants)
            self._rule_functions[rule.key] = found
        return found

    def attempts(self, name: str, statement: Expr,
                 methods: tuple[str, ...] = ("direct", "contradiction", "induction"),
                 settings: Settings | None = None) -> list[Attempt]:
        """Every attempt worth running for `statement`, most promising first: direct,
        contradiction, then for each declared induction principle at most
        `settings.induction_candidates` inductions (`gl.core.schemes.schemes`); each block
        within `settings` (default the prover's)."""
        settings = settings or self.settings
        out = []
        if "direct" in methods:
            out.append(Attempt("direct", None, [self._block(f"{name}/main", "main", statement, settings)]))
        vs, hyps, concl = goal_parts(statement)
        lit = expr_to_literal(concl)
        # refuting the negation of a positive goal only helps where negative facts can
        # meet it; forward chaining derives those for negative goals, so only try it there
        if lit is not None and "contradiction" in methods and (not lit.positive or methods == ("contradiction",)):
            out.append(Attempt("contradiction", None,
                               [self._block(f"{name}/main", "main", statement, settings, negated=True)]))
        for ind in self.theory.inductions if "induction" in methods else ():
            taken = {v for a in _atoms(statement) for v in a.args} | set(vs) | set(self.theory.constants)
            for scheme in schemes(statement, self.definitions, settings.induction_candidates):
                names = _fresh_names(taken, scheme.name, len(scheme.variables))
                try:
                    claims = induction_claims(statement, scheme.variables, ind.set, ind.base, ind.succ, *names,
                                              scheme=scheme.name)
                except ClauseError:
                    continue
                blocks = [self._block(f"{name}/{role}", role, claim, settings,
                                      extra={"induction_vars": list(names)} if role == "step" else None)
                          for role, claim in claims.items()]
                out.append(Attempt("induction", scheme.variables[0], blocks,
                                   {"set": ind.set, "base": ind.base, "succ": ind.succ},
                                   scheme.name, scheme.variables))
        return out

    # ------------------------------------------------------------ proving

    def prove(self, name: str, statement: Expr, origin: str = "target",
              on_cycle: Callable[[int], None] | None = None, deadline: float | None = None,
              methods: tuple[str, ...] = ("direct", "contradiction", "induction"), effort: int = 0,
              wider: bool = True) -> TheoremResult:
        """Run all attempts for `statement` in lock-step until one is proved or all fail,
        or the time runs out (`settings.timeout` per statement, `deadline` as an absolute
        `time.perf_counter()` value). `effort` n > 0 runs with the budgets raised n times,
        the witnesses too when `wider` (`Settings.scaled`): for a retry of a statement
        whose last attempt was `budget_bound` (`short` of some budgets); the result records
        the limits.

        >>> from mpl_lang import load, parse_expr
        >>> prover = Prover(load("examples/peano/peano.mpl"), Settings(max_witnesses=1))
        >>> claim = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
        >>> failed = prover.prove("add_comm", claim)
        >>> failed.proved, failed.budget_bound
        (False, True)
        >>> prover.prove("add_comm", claim, effort=1).settings["max_witnesses"]
        2
        """
        start = time.perf_counter()
        settings = self.settings.scaled(effort, wider)
        result = TheoremResult(name, statement, origin, effort=max(0, min(effort, MAX_EFFORT)),
                               settings=settings.to_json())
        attempts = self.attempts(name, statement, methods, settings)
        blocks = [b for a in attempts for b in a.blocks]
        self.grid.add(blocks)
        if settings.timeout:
            deadline = min(deadline or float("inf"), start + settings.timeout)
        for b in blocks:
            b.deadline = deadline
        try:
            for cycle in range(1, settings.max_cycles + 1):
                self.grid.cycle()
                result.cycles = cycle
                if on_cycle:
                    on_cycle(cycle)
                for a in attempts:
                    if a.failed:
                        a.abandon()
                winner = next((a for a in attempts if a.proved), None)
                if winner is not None:
                    result.status, result.method, result.attempt = Status.PROVED, winner.method, winner
                    break
                if all(a.failed for a in attempts):
                    result.reason = "; ".join(sorted({b.reason for a in attempts for b in a.blocks if b.status is not Status.PROVED and b.reason}))
                    _budget_bound(result, attempts)
                    break
                if deadline is not None and time.perf_counter() > deadline:
                    result.reason = f"time limit reached after {time.perf_counter() - start:.1f} s"
                    break
            else:
                result.reason = f"not proved within {settings.max_cycles} cycles"
                _budget_bound(result, attempts)
        finally:
            self.grid.remove(blocks)
        result.seconds = time.perf_counter() - start
        if result.proved:
            result.cites = self._cites(result.attempt)
        return result

    def _cites(self, attempt: Attempt) -> list[str]:
        used = {b.steps[s].rule.ref["theorem"] for b in attempt.blocks for s in b.proof_steps()
                if b.steps[s].rule is not None and "theorem" in b.steps[s].rule.ref}
        return [t.name for t in self.library if t.name in used]


def _budget_bound(result: TheoremResult, attempts: list[Attempt]) -> None:
    """Record on the failed `result` whether larger budgets may prove it, and which: those
    the blocks of its budget-bound attempts stopped short of (`_short_of`)."""
    bound = [a for a in attempts if a.budget_bound]
    result.budget_bound = bool(bound)
    short = {_short_of(b) for a in bound for b in a.blocks}
    result.short = frozenset(short) - {None}


def _short_of(block: LogicBlock) -> str | None:
    """The budget (`BUDGETS`) that stopped `block`, if any: still running at the cycle
    limit, saturated with values left unnamed for want of witnesses, over the fact or
    the work bound."""
    if block.status is Status.RUNNING:
        return "cycles"
    if block.status is Status.SATURATED:
        return "witnesses" if block.invention.starved else None
    if block.status is Status.LIMIT:
        if len(block.steps) > block.limits.max_facts:
            return "facts"
        if block.limits.max_work is not None and block.join.work > block.limits.max_work:
            return "work"
    return None


def _fresh_names(taken: set[str], scheme: str, variables: int) -> tuple[str, ...]:
    """The names an induction binds (`mpl_lang.logic.induction_names`), none in `taken`:
    k, k2 (and k3 for two_step), then j, j2 and m, m2 for further simultaneous variables;
    all with a suffix _1, _2, ... when one of them is taken."""
    plain = ("k", "k2", "k3") if scheme == "two_step" else tuple(f"{c}{d}" for c in "kjm"[:variables] for d in ("", "2"))
    i, names = 0, plain
    while any(n in taken for n in names):
        i += 1
        names = tuple(f"{n[0]}_{i}{n[1:]}" for n in plain)
    return names

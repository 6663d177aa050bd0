"""The semi-naive join: matching rules against a block's facts, touching only what is new.

Each round (`round`), rules that arrived since the last round are joined against all live
facts, and every other rule only against combinations that use at least one fact of the
round's `delta` (the facts that became live since): a rule is *triggered* by a delta fact
matching one of its premises, and premises numbered below the trigger skip delta facts, so
each combination of facts is found once. Within a join the premise with the smallest index
bucket is matched next (most selective first). A complete match goes to `emit`. A premise no
fact can meet may name a function value nobody has named yet: it goes to `request` (the
block's invention), unless the rule only says a function has one value; while its inputs are
unbound, matching goes on only with the premises that bind them.

`work` counts matching steps (calls of `match`): the deterministic measure `max_work`
bounds. Matching stops for good once `halted` holds a reason: the work bound, the deadline
(an absolute `time.perf_counter()` value), or whatever its owner sets (a block halts its join
when it stops running).

>>> from mpl_lang import parse_expr
>>> from mpl_lang.logic import Literal, clausify
>>> from gl.core.facts import FactIndex
>>> from gl.core.rules import Rule
>>> facts, known, found = FactIndex(), {}, []
>>> join = Join(facts, known, emit=lambda rule, bind, premises: found.append(bind),
...             request=lambda pattern, bind, variables, source: False)
>>> join.add_rule(Rule.from_clause(clausify(parse_expr("(>[x,y](in2[x,y,s])(in[y,N]))"))[0], {"axiom": 0}))
>>> for n, lit in enumerate([Literal(True, "in2", ("i0", "i1", "s"))]):
...     facts.add(lit); known[lit] = n; join.delta.append(lit)
>>> join.round(); found
[{'x': 'i0', 'y': 'i1'}]
"""

from __future__ import annotations

import time
from collections.abc import Callable

from mpl_lang.logic import Literal

from .facts import Bucket, FactIndex, match_args
from .record import Binding
from .rules import Rule

#: `emit(rule, binding, premise step ids)`: a complete match
Emit = Callable[[Rule, Binding, tuple[int, ...]], None]
#: the reason a join halts at its deadline (a budget no retry can raise, unlike the work bound)
TIME_LIMIT = "time limit"

#: `request(pattern, binding, variables, source)`: ask for the function value `pattern`
#: needs; True when one will be (or was) named
Request = Callable[[Literal, Binding, frozenset[str], str], bool]


class Join:
    """Rules waiting for their first join, premise triggers, the delta, and the matcher."""

    def __init__(self, facts: FactIndex, known: dict[Literal, int], emit: Emit, request: Request,
                 max_work: int | None = None) -> None:
        self.facts = facts
        self.known = known
        self.emit = emit
        self.request = request
        self.max_work = max_work
        self.deadline: float | None = None
        self.work = 0
        self.halted: str | None = None
        self.pending: list[Rule] = []  # rules not joined yet
        self.triggers: dict[tuple[bool, str], list[tuple[Rule, int]]] = {}  # (polarity, predicate) -> (rule, premise)
        self.delta: list[Literal] = []  # facts that became live since the last round

    @property
    def idle(self) -> bool:
        """Whether a round would have nothing to do: no new rule, no new fact."""
        return not self.delta and not self.pending

    def add_rule(self, rule: Rule) -> None:
        """Take a rule: joined in full next round, then triggered by new facts."""
        for i, p in enumerate(rule.premises):
            self.triggers.setdefault((p.positive, p.pred), []).append((rule, i))
        self.pending.append(rule)

    def round(self) -> None:
        """Join the new rules against every fact, then the older rules against the delta."""
        pending, self.pending = self.pending, []
        delta, self.delta = self.delta, []
        for rule in pending:
            self.match(rule, {}, {}, list(range(len(rule.premises))))
        fresh_keys = {r.key for r in pending}
        delta_set = set(delta)
        live = self.facts.live
        for lit in delta:
            if not live(lit):
                continue  # rewritten by a merge since
            for rule, i in self.triggers.get((lit.positive, lit.pred), ()):
                if rule.key in fresh_keys:
                    continue
                bind = match_args(rule.premises[i].args, lit.args, {}, rule.vars)
                if bind is not None:
                    self.match(rule, bind, {i: self.known[lit]},
                               [r for r in range(len(rule.premises)) if r != i], i, delta_set)
                if self.halted is not None:
                    return

    def match(self, rule: Rule, bind: Binding, used: dict[int, int], remaining: list[int],
              seed: int = -1, old_only: frozenset[Literal] | set[Literal] = frozenset()) -> None:
        """Match the `remaining` premises of `rule` under `bind` (`used`: premise -> step of
        the fact it matched), most selective first, emitting each complete match. Premises
        numbered below `seed` skip facts in `old_only` (the round's delta)."""
        if self.halted is not None:
            return
        self.work += 1
        if self.max_work is not None and self.work > self.max_work:
            self.halted = f"more than {self.max_work} matching steps"
            return
        if self.deadline is not None and not self.work & 1023 and time.perf_counter() > self.deadline:
            self.halted = TIME_LIMIT
            return
        if not remaining:
            self.emit(rule, bind, tuple([used[i] for i in range(len(rule.premises))]))
            return
        premises, variables = rule.premises, rule.vars
        bucket = self.facts.bucket
        candidates: dict[int, Bucket] = {}
        zero: list[int] = []
        for r in remaining:
            cands = bucket(premises[r], bind, variables)
            if cands:
                candidates[r] = cands
            else:
                zero.append(r)
        open_vars: set[str] = set()  # the unbound variables of the premises in `zero`
        new = zero  # the premises found unmet since the last requests
        while True:
            # Binding more variables only shrinks candidates: a premise no fact meets can be
            # met only by inventing the function value it names, once its inputs are bound;
            # the other premises are matched on only to bind them.
            for r in new:
                if not rule.uniqueness and self.request(premises[r], bind, variables, rule.source):
                    return
            if any(all(a not in variables or a in bind for a in premises[r].args) for r in new):
                return
            open_vars.update(a for r in new for a in premises[r].args if a in variables and a not in bind)
            if zero:
                # only a premise that binds an open variable of theirs brings a request closer
                helpful = [r for r in candidates if not open_vars.isdisjoint(premises[r].args)]
                if not helpful:
                    return
                j = min(helpful, key=lambda r: len(candidates[r]))
            else:
                j = min(candidates, key=lambda r: len(candidates[r]))
            best = candidates.pop(j)
            pargs = premises[j].args
            skip = old_only if j < seed else ()
            found = []
            matched = False
            for lit in best:
                nb = match_args(pargs, lit.args, bind, variables)
                if nb is not None:
                    matched = True
                    if lit not in skip:
                        found.append((lit, nb))
            if matched:
                break
            zero.append(j)
            new = [j]
        rest = [r for r in remaining if r != j]
        known = self.known
        for lit, nb in found:
            self.match(rule, nb, {**used, j: known[lit]}, rest, seed, old_only)

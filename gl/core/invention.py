"""Invention: naming the function values a Logic Block's rules need, a layer at a time.

A premise such as `in3[a,k,?x,+]` that no fact meets asks for the value `a + k`. The theory's
existential rules say which values exist (`∀x,y ∈ N ∃z: in3[x,y,z,+]`): they are the
*inventors*, indexed by the predicates they conclude. `request` finds the inventor and
binding that would give the asked-for value and queues it, ranked by who asked (local
hypotheses and the goal first, then theorems, then axioms). At a saturation point the block
calls `layer`, which names the queued values, shallowest first: a witness constant at depth
1 + the deepest input, never beyond `max_depth`, at most `max_witnesses` in all, and only
where the value is still unnamed. Naming a value (`witness`) is the block's job.

On-demand rules (`Rule.on_demand`: `a ∈ N ∧ b ∈ N → o(a, b) = a`) would fill a block with a
fact per tuple if fired forward; they are instead applied (`apply`) where a value is asked for.

>>> from mpl_lang import parse_expr
>>> from mpl_lang.logic import Literal, clausify
>>> from gl.core.constants import Constants
>>> from gl.core.facts import FactIndex
>>> from gl.core.rules import Rule
>>> [total] = clausify(parse_expr("(>[x,y](&(in[x,N])(in[y,N]))!(>[z](in[z,N])!(in3[x,y,z,+])))"))
>>> facts, names = FactIndex(), Constants()
>>> invention = Invention(facts, {}, names, lambda c: c, max_depth=2, max_witnesses=10,
...                       apply=lambda rule, bind: None, witness=lambda rule, bind, premises: None)
>>> invention.add_inventor(Rule.from_clause(total, {"axiom": 0}))
>>> invention.ask(Literal(True, "in3", ("a", "b", VALUE, "+")))
True
>>> [bind for (rule, bind), source in invention.requests.values()]
[{'x': 'a', 'y': 'b'}]
"""

from __future__ import annotations

from collections.abc import Callable

from mpl_lang.logic import Literal, subst_literal

from .constants import Constants
from .facts import FactIndex
from .record import Binding
from .rules import Rule

#: the pattern variable standing for an asked-for function value (no MPL name can take it)
VALUE = "?value"
_VALUE_VARS = frozenset({VALUE})

#: invention priority by the kind of rule asking for it
_SOURCE_RANK = {"fact": 0, "intro": 0, "theorem": 1, "axiom": 2}

#: a queued request: the inventor and its binding of the inputs, and who asked
Queued = tuple[tuple[Rule, Binding], str]


class Invention:
    """Inventors, on-demand rules, and the queue of requested function values."""

    def __init__(self, facts: FactIndex, known: dict[Literal, int], constants: Constants,
                 find: Callable[[str], str], max_depth: int, max_witnesses: int,
                 apply: Callable[[Rule, Binding], None],
                 witness: Callable[[Rule, Binding, tuple[int, ...]], None], own_first: bool = False) -> None:
        self.facts = facts
        self.known = known
        self.constants = constants
        self.find = find
        self.max_depth = max_depth
        self.max_witnesses = max_witnesses
        self.apply = apply
        self.witness = witness
        self.own_first = own_first
        self.inventors: dict[str, list[tuple[Rule, int]]] = {}  # predicate -> (rule, conclusion)
        self.on_demand: dict[str, list[Rule]] = {}  # predicate -> rules applied where asked
        self.applied: set[tuple] = set()  # on-demand rule instances applied so far
        self.requests: dict[tuple, Queued] = {}
        self.witnesses = 0
        self.starved = False  # a value was left unnamed for want of witnesses (not of depth)

    def add_inventor(self, rule: Rule) -> None:
        """Take an existential rule as the inventor of the values it concludes."""
        for j, lit in enumerate(rule.conclusion):
            if lit.positive:
                self.inventors.setdefault(lit.pred, []).append((rule, j))

    def add_on_demand(self, rule: Rule) -> None:
        """Take an on-demand rule, to apply where its conclusion is asked for."""
        self.on_demand.setdefault(rule.conclusion[0].pred, []).append(rule)

    def ask(self, pattern: Literal) -> bool:
        """Queue the naming of the function value `pattern` leaves open (`VALUE` at its
        output, as in `in3[a,b,VALUE,*]`), ahead of what rules ask for; True when an
        existential rule provides it."""
        return self.request(pattern, {}, _VALUE_VARS, "fact")

    def request(self, pattern: Literal, bind: Binding, variables: frozenset[str], source: str) -> bool:
        """Queue the invention of the function value `pattern` needs under `bind`; True
        when one applies. Requests from local hypotheses and the goal (`source` "fact") go
        first, then those from theorems, then from axioms. An on-demand rule that gives the
        value is applied at once instead."""
        if self._apply_on_demand(pattern, bind, variables):
            return True
        found = self.inventor(pattern, bind, variables)
        if found is None:
            return False
        erule, eb = found
        key = (erule.key, tuple(sorted(eb.items())))
        old = self.requests.get(key)
        if old is None or _SOURCE_RANK[source] < _SOURCE_RANK[old[1]]:
            self.requests[key] = ((erule, eb), source)
        return True

    def _apply_on_demand(self, pattern: Literal, bind: Binding, variables: frozenset[str]) -> bool:
        """Apply the on-demand rules whose conclusion `pattern` asks for."""
        applied = False
        for rule in self.on_demand.get(pattern.pred, ()):
            concl = rule.conclusion[0]
            if concl.positive != pattern.positive or len(concl.args) != len(pattern.args):
                continue
            rb: Binding = {}
            for ra, pa in zip(concl.args, pattern.args):
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
                    if key not in self.applied:
                        self.applied.add(key)
                        self.apply(rule, rb)
                    applied = True
        return applied

    def inventor(self, pattern: Literal, bind: Binding, variables: frozenset[str]) -> tuple[Rule, Binding] | None:
        """An existential rule and a binding of its inputs whose witness would satisfy
        `pattern` under `bind`: every input bound, the open positions its witnesses."""
        if not pattern.positive:
            return None
        for erule, j in self.inventors.get(pattern.pred, ()):
            q = erule.conclusion[j]
            if len(q.args) != len(pattern.args):
                continue
            eb: Binding = {}
            outs: dict[str, str] = {}
            ok = True
            for qa, pa in zip(q.args, pattern.args):
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

    def name_witnesses(self, rule: Rule, bind: Binding, depth: int) -> Binding:
        """`bind` extended by a fresh witness constant (at `depth`) for each existential
        variable of `rule`."""
        full = dict(bind)
        for e in rule.exists:
            full[e] = self.constants.fresh(f"w{self.witnesses + 1}")
            self.constants.add(full[e], depth)
            self.witnesses += 1
        return full

    def layer(self) -> None:
        """Name the queued function values within the depth bound and the witness budget,
        shallowest first, then by who asked, then in order of asking; with `own_first`
        those the block's own hypotheses and goal ask for come before all others (an
        induction hypothesis needs `a ^ (b + k)`, two layers deep, before the shallow
        values axioms ask for). A value left unnamed because the budget is spent marks
        the invention `starved`."""
        requests, self.requests = self.requests, {}
        order = []
        depth_of = self.constants.depth
        for n, ((erule, eb), source) in enumerate(requests.values()):
            eb = {k: self.find(v) for k, v in eb.items()}
            depth = 1 + max((depth_of.get(v, 0) for v in eb.values()), default=0)
            rank = _SOURCE_RANK[source]
            order.append((self.own_first and rank > 0, depth, rank, n, erule, eb))
        order.sort(key=lambda t: t[:4])
        done: set[tuple] = set()
        for _, depth, _, _, erule, eb in order:
            if depth > self.max_depth:
                continue
            key = (erule.key, tuple(sorted(eb.items())))
            if key in done:
                continue
            done.add(key)
            if self.facts.satisfied([subst_literal(c, eb) for c in erule.conclusion], frozenset(erule.exists), {}):
                continue  # the value has been named meanwhile
            if self.witnesses >= self.max_witnesses:
                self.starved = True
                break
            prem = []
            for p in erule.premises:
                g = subst_literal(p, eb)
                if not self.facts.live(g):
                    break
                prem.append(self.known[g])
            else:
                self.witness(erule, self.name_witnesses(erule, eb, depth), tuple(prem))

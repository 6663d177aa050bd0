"""The incubator: ground facts about small numerals, each proved on the grid.

Which facts hold is found out first, with no arithmetic built in: the axioms, read as
rules, are applied to a ground model of the numerals up to N, the finite sets' elements
(`true`, `false`) and the values found so far, until no new value of any function of the
signature (any arity, Nat or Bool valued) comes (`evaluate`). The rule instance that
found a value also says which other values it rests on (`2 + 3 = 5` on `2 + 2 = 4`).
`2 + 3 = 5` is then stated with the numerals the theory has no names for as variables
defined by the successor, e.g.
`(>[n2,n3,n4,n5](&(in2[i1,n2,s])(in2[n2,n3,s])(in2[n3,n4,s])(in2[n4,n5,s]))(in3[n2,n3,n5,+]))`,
and proved directly in a small block whose only theorems are the facts it rests on and
whose only axiom giving values is the rule that found it, so that a fact costs about the
same however many were proved before it, and no block computes the tables again.
Negative facts such as `!(2 + 1 = 5)` and `0 ≠ 3` are proved by contradiction, likewise
from the facts they need. The proved tables, and past them the values computed on demand
(`Incubation.computed`, for refutation only), are what the explorer's counterexample
filter evaluates conjectures on; no proof rests on a computed value.

>>> from mpl_lang import load
>>> inc = incubate(load("examples/peano/peano.mpl"), up_to=3)
>>> inc.table["+"][(1, 2)], inc.table["*"][(2, 1)]
(3, 2)
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from mpl_lang import And, Atom, Expr, Forall, Not, Theory
from mpl_lang.logic import Clause, Literal, iter_atoms
from mpl_lang.names import MAX_NAME_LENGTH
from mpl_lang.terms import decode_graph, encode_graph

from .core.prover import Prover, Settings
from .core.result import TheoremResult
from .core.rules import Rule
from .signature import Function, Signature, signature

#: a value in a table: a numeral (int) or a named element of a finite set (`"true"`)
Value = int | str
#: one function's table: argument values -> result value
Table = dict[tuple[Value, ...], Value]
#: how many demands `_Model.demand` nests at most (each takes a few Python frames: well
#: within the interpreter's recursion limit)
DEMAND_DEPTH = 100


@dataclass
class Incubation:
    """Proved ground facts: `table[f][args] = value` for every function f but the
    successor (numerals as ints, finite-set elements by name), `distinct` numeral pairs,
    the results in proof order."""

    up_to: int
    table: dict[str, Table] = field(default_factory=dict)
    distinct: set[tuple[int, int]] = field(default_factory=set)
    results: list[TheoremResult] = field(default_factory=list)
    seconds: float = 0.0
    #: the ground model that computes values past the proved tables (`incubate`'s `compute_to`)
    model: _Model | None = field(default=None, repr=False, compare=False)

    def value(self, op: str, *args: Value | None) -> Value | None:
        """The proved value of `op(*args)`, or None when it is not in the proved table.

        >>> Incubation(2, table={"+": {(1, 1): 2}}).value("+", 1, 1)
        2
        """
        if any(a is None for a in args):
            return None
        return self.table.get(op, {}).get(args)

    @property
    def bound(self) -> int:
        """The largest numeral `computed` may give (`up_to` without a model)."""
        return self.model.up_to if self.model else self.up_to

    def computed(self, op: str, *args: Value | None) -> Value | None:
        """The proved value of `op(*args)`, else the value the axioms give it when read
        as rules and applied on demand to the numerals ≤ `bound`, else None. Computed
        values are no proof: they guide the counterexample filter only (a difference
        they show refutes an equation, as the axioms determine the values).

        >>> from mpl_lang import load
        >>> inc = incubate(load("examples/peano/peano.mpl"), up_to=1, negatives=False, compute_to=30)
        >>> inc.value("*", 5, 6), inc.computed("*", 5, 6), inc.computed("*", 6, 6)
        (None, 30, None)
        """
        proved = self.value(op, *args)
        if proved is not None or self.model is None or any(a is None for a in args) or op not in self.model.values:
            return proved
        return self.model.demand(op, tuple(args))


def numeral_chain(theory: Theory, sig: Signature) -> list[str]:
    """Theory constants naming 0, 1, 2, ...: the base, then ground successor facts."""
    succ_of: dict[str, str] = {}
    for c in theory.axioms():
        if isinstance(c, Clause) and not c.premises and not c.vars and not c.exists:
            lit = c.conclusion[0]
            if lit.positive and lit.pred == "in2" and lit.args[2] == sig.succ:
                succ_of[lit.args[0]] = lit.args[1]
    chain = [sig.base]
    while chain[-1] in succ_of and succ_of[chain[-1]] not in chain:
        chain.append(succ_of[chain[-1]])
    return chain


class Numerals:
    """Names and defining hypotheses of the numerals 0..n of a theory."""

    def __init__(self, theory: Theory, sig: Signature) -> None:
        self.sig = sig
        self.chain = numeral_chain(theory, sig)
        self.names: list[str] = list(self.chain)
        self._taken = set(theory.constants)

    def name(self, k: int) -> str:
        """The name of numeral `k` (a theory constant, or `n{k}` when it has none)."""
        while len(self.names) <= k:
            n = f"n{len(self.names)}"
            while n in self._taken:
                n += "_"
            self.names.append(n)
        return self.names[k]

    def element(self, v: Value) -> str:
        """The name of a table value: a numeral's, or the finite-set element itself."""
        return v if isinstance(v, str) else self.name(v)

    def statement(self, values: list[Value], conclusion: Expr) -> Expr:
        """`∀ numerals: their successor definitions → conclusion`."""
        top = max((v for v in values if isinstance(v, int)), default=0)
        known = len(self.chain)
        vars_ = tuple(self.name(k) for k in range(known, top + 1))
        hyps: list[Expr] = [Atom("in2", (self.name(k - 1), self.name(k), self.sig.succ)) for k in range(known, top + 1)]
        if not hyps:
            hyps = [Atom("in", (self.sig.base, self.sig.domain))]
        return Forall(vars_, hyps[0] if len(hyps) == 1 else And(tuple(hyps)), conclusion)


#: a ground fact of the tables: ("table", f, args) or ("distinct", i, j)
Key = tuple


@dataclass
class Evaluation:
    """What forward chaining found: each function's values (`values[f][args]`), the
    table facts in the order they were found (`order`), for each the table facts the
    rule instance that found it rests on (`needs`) and that rule (`rule`)."""

    values: dict[str, Table]
    order: list[Key]
    needs: dict[Key, list[Key]]
    rule: dict[Key, Rule]


def _tabled(sig: Signature) -> list[Function]:
    """The functions the incubator tabulates: all but the successor."""
    return [f for f in sig.functions if f.name != sig.succ]


def evaluate(theory: Theory, up_to: int, rules: list[Rule] | None = None) -> dict[str, Table]:
    """`values[f][args] = value` where forward chaining from the axioms (`rules`: the
    theory's, by default) over the numerals ≤ up_to and the finite sets' elements shows
    `f(args) = value`, for the functions of the signature but the successor. A guide
    only: the incubator proves each entry it keeps.

    >>> from mpl_lang import load
    >>> evaluate(load("examples/peano/peano.mpl"), 3)["*"][(2, 1)]
    2
    """
    return _evaluation(theory, signature(theory), up_to, rules).values


def _evaluation(theory: Theory, sig: Signature, up_to: int, rules: list[Rule] | None = None) -> Evaluation:
    model = _Model(sig, numeral_chain(theory, sig), up_to)
    model.saturate(Prover(theory).axiom_rules if rules is None else rules)
    return Evaluation(model.values, model.order, model.needs, model.rule)


class _Shape(NamedTuple):
    """A rule that gives a function's value, as the model matches it: the function
    (`target`), the pattern of its inputs and value, the premises to match, the rule's
    variables and the rule itself. Either the rule concludes a graph atom of the
    function, or an equality with the value of one of its premises (a hole: that
    premise is replaced by its inputs' argument sets)."""

    target: str
    pattern: tuple[str, ...]
    premises: list[Literal]
    variables: frozenset[str]
    rule: Rule


class _Model:
    """The numerals ≤ up_to (ints), the finite sets' elements (by name) and the function
    tables found so far, as a ground model: rules are matched against it and what they
    conclude about a function's value extends it.

    A rule concluding a graph atom (`b + s(c) = s(b + c)` read forwards) gives the
    value it states; a rule concluding an equality with the value of one of its premises
    (`a * 0 = b → b = 0`) gives that value where the table has none yet (the function is
    total: its value exists, and the rule says which it is). Values past up_to are not
    in the model, so a value is found only when its derivation stays within the numerals."""

    def __init__(self, sig: Signature, chain: list[str], up_to: int) -> None:
        self.sig, self.up_to = sig, up_to
        self.values: dict[str, Table] = {f.name: {} for f in _tabled(sig)}
        self.order: list[Key] = []
        self.needs: dict[Key, list[Key]] = {}
        self.rule: dict[Key, Rule] = {}
        self.constant: dict[str, Value] = {name: k for k, name in enumerate(chain) if k <= up_to}
        for _, elems in sig.finite:
            self.constant.update({e: e for e in elems})
        self.numerals = list(range(up_to + 1))
        # on demand (`lazy`): the rules giving each function's values, the demands under
        # way and those that found no value
        self._defining: dict[str, list[_Shape]] | None = None
        self._pending: set[tuple[str, tuple[Value, ...]]] = set()
        self._failed: set[tuple[str, tuple[Value, ...]]] = set()

    def saturate(self, rules: list[Rule]) -> None:
        """Apply the rules until no new value comes (rules in order, each to every match)."""
        usable = self._usable(rules)
        fired = [-1] * len(usable)  # how many table facts each rule has seen (-1: none yet)
        found = True
        while found:
            found = False
            for i, shape in enumerate(usable):
                since, fired[i] = fired[i], len(self.order)
                if since < len(self.order):
                    found |= self._fire(shape, self._delta(shape.premises, shape.variables, since))

    def lazy(self, rules: list[Rule]) -> None:
        """Compute values on demand from now on: a table atom whose inputs are known and
        whose value is not is looked up by `demand`, with these rules."""
        self._defining = {f: [] for f in self.values}
        for shape in self._usable(rules):
            plan = self._plan(shape.premises, shape.variables, set(shape.pattern[:-1]) & shape.variables)
            if plan is not None:
                self._defining[shape.target].append(shape._replace(premises=plan))

    def demand(self, f: str, args: tuple[Value, ...]) -> Value | None:
        """The value of `f(args)`: from the table, else found by the rules that conclude a
        value of `f`, matched with its inputs bound (and their premises' table atoms
        demanded in turn). None when no rule gives it within the numerals ≤ up_to, or
        when it is asked for while it is being computed (a cycle) or deeper than
        `DEMAND_DEPTH` nested demands."""
        table = self.values[f]
        if args in table or self._defining is None:
            return table.get(args)
        job = (f, args)
        if job in self._pending or job in self._failed or len(self._pending) >= DEMAND_DEPTH:
            return None
        self._pending.add(job)
        for shape in self._defining[f]:
            bind = self._unify(shape.pattern[:-1], args, shape.variables, {})
            if bind is not None and self._fire(shape, self._solve(shape.premises, shape.variables, bind, [], True)):
                break
        self._pending.discard(job)
        if args not in table:
            self._failed.add(job)
        return table.get(args)

    def _plan(self, premises: list[Literal], variables: frozenset[str], bound: set[str]) -> list[Literal] | None:
        """The premises in an order in which, with the variables `bound` known, each fixes
        its open variables (a table atom with its inputs known, a successor or `=` atom
        with one side known, a membership of a known value), or None when there is none:
        a defining rule, whose demand follows the definition and enumerates nothing."""
        todo, plan = list(premises), []
        while todo:
            lit = next((p for p in todo if self._determined(p, variables, bound)), None)
            if lit is None:
                return None
            todo.remove(lit)
            plan.append(lit)
            bound |= set(lit.args) & variables
        return plan

    def _determined(self, lit: Literal, variables: frozenset[str], bound: Iterable[str]) -> bool:
        """Whether `lit` has at most one match once the variables `bound` are known."""
        open_ = [a for a in lit.args if a in variables and a not in bound]
        if not open_:
            return True
        g = decode_graph(lit.pred, tuple(lit.args))
        if g is not None and g[0] not in variables and (g[0] == self.sig.succ or g[0] in self.values):
            return len(open_) == 1 and (g[0] == self.sig.succ or open_[0] == g[2] and g[2] not in g[1])
        return lit.pred == "=" and len(open_) == 1

    def _usable(self, rules: list[Rule]) -> list[_Shape]:
        """The rules that give a function's value, each as a `_Shape`."""
        out = []
        for rule in rules:
            if rule.exists or len(rule.conclusion) != 1 or not rule.conclusion[0].positive \
                    or not all(p.positive for p in rule.premises):
                continue
            concl = rule.conclusion[0]
            g = decode_graph(concl.pred, concl.args)
            premises = list(rule.premises)
            if g is not None and g[0] in self.values:
                out.append(_Shape(g[0], (*g[1], g[2]), premises, rule.vars, rule))
            elif concl.pred == "=" and (hole := self._hole(concl, premises, rule.vars)) is not None:
                premise, pattern = hole
                target, inputs, _ = decode_graph(premise.pred, premise.args)
                premises.remove(premise)
                premises += [Literal(True, "in", (x, s)) for x, s in zip(inputs, self.sig.function(target).args)]
                out.append(_Shape(target, pattern, premises, rule.vars, rule))
        return out

    def _fire(self, shape: _Shape, matches: Iterator[tuple[dict[str, Value], list[Key]]]) -> bool:
        """Record the value of the shape's function each match gives (the pattern's inputs
        and value under the match's binding) where the table has none; whether one was new."""
        target = shape.target
        new = []
        for bind, used in matches:
            vals = [self._value(a, shape.variables, bind) for a in shape.pattern]
            if all(v is not None for v in vals):
                new.append((tuple(vals[:-1]), vals[-1], used))
        found = False
        for args, value, used in new:
            if args not in self.values[target] and self._in_set(value, self.sig.function(target).result):
                key = ("table", target, args)
                self.values[target][args] = value
                self.order.append(key)
                self.needs[key] = list(dict.fromkeys(used))
                self.rule[key] = shape.rule
                found = True
        return found

    def _delta(self, premises: list[Literal], variables: frozenset[str], since: int
               ) -> Iterator[tuple[dict[str, Value], list[Key]]]:
        """The matches of `premises` (as `_solve`) that use a table fact found at or after
        position `since` of `order` (all matches when `since` is negative)."""
        if since < 0:
            yield from self._solve(premises, variables, {}, [])
            return
        fresh = self.order[since:]
        for lit in premises:
            g = decode_graph(lit.pred, tuple(lit.args))
            if g is None or g[0] in variables or g[0] not in self.values:
                continue
            rest = [p for p in premises if p is not lit]
            for key in fresh:
                if key[1] == g[0]:
                    vals = (*key[2], self.values[g[0]][key[2]], g[0])
                    b = self._unify(lit.args, vals, variables, {})
                    if b is not None:
                        yield from self._solve(rest, variables, b, [key])

    def _hole(self, concl: Literal, premises: list[Literal], variables: frozenset[str]
              ) -> tuple[Literal, tuple[str, ...]] | None:
        """For a rule concluding `u = v` where `u` is the value of a tabled function in one
        premise and nowhere else: that premise and its pattern (inputs, then `v`)."""
        for u, v in (concl.args, concl.args[::-1]):
            for p in premises:
                g = decode_graph(p.pred, p.args)
                if (g is not None and g[0] in self.values and g[2] == u and u in variables
                        and sum(u in q.args for q in premises) == 1 and u not in g[1]):
                    return p, (*g[1], v)
        return None

    def _in_set(self, v: Value, sort: str) -> bool:
        if sort == self.sig.domain:
            return isinstance(v, int) and 0 <= v <= self.up_to
        return v in self.sig.members(sort)

    def _unify(self, pattern: tuple[str, ...], vals: tuple[Value, ...], variables: frozenset[str],
               bind: dict[str, Value]) -> dict[str, Value] | None:
        out = dict(bind)
        for p, v in zip(pattern, vals):
            if p in variables:
                if out.setdefault(p, v) != v:
                    return None
            elif self.constant.get(p, p) != v:
                return None
        return out

    def _value(self, arg: str, variables: frozenset[str], bind: dict[str, Value]) -> Value | None:
        if arg in variables:
            return bind.get(arg)
        return self.constant.get(arg, arg)

    def _solve(self, premises: list[Literal], variables: frozenset[str], bind: dict[str, Value],
               used: list[Key], planned: bool = False) -> Iterator[tuple[dict[str, Value], list[Key]]]:
        """Every way to make the premises true in the model: the binding and the table
        facts it uses. The premise with the fewest open arguments is matched first, or,
        when `planned` (`_plan`'s order), the first."""
        if not premises:
            yield bind, used
            return
        if planned:
            lit = premises[0]
        else:
            # fewest open arguments first; among equals, one that has at most one match
            lit = min(premises, key=lambda p: (sum(self._value(a, variables, bind) is None for a in p.args),
                                               not self._determined(p, variables, bind)))
        rest = [p for p in premises if p is not lit]
        for vals, fact in self._matches(lit, variables, bind):
            b = self._unify(lit.args, vals, variables, bind)
            if b is not None:
                yield from self._solve(rest, variables, b, [*used, fact] if fact else used, planned)

    def _matches(self, lit: Literal, variables: frozenset[str], bind: dict[str, Value]
                 ) -> Iterator[tuple[tuple[Value, ...], Key | None]]:
        """The argument tuples of true ground atoms of `lit`'s predicate that agree with
        what `bind` fixes (with the table fact each is, if any)."""
        known = [self._value(a, variables, bind) for a in lit.args]
        if lit.pred == "=":
            x, y = known
            for v in ([x] if x is not None else [y] if y is not None else self.numerals):
                yield (v, v), None
        elif lit.pred == "in":
            x, s = known
            for v in ([x] if x is not None else [*self.numerals, *self.sig.members(s)]):
                if self._in_set(v, s):
                    yield (v, s), None
        elif (g := decode_graph(lit.pred, tuple(lit.args))) is not None:
            f = self._value(g[0], variables, bind)
            if f == self.sig.succ:
                x, y = known[0], known[1]
                pairs = [(x, x + 1)] if isinstance(x, int) else [(y - 1, y)] if isinstance(y, int) else \
                    [(k, k + 1) for k in self.numerals]
                for a, b in pairs:
                    if a >= 0 and b <= self.up_to:
                        yield (a, b, f), None
            elif f in self.values:
                ins = tuple(known[:-2])
                table = self.values[f]
                if all(v is not None for v in ins):
                    out = table[ins] if ins in table else self.demand(f, ins)
                    entries = [(ins, out)] if out is not None else []
                else:
                    entries = [(a, v) for a, v in table.items()
                               if all(k is None or k == x for k, x in zip(ins, a))]
                for a, out in entries:
                    yield (*a, out, f), ("table", f, a)


def incubate(theory: Theory, up_to: int = 6, settings: Settings | None = None, negatives: bool = True,
             progress: Callable[[TheoremResult], None] | None = None, compute_to: int | None = None,
             deadline: float | None = None) -> Incubation:
    """Prove `f(args) = value` for every function f (but the successor), arguments ≤
    up_to and values ≤ up_to where `evaluate` finds the value, that distinct numerals
    differ, and, for arguments ≤ 2, that `f(args)` is no other value. Each fact is proved
    from the facts a rule concludes it from that are proved (from the axioms alone where
    no rule concludes it in one step, as `a * 0 = 0` from `a * 0 = b → b = 0`), in a
    block whose only axiom that gave values in the evaluation is that rule (a negative
    fact's block has none, but those saying that its function has one value): the block
    does not compute the tables again up to the fact's numerals, so the cost of a fact
    grows only with its statement. A fact that fails so is tried again with every
    axiom, then from every fact proved before it. With `compute_to`, values
    of numerals up to it are computed on demand (`Incubation.computed`), unproved. At the
    absolute `time.perf_counter()` `deadline` it stops with the facts proved so far."""
    start = time.perf_counter()
    sig = signature(theory)
    nums = Numerals(theory, sig)
    prover = Prover(theory, settings or Settings(max_cycles=up_to + 8, max_depth=1, max_witnesses=4))
    inc = Incubation(up_to)
    if compute_to is not None:
        inc.model = _Model(sig, numeral_chain(theory, sig), compute_to)
        inc.model.lazy(prover.axiom_rules)
    ev = _evaluation(theory, sig, up_to, prover.axiom_rules)
    jobs: list[tuple[str, Expr, Key, list[Key]]] = []
    axioms = prover.axiom_rules
    computing = {r.key for r in ev.rule.values()}  # the axioms that gave some value
    # every fact's block holds the axioms without premises, those saying which set a value
    # lies in (from one premise) and the totality axioms, which name values only where asked;
    # a positive fact's block the rule that found it, a negative fact's the axioms
    # concluding a negative literal (`s(n) ≠ 0`) and those saying that a function has one
    # value (`s` is injective)
    light = [r for r in axioms if r.key not in computing and (not r.premises or r.exists or _typing(r))]
    refuting = [r for r in axioms if r.key not in computing and not r.exists
                and (r.uniqueness or any(not c.positive for c in r.conclusion))]
    for f in _tabled(sig):
        inc.table[f.name] = {}
    for key in ev.order:
        _, op, args = key
        value = ev.values[op][args]
        concl = Atom(*encode_graph(op, tuple(nums.element(a) for a in args), nums.element(value)))
        jobs.append((fact_name(op, args), nums.statement([*args, value], concl), key, ev.needs[key]))
    if negatives:
        for i in range(up_to + 1):
            for j in range(i + 1, up_to + 1):
                concl = Not(Atom("=", (nums.name(i), nums.name(j))))
                jobs.append((f"inc_ne_{i}_{j}", nums.statement([i, j], concl), ("distinct", i, j),
                             [("distinct", i - 1, j - 1)] if i else []))
        for f in _tabled(sig):
            others = list(range(up_to + 1)) if f.result == sig.domain else list(sig.members(f.result))
            for args, value in sorted(ev.values[f.name].items(), key=lambda item: _ordered(item[0])):
                if all(not isinstance(a, int) or a <= 2 for a in args):
                    for c in others:
                        if c != value:
                            concl = Not(Atom(*encode_graph(f.name, tuple(nums.element(a) for a in args), nums.element(c))))
                            needs = [("table", f.name, args)]
                            if isinstance(c, int) and isinstance(value, int):
                                needs.append(("distinct", min(c, value), max(c, value)))
                            jobs.append((fact_name(f.name, args, unequal=c),
                                         nums.statement([*args, value, c], concl), ("neg",), needs))
    proved: dict[Key, TheoremResult] = {}
    rules: dict[str, list[Rule]] = {}
    for name, stmt, key, needs in jobs:
        if deadline is not None and time.perf_counter() > deadline:
            break
        negative = isinstance(stmt.concl, Not)
        methods = ("contradiction",) if negative else ("direct",)
        cited = [proved[k] for k in needs if k in proved]
        small = light + (_about(refuting, stmt.concl, sig.succ) if negative else
                         [ev.rule[key]] if key in ev.rule else [])
        for given, premises in ((small, cited), (axioms, cited), (axioms, list(proved.values()))):
            r = _prove_from(prover, name, stmt, methods, given, premises, rules)
            if r.proved:
                break
        inc.results.append(r)
        if progress:
            progress(r)
        if not r.proved:
            continue
        rules[name] = prover.theorem_rules(name, stmt)
        proved[key] = r
        if key[0] == "table":
            _, op, args = key
            inc.table[op][args] = ev.values[op][args]
        elif key[0] == "distinct":
            inc.distinct.add((key[1], key[2]))
    inc.seconds = time.perf_counter() - start
    return inc


def _prove_from(prover: Prover, name: str, stmt: Expr, methods: tuple[str, ...], axioms: list[Rule],
                premises: list[TheoremResult], rules: dict[str, list[Rule]]) -> TheoremResult:
    """Prove `stmt` in blocks whose axioms are `axioms` and whose theorems are exactly
    `premises` (small blocks: the cost of a fact does not grow with the number proved
    before it). The prover is the incubator's own: its axioms and library are set anew
    for each fact."""
    prover.axiom_rules = axioms
    prover.library = premises
    prover.library_rules = [rule for p in premises for rule in rules[p.name]]
    return prover.prove(name, stmt, "incubator", methods=methods)


def _typing(rule: Rule) -> bool:
    """Whether the rule says which set a value lies in, from at most one premise
    (`s(x) = y → y ∈ N`)."""
    return len(rule.premises) <= 1 and all(c.positive and c.pred == "in" for c in rule.conclusion)


def _about(rules: list[Rule], claim: Expr, succ: str) -> list[Rule]:
    """The rules that mention no other function than `claim` does (the successor `succ`
    where it names none): `!(2 + 1 = 5)` needs that + has one value, not that s has."""
    named = _functions((a.name, a.args) for a in iter_atoms(claim)) or {succ}
    return [r for r in rules if _functions((lit.pred, lit.args) for lit in (*r.premises, *r.conclusion)) <= named]


def _functions(atoms: Iterable[tuple[str, tuple[str, ...]]]) -> set[str]:
    """The functions whose graph atoms are among `atoms` (predicate, arguments)."""
    return {g[0] for pred, args in atoms if (g := decode_graph(pred, tuple(args))) is not None}


def _ordered(args: tuple[Value, ...]) -> tuple:
    """A sort key of argument tuples: numerals in numeric order, then named elements."""
    return tuple((0, a, "") if isinstance(a, int) else (1, 0, a) for a in args)


#: the readable names of the usual operators in fact names, and the word of negative
#: facts (`inc_ne_1_2`): a function so named is escaped
_READABLE = {"+": "add", "*": "mul"}
_RESERVED = frozenset({*_READABLE.values(), "ne"})


def fact_name(op: str, args: tuple[Value, ...], unequal: Value | None = None) -> str:
    """The name of the incubator's fact about `op` at `args` (with `unequal`: that its
    value is not that one): `inc_`, the function's name and the arguments, joined by `_`
    (then `_ne_` and the other value). Names are injective: the function's name and each
    named argument keep their letters and digits, but for `Q`, and write any other
    character (`_` too) as `Q` and its two-digit code, so no part holds a `_`; `+` and
    `*` are written `add` and `mul`, and a function named so, or `ne`, is escaped
    (`Q61dd`). A name longer than MPL allows is `inc_QQ` and a digest of it (escaping
    never writes `QQ`).

    >>> fact_name("+", (2, 3)), fact_name("<=2", (1, 0)), fact_name("max", (0,))
    ('inc_add_2_3', 'inc_Q3cQ3d2_1_0', 'inc_max_0')
    >>> fact_name("f_1", (2,)), fact_name("f", (1, 2)), fact_name("add", (2, 3)), fact_name("p", ("t_1",))
    ('inc_fQ5f1_2', 'inc_f_1_2', 'inc_Q61dd_2_3', 'inc_p_tQ5f1')
    >>> fact_name("s", (1,), unequal=3), fact_name("f" * 130, (1,))[:10]
    ('inc_s_1_ne_3', 'inc_QQ11ff')
    """
    name = _READABLE.get(op) or escaped(op)
    if name in _RESERVED and op not in _READABLE:
        name = f"Q{ord(name[0]):02x}{name[1:]}"
    out = f"inc_{name}_" + "_".join(escaped(a) for a in args) + ("" if unequal is None else f"_ne_{escaped(unequal)}")
    return out if len(out) <= MAX_NAME_LENGTH else "inc_QQ" + hashlib.sha256(out.encode()).hexdigest()[:40]


def escaped(value: Value) -> str:
    """A value or name as a part of a fact name: a numeral as its digits, a name with
    every character but the letters and digits other than `Q` written as `Q` and its
    two-digit code (MPL names are ASCII): an injective map onto names without `_`.

    >>> escaped(3), escaped("a_Q'"), escaped("aQ5f")
    ('3', 'aQ5fQ51Q27', 'aQ515f')
    """
    if isinstance(value, int):
        return str(value)
    return "".join(ch if ch.isascii() and ch.isalnum() and ch != "Q" else f"Q{ord(ch):02x}" for ch in value)

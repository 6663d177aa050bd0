"""Ground facts about defined predicates and relations on small numerals.

The incubator tables the functions of a theory's signature; a theory such as GL's Gauss
batch also defines predicates and relations over them (`preorder[N,+,n,m]`: n ≤ m;
`fold[N,s,+,f,n,m,p]`: p = f(n) + … + f(m)) and names functions the signature does not
count (`id`, given by `identity[N,id]`). This module evaluates any such definition on
small numerals, with no name or shape built in:

- **roles**: each parameter's role is read off how the unfolded body uses it: an
  element (an argument of `=`, a member, a function's input or value), a set (what `in`
  tests membership of) or a function of some arity (a graph atom's last argument);
- **instances**: a set parameter is the theory's inductive set, a function parameter each
  function of that arity (the signature's, then the graph constants the axioms give
  values, as `id`), elements the numerals;
- **evaluation** (`GroundModel.holds`): the unfolded body is decided on the ground model:
  the incubator's values (proved, else computed from the axioms) and the successor;
  first-order quantifiers range over the numerals a hypothesis names (a function's value,
  an equal, a member), else over 0..2·`bound` (values are sought up to `bound`); a quantified set or function (`fold`'s `M`
  and `g`) is its *least witness*: the set or function the formula's own clauses that
  conclude membership of it or a value of it build, from nothing, until nothing new comes
  (`M = {p : n ≤ p ≤ m}`, `g(i0) = f(i0)`, `g(s(i)) = g(i) + f(s(i))`), and the formula is
  decided with it;
- **tables**: a definition whose last element parameter has at most one value for every
  choice of the others is a *relation* (its table gives that value: `Σ_{i=0..3} i = 6`),
  else a *predicate* (its table gives truth). Of a definition's instances the one with
  the most table entries is kept (a relation before a predicate; ties: in signature order), so `preorder` over `+` (≤)
  wins over `preorder` over `*` (divisibility) and `fold` over `+` and `id` over the rest.

Bounded quantifiers and least witnesses make the evaluation a guide, like
`Incubation.computed`: what it finds is then proved on the grid (`prove_facts`: a
relation's value as `∀p: fold[…,p] → p = 6`, a predicate's true instances as themselves,
a graph constant's values as `id(2) = 2`), each fact by the prover and re-checked by the
checker like every other incubator fact; what fails to prove is left out.

>>> from mpl_lang import load, parse_expr
>>> from gl.incubator import incubate
>>> theory = load("examples/peano/peano.mpl")
>>> inc = incubate(theory, up_to=3, negatives=False, compute_to=64)
>>> model = GroundModel(theory, signature(theory), inc.computed, {"i0": 0, "i1": 1}, 3)
>>> le = parse_expr("!(>[k](in[k,N])!(in3[a,k,b,+]))")  # a ≤ b: some k ∈ N has a + k = b
>>> [model.holds(le, {**model.env, "a": 1, "b": b}) for b in range(3)]
[False, True, True]
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from mpl_lang import And, Atom, Expr, Forall, Not, Theory
from mpl_lang.logic import bound_names, free_names, iter_atoms
from mpl_lang.terms import decode_graph, encode_graph

from .core.prover import Prover, Settings
from .core.result import TheoremResult
from .incubator import Incubation, Numerals, fact_name, numeral_chain
from .signature import Signature, signature

#: a value of the ground model: a numeral, the inductive set, a finite set, a function
#: (a signature function's or graph constant's name, or a witness table)
Value = int | str | frozenset | dict
#: how many atoms one definition's evaluation may decide at most (a deterministic bound:
#: an anchor-like definition with many nested quantifiers is skipped, not waited for)
WORK = 400_000


class Unevaluable(Exception):
    """The formula uses something the ground model cannot decide (an undefined predicate,
    a name with no value) or the evaluation ran past its work bound."""


@dataclass
class Relation:
    """A definition's table on small numerals: the instance's constants (`context`:
    parameter position -> constant), the positions of its element arguments (`inputs`, and
    `output`, the value's, for a relation), the table: inputs -> value, or all element
    arguments -> truth for a predicate; `witnessed`: whether the definition quantifies a
    set or a function (`fold`'s M and g), so that no term of the signature states it."""

    name: str
    params: tuple[str, ...]
    context: tuple[tuple[int, str], ...]
    inputs: tuple[int, ...]
    output: int | None
    table: dict[tuple[int, ...], int | bool] = field(default_factory=dict)
    witnessed: bool = False

    def atom(self, elements: tuple[str, ...]) -> Atom:
        """The definition's atom with `elements` at `inputs` (and `output`) in turn.

        >>> Relation("le", ("N", "+", "n", "m"), ((0, "N"), (1, "+")), (2, 3), None).atom(("a", "b"))
        Atom(name='le', args=('N', '+', 'a', 'b'))
        """
        out = [""] * len(self.params)
        for i, c in self.context:
            out[i] = c
        for i, v in zip((*self.inputs, *(() if self.output is None else (self.output,))), elements):
            out[i] = v
        return Atom(self.name, tuple(out))


class GroundModel:
    """The numerals with the incubator's function values: decides formulas (see the module)."""

    def __init__(self, theory: Theory, sig: Signature, value: Callable[..., int | str | None],
                 numerals: dict[str, int], bound: int) -> None:
        self.sig = sig
        self.value = value
        #: values are sought up to `bound`; quantifiers range twice as far, so that what
        #: holds only up to the edge of the range (`∀p ≤ 12: p ∈ N → p ≤ 12`) is no value
        self.bound = bound
        self.range = 2 * bound
        self.work = 0
        self._free: dict[int, tuple[str, ...]] = {}
        self._memo: dict[tuple, bool] = {}
        #: the graph constants that are no function of the signature, with their values
        self.constants: dict[str, dict] = {}
        #: the theory's constants as values: named numerals, sets and functions by name
        self.env: dict[str, Value] = {c: numerals.get(c, c) for c in theory.constants}
        axioms = theory.axiom_formula()
        if axioms is not None:
            named = {f.name for f in sig.functions}
            graphs = dict.fromkeys(g[0] for a in iter_atoms(axioms) if (g := decode_graph(a.name, a.args))
                                   and g[0] in theory.constants and g[0] not in named)
            env = {c: v for c, v in self.env.items() if not isinstance(v, str) or c not in graphs}
            for c in graphs:
                try:
                    self.constants[c] = self._least(c, _conjuncts(axioms), env)
                except Unevaluable:
                    continue

    def forget(self) -> None:
        """Drop what `holds` remembers (keyed by formula identity: call it before deciding
        formulas of another unfolded body) and reset the work count."""
        self._free.clear()
        self._memo.clear()
        self.work = 0

    # ------------------------------------------------------------------ atoms

    def apply(self, f: Value, args: tuple[Value, ...]) -> Value | None:
        """f(args) in the model; None where it has none (a witness under construction)
        or where it is past what the model knows of a function (`known` tells which)."""
        if isinstance(f, dict):
            return f.get(args)
        if not all(isinstance(a, int) for a in args):
            return None
        if f == self.sig.succ:
            return args[0] + 1
        return self.constants[f].get(args) if f in self.constants else self.value(f, *args)

    def atom(self, a: Atom, env: dict[str, Value]) -> bool | None:
        """The atom's truth; None where it needs a function value the model does not know."""
        self.work += 1
        if self.work > WORK:
            raise Unevaluable("work bound")
        vals = [_get(env, x) for x in a.args]
        g = decode_graph(a.name, a.args)
        if g is not None:
            v = self.apply(vals[-1], tuple(vals[:-2]))
            return None if v is None and not isinstance(vals[-1], dict) else v == vals[-2]
        if a.name == "=" and len(vals) == 2:
            return vals[0] == vals[1]
        if a.name == "in" and len(vals) == 2:
            x, s = vals
            if s == self.sig.domain:
                return isinstance(x, int) and x >= 0
            if isinstance(s, frozenset):
                return x in s
            return isinstance(s, str) and x in self.sig.members(s)
        raise Unevaluable(f"no value for {a.name}")

    # ------------------------------------------------------------------ formulas

    def holds(self, e: Expr, env: dict[str, Value]) -> bool | None:
        """Whether `e` holds under `env` (see the module for the bounds): True, False, or
        None where a function value past what the model knows decides it (Kleene's
        logic: `∃k: n + k = p` is true once one k is found, whatever the others)."""
        if isinstance(e, Atom):
            return self.atom(e, env)
        if isinstance(e, Not):
            inner = self.holds(e.body, env)
            return None if inner is None else not inner
        if isinstance(e, And):
            return _all(self.holds(p, env) for p in e.parts)
        # a quantified formula is decided once per value of its free names (`n ≤ p` inside
        # an interval's clauses comes back for every p); witness tables are not remembered
        free = self._free.get(id(e))
        if free is None:
            free = self._free[id(e)] = tuple(sorted(free_names(e)))
        vals = tuple(_get(env, x) for x in free)
        key = (id(e), vals) if not any(isinstance(v, dict) for v in vals) else None
        if key is not None and key in self._memo:
            return self._memo[key]
        extra = _conjuncts(e.concl.body) if isinstance(e.concl, Not) else []
        inner = {k: v for k, v in env.items() if k not in e.vars}  # bound names shadow
        result: bool | None = True
        for b, certain in self.solutions(_conjuncts(e.hyp), e.vars, inner, extra):
            c = self.holds(e.concl, b)
            if c is False and certain:
                result = False
                break
            if c is not True:
                result = None
        if key is not None:
            self._memo[key] = result
        return result

    def solutions(self, hyps: list[Expr], names: tuple[str, ...], env: dict[str, Value],
                  extra: list[Expr] | None = None) -> Iterator[tuple[dict[str, Value], bool]]:
        """The extensions of `env` to `names` under which every formula of `hyps` holds,
        each with whether that is certain (else it is unknown): a name is bound from an
        atom that determines it (a function's value, an equal, a member of a set), a set or
        function name to its least witness (from the clauses of `hyps` and `extra`), any
        other to each numeral of the range."""
        open_ = [n for n in names if n not in env]
        if not open_:
            truth = _all(self.holds(h, env) for h in hyps)
            if truth is not False:
                yield env, truth is True
            return
        name, choices = self._choose(hyps, open_, env, extra or [])
        rest = tuple(n for n in names if n != name)
        for v in choices:
            yield from self.solutions(hyps, rest, {**env, name: v}, extra)

    def _choose(self, hyps: list[Expr], open_: list[str], env: dict[str, Value], extra: list[Expr]
                ) -> tuple[str, list[Value]]:
        """An open name and the values to try for it (see `solutions`)."""
        for h in hyps:
            if not isinstance(h, Atom):
                continue
            known = [x not in open_ for x in h.args]
            g = decode_graph(h.name, h.args)
            if g is not None and known[-1] and all(known[:-2]) and h.args[-2] in open_:
                f = _get(env, h.args[-1])
                v = self.apply(f, tuple(_get(env, x) for x in h.args[:-2]))
                if v is not None or isinstance(f, dict):
                    return h.args[-2], [] if v is None else [v]
            if h.name == "=" and len(h.args) == 2 and known.count(True) == 1:
                i = known.index(True)
                return h.args[1 - i], [_get(env, h.args[i])]
            if h.name == "in" and len(h.args) == 2 and known[1] and h.args[0] in open_:
                s = _get(env, h.args[1])
                if isinstance(s, frozenset):
                    return h.args[0], sorted(s, key=str)
            if g is not None and known[-1] and not all(known[:-1]) and isinstance(f := _get(env, h.args[-1]), dict):
                pairs = [(*k, v) for k, v in f.items()
                         if all(not kn or _get(env, x) == y for x, kn, y in zip(h.args[:-1], known, (*k, v)))]
                first = next(x for x, kn in zip(h.args[:-1], known) if not kn)
                return first, sorted({p[h.args[:-1].index(first)] for p in pairs}, key=str)
        for n in open_:
            if _higher(n, [*hyps, *extra]):
                return n, [self._least(n, [*hyps, *extra], env)]
        return open_[0], list(range(self.range + 1))

    def _least(self, x: str, formulas: list[Expr], env: dict[str, Value]) -> Value:
        """The least set or function `x` the clauses among `formulas` that conclude a
        membership in it or a value of it build from nothing, from what certainly holds
        (a function keeps the first value found for an input)."""
        producers = [p for f in formulas for p in _producers(f, x)]
        if any(a.name == "in" for _, _, a in producers):
            found: Value = frozenset()
        else:
            found = {}
        cap = (self.range + 1) ** 2
        while True:
            new = []
            for names, hyps, concl in producers:
                outer = {k: v for k, v in env.items() if k not in names}  # bound names shadow
                for b, certain in self.solutions(hyps, names, {**outer, x: found}):
                    if certain:
                        vals = tuple(_get(b, a) for a in concl.args)
                        new.append(vals[0] if concl.name == "in" else (vals[:-2], vals[-2]))
            if isinstance(found, frozenset):
                grown = found | frozenset(new)
            else:
                grown = dict(found)
                for k, v in new:
                    grown.setdefault(k, v)
            if len(grown) == len(found) or len(grown) > cap:
                return grown
            found = grown


def _all(truths: Iterable[bool | None]) -> bool | None:
    """Kleene's conjunction: False if one is False, else None if one is unknown."""
    out: bool | None = True
    for t in truths:
        if t is False:
            return False
        if t is None:
            out = None
    return out


def _get(env: dict[str, Value], name: str) -> Value:
    if name not in env:
        raise Unevaluable(f"no value for {name}")
    return env[name]


def _conjuncts(e: Expr) -> list[Expr]:
    return [x for p in e.parts for x in _conjuncts(p)] if isinstance(e, And) else [e]


def _about(a: Atom, x: str) -> bool:
    """Whether the atom says that something is in `x` or is a value of `x`."""
    if a.name == "in" and len(a.args) == 2:
        return a.args[1] == x and a.args[0] != x
    return decode_graph(a.name, a.args) is not None and a.args[-1] == x and x not in a.args[:-1]


def _higher(x: str, formulas: list[Expr]) -> bool:
    """Whether `x` is used as a set or a function in `formulas`."""
    return any(_about(a, x) for f in formulas for a in iter_atoms(f))


def _producers(e: Expr, x: str, names: tuple[str, ...] = (), hyps: tuple[Expr, ...] = ()
               ) -> list[tuple[tuple[str, ...], list[Expr], Atom]]:
    """The clauses of `e` (conjuncts, nested `∀`) that conclude an atom about `x`: their
    variables, hypotheses and that atom."""
    if isinstance(e, Atom):
        return [(names, list(hyps), e)] if _about(e, x) else []
    if isinstance(e, And):
        return [p for part in e.parts for p in _producers(part, x, names, hyps)]
    if isinstance(e, Forall) and x not in e.vars:
        return _producers(e.concl, x, (*names, *e.vars), (*hyps, *_conjuncts(e.hyp)))
    return []


def roles(body: Expr, params: tuple[str, ...]) -> dict[str, str] | None:
    """Each parameter's role in an unfolded body: `element`, `set`, or `function k` (k
    inputs); None when one is used in two roles or not at all.

    >>> from mpl_lang import parse_expr
    >>> roles(parse_expr("!(>[p](in[p,N])!(in3[n,p,m,+]))"), ("N", "+", "n", "m"))
    {'N': 'set', '+': 'function 2', 'n': 'element', 'm': 'element'}
    """
    found: dict[str, set[str]] = {p: set() for p in params}
    for a in iter_atoms(body):
        g = decode_graph(a.name, a.args)
        uses = [(a.args[-1], f"function {len(g[1])}"), *((x, "element") for x in a.args[:-1])] if g else \
            [(a.args[0], "element"), (a.args[1], "set")] if a.name == "in" and len(a.args) == 2 else \
            [(x, "element") for x in a.args] if a.name == "=" else []
        for x, role in uses:
            if x in found:
                found[x].add(role)
    if any(len(r) != 1 for r in found.values()):
        return None
    return {p: r.pop() for p, r in found.items()}


def tables(theory: Theory, sig: Signature, model: GroundModel, up_to: int) -> list[Relation]:
    """The table of every definition (but the anchor and those it uses) with an element
    parameter, on the numerals 0..up_to, for its instance with the most entries."""
    used = {a.name for a in iter_atoms(theory.anchor.body)} if theory.anchor else set()
    out = []
    for d in theory.definitions.values():
        if d is theory.anchor or d.name in used:
            continue
        body = theory.unfold(d.body)
        role = roles(body, d.params)
        if role is None or free_names(body) - set(d.params) or "element" not in role.values():
            continue
        # the instances are ranked on the numerals ≤ 2 (and values ≤ 4); the best one's
        # table is then computed in full
        best: Relation | None = None
        bound = model.bound
        model.bound = model.range = min(bound, 4)
        try:
            for context in _instances(d.params, role, sig, model):
                model.forget()
                try:
                    r = _table(d.name, d.params, role, context, body, model, min(up_to, 2))
                except Unevaluable:
                    continue
                if r.table and (best is None or _rank(r) > _rank(best)):
                    best = r
        finally:  # the next definition gets the model as it was
            model.bound, model.range = bound, 2 * bound
        model.forget()
        if best is not None:
            try:
                full = _table(d.name, d.params, role, best.context, body, model, up_to)
            except Unevaluable:
                continue
            if full.table:
                full.witnessed = any(_higher(v, [body]) for v in sorted(bound_names(body)))
                out.append(full)
    return out


def _rank(r: Relation) -> tuple[bool, int]:
    """Relations before predicates, then more entries (true ones of a predicate) first."""
    return r.output is not None, sum(v is not False for v in r.table.values())


def _instances(params: tuple[str, ...], role: dict[str, str], sig: Signature, model: GroundModel
               ) -> Iterator[tuple[tuple[int, str], ...]]:
    """Every choice of constants for the set and function parameters, in signature order."""
    functions = [(f.name, f.arity) for f in sig.functions] + \
        [(c, len(next(iter(t)))) for c, t in model.constants.items() if t]
    choices = []
    for i, p in enumerate(params):
        r = role[p]
        if r == "set":
            choices.append([(i, sig.domain)])
        elif r.startswith("function"):
            k = int(r.split()[1])
            choices.append([(i, f) for f, n in functions if n == k])
    yield from itertools.product(*choices)


def _table(name: str, params: tuple[str, ...], role: dict[str, str], context: tuple[tuple[int, str], ...],
           body: Expr, model: GroundModel, up_to: int) -> Relation:
    """The instance's table: a relation's when its last element has at most one value for
    each choice of the others (values up to the model's bound), else a predicate's."""
    env: dict[str, Value] = {params[i]: c for i, c in context}
    elements = tuple(i for i, p in enumerate(params) if role[p] == "element")
    inputs, output = elements[:-1], elements[-1]
    values: dict[tuple[int, ...], list[int]] = {}
    for args in itertools.product(range(up_to + 1), repeat=len(inputs)):
        bound = {**env, **{params[i]: a for i, a in zip(inputs, args)}}
        truths = [model.holds(body, {**bound, params[output]: v}) for v in range(model.bound + 1)]
        if None not in truths:  # else some value the model does not know: these arguments stay out
            values[args] = [v for v, t in enumerate(truths) if t]
    if all(len(v) <= 1 for v in values.values()):
        return Relation(name, params, context, inputs, output, {k: v[0] for k, v in values.items() if v})
    table = {(*k, v): v in vs for k, vs in values.items() for v in range(up_to + 1)}
    return Relation(name, params, context, elements, None, table)


def facts(relations: list[Relation], constants: dict[str, dict], up_to: int, name: Callable[[int], str],
          statement: Callable[[list[int], Expr], Expr], taken: set[str]) -> list[tuple[str, Expr]]:
    """The statements that say what the tables say for numerals ≤ up_to: a graph
    constant's values (`id(2) = 2`), a relation's values (`∀p: fold[…,i0,3,p] → p = 6`),
    a predicate's true instances (`preorder[N,+,1,2]`); named `inc_<name>_<numerals>`."""
    out = []
    for c, table in constants.items():
        for args, v in sorted((k, v) for k, v in table.items() if isinstance(v, int) and max(k, default=0) <= up_to
                              and all(isinstance(a, int) for a in k)):
            concl = Atom(*encode_graph(c, tuple(name(a) for a in args), name(v)))
            out.append((fact_name(c, args), statement([*args, v], concl)))
    for r in sorted(relations, key=lambda r: r.output is not None):  # predicates first: a sum's
        for args, v in sorted(r.table.items()):                      # interval rests on ≤ facts
            if max(args, default=0) > up_to or v is False:
                continue
            if r.output is None:
                concl: Expr = r.atom(tuple(map(name, args)))
                numbers = list(args)
            else:
                p = next(x for x in (f"v{k}" if k else "v" for k in itertools.count()) if x not in taken)
                concl = Forall((p,), r.atom((*map(name, args), p)), Atom("=", (p, name(v))))
                numbers = [*args, v]
            out.append((fact_name(r.name, args), statement(numbers, concl)))
    return out


@dataclass
class Defined:
    """What `incubate_definitions` found: the tables and the facts it proved of them."""

    relations: list[Relation]
    constants: dict[str, dict]
    results: list[TheoremResult]


def incubate_definitions(theory: Theory, inc: Incubation, up_to: int = 4, prove_to: int = 3, values_to: int = 10,
                         settings: Settings | None = None, progress: Callable[[TheoremResult], None] | None = None,
                         deadline: float | None = None) -> Defined:
    """Tables of the theory's defined predicates and relations and of the graph constants
    the signature does not count, on the numerals 0..up_to (values up to `values_to`, as
    far as `inc` computes the functions they need), and their facts with numerals ≤
    prove_to, each proved directly from the axioms, the incubator's facts and the facts
    proved before it (a fact that fails to prove is reported as such and never used). At
    the absolute `time.perf_counter()` `deadline` it stops with the facts proved so far.

    >>> from mpl_lang import load
    >>> from gl.incubator import incubate
    >>> theory = load("examples/peano/peano.mpl")
    >>> incubate_definitions(theory, incubate(theory, up_to=1, negatives=False)).results
    []
    """
    sig = signature(theory)
    nums = Numerals(theory, sig)
    numerals = {c: k for k, c in enumerate(numeral_chain(theory, sig))}
    model = GroundModel(theory, sig, inc.computed, numerals, values_to)
    relations = tables(theory, sig, model, up_to)
    taken = set(theory.constants) | {nums.name(k) for k in range(model.bound + 1)}
    statements = facts(relations, model.constants, prove_to, nums.name, nums.statement, taken)
    prover = Prover(theory, settings or Settings(max_cycles=prove_to + 10, max_depth=1, max_witnesses=8))
    for r in inc.results:
        if r.proved:
            prover.accept(r)
    results = []
    for n, e in statements:
        if deadline is not None and time.perf_counter() > deadline:
            break
        results.append(prover.prove(n, e, "incubator", methods=("direct",)))
        if results[-1].proved:
            prover.accept(results[-1])  # a fact rests on those before it (`1 ≤ 3` for Σ_{i=0..3})
        if progress:
            progress(results[-1])
    return Defined(relations, model.constants, results)


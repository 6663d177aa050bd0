"""Build one proof block step by step, in the proof-graph format of `export/SCHEMA.md`.

The builder starts from a block's hypotheses and knows which constant holds the value of
which function application (`named`), which constants are equal (and how to prove it),
and how to get a fact on demand: a hypothesis, a ground axiom, `x ∈ N` from a domain
axiom, a new function value from a totality axiom (`witness` + `and_elim`), an equality
from a functionality axiom, or a fact about equal constants by `eq_subst`. Mutation proofs
are then three calls: fire the invoked clause, fire the seed's clause, `need` the goal.

>>> from mpl_lang import load
>>> from mutation.alchemy.signature import Signature
>>> b = ProofBuilder(Signature.of(load("examples/peano/peano.mpl")), [Literal(True, "in", ("a", "N"))], {"a"})
>>> b.value(("+", "a", "a"))
'w1'
>>> [s["kind"] for s in b.steps]
['hyp', 'witness']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from mpl_lang.logic import FALSUM, Literal, literal_text, subst_literal
from mpl_lang.terms import GRAPH_ARITY, Term

from .signature import ClauseRef, Signature
from .statements import graph, graph_literal

Key = tuple[str, tuple[str, ...]]


class ProofError(Exception):
    """The builder found no way to derive a fact it needs."""


def match_literal(pattern: Literal, ground: Literal, variables: Iterable[str],
                  sigma: dict[str, str] | None = None) -> dict[str, str] | None:
    """Bind the pattern's `variables` so that it equals `ground`, or None.

    >>> match_literal(Literal(True, "in", ("x", "N")), Literal(True, "in", ("a", "N")), {"x"})
    {'x': 'a'}
    """
    if pattern.positive != ground.positive or pattern.pred != ground.pred or len(pattern.args) != len(ground.args):
        return None
    sigma = {} if sigma is None else dict(sigma)
    vs = set(variables)
    for p, g in zip(pattern.args, ground.args):
        if p in vs:
            if sigma.setdefault(p, g) != g:
                return None
        elif p != g:
            return None
    return sigma


class ProofBuilder:
    """The steps of one block whose hypotheses are `hyps`; `names` are the block's fresh
    constants (witnesses get other names)."""

    def __init__(self, sig: Signature, hyps: Sequence[Literal], names: Iterable[str]) -> None:
        self.sig = sig
        self.steps: list[dict[str, Any]] = []
        self.done: dict[Literal, int] = {}
        self.lazy: dict[Literal, tuple] = {}
        self.named: dict[Key, str] = {}
        self.by_fn: dict[str, list[Literal]] = {}
        self.occurs: dict[str, list[Literal]] = {}
        self.edges: dict[str, dict[str, tuple]] = {}
        self.taken = set(names) | set(sig.constants)
        self._next_witness = 1
        self._pending: list[Literal] = []
        for i, h in enumerate(hyps):
            self._register(h, ("hyp", i))
        for lit, cr in sig.ground.items():
            self._register(lit, ("ground", cr))

    # ------------------------------------------------------------------ bookkeeping

    def _register(self, lit: Literal, recipe: tuple | None, sid: int | None = None) -> None:
        """Record a fact that is derived (`sid`) or derivable on demand (`recipe`)."""
        done, lazy = self.done, self.lazy
        if lit in done:
            return
        if lit in lazy:
            if sid is not None:
                done[lit] = sid
                del lazy[lit]
            return
        if sid is not None:
            done[lit] = sid
        else:
            lazy[lit] = recipe
        self._pending.append(lit)

    def _index(self) -> None:
        """Index the facts registered since the last call: values (`named`), occurrences,
        equalities and what follows from them. Proofs that only chain rules never need it."""
        pending = self._pending
        i = 0
        while i < len(pending):
            self._index_one(pending[i])
            i += 1
        pending.clear()

    def _index_one(self, lit: Literal) -> None:
        positive, pred, args = lit
        n = GRAPH_ARITY.get(pred)
        if positive and n is not None and len(args) == n + 2:
            f, ins, out = args[-1], args[:n], args[n]
            self.by_fn.setdefault(f, []).append(lit)
            for a in (*ins, out):
                self.occurs.setdefault(a, []).append(lit)
            first = self.named.setdefault((f, ins), out)
            if first != out and f in self.sig.functional:
                self._edge(first, out, ("func", f, ins))
            if self.edges:
                for z in set(ins) & self.edges.keys():
                    for w in list(self.edges[z]):
                        self._congruent(lit, z, w)
        elif lit.positive and lit.pred == "=" and len(lit.args) == 2:
            u, v = lit.args
            self._edge(u, v, ("fact", lit))

    def _edge(self, u: str, v: str, recipe: tuple) -> None:
        """Record that `u` and `v` are provably equal (`recipe` says how), and what follows
        by congruence: `f(..u..) = x` and `f(..v..) = y` make `x` and `y` equal."""
        if u == v or v in self.edges.get(u, ()):
            return
        self.edges.setdefault(u, {})[v] = recipe
        self.edges.setdefault(v, {})[u] = ("symm", Literal(True, "=", (u, v))) if recipe[0] == "fact" else recipe
        for a, b in ((u, v), (v, u)):
            for lit in list(self.occurs.get(a, ())):
                self._congruent(lit, a, b)

    def _congruent(self, lit: Literal, a: str, b: str) -> None:
        f, ins, x = graph(lit)
        if a not in ins or f not in self.sig.functional:
            return
        ins_b = tuple(b if z == a else z for z in ins)
        y = self.named.get((f, ins_b))
        if y is not None and y != x and not self._same(x, y):
            self._edge(x, y, ("cong", lit, a, b, ins_b))

    def _emit(self, kind: str, fact: str, premises: list[int], **extra: Any) -> int:
        sid = len(self.steps) + 1
        step = {"id": sid, "kind": kind, "fact": fact, "premises": premises,
                "cycle": 0 if kind == "hyp" else 1}
        step.update(extra)
        self.steps.append(step)
        return sid

    def _fresh(self) -> str:
        while f"w{self._next_witness}" in self.taken:
            self._next_witness += 1
        name = f"w{self._next_witness}"
        self.taken.add(name)
        return name

    # ------------------------------------------------------------------ rules

    def fire(self, cr: ClauseRef, sigma: dict[str, str]) -> int:
        """A `rule` (or `witness`) step using clause `cr` under `sigma`, after deriving its
        premises; the conclusion becomes a known fact. Returns the step id."""
        c = cr.clause
        prem = [self.need(subst_literal(p, sigma)) for p in c.premises]
        concl = [subst_literal(lit, sigma) for lit in c.conclusion]
        subst = dict(sorted(sigma.items()))
        if c.exists:
            fact = literal_text(concl[0]) if len(concl) == 1 else \
                "(&" + "".join(literal_text(lit) for lit in concl) + ")"
            sid = self._emit("witness", fact, prem, rule=cr.ref, subst=subst)
            for lit in concl:
                self._register(lit, ("and_elim", sid)) if len(concl) > 1 else self._register(lit, None, sid)
            return sid
        sid = self._emit("rule", literal_text(concl[0]), prem, rule=cr.ref, subst=subst)
        self._register(concl[0], None, sid)
        return sid

    def contradiction(self, a: int, b: int) -> int:
        """⊥ from steps `a` and `b`, whose facts are `L` and `!L`."""
        return self._emit("contradiction", FALSUM, [a, b])

    def need(self, lit: Literal) -> int:
        """The id of a step whose fact is `lit`, deriving it when it is not there yet."""
        sid = self.done.get(lit)
        if sid is not None:
            return sid
        recipe = self.lazy.pop(lit, None)
        if recipe is not None:
            return self._cook(lit, recipe)
        if lit.positive and lit.pred == "in" and len(lit.args) == 2:
            return self._need_in(*lit.args)
        if lit.positive and lit.pred == "=" and len(lit.args) == 2:
            return self._need_eq(*lit.args)
        g = graph(lit)
        if g is not None:
            return self._need_graph(*g)
        return self._need_congruent(lit)

    def _cook(self, lit: Literal, recipe: tuple) -> int:
        kind = recipe[0]
        if kind == "hyp":
            sid = self._emit("hyp", literal_text(lit), [], index=recipe[1])
        elif kind == "ground":
            sid = self._emit("rule", literal_text(lit), [], rule=recipe[1].ref, subst={})
        else:  # and_elim of a witness step
            sid = self._emit("and_elim", literal_text(lit), [recipe[1]])
        self.done[lit] = sid
        return sid

    # ------------------------------------------------------------------ values

    def value(self, t: Term) -> str:
        """The constant holding the value of term `t` (over block constants), naming it with a
        new witness when no known fact gives it one."""
        if isinstance(t, str):
            return t
        f = t[0]
        ins = tuple([self.value(a) for a in t[1:]])
        if self._pending:
            self._index()
        out = self.named.get((f, ins))
        if out is not None:
            return out
        for lit in list(self.by_fn.get(f, ())):
            g = graph(lit)
            if all(self._same(a, b) for a, b in zip(g[1], ins)):
                self._need_graph(f, ins, g[2])
                return g[2]
        return self._witness(f, ins)

    def _witness(self, f: str, ins: tuple[str, ...]) -> str:
        cr = self.sig.total.get(f)
        if cr is None:
            raise ProofError(f"no totality axiom names a value of {f}")
        w = self._fresh()
        target = graph_literal(f, ins, w)
        c = cr.clause
        pattern = next(lit for lit in c.conclusion if graph(lit) is not None)
        sigma = match_literal(pattern, target, (*c.vars, *c.exists))
        if sigma is None or set(sigma) != {*c.vars, *c.exists}:
            raise ProofError(f"the totality axiom of {f} does not fit {literal_text(target)}")
        self.fire(cr, sigma)
        return w

    # ------------------------------------------------------------------ typing

    def _need_in(self, x: str, dom: str) -> int:
        self._index()
        cands = sorted(self.occurs.get(x, ()), key=lambda lit: lit not in self.done)
        for lit in cands:
            f, ins, out = graph(lit)
            for k, a in enumerate((*ins, out)):
                d = self.sig.domain.get((f, k))
                if a == x and d is not None and d[1] == dom:
                    cr = d[0]
                    sigma = match_literal(cr.clause.premises[0], lit, cr.clause.vars)
                    if sigma is not None and set(sigma) == set(cr.clause.vars):
                        return self.fire(cr, sigma)
        raise ProofError(f"cannot derive (in[{x},{dom}])")

    # ------------------------------------------------------------------ equality

    def _component(self, x: str) -> dict[str, str | None]:
        """Constants provably equal to `x`, each with its predecessor on a shortest path."""
        seen: dict[str, str | None] = {x: None}
        frontier = [x]
        while frontier:
            nxt = []
            for u in frontier:
                for v in self.edges.get(u, ()):
                    if v not in seen:
                        seen[v] = u
                        nxt.append(v)
            frontier = nxt
        return seen

    def _same(self, a: str, b: str) -> bool:
        return a == b or (a in self.edges and b in self._component(a))

    def _edge_fact(self, u: str, v: str) -> int:
        lit = Literal(True, "=", (u, v))
        if lit in self.done:
            return self.done[lit]
        recipe = self.edges[u][v]
        if recipe[0] == "fact":
            return self.need(recipe[1])
        if recipe[0] == "symm":
            src = self.need(recipe[1])
            sid = self._emit("eq_symm", literal_text(lit), [src])
        elif recipe[0] == "func":
            sid = self._functional(recipe[1], recipe[2], u, v)
        else:  # congruence: rewrite f(..a..) = x to f(..b..) = x, then functionality
            _, src_lit, a, b, ins_b = recipe
            n = len(ins_b)
            moved = Literal(True, src_lit.pred, tuple(b if i < n and z == a else z for i, z in enumerate(src_lit.args)))
            if moved not in self.done:
                e = self._need_eq(a, b)
                src = self.need(src_lit)
                self._register(moved, None, self._emit("eq_subst", literal_text(moved), [e, src]))
            sid = self._functional(src_lit.args[-1], ins_b, u, v)
        self.done[lit] = sid
        return sid

    def _functional(self, f: str, ins: tuple[str, ...], u: str, v: str) -> int:
        cr = self.sig.functional[f]
        c = cr.clause
        z1, z2 = c.conclusion[0].args
        first = next(p for p in c.premises if graph(p) is not None and graph(p)[2] == z1)
        sigma = match_literal(first, graph_literal(f, ins, u), c.vars)
        if sigma is None:
            raise ProofError(f"the functionality axiom of {f} does not fit")
        sigma[z2] = v
        return self.fire(cr, sigma)

    def _need_eq(self, x: str, y: str) -> int:
        lit = Literal(True, "=", (x, y))
        if lit in self.done:
            return self.done[lit]
        if x == y:
            sid = self._emit("eq_refl", literal_text(lit), [])
            self.done[lit] = sid
            return sid
        self._index()
        comp = self._component(x)
        if y not in comp:
            raise ProofError(f"cannot derive {literal_text(lit)}")
        path = [y]
        while comp[path[-1]] is not None:
            path.append(comp[path[-1]])
        path.reverse()
        sid = self._edge_fact(path[0], path[1])
        for a, b in zip(path[1:], path[2:]):
            e = self._edge_fact(a, b)
            sid = self._emit("eq_subst", literal_text(Literal(True, "=", (x, b))), [e, sid])
        self.done[lit] = sid
        return sid

    def _need_congruent(self, lit: Literal) -> int:
        """A literal from a known one of the same predicate and polarity whose arguments are
        provably equal to its own (a negated fact carried across equalities)."""
        self._index()
        for known in (*self.done, *self.lazy):
            if known.positive == lit.positive and known.pred == lit.pred and len(known.args) == len(lit.args) \
                    and all(self._same(a, b) for a, b in zip(known.args, lit.args)):
                return self._carry(known, lit.args)
        raise ProofError(f"cannot derive {literal_text(lit)}")

    def _carry(self, known: Literal, want: tuple[str, ...]) -> int:
        """`known` with its arguments replaced one by one by the equal ones of `want`."""
        sid = self.need(known)
        args = list(known.args)
        for j, (a, b) in enumerate(zip(known.args, want)):
            if a != b:
                e = self._need_eq(a, b)
                args[j] = b
                sid = self._emit("eq_subst", literal_text(Literal(known.positive, known.pred, tuple(args))), [e, sid])
        self._register(Literal(known.positive, known.pred, tuple(args)), None, sid)
        return sid

    def _need_graph(self, f: str, ins: tuple[str, ...], out: str) -> int:
        target = graph_literal(f, ins, out)
        if target in self.done or target in self.lazy:
            return self.need(target)
        self._index()
        want = (*ins, out)
        cands = sorted(self.by_fn.get(f, ()), key=lambda lit: lit not in self.done)
        for lit in cands:
            g = graph(lit)
            have = (*g[1], g[2])
            if all(self._same(a, b) for a, b in zip(have, want)):
                return self._carry(lit, target.args)
        raise ProofError(f"cannot derive {literal_text(target)}")

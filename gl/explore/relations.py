"""Conjectures about relations that are functions of their other arguments.

The explorer conjectures equations between terms over the signature's functions. A
defined relation whose last element argument has one value for each choice of the others
(`fold[N,s,+,id,n,m,p]`: p = Σ_{i=n..m} i; the incubator's tables say so on small numerals,
`gl.incubator_defs`) is a function too, only not one the axioms name. Here each such
relation joins the signature as a function of its inputs (its table the incubator's),
terms are enumerated and filtered as usual (`enumeration`), and every equation that uses
it is stated back with the relation as a hypothesis naming its value:
`Σ(i0, a) + Σ(i0, a) = a * s(a)` becomes
`∀a,S,..: fold[N,s,+,id,i0,a,S] ∧ S + S = y ∧ s(a) = z → a * z = y`, and `Σ(a, a) = a`
becomes `∀a,S: fold[N,s,+,id,a,a,S] → S = a`. A relation's value is never a conclusion:
that would claim that the relation holds (that a sum *exists*), not what its value is.

A defined *predicate* of one or two elements (`preorder[N,+,n,m]`: n ≤ m) has no value to
equate; its laws are Horn clauses (`predicate_laws`): `a ≤ a`, `a ≤ s(a)`, `i0 ≤ a`,
`s(a) ≤ b → a ≤ b`, `a ≤ b ∧ b ≤ c → a ≤ c`, over its atoms of variables, the named
elements and successors of variables, those its table on small numerals never refutes
and that do not follow from the laws before them.

>>> from gl.incubator_defs import Relation
>>> fold = Relation("fold", ("N", "s", "+", "f", "n", "m", "p"), ((0, "N"), (1, "s"), (2, "+"), (3, "id")), (4, 5), 6,
...                 witnessed=True)
>>> from mpl_lang import to_mpl
>>> to_mpl(stated(("fold", "a", "a"), "a", {"fold": fold}, "N", frozenset({"N", "s", "+", "id", "i0"})))
'(>[a,b](&(fold[N,s,+,id,a,a,b])(in[a,N])(in[b,N]))(=[b,a]))'
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Iterator

from mpl_lang import And, Atom, Expr, Forall, Statement
from mpl_lang.logic import conjoin
from mpl_lang.terms import Term, decode_graph, encode_graph, fresh_names, leaves, node_count

from ..equations import equation_to_statement
from ..incubator import Incubation
from ..incubator_defs import Relation
from ..signature import Function, Signature
from .config import ExploreConfig
from .enumeration import TermEvaluator, enumerate_conjectures, normalize
from .stages import Exploration

#: a predicate law: the argument tuples of its hypotheses' atoms and of its conclusion's
Law = tuple[tuple[tuple[Term, ...], ...], tuple[Term, ...]]


def relation_conjectures(relations: list[Relation], sig: Signature, inc: Incubation, elements: dict[str, int],
                         cfg: ExploreConfig, constants: frozenset[str], stats: Exploration,
                         deadline: float | None = None) -> list[Statement]:
    """The conjectures (see the module) that use the relations of `relations`: those whose
    last element is their value and whose definitions quantify a set or a function (no
    term of the signature states them), named `<relation>_<k>`, then the predicates' laws
    (`predicate_laws`)."""
    laws = predicate_laws(relations, sig, elements, cfg, constants, deadline)
    stats.add("relation conjectures", len(laws))
    return [*_functional(relations, sig, inc, elements, cfg, constants, stats, deadline), *laws]


def _functional(relations: list[Relation], sig: Signature, inc: Incubation, elements: dict[str, int],
                cfg: ExploreConfig, constants: frozenset[str], stats: Exploration,
                deadline: float | None) -> list[Statement]:
    """The conjectures about functional relations (see `relation_conjectures`)."""
    variables = tuple("abcdefgh"[: cfg.max_vars])
    # a relation that quantifies no set or function (`residual[n,m,p,+]`: p + m = n) is a
    # statement about the signature's functions, whose laws the explorer finds anyway;
    # and a table of a few points is a coincidence of its instance
    virtual = {r.name: r for r in relations if r.output is not None and r.inputs and r.name not in constants
               and r.witnessed and len(r.table) > len(cfg.points)}
    if not virtual:
        return []
    # what an equation says once each relation's value is any number: one that still
    # holds says nothing about the relation (`Σ(i0, a) * i0 = i0`)
    loose = tuple(x for x in "xyzuvw" if x not in variables)[:2]
    free = TermEvaluator(sig, inc, elements, (*variables, *loose), cfg.points, cfg.extra_points)
    functions = (*sig.functions, *(Function(name, (sig.domain,) * len(r.inputs), sig.domain)
                                   for name, r in virtual.items()))
    extended = dataclasses.replace(sig, functions=functions)
    tables = {**inc.table, **{name: dict(r.table) for name, r in virtual.items()}}
    ev = TermEvaluator(extended, dataclasses.replace(inc, table=tables), elements,
                       variables, cfg.points, cfg.extra_points, cfg.probes)
    raw = enumerate_conjectures(extended, ev, cfg, Exploration(), deadline)
    eqs = []
    applied: set[frozenset[Term]] = set()
    for eq in sorted(normalize([eq for eq in raw if _uses(eq, virtual)], constants, Exploration()),
                     key=lambda eq: (node_count(eq[0]) + node_count(eq[1]), repr(eq))):
        values: dict[Term, str] = {}
        loosened = tuple(_loosen(t, virtual, values, loose) for t in eq)
        # one equation per combination of applications, the smallest: the others restate
        # it modulo arithmetic (`Σ(i0, a) + Σ(i0, a) = a * s(a)` and `= s(a) * a`)
        if len(values) <= len(loose) and frozenset(values) not in applied and free.refutes(*loosened, constants):
            applied.add(frozenset(values))
            eqs.append(eq)
    out: list[Statement] = []
    count: dict[str, int] = {}
    for lhs, rhs in eqs:
        formula = stated(lhs, rhs, virtual, sig.domain, constants)
        if formula is None:
            continue
        head = next(name for name in virtual if any(_mentions(t, name) for t in (lhs, rhs)))
        count[head] = count.get(head, 0) + 1
        out.append(Statement(f"{head}_{count[head]}", "conjecture", formula))
    stats.add("relation conjectures", len(out))
    return out


def stated(lhs: Term, rhs: Term, virtual: dict[str, Relation], domain: str, constants: frozenset[str]) -> Expr | None:
    """The statement of `lhs = rhs` with each virtual function's value named by its
    relation in a hypothesis; None when both sides are applications of one (no side can
    be the conclusion)."""
    def virtual_head(t: Term) -> bool:
        return not isinstance(t, str) and t[0] in virtual

    if virtual_head(rhs):
        if virtual_head(lhs):
            return None
        lhs, rhs = rhs, lhs
    plain = equation_to_statement(lhs, rhs, domain, constants | set(virtual))
    assert isinstance(plain, Forall)
    hyps = list(plain.hyp.parts) if isinstance(plain.hyp, And) else [plain.hyp]
    names = list(plain.vars)
    concl = plain.concl
    g = decode_graph(concl.name, concl.args) if isinstance(concl, Atom) else None
    if g is not None and g[0] in virtual:  # `Σ(a, a) = a`: name the value, conclude the equality
        value = next(fresh_names({*leaves(lhs), *leaves(rhs), *names, *constants}, "bcdefghjkpqrtuvwxyz"))
        hyps.append(Atom(*encode_graph(g[0], g[1], value)))
        names.append(value)
        concl = Atom("=", (value, g[2]))
    # a variable that no function's atom types (only a relation's or `=`) is typed `∈ domain`,
    # as the explorer's type filter asks (`pool.well_typed`); the others need no typing
    typed = {x for a in (*hyps, concl) if (g := decode_graph(a.name, a.args)) and g[0] not in virtual
             for x in (*g[1], g[2])}
    body = [_relational(h, virtual) for h in hyps if h.name != "in"]
    body += [Atom("in", (v, domain)) for v in names if v not in typed]
    return Forall(tuple(names), body[0] if len(body) == 1 else And(tuple(body)), concl)


def _relational(a: Atom, virtual: dict[str, Relation]) -> Atom:
    """A graph atom of a virtual function as its relation's atom; any other unchanged."""
    g = decode_graph(a.name, a.args)
    if g is None or g[0] not in virtual:
        return a
    return virtual[g[0]].atom((*g[1], g[2]))


def _loosen(t: Term, virtual: dict[str, Relation], values: dict[Term, str], names: tuple[str, ...]) -> Term:
    """`t` with each application of a virtual function replaced by a variable of `names`
    (one per distinct application, recorded in `values`; past the names, the last)."""
    if isinstance(t, str):
        return t
    if t[0] in virtual:
        if t not in values:
            values[t] = names[min(len(values), len(names) - 1)]
        return values[t]
    return (t[0], *(_loosen(a, virtual, values, names) for a in t[1:]))


def _mentions(t: Term, name: str) -> bool:
    return not isinstance(t, str) and (t[0] == name or any(_mentions(a, name) for a in t[1:]))


def _uses(eq: tuple[Term, Term], virtual: dict[str, Relation]) -> bool:
    return any(_mentions(t, name) for t in eq for name in virtual)


def predicate_laws(relations: list[Relation], sig: Signature, elements: dict[str, int], cfg: ExploreConfig,
                   constants: frozenset[str], deadline: float | None = None) -> list[Statement]:
    """The Horn laws (see the module) of each predicate of `relations` on one or two
    elements that is no constant of the theory and neither always nor never true on its
    table: at most two hypotheses (two only over variables), each law holding on the
    table wherever its atoms are tabled and its hypotheses holding there at least
    `cfg.min_known` times; a law that forward chaining with the laws kept before it derives
    is left out. Fewest hypotheses first, then fewest successors; named `<predicate>_<k>`.
    Variables are named apart from the theory's constants; past `deadline` (a
    `time.perf_counter` value) no further law is tested.

    >>> from gl.signature import Signature
    >>> le = Relation("le", ("n", "m"), (), (0, 1), None, {(n, m): n <= m for n in range(4) for m in range(4)})
    >>> sig = Signature("N", "i0", "s", ("s",), ("+",), ("i0",))
    >>> from mpl_lang import readable
    >>> [readable(s.formula) for s in predicate_laws([le], sig, {"i0": 0}, ExploreConfig(), frozenset())]
    ['∀a: a ∈ N → le(a, a)', '∀a: a ∈ N → le(i0, a)', '∀a,b: s(a) = b → le(a, b)', \
'∀a,b: le(a, i0) ∧ a ∈ N ∧ b ∈ N → le(a, b)', '∀a,b,c: s(b) = c ∧ le(a, b) ∧ a ∈ N → le(a, c)', \
'∀a,b,c: s(a) = c ∧ le(c, b) ∧ b ∈ N → le(a, b)', '∀a,b,c,d: s(a) = c ∧ s(b) = d ∧ le(a, b) → le(c, d)', \
'∀a,b,c,d: s(a) = c ∧ s(b) = d ∧ le(c, d) → le(a, b)', \
'∀a,b,c: le(a, b) ∧ le(b, c) ∧ a ∈ N ∧ b ∈ N ∧ c ∈ N → le(a, c)']
    """
    variables = tuple(x for x in "abcdefgh" if x not in constants)[: max(2, min(cfg.max_vars, 3))]
    named = sorted(elements, key=lambda e: (elements[e], e))
    out: list[Statement] = []
    for r in relations:
        truths = set(r.table.values())
        if r.output is not None or r.name in constants or not 1 <= len(r.inputs) <= 2 or truths != {True, False}:
            continue
        kept: list[Law] = []
        for law in _candidate_laws(len(r.inputs), variables, named, sig.succ):
            if deadline is not None and time.perf_counter() > deadline:
                break
            if _holds(law, r, elements, variables, cfg.min_known) and not _derives(kept, law, variables, sig.succ):
                kept.append(law)
        out += [Statement(f"{r.name}_{k}", "conjecture", _law_statement(r, law, variables, sig))
                for k, law in enumerate(kept, 1)]
    return out


def _candidate_laws(arity: int, variables: tuple[str, ...], named: list[str], succ: str) -> Iterator[Law]:
    """Every law of `arity`-element atoms (see `predicate_laws`) whose variables appear in
    the order of `variables` (one law per renaming) and whose conclusion is no hypothesis,
    in the order the laws are kept in."""
    terms: list[Term] = [*variables, *named, *((succ, v) for v in variables)]
    atoms = list(itertools.product(terms, repeat=arity))
    plain = list(itertools.product(variables, repeat=arity))
    shapes = [((), c) for c in atoms] + [((h,), c) for h in atoms for c in atoms if h != c] + \
        [(hs, c) for hs in itertools.combinations(plain, 2) for c in plain if c not in hs]
    laws = [law for law in shapes if _in_order(law, variables) and _law_vars(law, variables)]
    yield from sorted(laws, key=lambda law: (len(law[0]), sum(not isinstance(t, str) for a in (*law[0], law[1])
                                                                for t in a), repr(law)))


def _law_vars(law: Law, variables: tuple[str, ...]) -> list[str]:
    """The variables of `law` in order of first occurrence (hypotheses, then conclusion)."""
    seen = [x for a in (*law[0], law[1]) for t in a for x in leaves(t) if x in variables]
    return list(dict.fromkeys(seen))


def _in_order(law: Law, variables: tuple[str, ...]) -> bool:
    found = _law_vars(law, variables)
    return found == list(variables[: len(found)])


def _holds(law: Law, r: Relation, elements: dict[str, int], variables: tuple[str, ...], support: int) -> bool:
    """Whether `r`'s table never refutes `law` and meets its hypotheses `support` times."""
    names = _law_vars(law, variables)
    top = max((max(k) for k in r.table), default=0)
    met = 0
    for values in itertools.product(range(top + 1), repeat=len(names)):
        env = {**elements, **dict(zip(names, values))}
        truths = [r.table.get(tuple(env[t] if isinstance(t, str) else env[t[1]] + 1 for t in a))
                  for a in (*law[0], law[1])]
        if None in truths or not all(truths[:-1]):
            continue
        if not truths[-1]:
            return False
        met += 1
    return met >= support


def _derives(laws: list[Law], law: Law, variables: tuple[str, ...], succ: str) -> bool:
    """Whether forward chaining with `laws` from the hypotheses of `law` (its variables
    as constants) derives its conclusion, every atom over the terms `law` mentions."""
    universe = {t for a in (*law[0], law[1]) for t in a} | \
        {t[1] for a in (*law[0], law[1]) for t in a if not isinstance(t, str)}
    known = set(law[0])
    grew = True
    while grew and law[1] not in known:
        grew = False
        for hyps, concl in laws:
            names = _law_vars((hyps, concl), variables)
            for values in itertools.product(sorted(universe, key=repr), repeat=len(names)):
                env = dict(zip(names, values))
                inst = [tuple(_instance(t, env, succ) for t in a) for a in (*hyps, concl)]
                if None in (t for a in inst for t in a):
                    continue
                if all(a in known for a in inst[:-1]) and inst[-1] not in known and all(t in universe for t in inst[-1]):
                    known.add(inst[-1])
                    grew = True
    return law[1] in known


def _instance(t: Term, env: dict[str, Term], succ: str) -> Term | None:
    """`t` under `env` (a successor of a successor is outside every universe: None)."""
    if isinstance(t, str):
        return env.get(t, t)
    inner = env.get(t[1], t[1])
    return None if not isinstance(inner, str) else (succ, inner)


def _law_statement(r: Relation, law: Law, variables: tuple[str, ...], sig: Signature) -> Expr:
    """`law` as a statement: each successor named by a hypothesis `in2[v,w,s]`, the
    variables no such atom types typed `∈ domain` (as the type filter asks)."""
    names = _law_vars(law, variables)
    fresh = fresh_names(set(names), "bcdefgh")
    succs: dict[Term, str] = {}
    for a in (*law[0], law[1]):
        for t in a:
            if not isinstance(t, str) and t not in succs:
                succs[t] = next(fresh)
    hyps: list[Expr] = [Atom(*encode_graph(sig.succ, (t[1],), w)) for t, w in succs.items()]
    atoms = [r.atom(tuple(t if isinstance(t, str) else succs[t] for t in a)) for a in (*law[0], law[1])]
    hyps += atoms[:-1]
    typed = {t[1] for t in succs}
    hyps += [Atom("in", (v, sig.domain)) for v in names if v not in typed]
    return Forall((*names, *succs.values()), conjoin(hyps), atoms[-1])

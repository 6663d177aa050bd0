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

>>> from gl.incubator_defs import Relation
>>> fold = Relation("fold", ("N", "s", "+", "f", "n", "m", "p"), ((0, "N"), (1, "s"), (2, "+"), (3, "id")), (4, 5), 6,
...                 witnessed=True)
>>> from mpl_lang import to_mpl
>>> to_mpl(stated(("fold", "a", "a"), "a", {"fold": fold}, "N", frozenset({"N", "s", "+", "id", "i0"})))
'(>[a,b](&(fold[N,s,+,id,a,a,b])(in[a,N])(in[b,N]))(=[b,a]))'
"""

from __future__ import annotations

import dataclasses

from mpl_lang import And, Atom, Expr, Forall, Statement
from mpl_lang.terms import Term, decode_graph, encode_graph, fresh_names, leaves, node_count

from ..equations import equation_to_statement
from ..incubator import Incubation
from ..incubator_defs import Relation
from ..signature import Function, Signature
from .config import ExploreConfig
from .enumeration import TermEvaluator, enumerate_conjectures, normalize
from .stages import Exploration


def relation_conjectures(relations: list[Relation], sig: Signature, inc: Incubation, elements: dict[str, int],
                         cfg: ExploreConfig, constants: frozenset[str], stats: Exploration,
                         deadline: float | None = None) -> list[Statement]:
    """The conjectures (see the module) that use the relations of `relations` whose last
    element is their value and whose definitions quantify a set or a function (no term of
    the signature states them); named `<relation>_<k>`."""
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

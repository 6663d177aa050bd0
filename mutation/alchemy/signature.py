"""What a theory's axioms say about its functions, found by the shape of their clauses:
which argument positions are typed (`f(x,y) = z ⇒ x ∈ N`), which functions are total
(`x, y ∈ N ⇒ ∃z: z ∈ N ∧ f(x,y) = z`) and functional (`f(x,y) = z1 ∧ f(x,y) = z2 ⇒ z1 = z2`),
and which ground facts hold outright (`i0 ∈ N`, `s(i0) = i1`). Proof construction uses these
clauses by reference, so nothing about Peano arithmetic is hard-wired.

>>> from mpl_lang import load
>>> sig = Signature.of(load("examples/peano/peano.mpl"))
>>> sig.arity["+"], sorted(sig.total), sig.base
(2, ['*', '+', 's'], 'i0')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpl_lang import Theory
from mpl_lang.logic import Clause, Literal

from .statements import graph


@dataclass(frozen=True)
class ClauseRef:
    """A clause a proof step may cite: `ref` is the step's `rule` value."""

    ref: dict
    clause: Clause

    @property
    def label(self) -> str:
        """`axiom 12` or `add_comm` (with `/clause j` for a later clause of a theorem)."""
        if "axiom" in self.ref:
            return f"axiom {self.ref['axiom']}"
        j = self.ref["clause"]
        return self.ref["theorem"] + (f"/clause {j}" if j else "")


@dataclass
class Signature:
    """Functions of a theory and the axiom clauses that govern them."""

    constants: frozenset[str]
    arity: dict[str, int] = field(default_factory=dict)
    #: (function, argument position) -> (clause, set): position `k` of `f` lies in the set
    #: (`k` = arity is the output)
    domain: dict[tuple[str, int], tuple[ClauseRef, str]] = field(default_factory=dict)
    total: dict[str, ClauseRef] = field(default_factory=dict)
    functional: dict[str, ClauseRef] = field(default_factory=dict)
    #: premise-free clauses with one ground literal: literal -> clause
    ground: dict[Literal, ClauseRef] = field(default_factory=dict)
    base: str | None = None
    default_set: str | None = None

    @staticmethod
    def of(theory: Theory) -> Signature:
        """Classify the theory's axiom clauses."""
        sig = Signature(frozenset(theory.constants))
        clauses = [ClauseRef({"axiom": i}, c) for i, c in enumerate(theory.axioms())
                   if isinstance(c, Clause)]
        for cr in clauses:
            for lit in (*cr.clause.premises, *cr.clause.conclusion):
                g = graph(lit) or graph(Literal(True, lit.pred, lit.args))
                if g is not None and g[0] in sig.constants:
                    sig.arity.setdefault(g[0], len(g[1]))
        for cr in clauses:
            sig._classify(cr)
        if theory.inductions:
            sig.default_set = theory.inductions[0].set
        typed = [lit.args[0] for lit in sig.ground if lit.positive and lit.pred == "in"]
        candidates = [i.base for i in theory.inductions] + sorted(typed)
        sig.base = next((c for c in candidates if c in typed), None)
        return sig

    def _classify(self, cr: ClauseRef) -> None:
        c = cr.clause
        vs = set(c.vars) | set(c.exists)
        if not c.premises and not c.exists and len(c.conclusion) == 1 and not (set(c.conclusion[0].args) & vs):
            self.ground.setdefault(c.conclusion[0], cr)
            return
        if c.exists:
            self._totality(cr)
        elif len(c.conclusion) == 1:
            concl = c.conclusion[0]
            if concl.positive and concl.pred == "in" and len(c.premises) == 1:
                g = graph(c.premises[0])
                if g is not None and g[0] not in vs and concl.args[0] in (*g[1], g[2]) \
                        and concl.args[1] not in vs \
                        and len(set(c.premises[0].args[:-1])) == len(g[1]) + 1:
                    k = (*g[1], g[2]).index(concl.args[0])
                    self.domain.setdefault((g[0], k), (cr, concl.args[1]))
            elif concl.positive and concl.pred == "=" and len(set(concl.args)) == 2:
                self._functionality(cr)

    def _totality(self, cr: ClauseRef) -> None:
        c = cr.clause
        if len(c.exists) != 1 or not all(p.positive and p.pred == "in" for p in c.premises):
            return
        graphs = [g for g in map(graph, c.conclusion) if g is not None]
        if len(graphs) != 1 or graphs[0][2] != c.exists[0] or len(c.conclusion) > 2:
            return
        f, ins, _ = graphs[0]
        typed = {p.args[0] for p in c.premises}
        if set(ins) <= typed and len(set(ins)) == len(ins):
            self.total.setdefault(f, cr)

    def _functionality(self, cr: ClauseRef) -> None:
        c = cr.clause
        z1, z2 = c.conclusion[0].args
        graphs = [g for g in map(graph, c.premises) if g is not None]
        others = [p for p in c.premises if graph(p) is None]
        if len(graphs) != 2 or not all(p.positive and p.pred == "in" for p in others):
            return
        (f1, in1, o1), (f2, in2, o2) = graphs
        if f1 == f2 and in1 == in2 and {o1, o2} == {z1, z2}:
            self.functional.setdefault(f1, cr)

    def set_of(self, f: str, k: int) -> str | None:
        """The set position `k` of `f` lies in, if a domain clause says so."""
        d = self.domain.get((f, k))
        return d[1] if d else self.default_set

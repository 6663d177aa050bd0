"""The two mutations, each with a proof built by construction.

**rw** (on the equation view `L = R` of a seed): a law `P = Q` whose side P matches the
sub-term `t` at some path of L or R (`t = Pσ`, either direction) gives the mutant with `t`
replaced by `Qσ`. Variables of Q that P does not bind become new variables of the mutant.
Its proof: the law's clause under σ relates the values of `Pσ` and `Qσ`, the seed's clause
gives the seed's equation, and equality steps carry the result to the mutant's goal; values
the mutant does not name come from the totality axioms (`witness`).

**apply** (on any seed `H1 ∧ ... ∧ Hn ⇒ C`): a law `A1 ∧ ... ∧ Ak ⇒ B` with `Bσ = Hi`
gives the mutant with `Hi` replaced by `A1σ ... Akσ` (unbound variables of the law become
new variables). Its proof: the law's clause derives `Hi`, the seed's clause derives `C`.

Mutations are first found as cheap `Plan`s (with their dedup key) and only realized —
statement, names, proof — when kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from mpl_lang.logic import Literal, subst_literal
from mpl_lang.terms import (
    GRAPH_ARITY,
    Path,
    Term,
    match,
    op_count,
    positions,
    replace,
    substitute,
    subterm_at,
    variables,
)

from .builder import ProofBuilder, ProofError, match_literal
from .canon import Key, KeyText, equation_key, literal_key, pure_equation
from .equivalence import ac_equation_key
from .index import LawIndex
from .library import Library
from .model import Law, Plan, Realized, Seed
from .statements import RuleForm, canonical_leaves, name_supply

KINDS = ("rw", "apply")

#: a place of a seed (`Mutator.sites`): the maker of a plan from one thing the index found
#: there, those things, and their laws' indices
Site = tuple[Callable[[Any], Plan | None], tuple[Any, ...], tuple[int, ...]]


class Mutator:
    """Finds and realizes mutations of seeds with the laws of one library."""

    def __init__(self, library: Library, new_variables: bool = True, max_size: int = 10,
                 max_hyps: int = 10, min_size: int = 0, min_depth: int = 0,
                 max_depth: int | None = None, ac: frozenset[str] | None = None) -> None:
        self.lib = library
        self.sig = library.signature
        self.constants = library.constants
        self.index = LawIndex(library.laws)
        self.new_variables = new_variables
        self.sizes = (min_size, max_size)
        self.depths = (min_depth, max_depth)
        self.max_hyps = max_hyps
        self.domain = self.sig.default_set or "N"
        #: the AC operators of `ac_key` (None: no AC keys)
        self.ac = ac
        #: why candidate mutations were passed over: trivial, too_large, too_small, new_variables
        self.passed_over: dict[str, int] = {"trivial": 0, "too_large": 0, "too_small": 0, "new_variables": 0}

    def _in_range(self, size: int, depth: int) -> bool:
        """Whether a mutant of this size and depth is wanted (counted in `passed_over` if not)."""
        (lo, hi), (dlo, dhi) = self.sizes, self.depths
        if size > hi or (dhi is not None and depth > dhi):
            self.passed_over["too_large"] += 1
            return False
        if size < lo or depth < dlo:
            self.passed_over["too_small"] += 1
            return False
        return True

    def ac_key(self, plan: Plan) -> Key | KeyText | None:
        """The plan's key modulo AC (its plain key for a statement that is not an equation);
        None without AC operators."""
        if self.ac is None:
            return None
        if plan.lhs is None:
            return plan.key
        return ac_equation_key(plan.lhs, plan.rhs, self.constants, self.ac, plan.key[0] == "neq")

    # ------------------------------------------------------------------ rw

    def rw(self, seed: Seed) -> Iterator[Plan]:
        """Every rw mutation of `seed` (none when it is not an equation)."""
        return self._made(self.candidates(seed, "rw"))

    def candidates(self, seed: Seed, kind: str) -> Iterator[tuple[Law, Callable[[], Plan | None]]]:
        """The laws the index finds for each place of `seed` a mutation of `kind` may act on,
        each with the function that makes the plan (None when the law does not match after
        all, or the mutant is passed over): cheap to list, so that laws can take turns."""
        for make, found, _ in self.sites(seed, kind):
            for entry in found:
                yield (entry if kind == "apply" else entry[0]), partial(make, entry)

    def sites(self, seed: Seed, kind: str) -> Iterator[Site]:
        """The places of `seed` a mutation of `kind` may act on, in `candidates` order, each
        as the maker of a plan from one of what the index found there (a law for apply, a
        (law, direction) for rw), the tuple of those and their laws' indices: what
        `candidates` pairs, without making a function for each pair."""
        if kind == "apply":
            for i, h in enumerate(seed.hyps):
                found, ids = self.index.applier_laws(h)
                if found:
                    yield partial(self._apply_plan, seed, i, h), found, ids
            return
        ev = seed.eq
        if ev is None:
            return
        sides = (ev.lhs, ev.rhs)
        concl_side = 0 if isinstance(ev.rhs, str) else 1
        for s, side in enumerate(sides):
            for path, sub in positions(side):
                if isinstance(sub, str) and sub not in self.constants:
                    continue
                found, ids = self.index.rewriters(sub)
                if found:
                    yield partial(self._rw_plan, seed, s, side, path, sub, concl_side), found, ids

    @staticmethod
    def _made(candidates: Iterator[tuple[Law, Callable[[], Plan | None]]]) -> Iterator[Plan]:
        for _, make in candidates:
            plan = make()
            if plan is not None:
                yield plan

    def _rw_plan(self, seed: Seed, s: int, side: Term, path: Path, sub: Term, concl_side: int,
                 found: tuple[Law, str]) -> Plan | None:
        law, direction = found
        eq = law.eq
        p, q = (eq.lhs, eq.rhs) if direction == "ltr" else (eq.rhs, eq.lhs)
        law_vars = set(law.cr.clause.vars)
        sigma = match(p, sub, law_vars.__contains__)
        if sigma is None:
            return None
        new = tuple(v for v in variables(q) if v in law_vars and v not in sigma)
        if new and not self.new_variables:
            self.passed_over["new_variables"] += 1
            return None
        taken = set(seed.vars) | self.constants
        fresh = _fresh_names(len(new), taken)
        sigma.update(zip(new, fresh))
        q_inst = substitute(q, sigma)
        if q_inst == sub:
            return None
        mutated = replace(side, path, q_inst)
        lhs, rhs = (mutated, seed.eq.rhs) if s == 0 else (seed.eq.lhs, mutated)
        if lhs == rhs:
            self.passed_over["trivial"] += 1
            return None
        size, depth = op_count(lhs) + op_count(rhs), max(term_depth(lhs), term_depth(rhs))
        if not self._in_range(size, depth):
            return None
        location = _rw_location(seed, s, path, concl_side)
        key = equation_key(lhs, rhs, self.constants, seed.eq.negated)
        return Plan("rw", seed, law, direction, location, key, sigma, lhs=lhs, rhs=rhs, new=tuple(fresh),
                    size=size, depth=depth)

    # ------------------------------------------------------------------ apply

    def apply(self, seed: Seed) -> Iterator[Plan]:
        """Every apply mutation of `seed`."""
        return self._made(self.candidates(seed, "apply"))

    def _apply_plan(self, seed: Seed, i: int, h: Literal, law: Law) -> Plan | None:
        c = law.cr.clause
        sigma = match_literal(c.conclusion[0], h, c.vars)
        if sigma is None:
            return None
        rest = [v for v in c.vars if v not in sigma]
        fresh = _fresh_names(len(rest), set(seed.vars) | self.constants) if rest else []
        sigma.update(zip(rest, fresh))
        premises = [subst_literal(p, sigma) for p in c.premises]
        if h in premises:
            return None
        hyps = tuple(dict.fromkeys((*seed.hyps[:i], *premises, *seed.hyps[i + 1:])))
        if not hyps or seed.concl in hyps:
            self.passed_over["trivial"] += 1
            return None
        # function literals: the size of a statement that is not an equation, and at most that
        # of an equation (each distinct application is named once), so more is too large
        too_many = len(hyps) > self.max_hyps  # then not counted
        applications = 0 if too_many else sum([_is_graph(lit) for lit in hyps]) + _is_graph(seed.concl)
        if too_many or applications > self.sizes[1]:
            self.passed_over["too_large"] += 1
            return None
        names = {a for lit in (*hyps, seed.concl) for a in lit.args if a not in self.constants}
        form = RuleForm(tuple(v for v in (*seed.vars, *fresh) if v in names), hyps, seed.concl)
        ev = pure_equation(form, self.constants, self.domain)
        if ev is not None:
            size, depth = op_count(ev.lhs) + op_count(ev.rhs), max(term_depth(ev.lhs), term_depth(ev.rhs))
        else:
            size, depth = applications, 1
        if not self._in_range(size, depth):
            return None
        if ev is not None:
            key = equation_key(ev.lhs, ev.rhs, self.constants, ev.negated)
            lhs, rhs = ev.lhs, ev.rhs
        else:
            key, lhs, rhs = literal_key(form.hyps, form.concl, self.constants), None, None
        return Plan("apply", seed, law, None, {"in": "hypothesis", "index": i}, key, dict(sigma),
                    lhs=lhs, rhs=rhs, form=form, new=tuple(fresh), size=size, depth=depth)

    # ------------------------------------------------------------------ realizing

    def realize(self, plan: Plan) -> Realized:
        """The statement and proof of a plan. Raises `builder.ProofError` when no proof
        could be built (the plan is then dropped)."""
        if plan.kind == "rw":
            return self._realize_rw(plan)
        return self._realize_apply(plan)

    def _base(self, ren: dict[str, str], names: list[str]) -> dict[str, str]:
        """Every name in `names` -> its new name; names the mutant lost -> the base constant."""
        out = {}
        for x in names:
            if x in ren:
                out[x] = ren[x]
            elif x not in self.constants:
                if self.sig.base is None:
                    raise ProofError(f"variable {x} vanished and the theory has no base constant")
                out[x] = self.sig.base
        return out

    def _realize_rw(self, plan: Plan) -> Realized:
        ren = canonical_leaves(plan.lhs, plan.rhs, self.constants)
        lhs, rhs = substitute(plan.lhs, ren), substitute(plan.rhs, ren)
        form = self.lib.render(lhs, rhs, plan.seed.eq.negated)
        rho = self._base(ren, [*plan.seed.eq.leaves, *plan.new])
        law_leaf = {v: substitute(t, rho) for v, t in plan.law_sigma.items()}
        law_eq = plan.law.eq
        law_leaf.update(self._base({}, [v for v in law_eq.leaves if v not in law_leaf]))
        law_terms = {v: substitute(law_eq.terms[v], law_leaf) for v in plan.law.cr.clause.vars}
        seed_terms = {v: substitute(plan.seed.eq.terms[v], rho) for v in plan.seed.vars}
        return self._prove(form, plan, law_terms, seed_terms, (lhs, rhs))

    def _realize_apply(self, plan: Plan) -> Realized:
        f = plan.form
        order = [a for lit in (*f.hyps, f.concl) for a in lit.args if a not in self.constants]
        ren = dict(zip(dict.fromkeys(order), name_supply(self.constants)))
        form = RuleForm(tuple(ren.values()), tuple(subst_literal(h, ren) for h in f.hyps),
                        subst_literal(f.concl, ren))
        rho = self._base(ren, [*plan.seed.vars, *plan.new])
        law_terms = {v: rho.get(t, t) for v, t in plan.law_sigma.items()}
        seed_terms = {v: rho[v] for v in plan.seed.vars}
        eq = None if plan.lhs is None else (substitute(plan.lhs, ren), substitute(plan.rhs, ren))
        return self._prove(form, plan, law_terms, seed_terms, eq)

    def _prove(self, form: RuleForm, plan: Plan, law_terms: dict[str, Term],
               seed_terms: dict[str, Term], equation: tuple[Term, Term] | None) -> Realized:
        """Fire the law's clause, then the seed's, then derive the goal. A rewritten
        disequation is proved by contradiction: assuming the mutant's equation, equality
        steps give the seed's equation, which the seed's clause denies."""
        negated = plan.kind == "rw" and not form.concl.positive
        hyps = (*form.hyps, Literal(True, form.concl.pred, form.concl.args)) if negated else form.hyps
        b = ProofBuilder(self.sig, hyps, form.vars)
        b.fire(plan.law.cr, {v: b.value(t) for v, t in law_terms.items()})
        sigma = {v: b.value(t) for v, t in seed_terms.items()}
        denial = b.fire(plan.seed.cr, sigma)
        if not negated:
            return Realized(form, b.steps, b.need(form.concl), self._cites(plan), equation=equation)
        concl = plan.seed.concl
        claim = b.need(Literal(True, concl.pred, tuple(sigma.get(a, a) for a in concl.args)))
        return Realized(form, b.steps, b.contradiction(claim, denial), self._cites(plan), "contradiction",
                        equation)

    def _cites(self, plan: Plan) -> list[str]:
        """The theorems a mutant's proof cites, in document order (library theorems first)."""
        names = [plan.seed.name] if plan.law.theorem is None else [plan.law.theorem, plan.seed.name]
        order = self.lib.order
        return sorted(dict.fromkeys(names), key=lambda n: order.get(n, len(order)))


#: graph predicate -> the number of arguments of its literals (`statements.graph`'s test)
_GRAPH_ARGS = {pred: n + 2 for pred, n in GRAPH_ARITY.items()}


def _is_graph(lit: Literal) -> bool:
    """Whether `graph(lit)` is not None, without building its parts (a hot test).

    >>> _is_graph(Literal(True, "in3", ("a", "b", "c", "+"))), _is_graph(Literal(False, "in2", ("a", "b", "s")))
    (True, False)
    """
    return lit[0] and _GRAPH_ARGS.get(lit[1]) == len(lit[2])


def term_depth(t: Term) -> int:
    """Nesting depth of function applications (0 for a leaf).

    >>> term_depth(("+", "a", ("s", "b")))
    2
    """
    return 0 if isinstance(t, str) else 1 + max(map(term_depth, t[1:]))


def _fresh_names(n: int, taken: set[str] | frozenset[str]) -> list[str]:
    out: list[str] = []
    i = 0
    while len(out) < n:
        i += 1
        if f"_{i}" not in taken:
            out.append(f"_{i}")
    return out


def _rw_location(seed: Seed, s: int, path: Path, concl_side: int) -> dict[str, Any]:
    """Where in the seed's statement the rewritten sub-term sits: the hypothesis naming it
    (or its nearest named ancestor) or the conclusion."""
    side = seed.eq.lhs if s == 0 else seed.eq.rhs
    where: dict[str, Any] = {"in": "conclusion", "index": None}
    for k in range(len(path), -1, -1):
        prefix = path[:k]
        if k == 0 and s == concl_side:
            break
        t = subterm_at(side, prefix)
        if not isinstance(t, str) and t in seed.eq.sites:
            where = {"in": "hypothesis", "index": seed.eq.sites[t]}
            break
    return {**where, "side": "lhs" if s == 0 else "rhs", "path": list(path)}


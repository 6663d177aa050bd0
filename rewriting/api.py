"""Public API: simplify, equivalent, normal_form, EquivalenceIndex, canonicalize.

Expressions may be term tuples, infix text, or sympy expressions; results come back in the
kind they were given. Every call runs under :class:`~rewriting.engine.Limits` and reports
whether the e-graph saturated.

>>> r = simplify("x*(y+0) + x*z", rules="semiring", cost="ops")
>>> r.expr, r.cost
('x * (y + z)', 2)
>>> bool(equivalent("(a+b)*c", "a*c+b*c", rules="semiring"))
True
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sympy

from mpl_lang.terms import Term, node_count, subterms

from .chains import collect
from .conditions import lost_divisors
from .cost import NODES, CostModel, cost_model
from .engine import EGraphSession, Limits, RunInfo
from .evaluate import find_counterexample
from .isolate import run_isolated
from .rules import (
    DEFAULT_RULES,
    GENERIC_DENOMINATORS,
    REAL_CONSTANTS,
    AnyRule,
    RawRule,
    Rule,
    named_rules,
)
from .seeds import seed_pairs
from .sympy_conv import from_sympy, peano_from_sympy, peano_to_sympy, to_sympy
from .terms import (
    MAX_DEPTH,
    PEANO,
    PeanoSignature,
    check_term,
    is_number,
    nesting,
    parse_term,
    term_to_str,
)

ExprLike = Term | sympy.Basic
RulesLike = str | Iterable[str | AnyRule] | None


@dataclass(frozen=True)
class Result:
    """A simplified expression (``expr``, in the input's kind; ``term``, as a tuple), its
    cost and the input's, and how the saturation run ended. ``conditions`` are the side
    conditions of the result: it equals the input wherever every one of them is nonzero
    (and the input is defined); where one is zero the input is undefined."""

    expr: Any
    term: Term
    cost: int
    input_cost: int
    saturated: bool
    iterations: int
    stop_reason: str
    nodes: int
    seconds: float
    conditions: tuple[Term, ...] = ()

    def __str__(self) -> str:
        return term_to_str(self.term)


@dataclass(frozen=True)
class Equivalence:
    """Outcome of :func:`equivalent`: ``equal`` when the rules prove it; otherwise
    ``counterexample`` holds a point where the two differ, if one was found."""

    equal: bool
    saturated: bool
    iterations: int
    stop_reason: str
    counterexample: dict[str, float] | None = None

    def __bool__(self) -> bool:
        return self.equal


# ---------------------------------------------------------------- argument handling


def _to_term(expr: ExprLike, domain: str | None, signature: PeanoSignature) -> tuple[Term, str]:
    """The term of an expression and its kind (``text``, ``term`` or ``sympy``)."""
    if isinstance(expr, sympy.Basic):
        return (peano_from_sympy(expr, signature) if domain == "peano" else from_sympy(expr),
                "sympy")
    if isinstance(expr, str):
        return parse_term(expr), "text"
    return check_term(expr), "term"


def _from_term(term: Term, kind: str, domain: str, signature: PeanoSignature) -> Any:
    if kind == "sympy":
        return peano_to_sympy(term, signature) if domain == "peano" else to_sympy(term)
    return term_to_str(term) if kind == "text" else term


def _infer_domain(terms: Sequence[Term], rules: RulesLike, kinds: Sequence[str],
                  signature: PeanoSignature) -> str:
    if rules is not None and not isinstance(rules, str):
        for r in rules:
            if isinstance(r, Rule | RawRule):
                return r.domain
    if "sympy" in kinds:
        return "real"
    for term in terms:
        for sub in subterms(term):
            if sub == signature.zero or (isinstance(sub, tuple) and sub[0] == signature.succ):
                return "peano"
    return "real"


def resolve_rules(rules: RulesLike, domain: str, signature: PeanoSignature = PEANO
                  ) -> list[AnyRule]:
    """Rules from ruleset names and rule objects (None: the domain's default rulesets).

    >>> from rewriting.rules import rule
    >>> len(resolve_rules(["peano", *rule("f(x)", "x", domain="peano")], "peano"))
    5
    """
    if rules is None:
        return named_rules(DEFAULT_RULES[domain], domain, signature)
    if isinstance(rules, str):
        return named_rules(rules, domain, signature)
    out: list[AnyRule] = []
    for r in rules:
        out += named_rules(r, domain, signature) if isinstance(r, str) else [r]
    return out


def _prepare(exprs: Sequence[ExprLike], rules: RulesLike, domain: str | None,
             signature: PeanoSignature) -> tuple[list[Term], list[str], str, list[AnyRule]]:
    pairs = [_to_term(e, domain, signature) for e in exprs]
    terms, kinds = [p[0] for p in pairs], [p[1] for p in pairs]
    dom = domain or _infer_domain(terms, rules, kinds, signature)
    return terms, kinds, dom, resolve_rules(rules, dom, signature)


@functools.lru_cache(maxsize=8)
def _template(domain: str, rules: tuple[AnyRule, ...], cost: CostModel) -> EGraphSession:
    """A session with these rules parsed once; queries run inside :meth:`scope`."""
    return EGraphSession(domain, rules, cost)


@contextmanager
def _query(domain: str, rules: list[AnyRule], cost: CostModel, nonzero: Iterable[ExprLike],
           signature: PeanoSignature) -> Iterator[EGraphSession]:
    """A cached session, emptied again after the query."""
    session = _template(domain, tuple(rules), cost)
    with session.scope():
        for fact in nonzero:
            session.assume_nonzero(_to_term(fact, domain, signature)[0])
        yield session


# ---------------------------------------------------------------- the calls


def simplify(
    expr: ExprLike,
    rules: RulesLike = None,
    cost: str | CostModel = "ops",
    limits: Limits | None = None,
    *,
    domain: str | None = None,
    signature: PeanoSignature = PEANO,
    nonzero: Iterable[ExprLike] = (),
    seeds: bool | None = None,
    hard_timeout: float | None = None,
) -> Result:
    """The cheapest form of ``expr`` under ``rules`` and the ``cost`` model.

    ``nonzero`` states facts ``e != 0`` that division rules may use. ``seeds`` also puts
    algebraic normal forms of polynomial (and, with ``generic-field``, rational) parts into
    the e-graph (see :mod:`rewriting.seeds`); None: on with the default rules of the real
    domain. With ``generic-field`` (part of the real default) divisors may be cancelled:
    ``Result.conditions`` lists the factors that must be nonzero (see
    :mod:`rewriting.conditions`). Without ``limits``, the e-graph budget grows with the
    input and the run stops once the cost stops falling (:meth:`Limits.scaled`). An input
    that no built-in rule can make cheaper (a leaf, one operation on distinct names) comes
    back at once (``stop_reason`` ``normal form``); one nested deeper than
    :data:`~rewriting.terms.MAX_DEPTH` (a long sum) has its chains shortened first
    (:func:`rewriting.chains.collect`), and comes back so (``by parts``) if still that deep.
    ``hard_timeout`` runs the call in a
    separate process killed after that many seconds (the input comes back, ``stop_reason``
    ``hard timeout``).

    >>> simplify(("+", "a", ("s", "i0")), rules="peano").expr
    ('s', 'a')
    >>> r = simplify("(x^2 - 1)/(x - 1)")
    >>> r.expr, [term_to_str(c) for c in r.conditions]
    ('1 + x', ['x - 1'])
    """
    return _simplify_all([expr], rules, cost, limits, domain, signature, nonzero, seeds,
                         hard_timeout)[0]


def simplify_many(exprs: Sequence[ExprLike], **options: Any) -> list[Result]:
    """:func:`simplify` (with its keyword ``options``) for many expressions in one e-graph:
    shared subterms are rewritten once, and one run serves all (its limits scaled to all
    the inputs together).

    >>> [r.expr for r in simplify_many(["x*1 + y", "(x*1 + y)*0"], rules="semiring")]
    ['x + y', '0']
    """
    bound = inspect.signature(simplify).bind(None, **options)
    bound.apply_defaults()
    del bound.arguments["expr"]
    return _simplify_all(list(exprs), **bound.arguments)


def _simplify_all(exprs: list[ExprLike], rules: RulesLike, cost: str | CostModel,
                  limits: Limits | None, domain: str | None, signature: PeanoSignature,
                  nonzero: Iterable[ExprLike], seeds: bool | None,
                  hard_timeout: float | None) -> list[Result]:
    model = cost_model(cost)
    if hard_timeout is not None:
        return [_simplify_isolated(e, rules, model, limits, domain, signature, nonzero, seeds,
                                   hard_timeout) for e in exprs]
    terms, kinds, dom, rule_list = _prepare(exprs, rules, domain, signature)
    builtin = rules is None or isinstance(rules, str)
    use_seeds = (rules is None and dom == "real") if seeds is None else seeds
    generic = GENERIC_DENOMINATORS in rule_list
    results: dict[int, Result] = {}
    work = {k: collect(t) if nesting(t) > MAX_DEPTH else t for k, t in enumerate(terms)}
    pending = []
    for k, term in work.items():
        if nesting(term) > MAX_DEPTH or (builtin and not nonzero
                                         and _normal_form(term, model, dom, signature)):
            reason = "by parts" if term is not terms[k] else "normal form"
            results[k] = _result(term, terms[k], kinds[k], dom, signature, model,
                                 RunInfo(False, 0, reason, 0, 0.0))
        else:
            pending.append(k)
    if pending and rules is None and dom == "real":
        rule_list = named_rules(_default_real_rules([work[k] for k in pending]), dom, signature)
    if pending:
        size = sum(node_count(work[k]) for k in pending)
        run_limits = limits or Limits.scaled(size)
        with _query(dom, rule_list, model, nonzero, signature) as session:
            roots = {k: session.add(work[k]) for k in pending}
            if use_seeds and dom == "real":
                session.equate([pair for k in pending
                                for pair in seed_pairs(work[k], generic=generic)])
            info = session.run(run_limits,
                               cost=lambda: sum(session.best_cost(r) for r in roots.values()))
            best = {k: session.extract(root) for k, root in roots.items()}
        for k in pending:
            conditions = lost_divisors(work[k], best[k]) if generic else ()
            results[k] = _result(best[k], terms[k], kinds[k], dom, signature, model, info,
                                 conditions)
    return [results[k] for k in range(len(terms))]


#: the default real rules for inputs without function applications
ARITHMETIC_RULES = "semiring,generic-field"
ARITHMETIC_OPS = frozenset({"+", "-", "*", "/", "neg", "^"})


def _default_real_rules(terms: list[Term]) -> str:
    """The default real rulesets less those no rule can use on ``terms`` (the same outputs,
    faster): every left side of ``functions`` applies a function and of ``trigonometry``
    sin or cos, and no rule of the others makes one from none.

    >>> _default_real_rules([("+", "x", "1")]), _default_real_rules([("exp", "x")])
    ('semiring,generic-field', 'semiring,generic-field,functions')
    """
    ops = {t[0] for term in terms for t in subterms(term) if not isinstance(t, str)}
    names = ARITHMETIC_RULES
    if ops - ARITHMETIC_OPS:
        names += ",functions"
    if ops & {"sin", "cos"}:
        names += ",trigonometry"
    return names


def _normal_form(term: Term, model: CostModel, domain: str, signature: PeanoSignature) -> bool:
    """Whether no built-in rule can make ``term`` cheaper: a leaf, or one operation on
    distinct names (no number, no Peano zero), under a model where no operation costs less
    than the default."""
    if isinstance(term, str):
        return True
    if any(w < model.default for w in model.weights.values()):
        return False
    args = term[1:]
    return (all(isinstance(a, str) and not is_number(a) and a != signature.zero
                and not (domain == "real" and a in REAL_CONSTANTS) for a in args)
            and len(set(args)) == len(args))


def _result(best: Term, term: Term, kind: str, domain: str, signature: PeanoSignature,
            model: CostModel, info: RunInfo, conditions: tuple[Term, ...] = ()) -> Result:
    return Result(
        expr=_from_term(best, kind, domain, signature), term=best, cost=model.cost(best),
        input_cost=model.cost(term), saturated=info.saturated, iterations=info.iterations,
        stop_reason=info.stop_reason, nodes=info.nodes, seconds=info.seconds,
        conditions=conditions,
    )


def _simplify_isolated(expr: ExprLike, rules: RulesLike, model: CostModel,
                       limits: Limits | None, domain: str | None, signature: PeanoSignature,
                       nonzero: Iterable[ExprLike], seeds: bool | None,
                       hard_timeout: float) -> Result:
    rules_arg = rules if rules is None or isinstance(rules, str) else list(rules)
    kwargs = {"rules": rules_arg, "cost": model, "limits": limits, "domain": domain,
              "signature": signature, "nonzero": list(nonzero), "seeds": seeds}
    done = run_isolated("rewriting.api:simplify", (expr,), kwargs, hard_timeout)
    if done is not None:
        return done
    (term,), (kind,), dom, _ = _prepare([expr], rules, domain, signature)
    info = RunInfo(False, 0, "hard timeout", 0, hard_timeout)
    return _result(term, term, kind, dom, signature, model, info)


def normal_form(
    expr: ExprLike,
    rules: RulesLike = None,
    limits: Limits | None = None,
    **options: Any,
) -> Result:
    """The smallest form (node count) of ``expr`` under the rules (ties broken by egglog's
    extraction). To decide whether terms are equal, use :func:`equivalent` or
    :class:`EquivalenceIndex`, which compare e-classes.

    >>> normal_form("s(i0) + s(i0)", rules="peano").expr
    's(s(i0))'
    """
    return simplify(expr, rules, NODES, limits, **options)


def equivalent(
    a: ExprLike,
    b: ExprLike,
    rules: RulesLike = None,
    limits: Limits | None = None,
    *,
    domain: str | None = None,
    signature: PeanoSignature = PEANO,
    nonzero: Iterable[ExprLike] = (),
) -> Equivalence:
    """Whether ``rules`` prove ``a = b`` (stopping as soon as they do). When they do not, a
    seeded search looks for a point where the two differ.

    >>> e = equivalent("a+b", "a*b", rules="semiring")
    >>> e.equal, e.counterexample is not None
    (False, True)
    """
    (ta, tb), _, dom, rule_list = _prepare([a, b], rules, domain, signature)
    with _query(dom, rule_list, NODES, nonzero, signature) as session:
        na, nb = session.add(ta), session.add(tb)
        info = session.run(limits or Limits(), goal=lambda: session.same(na, nb))
        equal = session.same(na, nb)
    counter = None if equal else find_counterexample(ta, tb, dom, signature)
    return Equivalence(equal, info.saturated, info.iterations, info.stop_reason, counter)


def canonicalize(expr: ExprLike, limits: Limits | None = None, rules: RulesLike = None) -> Any:
    """A canonical cheap form of a real-arithmetic expression, for mutation and the numerical
    search (operation count, small default limits, same kind as the input).

    >>> canonicalize("x*1 + 0*y + x*y - y*x")
    'x'
    """
    return simplify(expr, rules, "ops", limits or Limits(iterations=12, nodes=5000, time=0.5),
                    domain="real").expr


class EquivalenceIndex:
    """Many terms in one e-graph, saturated once, then queried for equality.

    Reusing one e-graph is much faster than one :func:`equivalent` call per pair.

    >>> idx = EquivalenceIndex("peano", domain="peano")
    >>> a, b, c = idx.add("x + i0"), idx.add("x"), idx.add("s(x)")
    >>> _ = idx.saturate()
    >>> idx.same(a, b), idx.same(a, c), idx.classes()
    (True, False, [[0, 1], [2]])
    """

    def __init__(self, rules: RulesLike = None, *, domain: str = "peano",
                 signature: PeanoSignature = PEANO, limits: Limits | None = None,
                 nonzero: Iterable[ExprLike] = ()) -> None:
        self.domain = domain
        self.signature = signature
        self.limits = limits or Limits()
        self.session = EGraphSession(domain, resolve_rules(rules, domain, signature), NODES)
        for fact in nonzero:
            self.session.assume_nonzero(_to_term(fact, domain, signature)[0])
        self.terms: list[Term] = []
        self._names: list[str] = []
        self._ids: dict[Term, int] = {}

    def add(self, expr: ExprLike) -> int:
        """Add a term (text, tuple or sympy); returns its id. Equal tuples share one id."""
        term = _to_term(expr, self.domain, self.signature)[0]
        if term not in self._ids:
            self._ids[term] = len(self.terms)
            self.terms.append(term)
            self._names.append(self.session.add(term))
        return self._ids[term]

    def saturate(self, limits: Limits | None = None) -> RunInfo:
        """Run the rules (again, after more terms were added) under the limits."""
        return self.session.run(limits or self.limits)

    def same(self, i: int, j: int) -> bool:
        """Whether terms ``i`` and ``j`` are proved equal."""
        return self.session.same(self._names[i], self._names[j])

    def classes(self) -> list[list[int]]:
        """The ids grouped by proved equality, each group and the list in id order."""
        groups: dict[Any, list[int]] = {}
        for i, name in enumerate(self._names):
            groups.setdefault(self.session.value(name), []).append(i)
        return sorted(groups.values())

    def class_id(self, i: int) -> Any:
        """A hashable id of the e-class of term ``i`` (valid until the next saturation)."""
        return self.session.value(self._names[i])

    def representative(self, i: int) -> Term:
        """The smallest known term equal to term ``i``."""
        return self.session.extract(self._names[i])


def distinct_equations(
    equations: Sequence[tuple[ExprLike, ExprLike]],
    rules: RulesLike = None,
    *,
    domain: str = "peano",
    signature: PeanoSignature = PEANO,
    limits: Limits | None = None,
) -> list[int]:
    """Indices of the equations to keep: drops each that the rules make trivial (both sides
    equal) or that equals an earlier kept one modulo the rules (either orientation).

    >>> from rewriting.rules import rules_from_equations
    >>> comm = rules_from_equations([("a + b", "b + a")])
    >>> distinct_equations([("x + y", "y + x"), ("x + i0", "x"), ("i0 + x", "x")], comm)
    [1]
    """
    index = EquivalenceIndex(rules, domain=domain, signature=signature, limits=limits)
    pairs = [(index.add(lhs), index.add(rhs)) for lhs, rhs in equations]
    index.saturate()
    keep: list[int] = []
    seen: set[frozenset[Any]] = set()
    for k, (i, j) in enumerate(pairs):
        if index.same(i, j):
            continue
        key = frozenset((index.class_id(i), index.class_id(j)))
        if key not in seen:
            seen.add(key)
            keep.append(k)
    return keep

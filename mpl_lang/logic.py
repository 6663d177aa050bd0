"""Logical core shared by the prover and the independent checker.

Everything here is small, pure and part of the trusted base: renaming, definition
unfolding and *clausification*, which reads a formula as a list of rules

    ∀ vars: premise literals → conclusion

where the conclusion is one literal, or `∃ ys: literals` (an existential clause). A
`Literal` is `(positive, pred, args)`.

>>> from mpl_lang.parser import parse_expr
>>> [str(c) for c in clausify(parse_expr("(>[x](in[x,X])!(>[y](in[y,Y])!(in2[x,y,f])))"))]
['∀x: (in[x,X]) ⇒ ∃y: (in[y,Y]) ∧ (in2[x,y,f])']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from .ast import And, Atom, Expr, Forall, Not
from .errors import ClauseError

FALSUM = "⊥"


class Literal(NamedTuple):
    """An atom (`positive`) or its negation: the predicate `pred` applied to `args`.
    A tuple, so it hashes and compares like `(positive, pred, args)`.

    >>> lit = Literal(False, "in2", ("n", "i0", "s"))
    >>> lit.pred, lit.args, literal_text(lit)
    ('in2', ('n', 'i0', 's'), '!(in2[n,i0,s])')
    """

    positive: bool
    pred: str
    args: tuple[str, ...]


#: `_literal(Literal, (positive, pred, args))` builds a Literal without NamedTuple's
#: Python-level `__new__`, at half the cost: the checker and the prover build a literal per
#: fact they read or derive (measured with callgrind on the checker benchmark's check:
#: 2.0% more instructions than plain tuples this way, 4.6% with `Literal(...)`)
_literal = tuple.__new__


def literal_to_expr(lit: Literal) -> Expr:
    """The MPL expression of a literal."""
    atom = Atom(lit.pred, lit.args)
    return atom if lit.positive else Not(atom)


def expr_to_literal(e: Expr) -> Literal | None:
    """The literal an expression is, or None when it is not an (optionally negated) atom."""
    if isinstance(e, Atom):
        return _literal(Literal, (True, e.name, e.args))
    if isinstance(e, Not) and isinstance(e.body, Atom):
        return _literal(Literal, (False, e.body.name, e.body.args))
    return None


def literal_text(lit: Literal) -> str:
    """Canonical MPL text of a literal, e.g. `!(in2[n,i0,s])`."""
    return ("" if lit.positive else "!") + f"({lit.pred}[{','.join(lit.args)}])"


def subst_literal(lit: Literal, sigma: Mapping[str, str]) -> Literal:
    """Apply a variable-to-name substitution to a literal's arguments.

    >>> subst_literal(Literal(True, "in", ("x", "N")), {"x": "a"})
    Literal(positive=True, pred='in', args=('a', 'N'))
    """
    return _literal(Literal, (lit.positive, lit.pred, tuple([sigma.get(a, a) for a in lit.args])))


def free_names(e: Expr) -> set[str]:
    """Identifiers occurring free (not bound by a quantifier) in `e`, predicates excluded."""
    if isinstance(e, Atom):
        return set(e.args)
    if isinstance(e, And):
        return set().union(*(free_names(p) for p in e.parts))
    if isinstance(e, Not):
        return free_names(e.body)
    return (free_names(e.hyp) | free_names(e.concl)) - set(e.vars)


def bound_names(e: Expr) -> set[str]:
    """Every identifier bound by some quantifier inside `e`."""
    if isinstance(e, Atom):
        return set()
    if isinstance(e, And):
        return set().union(*(bound_names(p) for p in e.parts))
    if isinstance(e, Not):
        return bound_names(e.body)
    return set(e.vars) | bound_names(e.hyp) | bound_names(e.concl)


def substitute(e: Expr, sigma: Mapping[str, str]) -> Expr:
    """Capture-avoiding substitution of free identifiers (bound ones are renamed if needed)."""
    if not sigma:
        return e
    if isinstance(e, Atom):
        return Atom(e.name, tuple(sigma.get(a, a) for a in e.args), e.loc)
    if isinstance(e, And):
        return And(tuple(substitute(p, sigma) for p in e.parts), e.loc)
    if isinstance(e, Not):
        return Not(substitute(e.body, sigma), e.loc)
    inner = {k: v for k, v in sigma.items() if k not in e.vars}
    if not inner:
        return e
    incoming = set(inner.values())
    taken = incoming | free_names(e) | bound_names(e) | set(inner)
    vars_, rename = [], {}
    for v in e.vars:
        if v in incoming:
            fresh = _fresh(v, taken)
            taken.add(fresh)
            rename[v] = fresh
            vars_.append(fresh)
        else:
            vars_.append(v)
    inner.update(rename)
    return Forall(tuple(vars_), substitute(e.hyp, inner), substitute(e.concl, inner), e.loc)


def _fresh(base: str, taken: set[str]) -> str:
    i = 1
    while f"{base}_{i}" in taken:
        i += 1
    return f"{base}_{i}"


def unfold(e: Expr, definitions: Mapping[str, tuple[tuple[str, ...], Expr]]) -> Expr:
    """Replace every defined atom by its definition body, recursively (definitions are acyclic)."""
    if isinstance(e, Atom):
        d = definitions.get(e.name)
        if d is None:
            return e
        params, body = d
        return unfold(substitute(body, dict(zip(params, e.args))), definitions)
    if isinstance(e, And):
        return And(tuple(unfold(p, definitions) for p in e.parts), e.loc)
    if isinstance(e, Not):
        return Not(unfold(e.body, definitions), e.loc)
    return Forall(e.vars, unfold(e.hyp, definitions), unfold(e.concl, definitions), e.loc)


@dataclass(frozen=True, slots=True)
class Clause:
    """`∀ vars: premises ⇒ conclusion`, or `⇒ ∃ exists: conclusion` when `exists` is set.

    Without `exists` the conclusion is exactly one literal.
    """

    vars: tuple[str, ...]
    premises: tuple[Literal, ...]
    conclusion: tuple[Literal, ...]
    exists: tuple[str, ...] = ()

    def __str__(self) -> str:
        head = f"∀{','.join(self.vars)}: " if self.vars else ""
        prem = " ∧ ".join(literal_text(p) for p in self.premises) or "⊤"
        concl = " ∧ ".join(literal_text(c) for c in self.conclusion)
        if self.exists:
            concl = f"∃{','.join(self.exists)}: {concl}"
        return f"{head}{prem} ⇒ {concl}"


def clausify(e: Expr) -> list[Clause]:
    """Read an asserted formula as rules, in source order. Raises ClauseError when a part
    has no rule form (a disjunction in a conclusion, a universal inside a premise)."""
    out: list[Clause] = []
    _assert(e, (), (), out)
    return out


def clausify_parts(e: Expr) -> list[Clause | ClauseError]:
    """Like `clausify`, but conjuncts without a rule form become ClauseError entries instead
    of aborting, so indices of the usable clauses stay stable and deterministic."""
    out: list[Clause | ClauseError] = []
    for part in _top_conjuncts(e):
        try:
            out.extend(clausify(part))
        except ClauseError as exc:
            out.append(exc)
    return out


def _top_conjuncts(e: Expr) -> list[Expr]:
    if isinstance(e, And):
        return [x for p in e.parts for x in _top_conjuncts(p)]
    if isinstance(e, Not) and isinstance(e.body, Not):
        return _top_conjuncts(e.body.body)
    return [e]


def _assert(e: Expr, vs: tuple[str, ...], prem: tuple[Literal, ...], out: list[Clause]) -> None:
    if isinstance(e, Atom):
        out.append(Clause(vs, prem, (_literal(Literal, (True, e.name, e.args)),)))
    elif isinstance(e, And):
        for p in e.parts:
            _assert(p, vs, prem, out)
    elif isinstance(e, Forall):
        hv, hl = _premise(e.hyp)
        _assert(e.concl, vs + e.vars + hv, prem + hl, out)
    else:  # Not
        b = e.body
        if isinstance(b, Atom):
            out.append(Clause(vs, prem, (_literal(Literal, (False, b.name, b.args)),)))
        elif isinstance(b, Not):
            _assert(b.body, vs, prem, out)
        elif isinstance(b, Forall):
            # ¬∀ys (A → C)  ≡  ∃ys (A ∧ ¬C)
            ev, lits = _premise(And((b.hyp, Not(b.concl))))
            ex = b.vars + ev
            if ex:
                out.append(Clause(vs, prem, lits, ex))
            else:
                out.extend(Clause(vs, prem, (lit,)) for lit in lits)
        else:
            raise ClauseError("a negated conjunction (a disjunction) has no rule form", e.loc)


def _premise(e: Expr) -> tuple[tuple[str, ...], tuple[Literal, ...]]:
    """Variables and literals of a premise; an existential premise binds more variables."""
    if isinstance(e, Atom):
        return (), (_literal(Literal, (True, e.name, e.args)),)
    if isinstance(e, And):
        vs: tuple[str, ...] = ()
        lits: tuple[Literal, ...] = ()
        for p in e.parts:
            v, lt = _premise(p)
            vs, lits = vs + v, lits + lt
        return vs, lits
    if isinstance(e, Not):
        b = e.body
        if isinstance(b, Atom):
            return (), (_literal(Literal, (False, b.name, b.args)),)
        if isinstance(b, Not):
            return _premise(b.body)
        if isinstance(b, Forall):
            v, lits = _premise(And((b.hyp, Not(b.concl))))
            return b.vars + v, lits
        raise ClauseError("a disjunction inside a premise has no rule form", e.loc)
    raise ClauseError("a universal statement inside a premise has no rule form", e.loc)


def instantiate(clause: Clause, sigma: Mapping[str, str]) -> tuple[list[Literal], list[Literal]]:
    """Premises and conclusion of `clause` under `sigma` (which binds its vars and exists)."""
    return ([subst_literal(p, sigma) for p in clause.premises],
            [subst_literal(c, sigma) for c in clause.conclusion])


def goal_parts(e: Expr) -> tuple[tuple[str, ...], tuple[Expr, ...], Expr]:
    """Split a statement into (universal variables, hypotheses, conclusion) by currying:
    `∀x (A → ∀y (B → C))` gives ((x, y), (A, B), C). Hypotheses are flattened conjuncts."""
    vs: tuple[str, ...] = ()
    hyps: tuple[Expr, ...] = ()
    while isinstance(e, Forall):
        vs += e.vars
        hyps += tuple(_top_conjuncts(e.hyp))
        e = e.concl
    return vs, hyps, e


def iter_atoms(e: Expr) -> Iterable[Atom]:
    """Every atom of an expression, in source order."""
    if isinstance(e, Atom):
        yield e
    elif isinstance(e, And):
        for p in e.parts:
            yield from iter_atoms(p)
    elif isinstance(e, Not):
        yield from iter_atoms(e.body)
    else:
        yield from iter_atoms(e.hyp)
        yield from iter_atoms(e.concl)


def map_atoms(e: Expr, f: Callable[[Atom], Expr]) -> Expr:
    """Rebuild `e` with every atom replaced by `f(atom)`."""
    if isinstance(e, Atom):
        return f(e)
    if isinstance(e, And):
        return And(tuple(map_atoms(p, f) for p in e.parts), e.loc)
    if isinstance(e, Not):
        return Not(map_atoms(e.body, f), e.loc)
    return Forall(e.vars, map_atoms(e.hyp, f), map_atoms(e.concl, f), e.loc)


def conjoin(parts: tuple[Expr, ...] | list[Expr]) -> Expr:
    """One part as itself, several as one flat n-ary `And`."""
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def complement(lit: Literal) -> Literal:
    """`!A` for `A` and `A` for `!A`."""
    return _literal(Literal, (not lit.positive, lit.pred, lit.args))


#: the induction schemes (export/SCHEMA.md): `structural` P(z), P(k) ⇒ P(s k); `two_step`
#: P(z), P(s z), P(k) ⇒ P(s s k); `simultaneous` on v1..vn: the cases v1..vi successors and
#: v(i+1) = z (the rest universal) for each i < n, and P(k̄) ⇒ P(s k̄)
SCHEMES = ("structural", "two_step", "simultaneous")


def induction_names(scheme: str, variables: int) -> int:
    """How many fresh names (`induction_vars`) an induction of `scheme` on that many
    variables binds: two per variable (a predecessor and its successor), one more for
    `two_step`.

    >>> induction_names("structural", 1), induction_names("two_step", 1), induction_names("simultaneous", 2)
    (2, 3, 4)
    """
    return 2 * variables + (scheme == "two_step")


def induction_claims(statement: Expr, var: str | tuple[str, ...], set_: str, base: str, succ: str,
                     *names: str, scheme: str = "structural") -> dict[str, Expr]:
    """The claims of an induction on `var` (for `simultaneous` a tuple of variables) by
    `scheme` (SCHEMES, export/SCHEMA.md): `type` (the hypotheses put the variables in the
    set), `base`, further cases `base2`, ... and `step`. The `names` (`induction_names` of
    them, distinct) must not occur in the statement. ClauseError when they do not fit.

    >>> from mpl_lang.parser import parse_expr
    >>> from mpl_lang.printer import to_mpl
    >>> c = induction_claims(parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))"), "a", "N", "i0", "s", "k", "k2")
    >>> to_mpl(c["base"])
    '(>[](in[i0,N])(in3[i0,i0,i0,+]))'
    >>> to_mpl(c["step"])
    '(>[k,k2](&(in[k,N])(in2[k,k2,s])(>[](in[k,N])(in3[i0,k,k,+])))(>[](in[k2,N])(in3[i0,k2,k2,+])))'
    >>> c = induction_claims(parse_expr("(>[a,b,c](in3[a,b,c,m])(in3[b,a,c,m]))"), ("a", "b"), "N", "i0", "s",
    ...                      "k", "k2", "j", "j2", scheme="simultaneous")
    >>> sorted(c), to_mpl(c["base2"])
    (['base', 'base2', 'step', 'type'], '(>[k,k2](&(in[k,N])(in2[k,k2,s]))(>[c](in3[k2,i0,c,m])(in3[i0,k2,c,m])))')
    """
    vs, hyps, concl = goal_parts(statement)
    variables = (var,) if isinstance(var, str) else tuple(var)
    if scheme not in SCHEMES or not variables or (len(variables) > 1) != (scheme == "simultaneous"):
        raise ClauseError(f"a {scheme} induction names "
                          + ("two or more variables" if scheme == "simultaneous" else "one variable"))
    if bad := [v for v in variables if v not in vs or variables.count(v) > 1 or not hyps]:
        raise ClauseError(f"induction variable {bad[0]!r} is not a universal variable of a statement with "
                          "hypotheses (once)")
    if len(names) != (n := induction_names(scheme, len(variables))) or len(set(names)) != n:
        raise ClauseError(f"a {scheme} induction on {len(variables)} variable(s) needs {n} distinct names")
    hyp = conjoin(hyps)

    def p(sigma: dict[str, str]) -> Expr:
        return Forall(tuple(v for v in vs if v not in sigma), substitute(hyp, sigma), substitute(concl, sigma))

    def case(bound: tuple[str, ...], premises: list[Expr], sigma: dict[str, str]) -> Expr:
        return Forall(bound, conjoin(premises), p(sigma)) if bound else p(sigma)

    def succs(ks: tuple[str, ...], k2s: tuple[str, ...]) -> list[Expr]:
        return [a for k, k2 in zip(ks, k2s) for a in (Atom("in", (k, set_)), Atom("in2", (k, k2, succ)))]

    claims = {"type": Forall(vs, hyp, conjoin([Atom("in", (v, set_)) for v in variables]))}
    if scheme == "two_step":
        (v,), (k, k2, k3) = variables, names
        claims |= {"base": p({v: base}), "base2": case((k2,), [Atom("in2", (base, k2, succ))], {v: k2}),
                   "step": case(names, [*succs((k,), (k2,)), Atom("in2", (k2, k3, succ)), p({v: k})], {v: k3})}
        return claims
    ks, k2s = names[0::2], names[1::2]
    for i, v in enumerate(variables):
        claims["base" if i == 0 else f"base{i + 1}"] = case(names[:2 * i], succs(ks[:i], k2s[:i]),
                                                            {**dict(zip(variables, k2s[:i])), v: base})
    claims["step"] = case(names, [*succs(ks, k2s), p(dict(zip(variables, ks)))], dict(zip(variables, k2s)))
    return claims


def exists_instance(q: Forall, sigma: Mapping[str, str]) -> Expr:
    """`(&(Hσ)(Dσ))` for the existential `!(>[x̄](H)(C))` whose universal is `q` (D is C's
    body when C is `!D`, else `!C`), σ binding x̄: the instance that proves it (`ex_intro`),
    and what fresh witnesses satisfy (`ex_elim`).

    >>> from mpl_lang import parse_expr, to_mpl
    >>> to_mpl(exists_instance(parse_expr("(>[p](in[p,N])!(in3[n,p,m,+]))"), {"p": "w"}))
    '(&(in[w,N])(in3[n,w,m,+]))'
    """
    d = q.concl.body if isinstance(q.concl, Not) else Not(q.concl)
    return And((substitute(q.hyp, sigma), substitute(d, sigma)))

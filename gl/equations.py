"""Statements as equations between terms (`mpl_lang.terms`), and back.

GL states `a + b = b + a` relationally: `(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))`.
The hypotheses name the values of sub-terms (`c` is `a + b`); the conclusion says the
other side has the same value. This module converts both ways.

>>> from mpl_lang import parse_expr, to_mpl
>>> statement_to_equation(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))
(('+', 'a', 'b'), ('+', 'b', 'a'))
>>> to_mpl(equation_to_statement(("+", "a", "b"), ("+", "b", "a"), "N", {"N", "+"}))
'(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))'
"""

from __future__ import annotations

from mpl_lang import And, Atom, Expr, Forall
from mpl_lang.logic import Clause, conjoin, goal_parts, literal_to_expr
from mpl_lang.terms import (
    Term,
    decode_graph,
    encode_graph,
    fresh_names,
    leaves,
    match,
    variables,
)

__all__ = ["equation_to_statement", "is_instance", "statement_to_equation"]

#: letters for the names of sub-term values
_LETTERS = "abcdefghjklmnopqrtuvwxyz"


def _graph(a: Expr) -> tuple[str, tuple[str, ...], str] | None:
    return decode_graph(a.name, a.args) if isinstance(a, Atom) else None


def clause_equation(c: Clause) -> tuple[Term, Term] | None:
    """The equation a rule clause with premises states (`statement_to_equation` of
    premises → its one conclusion), or None: for an existential clause, a negative
    literal, several conclusions or none of an equation's shape.

    >>> from mpl_lang import parse_expr
    >>> from mpl_lang.logic import clausify
    >>> [c] = clausify(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))
    >>> clause_equation(c)
    (('+', 'a', 'b'), ('+', 'b', 'a'))
    """
    if c.exists or not c.premises or len(c.conclusion) != 1 or not all(
            lit.positive for lit in (*c.premises, *c.conclusion)):
        return None
    return statement_to_equation(Forall(c.vars, conjoin([literal_to_expr(lit) for lit in c.premises]),
                                        literal_to_expr(c.conclusion[0])))


def statement_to_equation(e: Expr) -> tuple[Term, Term] | None:
    """The equation a relational statement states, or None. Typing hypotheses
    (`in[x,N]`) are allowed; any other extra hypothesis makes it not an equation."""
    vs, hyps, concl = goal_parts(e)
    vset = set(vs)
    defined: dict[str, tuple[str, tuple[str, ...]]] = {}
    for h in hyps:
        g = _graph(h)
        if g is not None and g[2] in vset and g[2] not in defined:
            defined[g[2]] = (g[0], g[1])
        elif not (isinstance(h, Atom) and h.name == "in" and len(h.args) == 2):
            return None
    terms: dict[str, Term] = {}

    def term(x: str, seen: frozenset = frozenset()) -> Term | None:
        if x in terms:
            return terms[x]
        if x not in defined:
            return x
        if x in seen:
            return None
        f, ins = defined[x]
        args = [term(i, seen | {x}) for i in ins]
        if any(a is None for a in args):
            return None
        terms[x] = (f, *args)
        return terms[x]

    g = _graph(concl)
    if g is not None:
        f, ins, out = g
        args = [term(i) for i in ins]
        left = term(out)
        if left is None or any(a is None for a in args):
            return None
        right: Term = (f, *args)
        if out not in defined:
            left, right = right, left
        return left, right
    if isinstance(concl, Atom) and concl.name == "=" and len(concl.args) == 2:
        a, b = term(concl.args[0]), term(concl.args[1])
        return None if a is None or b is None else (a, b)
    return None


def equation_to_statement(lhs: Term, rhs: Term, domain: str, constants: frozenset[str] | set[str] = frozenset()) -> Expr:
    """The relational statement of `lhs = rhs`: hypotheses name every compound sub-term of
    the left side and the proper sub-terms of the right side; the conclusion applies the
    right side's function. A variable used nowhere in a hypothesis gets `in[x,domain]`.
    Leaves that are not `constants` are the statement's variables."""

    def _is_var(x: str) -> bool:
        return x not in constants

    names: dict[Term, str] = {}
    hyps: list[Atom] = []
    leaf_names = _leaves_set(lhs, rhs)
    order: list[str] = variables(lhs, rhs, constants=constants)
    supply = fresh_names(set(leaf_names), _LETTERS)

    def name(t: Term) -> str:
        if isinstance(t, str):
            return t
        if t in names:
            return names[t]
        f, *args = t
        ins = [name(a) for a in args]
        out = next(supply)
        names[t] = out
        order.append(out)
        hyps.append(Atom(*encode_graph(f, tuple(ins), out)))
        return out

    left = name(lhs)
    if isinstance(rhs, str):
        if isinstance(lhs, str):
            concl = Atom("=", (lhs, rhs))
        else:
            hyps.pop()
            order.remove(left)
            f, *args = lhs
            concl = Atom(*encode_graph(f, tuple(name(a) for a in args), rhs))
    else:
        f, *args = rhs
        ins = [name(a) for a in args]
        concl = Atom(*encode_graph(f, tuple(ins), left))
    mentioned = {a for h in hyps for a in h.args}
    for v in [v for v in order if _is_var(v) and v in leaf_names]:
        if v not in mentioned:
            hyps.append(Atom("in", (v, domain)))
    vars_ = tuple(dict.fromkeys(v for v in order if v in mentioned or v in concl.args or v in leaf_names))
    vars_ = tuple(v for v in vars_ if _is_var(v) or v in names.values())
    hyp: Expr = hyps[0] if len(hyps) == 1 else And(tuple(hyps))
    return Forall(vars_, hyp, concl)


def _leaves_set(*ts: Term) -> set[str]:
    return {x for t in ts for x in leaves(t)}


def is_instance(eq: tuple[Term, Term], general: tuple[Term, Term], constants: frozenset[str] | set[str]) -> bool:
    """Whether equation `eq` is a substitution instance of `general` (either orientation),
    leaves not in `constants` being variables.

    >>> is_instance((("*", "a", "a"), ("*", "a", "a")), (("*", "x", "y"), ("*", "y", "x")), set())
    True
    """
    is_var = (_leaves_set(*general) - set(constants)).__contains__
    for lhs, rhs in (general, general[::-1]):
        sigma = match(lhs, eq[0], is_var)
        if sigma is not None and match(rhs, eq[1], is_var, sigma) is not None:
            return True
    return False

"""Statements as literals, read as equations and written from them.

GL states `(a + b) + c = a + (b + c)` relationally: hypotheses name the values of sub-terms
(terms of `mpl_lang.terms`) and the conclusion applies one function. `EqView` reads any
rule `∀vars: premises ⇒ conclusion` (a theorem's clause, an axiom clause) that has this
shape back as an equation, and knows which variable names which term; `render` writes an
equation as the statement (a `RuleForm`).

>>> from mpl_lang import parse_expr
>>> from mpl_lang.logic import clausify
>>> v = EqView.of_clause(clausify(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))[0])
>>> v.lhs, v.rhs
(('+', 'a', 'b'), ('+', 'b', 'a'))
>>> render(("+", "a", ("s", "b")), ("s", ("+", "a", "b")), {"+", "s"}, "N").mpl
'(>[a,b,c,d,e](&(in2[b,c,s])(in3[a,c,d,+])(in3[a,b,e,+]))(in2[e,d,s]))'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial

from mpl_lang import And, Expr, Forall
from mpl_lang.logic import Clause, Literal, literal_text, literal_to_expr
from mpl_lang.terms import Term, decode_graph, encode_graph, fresh_names, variables


def graph(lit: Literal) -> tuple[str, tuple[str, ...], str] | None:
    """(function, inputs, output) of a positive graph literal, else None."""
    return decode_graph(lit.pred, lit.args) if lit.positive else None


def graph_literal(f: str, ins: tuple[str, ...], out: str) -> Literal:
    """The literal `f(ins) = out`."""
    return Literal(True, *encode_graph(f, ins, out))


# ---------------------------------------------------------------- the equation view


@dataclass(frozen=True)
class EqView:
    """A rule read as an equation `lhs = rhs`.

    `terms` maps every variable of the rule to the term it denotes (a leaf variable to
    itself); `typed` maps leaf variables with an `in[x,D]` premise to D (typing premises
    of constants are allowed and ignored); `sites` maps each
    named compound term to the index of the premise naming it. Orientation follows
    `gl.equations`: the conclusion `f(args) = out` gives `term(out) = f(args)` when `out` is
    a named term, else `f(args) = out`; `(=[x,y])` gives `term(x) = term(y)`. A negated
    conclusion states the disequation `lhs ≠ rhs` (`negated`).
    """

    vars: tuple[str, ...]
    terms: dict[str, Term]
    typed: dict[str, str]
    sites: dict[Term, int]
    lhs: Term
    rhs: Term
    negated: bool = False

    @property
    def leaves(self) -> tuple[str, ...]:
        """The variables that are leaves of the equation's terms (not named values)."""
        return tuple(v for v in self.vars if self.terms[v] == v)

    @staticmethod
    def of_clause(clause: Clause) -> EqView | None:
        """The equation a clause states, or None when some premise is not a definition of
        a new variable by a function value or a typing `in[x,D]`, or the conclusion is
        not a function value or an equality."""
        if clause.exists or len(clause.conclusion) != 1:
            return None
        return EqView.of_parts(clause.vars, clause.premises, clause.conclusion[0])

    @staticmethod
    def of_parts(vars_: tuple[str, ...], premises: tuple[Literal, ...], concl: Literal) -> EqView | None:
        """Like `of_clause`, from a rule's variables, premise literals and conclusion."""
        vset = set(vars_)
        defined: dict[str, tuple[str, tuple[str, ...], int]] = {}
        typed: dict[str, str] = {}
        for i, lit in enumerate(premises):
            g = graph(lit)
            if g is not None and g[2] in vset and g[2] not in defined and g[0] not in vset:
                defined[g[2]] = (g[0], g[1], i)
            elif lit.positive and lit.pred == "in" and len(lit.args) == 2 and lit.args[1] not in vset:
                if lit.args[0] in vset:
                    typed.setdefault(lit.args[0], lit.args[1])
            else:
                return None
        terms: dict[str, Term] = {}
        sites: dict[Term, int] = {}
        term = partial(_defined_term, defined=defined, terms=terms, sites=sites)
        for v in vars_:
            if term(v) is None:
                return None
            terms.setdefault(v, v)
        if any(v in defined for v in typed):
            return None
        sides = _conclusion_sides(Literal(True, concl.pred, concl.args), vset, term)
        if sides is None:
            return None
        return EqView(tuple(vars_), terms, typed, sites, *sides, negated=not concl.positive)


def _defined_term(x: str, depth: int = 0, *, defined: dict[str, tuple[str, tuple[str, ...], int]],
                  terms: dict[str, Term], sites: dict[Term, int]) -> Term | None:
    """The term the name `x` stands for by the `defined` values (`f(ins)` at premise i), or
    None for a definition cycle; memoized in `terms`, each term's first premise in `sites`."""
    if x in terms:
        return terms[x]
    if x not in defined:
        return x
    if depth > len(defined):
        return None  # a definition cycle
    f, ins, i = defined[x]
    args = [_defined_term(a, depth + 1, defined=defined, terms=terms, sites=sites) for a in ins]
    if any(a is None for a in args):
        return None
    t = (f, *args)
    terms[x] = t
    sites.setdefault(t, i)
    return t


def _conclusion_sides(concl: Literal, vset: set[str], term: Callable[[str], Term | None]
                      ) -> tuple[Term, Term] | None:
    g = graph(concl)
    if g is not None and g[0] not in vset:
        f, ins, out = g
        app: Term = (f, *(term(a) for a in ins))
        named = term(out)
        return (named, app) if not isinstance(named, str) else (app, named)
    if concl.positive and concl.pred == "=" and len(concl.args) == 2:
        return term(concl.args[0]), term(concl.args[1])
    return None


# ---------------------------------------------------------------- rendering


#: letters for canonical variable names (no look-alikes of digits)
LETTERS = "abcdefghjkmnpqrtuvwxyz"


def name_supply(taken: set[str] | frozenset[str]) -> Iterator[str]:
    """Variable names not in `taken`: single letters, then v1, v2, ..."""
    return fresh_names(taken, LETTERS)


def canonical_leaves(lhs: Term, rhs: Term, constants: frozenset[str] | set[str]) -> dict[str, str]:
    """Leaf variables of an equation -> canonical names, by first occurrence (lhs, rhs)."""
    return dict(zip(variables(lhs, rhs, constants=constants), name_supply(frozenset(constants))))


@dataclass(frozen=True)
class RuleForm:
    """A statement `∀vars: hyps ⇒ concl` as literals (what mutation builds; the formula and
    its canonical MPL text are made from it on demand). `named` maps each compound term the
    hypotheses name to its variable, when known."""

    vars: tuple[str, ...]
    hyps: tuple[Literal, ...]
    concl: Literal
    named: dict[Term, str] = field(default_factory=dict, compare=False)

    @property
    def mpl(self) -> str:
        """Canonical MPL text (`to_mpl` of `statement`), written directly."""
        hyp = "".join(map(literal_text, self.hyps))
        if len(self.hyps) > 1:
            hyp = f"(&{hyp})"
        return f"(>[{','.join(self.vars)}]{hyp}{literal_text(self.concl)})"

    @cached_property
    def statement(self) -> Expr:
        """The formula."""
        atoms = [literal_to_expr(h) for h in self.hyps]
        return Forall(self.vars, atoms[0] if len(atoms) == 1 else And(tuple(atoms)),
                      literal_to_expr(self.concl))

    @property
    def clause(self) -> Clause:
        """Its one clause, as `clausify` reads the statement (no defined predicates)."""
        return Clause(self.vars, self.hyps, (self.concl,))


def render(lhs: Term, rhs: Term, constants: frozenset[str] | set[str],
           domain: Callable[[str], str] | str, negated: bool = False) -> RuleForm:
    """The relational statement of `lhs = rhs` (leaves that are not `constants` are its
    variables; they keep their names). Hypotheses name every compound sub-term of the left
    side and the proper sub-terms of the right side, post-order, each distinct term once;
    the conclusion applies the right side's function (the left side's when the right side
    is a leaf; an equality when both are leaves), negated for `lhs ≠ rhs`. A leaf variable
    that occurs in no hypothesis gets `in[x,D]`, D from `domain` (a set name or a function
    of the leaf)."""
    names: dict[Term, str] = {}
    hyps: list[Literal] = []
    leaf_vars = variables(lhs, rhs, constants=constants)
    supply = name_supply(frozenset(constants) | set(leaf_vars))
    defined: list[str] = []
    name = partial(_name, names=names, hyps=hyps, defined=defined, supply=supply)
    if isinstance(rhs, str):
        if isinstance(lhs, str):
            concl = Literal(True, "=", (lhs, rhs))
        else:
            concl = graph_literal(lhs[0], tuple(name(a) for a in lhs[1:]), rhs)
    else:
        left = name(lhs)
        concl = graph_literal(rhs[0], tuple(name(a) for a in rhs[1:]), left)
    mentioned = {a for h in hyps for a in h.args}
    dom = (lambda _x: domain) if isinstance(domain, str) else domain
    hyps += [Literal(True, "in", (x, dom(x))) for x in leaf_vars if x not in mentioned]
    if negated:
        concl = Literal(False, concl.pred, concl.args)
    return RuleForm((*leaf_vars, *defined), tuple(hyps), concl, names)


def _name(t: Term, *, names: dict[Term, str], hyps: list[Literal], defined: list[str],
          supply: Iterator[str]) -> str:
    """The name of `t` in `render`'s statement: a leaf itself, a compound term the next name
    of `supply` (once; its hypothesis, after those of its arguments, goes to `hyps`)."""
    if isinstance(t, str):
        return t
    if t in names:
        return names[t]
    ins = tuple(_name(a, names=names, hyps=hyps, defined=defined, supply=supply) for a in t[1:])
    out = next(supply)
    names[t] = out
    defined.append(out)
    hyps.append(graph_literal(t[0], ins, out))
    return out

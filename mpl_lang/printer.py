"""Printers: canonical MPL (re-parses to the same AST) and a readable infix rendering.

Graph relations print as function applications: `in2[x,y,f]` is `f(x) = y` and
`in3[a,b,c,+]` is `a + b = c`. Statements whose hypotheses only name function values
print as equations.

>>> from mpl_lang.parser import parse_expr
>>> to_mpl(parse_expr("( >[a,b,c] (in3[a,b,c,+]) (in3[b,a,c,+]) )"))
'(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))'
>>> readable(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"))
'∀a,b: a + b = b + a'
>>> readable(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), equations=False)
'∀a,b,c: a + b = c → b + a = c'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .ast import And, Atom, Definition, Expr, Forall, Include, Induction, Module, Not, Statement
from .terms import Term, decode_graph, infix


def to_mpl(e: Expr) -> str:
    """Canonical compact MPL text of an expression."""
    if isinstance(e, Atom):
        return f"({e.name}[{','.join(e.args)}])"
    if isinstance(e, And):
        return "(&" + "".join(to_mpl(p) for p in e.parts) + ")"
    if isinstance(e, Forall):
        return f"(>[{','.join(e.vars)}]{to_mpl(e.hyp)}{to_mpl(e.concl)})"
    if isinstance(e, Not):
        return "!" + to_mpl(e.body)
    raise TypeError(f"not an MPL expression: {e!r}")


def pretty_mpl(e: Expr, indent: int = 0, width: int = 88) -> str:
    """Multi-line MPL for files: short parts stay on one line; parses back to the same AST."""
    flat = to_mpl(e)
    if indent + len(flat) <= width or isinstance(e, Atom):
        return flat
    pad = "    " * (indent // 4 + 1)
    if isinstance(e, Not):
        return "!" + pretty_mpl(e.body, indent + 1, width)
    if isinstance(e, And):
        head, kids = "(&", e.parts
    else:
        head, kids = f"(>[{','.join(e.vars)}]", (e.hyp, e.concl)
    inner = "\n".join(pad + pretty_mpl(k, len(pad), width) for k in kids)
    return f"{head}\n{inner}\n{pad[:-4]})"


def decl_to_mpl(d, pretty: bool = False) -> str:
    """Canonical MPL text of one declaration (`pretty`: multi-line bodies)."""
    if isinstance(d, Definition):
        kind = "anchor" if d.anchor else "def"
        return f"{kind} {d.name}[{','.join(d.params)}] := {pretty_mpl(d.body) if pretty else to_mpl(d.body)}"
    if isinstance(d, Induction):
        return f"induction {d.set} from {d.base} by {d.succ}"
    if isinstance(d, Statement):
        return f"{d.kind} {d.name} := {pretty_mpl(d.formula) if pretty else to_mpl(d.formula)}"
    if isinstance(d, Include):
        return f'include "{d.path}"' + ("" if d.anchor is None else f" using {d.anchor}")
    raise TypeError(f"not an MPL declaration: {d!r}")


def module_to_mpl(m: Module, pretty: bool = False) -> str:
    """Canonical MPL text of a whole module, one declaration per line (or block)."""
    sep = "\n" if pretty else ""
    return sep.join(decl_to_mpl(d, pretty) + "\n" for d in m.decls)


# ---------------------------------------------------------------- readable form

_INF = float("inf")

#: how to print atoms of some predicates (defined ones): name -> a function from the atom's
#: arguments, each already readable, to its text, or to None to print it the plain way
Notation = Mapping[str, Callable[[tuple[str, ...]], str | None]]


def _graph(atom: Atom) -> tuple[str, tuple[str, ...], str] | None:
    """(function, inputs, output) of a graph atom, else None."""
    return decode_graph(atom.name, atom.args)


@dataclass(frozen=True)
class _Scope:
    """What the readable printer knows at one point of a formula: the bound names that
    stand for function values (in order of introduction) and whether equations are on."""

    terms: dict[str, Term]
    inputs: dict[str, tuple[str, ...]]  # name -> the names its defining atom reads
    equations: bool
    notation: Notation = field(default_factory=dict)

    def without(self, names: Iterable[str]) -> _Scope:
        """This scope with `names` rebound (so no longer standing for terms)."""
        gone = set(names) & set(self.terms)
        if not gone:
            return self
        return _Scope({k: v for k, v in self.terms.items() if k not in gone},
                      {k: v for k, v in self.inputs.items() if k not in gone}, self.equations, self.notation)

    def term(self, name: str) -> Term:
        return self.terms.get(name, name)

    def rank(self, names: Iterable[str]) -> float:
        """How early the earliest of `names` that stands for a term was introduced."""
        order = list(self.terms)
        return min((order.index(n) for n in names if n in self.terms), default=_INF)

    def side(self, name: str) -> tuple[tuple[int, float], Term]:
        """Sort key and term of an equation side that is a plain name."""
        if name in self.terms:
            return (0, self.rank(self.inputs[name])), self.terms[name]
        return (1, _INF), name


def _equation_text(sides: list[tuple[tuple[int, float], Term]], negated: bool) -> str:
    """`l = r` with the sides ordered: terms before names, then the side built on the
    earliest-introduced value first; ties keep the given order."""
    (_, lhs), (_, rhs) = sorted(sides, key=lambda s: s[0])
    return f"{infix(lhs)} {'≠' if negated else '='} {infix(rhs)}"


def _atom_text(a: Atom, scope: _Scope, negated: bool = False) -> str:
    g = _graph(a)
    if g is not None:
        f, ins, out = g
        applied = ((0, scope.rank(ins)), (f, *(scope.term(i) for i in ins)))
        value = scope.side(out)
        return _equation_text([value, applied] if out in scope.terms else [applied, value], negated)
    if a.name == "=" and len(a.args) == 2:
        return _equation_text([scope.side(a.args[0]), scope.side(a.args[1])], negated)
    if a.name == "in" and len(a.args) == 2:
        return f"{infix(scope.term(a.args[0]))} {'∉' if negated else '∈'} {a.args[1]}"
    args = tuple(infix(scope.term(x)) for x in a.args)
    shown = scope.notation[a.name](args) if a.name in scope.notation else None
    if shown is not None:
        return f"¬({shown})" if negated else shown
    text = f"{a.name}({', '.join(args)})"
    return "¬" + text if negated else text


def _conjuncts(e: Expr) -> list[Expr]:
    return [x for p in e.parts for x in _conjuncts(p)] if isinstance(e, And) else [e]


def _exists(e: Expr) -> tuple[tuple[str, ...], Expr, Expr] | None:
    """`!(>[y] A !B)` read as ∃y: A ∧ B."""
    if isinstance(e, Not) and isinstance(e.body, Forall) and e.body.vars and isinstance(e.body.concl, Not):
        return e.body.vars, e.body.hyp, e.body.concl.body
    return None


def _text(e: Expr, scope: _Scope, top: bool = False) -> str:
    if isinstance(e, Atom):
        return _atom_text(e, scope)
    if isinstance(e, Not):
        ex = _exists(e)
        if ex is not None:
            vs, a, b = ex
            inner = scope.without(vs)
            text = f"∃{','.join(vs)}: {_text(a, inner)} ∧ {_text(b, inner)}"
            return text if top else f"({text})"
        if isinstance(e.body, Atom):
            return _atom_text(e.body, scope, negated=True)
        return f"¬({_text(e.body, scope, top=True)})"
    if isinstance(e, And):
        return _and_text(e, scope)
    if isinstance(e, Forall):
        return _forall_text(e, scope, top)
    raise TypeError(f"not an MPL expression: {e!r}")


def _and_text(e: And, scope: _Scope) -> str:
    return " ∧ ".join(_and_parts(e, scope))


def _and_parts(e: Expr, scope: _Scope, top: bool = False) -> list[str]:
    """Readable conjuncts of `e` (`top`: each stands alone, so needs no parentheses); with
    equations, a pair of one-step statements that say X = e ⇔ Y = e becomes X = Y."""
    if not scope.equations:
        return [_text(p, scope, top) for p in _conjuncts(e)]
    parts, out, i = _conjuncts(e), [], 0
    while i < len(parts):
        pair = _value_pair(parts[i], parts[i + 1]) if i + 1 < len(parts) else None
        if pair is not None:
            out.append(_equation_text([((0, scope.rank(_graph(a)[1])), _applied(a, scope))
                                       for a in pair], negated=False))
            i += 2
        else:
            out.append(_text(parts[i], scope, top))
            i += 1
    return out


def _applied(a: Atom, scope: _Scope) -> Term:
    f, ins, _ = _graph(a)
    return (f, *(scope.term(i) for i in ins))


def _one_step(e: Expr) -> tuple[str, Atom, Atom] | None:
    """`∀v: X = v → Y = v` as (v, X atom, Y atom), X and Y graph atoms with output v."""
    if not (isinstance(e, Forall) and len(e.vars) == 1):
        return None
    v = e.vars[0]
    for a in (e.hyp, e.concl):
        g = _graph(a) if isinstance(a, Atom) else None
        if g is None or g[2] != v or v in g[1] or g[0] == v:
            return None
    return v, e.hyp, e.concl


def _value_pair(p: Expr, q: Expr) -> tuple[Atom, Atom] | None:
    """`(∀e: X = e → Y = e) ∧ (∀e: Y = e → X = e)` (any bound names): the atoms X, Y."""
    a, b = _one_step(p), _one_step(q)
    if a is None or b is None:
        return None
    (v, x, y), (w, y2, x2) = a, b
    back = lambda t: Atom(t.name, tuple(v if n == w else n for n in t.args))  # noqa: E731
    return (x, y) if (back(y2), back(x2)) == (y, x) else None


def _forall_text(e: Forall, scope: _Scope, top: bool) -> str:
    inner = scope.without(e.vars)
    shown: tuple[str, ...] = e.vars
    hyps: list[Expr] = [e.hyp]
    if scope.equations:
        defined = _define(e, inner)
        if defined is not None:
            inner, shown, hyps = defined
    concl = _text(e.concl, inner, top=isinstance(e.concl, Forall | Not))
    text = f"{' ∧ '.join(_text(h, inner) for h in hyps)} → {concl}" if hyps else concl
    if shown:
        text = f"∀{','.join(shown)}: {text}"
    return text if top or not (shown or hyps) else f"({text})"


def _define(e: Forall, scope: _Scope) -> tuple[_Scope, tuple[str, ...], list[Expr]] | None:
    """Read `∀..: f(x) = y ∧ .. → C` as C about the term f(x) instead of the variable y.

    Applies when C is equational (equalities, graph atoms, conjunctions of them, nested
    such statements), each defined variable is bound here and named once, and no defined
    variable is used as a function, a set, or rebound. Returns the extended scope, the
    variables still quantified and the remaining hypotheses."""
    defined: dict[str, Atom] = {}
    rest: list[Expr] = []
    for h in _conjuncts(e.hyp):
        g = _graph(h) if isinstance(h, Atom) else None
        if g and g[2] in e.vars and g[2] not in defined:
            defined[g[2]] = h
        else:
            rest.append(h)
    if not defined or not _equational(e.concl):
        return None
    if any(isinstance(r, Atom) and _graph(r) and _graph(r)[2] in defined for r in rest):
        return None  # a value constrained twice
    if not all(_only_as_values(x, set(defined)) for x in (*rest, e.concl, *defined.values())):
        return None
    terms, inputs = dict(scope.terms), dict(scope.inputs)
    pending = dict(defined)
    while pending:
        ready = [v for v, a in pending.items() if not any(i in pending for i in _graph(a)[1])]
        if not ready:
            return None  # values defined in a circle
        for v in ready:
            f, ins, _ = _graph(pending.pop(v))
            terms[v] = (f, *(terms.get(i, i) for i in ins))
            inputs[v] = ins
    if len({terms[v] for v in defined}) < len(defined):
        return None  # two names for one value: the statement is about functionality
    shown = tuple(v for v in e.vars if v not in defined)
    return _Scope(terms, inputs, scope.equations, scope.notation), shown, rest


def _equational(e: Expr) -> bool:
    if isinstance(e, Atom):
        return (e.name == "=" and len(e.args) == 2) or _graph(e) is not None
    if isinstance(e, Not):
        return isinstance(e.body, Atom) and _equational(e.body)
    if isinstance(e, And):
        return all(_equational(p) for p in e.parts)
    return _equational(e.concl)


def _only_as_values(e: Expr, names: set[str]) -> bool:
    """No name of `names` is a function of a graph atom, a set, or bound again in `e`."""
    if isinstance(e, Atom):
        g = _graph(e)
        if g is not None:
            return g[0] not in names
        return not (e.name == "in" and len(e.args) == 2 and e.args[1] in names)
    if isinstance(e, Not):
        return _only_as_values(e.body, names)
    if isinstance(e, And):
        return all(_only_as_values(p, names) for p in e.parts)
    return (not names & set(e.vars)) and _only_as_values(e.hyp, names) and _only_as_values(e.concl, names)


def readable(e: Expr, equations: bool = True, notation: Notation | None = None) -> str:
    """Readable infix text. Graph atoms print as function values (`in3[a,b,c,+]` is
    `a + b = c`); with `equations`, variables that only name a function value are replaced
    by that value, so statements read as equations. `notation` prints atoms of the
    predicates it names its own way (export/html/notation.py derives one from definitions).

    >>> from mpl_lang.parser import parse_expr
    >>> readable(parse_expr("(>[a](in[a,N])(>[b](in3[a,i0,b,+])(=[a,b])))"))
    '∀a: a ∈ N → a + i0 = a'
    >>> readable(parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), equations=False)
    '∀a,b,c: a + b = c → b + a = c'
    >>> readable(parse_expr("!(le[a,b])"), notation={"le": lambda args: f"{args[0]} ≤ {args[1]}"})
    '¬(a ≤ b)'
    """
    return _text(e, _Scope({}, {}, equations, notation or {}), top=True)


def readable_conjuncts(e: Expr, equations: bool = True) -> list[str]:
    """`readable(e)` split at its top-level conjunctions, one string per conjunct.

    >>> from mpl_lang.parser import parse_expr
    >>> readable_conjuncts(parse_expr("(&(in[i0,N])(&(in2[i0,i1,s])!(=[i0,i1])))"))
    ['i0 ∈ N', 's(i0) = i1', 'i0 ≠ i1']
    """
    return _and_parts(e, _Scope({}, {}, equations), top=True)

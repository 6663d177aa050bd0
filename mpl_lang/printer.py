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

from .ast import And, Atom, Definition, Expr, Forall, Include, Induction, Module, Not, Statement


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
        return f'include "{d.path}"'
    raise TypeError(f"not an MPL declaration: {d!r}")


def module_to_mpl(m: Module, pretty: bool = False) -> str:
    """Canonical MPL text of a whole module, one declaration per line (or block)."""
    sep = "\n" if pretty else ""
    return sep.join(decl_to_mpl(d, pretty) + "\n" for d in m.decls)


# ---------------------------------------------------------------- readable form

_GRAPH_ARITY = {"in2": 1, "in3": 2}

# A readable term: a name, or (function, argument terms).
Term = str | tuple


def _is_symbol(name: str) -> bool:
    return not (name[0].isalnum() or name[0] == "_")


def render_term(t: Term, nested: bool = False) -> str:
    """Infix text of a term tree; binary symbols print infix, parenthesized when nested."""
    if isinstance(t, str):
        return t
    f, args = t
    if len(args) == 2 and _is_symbol(f):
        text = f"{render_term(args[0], True)} {f} {render_term(args[1], True)}"
        return f"({text})" if nested else text
    return f"{f}({', '.join(render_term(a) for a in args)})"


def _graph(atom: Atom) -> tuple[str, tuple[str, ...], str] | None:
    """(function, inputs, output) of a graph relation atom, else None."""
    n = _GRAPH_ARITY.get(atom.name)
    if n is None or len(atom.args) != n + 2:
        return None
    return atom.args[-1], atom.args[:n], atom.args[n]


def _atom_text(a: Atom, terms: dict[str, Term], negated: bool = False) -> str:
    t = lambda x: terms.get(x, x)  # noqa: E731
    rel = "≠" if negated else "="
    g = _graph(a)
    if g is not None:
        f, ins, out = g
        return f"{render_term((f, tuple(t(i) for i in ins)))} {rel} {render_term(t(out))}"
    if a.name == "=" and len(a.args) == 2:
        return f"{render_term(t(a.args[0]))} {rel} {render_term(t(a.args[1]))}"
    if a.name == "in" and len(a.args) == 2:
        return f"{render_term(t(a.args[0]))} {'∉' if negated else '∈'} {a.args[1]}"
    text = f"{a.name}({', '.join(render_term(t(x)) for x in a.args)})"
    return "¬" + text if negated else text


def _conjuncts(e: Expr) -> list[Expr]:
    return [x for p in e.parts for x in _conjuncts(p)] if isinstance(e, And) else [e]


def _exists(e: Expr) -> tuple[tuple[str, ...], Expr, Expr] | None:
    """`!(>[y] A !B)` read as ∃y: A ∧ B."""
    if isinstance(e, Not) and isinstance(e.body, Forall) and e.body.vars and isinstance(e.body.concl, Not):
        return e.body.vars, e.body.hyp, e.body.concl.body
    return None


def _text(e: Expr, terms: dict[str, Term], top: bool = False) -> str:
    if isinstance(e, Atom):
        return _atom_text(e, terms)
    if isinstance(e, Not):
        ex = _exists(e)
        if ex is not None:
            vs, a, b = ex
            text = f"∃{','.join(vs)}: {_text(a, terms)} ∧ {_text(b, terms)}"
            return text if top else f"({text})"
        if isinstance(e.body, Atom):
            return _atom_text(e.body, terms, negated=True)
        return f"¬{_text(e.body, terms)}" if isinstance(e.body, Forall) else f"¬({_text(e.body, terms)})"
    if isinstance(e, And):
        return " ∧ ".join(_text(p, terms) for p in e.parts)
    if isinstance(e, Forall):
        concl = _text(e.concl, terms, top=isinstance(e.concl, Forall | Not))
        hyp = _text(e.hyp, terms)
        text = f"{hyp} → {concl}"
        if e.vars:
            text = f"∀{','.join(e.vars)}: {text}"
        return text if top else f"({text})"
    raise TypeError(f"not an MPL expression: {e!r}")


def _equation(e: Forall) -> str | None:
    """Render `∀.. (graph atoms naming values) → graph atom / equality` as an equation."""
    hyps = _conjuncts(e.hyp)
    concl = e.concl
    if not isinstance(concl, Atom) or not (concl.name == "=" or _graph(concl)):
        return None
    bound = set(e.vars)
    defined: dict[str, Atom] = {}
    rest: list[Expr] = []
    for h in hyps:
        g = _graph(h) if isinstance(h, Atom) else None
        if g and g[2] in bound and g[2] not in defined:
            defined[g[2]] = h
        else:
            rest.append(h)
    if not defined:
        return None
    for r in rest:  # a named value must not be constrained twice
        if isinstance(r, Atom) and _graph(r) and _graph(r)[2] in defined:
            return None
    terms: dict[str, Term] = {}
    pending = dict(defined)
    while pending:
        ready = [v for v, a in pending.items() if not any(i in pending for i in _graph(a)[1])]
        if not ready:
            return None
        for v in ready:
            f, ins, _ = _graph(pending.pop(v))
            terms[v] = (f, tuple(terms.get(i, i) for i in ins))
    cg = _graph(concl)
    if cg is not None:
        f, ins, out = cg
        lhs: Term = (f, tuple(terms.get(i, i) for i in ins))
        pair = (terms[out], lhs) if out in terms else (lhs, out)
        eq = f"{render_term(pair[0])} = {render_term(pair[1])}"
    else:
        eq = _atom_text(concl, terms)
    used = [v for v in e.vars if v not in defined]
    conds = [_text(r, terms) for r in rest]
    body = f"{' ∧ '.join(conds)} → {eq}" if conds else eq
    return f"∀{','.join(used)}: {body}" if used else body


def readable(e: Expr, equations: bool = True) -> str:
    """Readable infix text; `equations=True` turns function-value statements into equations."""
    if equations and isinstance(e, Forall):
        eq = _equation(e)
        if eq is not None:
            return eq
    return _text(e, {}, top=True)

"""Notation for defined predicates, derived from the shape of their definitions.

GL's definition folders state order, intervals, functions and sums as definitions
(`preorder[N,+,n,m]`, `interval[N,+,n,m,M]`, `fXY[f,X,Y]`, `fold[N,s,+,f,n,m,p]`), which
the readable printer shows as `preorder(N, +, a, b)`. The site shows them as `a ≤ b`,
`M = [n, m]`, `f: X → Y`, `+: N × N → N` and `p = Σ_{i=n..m} f(i)` instead, keyed by what a definition
says, never by its name: `SHAPES` is a small table of definition bodies (GL's own, with
its parameter names), and a definition of the theory gets a shape's notation when its body
is that shape's body up to renaming its parameters and bound variables, the defined
predicates it uses having the shapes the table's body names (`interval` uses `order`, `fold`
uses `interval` and `function`). A shape that speaks of an operation (`+`) shows its
notation only where that argument is the symbol `+`: `∃p ∈ N: n * p = m` is no `≤`.

>>> from mpl_lang import parse_expr, readable
>>> note = notation([("le", ("N", "+", "a", "b"), "!(>[k](in[k,N])!(in3[a,k,b,+]))")])
>>> readable(parse_expr("(>[x,y](le[N,+,x,y])(le[N,+,y,x]))"), notation=note.printer())
'∀x,y: x ≤ y → y ≤ x'
>>> readable(parse_expr("(le[N,*,x,y])"), notation=note.printer())
'le(N, *, x, y)'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from mpl_lang import And, Atom, Expr, Forall, MPLError, Not, parse_expr
from mpl_lang.printer import Notation


@dataclass(frozen=True)
class Shape:
    """A definition body the site prints its own way: `text` is a format string over the
    parameters' names (and `{i}`, a bound variable's name that clashes with no argument);
    `symbols` maps parameters to the one argument text the notation holds for."""

    name: str
    params: tuple[str, ...]
    body: str
    text: str
    symbols: tuple[tuple[str, str], ...] = ()


#: the shapes, each after those its body uses; bodies are GL's (../shared/reference/gl-gauss)
SHAPES = (
    Shape("order", ("N", "+", "n", "m"), "!(>[p](in[p,N])!(in3[n,p,m,+]))", "{n} ≤ {m}", (("+", "+"),)),
    Shape("function", ("f", "X", "Y"),
          "(&(>[x,y](in2[x,y,f])(&(in[x,X])(in[y,Y])))(&(>[x](in[x,X])!(>[y](in[y,Y])!(in2[x,y,f])))"
          "(>[x](in[x,X])(>[y1,y2](&(in2[x,y1,f])(in2[x,y2,f]))(=[y1,y2])))))", "{f}: {X} → {Y}"),
    Shape("binary function", ("f", "X", "Y", "Z"),
          "(&(>[x,y,z](in3[x,y,z,f])(&(in[x,X])(&(in[y,Y])(in[z,Z]))))(&(>[x,y](&(in[x,X])(in[y,Y]))"
          "!(>[z](in[z,Z])!(in3[x,y,z,f])))(>[x,y](&(in[x,X])(in[y,Y]))(>[z1,z2](&(in3[x,y,z1,f])(in3[x,y,z2,f]))"
          "(=[z1,z2])))))", "{f}: {X} × {Y} → {Z}"),
    Shape("interval", ("N", "+", "n", "m", "M"),
          "(&(&(>[p](in[p,M])(&(order[N,+,n,p])(order[N,+,p,m])))(>[p](&(order[N,+,n,p])(order[N,+,p,m]))(in[p,M])))"
          "(&(in[n,N])(in[m,N])))", "{M} = [{n}, {m}]", (("+", "+"),)),
    Shape("sequence", ("N", "+", "n", "m", "seq"), "!(>[I](interval[N,+,n,m,I])!(function[seq,I,N]))",
          "{seq}: [{n}, {m}] → {N}", (("+", "+"),)),
    Shape("sum", ("N", "s", "+", "f", "n", "m", "p"),
          "!(>[M](interval[N,+,n,m,M])(>[g](function[g,M,N])!(&(&(>[q](in2[n,q,f])(in2[n,q,g]))(in2[m,p,g]))"
          "(>[i](in[i,M])(>[j](&(in2[i,j,s])(in[j,M]))(>[r](in2[i,r,g])(>[t](in2[j,t,f])"
          "(>[q](in3[r,t,q,+])(in2[j,q,g])))))))))",
          "{p} = Σ_{{{i}={n}..{m}}} {f}({i})", (("+", "+"),)),
)

_WORD = re.compile(r"[^\s(),\[\]]+")


@dataclass(frozen=True)
class Rendering:
    """How one defined predicate prints: its shape and, for each of the shape's
    parameters, the position of the definition's parameter it is."""

    shape: Shape
    positions: tuple[int, ...]

    def __call__(self, args: tuple[str, ...]) -> str | None:
        """The atom's text from its readable arguments; None where a symbol differs."""
        named = {p: args[i] for p, i in zip(self.shape.params, self.positions)}
        if any(named[p] != symbol for p, symbol in self.shape.symbols):
            return None
        taken = {w for a in args for w in _WORD.findall(a)}
        bound = next(v for v in _fresh() if v not in taken)
        return self.shape.text.format(i=bound, **named)


@dataclass(frozen=True)
class SiteNotation:
    """The renderings of a theory's defined predicates (hashable: readable forms are cached
    per notation)."""

    entries: tuple[tuple[str, Rendering], ...] = ()

    def printer(self) -> Notation:
        """The mapping `mpl_lang.readable` takes."""
        return dict(self.entries)

    def shapes(self) -> dict[str, str]:
        """Definition name -> the name of its shape."""
        return {name: r.shape.name for name, r in self.entries}


#: no notation: every atom prints the plain way
PLAIN = SiteNotation()


def notation(definitions: Iterable[tuple[str, tuple[str, ...], str]]) -> SiteNotation:
    """The notation of the definitions (name, parameters, body MPL) that have a shape of
    `SHAPES`; a body that does not parse has none."""
    defs = []
    for name, params, mpl in definitions:
        try:
            defs.append((name, tuple(params), parse_expr(mpl)))
        except MPLError:
            continue
    found: dict[str, Rendering] = {}
    for shape in SHAPES:  # in table order: a shape's body names only shapes before it
        template = _template(shape)
        shape_of = {name: r.shape.name for name, r in found.items()}
        for name, params, body in defs:
            if name in found or len(params) != len(shape.params):
                continue
            mapping = _match(template, body, shape_of, {}, {})
            if mapping is not None and all(mapping.get(p) in params for p in shape.params) \
                    and len({mapping[p] for p in shape.params}) == len(params):
                found[name] = Rendering(shape, tuple(params.index(mapping[p]) for p in shape.params))
    return SiteNotation(tuple((name, found[name]) for name, _, _ in defs if name in found))


@cache
def _template(shape: Shape) -> Expr:
    return parse_expr(shape.body)


def _fresh() -> Iterable[str]:
    yield from ("i", "j", "k")
    n = 1
    while True:
        yield f"i{n}"
        n += 1


def _match(t: Expr, e: Expr, shape_of: dict[str, str], fwd: dict[str, str],
           back: dict[str, str]) -> dict[str, str] | None:
    """Whether `e` is the template `t` up to a one-to-one renaming of names (`fwd`:
    template name -> name, `back` its inverse, extended in place) and with each defined
    predicate of `e` having the shape `t` names; the renaming of `t`'s free names, or None."""
    if isinstance(t, Atom):
        if not isinstance(e, Atom) or len(t.args) != len(e.args):
            return None
        if t.name != e.name and shape_of.get(e.name) != t.name:
            return None
        for a, b in zip(t.args, e.args):
            if fwd.setdefault(a, b) != b or back.setdefault(b, a) != a:
                return None
        return fwd
    if isinstance(t, Not):
        return _match(t.body, e.body, shape_of, fwd, back) if isinstance(e, Not) else None
    if isinstance(t, And):
        if not isinstance(e, And) or len(t.parts) != len(e.parts):
            return None
        for a, b in zip(t.parts, e.parts):
            if _match(a, b, shape_of, fwd, back) is None:
                return None
        return fwd
    if not isinstance(e, Forall) or not isinstance(t, Forall) or len(t.vars) != len(e.vars):
        return None
    # bound names are renamed within their scope only: save what they stood for outside
    saved = [(v, fwd.pop(v, None)) for v in t.vars] + [(w, back.pop(w, None)) for w in e.vars]
    for v, w in zip(t.vars, e.vars):
        fwd[v], back[w] = w, v
    ok = _match(t.hyp, e.hyp, shape_of, fwd, back) is not None and \
        _match(t.concl, e.concl, shape_of, fwd, back) is not None
    for v in t.vars:
        fwd.pop(v, None)
    for w in e.vars:
        back.pop(w, None)
    for k, old in saved[:len(t.vars)]:
        if old is not None:
            fwd[k] = old
    for k, old in saved[len(t.vars):]:
        if old is not None:
            back[k] = old
    return fwd if ok else None

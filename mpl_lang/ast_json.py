"""Plain-JSON form of the AST (for `gl parse --json` and tools in other languages).

>>> from mpl_lang.parser import parse_expr
>>> expr_to_json(parse_expr("!(in[x,N])"))
{'not': {'atom': 'in', 'args': ['x', 'N']}}
"""

from __future__ import annotations

from typing import Any

from .ast import And, Atom, Definition, Expr, Forall, Induction, Not, Statement
from .compiler import Theory


def expr_to_json(e: Expr) -> dict[str, Any]:
    """`{"atom", "args"}`, `{"and": [...]}`, `{"not": ...}` or `{"forall", "if", "then"}`."""
    if isinstance(e, Atom):
        return {"atom": e.name, "args": list(e.args)}
    if isinstance(e, And):
        return {"and": [expr_to_json(p) for p in e.parts]}
    if isinstance(e, Not):
        return {"not": expr_to_json(e.body)}
    return {"forall": list(e.vars), "if": expr_to_json(e.hyp), "then": expr_to_json(e.concl)}


def expr_from_json(d: dict[str, Any]) -> Expr:
    """The expression `expr_to_json` wrote (without locations).

    >>> expr_from_json({"forall": ["x"], "if": {"atom": "in", "args": ["x", "N"]},
    ...                 "then": {"not": {"atom": "=", "args": ["x", "i0"]}}})
    Forall(vars=('x',), hyp=Atom(name='in', args=('x', 'N')), concl=Not(body=Atom(name='=', args=('x', 'i0'))))
    """
    if "atom" in d:
        return Atom(d["atom"], tuple(d["args"]))
    if "and" in d:
        return And(tuple(expr_from_json(p) for p in d["and"]))
    if "not" in d:
        return Not(expr_from_json(d["not"]))
    return Forall(tuple(d["forall"]), expr_from_json(d["if"]), expr_from_json(d["then"]))


def decl_to_json(d: Definition | Induction | Statement) -> dict[str, Any]:
    """A declaration as JSON: `kind`, its fields, and `loc` ("file:line:col") when known."""
    loc = {"loc": str(d.loc)} if d.loc else {}
    if isinstance(d, Definition):
        return {"kind": "anchor" if d.anchor else "def", "name": d.name, "params": list(d.params),
                "body": expr_to_json(d.body), **loc}
    if isinstance(d, Induction):
        return {"kind": "induction", "set": d.set, "base": d.base, "succ": d.succ, **loc}
    if isinstance(d, Statement):
        return {"kind": d.kind, "name": d.name, "formula": expr_to_json(d.formula), **loc}
    raise TypeError(d)


def theory_to_json(t: Theory) -> dict[str, Any]:
    """A checked theory as JSON: path, constants and declarations in canonical order."""
    return {"path": t.path, "constants": list(t.constants), "decls": [decl_to_json(d) for d in t.decls()]}

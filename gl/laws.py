"""The six named laws of arithmetic, recognised in any statement that states one.

>>> from mpl_lang import parse_expr
>>> named_law(parse_expr("(>[x,y,z](in3[y,x,z,*])(in3[x,y,z,*]))"), add="+", mul="*")
'commutativity of *'
"""

from __future__ import annotations

from mpl_lang import Expr

from .equations import Term, canonical, statement_to_equation


def _laws(add: str, mul: str) -> dict[tuple[Term, Term], str]:
    a, b, c = "x0", "x1", "x2"

    def f(op: str, x: Term, y: Term) -> Term:
        return (op, x, y)

    table = {
        (f(add, a, b), f(add, b, a)): f"commutativity of {add}",
        (f(add, f(add, a, b), c), f(add, a, f(add, b, c))): f"associativity of {add}",
        (f(mul, a, b), f(mul, b, a)): f"commutativity of {mul}",
        (f(mul, f(mul, a, b), c), f(mul, a, f(mul, b, c))): f"associativity of {mul}",
        (f(mul, a, f(add, b, c)), f(add, f(mul, a, b), f(mul, a, c))): f"left distributivity of {mul} over {add}",
        (f(mul, f(add, a, b), c), f(add, f(mul, a, c), f(mul, b, c))): f"right distributivity of {mul} over {add}",
    }
    out = {}
    for (lhs, rhs), name in table.items():
        out[canonical(lhs, rhs)] = name
        out[canonical(rhs, lhs)] = name
    return out


def named_law(statement: Expr, add: str = "+", mul: str = "*") -> str | None:
    """The law `statement` states (either orientation, any variable names), else None."""
    eq = statement_to_equation(statement)
    if eq is None:
        return None
    return _laws(add, mul).get(canonical(*eq, frozenset({add, mul})))


LAW_NAMES = tuple(dict.fromkeys(_laws("+", "*").values()))

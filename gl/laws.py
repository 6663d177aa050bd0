"""Laws of standard algebraic shape — commutativity and associativity of a binary
operation, left and right distributivity of one over another — recognised in any
statement that states one (for Peano arithmetic: the six named laws, `LAW_NAMES`).

>>> from mpl_lang import parse_expr
>>> named_law(parse_expr("(>[x,y,z](in3[y,x,z,*])(in3[x,y,z,*]))"))
'commutativity of *'
>>> named_law(parse_expr("(>[x,y,z](in3[y,x,z,o])(in3[x,y,z,o]))"), operators=("o",))
'commutativity of o'
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from mpl_lang import Expr
from mpl_lang.logic import goal_parts
from mpl_lang.terms import Term, canonical, leaves

from .equations import statement_to_equation


@cache
def _laws(operators: tuple[str, ...]) -> dict[tuple[Term, Term], str]:
    a, b, c = "x0", "x1", "x2"
    table = {}
    for op in operators:
        table[(op, a, b), (op, b, a)] = f"commutativity of {op}"
        table[(op, (op, a, b), c), (op, a, (op, b, c))] = f"associativity of {op}"
    for mul in operators:
        for add in operators:
            if mul != add:
                table[(mul, a, (add, b, c)), (add, (mul, a, b), (mul, a, c))] = \
                    f"left distributivity of {mul} over {add}"
                table[(mul, (add, a, b), c), (add, (mul, a, c), (mul, b, c))] = \
                    f"right distributivity of {mul} over {add}"
    out = {}
    for (lhs, rhs), name in table.items():
        out[canonical(lhs, rhs)] = name
        out[canonical(rhs, lhs)] = name
    return out


def named_law(statement: Expr, operators: Sequence[str] = ("+", "*")) -> str | None:
    """The law `statement` states about the binary `operators` (either orientation, any
    variable names), else None."""
    eq = statement_to_equation(statement)
    if eq is None:
        return None
    variables = set(goal_parts(statement)[0])
    constants = {x for side in eq for x in leaves(side) if x not in variables}
    return _laws(tuple(operators)).get(canonical(*eq, frozenset(operators) | constants))


#: the six laws of Peano arithmetic
LAW_NAMES = ("commutativity of +", "associativity of +", "commutativity of *", "associativity of *",
             "left distributivity of * over +", "right distributivity of * over +")

"""The standard model of Peano arithmetic for the mutation tests, written independently of
mutation.alchemy: + and * are Python's on naturals, s is +1, i0 = 0, i1 = 1."""

from __future__ import annotations

import random

from mpl_lang import Expr
from mpl_lang.logic import expr_to_literal, goal_parts

FUNCTIONS = {"+": lambda x, y: x + y, "*": lambda x, y: x * y, "s": lambda x: x + 1}
CONSTANTS = {"i0": 0, "i1": 1, "N": None}


def _true(lit: tuple, val: dict[str, int]) -> bool:
    positive, pred, args = lit
    if pred == "in":
        result = True
    elif pred == "=":
        result = val[args[0]] == val[args[1]]
    else:
        *ins, out, f = args
        result = FUNCTIONS[f](*(val[a] for a in ins)) == val[out]
    return result == positive


def _inverse(f: str, ins: list[int | None], out: int) -> tuple[int, int] | None:
    """(position, value) of the one unknown input of `f(ins) = out`, if a natural solves it."""
    k = ins.index(None)
    if f == "s":
        return (0, out - 1) if out >= 1 else None
    other = ins[1 - k]
    if f == "+":
        return (k, out - other) if out >= other else None
    if f == "*" and other and out % other == 0:
        return (k, out // other)
    return None


def _propagate(lits: list[tuple], val: dict[str, int], variables: set[str]) -> bool:
    """Fix what the function hypotheses determine: outputs of known inputs, and one unknown
    input of a known output (s, + and * are invertible on their image)."""
    changed = False
    for positive, pred, args in lits:
        if not (positive and pred in ("in2", "in3")):
            continue
        *ins, out, f = args
        known = [val.get(a) for a in ins]
        if None not in known and out in variables and out not in val:
            val[out] = FUNCTIONS[f](*known)
            changed = True
        elif out in val and known.count(None) == 1 and ins.count(ins[known.index(None)]) == 1:
            solved = _inverse(f, known, val[out])
            if solved is not None and ins[solved[0]] in variables:
                val[ins[solved[0]]] = solved[1]
                changed = True
    return changed


def assignment(variables: tuple[str, ...], lits: list[tuple], rng: random.Random) -> dict[str, int]:
    """Values for `variables`: propagate through the function hypotheses; give a random
    natural below 30 to a variable no open hypothesis computes, until all have values."""
    val: dict[str, int] = {c: v for c, v in CONSTANTS.items() if v is not None}
    vs = set(variables)
    while True:
        while _propagate(lits, val, vs):
            pass
        todo = [v for v in variables if v not in val]
        if not todo:
            return val
        computed = {lit[2][-2] for lit in lits if lit[0] and lit[1] in ("in2", "in3")}
        pick = next((v for v in todo if v not in computed), todo[0])
        val[pick] = rng.randrange(30)


def holds(statement: Expr, seed: int = 0, trials: int = 10) -> tuple[bool, int]:
    """(no counterexample found, how many trials had all hypotheses true)."""
    vs, hyps, concl = goal_parts(statement)
    lits = [expr_to_literal(h) for h in hyps]
    goal = expr_to_literal(concl)
    rng = random.Random(seed)
    live = 0
    for _ in range(trials):
        val = assignment(vs, lits, rng)
        if all(_true(lit, val) for lit in lits):
            live += 1
            if not _true(goal, val):
                return False, live
    return True, live


def test_the_model_accepts_the_laws_and_refutes_false_statements() -> None:
    from conftest import PEANO

    from mpl_lang import load, parse_expr

    theory = load(PEANO / "peano_targets.mpl")
    for s in theory.statements:
        ok, live = holds(s.formula, trials=20)
        assert ok and live == 20, s.name
    false = ["(>[a,b,c](in3[a,b,c,*])(in3[a,a,c,+]))", "(>[a](in[a,N])(in3[a,i1,a,+]))",
             "(>[a,b](in2[a,b,s])(=[a,b]))", "(>[a,b,c](in3[a,b,c,+])!(in3[b,a,c,+]))"]
    for text in false:
        assert holds(parse_expr(text), trials=20)[0] is False, text

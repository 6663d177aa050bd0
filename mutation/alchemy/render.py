"""Statements for other tools: a Lean 4 `theorem` header over `Nat`, and TPTP.

The Lean rendering needs to know which symbols are Peano's: the induction base is `0`, the
successor `Nat.succ`, the constant that is the successor of the base `1`, and `+`, `*` are
Lean's. A theory with other functions gets no Lean rendering (None).

>>> from mpl_lang import load, parse_expr
>>> names = lean_names(load("examples/peano/peano.mpl"))
>>> lean_statement("m1", parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"), names, True)
'theorem m1 (a b : Nat) : a + b = b + a'
>>> lean_statement("m2", parse_expr("(>[a,b](in2[a,b,s])(in3[a,i1,b,+]))"), names, False)
'theorem m2 (a b : Nat) (h0 : Nat.succ a = b) : a + 1 = b'
>>> lean_statement("m3", parse_expr("(>[](in[i0,N])!(=[i0,i1]))"), names, False)
'theorem m3 : ¬(0 = 1)'
"""

from __future__ import annotations

from functools import lru_cache

from export.tptp import fof
from mpl_lang import Expr, Theory, readable
from mpl_lang.logic import Clause, Literal, expr_to_literal, goal_parts, literal_to_expr
from mpl_lang.terms import Notation, Term, fold, infix, variables

from .statements import EqView, RuleForm, graph

#: Lean's notation: `+` and `*` infix (both left-associative, `*` binding tighter), other
#: functions applied by juxtaposition (`Nat.succ (a + 1)`)
LEAN = Notation({"+": 65, "*": 70}, associativity={"+": "left", "*": "left"}, juxtapose=True)


def lean_names(theory: Theory) -> dict[str, str] | None:
    """Theory symbol -> Lean text for the Peano symbols, or None when the theory has a
    function or constant Lean's `Nat` does not provide."""
    if not theory.inductions:
        return None
    ind = theory.inductions[0]
    names = {ind.base: "0", ind.succ: "Nat.succ", ind.set: "Nat"}
    for c in theory.axioms():
        if isinstance(c, Clause) and not c.premises and len(c.conclusion) == 1:
            g = graph(c.conclusion[0])
            if g is not None and g[0] == ind.succ and g[1] == (ind.base,):
                names[g[2]] = "1"
    for f in ("+", "*"):
        if f in theory.constants:
            names[f] = f
    return names if set(theory.constants) <= set(names) else None


def lean_term(t: Term, names: dict[str, str]) -> str:
    """Lean text of a term: its symbols spelled by `names` (variables as themselves).
    Raises KeyError for a function `names` does not spell.

    >>> lean_term(("s", ("+", "a", "i1")), {"s": "Nat.succ", "+": "+", "i1": "1"})
    'Nat.succ (a + 1)'
    """
    def spell(node: tuple, args: list[Term]) -> Term:
        infix_op = node[0] in LEAN.binary and len(args) == 2
        return (node[0] if infix_op else names[node[0]], *args)

    return infix(fold(t, lambda leaf: names.get(leaf, leaf), spell), LEAN)


@lru_cache(maxsize=20_000)
def _lean_literal(lit: Literal, spelled: tuple[tuple[str, str], ...]) -> str | None:
    """Lean text of a literal (None for `x ∈ Nat`), `spelled` the items of the names
    (cached: mutants share most of their literals). Raises KeyError for a predicate Lean
    does not spell."""
    names = dict(spelled)
    g = graph(Literal(True, lit.pred, lit.args))
    if g is not None:
        text = f"{lean_term((g[0], *g[1]), names)} = {names.get(g[2], g[2])}"
    elif lit.pred == "=" and len(lit.args) == 2:
        text = " = ".join(names.get(a, a) for a in lit.args)
    elif lit.positive and lit.pred == "in" and len(lit.args) == 2 and names.get(lit.args[1]) == "Nat":
        return None
    else:
        raise KeyError(lit.pred)
    return text if lit.positive else f"¬({text})"


def lean_statement(name: str, statement: Expr, names: dict[str, str] | None, pure: bool) -> str | None:
    """`theorem NAME (vars : Nat) (h0 : ...) : conclusion` (no proof). A `pure` statement (the
    relational form of an equation) is written as that equation."""
    if names is None:
        return None
    vars_, hyps, concl = goal_parts(statement)
    lits = [expr_to_literal(h) for h in hyps]
    goal = expr_to_literal(concl)
    if None in lits or goal is None:
        return None
    return lean_rule(name, RuleForm(vars_, tuple(lits), goal), names, pure)


def lean_rule(name: str, form: RuleForm, names: dict[str, str], pure: bool) -> str | None:
    """`lean_statement` of the statement `form` holds, from its literals."""
    try:
        ev = EqView.of_parts(form.vars, form.hyps, form.concl) if pure else None
        if ev is not None:
            return lean_equation(name, ev.lhs, ev.rhs, names, ev.negated)
        spelled = tuple(sorted(names.items()))
        parts = [_lean_literal(lit, spelled) for lit in form.hyps]
        hyp_text = "".join(f" (h{i} : {p})" for i, p in enumerate(q for q in parts if q is not None))
        return f"theorem {name}{_binders(form.vars)}{hyp_text} : {_lean_literal(form.concl, spelled)}"
    except KeyError:
        return None


def lean_equation(name: str, lhs: Term, rhs: Term, names: dict[str, str], negated: bool = False) -> str | None:
    """`theorem NAME (vars : Nat) : lhs = rhs` (`≠` when `negated`); None when `names` does
    not spell a symbol.

    >>> lean_equation("m1", ("+", "a", "i1"), ("s", "a"), {"+": "+", "s": "Nat.succ", "i1": "1"})
    'theorem m1 (a : Nat) : a + 1 = Nat.succ a'
    """
    try:
        sides = f"{lean_term(lhs, names)} {'≠' if negated else '='} {lean_term(rhs, names)}"
    except KeyError:
        return None
    return f"theorem {name}{_binders(variables(lhs, rhs, constants=names))} : {sides}"


def _binders(names: list[str] | tuple[str, ...]) -> str:
    return f" ({' '.join(names)} : Nat)" if names else ""


def readable_rule(form: RuleForm) -> str:
    """`mpl_lang.readable(form.statement, equations=False)` (every hypothesis shown), joined
    from the readable text of each literal, which that printer writes alike wherever the
    literal stands; each is printed once (mutants share most of their literals).

    >>> readable_rule(RuleForm(("a", "b"), (Literal(True, "in3", ("a", "i0", "b", "+")),),
    ...                        Literal(False, "=", ("a", "b"))))
    '∀a,b: a + i0 = b → a ≠ b'
    """
    hyps = " ∧ ".join(map(_readable_literal, form.hyps))
    text = f"{hyps} → {_readable_literal(form.concl)}"
    return f"∀{','.join(form.vars)}: {text}" if form.vars else text


@lru_cache(maxsize=20_000)
def _readable_literal(lit: Literal) -> str:
    return readable(literal_to_expr(lit), equations=False)


def tptp_statement(name: str, statement: Expr) -> str:
    """The statement as one TPTP FOF conjecture (names encoded as `export.tptp` does)."""
    return f"fof({name}, conjecture, {fof(statement)})."

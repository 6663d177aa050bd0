"""One inference step at a time: is the stated fact what its kind, premises, clause and
substitution give? Each check returns None when the step is valid, else the reason.

>>> from mpl_lang import parse_expr
>>> eq_symm({}, None, [parse_expr("(=[a,b])")], parse_expr("(=[b,a])")) is None
True
>>> eq_symm({}, None, [parse_expr("(=[a,b])")], parse_expr("(=[a,b])"))
'fact must be (=[b,a])'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mpl_lang import And, Atom, Expr, Not, to_mpl
from mpl_lang.logic import (
    Clause,
    Literal,
    expr_to_literal,
    instantiate,
    literal_text,
    literal_to_expr,
    substitute,
)

#: A parsed fact: a formula, or None for ⊥.
Fact = Expr | None


@dataclass
class Block:
    """What steps of one block may use: its hypotheses, the facts so far (`bad`: ids of steps
    whose fact is unreadable), the names taken so far (theory, fresh, earlier facts)."""

    hyps: list[Expr]
    definitions: dict[str, tuple[tuple[str, ...], Expr]]
    resolve: Callable[[object, int, Block], Clause | str]
    facts: list[Fact] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    bad: set[int] = field(default_factory=set)


def show(f: Fact) -> str:
    return "⊥" if f is None else to_mpl(f)


def _lit(f: Fact) -> Literal | None:
    return None if f is None else expr_to_literal(f)


def _count(prems: Sequence[Fact], n: int) -> str | None:
    return None if len(prems) == n else f"needs {n} premise{'s' * (n != 1)}, has {len(prems)}"


def hyp(step: dict[str, Any], blk: Block, prems: Sequence[Fact], fact: Fact) -> str | None:
    i = step.get("index")
    if type(i) is not int or not 0 <= i < len(blk.hyps):
        return f"index {i!r} is not a hypothesis number (the block has {len(blk.hyps)})"
    if prems:
        return "a hypothesis has no premises"
    return None if fact == blk.hyps[i] else f"hypothesis {i} is {to_mpl(blk.hyps[i])}"


def rule(step: dict[str, Any], blk: Block, prems: Sequence[Fact], fact: Fact, witness: bool = False
         ) -> str | None:
    clause = blk.resolve(step.get("rule"), step["id"], blk)
    if isinstance(clause, str):
        return clause
    if witness != bool(clause.exists):
        return "an existential clause needs kind witness" if clause.exists else \
            "kind witness needs an existential clause"
    sigma = step.get("subst")
    if not isinstance(sigma, dict) or not all(isinstance(v, str) and v for v in sigma.values()):
        return "subst must map clause variables to constant names"
    need = set(clause.vars) | set(clause.exists)
    if set(sigma) != need:
        return f"subst binds {sorted(sigma)}, the clause's variables are {sorted(need)}"
    premises, concl = instantiate(clause, sigma)
    if len(prems) != len(premises):
        return f"the clause has {len(premises)} premises, the step cites {len(prems)}"
    for i, (want, got) in enumerate(zip(premises, prems)):
        if _lit(got) != want:
            return f"premise {i + 1} is {show(got)}, the clause needs {literal_text(want)}"
    if not witness:
        return None if _lit(fact) == concl[0] else f"the clause concludes {literal_text(concl[0])}"
    return _fresh_witnesses(clause, sigma, blk) or (
        None if fact == (literal_to_expr(concl[0]) if len(concl) == 1
                         else And(tuple(literal_to_expr(c) for c in concl)))
        else f"the clause concludes {' ∧ '.join(literal_text(c) for c in concl)}")


def _fresh_witnesses(clause: Clause, sigma: dict[str, str], blk: Block) -> str | None:
    ws = [sigma[v] for v in clause.exists]
    if len(set(ws)) != len(ws):
        return "witness constants are not pairwise distinct"
    universal = {sigma[v] for v in clause.vars}
    for w in ws:
        if w in blk.taken or w in universal:
            return f"witness {w!r} is not fresh"
    return None


def witness(step: dict[str, Any], blk: Block, prems: Sequence[Fact], fact: Fact) -> str | None:
    return rule(step, blk, prems, fact, witness=True)


def and_elim(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    if not isinstance(prems[0], And):
        return "the premise is not a conjunction"
    return None if fact in prems[0].parts else "fact is not a part of the premise"


def and_intro(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if len(prems) < 2 or any(p is None for p in prems):
        return "needs at least two formula premises"
    return None if fact == And(tuple(prems)) else "fact is not the conjunction of the premises"


def eq_refl(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    lit = _lit(fact)
    if prems:
        return "reflexivity has no premises"
    return None if lit and lit[:2] == (True, "=") and len(set(lit[2])) == 1 and len(lit[2]) == 2 \
        else "fact is not (=[c,c])"


def eq_symm(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    lit = _lit(prems[0])
    if not (lit and lit[:2] == (True, "=") and len(lit[2]) == 2):
        return "the premise is not an equality"
    want = (True, "=", lit[2][::-1])
    return None if _lit(fact) == want else f"fact must be {literal_text(want)}"


def eq_subst(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 2):
        return err
    out = _lit(fact)
    for eq, src in ((prems[0], prems[1]), (prems[1], prems[0])):
        e, lit = _lit(eq), _lit(src)
        if not (e and e[:2] == (True, "=") and len(e[2]) == 2 and lit and out
                and lit[:2] == out[:2] and len(lit[2]) == len(out[2])):
            continue
        u, v = e[2]
        pairs = list(zip(lit[2], out[2]))
        if all(a == b or (a, b) == (u, v) for a, b in pairs) and (u, v) in pairs:
            return None
    return "fact is not a literal premise with some occurrences of u replaced by v, for a premise (=[u,v])"


def _definition(blk: Block, atom: Fact) -> Expr | str:
    if not isinstance(atom, Atom) or atom.name not in blk.definitions:
        return "not an atom of a defined predicate"
    params, body = blk.definitions[atom.name]
    if len(params) != len(atom.args):
        return f"{atom.name} takes {len(params)} arguments"
    return substitute(body, dict(zip(params, atom.args)))


def unfold(step: dict[str, Any], blk: Block, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    body = _definition(blk, prems[0])
    if isinstance(body, str):
        return f"the premise is {body}"
    if step.get("definition") != prems[0].name:
        return f"definition must be {prems[0].name!r}"
    return None if fact == body else f"unfolding gives {to_mpl(body)}"


def fold(step: dict[str, Any], blk: Block, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    body = _definition(blk, fact)
    if isinstance(body, str):
        return f"the fact is {body}"
    if step.get("definition") != fact.name:
        return f"definition must be {fact.name!r}"
    return None if prems[0] == body else f"folding needs the premise {to_mpl(body)}"


def contradiction(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 2):
        return err
    a, b = prems
    if a is None or b is None or not (a == Not(b) or b == Not(a)):
        return "the premises are not L and !L"
    return None if fact is None else "fact must be ⊥"


def ex_falso(step: dict[str, Any], blk: Block | None, prems: Sequence[Fact], fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    return None if prems[0] is None else "the premise is not ⊥"


#: step kind -> its check `(step, block, premise facts, fact) -> reason or None`
KINDS: dict[str, Callable[[dict[str, Any], Block, Sequence[Fact], Fact], str | None]] = {
    "hyp": hyp, "rule": rule, "witness": witness, "and_elim": and_elim, "and_intro": and_intro,
    "eq_refl": eq_refl, "eq_symm": eq_symm, "eq_subst": eq_subst, "unfold": unfold,
    "fold": fold, "contradiction": contradiction, "ex_falso": ex_falso,
}

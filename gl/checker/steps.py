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
from functools import partial
from typing import Any

from mpl_lang import And, Atom, Expr, Forall, Not, to_mpl
from mpl_lang.logic import Clause, Literal, expr_to_literal, instantiate, literal_text, substitute
from mpl_lang.logic import exists_instance as instance
from mpl_lang.logic import free_names as names_in
from mpl_lang.logic import literal_to_expr as lexpr
from mpl_lang.names import is_identifier, shown

#: A parsed fact: a formula, or None for ⊥.
Fact = Expr | None
Step = dict[str, Any]
Facts = Sequence[Fact]


@dataclass
class Block:
    """What steps of one block may use: its hypotheses, the facts so far (`bad`: ids of steps
    whose fact is unreadable), the names taken (theory, fresh; earlier facts' by `taken_before`)."""

    hyps: list[Expr]
    definitions: dict[str, tuple[tuple[str, ...], Expr]]
    resolve: Callable[[object, int, Block], Clause | str]
    facts: list[Fact] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    bad: set[int] = field(default_factory=set)
    parts: dict[int, frozenset[Fact]] = field(default_factory=dict)  # conjunction step id -> its parts
    named: int = 0  # facts whose names `taken` holds (gathered only when a step needs them)

    def taken_before(self, step_id: int) -> set[str]:
        """The theory's constants, the fresh ones and the free names of the facts before `step_id`."""
        for f in self.facts[self.named:step_id - 1]:
            if f is not None:
                self.taken |= names_in(f)
        self.named = max(self.named, step_id - 1)
        return self.taken


def _lit(f: Fact) -> Literal | None:
    return None if f is None else expr_to_literal(f)


def _eq(f: Fact) -> tuple[str, ...] | None:
    """The two sides when `f` is a positive equality."""
    lit = _lit(f)
    return lit.args if lit and lit.positive and lit.pred == "=" and len(lit.args) == 2 else None


def _count(prems: Facts, n: int) -> str | None:
    return None if len(prems) == n else f"needs {n} premise{'s' * (n != 1)}, has {len(prems)}"


def hyp(step: Step, blk: Block, prems: Facts, fact: Fact) -> str | None:
    i = step.get("index")
    if type(i) is not int or not 0 <= i < len(blk.hyps):
        return f"index {shown(i)} is not a hypothesis number (the block has {len(blk.hyps)})"
    if prems:
        return "a hypothesis has no premises"
    return None if fact == blk.hyps[i] else f"hypothesis {i} is {to_mpl(blk.hyps[i])}"


def rule(step: Step, blk: Block, prems: Facts, fact: Fact, witness: bool = False) -> str | None:
    clause = blk.resolve(step.get("rule"), step["id"], blk)
    if isinstance(clause, str):
        return clause
    if witness != bool(clause.exists):
        return "kind witness needs an existential clause" if witness else \
            "an existential clause needs kind witness"
    sigma = step.get("subst")
    if not isinstance(sigma, dict) or not all(map(is_identifier, (*sigma, *sigma.values()))):
        return "subst must map clause variables to constant names (MPL identifiers)"
    need = set(clause.vars) | set(clause.exists)
    if set(sigma) != need:
        return f"subst binds {shown(sorted(sigma))}, the clause's variables are {sorted(need)}"
    premises, concl = instantiate(clause, sigma)
    if len(prems) != len(premises):
        return f"the clause has {len(premises)} premises, the step cites {len(prems)}"
    for i, (want, got) in enumerate(zip(premises, prems)):
        if _lit(got) != want:
            return f"premise {i + 1} is {'⊥' if got is None else to_mpl(got)}, " \
                   f"the clause needs {literal_text(want)}"
    if witness:
        ws = [sigma[v] for v in clause.exists]
        universal, taken = {sigma[v] for v in clause.vars}, blk.taken_before(step["id"])
        if len(set(ws)) != len(ws) or any(w in taken or w in universal for w in ws):
            return f"witness {', '.join(map(repr, ws))} is not fresh and distinct"
    want = lexpr(concl[0]) if len(concl) == 1 else And(tuple(lexpr(c) for c in concl))
    return None if fact == want else f"the clause concludes {to_mpl(want)}"


def and_elim(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    if not isinstance(prems[0], And):
        return "the premise is not a conjunction"
    # a set per premise step: a crafted document eliminating often from a huge conjunction costs
    # linear time, not steps × parts
    parts = blk.parts.get(step["premises"][0]) if blk else prems[0].parts
    if parts is None:
        parts = blk.parts[step["premises"][0]] = frozenset(prems[0].parts)
    return None if fact in parts else "fact is not a part of the premise"


def and_intro(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    if len(prems) < 2 or None in prems:
        return "needs at least two formula premises"
    return None if fact == And(tuple(prems)) else "fact is not the conjunction of the premises"


def eq_refl(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    sides = _eq(fact)
    if prems:
        return "reflexivity has no premises"
    return None if sides and sides[0] == sides[1] else "fact is not (=[c,c])"


def eq_symm(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    if err := _count(prems, 1):
        return err
    sides = _eq(prems[0])
    if sides is None:
        return "the premise is not an equality"
    return None if _eq(fact) == sides[::-1] else f"fact must be (=[{sides[1]},{sides[0]}])"


def eq_subst(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    if err := _count(prems, 2):
        return err
    out = _lit(fact)
    for eq, src in ((prems[0], prems[1]), (prems[1], prems[0])):
        sides, lit = _eq(eq), _lit(src)
        if sides and lit and out and lit.positive == out.positive and lit.pred == out.pred \
                and len(lit.args) == len(out.args):
            pairs = list(zip(lit.args, out.args))
            if all(a == b or (a, b) == sides for a, b in pairs) and sides in pairs:
                return None
    return "fact is not a literal premise with some occurrences of u replaced by v, for a premise (=[u,v])"


def unfold(step: Step, blk: Block, prems: Facts, fact: Fact, folding: bool = False) -> str | None:
    if err := _count(prems, 1):
        return err
    atom, body = (fact, prems[0]) if folding else (prems[0], fact)
    what = "fact" if folding else "premise"
    if not isinstance(atom, Atom) or atom.name not in blk.definitions:
        return f"the {what} is not an atom of a defined predicate"
    params, definition = blk.definitions[atom.name]
    if step.get("definition") != atom.name:
        return f"the {what} is an atom of {atom.name!r}, not of {shown(step.get('definition'))}"
    if len(params) != len(atom.args):
        return f"{atom.name} takes {len(params)} arguments"
    want = substitute(definition, dict(zip(params, atom.args)))
    return None if body == want else f"the definition's body is {to_mpl(want)}"


def ex_intro(step: Step, blk: Block, prems: Facts, fact: Fact, elim: bool = False) -> str | None:
    """`!(>[x̄](H)(C))` from its instance under σ (`exists_instance`), or back (`ex_elim`)
    with σ naming fresh witnesses."""
    if err := _count(prems, 1):
        return err
    (ex, inst), sigma = ((prems[0], fact) if elim else (fact, prems[0])), step.get("subst")
    if not isinstance(ex, Not) or not isinstance(ex.body, Forall):
        return f"the {'premise' if elim else 'fact'} is not an existential !(>[x](H)(C))"
    q = ex.body
    if not isinstance(sigma, dict) or set(sigma) != set(q.vars) or not all(map(is_identifier, sigma.values())):
        return f"subst must map {list(q.vars)} to constant names (MPL identifiers)"
    if elim and (len(set(sigma.values())) != len(sigma) or blk.taken_before(step["id"]) & set(sigma.values())):
        return f"witness {', '.join(map(repr, sigma.values()))} is not fresh and distinct"
    want = instance(q, sigma)
    return None if inst == want else f"the instance is {to_mpl(want)}"


def contradiction(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    if err := _count(prems, 2):
        return err
    a, b = prems
    if a is None or b is None or not (a == Not(b) or b == Not(a)):
        return "the premises are not L and !L"
    return None if fact is None else "fact must be ⊥"


def ex_falso(step: Step, blk: Block | None, prems: Facts, fact: Fact) -> str | None:
    return _count(prems, 1) or (None if prems[0] is None else "the premise is not ⊥")


#: step kind -> its check `(step, block, premise facts, fact) -> reason or None`
KINDS: dict[str, Callable[[Step, Block, Facts, Fact], str | None]] = {
    "hyp": hyp, "rule": rule, "witness": partial(rule, witness=True), "and_elim": and_elim,
    "and_intro": and_intro, "eq_refl": eq_refl, "eq_symm": eq_symm, "eq_subst": eq_subst,
    "unfold": unfold, "fold": partial(unfold, folding=True), "ex_intro": ex_intro,
    "ex_elim": partial(ex_intro, elim=True), "contradiction": contradiction, "ex_falso": ex_falso,
}

"""What each block of a proof must establish (its claim), computed from the statement and
the theory's *declared* induction principles, never taken from the proof file.

>>> from mpl_lang import parse_expr, to_mpl
>>> s = parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))")
>>> to_mpl(induction_claims(s, "structural", ["a"], ("N", "i0", "s"), ["k", "k2"], ())["base"])
'(>[](in[i0,N])(in3[i0,i0,i0,+]))'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mpl_lang import Expr, MPLError, Not, Theory, logic
from mpl_lang.errors import ClauseError
from mpl_lang.logic import bound_names, free_names, goal_parts, substitute
from mpl_lang.names import is_identifier, name_error, shown


def statement_error(theory: Theory, statement: Expr) -> str | None:
    """Why `statement` is not a closed, well-scoped formula over the theory's constants
    (unknown predicate, wrong arity, free name, a binder shadowing a name), or None."""
    try:
        theory.check_statement(statement, "the statement")
    except MPLError as exc:
        return exc.message
    return None


def induction_claims(statement: Expr, scheme: object, variables: object, principle: tuple[str, str, str],
                     step_vars: object, constants: Sequence[str]) -> dict[str, Expr] | str:
    """The claim of each block of an induction by `scheme` on `variables` with the
    principle `(set, base, succ)` (`step_vars`: the step block's `induction_vars`), or why
    they cannot be used."""
    if scheme not in logic.SCHEMES:
        return f"unknown induction scheme {shown(scheme)}"
    if not isinstance(variables, list) or (bad := [v for v in variables if not is_identifier(v)]):
        return (f"induction variable {shown(bad[0] if isinstance(variables, list) else variables)} is not "
                "a universal variable of the statement")
    if not (isinstance(step_vars, list) and all(map(is_identifier, step_vars))):
        return "the step block's \"induction_vars\" must be distinct MPL identifiers"
    used = free_names(statement) | bound_names(statement) | set(constants)
    if clash := [v for v in step_vars if v in used]:
        return f"induction_vars {clash} occur in the statement or are theory constants"
    try:
        return logic.induction_claims(statement, tuple(variables), *principle, *step_vars, scheme=scheme)
    except ClauseError as exc:
        return exc.message


def fresh_error(fresh: object, claim_vars: Sequence[str], constants: Sequence[str]) -> str | None:
    """Why a block's `fresh` map is not one distinct non-theory constant per universal
    variable of its claim, or None."""
    if not isinstance(fresh, dict):
        return "fresh must map each variable to a constant name"
    for v in fresh.values():
        if err := name_error(v, "fresh constant"):
            return err
    if set(fresh) != set(claim_vars):
        return f"fresh binds {sorted(fresh)}, the claim's variables are {sorted(set(claim_vars))}"
    if len(set(fresh.values())) != len(fresh):
        return "fresh constants are not pairwise distinct"
    if clash := sorted(set(fresh.values()) & set(constants)):
        return f"fresh constants {clash} are theory constants"
    return None


def instantiate_claim(claim: Expr, fresh: Mapping[str, str], negated_goal: bool
                      ) -> tuple[list[Expr], Expr | None]:
    """The block's hypotheses and its goal fact (None for ⊥ when `negated_goal`: then the
    last hypothesis is the complement of the conclusion, `A` for `!A`, else `!C`)."""
    _, hyps, concl = goal_parts(claim)
    sigma = {v: c for v, c in fresh.items() if v != c}  # x as x changes nothing, captures nothing
    inst = [substitute(h, sigma) for h in hyps]
    goal = substitute(concl, sigma)
    if negated_goal:
        return [*inst, goal.body if isinstance(goal, Not) else Not(goal)], None
    return inst, goal

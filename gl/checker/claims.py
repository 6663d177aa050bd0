"""What each block of a proof must establish (its claim), computed from the statement and
the theory's *declared* induction principles, never taken from the proof file.

>>> from mpl_lang import parse_expr, to_mpl
>>> s = parse_expr("(>[a](in[a,N])(in3[i0,a,a,+]))")
>>> to_mpl(induction_claims(s, "a", ("N", "i0", "s"), ("k", "k2"))["base"])
'(>[](in[i0,N])(in3[i0,i0,i0,+]))'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mpl_lang import And, Atom, Expr, Forall, MPLError, Not, Statement, Theory, compile_decls
from mpl_lang.logic import bound_names, free_names, goal_parts, substitute


def statement_error(theory: Theory, statement: Expr) -> str | None:
    """Why `statement` is not a closed, well-scoped formula over the theory's constants
    (unknown predicate, wrong arity, free name, a binder shadowing a name), or None."""
    decls = [*theory.definitions.values(), Statement("⊢", "conjecture", statement)]
    try:
        compile_decls(decls, theory.path)
    except MPLError as exc:
        return exc.message
    return None


def _conj(parts: Sequence[Expr]) -> Expr:
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def induction_claims(statement: Expr, var: str, principle: tuple[str, str, str],
                     step_vars: tuple[str, str]) -> dict[str, Expr]:
    """The claims of the `type`, `base` and `step` blocks of an induction on `var` with the
    principle `(set, base, succ)`; `step_vars` are the step block's `induction_vars`."""
    vars_, hyps, concl = goal_parts(statement)
    nset, zero, succ = principle
    rest = tuple(v for v in vars_ if v != var)

    def p(t: str) -> Expr:
        sigma = {var: t}
        return Forall(rest, _conj([substitute(h, sigma) for h in hyps]), substitute(concl, sigma))

    k, k2 = step_vars
    step_hyp = And((Atom("in", (k, nset)), Atom("in2", (k, k2, succ)), p(k)))
    return {
        "type": Forall(vars_, _conj(hyps), Atom("in", (var, nset))),
        "base": p(zero),
        "step": Forall((k, k2), step_hyp, p(k2)),
    }


def induction_error(statement: Expr, var: object, step_vars: object, constants: Sequence[str]) -> str | None:
    """Why `var` / the step block's `induction_vars` cannot be used for an induction on
    `statement`, or None."""
    vars_, hyps, _ = goal_parts(statement)
    if var not in vars_:
        return f"induction variable {var!r} is not a universal variable of the statement"
    if not hyps:
        return "an induction needs a statement with hypotheses"
    if not (isinstance(step_vars, list) and len(step_vars) == 2
            and all(isinstance(v, str) and v for v in step_vars) and step_vars[0] != step_vars[1]):
        return "the step block needs \"induction_vars\": two distinct names"
    used = free_names(statement) | bound_names(statement) | set(constants)
    clash = [v for v in step_vars if v in used]
    if clash:
        return f"induction_vars {clash} occur in the statement or are theory constants"
    return None


def fresh_error(fresh: object, claim_vars: Sequence[str], constants: Sequence[str]) -> str | None:
    """Why a block's `fresh` map is not one distinct non-theory constant per universal
    variable of its claim, or None."""
    if not isinstance(fresh, dict) or not all(isinstance(v, str) and v for v in fresh.values()):
        return "fresh must map each variable to a constant name"
    if set(fresh) != set(claim_vars):
        return f"fresh binds {sorted(fresh)}, the claim's variables are {sorted(set(claim_vars))}"
    values = list(fresh.values())
    if len(set(values)) != len(values):
        return "fresh constants are not pairwise distinct"
    clash = sorted(set(values) & set(constants))
    if clash:
        return f"fresh constants {clash} are theory constants"
    return None


def instantiate_claim(claim: Expr, fresh: Mapping[str, str], negated_goal: bool
                      ) -> tuple[list[Expr], Expr | None]:
    """The block's hypotheses and its goal fact (None for ⊥ when `negated_goal`: then the
    last hypothesis is the complement of the conclusion, `A` for `!A`, else `!C`)."""
    _, hyps, concl = goal_parts(claim)
    inst = [substitute(h, fresh) for h in hyps]
    goal = substitute(concl, fresh)
    if negated_goal:  # the complement of the conclusion literal (export/SCHEMA.md)
        return [*inst, goal.body if isinstance(goal, Not) else Not(goal)], None
    return inst, goal

"""Lemma calculation from a failed induction step (`gl.explore.generalize.calculated`,
`ProvingStage`): on Peano with exponentiation, `(a * c) ^ b = a ^ b * c ^ b` fails at
first within the exploration's work bound; its step, with the hypothesis applied, needs
`(a * b) * (c * d) = (a * c) * (b * d)`, which no enumeration of three variables finds.
The stage calculates it, proves it and then the law. A false law of `^` stays unproved
with all the laws as rules (the canary).
"""

from __future__ import annotations

import pytest
from conftest import EXAMPLES

import gl
from gl.core.prover import Prover, Settings
from gl.core.result import TheoremResult
from gl.core.session import ProofRun
from gl.core.status import Status
from gl.equations import equation_to_statement, statement_to_equation
from gl.explore import ExploreConfig
from gl.explore.conjecture import Conjecture
from gl.explore.enumeration import TermEvaluator
from gl.explore.generalize import calculated, numeral_terms
from gl.explore.progress import Attempted
from gl.explore.proving import ProvingStage
from gl.explore.stages import Exploration
from gl.incubator import incubate, numeral_chain
from gl.recursion import definitions
from gl.signature import signature
from mpl_lang.terms import Term, infix

EXP = EXAMPLES / "peano_exp"
A, B, C = "a", "b", "c"
#: what the exploration proves before `(a * c) ^ b = a ^ b * c ^ b`
LAWS: list[tuple[Term, Term]] = [
    (("+", "i0", A), A), (("s", ("+", A, B)), ("+", ("s", A), B)), (("+", A, B), ("+", B, A)),
    (("+", ("+", A, B), C), ("+", A, ("+", B, C))), (("*", "i0", A), "i0"),
    (("*", ("s", A), B), ("+", ("*", A, B), B)), (("*", A, B), ("*", B, A)),
    (("*", A, ("+", B, C)), ("+", ("*", A, B), ("*", A, C))), (("*", ("*", A, B), C), ("*", A, ("*", B, C))),
    (("^", A, ("+", B, C)), ("*", ("^", A, B), ("^", A, C))),
]
EXP_MUL = (("^", ("*", A, C), B), ("*", ("^", A, B), ("^", C, B)))


def _prover(laws: list[tuple[Term, Term]]) -> Prover:
    """The exploration's prover (its work and cycle bounds) with `laws` as theorems."""
    theory = gl.load(EXP).theory
    cfg = ExploreConfig()
    prover = Prover(theory, Settings().capped(max_cycles=cfg.cycles, max_work=cfg.work,
                                              induction_candidates=cfg.induction_candidates))
    constants = frozenset(theory.constants)
    for k, eq in enumerate(laws):
        prover.accept(TheoremResult(f"law_{k}", equation_to_statement(*eq, "N", constants), status=Status.PROVED))
    return prover


def test_the_step_of_the_power_of_a_product_needs_the_medial_law():
    defs = definitions(gl.load(EXP).theory)
    assert [f"{infix(lhs)} = {infix(rhs)}" for lhs, rhs in calculated(EXP_MUL, defs, "s", frozenset({"i0", "i1"}))] \
        == ["(a * b) * (c * d) = (a * c) * (b * d)"]
    # `(a ^ b) ^ c = a ^ (b * c)`: its step needs `a ^ (b + c) = a ^ b * a ^ c`
    [(lhs, rhs)] = calculated((("^", ("^", A, B), C), ("^", A, ("*", B, C))), defs, "s", frozenset({"i0", "i1"}))
    assert {infix(lhs), infix(rhs)} == {"a ^ b * a ^ c", "a ^ (b + c)"}


@pytest.mark.slow
def test_a_failed_law_gets_the_lemma_its_step_needs():
    """The stage attempts `(a * c) ^ b = a ^ b * c ^ b`, fails, calculates the medial
    law (four variables: checked on an evaluator with four), proves it, and then the
    law with it (about 20 s of CPU)."""
    session = gl.load(EXP)
    theory = session.theory
    sig, constants = signature(theory), frozenset(theory.constants)
    prover = _prover(LAWS)
    events: list = []
    stage = ProvingStage(prover, ProofRun(session), ExploreConfig(), sig, constants, None,
                         events.append)
    chain = numeral_chain(theory, sig)
    stage.check(TermEvaluator(sig, incubate(theory, 3), {"i0": 0}, tuple("abcd"), (0, 1, 2), (2, 3)),
                numeral_terms(chain, sig.succ))
    law = Conjecture("pow_mul", equation_to_statement(*EXP_MUL, sig.domain, constants), "explored", 12, EXP_MUL)
    stage.prove([law], Exploration())
    attempts = [(e.result.name, e.result.proved) for e in events if isinstance(e, Attempted)]
    assert attempts == [("pow_mul", False), ("step_lemma_1", True), ("pow_mul", True)]
    lhs, rhs = statement_to_equation(stage.run["step_lemma_1"].statement)
    assert {infix(lhs), infix(rhs)} == {"(a * b) * (c * d)", "(a * c) * (b * d)"}


def test_a_false_law_of_exponentiation_is_not_proved():
    """The canary: with the laws of `+`, `*` and `^` as rules, `(a * b) ^ c = a ^ c * b`
    (true for c = 0, 1) is not proved."""
    prover = _prover([*LAWS, EXP_MUL])
    theory = prover.theory
    false = (("^", ("*", A, B), C), ("*", ("^", A, C), B))
    result = prover.prove("fake", equation_to_statement(*false, "N", frozenset(theory.constants)))
    assert not result.proved

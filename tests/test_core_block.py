"""A Logic Block's life: proved, saturated and revived by a new rule, stopped at its limits."""

from __future__ import annotations

import doctest

import pytest

from gl.core import block, constants, facts, invention, join, record, rules, status, unionfind
from gl.core.block import BlockLimits, LogicBlock
from gl.core.result import Attempt
from gl.core.rules import Rule
from gl.core.status import Status
from mpl_lang import parse_expr
from mpl_lang.logic import Literal, clausify

#: the successor of a number is a number
SUCC = "(>[x,y](&(in[x,N])(in2[x,y,s]))(in[y,N]))"
#: the successor of a number is positive
POS = "(>[x,y](&(in[x,N])(in2[x,y,s]))(in[y,P]))"
#: every successor is in M (one cycle derives it for the whole chain)
IN_M = "(>[x,y](in2[x,y,s])(in[y,M]))"
#: a chain i0 -> i1 -> ... -> i6 of successors
CHAIN = "".join(f"(in2[i{k},i{k + 1},s])" for k in range(6))


def parse_rules(*texts: str, source: str = "axiom") -> list[Rule]:
    return [Rule.from_clause(c, {source: i}) for i, t in enumerate(texts) for c in clausify(parse_expr(t))]


def chain_block(goal: str, *texts: str, **limits: int) -> LogicBlock:
    claim = parse_expr(f"(>[](&(in[i0,N]){CHAIN}){goal})")
    return LogicBlock("test", "main", claim, (), parse_rules(*texts), BlockLimits(**limits))


@pytest.mark.parametrize("module", [block, record, constants, facts, unionfind, join, invention, status, rules])
def test_the_module_examples_hold(module):
    """The examples in the docstrings, block.py's map of the parts among them."""
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0


def test_a_block_proves_its_goal_and_records_the_steps_it_rests_on():
    b = chain_block("(in[i6,N])", SUCC).run(20)
    assert b.status is Status.PROVED and b.cycle_no == 6
    proof = [b.steps[s] for s in b.proof_steps()]
    assert [s.kind for s in proof] == ["hyp"] * 7 + ["rule"] * 6
    assert proof[-1].fact == Literal(True, "in", ("i6", "N"))


def test_a_saturated_block_runs_again_when_a_rule_arrives():
    b = chain_block("(in[i6,P])", SUCC).run(20)
    assert (b.status, b.reason) == (Status.SATURATED, "no new facts")
    assert b.knows(Literal(True, "in", ("i6", "N")))
    b.add_rule(parse_rules(POS, source="theorem")[0])
    assert b.status is Status.RUNNING
    assert b.run(20).status is Status.PROVED


def test_the_fact_limit_stops_a_block():
    b = chain_block("(in[i6,N])", SUCC, max_facts=10).run(20)  # 7 hypotheses, a fact a cycle
    assert (b.status, b.reason) == (Status.LIMIT, "more than 10 facts")
    assert (len(b.steps), b.cycle_no) == (11, 4) and not b.cycle()
    late = chain_block("(in[i6,N])", SUCC, max_facts=12).run(20)
    assert late.status is Status.PROVED  # the goal reached in the cycle that hit the limit counts


def test_limits_stop_a_block_within_the_cycle_that_hits_them():
    b = chain_block("(in[i6,P])", IN_M, max_facts=9).run(20)
    assert (b.status, b.reason, b.cycle_no) == (Status.LIMIT, "more than 9 facts", 1)
    assert len(b.steps) == 10  # 7 hypotheses, then facts only until the limit
    b = chain_block("(in[i6,P])", IN_M, max_work=3).run(20)
    assert (b.status, b.reason, b.cycle_no) == (Status.LIMIT, "more than 3 matching steps", 1)
    assert len(b.steps) == 9  # the rule, then two facts: (i0, i1) and (i1, i2)


def test_the_work_limit_stops_a_block():
    b = chain_block("(in[i6,N])", SUCC, max_work=5).run(20)
    assert (b.status, b.reason) == (Status.LIMIT, "more than 5 matching steps")
    assert b.join.work == 6


def test_the_cycle_limit_stops_a_block():
    b = chain_block("(in[i6,N])", SUCC).run(3)
    assert (b.status, b.reason, b.cycle_no) == (Status.LIMIT, "3 cycles", 3)


def test_a_contradiction_proves_a_negated_goal():
    claim = parse_expr("(>[](&(in[i0,N])(in2[i0,i1,s]))!(in2[i1,i0,s]))")
    never_back = parse_rules("(>[x,y](in2[x,y,s])!(in2[y,x,s]))")
    b = LogicBlock("test", "main", claim, (), never_back, negated_goal=True).run(5)
    assert b.status is Status.PROVED
    assert b.steps[b.goal_step].kind == "contradiction"


def test_one_failed_block_sinks_its_attempt():
    stuck = chain_block("(in[i6,P])", SUCC).run(20)
    running = chain_block("(in[i6,N])", SUCC)
    attempt = Attempt("direct", None, [stuck, running])
    assert attempt.failed and not attempt.proved
    attempt.abandon()
    assert (running.status, running.reason) == (Status.ABANDONED, "another block of the attempt failed")
    assert not running.cycle() and running.cycle_no == 0

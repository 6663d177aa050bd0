"""Invention of function values: named when a rule needs one, within the depth bound, and
never for a rule that only says a function has one value."""

from __future__ import annotations

from gl.core.block import BlockLimits, LogicBlock
from gl.core.invention import VALUE
from gl.core.rules import Rule
from gl.core.status import Status
from mpl_lang import parse_expr
from mpl_lang.logic import Literal, clausify

#: + is total on N: ∀x,y ∈ N ∃z ∈ N: x + y = z
TOTAL = "(>[x,y](&(in[x,N])(in[y,N]))!(>[z](in[z,N])!(in3[x,y,z,+])))"
#: the double of a number is even
DOUBLE = "(>[x,z](&(in[x,N])(in3[x,x,z,+]))(in[z,E]))"
#: + has one value
UNIQUE = "(>[x,y](&(in[x,N])(in[y,N]))(>[z1,z2](&(in3[x,y,z1,+])(in3[x,y,z2,+]))(=[z1,z2])))"
#: the same premises as UNIQUE, but a conclusion that needs the values
BOTH = "(>[x,y](&(in[x,N])(in[y,N]))(>[z1,z2](&(in3[x,y,z1,+])(in3[x,y,z2,+]))(in[z1,E])))"
#: every number has a double d(x) = x + x in N
TWICE = "(>[x](in[x,N])!(>[z](&(in[z,N])(in3[x,x,z,+]))!(in2[x,z,d])))"


def rules(*texts: str) -> list[Rule]:
    return [Rule.from_clause(c, {"axiom": i}) for i, t in enumerate(texts) for c in clausify(parse_expr(t))]


def block(numbers: str, *texts: str, facts: str = "", **limits: int) -> LogicBlock:
    """A goal-less block knowing `numbers` (e.g. "a,b") are in N and the `facts`, with the
    rules `texts` and the `limits` (of BlockLimits)."""
    hyps = "".join(f"(in[{n},N])" for n in numbers.split(",")) + facts
    claim = parse_expr(f"(>[{numbers}](&{hyps}(in[a,N]))(in[a,N]))")
    return LogicBlock("test", "main", claim, (), rules(*texts), BlockLimits(**limits), derive_only=True)


def test_a_value_a_rule_needs_is_named():
    b = block("a", TOTAL, DOUBLE).run(10)
    assert b.status is Status.SATURATED
    assert b.witness_terms == {"w1": "a + a", "w2": "w1 + w1"}
    assert b.knows(Literal(True, "in3", ("a", "a", "w1", "+")))
    assert b.knows(Literal(True, "in", ("w1", "E")))
    assert (b.constants.depth["a"], b.constants.depth["w1"], b.constants.depth["w2"]) == (0, 1, 2)


def test_invention_stops_at_the_depth_bound():
    for depth, named in ((0, []), (1, ["w1"]), (3, ["w1", "w2", "w3"])):
        b = block("a", TOTAL, DOUBLE, max_depth=depth).run(10)
        assert b.status is Status.SATURATED
        assert list(b.witness_terms) == named
        assert b.invention.witnesses == len(named)


def test_no_value_is_named_without_a_rule_that_needs_it():
    b = block("a,b", TOTAL).run(10)
    assert b.status is Status.SATURATED and b.witness_terms == {}


def test_a_rule_saying_a_function_has_one_value_names_none():
    b = block("a,b", TOTAL, UNIQUE).run(10)
    assert b.status is Status.SATURATED and b.witness_terms == {}
    both = block("a,b", TOTAL, BOTH, max_depth=1).run(10)  # the same premises name all four sums
    assert sorted(both.witness_terms.values()) == ["a + a", "a + b", "b + a", "b + b"]


def test_a_uniqueness_rule_names_none_where_other_values_are_known():
    # with x = a, y = b bound, the sums starting with a and those with b second are
    # known, but not a + b: the premise has candidates, none of which matches
    sums = "(in3[a,a,a,+])(in3[b,b,b,+])(in3[a,c,c,+])(in3[a,e,e,+])"
    b = block("a,b", TOTAL, UNIQUE, facts=sums).run(10)
    assert b.status is Status.SATURATED and b.witness_terms == {}
    both = block("a,b", TOTAL, BOTH, facts=sums, max_depth=1).run(10)
    assert both.witness_terms == {"w1": "a + b"}


def test_a_value_named_meanwhile_is_not_named_again():
    b = block("a", TOTAL, TWICE)
    assert b.ask(Literal(True, "in2", ("a", VALUE, "d")))
    assert b.ask(Literal(True, "in3", ("a", "a", VALUE, "+")))  # d(a) will be a + a too
    b.run(10)
    assert b.witness_terms == {"w1": "a + a"}
    assert b.knows(Literal(True, "in2", ("a", "w1", "d")))


def test_asked_values_go_before_those_rules_ask_for():
    b = block("a,b", TOTAL, DOUBLE, max_witnesses=1)
    b.ask(Literal(True, "in3", ("a", "b", VALUE, "+")))  # DOUBLE asks for a + a and b + b
    b.run(10)
    assert b.witness_terms == {"w1": "a + b"}


def test_asking_names_a_value_ahead_of_any_rule():
    b = block("a,b", TOTAL)
    assert b.ask(Literal(True, "in3", ("a", "b", VALUE, "+")))
    assert not b.ask(Literal(True, "in3", ("a", "b", VALUE, "*")))  # no rule gives a * b
    b.run(10)
    assert b.witness_terms == {"w1": "a + b"}
    assert b.knows(Literal(True, "in3", ("a", "b", "w1", "+")))


def test_a_block_short_of_witnesses_is_budget_bound_and_one_short_of_depth_is_not():
    starved = block("a", TOTAL, DOUBLE, max_witnesses=1).run(10)
    assert starved.status is Status.SATURATED and starved.invention.starved
    assert starved.budget_bound and "1 witnesses spent" in starved.reason
    shallow = block("a", TOTAL, DOUBLE, max_depth=1).run(10)
    assert shallow.status is Status.SATURATED and not shallow.budget_bound


def test_with_own_first_values_the_block_asks_for_come_before_shallower_ones_axioms_ask_for():
    # w = a + a (depth 1); the hypotheses ask for w + a (depth 2), an axiom for b + b
    # (depth 1): with one witness, own_first names the hypotheses' value, else the shallower
    for own_first, named in ((True, "w + a"), (False, "b + b")):
        b = block("a,b,w", TOTAL, facts="(in3[a,a,w,+])", max_witnesses=1, own_first=own_first)
        b.constants.depth["w"] = 1
        b.invention.request(Literal(True, "in3", ("b", "b", VALUE, "+")), {}, frozenset({VALUE}), "axiom")
        b.invention.request(Literal(True, "in3", ("w", "a", VALUE, "+")), {}, frozenset({VALUE}), "fact")
        b.invention.layer()
        assert list(b.witness_terms.values()) == [named] and b.invention.starved

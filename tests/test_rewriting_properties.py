"""Soundness properties of the e-graph rewriter (hypothesis): a simplified expression has the
value of its input at random points — exactly for Peano terms over small naturals, within
tolerance for real expressions away from poles — and the text and sympy conversions are
lossless."""

from __future__ import annotations

import math
import os

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rewriting import (
    Limits,
    Undefined,
    eval_peano,
    eval_real,
    from_sympy,
    parse_term,
    rules_from_equations,
    simplify,
    term_to_str,
    to_sympy,
)

QUICK = Limits(iterations=5, nodes=3000, time=0.3)
#: examples per property; raise GL_HYPOTHESIS_EXAMPLES for a thorough local run
EXAMPLES = int(os.environ.get("GL_HYPOTHESIS_EXAMPLES", "40"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- strategies

peano_terms = st.recursive(
    st.sampled_from(["i0", "a", "b"]),
    lambda sub: st.one_of(
        st.tuples(st.just("s"), sub),
        st.tuples(st.sampled_from(["+", "*"]), sub, sub),
    ),
    max_leaves=7,
)

real_leaves = st.sampled_from(["x", "y", "z", "0", "1", "2", "3", "-1", "1/2"])
real_terms = st.recursive(
    real_leaves,
    lambda sub: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/"]), sub, sub),
        st.tuples(st.sampled_from(["neg", "exp", "sin", "cos", "sqrt"]), sub),
        st.tuples(st.just("^"), sub, st.sampled_from(["2", "3"])),
    ),
    max_leaves=6,
)
points = st.fixed_dictionaries({v: st.floats(-2.5, 2.5) for v in "xyz"})


# ---------------------------------------------------------------- Peano: exact


@PROPERTY
@given(peano_terms, st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=3,
                             max_size=3))
def test_peano_simplification_is_exact(term, envs):
    comm = rules_from_equations([("a + b", "b + a"), ("a * b", "b * a")])
    result = simplify(term, rules=["peano", "semiring", *comm], cost="nodes", limits=QUICK,
                      domain="peano")
    for a, b in envs:
        assert eval_peano(result.term, {"a": a, "b": b}) == eval_peano(term, {"a": a, "b": b})


# ---------------------------------------------------------------- reals: within tolerance


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-7 * max(1.0, abs(a), abs(b)))


@PROPERTY
@given(real_terms, st.lists(points, min_size=4, max_size=4))
def test_real_simplification_is_sound_away_from_poles(term, envs):
    result = simplify(term, rules="semiring,field,functions", limits=QUICK, domain="real")
    for env in envs:
        try:
            before = eval_real(term, env)
        except Undefined:
            continue
        if abs(before) > 1e6:  # too close to a pole to compare
            continue
        after = eval_real(result.term, env)
        assert _close(before, after), (term_to_str(term), term_to_str(result.term), env)


@PROPERTY
@given(real_terms, st.lists(points, min_size=3, max_size=3))
def test_generic_field_is_sound_where_both_are_defined(term, envs):
    result = simplify(term, rules="semiring,generic-field", limits=QUICK, domain="real",
                      seeds=True)
    for env in envs:
        try:
            before, after = eval_real(term, env), eval_real(result.term, env)
        except Undefined:
            continue
        if max(abs(before), abs(after)) > 1e6:
            continue
        assert _close(before, after), (term_to_str(term), term_to_str(result.term), env)


# ---------------------------------------------------------------- conversions


@settings(max_examples=EXAMPLES + 20, deadline=None, derandomize=True)
@given(st.one_of(peano_terms, real_terms))
def test_text_round_trip(term):
    assume("1/2" not in str(term))  # a rational leaf reads back as a division
    assert parse_term(term_to_str(term)) == term


@settings(max_examples=EXAMPLES + 20, deadline=None, derandomize=True)
@given(real_terms)
def test_sympy_round_trip(term):
    expr = to_sympy(term)
    assume(not expr.has(sympy.I, sympy.zoo, sympy.nan, sympy.oo))  # not real numbers
    assert to_sympy(from_sympy(expr)) == expr

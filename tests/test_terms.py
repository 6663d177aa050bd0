"""The one term module (`mpl_lang.terms`): properties of renaming, substitution and
matching, sizes and positions, the graph encoding, and the infix printer in the notations
that use it (readable MPL, rewriting's input syntax, Lean)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mpl_lang import parse_expr, readable
from mpl_lang.terms import (
    GRAPH_ARITY,
    RECURSION_DEPTH,
    canonical,
    decode_graph,
    encode_graph,
    fold,
    infix,
    leaves,
    match,
    node_count,
    op_count,
    positions,
    rename,
    replace,
    substitute,
    subterm_at,
    subterms,
    variables,
)
from mutation.alchemy.render import lean_term
from rewriting.terms import parse_term, term_to_str

SETTINGS = settings(max_examples=100, derandomize=True, deadline=None)

NAMES = ["a", "b", "c", "x", "y", "i0"]
VARIABLES = frozenset({"x", "y", "z"})


def term_strategy(leaf: st.SearchStrategy[str], unary: list[str], binary: list[str]) -> st.SearchStrategy:
    return st.recursive(leaf, lambda sub: st.one_of(
        st.tuples(st.sampled_from(unary), sub),
        st.tuples(st.sampled_from(binary), sub, sub),
        st.tuples(st.just("f"), sub, sub, sub),
    ), max_leaves=10)


terms = term_strategy(st.sampled_from(NAMES), ["s", "g"], ["+", "*", "h"])
patterns = term_strategy(st.sampled_from([*NAMES, *sorted(VARIABLES)]), ["s", "g"], ["+", "*", "h"])
arithmetic = st.recursive(
    st.sampled_from(["x", "y", "i0", "0", "2", "17", "-1", "0.5"]),
    lambda sub: st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/", "^"]), sub, sub),
        st.tuples(st.sampled_from(["neg", "s", "sin"]), sub),
        st.tuples(st.just("f"), sub, sub),
    ),
    max_leaves=10,
)


def deep(n: int) -> tuple:
    t: str | tuple = "a"
    for _ in range(n):
        t = ("s", t)
    return t


# ---------------------------------------------------------------- renaming and matching


@SETTINGS
@given(terms, st.permutations(NAMES))
def test_rename_round_trips(term, image):
    forward = dict(zip(NAMES, image))
    back = {v: k for k, v in forward.items()}
    renamed = rename(term, forward)
    assert rename(renamed, back) == term
    assert leaves(renamed) == [forward[x] for x in leaves(term)]


@SETTINGS
@given(patterns, st.fixed_dictionaries({v: terms for v in sorted(VARIABLES)}))
def test_match_finds_the_substitution(pattern, sigma):
    """Matching a pattern against its instance gives back the substitution, bound in
    order of first occurrence."""
    instance = substitute(pattern, sigma)
    found = match(pattern, instance, VARIABLES.__contains__)
    assert found is not None
    assert list(found) == [v for v in variables(pattern) if v in VARIABLES]
    assert found == {v: sigma[v] for v in found}
    assert substitute(pattern, found) == instance


@SETTINGS
@given(patterns, terms)
def test_a_match_is_a_substitution(pattern, term):
    found = match(pattern, term, VARIABLES.__contains__)
    if found is not None:
        assert substitute(pattern, found) == term


def test_match_binds_a_variable_once_and_never_the_target():
    is_var = VARIABLES.__contains__
    assert match(("+", "x", "x"), ("+", "a", "b"), is_var) is None
    assert match(("+", "x", "a"), ("+", "x", "b"), is_var) is None
    assert match("a", "x", is_var) is None
    assert match(("s", "x"), ("g", "a"), is_var) is None
    assert match(("+", "x", "y"), ("+", "b", ("s", "a")), is_var) == {"x": "b", "y": ("s", "a")}


@SETTINGS
@given(terms, terms)
def test_canonical_forgets_variable_names(lhs, rhs):
    ren = {"a": "c", "b": "x", "c": "a", "x": "b"}
    assert canonical(lhs, rhs, {"i0"}) == canonical(rename(lhs, ren), rename(rhs, ren), {"i0"})
    assert canonical(*canonical(lhs, rhs, {"i0"}), {"i0"}) == canonical(lhs, rhs, {"i0"})


def test_canonical_and_variables_by_first_occurrence():
    assert variables(("+", "b", "i0"), ("*", "a", "b"), constants={"i0"}) == ["b", "a"]
    assert canonical(("+", "b", "i0"), ("*", "a", "b"), {"i0"}) == (("+", "x0", "i0"), ("*", "x1", "x0"))


# ---------------------------------------------------------------- sizes and positions


@SETTINGS
@given(terms)
def test_sizes_positions_and_replace(term):
    places = list(positions(term))
    assert [t for _, t in places] == list(subterms(term))
    assert node_count(term) == len(places) == len(leaves(term)) + op_count(term)
    for path, sub in places:
        assert subterm_at(term, path) == sub
        assert replace(term, path, sub) == term
        assert subterm_at(replace(term, path, "new"), path) == "new"


def test_sizes_have_one_meaning_each():
    t = ("fma", "a", ("s", "b"), "c")
    assert (node_count(t), op_count(t)) == (5, 2)
    assert (node_count("a"), op_count("a")) == (1, 0)


def test_fold_goes_left_to_right_at_any_depth():
    t: str | tuple = "a"
    for i in range(3 * RECURSION_DEPTH):
        t = ("f", f"x{i}", t, ("g", f"y{i}"))
    seen: list[str] = []
    applied: list[str] = []
    fold(t, seen.append, lambda node, _: applied.append(node[0]))
    assert seen == leaves(t) and len(seen) == 6 * RECURSION_DEPTH + 1
    assert applied == ["g", "f"] * 3 * RECURSION_DEPTH


def test_deep_terms_need_no_recursion():
    t = deep(5_000)
    assert leaves(t) == ["a"] and node_count(t) == 5_001 and op_count(t) == 5_000
    renamed = rename(t, {"a": "b"})  # (deep tuples are not compared: == recurses)
    assert leaves(renamed) == ["b"] and node_count(renamed) == 5_001
    assert match(t, renamed, {"a"}.__contains__) == {"a": "b"}
    assert list(positions(deep(2_000)))[-1] == ((0,) * 2_000, "a")
    assert infix(t).endswith("s(a)" + ")" * 4_999)


# ---------------------------------------------------------------- graph atoms


@SETTINGS
@given(st.sampled_from(["s", "+", "f"]), st.lists(st.sampled_from(NAMES), min_size=1, max_size=2),
       st.sampled_from(NAMES))
def test_graph_encoding_round_trips(function, inputs, output):
    pred, args = encode_graph(function, tuple(inputs), output)
    assert GRAPH_ARITY[pred] == len(inputs)
    assert decode_graph(pred, args) == (function, tuple(inputs), output)


def test_graph_decoding_refuses_other_atoms():
    assert decode_graph("in3", ("a", "b", "+")) is None
    assert decode_graph("in", ("a", "N")) is None
    assert decode_graph("in2", ("a", "b", "s")) == ("s", ("a",), "b")


# ---------------------------------------------------------------- the infix printer


@SETTINGS
@given(arithmetic)
def test_arithmetic_text_parses_back(term):
    assert parse_term(term_to_str(term)) == term


def test_the_notations_differ_where_their_readers_do():
    """Readable MPL parenthesizes equal strengths and prints every two-argument symbol
    infix; rewriting's text chains left-associative operators, writes `^` unspaced and
    `neg` as a sign; Lean juxtaposes applications."""
    chain = ("+", ("+", "a", "b"), ("-", "c", ("neg", "d")))
    assert infix(chain) == "(a + b) + (c - neg(d))"
    assert term_to_str(chain) == "a + b + (c - -d)"
    power = ("^", ("^", "a", "2"), ("/", "1", "b"))
    assert infix(power) == "(a ^ 2) ^ (1 / b)"
    assert term_to_str(power) == "(a^2)^(1 / b)"
    assert infix(("<=", ("*", "a", "b"), "c")) == "(a * b) <= c"
    assert term_to_str(("<=", ("*", "a", "b"), "c")) == "<=(a * b, c)"
    assert term_to_str(("neg", "3")) == "-(3)" and term_to_str(("*", "x", "1/2")) == "x * (1/2)"
    names = {"s": "Nat.succ", "+": "+", "*": "*", "i1": "1"}
    assert lean_term(("*", ("s", ("+", "a", "i1")), ("+", "b", "c")), names) == "Nat.succ (a + 1) * (b + c)"
    assert lean_term(("+", ("+", "a", "b"), ("+", "c", "d")), names) == "a + b + (c + d)"


def test_readable_statements_print_their_terms():
    e = parse_expr("(>[a,b,c,d,e](&(in3[a,b,d,*])(in3[d,c,e,+]))(in2[e,a,s]))")
    assert readable(e) == "∀a,b,c: s(a * b + c) = a"

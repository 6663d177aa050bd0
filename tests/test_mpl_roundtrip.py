"""Round-trip properties: random ASTs print (canonically, pretty, as JSON) and re-parse to
themselves; the readable printer accepts every AST."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from mpl_lang import (
    And,
    Atom,
    Definition,
    Forall,
    Include,
    Induction,
    Module,
    Not,
    Statement,
    decl_to_mpl,
    module_to_mpl,
    parse_expr,
    parse_module,
    readable,
    to_mpl,
)
from mpl_lang.ast_json import expr_from_json, expr_to_json
from mpl_lang.parser import _parse, parse_canonical
from mpl_lang.printer import pretty_mpl, readable_conjuncts

SETTINGS = settings(max_examples=120, derandomize=True, deadline=None)

WORD_START = "abcxyzNXYZ019_"
WORD_REST = WORD_START + "'"
SYMBOL_CHARS = "+*-/^<=~|@$%?.'"
words = st.builds(str.__add__, st.sampled_from(WORD_START), st.text(WORD_REST, max_size=4))
symbols = st.text(SYMBOL_CHARS, min_size=1, max_size=3)
# a few names that collide with keywords and built-ins must still work as identifiers
idents = st.one_of(words, symbols, st.sampled_from(
    ["def", "anchor", "target", "include", "induction", "from", "by", "in", "in2", "=", "+"]))
ident_lists = st.lists(idents, max_size=4).map(tuple)

atoms = st.builds(Atom, idents, ident_lists)


def _compound(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.builds(And, st.lists(children, min_size=2, max_size=4).map(tuple)),
        st.builds(Forall, st.lists(idents, max_size=3).map(tuple), children, children),
        st.builds(Not, children),
    )


exprs = st.recursive(atoms, _compound, max_leaves=20)

names = words  # declaration names are words
decls = st.one_of(
    st.builds(Definition, names, ident_lists, exprs, st.booleans()),
    st.builds(Induction, idents, idents, idents),
    st.builds(Statement, names, st.sampled_from(["target", "conjecture", "assume"]), exprs),
    st.builds(Include, st.text(st.characters(exclude_characters='"\n\r'), max_size=12), st.none() | names),
)
modules = st.builds(Module, st.just("m.mpl"), st.lists(decls, max_size=6).map(tuple))


@SETTINGS
@given(exprs, st.integers(min_value=8, max_value=100))
def test_expression_round_trips(e, width):
    assert parse_expr(to_mpl(e)) == e
    assert parse_expr(pretty_mpl(e, width=width)) == e
    assert expr_from_json(expr_to_json(e)) == e


@SETTINGS
@given(modules, st.booleans())
def test_module_round_trip(m, pretty):
    assert parse_module(module_to_mpl(m, pretty=pretty), m.file) == m
    for d in m.decls:
        assert parse_module(decl_to_mpl(d), "d.mpl").decls == (d,)


@SETTINGS
@given(exprs, st.booleans())
def test_readable_renders_every_expression(e, equations):
    text = readable(e, equations=equations)
    assert text and "\n" not in text
    parts = readable_conjuncts(e, equations=equations)
    assert parts and all(parts)
    if not isinstance(e, And):
        assert parts == [text]


def test_parsed_nodes_carry_locations():
    e = parse_expr("(&\n  (in[x,N])\n  !(>[y] (in[y,N]) (=[x,y])))", "f.mpl")
    first, neg = e.parts
    assert (e.loc.line, e.loc.col) == (1, 1)
    assert (first.loc.file, first.loc.line, first.loc.col) == ("f.mpl", 2, 3)
    assert (neg.loc.line, neg.loc.col, neg.body.loc.col) == (3, 3, 4)


def test_locations_do_not_affect_equality():
    assert parse_expr("(in[x,N])", "a.mpl") == parse_expr("\n\n  (in[x , N])", "b.mpl")
    assert hash(parse_expr("!(in[x,N])", "a.mpl")) == hash(Not(Atom("in", ("x", "N"))))


spaces = st.text(" \t\r\n\f", max_size=2)


def _spaced(e, ws) -> str:
    """`e` in MPL with the whitespace strings of `ws` (cycled) between all tokens."""
    w = itertools.cycle(ws)

    def out(e) -> str:
        def ids(names) -> str:
            return "[" + next(w) + f"{next(w)},{next(w)}".join(names) + next(w) + "]"

        if isinstance(e, Atom):
            return f"({next(w)}{e.name}{next(w)}{ids(e.args)}{next(w)})"
        if isinstance(e, Not):
            return "!" + next(w) + out(e.body)
        if isinstance(e, And):
            return "(" + next(w) + "&" + "".join(next(w) + out(p) for p in e.parts) + next(w) + ")"
        return f"({next(w)}>{next(w)}{ids(e.vars)}{next(w)}{out(e.hyp)}{next(w)}{out(e.concl)}{next(w)})"

    return next(w) + out(e) + next(w)


def _locations(e) -> list:
    kids = {Atom: lambda e: (), Not: lambda e: (e.body,), And: lambda e: e.parts,
            Forall: lambda e: (e.hyp, e.concl)}[type(e)](e)
    return [e.loc, *(loc for k in kids for loc in _locations(k))]


@SETTINGS
@given(exprs, st.lists(spaces, min_size=1, max_size=9))
def test_fast_path_matches_the_grammar(e, ws):
    """parse_expr reads well-formed expressions without the grammar; AST and every
    location agree with it."""
    text = _spaced(e, ws)
    fast, slow = parse_expr(text, "f.mpl"), _parse(text, "expr", "f.mpl")
    assert fast == slow == e
    assert _locations(fast) == _locations(slow)


@SETTINGS
@given(atoms, st.sampled_from(["#", "; note", "\n# line"]))
def test_comments_take_the_grammar(atom, comment):
    text = to_mpl(atom) + comment
    assert parse_expr(text, "f.mpl") == atom


@SETTINGS
@given(exprs, st.lists(spaces, min_size=1, max_size=9))
def test_canonical_parser_reads_exactly_the_canonical_texts(e, ws):
    """parse_canonical accepts the text to_mpl writes (and gives the expression back) and
    nothing else: the same expression with any whitespace is refused."""
    assert parse_canonical(to_mpl(e)) == e
    spaced = _spaced(e, ws)
    assert parse_canonical(spaced) == (e if spaced == to_mpl(e) else None)


@SETTINGS
@given(exprs, st.integers(min_value=0), st.sampled_from("()[],&>!#; \naé+'"), st.integers(0, 2))
def test_an_edited_canonical_text_parses_canonically_or_not_at_all(e, at, char, how):
    """Whatever parse_canonical accepts prints back to the same text and is what the
    grammar reads: no text can mean one thing to the checker and another to a reader."""
    text = to_mpl(e)
    i = at % (len(text) + 1)
    edited = (text[:i] + char + text[i:], text[:i] + text[i + 1:], text[:i] + char + text[i + 1:])[how]
    got = parse_canonical(edited)
    if got is not None:
        assert to_mpl(got) == edited
        assert _parse(edited, "expr", "f.mpl") == got

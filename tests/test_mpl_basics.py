"""Core MPL behaviour: parsing, printing, loading the Peano example."""

from __future__ import annotations

from conftest import PEANO

from mpl_lang import Atom, Forall, Not, load, parse_expr, readable, to_mpl
from mpl_lang.logic import clausify


def test_atom_with_symbol_name_and_args():
    e = parse_expr("(=[a, b])")
    assert e == Atom("=", ("a", "b"))
    assert parse_expr("(in3[a,b,c,+])").args == ("a", "b", "c", "+")


def test_forall_and_negation():
    e = parse_expr("(>[n] (in[n,N]) !(in2[n,i0,s]))")
    assert isinstance(e, Forall) and e.vars == ("n",)
    assert isinstance(e.concl, Not)


def test_canonical_round_trip():
    text = "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))"
    assert to_mpl(parse_expr(text)) == text


def test_readable_commutativity():
    e = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
    assert readable(e, equations=False) == "∀a,b,c: a + b = c → b + a = c"
    assert readable(e) == "∀a,b: a + b = b + a"


def test_peano_loads_with_induction_and_axioms():
    t = load(PEANO / "peano.mpl")
    assert t.constants == ("N", "i0", "s", "+", "*", "i1")
    assert [(i.set, i.base, i.succ) for i in t.inductions] == [("N", "i0", "s")]
    assert len(t.axioms()) == 25


def test_clausify_existential():
    (c,) = clausify(parse_expr("(>[x](in[x,X])!(>[y](in[y,Y])!(in2[x,y,f])))"))
    assert c.exists == ("y",) and c.premises == ((True, "in", ("x", "X")),)

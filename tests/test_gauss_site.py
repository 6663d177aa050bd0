"""The notation of GL's definitions on the HTML site: `fold` as `p = Σ_{i=n..m} f(i)`,
`preorder` as `≤`, `interval` as `M = [n, m]`, recognized by the shape of a definition's
body (export/html/notation.py), never by its name; and the Gauss targets' site shows them."""

from __future__ import annotations

from pathlib import Path

from test_gauss import gauss_theory, prove_and_check

from export.html import slug, write_checked_site
from export.html.notation import SHAPES, notation
from mpl_lang import parse_expr, readable

LE = "!(>[p](in[p,N])!(in3[n,p,m,+]))"


def shown(defs: list[tuple[str, tuple[str, ...], str]], mpl: str) -> str:
    return readable(parse_expr(mpl), notation=notation(defs).printer())


def test_a_shape_is_recognized_whatever_the_names_and_parameter_order() -> None:
    defs = [("below", ("x", "y", "Nat", "plus"), "!(>[k](in[k,Nat])!(in3[x,k,y,plus]))")]
    assert shown(defs, "(>[a,b](below[a,b,N,+])(below[b,a,N,+]))") == "∀a,b: a ≤ b → b ≤ a"
    # the same shape over `*` is divisibility, no order: it keeps the plain form
    assert shown(defs, "(below[a,b,N,*])") == "below(a, b, N, *)"
    # another body (one more conjunct: a strict order) is no shape of the table
    strict = [("lt", ("N", "+", "n", "m"), f"(&{LE}!(=[n,m]))")]
    assert shown(strict, "(lt[N,+,a,b])") == "lt(N, +, a, b)"


def test_shapes_use_each_other_and_the_sum_binds_a_fresh_variable() -> None:
    folder = {s.name: s for s in SHAPES}
    body = folder["sum"].body.replace("interval[", "iv[").replace("function[", "fn[")
    defs = [("le", ("N", "+", "n", "m"), LE),
            ("fn", folder["function"].params, folder["function"].body),
            ("iv", folder["interval"].params, folder["interval"].body.replace("order[", "le[")),
            ("sum", folder["sum"].params, body)]
    assert notation(defs).shapes() == {"le": "order", "fn": "function", "iv": "interval", "sum": "sum"}
    assert shown(defs, "(iv[N,+,a,b,M])") == "M = [a, b]"
    assert shown(defs, "(sum[N,s,+,id,i0,n,S])") == "S = Σ_{i=i0..n} id(i)"
    assert shown(defs, "(sum[N,s,+,f,i,n,S])") == "S = Σ_{j=i..n} f(j)"
    assert shown(defs, "!(sum[N,s,*,f,a,b,c])") == "¬sum(N, s, *, f, a, b, c)"


def test_the_gauss_targets_site_shows_sums_orders_and_intervals(tmp_path: Path) -> None:
    prove_and_check(gauss_theory(tmp_path, ["le_trans", "fold_zero"]))
    site = tmp_path / "site"
    write_checked_site(tmp_path / "proofs.json", site)
    fold_zero = (site / "thm" / f"{slug('fold_zero')}.html").read_text(encoding="utf-8")
    assert "∀S: S = Σ_{i=i0..i0} id(i) → S = i0" in fold_zero
    assert "M = [i0, i0]" in fold_zero  # a proof step: the fold's interval, unfolded
    le_trans = (site / "thm" / f"{slug('le_trans')}.html").read_text(encoding="utf-8")
    assert "∀a,b,c: a ≤ b ∧ b ≤ c → a ≤ c" in le_trans
    rules = (site / "rules.html").read_text(encoding="utf-8")
    assert "(∀p: p ∈ M → n ≤ p ∧ p ≤ m)" in rules  # interval's definition, in terms of ≤
    assert "∀M: M = [n, m] → ∀g: g: M → N →" in rules  # fold's

"""Exports of a `gl.proofs/1` document (the schema is export/SCHEMA.md): `export.html`, a
static site with every proof re-checked; `export.tptp`, one TPTP problem per proof step.

>>> from export.tptp import fof
>>> from mpl_lang import parse_expr
>>> fof(parse_expr("(>[n](in[n,N])!(in2[n,i0,s]))"))
'(! [V_n] : (p_in(V_n,c_N) => ~ p_in2(V_n,c_i0,c_s)))'
"""

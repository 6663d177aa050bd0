# GL's Gauss batch (../shared/reference/gl-gauss, unchanged: its config picks AnchorGauss,
# Peano arithmetic with i1 = s(i0), i2 = s(i1) and id the identity on N, plus the
# definitions of ≤, intervals, sequences and folds), with the induction principle gl reads
# from the language (GL hard-wires it in its prover; the folder alone parses, `gl parse
# FOLDER`, but has nothing to induct by). `gl prove examples/gauss` explores it: the
# incubator proves ≤, id and sums on small numerals (`Σ_{i=0..3} i = 6`); the explorer
# proves the Peano laws and the laws of ≤ it conjectures from the ≤ table (a ≤ s(a),
# transitivity, ...), and conjectures Gauss's formula `fold[…,i0,a,b] → a * s(a) = b + b`
# from the sums but cannot prove it yet: its induction needs a lemma about the partial
# sums g inside one fold (2·g(i) = i·s(i) for every i of its interval), which has no
# statement over the theory's own definitions (gauss_targets.mpl names g's clauses
# `foldvia` for it) and whose step needs the arithmetic of `gauss_step` there.
include "../../../shared/reference/gl-gauss" using AnchorGauss

induction N from i0 by s

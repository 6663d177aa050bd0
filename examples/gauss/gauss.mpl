# GL's Gauss batch (../shared/reference/gl-gauss, unchanged: its config picks AnchorGauss,
# Peano arithmetic with i1 = s(i0), i2 = s(i1) and id the identity on N, plus the
# definitions of ≤, intervals, sequences and folds), with the induction principle gl reads
# from the language. `gl prove examples/gauss` explores it (the incubator proves ≤, id and
# sums on small numerals, `Σ_{i=0..3} i = 6`; the explorer conjectures Gauss's formula
# `fold[…,i0,a,b] → a * s(a) = b + b` from the sums but cannot prove it yet: the induction
# needs a lemma about the partial sums g inside a fold, which gauss_targets.mpl states with
# `foldvia`); gauss_targets.mpl lists the lemma chain to Gauss's summation formula.

include "../../../shared/reference/gl-gauss" using AnchorGauss

induction N from i0 by s

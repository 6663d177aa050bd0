# GL's Gauss batch (../shared/reference/gl-gauss, unchanged: its config picks AnchorGauss,
# Peano arithmetic with i1 = s(i0), i2 = s(i1) and id the identity on N, plus the
# definitions of ≤, intervals, sequences and folds), with the induction principle gl reads
# from the language. `gl prove examples/gauss` explores it; gauss_targets.mpl lists the
# lemma chain to Gauss's summation formula.

include "../../../shared/reference/gl-gauss" using AnchorGauss

induction N from i0 by s

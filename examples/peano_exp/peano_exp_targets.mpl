# The six Peano laws and the three laws of exponentiation as targets.
# `gl prove examples/peano_exp/peano_exp_targets.mpl --targets-only` proves them in order;
# each proved target is then available to the next one as a rule.
include "peano_exp.mpl"
include "../peano/laws.mpl"
include "laws.mpl"

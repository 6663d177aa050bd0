# The six Peano laws as targets over the native theory.
# `gl prove examples/peano/peano_targets.mpl --targets-only` proves them in order;
# each proved target is then available to the next one as a rule.
include "peano.mpl"
include "laws.mpl"

# The six Peano laws as targets over the mirrored theory.
# `gl prove examples/peano_mirrored/peano_targets.mpl --targets-only` proves them in order;
# each proved target is then available to the next one as a rule.
include "peano_mirrored.mpl"
include "laws.mpl"

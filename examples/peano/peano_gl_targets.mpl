# The same targets as peano_targets.mpl over the Generative Logic reference files
# (imported unchanged; see peano_gl.mpl).
include "peano_gl.mpl"
include "laws.mpl"

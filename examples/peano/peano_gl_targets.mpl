# The same targets over the Generative Logic reference files, imported unchanged from
# the GL definition folder (one .txt per definition plus ConfigPeano.json). GL hard-wires
# induction in its prover; gl declares it here.
include "../../../shared/reference/gl-peano"
induction N from i0 by s
include "laws.mpl"

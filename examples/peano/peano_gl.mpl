# The Peano theory of the Generative Logic reference files, imported unchanged from the
# GL definition folder (one .txt per definition plus ConfigPeano.json), with the
# induction principle GL hard-wires in its prover declared here. No targets:
# `gl prove examples/peano/peano_gl.mpl` explores it from the axioms alone.
include "../../../shared/reference/gl-peano"
induction N from i0 by s

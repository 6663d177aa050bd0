# Natural numbers with an extra operation o that is NOT commutative: a o b = a.
# Soundness canary: gl must never prove ∀a,b: a o b = b o a here.
include "../../examples/peano/definitions.mpl"
anchor NoComm[N,i0,s,+,*,o] := (&
    (NaturalNumbers[N,i0,s,+,*])
    (&(fXYZ[o,N,N,N])(>[a,b,c](in3[a,b,c,o])(=[a,c])))
)
induction N from i0 by s

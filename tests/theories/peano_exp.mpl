# Peano arithmetic with exponentiation: a ^ i0 = i1, a ^ s(b) = a ^ b * a.
include "../../examples/peano/definitions.mpl"

def Exponentiation[N,i0,s,*,^,i1] := (&
    (fXYZ[^,N,N,N])
    (&
        (&
            (>[a](in[a,N])(in3[a,i0,i1,^]))
            (>[a,c](in3[a,i0,c,^])(=[c,i1]))
        )
        (>[b](in[b,N])
            (>[a,c,d](&(in2[b,c,s])(in3[a,b,d,^]))
                (&
                    (>[e](in3[d,a,e,*])(in3[a,c,e,^]))
                    (>[e](in3[a,c,e,^])(in3[d,a,e,*]))
                )
            )
        )
    )
)

anchor PeanoExp[N,i0,s,+,*,i1,^] := (&(NaturalNumbers[N,i0,s,+,*])(&(in2[i0,i1,s])(Exponentiation[N,i0,s,*,^,i1])))
induction N from i0 by s

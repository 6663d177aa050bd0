# Plus, times and a function of three arguments: mult(Z, y, z) = z; mult(S x, y, z) = mult(x, y, plus(y, z)).
include "tip.mpl"

def TipMult3[Nat,Z,S,plus,mult] := (&
    (fXYZW[mult,Nat,Nat,Nat,Nat])
    (&
        (&
            (>[y,z](&(in[y,Nat])(in[z,Nat]))(in4[Z,y,z,z,mult]))
            (>[y,z,c](in4[Z,y,z,c,mult])(=[c,z]))
        )
        (>[x,y,z,a,p](&(in2[x,a,S])(in3[y,z,p,plus]))
            (&
                (>[c](in4[x,y,p,c,mult])(in4[a,y,z,c,mult]))
                (>[c](in4[a,y,z,c,mult])(in4[x,y,p,c,mult]))
            )
        )
    )
)

anchor Mult3[Nat,Z,S,plus,times,mult] := (&
    (TipNat[Nat,Z,S])
    (&(TipPlus[Nat,Z,S,plus])(&(TipTimes[Nat,Z,S,plus,times])(TipMult3[Nat,Z,S,plus,mult])))
)
induction Nat from Z by S

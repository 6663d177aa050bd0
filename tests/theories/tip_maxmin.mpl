# max and min on TIP's Nat, each a nested match (first argument, then second).
include "tip.mpl"

# max(Z, y) = y; max(S x, Z) = S x; max(S x, S y) = S(max(x, y)); min likewise.
def TipMax[Nat,Z,S,max] := (&
    (fXYZ[max,Nat,Nat,Nat])
    (&
        (&
            (>[y](in[y,Nat])(in3[Z,y,y,max]))
            (>[y,c](in3[Z,y,c,max])(=[c,y]))
        )
        (&
            (&
                (>[x,a](in2[x,a,S])(in3[a,Z,a,max]))
                (>[x,a,c](&(in2[x,a,S])(in3[a,Z,c,max]))(=[c,a]))
            )
            (>[x,y,a,b,m](&(in2[x,a,S])(&(in2[y,b,S])(in3[x,y,m,max])))
                (&
                    (>[c](in2[m,c,S])(in3[a,b,c,max]))
                    (>[c](in3[a,b,c,max])(in2[m,c,S]))
                )
            )
        )
    )
)

def TipMin[Nat,Z,S,min] := (&
    (fXYZ[min,Nat,Nat,Nat])
    (&
        (&
            (>[y](in[y,Nat])(in3[Z,y,Z,min]))
            (>[y,c](in3[Z,y,c,min])(=[c,Z]))
        )
        (&
            (&
                (>[x,a](in2[x,a,S])(in3[a,Z,Z,min]))
                (>[x,a,c](&(in2[x,a,S])(in3[a,Z,c,min]))(=[c,Z]))
            )
            (>[x,y,a,b,m](&(in2[x,a,S])(&(in2[y,b,S])(in3[x,y,m,min])))
                (&
                    (>[c](in2[m,c,S])(in3[a,b,c,min]))
                    (>[c](in3[a,b,c,min])(in2[m,c,S]))
                )
            )
        )
    )
)

anchor MaxMin[Nat,Z,S,max,min] := (&(TipNat[Nat,Z,S])(&(TipMax[Nat,Z,S,max])(TipMin[Nat,Z,S,min])))
induction Nat from Z by S

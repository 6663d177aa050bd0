# Bool-valued functions on TIP's Nat: leq (TIP's <=) and even.
include "tip.mpl"

# leq(Z, y) = true; leq(S x, Z) = false; leq(S x, S y) = leq(x, y).
def TipLeq[Nat,Z,S,Bool,true,false,leq] := (&
    (fXYZ[leq,Nat,Nat,Bool])
    (&
        (&
            (>[y](in[y,Nat])(in3[Z,y,true,leq]))
            (>[y,c](in3[Z,y,c,leq])(=[c,true]))
        )
        (&
            (&
                (>[x,a](in2[x,a,S])(in3[a,Z,false,leq]))
                (>[x,a,c](&(in2[x,a,S])(in3[a,Z,c,leq]))(=[c,false]))
            )
            (>[x,y,a,b](&(in2[x,a,S])(in2[y,b,S]))
                (&
                    (>[c](in3[x,y,c,leq])(in3[a,b,c,leq]))
                    (>[c](in3[a,b,c,leq])(in3[x,y,c,leq]))
                )
            )
        )
    )
)

# even(Z) = true; even(S Z) = false; even(S (S x)) = even(x).
def TipEven[Nat,Z,S,Bool,true,false,even] := (&
    (fXY[even,Nat,Bool])
    (&
        (&
            (in2[Z,true,even])
            (>[c](in2[Z,c,even])(=[c,true]))
        )
        (&
            (&
                (>[a](in2[Z,a,S])(in2[a,false,even]))
                (>[a,c](&(in2[Z,a,S])(in2[a,c,even]))(=[c,false]))
            )
            (>[x,a,b](&(in2[x,a,S])(in2[a,b,S]))
                (&
                    (>[c](in2[x,c,even])(in2[b,c,even]))
                    (>[c](in2[b,c,even])(in2[x,c,even]))
                )
            )
        )
    )
)

anchor BoolFunctions[Nat,Z,S,Bool,true,false,leq,even] := (&
    (TipNat[Nat,Z,S])
    (&(TipBool[Bool,true,false])(&(TipLeq[Nat,Z,S,Bool,true,false,leq])(TipEven[Nat,Z,S,Bool,true,false,even])))
)
induction Nat from Z by S

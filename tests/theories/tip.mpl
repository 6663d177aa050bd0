# Building blocks of theories in the TIP encoding (how the TIP importer writes a problem):
# a datatype Nat with base Z and successor S, Bool with true and false, total functions of
# one to three arguments, each recursive definition one equation per leaf of its match
# tree, stated in both directions.
#
# Relations: (in[x,X]) x ∈ X;  (in2[x,y,f]) f(x) = y;  (in3[x,y,z,f]) f(x,y) = z;
# (in4[x,y,z,w,f]) f(x,y,z) = w.

include "../../examples/peano/definitions.mpl"

# f is a total function from X × Y × Z to W.
def fXYZW[f,X,Y,Z,W] := (&
    (>[x,y,z,w](in4[x,y,z,w,f])(&(in[x,X])(&(in[y,Y])(&(in[z,Z])(in[w,W])))))
    (&
        (>[x,y,z](&(in[x,X])(&(in[y,Y])(in[z,Z])))!(>[w](in[w,W])!(in4[x,y,z,w,f])))
        (>[x,y,z]
            (&(in[x,X])(&(in[y,Y])(in[z,Z])))
            (>[w1,w2](&(in4[x,y,z,w1,f])(in4[x,y,z,w2,f]))(=[w1,w2]))
        )
    )
)

# (declare-datatype Nat ((Z) (S (p Nat)))): Z ∈ Nat, S: Nat → Nat, S(n) ≠ Z, S injective.
def TipNat[Nat,Z,S] := (&
    (in[Z,Nat])
    (&
        (fXY[S,Nat,Nat])
        (&
            (>[n](in[n,Nat])!(in2[n,Z,S]))
            (>[m](in[m,Nat])(>[n1,n2](&(in2[n1,m,S])(in2[n2,m,S]))(=[n1,n2])))
        )
    )
)

# Bool = {true, false}.
def TipBool[Bool,true,false] := (&(in[true,Bool])(&(in[false,Bool])!(=[true,false])))

# plus(Z, y) = y; plus(S x, y) = S(plus(x, y)).
def TipPlus[Nat,Z,S,plus] := (&
    (fXYZ[plus,Nat,Nat,Nat])
    (&
        (&
            (>[y](in[y,Nat])(in3[Z,y,y,plus]))
            (>[y,c](in3[Z,y,c,plus])(=[c,y]))
        )
        (>[x,y,a,p](&(in2[x,a,S])(in3[x,y,p,plus]))
            (&
                (>[c](in2[p,c,S])(in3[a,y,c,plus]))
                (>[c](in3[a,y,c,plus])(in2[p,c,S]))
            )
        )
    )
)

# times(Z, y) = Z; times(S x, y) = plus(y, times(x, y)).
def TipTimes[Nat,Z,S,plus,times] := (&
    (fXYZ[times,Nat,Nat,Nat])
    (&
        (&
            (>[y](in[y,Nat])(in3[Z,y,Z,times]))
            (>[y,c](in3[Z,y,c,times])(=[c,Z]))
        )
        (>[x,y,a,t](&(in2[x,a,S])(in3[x,y,t,times]))
            (&
                (>[c](in3[y,t,c,plus])(in3[a,y,c,times]))
                (>[c](in3[a,y,c,times])(in3[y,t,c,plus]))
            )
        )
    )
)

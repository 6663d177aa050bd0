# The natural numbers of TIP's `(declare-datatype Nat ((Z) (S (p Nat))))` in the agreed
# encoding (see mpl_lang/tip.py): Z ∈ Nat, S: Nat → Nat total and functional, S(n) ≠ Z,
# S injective; Bool = {true, false} with true ≠ false. A fragment: theories include it.
include "../../../examples/peano/definitions.mpl"

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

def TipBool[Bool,true,false] := (&(in[true,Bool])(&(in[false,Bool])!(=[true,false])))

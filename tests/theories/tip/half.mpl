# TIP-style half and even, defined on Z, S Z and S (S x), with + recursing on its first
# argument.
include "nat.mpl"

anchor Half[Nat,Z,S,Bool,true,false,+,half,even] := (&
    (TipNat[Nat,Z,S])
    (&(TipBool[Bool,true,false])(&(TipAdd[Nat,Z,S,+])(&(TipHalf[Nat,Z,S,half])
        (TipEven[Nat,Bool,Z,S,true,false,even]))))
)
induction Nat from Z by S

# x + S y = S(x + y): the lemma the next two need
target add_succ_right := (>[x,y,y1,m,r](&(in2[y,y1,S])(in3[x,y,m,+])(in2[m,r,S]))(in3[x,y1,r,+]))
# half(x + x) = x
target half_double := (>[x,d,h](&(in3[x,x,d,+])(in2[d,h,half]))(=[h,x]))
# even(x + x) = true
target even_double := (>[x,d,e](&(in3[x,x,d,+])(in2[d,e,even]))(=[e,true]))
# even(x) = true → even(S x) = false (needs the two-step scheme: P(x) ⇒ P(S (S x)))
target even_then_succ_odd := (>[x,x1](&(in2[x,true,even])(in2[x,x1,S]))(in2[x1,false,even]))

# TIP-style half and even, defined on Z, S Z and S (S x), with + recursing on its first
# argument:  half(Z) = Z, half(S Z) = Z, half(S (S x)) = S(half x);
#            even(Z) = true, even(S Z) = false, even(S (S x)) = even(x).
include "nat.mpl"

anchor Half[Nat,Z,S,Bool,true,false,+,half,even] := (&
    (TipNat[Nat,Z,S])
    (&(TipBool[Bool,true,false])(&(fXYZ[+,Nat,Nat,Nat])(&(fXY[half,Nat,Nat])(&(fXY[even,Nat,Bool])(&
    (&(>[y](in[y,Nat])(in3[Z,y,y,+]))(>[y,r](in3[Z,y,r,+])(=[r,y])))
    (&(>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in2[m,r,S]))(in3[x1,y,r,+]))
      (>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in3[x1,y,r,+]))(in2[m,r,S])))
    (&(in2[Z,Z,half])(>[r](in2[Z,r,half])(=[r,Z])))
    (&(>[o](in2[Z,o,S])(in2[o,Z,half]))(>[o,r](&(in2[Z,o,S])(in2[o,r,half]))(=[r,Z])))
    (&(>[x,x1,x2,h,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,h,half])(in2[h,r,S]))(in2[x2,r,half]))
      (>[x,x1,x2,h,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,h,half])(in2[x2,r,half]))(in2[h,r,S])))
    (&(in2[Z,true,even])(>[r](in2[Z,r,even])(=[r,true])))
    (&(>[o](in2[Z,o,S])(in2[o,false,even]))(>[o,r](&(in2[Z,o,S])(in2[o,r,even]))(=[r,false])))
    (&(>[x,x1,x2,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,r,even]))(in2[x2,r,even]))
      (>[x,x1,x2,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x2,r,even]))(in2[x,r,even])))
    )))))
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

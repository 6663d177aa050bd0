# TIP's +2 and |-2| (isaplanner prop_06, 07, 10): + recurses on its FIRST argument,
#   Z + y = y, S x + y = S(x + y);
# truncated subtraction matches both arguments,
#   Z - y = Z, S x - Z = S x, S x - S y = x - y.
include "nat.mpl"

anchor Monus[Nat,Z,S,+,-] := (&
    (TipNat[Nat,Z,S])
    (&(fXYZ[+,Nat,Nat,Nat])(&(fXYZ[-,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,y,+]))(>[y,r](in3[Z,y,r,+])(=[r,y])))
    (&(>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in2[m,r,S]))(in3[x1,y,r,+]))
      (>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in3[x1,y,r,+]))(in2[m,r,S])))
    (&(>[y](in[y,Nat])(in3[Z,y,Z,-]))(>[y,r](in3[Z,y,r,-])(=[r,Z])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,x1,-]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,-]))(=[r,x1])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,-]))(in3[x1,y1,r,-]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,-]))(in3[x,y,r,-])))
    )))
)
induction Nat from Z by S

# x - Z = x
target sub_zero_right := (>[x,r](in3[x,Z,r,-])(=[r,x]))
# x - (x + y) = Z
target sub_add_cancel := (>[x,y,z,w](&(in3[x,y,z,+])(in3[x,z,w,-]))(=[w,Z]))
# (x + y) - x = y
target add_sub_cancel := (>[x,y,z,w](&(in3[x,y,z,+])(in3[z,x,w,-]))(=[w,y]))
# m - m = Z
target sub_self := (>[m,r](in3[m,m,r,-])(=[r,Z]))

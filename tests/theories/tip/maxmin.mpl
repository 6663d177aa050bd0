# TIP's max and min (isaplanner prop_22, 23, 31, 32): nested matches on both arguments,
#   max(Z, y) = y, max(S x, Z) = S x, max(S x, S y) = S(max(x, y));
#   min(Z, y) = Z, min(S x, Z) = Z, min(S x, S y) = S(min(x, y)).
# Each equation is stated both ways (computing a value and using one).
include "nat.mpl"

anchor MaxMin[Nat,Z,S,max,min] := (&
    (TipNat[Nat,Z,S])
    (&(fXYZ[max,Nat,Nat,Nat])(&(fXYZ[min,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,y,max]))(>[y,r](in3[Z,y,r,max])(=[r,y])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,x1,max]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,max]))(=[r,x1])))
    (&(>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,max])(in2[m,r,S]))(in3[x1,y1,r,max]))
      (>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,max])(in3[x1,y1,r,max]))(in2[m,r,S])))
    (&(>[y](in[y,Nat])(in3[Z,y,Z,min]))(>[y,r](in3[Z,y,r,min])(=[r,Z])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,Z,min]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,min]))(=[r,Z])))
    (&(>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,min])(in2[m,r,S]))(in3[x1,y1,r,min]))
      (>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,min])(in3[x1,y1,r,min]))(in2[m,r,S])))
    )))
)
induction Nat from Z by S

# max(x, Z) = x
target max_zero_right := (>[x,r](in3[x,Z,r,max])(=[r,x]))
# max(a, b) = max(b, a)
target max_comm := (>[a,b,c](in3[a,b,c,max])(in3[b,a,c,max]))
# max(max(a, b), c) = max(a, max(b, c))
target max_assoc := (>[a,b,c,d,e,f](&(in3[a,b,d,max])(in3[d,c,e,max])(in3[b,c,f,max]))(in3[a,f,e,max]))
# min(x, Z) = Z
target min_zero_right := (>[x,r](in3[x,Z,r,min])(=[r,Z]))
# min(a, b) = min(b, a)
target min_comm := (>[a,b,c](in3[a,b,c,min])(in3[b,a,c,min]))
# min(min(a, b), c) = min(a, min(b, c))
target min_assoc := (>[a,b,c,d,e,f](&(in3[a,b,d,min])(in3[d,c,e,min])(in3[b,c,f,min]))(in3[a,f,e,min]))

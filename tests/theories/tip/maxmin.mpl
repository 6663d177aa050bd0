# TIP's max and min (isaplanner prop_22, 23, 31, 32): nested matches on both arguments.
include "nat.mpl"

anchor MaxMin[Nat,Z,S,max,min] := (&(TipNat[Nat,Z,S])(&(TipMax[Nat,Z,S,max])(TipMin[Nat,Z,S,min])))
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

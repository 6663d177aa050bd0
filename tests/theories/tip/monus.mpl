# TIP's +2 (recursing on its FIRST argument) and truncated subtraction |-2|, which matches
# both arguments (isaplanner prop_06, 07, 09, 10).
include "nat.mpl"

anchor Monus[Nat,Z,S,+,-] := (&(TipNat[Nat,Z,S])(&(TipAdd[Nat,Z,S,+])(TipMonus[Nat,Z,S,-])))
induction Nat from Z by S

# x - Z = x
target sub_zero_right := (>[x,r](in3[x,Z,r,-])(=[r,x]))
# x - (x + y) = Z
target sub_add_cancel := (>[x,y,z,w](&(in3[x,y,z,+])(in3[x,z,w,-]))(=[w,Z]))
# (x + y) - x = y
target add_sub_cancel := (>[x,y,z,w](&(in3[x,y,z,+])(in3[z,x,w,-]))(=[w,y]))
# m - m = Z
target sub_self := (>[m,r](in3[m,m,r,-])(=[r,Z]))
# (i - j) - k = i - (j + k)
target sub_sub := (>[i,j,k,a,b,c](&(in3[i,j,a,-])(in3[a,k,c,-])(in3[j,k,b,+]))(in3[i,b,c,-]))

# TIP's <=2 and == into Bool, both matching both arguments, with max (isaplanner prop_17, 24, 70).
include "nat.mpl"

anchor Order[Nat,Z,S,Bool,true,false,<=,==,max] := (&
    (TipNat[Nat,Z,S])
    (&(TipBool[Bool,true,false])(&(TipLe[Nat,Bool,Z,S,true,false,<=])(&(TipEq[Nat,Bool,Z,S,true,false,==])
        (TipMax[Nat,Z,S,max]))))
)
induction Nat from Z by S

# (x <= Z) = (x == Z)
target le_zero_is_eq_zero := (>[x,a,b](&(in3[x,Z,a,<=])(in3[x,Z,b,==]))(=[a,b]))
# x <= x
target le_refl := (>[x,r](in3[x,x,r,<=])(=[r,true]))
# (Z == b) = (b == Z): the case the commutativity's base needs
target eq_zero_comm := (>[b,c](in3[Z,b,c,==])(in3[b,Z,c,==]))
# (a == b) = (b == a)
target eq_comm := (>[a,b,c](in3[a,b,c,==])(in3[b,a,c,==]))
# x == x
target eq_refl := (>[x,r](in3[x,x,r,==])(=[r,true]))
# (max(a, b) == a) = (b <= a)
target max_is_left_iff_le := (>[a,b,m,p,q](&(in3[a,b,m,max])(in3[m,a,p,==])(in3[b,a,q,<=]))(=[p,q]))
# m <= n → m <= S n
target le_succ_right := (>[m,n,n1](&(in3[m,n,true,<=])(in2[n,n1,S]))(in3[m,n1,true,<=]))

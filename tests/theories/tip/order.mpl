# TIP's <=2 and == into Bool (isaplanner prop_17), both matching both arguments:
#   Z <= y = true, S x <= Z = false, S x <= S y = x <= y;
#   Z == Z = true, Z == S y = false, S x == Z = false, S x == S y = x == y.
include "nat.mpl"

anchor Order[Nat,Z,S,Bool,true,false,<=,==] := (&
    (TipNat[Nat,Z,S])
    (&(TipBool[Bool,true,false])(&(fXYZ[<=,Nat,Nat,Bool])(&(fXYZ[==,Nat,Nat,Bool])(&
    (&(>[y](in[y,Nat])(in3[Z,y,true,<=]))(>[y,r](in3[Z,y,r,<=])(=[r,true])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,false,<=]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,<=]))(=[r,false])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,<=]))(in3[x1,y1,r,<=]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,<=]))(in3[x,y,r,<=])))
    (&(in3[Z,Z,true,==])(>[r](in3[Z,Z,r,==])(=[r,true])))
    (&(>[y,y1](in2[y,y1,S])(in3[Z,y1,false,==]))(>[y,y1,r](&(in2[y,y1,S])(in3[Z,y1,r,==]))(=[r,false])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,false,==]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,==]))(=[r,false])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,==]))(in3[x1,y1,r,==]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,==]))(in3[x,y,r,==])))
    ))))
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

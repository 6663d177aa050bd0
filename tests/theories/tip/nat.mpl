# The natural numbers of TIP's `(declare-datatype Nat ((Z) (S (p Nat))))` in the agreed
# encoding (see mpl_lang/tip.py): Z ∈ Nat, S: Nat → Nat total and functional, S(n) ≠ Z,
# S injective; Bool = {true, false} with true ≠ false; and TIP's recursive functions on
# them (isaplanner), each equation stated both ways (computing a value and using one).
# A fragment: theories include it and name the functions they use in their anchor.
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

# +2, recursing on its FIRST argument: Z + y = y, S x + y = S(x + y)
def TipAdd[Nat,Z,S,+] := (&(fXYZ[+,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,y,+]))(>[y,r](in3[Z,y,r,+])(=[r,y])))
    (&(>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in2[m,r,S]))(in3[x1,y,r,+]))
      (>[x,y,x1,m,r](&(in2[x,x1,S])(in3[x,y,m,+])(in3[x1,y,r,+]))(in2[m,r,S])))))

# max(Z, y) = y, max(S x, Z) = S x, max(S x, S y) = S(max(x, y))
def TipMax[Nat,Z,S,max] := (&(fXYZ[max,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,y,max]))(>[y,r](in3[Z,y,r,max])(=[r,y])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,x1,max]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,max]))(=[r,x1])))
    (&(>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,max])(in2[m,r,S]))(in3[x1,y1,r,max]))
      (>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,max])(in3[x1,y1,r,max]))(in2[m,r,S])))))

# min(Z, y) = Z, min(S x, Z) = Z, min(S x, S y) = S(min(x, y))
def TipMin[Nat,Z,S,min] := (&(fXYZ[min,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,Z,min]))(>[y,r](in3[Z,y,r,min])(=[r,Z])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,Z,min]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,min]))(=[r,Z])))
    (&(>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,min])(in2[m,r,S]))(in3[x1,y1,r,min]))
      (>[x,y,x1,y1,m,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,m,min])(in3[x1,y1,r,min]))(in2[m,r,S])))))

# Z - y = Z, S x - Z = S x, S x - S y = x - y (truncated subtraction)
def TipMonus[Nat,Z,S,-] := (&(fXYZ[-,Nat,Nat,Nat])(&
    (&(>[y](in[y,Nat])(in3[Z,y,Z,-]))(>[y,r](in3[Z,y,r,-])(=[r,Z])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,x1,-]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,-]))(=[r,x1])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,-]))(in3[x1,y1,r,-]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,-]))(in3[x,y,r,-])))))

# Z <= y = true, S x <= Z = false, S x <= S y = x <= y
def TipLe[Nat,Bool,Z,S,true,false,<=] := (&(fXYZ[<=,Nat,Nat,Bool])(&
    (&(>[y](in[y,Nat])(in3[Z,y,true,<=]))(>[y,r](in3[Z,y,r,<=])(=[r,true])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,false,<=]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,<=]))(=[r,false])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,<=]))(in3[x1,y1,r,<=]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,<=]))(in3[x,y,r,<=])))))

# Z == Z = true, Z == S y = false, S x == Z = false, S x == S y = x == y
def TipEq[Nat,Bool,Z,S,true,false,==] := (&(fXYZ[==,Nat,Nat,Bool])(&
    (&(in3[Z,Z,true,==])(>[r](in3[Z,Z,r,==])(=[r,true])))
    (&(>[y,y1](in2[y,y1,S])(in3[Z,y1,false,==]))(>[y,y1,r](&(in2[y,y1,S])(in3[Z,y1,r,==]))(=[r,false])))
    (&(>[x,x1](in2[x,x1,S])(in3[x1,Z,false,==]))(>[x,x1,r](&(in2[x,x1,S])(in3[x1,Z,r,==]))(=[r,false])))
    (&(>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x,y,r,==]))(in3[x1,y1,r,==]))
      (>[x,y,x1,y1,r](&(in2[x,x1,S])(in2[y,y1,S])(in3[x1,y1,r,==]))(in3[x,y,r,==])))))

# half(Z) = Z, half(S Z) = Z, half(S (S x)) = S(half x)
def TipHalf[Nat,Z,S,half] := (&(fXY[half,Nat,Nat])(&
    (&(in2[Z,Z,half])(>[r](in2[Z,r,half])(=[r,Z])))
    (&(>[o](in2[Z,o,S])(in2[o,Z,half]))(>[o,r](&(in2[Z,o,S])(in2[o,r,half]))(=[r,Z])))
    (&(>[x,x1,x2,h,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,h,half])(in2[h,r,S]))(in2[x2,r,half]))
      (>[x,x1,x2,h,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,h,half])(in2[x2,r,half]))(in2[h,r,S])))))

# even(Z) = true, even(S Z) = false, even(S (S x)) = even(x)
def TipEven[Nat,Bool,Z,S,true,false,even] := (&(fXY[even,Nat,Bool])(&
    (&(in2[Z,true,even])(>[r](in2[Z,r,even])(=[r,true])))
    (&(>[o](in2[Z,o,S])(in2[o,false,even]))(>[o,r](&(in2[Z,o,S])(in2[o,r,even]))(=[r,false])))
    (&(>[x,x1,x2,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x,r,even]))(in2[x2,r,even]))
      (>[x,x1,x2,r](&(in2[x,x1,S])(in2[x1,x2,S])(in2[x2,r,even]))(in2[x,r,even])))))

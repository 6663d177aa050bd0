# Gauss's summation formula on GL's own Gauss batch (../shared/reference/gl-gauss,
# unchanged; its config picks AnchorGauss: Peano arithmetic with i1 = s(i0), i2 = s(i1)
# and id the identity on N), as the lemma chain a mathematician writes.
#
#   preorder[N,+,n,m]          n ≤ m: some p ∈ N has n + p = m
#   interval[N,+,n,m,M]        M = [n, m]
#   fold[N,s,+,f,n,m,p]        p = f(n) + f(s(n)) + ... + f(m): some g on [n, m] has
#                              g(n) = f(n), g(s(i)) = g(i) + f(s(i)) and g(m) = p
#
# The formula is `fold[N,s,+,id,i0,n,S] ∧ s(n) = m → n · m = i2 · S` (the reference's
# line 2) and its converse (line 3).

include "gauss.mpl"
include "../peano/laws.mpl"

# The sum function g a fold speaks of, named: fold[N,s,+,f,n,m,p] is
# ∃M: interval[N,+,n,m,M] ∧ ∃g: foldvia[N,s,+,f,n,m,p,M,g] (this is the body of fold's
# inner existential, so the prover folds a fold's g into it). A lemma about g is a lemma
# about every sum at once: induction on n below m keeps one g.
def foldvia[N,s,+,f,n,m,p,M,g] := (&(fXY[g,M,N])(&(&(>[q](in2[n,q,f])(in2[n,q,g]))(in2[m,p,g]))(>[i](in[i,M])(>[j](&(in2[i,j,s])(in[j,M]))(>[r](in2[i,r,g])(>[t](in2[j,t,f])(>[q](in3[r,t,q,+])(in2[j,q,g]))))))))

# ≤: reflexive, n ≤ s(n), 0 ≤ n, transitive
target le_refl := (>[n](in[n,N])(preorder[N,+,n,n]))
target le_succ := (>[n,m](in2[n,m,s])(preorder[N,+,n,m]))
target le_zero := (>[n](in[n,N])(preorder[N,+,i0,n]))
target le_trans := (>[a,b,c](&(preorder[N,+,a,b])(preorder[N,+,b,c]))(preorder[N,+,a,c]))

# intervals: [n, m] holds its ends
target interval_low := (>[n,m,M](&(interval[N,+,n,m,M])(preorder[N,+,n,m]))(in[n,M]))
target interval_high := (>[n,m,M](&(interval[N,+,n,m,M])(preorder[N,+,n,m]))(in[m,M]))

# the fold over [i0, i0] is id(i0) = i0
target fold_zero := (>[S](fold[N,s,+,id,i0,i0,S])(=[S,i0]))

# Σ_{i=i0..3} i = 6 (the numerals past i2 named by the successor)
target fold_sum_3 := (>[a3,a4,a5,a6,S](&(in2[i2,a3,s])(&(in2[a3,a4,s])(&(in2[a4,a5,s])(&(in2[a5,a6,s])(fold[N,s,+,id,i0,a3,S])))))(=[S,a6]))

# the sum over [i0, s(k)] is the sum over [i0, k] plus s(k), for the sum function g of a
# fold over [i0, m] and s(k) ≤ m
target fold_succ := (>[m,p,M,g,k,k2,x,q](&(interval[N,+,i0,m,M])(&(foldvia[N,s,+,id,i0,m,p,M,g])(&(in2[k,k2,s])(&(preorder[N,+,k2,m])(&(in2[k,x,g])(in3[x,k2,q,+]))))))(in2[k2,q,g]))

# the arithmetic of the induction step: 2v = k · s(k) → 2(v + s(k)) = s(k) · s(s(k))
target gauss_step := (>[k,k2,y,u,v,w,q](&(in2[k,k2,s])(&(in2[k2,y,s])(&(in3[k,k2,u,*])(&(in3[i2,v,u,*])(&(in3[v,k2,w,+])(in3[k2,y,q,*]))))))(in3[i2,w,q,*]))

# 2 · g(n) = n · s(n) for every n ≤ m, by induction on n
target gauss_upto := (>[n](in[n,N])(>[m,p,M,g](&(interval[N,+,i0,m,M])(&(foldvia[N,s,+,id,i0,m,p,M,g])(preorder[N,+,n,m])))(>[x,y,z](&(in2[n,x,g])(&(in2[n,y,s])(in3[n,y,z,*])))(in3[i2,x,z,*]))))

# Gauss: n · s(n) = 2 · Σ_{i=i0..n} i, and its converse
target gauss := (>[n,S](fold[N,s,+,id,i0,n,S])(>[m](in2[n,m,s])(>[k](in3[i2,S,k,*])(in3[n,m,k,*]))))
target gauss_converse := (>[n,m,k](in3[n,m,k,*])(>[S](fold[N,s,+,id,i0,n,S])(>[](in2[n,m,s])(in3[i2,S,k,*]))))

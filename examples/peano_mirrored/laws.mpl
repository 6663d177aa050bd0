# The six Peano laws, each preceded by the lemmas its proof needs in the mirrored theory
# (examples/peano/laws.mpl with the first two arguments of every in3 atom swapped).
# A fragment: include it after a theory that provides the anchor and the induction.

# a + i0 = a
target add_zero_right := (>[a](in[a,N])(in3[a,i0,a,+]))
# b + s(a) = s(b + a)
target add_succ_right := (>[a,b,c,d,e](&(in2[a,c,s])(in3[b,a,d,+])(in2[d,e,s]))(in3[b,c,e,+]))
# b + a = a + b
target add_comm := (>[a,b,c](in3[b,a,c,+])(in3[a,b,c,+]))
# c + (b + a) = (c + b) + a
target add_assoc := (>[a,b,c,d,e,f](&(in3[b,a,d,+])(in3[c,d,e,+])(in3[c,b,f,+]))(in3[f,a,e,+]))
# a * i0 = i0
target mul_zero_right := (>[a](in[a,N])(in3[a,i0,i0,*]))
# s(q) + (p + x) = s(p) + (q + x)
target add_succ_swap := (>[x,p,q,u,v,r,p2,q2](&(in3[p,x,u,+])(in2[q,q2,s])(in3[q2,u,r,+])(in3[q,x,v,+])(in2[p,p2,s]))(in3[p2,v,r,+]))
# b * s(a) = b + b * a
target mul_succ_right := (>[a,b,c,d,e](&(in2[a,c,s])(in3[b,a,d,*])(in3[b,d,e,+]))(in3[b,c,e,*]))
# b * a = a * b
target mul_comm := (>[a,b,c](in3[b,a,c,*])(in3[a,b,c,*]))
# (c + b) * a = c * a + b * a
target distrib_right := (>[a,b,c,d,e,f,g](&(in3[c,b,d,+])(in3[d,a,e,*])(in3[b,a,f,*])(in3[c,a,g,*]))(in3[g,f,e,+]))
# c * (b + a) = c * b + c * a
target distrib_left := (>[a,b,c,d,e,f,g](&(in3[b,a,d,+])(in3[c,d,e,*])(in3[c,a,f,*])(in3[c,b,g,*]))(in3[g,f,e,+]))
# c * (b * a) = (c * b) * a
target mul_assoc := (>[a,b,c,d,e,f](&(in3[b,a,d,*])(in3[c,d,e,*])(in3[c,b,f,*]))(in3[f,a,e,*]))

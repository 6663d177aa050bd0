# The six laws of Peano arithmetic, each preceded by the lemmas its proof needs.
# A fragment: include it after a theory that provides the anchor and the induction.

# i0 + a = a
target add_zero_left := (>[a](in[a,N])(in3[i0,a,a,+]))
# s(a) + b = s(a + b)
target add_succ_left := (>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,+])(in2[d,e,s]))(in3[c,b,e,+]))
# a + b = b + a
target add_comm := (>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))
# (a + b) + c = a + (b + c)
target add_assoc := (>[a,b,c,d,e,f](&(in3[a,b,d,+])(in3[d,c,e,+])(in3[b,c,f,+]))(in3[a,f,e,+]))
# i0 * a = i0
target mul_zero_left := (>[a](in[a,N])(in3[i0,a,i0,*]))
# (x + p) + s(q) = (x + q) + s(p)
target add_succ_swap := (>[x,p,q,u,v,r,p2,q2](&(in3[x,p,u,+])(in2[q,q2,s])(in3[u,q2,r,+])(in3[x,q,v,+])(in2[p,p2,s]))(in3[v,p2,r,+]))
# s(a) * b = a * b + b
target mul_succ_left := (>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,*])(in3[d,b,e,+]))(in3[c,b,e,*]))
# a * b = b * a
target mul_comm := (>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))
# a * (b + c) = a * b + a * c
target distrib_left := (>[a,b,c,d,e,f,g](&(in3[b,c,d,+])(in3[a,d,e,*])(in3[a,b,f,*])(in3[a,c,g,*]))(in3[f,g,e,+]))
# (a + b) * c = a * c + b * c
target distrib_right := (>[a,b,c,d,e,f,g](&(in3[a,b,d,+])(in3[d,c,e,*])(in3[a,c,f,*])(in3[b,c,g,*]))(in3[f,g,e,+]))
# (a * b) * c = a * (b * c)
target mul_assoc := (>[a,b,c,d,e,f](&(in3[a,b,d,*])(in3[d,c,e,*])(in3[b,c,f,*]))(in3[a,f,e,*]))

# The laws of exponentiation, each preceded by the lemmas its proof needs.
# A fragment: include it after the six Peano laws (../peano/laws.mpl).

# a ^ (b + c) = a ^ b * a ^ c
target exp_add := (>[a,b,c,d,e,f,g](&(in3[b,c,d,+])(in3[a,d,e,^])(in3[a,b,f,^])(in3[a,c,g,^]))(in3[f,g,e,*]))
# (a * b) ^ c = a ^ c * b ^ c
target exp_mul_base := (>[a,b,c,d,e,f,g](&(in3[a,b,d,*])(in3[d,c,e,^])(in3[a,c,f,^])(in3[b,c,g,^]))(in3[f,g,e,*]))
# (a ^ b) ^ c = a ^ (b * c)
target exp_exp := (>[a,b,c,d,e,f](&(in3[a,b,d,^])(in3[d,c,e,^])(in3[b,c,f,*]))(in3[a,f,e,^]))

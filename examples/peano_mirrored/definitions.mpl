# Function spaces and the Peano structure with + and * mirrored: the definitions of
# examples/peano/definitions.mpl with the first two arguments of every in3 atom of
# NaturalNumbers swapped (fXYZ is symmetric in them and kept as it is).
#
# Relations: (in[x,X]) x ∈ X;  (in2[x,y,f]) f(x) = y;  (in3[x,y,z,f]) f(x,y) = z.

# f is a total function from X to Y.
def fXY[f,X,Y] := (&
    (>[x,y](in2[x,y,f])(&(in[x,X])(in[y,Y])))
    (&
        (>[x](in[x,X])!(>[y](in[y,Y])!(in2[x,y,f])))
        (>[x](in[x,X])(>[y1,y2](&(in2[x,y1,f])(in2[x,y2,f]))(=[y1,y2])))
    )
)

# f is a total function from X × Y to Z.
def fXYZ[f,X,Y,Z] := (&
    (>[x,y,z](in3[x,y,z,f])(&(in[x,X])(&(in[y,Y])(in[z,Z]))))
    (&
        (>[x,y](&(in[x,X])(in[y,Y]))!(>[z](in[z,Z])!(in3[x,y,z,f])))
        (>[x,y]
            (&(in[x,X])(in[y,Y]))
            (>[z1,z2](&(in3[x,y,z1,f])(in3[x,y,z2,f]))(=[z1,z2]))
        )
    )
)

# i0 ∈ N; s: N → N is never i0 and is injective;
# i0 + b = b, s(a) + b = s(a + b); i0 * b = i0, s(a) * b = a * b + b: both functions
# recurse on their FIRST argument (examples/peano recurses on the second).
def NaturalNumbers[N,i0,s,+,*] := (&
    (&
        (in[i0,N])
        (&
            (fXY[s,N,N])
            (&
                (>[n](in[n,N])!(in2[n,i0,s]))
                (>[m](in[m,N])(>[n1,n2](&(in2[n1,m,s])(in2[n2,m,s]))(=[n1,n2])))
            )
        )
    )
    (&
        (&
            (fXYZ[+,N,N,N])
            (&
                (&
                    (>[a](in[a,N])(>[b](in3[i0,a,b,+])(=[a,b])))
                    (>[a,b](&(=[a,b])(&(in[a,N])(in[b,N])))(in3[i0,a,b,+]))
                )
                (>[b]
                    (in[b,N])
                    (>[a,c,d]
                        (&(in2[b,c,s])(in3[b,a,d,+]))
                        (&
                            (>[e](in3[c,a,e,+])(in2[d,e,s]))
                            (>[e](in2[d,e,s])(in3[c,a,e,+]))
                        )
                    )
                )
            )
        )
        (&
            (fXYZ[*,N,N,N])
            (&
                (>[a](in[a,N])(>[b](in3[i0,a,b,*])(=[b,i0])))
                (>[b]
                    (in[b,N])
                    (>[a,c,d]
                        (&(in2[b,c,s])(in3[b,a,d,*]))
                        (&
                            (>[e](in3[a,d,e,+])(in3[c,a,e,*]))
                            (>[e](in3[c,a,e,*])(in3[a,d,e,+]))
                        )
                    )
                )
            )
        )
    )
)

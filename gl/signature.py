"""What a theory talks about: its inductive set, functions and named elements.

Read off the compiled axioms, never hard-wired: a binary function is a constant `f` whose
values the axioms guarantee (`∀x,y ∈ N ∃z: in3[x,y,z,f]`), a unary one likewise with
`in2`; named elements are constants the axioms put in the set.

>>> from mpl_lang import load
>>> sig = signature(load("examples/peano/peano.mpl"))
>>> sig.domain, sig.unary, sig.binary, sig.elements
('N', ('s',), ('+', '*'), ('i0', 'i1'))
"""

from __future__ import annotations

from dataclasses import dataclass

from mpl_lang import Theory
from mpl_lang.logic import Clause


@dataclass(frozen=True)
class Signature:
    domain: str
    base: str
    succ: str
    unary: tuple[str, ...]
    binary: tuple[str, ...]
    elements: tuple[str, ...]


def signature(theory: Theory) -> Signature:
    """The signature of a theory with an induction declaration (the first one)."""
    if not theory.inductions:
        from .errors import InputError

        raise InputError("exploration needs an `induction` declaration (which set, base, successor)", theory.path)
    ind = theory.inductions[0]
    unary: list[str] = []
    binary: list[str] = []
    members: list[str] = [ind.base]
    for c in theory.axioms():
        if not isinstance(c, Clause):
            continue
        if c.exists:
            for lit in c.conclusion:
                if lit[0] and lit[1] == "in3" and lit[2][2] in c.exists and lit[2][3] not in c.vars:
                    binary.append(lit[2][3])
                if lit[0] and lit[1] == "in2" and lit[2][1] in c.exists and lit[2][2] not in c.vars:
                    unary.append(lit[2][2])
        elif not c.premises and not c.vars:
            lit = c.conclusion[0]
            if lit[0] and lit[1] == "in" and lit[2][1] == ind.set:
                members.append(lit[2][0])
            if lit[0] and lit[1] == "in2" and lit[2][0] in members:
                members.append(lit[2][1])
    return Signature(ind.set, ind.base, ind.succ, tuple(dict.fromkeys(unary)), tuple(dict.fromkeys(binary)),
                     tuple(dict.fromkeys(members)))

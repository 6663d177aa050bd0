"""The incubator: ground facts about small numerals, each proved on the grid.

`2 + 3 = 5` is stated with the numerals the theory has no names for as variables
defined by the successor function, e.g.
`(>[n2,n3,n4,n5](&(in2[i1,n2,s])(in2[n2,n3,s])(in2[n3,n4,s])(in2[n4,n5,s]))(in3[n2,n3,n5,+]))`,
and proved directly; negative facts such as `!(2 + 1 = 5)` and `0 ≠ 3` are proved by
contradiction. The proved tables are what the explorer's counterexample filter evaluates
conjectures against: only proved facts count.

>>> from mpl_lang import load
>>> inc = incubate(load("examples/peano/peano.mpl"), up_to=3)
>>> inc.table["+"][(1, 2)], inc.table["*"][(2, 1)]
(3, 2)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from mpl_lang import And, Atom, Expr, Forall, Not, Theory
from mpl_lang.logic import Clause

from .prover import Prover, Settings, TheoremResult
from .signature import Signature, signature

_OPS = {"+": lambda a, b: a + b, "*": lambda a, b: a * b}


@dataclass
class Incubation:
    """Proved ground facts: `table[f][(a, b)] = c` for binary f, `distinct` pairs, results."""

    up_to: int
    table: dict[str, dict[tuple[int, int], int]] = field(default_factory=dict)
    distinct: set[tuple[int, int]] = field(default_factory=set)
    results: list[TheoremResult] = field(default_factory=list)
    seconds: float = 0.0

    def value(self, op: str, a: int | None, b: int | None) -> int | None:
        """The proved value of `a op b`, or None when it is not in the proved table."""
        if a is None or b is None:
            return None
        return self.table.get(op, {}).get((a, b))


def numeral_chain(theory: Theory, sig: Signature) -> list[str]:
    """Theory constants naming 0, 1, 2, ...: the base, then ground successor facts."""
    succ_of: dict[str, str] = {}
    for c in theory.axioms():
        if isinstance(c, Clause) and not c.premises and not c.vars and not c.exists:
            lit = c.conclusion[0]
            if lit[0] and lit[1] == "in2" and lit[2][2] == sig.succ:
                succ_of[lit[2][0]] = lit[2][1]
    chain = [sig.base]
    while chain[-1] in succ_of and succ_of[chain[-1]] not in chain:
        chain.append(succ_of[chain[-1]])
    return chain


class Numerals:
    """Names and defining hypotheses of the numerals 0..n of a theory."""

    def __init__(self, theory: Theory, sig: Signature) -> None:
        self.sig = sig
        self.chain = numeral_chain(theory, sig)
        taken = set(theory.constants)
        self.names: list[str] = list(self.chain)
        self._taken = taken

    def name(self, k: int) -> str:
        while len(self.names) <= k:
            i = len(self.names)
            n = f"n{i}"
            while n in self._taken:
                n += "_"
            self.names.append(n)
        return self.names[k]

    def statement(self, values: list[int], conclusion: Expr) -> Expr:
        """`∀ numerals: their successor definitions → conclusion`."""
        top = max(values)
        known = len(self.chain)
        vars_ = tuple(self.name(k) for k in range(known, top + 1))
        hyps: list[Expr] = [Atom("in2", (self.name(k - 1), self.name(k), self.sig.succ)) for k in range(known, top + 1)]
        if not hyps:
            hyps = [Atom("in", (self.sig.base, self.sig.domain))]
        return Forall(vars_, hyps[0] if len(hyps) == 1 else And(tuple(hyps)), conclusion)


def incubate(theory: Theory, up_to: int = 6, settings: Settings | None = None,
             prover: Prover | None = None, negatives: bool = True,
             progress: Callable[[TheoremResult], None] | None = None) -> Incubation:
    """Prove `a f b = c` for every binary function f and numerals a, b, c ≤ up_to (when
    the value is ≤ up_to), that distinct numerals differ, and, for operands ≤ 2, that
    `a + b` is no other numeral."""
    start = time.perf_counter()
    sig = signature(theory)
    nums = Numerals(theory, sig)
    prover = prover or Prover(theory, settings or Settings(max_cycles=up_to + 8, max_depth=1))
    inc = Incubation(up_to)
    jobs: list[tuple[str, Expr, tuple]] = []
    for op in sig.binary:
        fn = _OPS.get(op)
        if fn is None:
            continue
        inc.table[op] = {}
        for a in range(up_to + 1):
            for b in range(up_to + 1):
                c = fn(a, b)
                if c <= up_to:
                    concl = Atom("in3", (nums.name(a), nums.name(b), nums.name(c), op))
                    jobs.append((f"inc_{_opname(op)}_{a}_{b}", nums.statement([a, b, c], concl), ("table", op, a, b, c)))
    if negatives:
        for i in range(up_to + 1):
            for j in range(i + 1, up_to + 1):
                concl = Not(Atom("=", (nums.name(i), nums.name(j))))
                jobs.append((f"inc_ne_{i}_{j}", nums.statement([i, j], concl), ("distinct", i, j)))
        if "+" in sig.binary:
            for a in range(3):
                for b in range(3):
                    for c in range(up_to + 1):
                        if c != a + b:
                            concl = Not(Atom("in3", (nums.name(a), nums.name(b), nums.name(c), "+")))
                            jobs.append((f"inc_add_{a}_{b}_ne_{c}", nums.statement([a, b, c], concl), ("neg",)))
    for name, stmt, what in jobs:
        negative = isinstance(stmt.concl, Not)
        r = prover.prove(name, stmt, "incubator", methods=("contradiction",) if negative else ("direct",))
        inc.results.append(r)
        if progress:
            progress(r)
        if not r.proved:
            continue
        prover.accept(r)  # later facts build on earlier ones (2 * 2 from 2 * 1)
        if what[0] == "table":
            _, op, a, b, c = what
            inc.table[op][(a, b)] = c
        elif what[0] == "distinct":
            inc.distinct.add((what[1], what[2]))
    inc.seconds = time.perf_counter() - start
    return inc


def _opname(op: str) -> str:
    return {"+": "add", "*": "mul"}.get(op, "".join(ch if ch.isalnum() else "_" for ch in op))

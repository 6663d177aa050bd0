"""The incubator: ground facts about small numerals, each proved on the grid.

Which facts hold is found out first, with no arithmetic built in: one goal-less Logic
Block holds the numerals (defined by the successor) and asks for every `a f b`; forward
chaining from the axioms names the values (`evaluate`). `2 + 3 = 5` is then stated with
the numerals the theory has no names for as variables defined by the successor, e.g.
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
from mpl_lang.logic import Clause, Literal

from .core.block import BlockLimits, LogicBlock
from .core.invention import VALUE
from .core.prover import Prover, Settings
from .core.result import TheoremResult
from .signature import Signature, signature


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
            if lit.positive and lit.pred == "in2" and lit.args[2] == sig.succ:
                succ_of[lit.args[0]] = lit.args[1]
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


def evaluate(theory: Theory, up_to: int, rules: list | None = None,
             limits: BlockLimits | None = None, max_cycles: int = 60) -> dict[str, dict[tuple[int, int], int]]:
    """`values[f][(a, b)] = c` where forward chaining from the axioms (`rules`: the
    theory's, by default) shows `a f b = c`, for the binary functions of the signature and
    numerals a, b, c ≤ up_to. A guide only: the incubator proves each entry it keeps.

    >>> from mpl_lang import load
    >>> evaluate(load("examples/peano/peano.mpl"), 3)["*"][(2, 1)]
    2
    """
    sig = signature(theory)
    nums = Numerals(theory, sig)
    claim = nums.statement(list(range(up_to + 1)), Atom("in", (nums.name(up_to), sig.domain)))
    rules = Prover(theory).axiom_rules if rules is None else rules
    limits = limits or BlockLimits(max_facts=100_000, max_depth=1, max_witnesses=4 * (up_to + 1) ** 2 * len(sig.binary))
    block = LogicBlock("incubator/evaluate", "main", claim, theory.constants, rules, limits, derive_only=True)
    names = [block.fresh.get(nums.name(k), nums.name(k)) for k in range(up_to + 1)]
    for f in sig.binary:
        for x in names:
            for y in names:
                block.ask(Literal(True, "in3", (x, y, VALUE, f)))
    block.run(max_cycles)
    values: dict[str, dict[tuple[int, int], int]] = {}
    for f in sig.binary:
        values[f] = {(a, b): c for a, x in enumerate(names) for b, y in enumerate(names)
                     for c, z in enumerate(names) if block.knows(Literal(True, "in3", (x, y, z, f)))}
    return values


def incubate(theory: Theory, up_to: int = 6, settings: Settings | None = None,
             prover: Prover | None = None, negatives: bool = True,
             progress: Callable[[TheoremResult], None] | None = None) -> Incubation:
    """Prove `a f b = c` for every binary function f and numerals a, b, c ≤ up_to where
    `evaluate` finds the value, that distinct numerals differ, and, for operands ≤ 2,
    that `a f b` is no other numeral."""
    start = time.perf_counter()
    sig = signature(theory)
    nums = Numerals(theory, sig)
    prover = prover or Prover(theory, settings or Settings(max_cycles=up_to + 8, max_depth=1))
    inc = Incubation(up_to)
    values = evaluate(theory, up_to, prover.axiom_rules)
    jobs: list[tuple[str, Expr, tuple]] = []
    for op in sig.binary:
        inc.table[op] = {}
        for (a, b), c in sorted(values[op].items()):
            concl = Atom("in3", (nums.name(a), nums.name(b), nums.name(c), op))
            jobs.append((f"inc_{_opname(op)}_{a}_{b}", nums.statement([a, b, c], concl), ("table", op, a, b, c)))
    if negatives:
        for i in range(up_to + 1):
            for j in range(i + 1, up_to + 1):
                concl = Not(Atom("=", (nums.name(i), nums.name(j))))
                jobs.append((f"inc_ne_{i}_{j}", nums.statement([i, j], concl), ("distinct", i, j)))
        for op in sig.binary:
            for (a, b), value in sorted(values[op].items()):
                if a <= 2 and b <= 2:
                    for c in range(up_to + 1):
                        if c != value:
                            concl = Not(Atom("in3", (nums.name(a), nums.name(b), nums.name(c), op)))
                            jobs.append((f"inc_{_opname(op)}_{a}_{b}_ne_{c}", nums.statement([a, b, c], concl), ("neg",)))
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

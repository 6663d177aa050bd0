"""Rules: clauses (from `mpl_lang.logic.clausify`) ready for matching in Logic Blocks.

A rule remembers where it came from (`ref`, the JSON rule reference of the proof schema)
so every fact it produces can cite it.

>>> from mpl_lang import parse_expr
>>> from mpl_lang.logic import clausify
>>> r = Rule.from_clause(clausify(parse_expr("(>[x](in[x,N])(in[x,M]))"))[0], {"axiom": 0})
>>> r.premises, r.conclusion
(((True, 'in', ('x', 'N')),), ((True, 'in', ('x', 'M')),))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpl_lang.logic import Clause, Literal


@dataclass(frozen=True, slots=True)
class Rule:
    """`∀vars: premises ⇒ conclusion` (`∃exists: conclusion` for existential rules).
    `key` (the sorted JSON reference) identifies the rule."""

    ref: dict
    vars: frozenset[str]
    premises: tuple[Literal, ...]
    conclusion: tuple[Literal, ...]
    exists: tuple[str, ...] = ()
    label: str = field(default="", compare=False)
    key: tuple = field(default=(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", tuple(sorted(self.ref.items())))

    @classmethod
    def from_clause(cls, clause: Clause, ref: dict, label: str = "") -> Rule:
        return cls(ref, frozenset(clause.vars) | frozenset(clause.exists), clause.premises,
                   clause.conclusion, clause.exists, label or str(clause))

    @property
    def is_existential(self) -> bool:
        return bool(self.exists)

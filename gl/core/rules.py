"""Rules: clauses (from `mpl_lang.logic.clausify`) ready for matching in Logic Blocks.

A rule remembers where it came from (`ref`, the JSON rule reference of the proof schema)
so every fact it produces can cite it.

>>> from mpl_lang import parse_expr
>>> from mpl_lang.logic import clausify
>>> r = Rule.from_clause(clausify(parse_expr("(>[x](in[x,N])(in[x,M]))"))[0], {"axiom": 0})
>>> r.premises
(Literal(positive=True, pred='in', args=('x', 'N')),)
>>> r.source, r.range_restricted
('axiom', True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mpl_lang.logic import Clause, Literal


@dataclass(frozen=True, slots=True)
class Rule:
    """`∀vars: premises ⇒ conclusion` (`∃exists: conclusion` for existential rules).
    `key` (the sorted JSON reference) identifies the rule; `source` is its kind
    (`axiom`, `theorem` or `fact`)."""

    ref: dict
    vars: frozenset[str]
    premises: tuple[Literal, ...]
    conclusion: tuple[Literal, ...]
    exists: tuple[str, ...] = ()
    label: str = field(default="", compare=False)
    key: tuple = field(default=(), compare=False)
    source: str = field(default="", compare=False)
    uniqueness: bool = field(default=False, compare=False)
    on_demand: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", tuple(sorted(self.ref.items())))
        object.__setattr__(self, "source", next(iter(self.ref)))
        object.__setattr__(self, "uniqueness", _states_uniqueness(self.premises, self.conclusion))
        object.__setattr__(self, "on_demand", _states_value(self))

    @classmethod
    def from_clause(cls, clause: Clause, ref: dict, label: str = "") -> Rule:
        """The rule of a clause; `ref` says where it comes from, `label` names it (the
        clause's text by default)."""
        return cls(ref, frozenset(clause.vars) | frozenset(clause.exists), clause.premises,
                   clause.conclusion, clause.exists, label or str(clause))

    @property
    def range_restricted(self) -> bool:
        """Every conclusion variable is bound by a premise (or is existential): only such
        rules conclude ground facts, so blocks take no other."""
        bound = {a for p in self.premises for a in p.args if a in self.vars} | set(self.exists)
        return all(a in bound for c in self.conclusion for a in c.args if a in self.vars)


def _states_uniqueness(premises: tuple[Literal, ...], conclusion: tuple[Literal, ...]) -> bool:
    """Whether the rule says a function has one value: two premises alike but for `u` in
    one and `v` in the other, concluding `u = v` (`f(x) = u ∧ f(x) = v → u = v`).
    Naming a function value for such a rule only ever yields `u = u`.

    >>> p = (Literal(True, "in3", ("x", "y", "u", "+")), Literal(True, "in3", ("x", "y", "v", "+")))
    >>> _states_uniqueness(p, (Literal(True, "=", ("u", "v")),))
    True
    """
    if len(conclusion) != 1 or not conclusion[0].positive or conclusion[0].pred != "=":
        return False
    u, v = conclusion[0].args
    for i, p in enumerate(premises):
        for q in premises[i + 1:]:
            if p.positive == q.positive and p.pred == q.pred and len(p.args) == len(q.args):
                diff = [(a, b) for a, b in zip(p.args, q.args) if a != b]
                if diff in ([(u, v)], [(v, u)]):
                    return True
    return False


def _states_value(rule: Rule) -> bool:
    """Whether the rule gives a fact for every tuple of typed things and nothing else
    (`a ∈ N ∧ b ∈ N → o(a, b) = a`): fired forward it would fill a block with a fact per
    tuple, so blocks apply it only where a value is asked for.

    >>> from mpl_lang import parse_expr
    >>> from mpl_lang.logic import clausify
    >>> [c] = clausify(parse_expr("(>[a,b](&(in[a,N])(in[b,N]))(in3[a,b,a,o]))"))
    >>> Rule.from_clause(c, {"theorem": "t"}).on_demand
    True
    """
    typed = [p.args[0] for p in rule.premises
             if p.positive and p.pred == "in" and len(p.args) == 2 and p.args[0] in rule.vars]
    return (not rule.exists and len(rule.premises) >= 2 and len(typed) == len(rule.premises) == len(set(typed))
            and len(rule.conclusion) == 1 and rule.conclusion[0].positive)

"""The semi-naive join: each combination of facts found once, the most selective premise first."""

from __future__ import annotations

from gl.core.facts import FactIndex
from gl.core.join import Join
from gl.core.rules import Rule
from mpl_lang import parse_expr
from mpl_lang.logic import Literal, clausify

#: edge(x, y) ∧ edge(y, z) → path(x, z)
PATH = "(>[x,y,z](&(in2[x,y,e])(in2[y,z,e]))(in2[x,z,p]))"


def rule(text: str) -> Rule:
    [clause] = clausify(parse_expr(text))
    return Rule.from_clause(clause, {"axiom": 0})


class Matcher:
    """A join over a fact index, with the matches it emits and the requests it makes."""

    def __init__(self, max_work: int | None = None) -> None:
        self.facts = FactIndex()
        self.known: dict[Literal, int] = {}
        self.found: list[tuple[str, ...]] = []
        self.requested: list[Literal] = []
        self.bindings: list[dict[str, str]] = []  # the binding of each request
        self.join = Join(self.facts, self.known, self.emit, self.request, max_work)

    def emit(self, rule: Rule, bind: dict[str, str], premises: tuple[int, ...]) -> None:
        self.found.append(tuple(bind[v] for v in sorted(rule.vars)))

    def request(self, pattern: Literal, bind: dict[str, str], variables: frozenset[str], source: str) -> bool:
        self.requested.append(pattern)
        self.bindings.append(dict(bind))
        return False

    def add(self, *lits: Literal) -> None:
        """New live facts, as a block adds them: indexed, known, in the delta."""
        for lit in lits:
            self.facts.add(lit)
            self.known[lit] = len(self.known)
            self.join.delta.append(lit)

    def round(self) -> list[tuple[str, ...]]:
        """The matches of one round."""
        self.found = []
        self.join.round()
        return self.found


def edge(a: str, b: str) -> Literal:
    return Literal(True, "in2", (a, b, "e"))


def test_a_new_rule_is_joined_against_every_fact():
    m = Matcher()
    m.add(edge("a", "b"), edge("b", "c"), edge("c", "d"))
    m.join.add_rule(rule(PATH))
    assert sorted(m.round()) == [("a", "b", "c"), ("b", "c", "d")]


def test_a_rule_fires_once_per_new_combination_and_never_again_on_old_facts():
    m = Matcher()
    m.join.add_rule(rule(PATH))
    m.add(edge("a", "b"), edge("b", "c"))
    assert m.round() == [("a", "b", "c")]
    assert m.round() == []  # nothing new: nothing found again
    assert m.join.idle
    m.add(edge("c", "d"))
    assert m.round() == [("b", "c", "d")]
    m.add(edge("d", "e"), edge("e", "f"))  # (d, e, f) uses two new facts: still found once
    assert sorted(m.round()) == [("c", "d", "e"), ("d", "e", "f")]


def test_a_fact_matching_both_premises_gives_each_combination_once():
    m = Matcher()
    m.join.add_rule(rule(PATH))
    m.round()
    m.add(edge("a", "a"))  # a loop matches edge(x, y) and edge(y, z) at once
    assert m.round() == [("a", "a", "a")]
    m.add(edge("b", "a"), edge("a", "b"))
    assert sorted(m.round()) == [("a", "a", "b"), ("a", "b", "a"), ("b", "a", "a"), ("b", "a", "b")]


def test_the_most_selective_premise_is_joined_first():
    many = [Literal(True, "in", (f"n{i}", "N")) for i in range(50)]
    special = Literal(True, "in", ("n7", "S"))
    for premises in ("(&(in[x,N])(in[x,S]))", "(&(in[x,S])(in[x,N]))"):
        m = Matcher()
        m.add(*many, special)
        m.join.delta.clear()
        m.join.add_rule(rule(f"(>[x]{premises}(in[x,T]))"))
        assert m.round() == [("n7",)]
        # the one S fact first, then N bound to it, then the match: three matching
        # steps, where N first would take one per N fact
        assert m.join.work == 3


def test_an_unmet_premise_asks_for_its_value_once_its_inputs_are_bound():
    m = Matcher()
    m.add(Literal(True, "in", ("a", "N")))
    m.join.add_rule(rule("(>[x,z](&(in[x,N])(in3[x,x,z,+]))(in[z,D]))"))
    assert m.round() == []
    assert Literal(True, "in3", ("x", "x", "z", "+")) in m.requested


def test_an_unmet_premise_chosen_before_its_inputs_are_bound_still_asks_once_they_are():
    # S(k) = k2 and k2 + m = a: the rule needs k + m. The premise `z + y` has facts about k
    # (of another function), so it is the smallest bucket before y is bound; none matches,
    # and matching goes on with `a + y` to bind y, then asks for k + m.
    m = Matcher()
    m.add(Literal(True, "in2", ("k", "k2", "S")), Literal(True, "in3", ("k2", "m", "a", "+")),
          Literal(True, "in3", ("k2", "k2", "b", "+")), Literal(True, "in3", ("k", "Z", "f", "<")))
    m.join.add_rule(rule("(>[z,y,a,b,c](&(in2[z,a,S])(in3[a,y,b,+])(in3[z,y,c,+]))(in2[c,b,S]))"))
    assert m.round() == []
    asked = [(p.args, b) for p, b in zip(m.requested, m.bindings)]
    assert (("z", "y", "c", "+"), {"z": "k", "a": "k2", "y": "m", "b": "a"}) in asked
    assert (("z", "y", "c", "+"), {"z": "k", "a": "k2", "y": "k2", "b": "b"}) in asked


def test_a_uniqueness_rule_asks_for_no_value():
    m = Matcher()
    m.add(Literal(True, "in", ("a", "N")))
    unique = rule("(>[x,z1,z2](&(in[x,N])(&(in3[x,x,z1,+])(in3[x,x,z2,+])))(=[z1,z2]))")
    assert unique.uniqueness
    m.join.add_rule(unique)
    m.round()
    assert m.requested == []


def test_matching_halts_at_the_work_bound():
    m = Matcher(max_work=4)
    m.join.add_rule(rule(PATH))
    m.add(*(edge(f"v{i}", f"v{i + 1}") for i in range(10)))
    # steps: 1 the rule, 2 edge(v0,v1), 3 the match (v0,v1,v2), 4 edge(v1,v2); the 5th halts
    assert m.round() == [("v0", "v1", "v2")]
    assert m.join.halted == "more than 4 matching steps"
    assert m.join.work == 5
    assert m.round() == [] and m.join.work == 5  # halted for good

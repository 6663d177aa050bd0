"""The proof-producing union-find: representatives, members, and the steps merges record.

Every recorded step is also re-checked with the independent checker's step rules, so a
merge that records a wrong justification fails here.
"""

from __future__ import annotations

import pytest

from gl.checker.steps import KINDS
from gl.core.record import ProofRecord
from gl.core.unionfind import ProofUnionFind, equality
from mpl_lang.logic import Literal, literal_text, literal_to_expr


@pytest.fixture
def record() -> ProofRecord:
    return ProofRecord()


def make(record: ProofRecord, *names: str) -> ProofUnionFind:
    """A union-find over `names`, ranked in the order given."""
    return ProofUnionFind(record, {n: i for i, n in enumerate(names)})


def given(record: ProofRecord, lit: Literal) -> int:
    """Record `lit` as a hypothesis the block knows (as `LogicBlock._add` does)."""
    sid = record.derive("hyp", lit, (), extra={"index": 0})
    record.known[lit] = sid
    return sid


def shown(record: ProofRecord, sids: list[int] | range) -> list[tuple[str, str, tuple[int, ...]]]:
    return [(record.steps[s].kind, literal_text(record.steps[s].fact), record.steps[s].premises) for s in sids]


def assert_valid(record: ProofRecord) -> None:
    """Each step checks by the independent checker's rule for its kind."""
    for step in record.steps:
        if step.kind == "hyp":
            continue
        prems = [literal_to_expr(record.steps[p].fact) for p in step.premises]
        reason = KINDS[step.kind]({}, None, prems, literal_to_expr(step.fact))
        assert reason is None, (step, reason)


def test_the_earlier_constant_represents_the_class(record):
    uf = make(record, "a", "b", "c")
    eq = given(record, equality("c", "b"))
    assert uf.merge(eq) == ("c", "b", eq)  # c = b already says loser = winner: no extra step
    assert (uf.find("c"), uf.find("b"), uf.find("a")) == ("b", "b", "a")
    assert uf.members == {"b": ["c"]}
    assert len(record.steps) == 1


def test_a_merge_the_other_way_records_its_symmetric_equality(record):
    uf = make(record, "a", "b")
    eq = given(record, equality("a", "b"))
    assert uf.merge(eq) == ("b", "a", 1)
    assert shown(record, [1]) == [("eq_symm", "(=[b,a])", (eq,))]
    assert record.known[equality("b", "a")] == 1
    assert_valid(record)


def test_merging_an_equal_pair_again_does_nothing(record):
    uf = make(record, "a", "b")
    uf.merge(given(record, equality("b", "a")))
    assert uf.merge(given(record, equality("a", "b"))) is None
    assert [s.kind for s in record.steps] == ["hyp", "hyp"]


def test_an_equality_over_merged_constants_is_restated_over_representatives(record):
    uf = make(record, "a", "b", "c")
    ab = given(record, equality("a", "b"))
    uf.merge(ab)  # step 1: b = a
    bc = given(record, equality("b", "c"))
    assert uf.merge(bc) == ("c", "a", 4)
    assert shown(record, range(3, 5)) == [
        ("eq_subst", "(=[a,c])", (1, bc)),  # b = a and b = c give a = c
        ("eq_symm", "(=[c,a])", (3,)),
    ]
    assert uf.members == {"a": ["b", "c"]}
    assert_valid(record)


def test_a_known_equality_over_representatives_is_used_instead_of_restating(record):
    uf = make(record, "a", "b", "c")
    uf.merge(given(record, equality("b", "a")))
    ca = given(record, equality("c", "a"))
    cb = given(record, equality("c", "b"))
    assert uf.merge(cb) == ("c", "a", ca)
    assert len(record.steps) == 3


def test_a_transitive_chain_proves_each_constant_equal_to_its_representative(record):
    uf = make(record, "a", "b", "c")
    cb = given(record, equality("c", "b"))
    uf.merge(cb)  # c joins b
    ba = given(record, equality("b", "a"))
    assert uf.merge(ba) == ("b", "a", ba)  # b joins a, and c with it
    assert (uf.find("c"), uf.parent["c"], uf.members) == ("a", "b", {"a": ["b", "c"]})
    n = len(record.steps)
    sid = uf.eq_to_rep("c")
    assert shown(record, [sid]) == [("eq_subst", "(=[c,a])", (ba, cb))]
    assert uf.eq_to_rep("c") == sid and len(record.steps) == n + 1  # derived once
    assert_valid(record)


def test_canon_rewrites_every_merged_argument(record):
    uf = make(record, "a", "b", "c")
    uf.merge(given(record, equality("c", "a")))
    assert uf.canon(Literal(True, "in3", ("c", "b", "c", "+"))) == Literal(True, "in3", ("a", "b", "a", "+"))
    assert make(ProofRecord(), "a").canon(Literal(True, "in", ("c", "N"))) == Literal(True, "in", ("c", "N"))


def test_restore_derives_a_fact_about_the_original_constants(record):
    uf = make(record, "a", "b", "c")
    uf.merge(given(record, equality("c", "b")))
    uf.merge(given(record, equality("b", "a")))
    fact = given(record, Literal(True, "in3", ("a", "a", "a", "+")))
    goal = Literal(True, "in3", ("c", "a", "b", "+"))
    sid = uf.restore(goal)
    assert record.steps[sid].fact == goal
    assert fact in record.support(sid)
    kinds = [s.kind for s in record.steps[fact + 1:]]
    assert kinds == ["eq_subst", "eq_symm", "eq_subst", "eq_symm", "eq_subst"]
    assert_valid(record)

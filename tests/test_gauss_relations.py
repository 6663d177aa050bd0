"""Conjectures about relations functional in their last argument (gl/explore/relations.py):
on GL's Gauss batch the sum `fold` becomes a function for conjecturing, and the
conjectures include Gauss's formula, the sum over [a, a] and the sum over [i0, s(a)] from
the sum over [i0, a], each with the relation as a hypothesis; the formula without the
factor 2 is refuted by the incubator's sums."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import EXAMPLES, ROOT

import gl
from gl.explore.config import ExploreConfig
from gl.explore.relations import predicate_laws, relation_conjectures, stated
from gl.explore.stages import Exploration
from gl.incubator import incubate
from gl.incubator_defs import Relation, incubate_definitions
from gl.signature import Signature, signature
from mpl_lang import readable, to_mpl

GAUSS = ROOT.parent / "shared" / "reference" / "gl-gauss"
FOLD = Relation("fold", ("N", "s", "+", "f", "n", "m", "p"), ((0, "N"), (1, "s"), (2, "+"), (3, "id")), (4, 5), 6,
                witnessed=True)
CONSTANTS = frozenset({"N", "i0", "s", "+", "*", "id"})


def test_a_relation_value_is_named_in_a_hypothesis_never_concluded() -> None:
    gauss = stated(("+", ("fold", "i0", "a"), ("fold", "i0", "a")), ("*", "a", ("s", "a")), {"fold": FOLD}, "N",
                   CONSTANTS)
    assert readable(gauss) == "∀a,b: fold(N, s, +, id, i0, a, b) → a * s(a) = b + b"
    assert to_mpl(gauss).count("fold[") == 1  # both occurrences are one value
    single = stated("a", ("fold", "a", "a"), {"fold": FOLD}, "N", CONSTANTS)  # oriented: the value is named
    assert to_mpl(single) == "(>[a,b](&(fold[N,s,+,id,a,a,b])(in[a,N])(in[b,N]))(=[b,a]))"
    assert stated(("fold", "i0", "a"), ("fold", "a", "a"), {"fold": FOLD}, "N", CONSTANTS) is None


def test_gauss_conjectures_its_formula_and_the_sum_lemmas() -> None:
    if not GAUSS.is_dir():
        pytest.skip(f"{GAUSS} is not present (../shared beside the repository)")
    theory = gl.load(EXAMPLES / "gauss").theory
    cfg = ExploreConfig()
    inc = incubate(theory, cfg.up_to, negatives=False, compute_to=cfg.compute_to)
    defined = incubate_definitions(theory, inc)
    found = {readable(s.formula) for s in relation_conjectures(
        defined.relations, signature(theory), inc, {"i0": 0}, cfg, frozenset(theory.constants), Exploration())}
    assert "∀a,b: fold(N, s, +, id, i0, a, b) → a * s(a) = b + b" in found  # Gauss
    assert "∀a,b: fold(N, s, +, id, a, a, b) ∧ a ∈ N ∧ b ∈ N → b = a" in found  # over [a, a]
    assert "∀a,c,d: fold(N, s, +, id, i0, s(a), c) ∧ fold(N, s, +, id, i0, a, d) → a + s(d) = c" in found
    # the laws of ≤ (a ≤ s(a), transitivity)
    assert "∀a,b: s(a) = b → preorder(N, +, a, b)" in found
    assert "∀a,b,c: preorder(N, +, a, b) ∧ preorder(N, +, b, c) ∧ a ∈ N ∧ b ∈ N ∧ c ∈ N → preorder(N, +, a, c)" in found
    # the canary: no form of `Σ_{i=i0..a} i = a * s(a)` (the factor 2 dropped) survives
    assert not any(t.endswith("→ a * s(a) = b") or t.endswith("→ b = a * s(a)") for t in found)


SIG = Signature("N", "i0", "s", ("s",), ("+",), ("i0",))


def order(name: str, holds: Callable[[int, int], bool], up_to: int = 4) -> Relation:
    return Relation(name, ("n", "m"), (), (0, 1), None, {(n, m): holds(n, m) for n in range(up_to + 1)
                                                         for m in range(up_to + 1)})


def laws(*relations: Relation, constants: frozenset[str] = frozenset()) -> set[str]:
    return {readable(s.formula) for s in predicate_laws(list(relations), SIG, {"i0": 0}, ExploreConfig(), constants)}


def test_a_strict_order_gets_its_own_laws_and_no_false_one() -> None:
    lt = laws(order("lt", lambda n, m: n < m))
    assert "∀a,b: s(a) = b → lt(a, b)" in lt
    assert "∀a,b,c: lt(a, b) ∧ lt(b, c) ∧ a ∈ N ∧ b ∈ N ∧ c ∈ N → lt(a, c)" in lt
    assert not any(law.endswith("→ lt(a, a)") or law.endswith("lt(a, b) ∧ a ∈ N ∧ b ∈ N → lt(b, a)") for law in lt)
    # what the table of ≤ on 0..4 says holds on 0..12 too: no law is a coincidence of the small table
    small, large = order("le", int.__le__), order("le", int.__le__, 12)
    assert {s.formula for s in predicate_laws([small], SIG, {"i0": 0}, ExploreConfig(), frozenset())} <= \
        {s.formula for s in predicate_laws([large], SIG, {"i0": 0}, ExploreConfig(), frozenset())}


def test_constant_or_named_predicates_get_no_laws() -> None:
    assert laws(order("yes", lambda n, m: True), order("no", lambda n, m: False)) == set()
    assert laws(order("le", int.__le__), constants=frozenset({"le"})) == set()

"""Exploration that does not depend on how the axioms are phrased: mirrored Peano (+ and *
recursing on their first argument) and Peano with exponentiation (a third function).

The fast tests run small explorations; the full runs (the six laws on mirrored Peano)
are marked slow, and benchmarks/explore_theories.py prints time and laws per theory.
Canaries: every statement proved on the new theories is checked by evaluation on small
numbers, and false conjectures handed to the explorer are never proved.
"""

from __future__ import annotations

import itertools
import json
import operator
from functools import partial

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, PEANO
from helpers.explore import explored

import gl
import gl.explore
from gl.checker.check import check_file
from gl.cli.prove import prove
from gl.core.prover import Prover, Settings
from gl.core.result import TheoremResult
from gl.core.schemes import rank_variables
from gl.equations import equation_to_statement, statement_to_equation
from gl.explore import ExploreConfig, explore
from gl.explore.conjecture import Conjecture
from gl.explore.generalize import step_lemmas
from gl.explore.progress import Attempted, Stopped
from gl.explore.proving import axiom_equations
from gl.explore.schedule import Schedule
from gl.explore.select import Selector
from gl.laws import LAW_NAMES, named_law
from gl.recursion import definitions
from gl.signature import signature
from mpl_lang import load, parse_expr, parse_module, readable
from mpl_lang.terms import Term, fold, leaves, node_count

MIRRORED = EXAMPLES / "peano_mirrored"
EXP = EXAMPLES / "peano_exp"

#: what the functions of the theories mean (mirroring changes the axioms, not the meaning)
MEANING = {"+": operator.add, "*": operator.mul, "^": operator.pow, "s": lambda n: n + 1}
ELEMENTS = {"i0": 0, "i1": 1}

#: small sizes on which mirrored Peano's `a * b = b * a` needs the recursion lemma
#: `a * s(b) = a + a * b`, itself an induction on `a` after `+`'s laws
SMALL = ExploreConfig(max_term_size=5, max_equation_size=10, up_to=4, until_targets=True)

GOAL = parse_module("conjecture commutes := (>[a,b,c](in3[a,b,c,*])(in3[b,a,c,*]))").decls

CANARIES = parse_module("""
conjecture fake_add_is_mul := (>[a,b,c](in3[a,b,c,+])(in3[a,b,c,*]))
conjecture fake_succ_fixed := (>[a,b](in2[a,b,s])(=[a,b]))
conjecture fake_mul_left_id := (>[a,b,c](in3[a,b,c,*])(=[c,a]))
conjecture fake_square_fixed := (>[a,b,c](&(in3[a,a,b,*])(in3[b,b,c,*]))(=[b,c]))
""").decls


def value(t: Term, env: dict[str, int]) -> int:
    """The value of a term under `MEANING`, variables from `env`."""
    return fold(t, lambda x: env[x] if x in env else ELEMENTS[x], lambda node, args: MEANING[node[0]](*args))


def holds_on_small_numbers(statement) -> bool:
    """Whether an equational statement is true for all variable values in 0..3."""
    eq = statement_to_equation(statement)
    assert eq is not None, readable(statement)
    names = sorted({x for side in eq for x in leaves(side)} - set(ELEMENTS))
    return all(value(eq[0], env) == value(eq[1], env)
               for env in (dict(zip(names, vals)) for vals in itertools.product(range(4), repeat=len(names))))


@pytest.fixture(scope="module")
def mirrored_run(tmp_path_factory):
    return explored(MIRRORED, SMALL, list(GOAL), tmp_path_factory.mktemp("mirrored"))


def test_definitions_are_read_off_the_axioms():
    """Which argument each function recurses on and what it is defined from, whatever
    the argument order: the base of induction, exploration order and rule choice."""
    standard, mirrored, exp = (definitions(load(p)) for p in (PEANO / "peano.mpl", MIRRORED / "peano_mirrored.mpl",
                                                                 EXP / "peano_exp.mpl"))
    assert standard.positions == {"+": {1}, "*": {1}}
    assert mirrored.positions == {"+": {0}, "*": {0}}
    assert exp.positions == {"+": {1}, "*": {1}, "^": {1}}
    assert [exp.level(f) for f in ("s", "+", "*", "^")] == [0, 1, 2, 3]
    assert mirrored.closure({"*"}) == {"*", "+", "s"} and "^" not in exp.closure({"*"})


def test_induction_goes_on_the_recursive_argument():
    """Mirrored: `a * s(b) = a + a * b` is an induction on `a`; `c = s(b)` comes last."""
    goal = parse_expr("(>[a,b,c,d,e](&(in2[b,c,s])(in3[a,c,d,*])(in3[a,b,e,*]))(in3[a,e,d,+]))")
    for path, ranked in ((MIRRORED / "peano_mirrored.mpl", ["a", "b", "c"]), (PEANO / "peano.mpl", ["b", "a", "c"])):
        assert rank_variables(goal, Prover(load(path)).definitions) == ranked


def test_a_third_function_leaves_the_others_proofs_alone():
    """With `^` in the theory, a claim about `+` and `*` gets no rule about `^`: its
    values would take the witness budget (s(a) * b = a * b + b was lost that way)."""
    prover = Prover(load(EXP / "peano_exp.mpl"))

    def about_power(rules):
        return [r for r in rules if any(lit.args[-1] == "^" for lit in (*r.premises, *r.conclusion))]

    claim = parse_expr("(>[a,b,c,d,e](&(in2[a,c,s])(in3[a,b,d,*])(in3[d,b,e,+]))(in3[c,b,e,*]))")
    assert about_power(prover.axiom_rules) and not about_power(prover.relevant_rules(claim))
    power = parse_expr("(>[a,b,c](in3[a,b,c,^])(in3[a,b,c,^]))")
    assert about_power(prover.relevant_rules(power)) == about_power(prover.axiom_rules)


def test_mirrored_recursion_lemma_is_not_starved(mirrored_run):
    """`a * b = b * a` on mirrored Peano: its recursion lemma is proved first, then it."""
    run, _, _ = mirrored_run
    proved = [readable(t.statement) for t in run.proved if t.origin != "incubator"]
    assert run["commutes"].proved, proved
    lemma = next(t for t in run.proved if named_law(t.statement) is None and "* s(b)" in readable(t.statement))
    assert run.theorems.index(lemma) < run.theorems.index(run["commutes"])


def test_until_targets_stops_once_every_target_is_proved(mirrored_run):
    run, _, events = mirrored_run
    assert events[-1] == Stopped("every target proved")
    attempted = [e.result.name for e in events if isinstance(e, Attempted)]
    assert attempted[-1] == "commutes" and run.proved[-1].name == "commutes"


def test_what_mirrored_peano_proves_is_true(mirrored_run):
    run, out, _ = mirrored_run
    explored = [t for t in run.proved if t.origin != "incubator"]
    assert explored
    for t in explored:
        assert holds_on_small_numbers(t.statement), readable(t.statement)
    assert check_file(out / "proofs.json").ok


def test_no_false_statement_is_proved_with_exponentiation(tmp_path):
    """A small exploration of Peano + exp: what it proves is true of +, * and pow, and
    false conjectures handed to it stay unproved."""
    run = explore(gl.load(EXP), config=ExploreConfig(max_term_size=3, up_to=3, compress=False),
                  extra=list(CANARIES))
    explored = [t for t in run.proved if t.origin != "incubator"]
    assert any("^" in readable(t.statement) for t in explored)
    for t in explored:
        assert holds_on_small_numbers(t.statement), readable(t.statement)
    for decl in CANARIES:
        assert decl.name not in {t.name for t in explored}, decl.name
    assert check_file(run.write(tmp_path)).ok


def test_cli_until_targets_reports_the_targets(tmp_path, monkeypatch):
    """`gl prove THEORY --until-targets`: a targets line, exit 0 when all are proved."""
    theory = tmp_path / "t.mpl"
    theory.write_text(f'include "{MIRRORED / "peano_mirrored.mpl"}"\n'
                      "target add_zero_left := (>[a](in[a,N])(in3[i0,a,a,+]))\n", encoding="utf-8")
    monkeypatch.setattr(gl.explore, "ExploreConfig", partial(ExploreConfig, max_term_size=3, up_to=3))
    done = CliRunner().invoke(prove, [str(theory), "--until-targets", "--out", str(tmp_path / "out"), "-q"])
    assert done.exit_code == 0, done.output
    assert "targets: 1/1 proved" in done.output
    doc = json.loads((tmp_path / "out" / "proofs.json").read_text())
    assert [t["name"] for t in doc["theorems"] if t["origin"] != "incubator"][-1] == "add_zero_left"


@pytest.mark.slow
def test_mirrored_peano_yields_the_six_laws(tmp_path):
    """`gl prove examples/peano_mirrored`: the six laws from the axioms alone, every
    proved statement true on small numbers and accepted by the checker."""
    run = explore(gl.load(MIRRORED))
    laws = {named_law(t.statement) for t in run.proved}
    assert set(LAW_NAMES) <= laws
    for t in run.proved:
        if t.origin != "incubator":
            assert holds_on_small_numbers(t.statement), readable(t.statement)
    assert check_file(run.write(tmp_path)).ok


def test_families_go_in_definition_order_and_special_cases_last():
    """Exp: the laws of `+`, then `*`, then `^`, whatever the pool order; once
    `i0 ^ s(a) = i0` is proved, the other conjectures about `i0 ^ _` come after the
    general ones of their family, and proving one reopens no failure."""
    theory = load(EXP / "peano_exp.mpl")
    constants = frozenset(theory.constants)

    def conjecture(name, lhs, rhs):
        st = equation_to_statement(lhs, rhs, "N", constants)
        return Conjecture(name, st, "explored", 6, (lhs, rhs))

    power = conjecture("power", ("^", "a", ("+", "b", "c")), ("*", ("^", "a", "b"), ("^", "a", "c")))
    zero = conjecture("zero", ("^", "i0", ("s", "a")), "i0")
    junk = conjecture("junk", ("^", "i0", ("*", "a", "b")), ("^", "i0", ("+", "a", "b")))
    times = conjecture("times", ("*", "a", "b"), ("*", "b", "a"))
    plus = conjecture("plus", ("+", "a", "b"), ("+", "b", "a"))
    schedule = Schedule(retries=2, recursion_bonus=4, failure_penalty=3, succ="s",
                        definitions=definitions(theory), constants=constants)
    pool = [power, zero, junk, times, plus]
    assert [[c.name for c in g] for g in schedule.families(pool)] == [["plus"], ["times"], ["zero"], ["power", "junk"]]
    schedule.started(times)
    schedule.failed_with(times, TheoremResult("times", times.statement))
    schedule.proved(zero)
    pool.remove(zero)
    assert [[c.name for c in g] for g in schedule.families(pool)] == [["plus"], ["times"], ["power"], ["junk"]]
    schedule.proved(junk)
    assert not schedule.due(times)


def _conjecture(name: str, lhs: Term, rhs: Term) -> Conjecture:
    """An explored equation over Peano's names, sized as the pool sizes it."""
    return Conjecture(name, equation_to_statement(lhs, rhs, "N", frozenset({"i0"})), "explored",
                      node_count(lhs) + node_count(rhs), (lhs, rhs))


def test_the_axioms_equations_are_known_from_the_start():
    """Both theories state `+` and `*` by recursion; the selection knows those equations
    (a restated axiom is not attempted) whatever argument the recursion is on."""
    standard, mirrored = (axiom_equations(load(p)) for p in (PEANO / "peano.mpl", MIRRORED / "peano_mirrored.mpl"))
    assert (("+", "a", ("s", "b")), ("s", ("+", "a", "b"))) in standard
    assert len(standard) == len(mirrored) == 4  # base case and step of each; s's injectivity is none
    assert (("+", ("s", "b"), "a"), ("s", ("+", "b", "a"))) in mirrored
    selector = Selector(signature(load(PEANO / "peano.mpl")), frozenset({"i0"}), 2)
    for eq in standard:
        selector.learn(eq)
    restated, other_side = ((("*", "a", ("s", "b")), ("+", ("*", "a", "b"), "a")),
                            (("*", ("s", "a"), "b"), ("+", ("*", "a", "b"), "b")))
    assert [same for same, _ in selector.judge([restated, other_side])] == [True, False]


@pytest.mark.parametrize("path", [PEANO / "peano.mpl", MIRRORED / "peano_mirrored.mpl"])
def test_only_the_other_side_of_a_definition_gets_the_recursion_bonus(path):
    """`s(a) * b = a * b + b` and `a * s(b) = a + a * b` are both recursion lemmas; the one
    an axiom states (which one depends on the theory) gets no head start, nor does a
    variant of a proved one; the other side does, until it is proved."""
    theory = load(path)
    constants = frozenset(theory.constants)
    schedule = Schedule(retries=2, recursion_bonus=4, failure_penalty=3, succ="s",
                        definitions=definitions(theory), constants=constants)
    for eq in axiom_equations(theory):
        schedule.know(eq)
    left = _conjecture("left", ("*", ("s", "a"), "b"), ("+", ("*", "a", "b"), "b"))
    right = _conjecture("right", ("*", "a", ("s", "b")), ("+", "a", ("*", "a", "b")))
    left_variant = _conjecture("left_variant", ("*", ("s", "b"), "a"), ("+", "a", ("*", "b", "a")))
    right_variant = _conjecture("right_variant", ("*", "b", ("s", "a")), ("+", ("*", "b", "a"), "b"))
    new, old = (left, right) if definitions(theory).positions["*"] == {1} else (right, left)
    new_variant = left_variant if new is left else right_variant
    assert all(c.recursion_lemma("s") for c in (left, right, left_variant, right_variant))
    assert schedule.rank(new) == new.size - 4 and schedule.rank(old) == old.size
    assert schedule.rank(new_variant) == new_variant.size - 4
    schedule.proved(new)
    assert schedule.rank(new_variant) == new_variant.size


def test_a_failure_holds_back_its_restatements():
    """Once `a * b = b * a` is proved, `a * (b * c) = b * (a * c)` restates associativity
    (each follows from the other); a recursion lemma with the same functions does not
    restate its twisted variant. Restatements wait with the failed conjecture until a
    theorem that can help them, or until nothing else is left."""
    theory = load(PEANO / "peano.mpl")
    selector = Selector(signature(theory), frozenset({"i0"}), 2)
    selector.learn((("*", "a", "b"), ("*", "b", "a")))
    assoc = _conjecture("assoc", ("*", ("*", "a", "b"), "c"), ("*", "a", ("*", "b", "c")))
    twisted = _conjecture("twisted", ("*", "a", ("*", "b", "c")), ("*", "b", ("*", "a", "c")))
    distrib = _conjecture("distrib", ("*", "a", ("+", "b", "c")), ("+", ("*", "a", "b"), ("*", "a", "c")))
    assert assoc.contents(frozenset()) == twisted.contents(frozenset())
    assert selector.restatements(assoc.equation, [twisted.equation, distrib.equation]) == [True, False]
    unlearned = Selector(signature(theory), frozenset({"i0"}), 2)
    assert unlearned.restatements(assoc.equation, [twisted.equation]) == [False]
    lemma = _conjecture("lemma", ("+", "a", ("*", "b", "a")), ("*", "a", ("s", "b")))
    other = _conjecture("other", ("+", ("*", "a", "b"), "b"), ("*", ("s", "a"), "b"))
    assert lemma.contents(frozenset()) == other.contents(frozenset())
    assert unlearned.restatements(lemma.equation, [other.equation]) == [False]

    schedule = Schedule(retries=2, recursion_bonus=4, failure_penalty=3, succ="s",
                        definitions=definitions(theory), constants=frozenset({"i0"}))
    schedule.started(assoc)
    schedule.failed_with(assoc, TheoremResult("assoc", assoc.statement))
    schedule.wait_with(assoc, [twisted])
    assert not schedule.due(twisted) and schedule.rank(twisted) == schedule.rank(assoc)
    assert [c.name for c in schedule.waiting([assoc, twisted, distrib])] == ["assoc", "twisted"]
    schedule.proved(distrib)
    assert schedule.due(twisted) and schedule.due(assoc)
    schedule.started(twisted)
    assert "twisted" not in schedule.waits


def _exp_schedule() -> Schedule:
    theory = load(EXAMPLES / "peano_exp" / "peano_exp.mpl")
    schedule = Schedule(retries=2, recursion_bonus=4, failure_penalty=3, succ="s",
                        definitions=definitions(theory), constants=frozenset({"i0"}))
    for eq in axiom_equations(theory):
        schedule.know(eq)
    return schedule


def test_what_follows_from_the_axioms_settles_a_pattern():
    """`i0 ^ s(a) = i0` follows from the axioms (`i0 ^ s(a) = i0 ^ a * i0 = i0`): it is
    never attempted, yet it says what `i0 ^ a` is as a proof would, and the conjectures
    about `i0 ^ a` go after the rest of their family."""
    schedule = _exp_schedule()
    junk = _conjecture("junk", ("*", "a", ("^", "i0", "a")), "i0")
    law = _conjecture("law", ("^", ("^", "a", "b"), "c"), ("^", "a", ("*", "b", "c")))
    assert schedule.key(junk) < schedule.key(law)
    # a pattern equated with itself says nothing of what it is (`a ^ i0 = b ^ i0` proved does)
    assert not schedule.follow([_conjecture("itself", ("^", "i0", ("s", ("s", "a"))), ("^", "i0", "a"))])
    assert schedule.follow([_conjecture("settling", ("^", "i0", ("s", "a")), "i0")])
    assert schedule.key(law) < schedule.key(junk) and "settling" in schedule.implied
    assert [c.name for c in schedule.families([junk, law])[0]] == ["law"]
    assert not schedule.follow([_conjecture("again", ("^", "i0", ("s", "b")), "i0")])  # nothing new settled


def test_weak_evidence_goes_last_and_asked_lemmas_come_first_with_more_effort():
    """A conjecture known on the smallest values only (`ExploreConfig.points`) waits for
    the rest of its family; a lemma a failed conjecture's induction step needs
    (`generalize.step_lemmas`) comes first, its first attempt at effort 1."""
    schedule = _exp_schedule()
    law = _conjecture("exp_exp", ("^", ("^", "a", "b"), "c"), ("^", "a", ("*", "b", "c")))
    add = _conjecture("exp_add", ("*", ("^", "a", "b"), ("^", "a", "c")), ("^", "a", ("+", "b", "c")))
    weak = _conjecture("weak", ("^", "a", ("s", ("s", ("s", "a")))), ("^", "a", ("s", ("*", "a", "a"))))
    schedule.weak.add("weak")
    assert schedule.key(weak) > schedule.key(add) and schedule.key(law) < schedule.key(add)
    schedule.started(law)
    schedule.failed_with(law, TheoremResult(law.name, law.statement))
    lemmas = step_lemmas([law.equation], [weak, add], schedule.definitions, "s", frozenset({"i0"}))
    assert [c.name for c in lemmas] == ["exp_add"]
    schedule.ask(lemmas)
    assert [c.name for c in schedule.families([weak, add])[0]] == ["exp_add"]
    assert (schedule.effort(add), schedule.effort(weak), schedule.effort(law)) == (1, 0, 1)


def test_a_failure_short_of_time_is_retried_longer_not_wider_after_its_family():
    """A conjecture that failed for want of matching steps or cycles (not of witnesses)
    gets one retry with the time budgets raised and the witnesses as they were
    (`Settings.scaled(wider=False)`: more witnesses only drown such a block), without
    waiting for a theorem, once the rest of its family has nothing left to attempt; a
    special case does not, and the lemmas its failure asks for get the same budgets."""
    schedule = _exp_schedule()
    law = _conjecture("exp_exp", ("^", ("^", "a", "b"), "c"), ("^", "a", ("*", "b", "c")))
    add = _conjecture("exp_add", ("*", ("^", "a", "b"), ("^", "a", "c")), ("^", "a", ("+", "b", "c")))
    other = _conjecture("other", ("^", ("*", "a", "a"), "b"), ("^", "a", ("+", "b", "b")))
    schedule.started(law)
    schedule.failed_with(law, TheoremResult(law.name, law.statement, budget_bound=True, short=frozenset({"work"})))
    assert schedule.due(law) and schedule.tier(law) == 1 and schedule.key(other) < schedule.key(law)
    assert (schedule.effort(law), schedule.wider(law)) == (1, False)
    schedule.ask([add], frozenset({"work"}))
    assert (schedule.effort(add), schedule.wider(add)) == (1, False)
    schedule.started(law)
    schedule.failed_with(law, TheoremResult(law.name, law.statement, effort=1, budget_bound=True,
                                            short=frozenset({"work"})))
    assert not schedule.due(law)  # a second raised retry waits for a theorem, as any other
    junk = _conjecture("junk", ("*", "a", ("^", "i0", "a")), "i0")
    schedule.follow([_conjecture("settling", ("^", "i0", ("s", "a")), "i0")])
    schedule.started(junk)
    schedule.failed_with(junk, TheoremResult(junk.name, junk.statement, budget_bound=True, short=frozenset({"work"})))
    assert not schedule.due(junk) and schedule.tier(junk) == 2
    starved = TheoremResult(other.name, other.statement, budget_bound=True, short=frozenset({"witnesses"}))
    schedule.started(other)
    schedule.failed_with(other, starved)
    assert schedule.wider(other)


def test_a_retry_short_of_time_keeps_the_witnesses():
    """`Prover.prove` says which budgets a failure ran short of; the retry not `wider`
    doubles the work and adds cycles, and keeps the witnesses and their order."""
    prover = Prover(load(PEANO / "peano.mpl"), Settings(max_work=200))
    claim = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
    failed = prover.prove("add_comm", claim)
    assert failed.budget_bound and failed.short == {"work"}
    longer = prover.prove("add_comm", claim, effort=1, wider=False).settings
    assert (longer["max_witnesses"], longer["max_cycles"]) == (60, 16)

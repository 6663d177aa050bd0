"""mutation.alchemy on the real Peano library (`gl prove peano_targets.mpl --targets-only`,
proved once for this module): invocable laws, both mutation kinds, deduplication, several
rounds, the dataset schema, and the independent checker on every mutant."""

from __future__ import annotations

import copy
import itertools
import json
import random
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import PEANO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_mutation_model import holds

import gl
from gl.checker import check_file
from mpl_lang import parse_expr, readable
from mpl_lang.logic import Literal, clausify
from mpl_lang.terms import canonical, match, positions
from mutation.alchemy import (
    LawIndex,
    Library,
    Mutant,
    Realized,
    Synthesizer,
    check_mutant,
    equation_key,
    literal_key,
    statement_key,
)
from mutation.alchemy.equivalence import ac_equation_key, ac_operators
from mutation.alchemy.render import lean_statement
from mutation.alchemy.statements import EqView, RuleForm

ROW_KEYS = ["id", "round", "kind", "seed", "mutant", "invoked", "location", "direction", "cites",
            "proof", "checked", "canonical_hash", "ac_hash", "size", "depth"]


@pytest.fixture(scope="module")
def run(peano_targets_run: gl.core.session.ProofRun) -> gl.core.session.ProofRun:
    return peano_targets_run


@pytest.fixture(scope="module")
def library(peano_targets_proofs: Path) -> Library:
    return Library.load(peano_targets_proofs)


@pytest.fixture(scope="module")
def synth(library: Library) -> Synthesizer:
    """Two rounds of rw and apply with the default caps, every mutant checked."""
    syn = Synthesizer(library, rounds=2)
    syn.run()
    syn.check()
    return syn


def test_library_seeds_and_laws(library: Library, run: gl.core.session.ProofRun) -> None:
    names = [t.name for t in run.theorems]
    assert [s.name for s in library.seeds] == names and library.skipped == []
    assert all(s.eq is not None for s in library.seeds)
    labels = {law.label for law in library.laws}
    assert {"add_comm", "mul_assoc", "axiom 10", "axiom 24"} - labels == {"axiom 10"}  # existential
    assert {s.name for s in Library.from_run(run).seeds} == set(names)
    comm = next(law for law in library.laws if law.label == "add_comm")
    assert comm.text == "a + b = b + a" and comm.theorem == "add_comm"


def test_index_finds_exactly_the_matching_laws(library: Library) -> None:
    """The discrimination trees return every law that matches (no all-pairs search) and the
    candidates that do not match are filtered by real matching."""
    index = LawIndex(library.laws)
    for seed in library.seeds:
        for side in (seed.eq.lhs, seed.eq.rhs):
            for _, t in positions(side):
                if isinstance(t, str):
                    continue
                found = {(law.index, d) for law, d in index.rewrites(t)
                         if match(law.eq.lhs if d == "ltr" else law.eq.rhs, t,
                                  set(law.cr.clause.vars).__contains__) is not None}
                brute = {(law.index, d) for law in library.laws if law.eq is not None
                         for d, p in (("ltr", law.eq.lhs), ("rtl", law.eq.rhs))
                         if not isinstance(p, str)
                         and match(p, t, set(law.cr.clause.vars).__contains__) is not None}
                assert found == brute, (seed.name, t)
    assert index.rw.size < 2 * len(library.laws)
    sums = [law.label for law in index.appliers(Literal(True, "in3", ("x", "y", "z", "+")))]
    assert {"add_comm", "add_assoc", "axiom 15"} <= set(sums) and "mul_comm" not in sums


def test_each_kind_makes_checked_mutants(library: Library) -> None:
    for kind in ("rw", "apply"):
        syn = Synthesizer(library, kinds=kind, rounds=1)
        ms = syn.run()
        assert len(ms) >= 10 and {m.kind for m in ms} == {kind}
        report = syn.check()
        assert report.ok, "\n".join(report.lines()[-5:])
        assert all(m.checked for m in ms)
        assert syn.stats.pairs[kind] and syn.stats.instances[kind] >= len(ms)


def test_two_rounds_meet_the_bar(synth: Synthesizer, library: Library) -> None:
    """At least 50 checked mutants per seed on average, all passing the checker."""
    st = synth.stats
    assert st.total >= 50 * len(library.seeds)
    assert st.checked == st.total == st.passed
    assert set(st.rounds) == {1, 2} and min(st.mutants.values()) > 0
    assert st.duplicates > 0


def test_mutants_are_true_in_the_standard_model(synth: Synthesizer) -> None:
    """Every mutant, evaluated on random naturals (+, * as Python ints, s as +1, i0 = 0,
    i1 = 1), never has true hypotheses and a false conclusion; most evaluations are not
    vacuous."""
    informative = 0
    for m in synth.mutants:
        ok, live = holds(m.statement, seed=int(m.id[1:]), trials=12)
        assert ok, (m.id, m.mpl)
        informative += live > 0
    assert informative >= 0.85 * len(synth.mutants)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_property_random_mutants_hold(synth: Synthesizer, data: st.DataObject) -> None:
    """Hypothesis draws mutants and seeds for the random naturals."""
    m = data.draw(st.sampled_from(synth.mutants), label="mutant")
    seed = data.draw(st.integers(0, 2**32 - 1), label="seed")
    assert holds(m.statement, seed=seed, trials=4)[0], m.mpl


def test_dedup_keys(library: Library) -> None:
    """Keys forget variable names, the order of an equation's sides and of hypotheses."""
    c = library.constants
    comm = ("eq", "+(#0,#1)=+(#1,#0)")
    assert equation_key(("+", "a", "b"), ("+", "b", "a"), c) == comm
    assert equation_key(("+", "y", "x"), ("+", "x", "y"), c) == comm
    assert equation_key(("+", "a", "b"), "c", c) == equation_key("c", ("+", "a", "b"), c) == ("eq", "#0=+(#1,#2)")
    assert equation_key(("s", "a"), "i0", c, negated=True) == ("neq", "i0=s(#0)")
    h1, h2 = Literal(True, "in3", ("a", "b", "d", "+")), Literal(True, "in3", ("d", "c", "e", "+"))
    chain = ("rule", Literal(True, "=", ("#0", "#1")),
             (Literal(True, "in3", ("#0", "#2", "#3", "+")), Literal(True, "in3", ("#3", "#4", "#1", "+"))))
    assert literal_key((h1, h2), Literal(True, "=", ("a", "e")), c) == chain
    assert literal_key((h2, h1), Literal(True, "=", ("e", "a")), c) == chain
    seed = {s.name: s for s in library.seeds}
    assert statement_key(seed["add_comm"].form, c, "N") == comm
    assert statement_key(seed["add_zero_left"].form, c, "N") == ("eq", "#0=+(i0,#0)")


def test_no_duplicate_mutants(synth: Synthesizer, library: Library) -> None:
    """No two mutants state one equation (up to variable names and sides, judged here with
    `mpl_lang.terms.canonical`, not the keys of `canon`), nor a library theorem's; no two
    mutants have one MPL text."""
    def equation(ev: EqView) -> tuple[bool, str]:
        sides = canonical(ev.lhs, ev.rhs, library.constants), canonical(ev.rhs, ev.lhs, library.constants)
        return ev.negated, min(map(repr, sides))

    equations = [equation(m.as_seed().eq) for m in synth.mutants if m.pure]
    assert len(equations) > 1000 and len(set(equations)) == len(equations)
    assert not set(equations) & {equation(s.eq) for s in library.seeds}
    assert len({m.mpl for m in synth.mutants}) == len(synth.mutants)


def test_second_round_mutates_mutants(synth: Synthesizer) -> None:
    second = [m for m in synth.mutants if m.round == 2]
    assert second and all(m.parent is not None and m.parent.round == 1 for m in second)
    assert all(m.parent.id in m.cites and m.root == m.parent.root for m in second)
    one = Synthesizer(synth.library, rounds=1)
    assert {m.round for m in one.run()} == {1}
    m = second[len(second) // 2]
    fresh = copy.copy(m)
    fresh.checked = None
    assert check_mutant(synth.library, fresh) and fresh.failures == []


def test_statements_and_clauses_are_what_the_checker_reads(synth: Synthesizer, library: Library) -> None:
    for m in synth.mutants[::7]:
        form = m.realized.form
        assert parse_expr(m.mpl) == m.statement
        assert m.lean == lean_statement(m.id, m.statement, library.lean_names, m.pure)
        assert clausify(library.theory.unfold(m.statement)) == [form.clause]
    # the readable text is joined from cached literal texts: what the printer writes whole
    assert all(m.readable == readable(m.statement, equations=m.pure) for m in synth.mutants)


def test_dataset_rows(synth: Synthesizer, tmp_path: Path) -> None:
    path = tmp_path / "synth.jsonl"
    assert synth.write_dataset(path) == synth.stats.total
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [m.id for m in synth.mutants]
    for r in rows[::11]:
        assert list(r) == ROW_KEYS
        assert set(r["seed"]) == {"name", "mpl", "readable", "root", "family"}
        assert len(r["canonical_hash"]) == 32 and r["ac_hash"] is None and r["size"] >= 1 <= r["depth"]
        assert set(r["mutant"]) == {"mpl", "readable", "tptp", "lean"}
        assert r["kind"] in ("rw", "apply") and r["checked"] is True
        assert r["mutant"]["tptp"].startswith(f"fof({r['id']}, conjecture, ")
        assert r["mutant"]["lean"].startswith(f"theorem {r['id']} (")
        assert r["proof"]["blocks"][0]["claim"] == r["mutant"]["mpl"]
        assert r["invoked"]["name"] and r["invoked"]["ref"]
        if r["kind"] == "rw":
            assert r["direction"] in ("ltr", "rtl") and r["location"]["side"] in ("lhs", "rhs")
            assert " : Nat) : " in r["mutant"]["lean"] and "(h0" not in r["mutant"]["lean"]
        else:
            assert r["direction"] is None and r["location"]["in"] == "hypothesis"
    # the first rw of (a + b) + c = a + (b + c): add_comm right to left on its left side
    # gives c + (a + b) = a + (b + c), which reads with canonical names as below
    rw = next(r for r in rows if r["kind"] == "rw" and r["seed"]["name"] == "add_assoc")
    assert (rw["invoked"]["name"], rw["direction"]) == ("add_comm", "rtl")
    assert rw["location"] == {"in": "hypothesis", "index": 1, "side": "lhs", "path": []}
    assert rw["mutant"]["readable"] == "∀a,b,c: a + (b + c) = b + (c + a)"
    assert rw["mutant"]["lean"] == f"theorem {rw['id']} (a b c : Nat) : a + (b + c) = b + (c + a)"
    assert rw["cites"] == ["add_comm", "add_assoc"]


def test_proof_document_passes_gl_check(library: Library, tmp_path: Path) -> None:
    syn = Synthesizer(library, rounds=2, max_per_seed=4)
    syn.run()
    path = syn.write_proofs(tmp_path / "out" / "synth_proofs.json")
    report = check_file(path)
    assert report.ok, "\n".join(report.lines()[-5:])
    assert len(report.accepted) == len(library.theorems) + len(syn.mutants)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert [t["origin"] for t in doc["theorems"][len(library.theorems):]] == ["mutant"] * len(syn.mutants)


CORRUPTIONS = ["statement", "subst", "drop_step", "premise", "witness", "goal"]


def corrupted(m: Mutant, corruption: str) -> Mutant:
    """`m` with its statement or proof corrupted (a copy; `m` is left as it is)."""
    form, steps, goal = m.realized.form, copy.deepcopy(m.realized.steps), m.realized.goal_step
    rule = next(s for s in steps if s["kind"] == "rule" and s["subst"])
    if corruption == "statement":   # the same proof for a false statement: ... = i1
        concl = Literal(True, form.concl.pred, (*form.concl.args[:-2], "i1", form.concl.args[-1]))
        form = RuleForm(form.vars, form.hyps, concl)
    elif corruption == "subst":
        var = sorted(rule["subst"])[0]
        rule["subst"][var] = rule["subst"][var] + "x"
    elif corruption == "drop_step":
        steps.remove(rule)
    elif corruption == "premise":
        rule["premises"] = rule["premises"][::-1] if len(rule["premises"]) > 1 else []
    elif corruption == "witness":
        w = next(s for s in steps if s["kind"] == "witness")
        w["subst"] = {k: (form.vars[0] if k == "z" else v) for k, v in w["subst"].items()}
    else:
        goal = 1
    return Mutant(m.id, m.round, m.plan, Realized(form, steps, goal, m.cites), m.lean_names)


def _witnessed(m: Mutant) -> bool:
    return m.kind == "rw" and any(s["kind"] == "witness" for s in m.realized.steps)


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupted_mutant_proof_is_rejected(synth: Synthesizer, corruption: str) -> None:
    m = next(m for m in synth.mutants if _witnessed(m))
    bad = corrupted(m, corruption)
    assert check_mutant(synth.library, bad) is False and bad.failures
    assert m.checked is True


def test_stream_checker_rejects_what_it_must(library: Library) -> None:
    """`Synthesizer.check` checks each mutant once, citing its parent as checked before
    (`StreamChecker`): a corrupted mutant is rejected, and so is a child citing it, or
    citing a parent the checker has forgotten, or one named twice; checked again, the
    sound ones pass."""
    syn = Synthesizer(library, rounds=2, max_per_seed=5)
    syn.run()
    parent, child = next((m.parent, m) for m in syn.mutants if m.round == 2 and _witnessed(m.parent))
    assert syn.check([m for m in syn.mutants if m.round == 1]).ok
    for corruption in CORRUPTIONS:
        bad = corrupted(parent, corruption)
        assert not syn.check([bad]).ok and bad.checked is False and bad.failures, corruption
        assert syn.check([child]).failures and child.checked is False
        assert any("whose proof was rejected" in f for f in child.failures), child.failures
        assert syn.check([parent, child]).ok and parent.checked and child.checked
    stream = syn._stream
    again = stream.extend([child.theorem(False)])  # known already: a second theorem of its name
    assert again.accepted == [] and [f.reason for f in again.failures] == ["duplicate theorem name"]
    stream.forget([parent.id])  # the stream's count, not how many names it holds, numbers theorems
    again = stream.extend([child.theorem(False)])
    assert [f.reason for f in again.failures] == ["duplicate theorem name"]
    alone = stream.extend([child.theorem(False)], forget=[child.id])  # `Checker.extend` itself
    assert alone.accepted == [] and "is not a theorem of the file" in str(alone.failures[0])
    assert syn.check().ok and all(m.checked for m in syn.mutants)


def test_deterministic_and_lazy(library: Library) -> None:
    a = Synthesizer(library, rounds=2, max_per_seed=6)
    first = list(itertools.islice(a, 5))
    assert len(a.mutants) == 5 and [m.id for m in first] == [f"m{i:06d}" for i in range(1, 6)]
    a.run()
    b = Synthesizer(library, rounds=2, max_per_seed=6)
    b.run()
    assert [json.dumps(m.row(), sort_keys=True) for m in a.mutants] == \
        [json.dumps(m.row(), sort_keys=True) for m in b.mutants]


def test_caps_and_options(library: Library) -> None:
    syn = Synthesizer(library, rounds=3, max_mutants=40)
    assert len(syn.run()) == 40
    narrow = Synthesizer(library, kinds="rw", rounds=1, new_variables=False)
    ms = narrow.run()
    assert ms[0].seed.readable == "∀a: a ∈ N → i0 + a = a" and ms[0].law.text == "a + b = b + a"
    assert ms[0].readable == "∀a: a ∈ N → a + i0 = a"
    assert all(m.plan.new == () and len(m.as_seed().eq.leaves) <= len(m.seed.eq.leaves) for m in ms)
    assert narrow.mutator.passed_over["new_variables"] > 0
    wide = Synthesizer(library, kinds="rw", rounds=1).run()
    assert {m.plan.key for m in ms} == {m.plan.key for m in wide if not m.plan.new} != {m.plan.key for m in wide}
    with pytest.raises(ValueError):
        Synthesizer(library, kinds="rw,bogus")
    with pytest.raises(TypeError):
        Synthesizer(library, round=2)


def test_equivalence_modulo_ac(library: Library) -> None:
    """`equivalence="ac"` finds + and * AC from the library's laws and drops equations equal
    modulo AC and renaming to a library theorem or an earlier mutant; nothing else."""
    plain = Synthesizer(library, rounds=1)
    ac = Synthesizer(library, rounds=1, equivalence="ac")
    assert ac.mutator.ac == {"+", "*"} and ac_operators(library.laws[:3], library.constants) == frozenset()
    keys = {m.plan.key for m in plain.run()}
    ms = ac.run()
    assert ac.stats.equivalent > 0 and {m.plan.key for m in ms} < keys
    hashes = [m.row()["ac_hash"] for m in ms]
    assert None not in hashes and len(set(hashes)) == len(hashes) and ac.check().ok
    sums = {m.readable for m in ms if m.kind == "rw" and m.seed.name == "add_assoc"}
    assert len(sums) < len({m.readable for m in plain.mutants if m.kind == "rw" and m.seed.name == "add_assoc"})
    k = ac_equation_key(("*", "a", ("+", "b", "c")), ("+", ("*", "a", "b"), "d"), library.constants, ac.mutator.ac)
    assert k == ac_equation_key(("*", ("+", "z", "y"), "x"), ("+", "w", ("*", "z", "x")), library.constants,
                                ac.mutator.ac)


def test_balanced_sampling_under_a_budget(library: Library) -> None:
    """With `max_mutants` the budget is spread over the seeds of the library theorems (in an
    order the sample seed shuffles) and their laws; the same seed gives the same sample."""
    def sample(seed: int) -> list[Mutant]:
        return Synthesizer(library, rounds=2, max_mutants=88, sample_seed=seed).run()

    ms = sample(0)
    per_root = Counter(m.root for m in ms)
    assert len(ms) == 88 and len(per_root) == len(library.seeds) and max(per_root.values()) <= 12
    assert Counter(m.round for m in ms) == {1: 44, 2: 44}
    assert [m.row() for m in ms] == [m.row() for m in sample(0)]
    assert [m.plan.key for m in ms] != [m.plan.key for m in sample(1)]
    first = Synthesizer(library, rounds=1, max_mutants=len(library.seeds)).run()
    assert len({m.root for m in first}) == len(library.seeds)


def test_every_stretch_of_a_round_mixes_its_roots(library: Library) -> None:
    """A round visits the seeds of its library theorems (roots) interleaved in proportion,
    so each third of its rows holds every root about as the whole round does (before, the
    roots with few seeds ran out first and the last stretches held only the largest roots)."""
    for budget in (None, 300):
        second = [m for m in Synthesizer(library, rounds=2, max_mutants=budget).run() if m.round == 2]
        n = len(second)
        whole = Counter(m.root for m in second)
        for part in (second[:n // 3], second[n // 3:2 * n // 3], second[2 * n // 3:]):
            c = Counter(m.root for m in part)
            assert max(abs(c[r] / len(part) - k / n) for r, k in whole.items()) < 0.06
    # a round without seeds (its round before made nothing) makes nothing, with a budget too
    nobody = SimpleNamespace(config=SimpleNamespace(sample_seed=0))
    assert list(Synthesizer._round(nobody, [], 2, 100)) == list(Synthesizer._round(nobody, [], 2, None)) == []


def test_quotas_and_size_ranges(library: Library) -> None:
    ms = Synthesizer(library, rounds=2, max_per_root=30, max_per_law=25, min_size=3, max_size=6,
                     max_depth=3).run()
    assert ms and max(Counter(m.root for m in ms).values()) == 30
    assert max(Counter(m.law.index for m in ms).values()) <= 25
    assert all(3 <= m.plan.size <= 6 and m.plan.depth <= 3 for m in ms)
    assert {m.plan.size for m in ms} == {3, 4, 5, 6}


def test_checked_stream_keeps_only_the_seeds(library: Library) -> None:
    """`checked()` yields every mutant checked, batch by batch, and keeps no mutant: the next
    round's seeds are lean (texts, not the mutant and its proof), and rows are those of the
    mutants a plain run makes; `batches()` without `lean` keeps the rounds that seed another."""
    syn = Synthesizer(library, rounds=2, max_per_seed=5)
    ms = list(syn.checked(size=40))
    assert ms and all(m.checked for m in ms) and syn.stats.passed == len(ms)
    assert syn.mutants == [] and {m.round for m in ms} == {1, 2}
    assert all(m.parent is None and m.seed.texts is not None for m in ms if m.round == 2)
    plain = Synthesizer(library, rounds=2, max_per_seed=5).run()
    assert [m.row() | {"checked": None} for m in ms] == [m.row() for m in plain]
    syn = Synthesizer(library, rounds=2, max_per_seed=5)
    assert sum(map(len, syn.batches(40))) == len(ms)
    assert {m.round for m in syn.mutants} == {1} and len(syn.mutants) < len(ms)


def test_seed_texts_make_the_same_seeds(synth: Synthesizer) -> None:
    """A mutant kept as a seed in text only (`as_seed(lean=True)`, what a streamed run keeps)
    makes, when its round visits it, the seed its whole mutant makes: the same literals,
    equation view and texts, hence the same plans of both kinds (every 4th mutant of both
    rounds and kinds: all of them took half a minute)."""
    mutator = synth.mutator
    sample = synth.mutants[::4]
    assert {m.round for m in sample} == {1, 2} and {m.kind for m in sample} == {"rw", "apply"}
    for m in sample:
        full, again = m.as_seed(), m.as_seed(lean=True).seed()
        assert (again.name, again.form, again.eq, again.family) == (full.name, full.form, full.eq, full.family)
        assert (again.mpl, again.readable, again.root) == (full.mpl, full.readable, full.root)
        assert list(mutator.rw(again)) == list(mutator.rw(full))
        assert list(mutator.apply(again)) == list(mutator.apply(full))


@pytest.mark.parametrize("shuffle", [False, True])
def test_plans_take_turns_by_law(synth: Synthesizer, shuffle: bool) -> None:
    """A seed's plans, made as they are read (`_plans`), are every candidate, the laws taking
    turns in the order they first act (shuffled when sampling): the order of listing every
    (place, law) pair, grouping by law and interleaving the groups."""
    seeds = [*synth.library.seeds, *(m.as_seed() for m in synth.mutants[:60])]
    for seed in seeds:
        by_law: dict[tuple[str, int], list] = {}
        for kind in synth.config.kinds:
            for law, make in synth.mutator.candidates(seed, kind):
                by_law.setdefault((kind, law.index), []).append(make)
        lists = list(by_law.values())
        if shuffle:
            random.Random(f"{synth.config.sample_seed}/{seed.name}").shuffle(lists)
        want = [p for turn in itertools.zip_longest(*lists) for p in turn if p is not None]
        plans = synth._plans(seed, shuffle)
        assert len(plans) == len(want)
        for i in [*range(len(want)), *reversed(range(len(want)))]:  # any order of reading
            assert plans[i].func == want[i].func and plans[i].args == want[i].args
        assert [(p.func, p.args) for p in plans] == [(p.func, p.args) for p in want]

GROUND = """include "{peano}"
target g_add_0_0 := (>[](in[i0,N])(in3[i0,i0,i0,+]))
target g_add_0_2 := (>[n2](in2[i1,n2,s])(in3[i0,n2,n2,+]))
target g_ne_0_1 := (>[](in[i0,N])!(=[i0,i1]))
target g_add_0_1 := (>[](in[i0,N])(in3[i0,i1,i1,+]))
target g_ne_0_2 := (>[n2](in2[i1,n2,s])!(=[i0,n2]))
target g_add_1_1_ne := (>[n2](in2[i1,n2,s])!(in3[i1,i1,i1,+]))
target add_zero_right := (>[a](in[a,N])(in3[a,i0,a,+]))
"""


def test_ground_facts_and_negations_like_the_explorer_writes(tmp_path: Path) -> None:
    """Incubator-style seeds (no variables, negated conclusions) mutate and check too."""
    src = tmp_path / "ground.mpl"
    src.write_text(GROUND.format(peano=(PEANO / "peano.mpl").as_posix()), encoding="utf-8")
    run = gl.load(src).prove()
    assert run.all_proved
    library = Library.from_run(run)
    assert [s.family for s in library.seeds] == ["ground"] * 6 + ["lemma"]
    assert {m.seed.name for m in Synthesizer(library, rounds=1).run()} == {"add_zero_right"}
    syn = Synthesizer(library, rounds=2, seeds="all")
    ms = syn.run()
    assert syn.check().ok and syn.stats.unprovable == 0
    ground = [m for m in ms if m.kind == "rw" and not m.as_seed().eq.leaves]
    assert all(m.as_seed(lean=True).seed().eq == m.as_seed().eq for m in ms)  # disequations too
    assert ground and all(m.lean.startswith(f"theorem {m.id} : ") for m in ground)
    negated = [m for m in ms if m.seed.name in ("g_ne_0_1", "g_add_1_1_ne")]
    assert {m.kind for m in negated} == {"rw", "apply"}
    assert all(m.realized.form.concl[0] is False for m in negated)
    assert all(m.proof["method"] == ("contradiction" if m.kind == "rw" else "direct") for m in negated)
    assert any(" ≠ " in m.lean for m in negated if m.kind == "rw")
    for m in ms:
        assert holds(m.statement, seed=int(m.id[1:]), trials=6)[0], m.mpl


def test_interrupt_keeps_what_was_made(library: Library) -> None:
    syn = Synthesizer(library, rounds=2)

    def stop(m: Mutant) -> None:
        if len(syn.mutants) == 30:
            raise KeyboardInterrupt

    ms = syn.run(stop)
    assert syn.interrupted and len(ms) == 30 and syn.check().ok

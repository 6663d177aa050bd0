"""The incubator's fact names are injective: function names with `_` (TIP allows them)
and names equal to the readable ones (`add`) never give two facts one name, which the
checker would reject as a duplicate."""

from __future__ import annotations

from pathlib import Path

import gl
from gl.checker.check import check_file
from gl.core.session import ProofRun
from gl.incubator import fact_name, incubate

#: `f_1(x) = S(x)` and `f(x, y) = x`: by the old names, `f_1(2)` and `f(1, 2)` were both
#: `inc_f_1_2`; `add` and `ne` shared names with `+` and the negative facts
UNDERSCORES = """(declare-datatype Nat ((Z) (S (p Nat))))
(define-fun-rec f_1 ((x Nat)) Nat (match x ((Z (S Z)) ((S z) (S (f_1 z))))))
(define-fun-rec f ((x Nat) (y Nat)) Nat (match y ((Z x) ((S z) (f x z)))))
(define-fun-rec ne ((x Nat) (y Nat)) Nat (match y ((Z x) ((S z) (S (ne x z))))))
(prove (forall ((x Nat)) (= (f x Z) x)))
"""


def test_fact_names_are_injective():
    names = [fact_name(op, args) for op, args in [("f_1", (2,)), ("f", (1, 2)), ("+", (2, 3)), ("add", (2, 3)),
                                                   ("ne", (1, 2)), ("p", ("t_1",)), ("p_t", (1,)), ("pQ5ft", (1,))]]
    assert len(set(names)) == len(names) and "inc_ne_1_2" not in names


def test_facts_of_functions_named_with_underscores_pass_the_checker(tmp_path: Path):
    source = tmp_path / "underscores.smt2"
    source.write_text(UNDERSCORES)
    session = gl.load(source)
    inc = incubate(session.theory, 3)
    names = [r.name for r in inc.results]
    assert len(set(names)) == len(names) and all(r.proved for r in inc.results)
    assert {"inc_fQ5f1_2", "inc_f_1_2"} <= set(names)
    report = check_file(ProofRun(session, theorems=inc.results).write(tmp_path / "out"))
    assert report.ok and len(report.accepted) == len(inc.results)


def test_facts_of_a_function_with_a_long_name_pass_the_checker(tmp_path: Path):
    """Escaping lengthens a name (`_` is `Q5f`): past MPL's limit a fact is named by a digest."""
    long = "times_" * 19 + "op"
    source = tmp_path / "long.smt2"
    source.write_text(UNDERSCORES.replace("f_1", long))
    session = gl.load(source)
    inc = incubate(session.theory, 3)
    names = [r.name for r in inc.results]
    assert len(set(names)) == len(names) and any(n.startswith("inc_QQ") for n in names)
    report = check_file(ProofRun(session, theorems=inc.results).write(tmp_path / "out"))
    assert report.ok and len(report.accepted) == len(inc.results)

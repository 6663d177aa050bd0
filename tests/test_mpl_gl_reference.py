"""The Generative Logic reference Peano folder: it imports, compiles, gives the same theory
as the native `.mpl` files, and reads as the Peano axioms in infix form."""

from __future__ import annotations

from conftest import PEANO

from mpl_lang import load, read_gl_folder, readable
from mpl_lang.fuzzing import gl_folder_files
from mpl_lang.printer import readable_conjuncts


def test_reference_folder_imports_and_compiles(gl_reference):
    defs = read_gl_folder(gl_reference)
    assert [(d.name, d.params, d.anchor) for d in defs] == [
        ("fXY", ("f", "X", "Y"), False),
        ("fXYZ", ("f", "X", "Y", "Z"), False),
        ("NaturalNumbers", ("N", "i0", "s", "+", "*"), False),
        ("AnchorPeano", ("N", "i0", "s", "+", "*", "i1"), True),
    ]
    t = load(gl_reference)
    assert t.constants == ("N", "i0", "s", "+", "*", "i1")
    assert t.inductions == () and t.statements == ()
    assert len(t.axioms()) == 25


def test_reference_definitions_equal_the_native_ones(gl_reference):
    assert read_gl_folder(gl_reference) == list(load(PEANO / "peano.mpl").definitions.values())


def test_gl_targets_equal_native_targets(gl_reference):
    gl = load(PEANO / "peano_gl_targets.mpl")
    native = load(PEANO / "peano_targets.mpl")
    assert gl.decls() == native.decls()
    assert gl.axioms() == native.axioms()
    assert any(f.endswith("NaturalNumbers.txt") for f in gl.files)


def test_natural_numbers_reads_as_the_peano_facts(gl_reference):
    body = load(gl_reference).definitions["NaturalNumbers"].body
    facts = readable_conjuncts(body)
    for fact in [
        "i0 ∈ N",
        "∀n: n ∈ N → s(n) ≠ i0",
        "∀m: m ∈ N → ∀n1,n2: s(n1) = m ∧ s(n2) = m → n1 = n2",
        "∀a: a ∈ N → a + i0 = a",
        "∀b: b ∈ N → ∀a: a + s(b) = s(a + b)",
        "∀a: a ∈ N → a * i0 = i0",
        "∀b: b ∈ N → ∀a: a * s(b) = a * b + a",
    ]:
        assert fact in facts
    text = readable(body)
    assert text == " ∧ ".join(f"({f})" if f.startswith("∀") else f for f in facts)


def test_readable_keeps_the_plain_relational_form_on_request(gl_reference):
    body = load(gl_reference).definitions["NaturalNumbers"].body
    plain = readable_conjuncts(body, equations=False)
    assert "∀a: a ∈ N → ∀b: a + i0 = b → a = b" in plain
    assert ("∀b: b ∈ N → ∀a,c,d: s(b) = c ∧ a + b = d → (∀e: a + c = e → s(d) = e) ∧ "
            "(∀e: s(d) = e → a + c = e)") in plain


def test_laws_read_as_equations():
    t = load(PEANO / "peano_targets.mpl")
    shown = {s.name: readable(s.formula) for s in t.statements}
    assert shown["add_comm"] == "∀a,b: a + b = b + a"
    assert shown["add_succ_left"] == "∀a,b: s(a) + b = s(a + b)"
    assert shown["mul_succ_left"] == "∀a,b: s(a) * b = a * b + b"
    assert shown["distrib_left"] == "∀a,b,c: a * (b + c) = a * b + a * c"
    assert shown["add_assoc"] == "∀a,b,c: (a + b) + c = a + (b + c)"
    assert shown["add_zero_left"] == "∀a: a ∈ N → i0 + a = a"


def test_gl_folder_written_from_native_file_reads_back(tmp_path):
    theory = load(PEANO / "peano.mpl")
    for name, text in gl_folder_files(theory.module()).items():
        (tmp_path / name).write_text(text)
    assert read_gl_folder(tmp_path) == list(theory.definitions.values())

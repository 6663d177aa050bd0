"""Fuzz properties: random text and edited valid MPL, through the parser and the compiler,
end in success or an `MPLError` with a 1-based location — never another exception.
(`benchmarks/fuzz_mpl.py` runs the same checks on 10,000 examples.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import PEANO
from hypothesis import given, settings
from hypothesis import strategies as st

from mpl_lang import MPLError, compile_decls, parse_expr, parse_module, readable
from mpl_lang.compiler import MAX_UNFOLDED_DEPTH
from mpl_lang.errors import IncludeError, NestingError
from mpl_lang.fuzzing import (
    SNIPPETS,
    WORDS,
    Edit,
    FuzzFailure,
    Workspace,
    apply_edits,
    outcome,
)
from mpl_lang.parser import MAX_DEPTH

FUZZ = settings(max_examples=80, derandomize=True, deadline=None)

positions = st.integers(min_value=0, max_value=1 << 16)
edits = st.lists(st.one_of(
    st.builds(Edit, st.just("insert"), positions, st.one_of(st.sampled_from(SNIPPETS),
                                                             st.characters())),
    st.builds(Edit, st.sampled_from(["delete", "duplicate"]), positions,
              st.integers(min_value=1, max_value=40)),
    st.builds(Edit, st.just("swap"), positions, positions),
    st.builds(Edit, st.just("word"), positions, st.sampled_from(WORDS)),
), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Workspace:
    return Workspace(tmp_path_factory.mktemp("fuzz"), PEANO)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(SNIPPETS), st.characters()), max_size=60).map("".join))
def test_random_text_parses_or_fails_cleanly(text):
    outcome(lambda: parse_module(text, "random.mpl"))


@FUZZ
@given(st.data(), edits)
def test_edited_expressions_fail_cleanly(ws, data, eds):
    text = apply_edits(data.draw(st.sampled_from(ws.expressions)), eds)
    outcome(lambda: parse_expr(text, "expr"))


@settings(FUZZ, max_examples=100)
@given(st.data(), edits)
def test_edited_examples_parse_and_load_or_fail_cleanly(ws, data, eds):
    name = data.draw(st.sampled_from(sorted(ws.examples)))
    text = apply_edits(ws.examples[name], eds)
    outcome(lambda: parse_module(text, name))
    outcome(lambda: ws.load_text(text))


@settings(FUZZ, max_examples=60)
@given(st.data(), edits)
def test_edited_gl_folders_load_or_fail_cleanly(ws, data, eds):
    name = data.draw(st.sampled_from(sorted(ws.gl_files)))
    outcome(lambda: ws.load_gl({**ws.gl_files, name: apply_edits(ws.gl_files[name], eds)}))


def test_unedited_workspace_loads(ws):
    for name, text in ws.examples.items():
        expected = "unbound variable" if name == "laws.mpl" else "ok"  # laws.mpl is a fragment
        assert outcome(lambda t=text: ws.load_text(t)) == expected
    assert outcome(lambda: ws.load_gl(ws.gl_files)) == "ok"


@pytest.mark.parametrize(("opening", "closing", "n"), [
    ("!", "", 5000), ("(&", "(b[]))", 5000), ("(>[x]", "(b[]))", 3000)])
def test_deep_nesting_is_a_syntax_error_not_a_crash(opening, closing, n):
    text = f"target t :=\n  {opening * n}(a[]){closing * n}"
    with pytest.raises(MPLError, match=f"nested deeper than {MAX_DEPTH} levels") as info:
        parse_module(text, "deep.mpl")
    # reported at the first expression beyond the limit
    assert (info.value.file, info.value.line) == ("deep.mpl", 2)
    assert info.value.col == 3 + MAX_DEPTH * len(opening)


def test_nesting_at_the_limit_is_accepted_everywhere(ws):
    deep = "!" * (MAX_DEPTH - 1) + "(in[i0,N])"
    assert readable(parse_expr(deep)) == "¬(" * (MAX_DEPTH - 2) + "i0 ∉ N" + ")" * (MAX_DEPTH - 2)
    assert outcome(lambda: ws.load_text(f'include "peano.mpl"\nconjecture deep := {deep}\n')) == "ok"


def unfold_chain(links: int, bangs: int) -> str:
    """A theory whose anchor unfolds to `links * (bangs + 1) + 1` levels (each unfolding
    counts as one)."""
    defs = "".join(f"def D{i}[x] := {'!' * bangs}(D{i + 1}[x])\n" for i in range(links - 1))
    return (f"anchor T[N] := (D0[N])\n{defs}"
            f"def D{links - 1}[x] := {'!' * bangs}(in[x,x])\n")


def test_unfolding_at_the_limit_works_and_beyond_it_is_an_error():
    assert MAX_UNFOLDED_DEPTH == 7 * (56 + 1) + 1
    theory = compile_decls(parse_module(unfold_chain(7, 56)).decls)
    assert len(theory.axioms()) == 1
    assert "(N ∉ N)" in readable(theory.axiom_formula())
    with pytest.raises(NestingError, match=f"unfolds deeper than {MAX_UNFOLDED_DEPTH}"):
        compile_decls(parse_module(unfold_chain(5, 80)).decls)
    with pytest.raises(NestingError, match="through 'D"):  # long chains of plain renamings
        compile_decls(parse_module(unfold_chain(MAX_UNFOLDED_DEPTH, 0)).decls)


@pytest.mark.parametrize(("path", "message"), [
    ("bad\x00name.mpl", "bad path"),
    ("x" * 5000 + ".mpl", "bad path"),
    ("/dev/null", "not a regular file"),
    ("missing.mpl", "file not found"),
])
def test_odd_include_paths_are_include_errors(ws, path, message):
    with pytest.raises(IncludeError, match=message) as info:
        ws.load_text(f'# odd\ninclude "{path}"\n', "odd.mpl")
    assert (Path(info.value.file).name, info.value.line, info.value.col) == ("odd.mpl", 2, 1)


def test_including_a_folder_uses_its_own_mpl_file(ws):
    assert outcome(lambda: ws.load_text('include "."\n', "dot.mpl")) == "ok"


def test_outcome_rejects_foreign_exceptions_and_unlocated_errors():
    with pytest.raises(FuzzFailure, match="IndexError"):
        outcome(lambda: [][0])
    with pytest.raises(FuzzFailure, match="badly located"):
        outcome(lambda: (_ for _ in ()).throw(MPLError("no location")))

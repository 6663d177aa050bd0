"""The HTML site: every page valid HTML5, links that resolve, content of each page kind,
determinism, the CLI and its errors."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from helpers.cli import gl_process
from helpers.html_checks import check_links, pages, parse_strict
from helpers.html_docs import peano_proofs, write_checked, write_proofs
from hypothesis import given, settings
from hypothesis import strategies as st

from export.html import slug, write_site
from gl.errors import InputError

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_checked(peano_proofs(), out)
    return out


def page(site: Path, name: str) -> str:
    return (site / "thm" / f"{slug(name)}.html").read_text(encoding="utf-8")


def test_strict_parser_rejects_broken_html():
    with pytest.raises(html5lib.html5parser.ParseError):
        parse_strict("<!DOCTYPE html><title>x</title><p><a href=a>x<a href=b>y</a></a>")


def test_every_page_is_valid_html5_with_unique_ids_and_no_nested_links(site):
    files = pages(site)
    assert len(files) == 3 + len(peano_proofs()["theorems"])
    for f in files:
        tree = parse_strict(f.read_text(encoding="utf-8"))
        ids = [e.get("id") for e in tree.iter() if e.get("id") is not None]
        assert len(ids) == len(set(ids)), f
        for a in tree.iter("a"):
            assert not list(a.iter("a"))[1:], f"nested link in {f}"
        assert tree.find(".//meta[@name='viewport']") is not None


def test_every_local_link_resolves_to_a_file_and_an_anchor(site):
    assert check_links(site) > 100


def test_assets_are_shared_and_nothing_is_inlined_or_fetched(site):
    for f in pages(site):
        text = f.read_text(encoding="utf-8")
        tree = parse_strict(text)
        assert all(s.get("src") for s in tree.iter("script")), f"inline script in {f}"
        assert not list(tree.iter("style")), f
        assert not [e for e in tree.iter() if e.get("style") is not None], f
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https:" not in text
    assets = [p.name for p in (site / "static").iterdir()]
    assert sorted(assets) == ["gl.css", "gl.js"]
    js = (site / "static" / "gl.js").read_text(encoding="utf-8")
    assert "fetch(" not in js and "XMLHttpRequest" not in js and "innerHTML" not in js
    assert (site / "data" / "theory.js").read_text(encoding="utf-8").startswith("window.GL_THEORY")


def test_index_lists_every_theorem_with_method_steps_and_status(site):
    tree = parse_strict((site / "index.html").read_text(encoding="utf-8"))
    rows = {r.get("id"): r for r in tree.find(".//table[@id='thms']").iter("tr") if r.get("id")}
    names = [slug(t["name"]) for t in peano_proofs()["theorems"]]
    laws = ["add_comm", "mul_comm"]  # the named laws first, then the lemmas, each in file order
    assert list(rows) == laws + [n for n in names if n not in laws]
    groups = ["".join(th.itertext()) for th in tree.iter("th") if th.get("colspan")]
    assert groups == ["Laws (2)", f"Lemmas ({len(names) - 2})"]

    def cells(name: str) -> list[str]:
        return ["".join(td.itertext()).strip() for td in rows[slug(name)].iter("td")]

    assert cells("i1_in_N")[3] == "incubator"
    comm = cells("add_comm")
    assert comm[1].startswith("add_comm") and "commutativity of +" in comm[1]
    assert "∀a,b: a + b = b + a" in comm[2] and "(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))" in comm[2]
    assert comm[3:] == ["induction", "17", "proved · essential"]
    assert cells("eq_zero_sum")[5] == "compressed out"
    assert cells("mul_comm")[3:] == ["—", "—", "unproved"]
    assert "law" in rows["add_comm"].get("class").split()
    assert 'id="q"' in (site / "index.html").read_text(encoding="utf-8")


def test_index_shows_exploration_stages_when_present(site, tmp_path):
    assert "Exploration" not in (site / "index.html").read_text(encoding="utf-8")
    doc = peano_proofs()
    doc["stages"] = {"enumerated": 120, "type_filtered": 80}
    write_site(doc, tmp_path)
    assert "<dt>Exploration</dt><dd>enumerated 120 · type filtered 80</dd>" in (tmp_path / "index.html").read_text(
        encoding="utf-8")


def test_theorem_page_has_statement_table_anchors_and_links(site):
    text = page(site, "add_comm")
    tree = parse_strict(text)
    parts = "".join(tree.find(".//dl[@class='parts']").itertext())
    assert "Hypotheses" in parts and "a + b = c" in parts and "Conclusion" in parts
    blocks = tree.findall(".//details")
    assert [b.get("id") for b in blocks] == ["blk-type", "blk-base", "blk-step"]
    assert blocks[0].get("open") is None and blocks[1].get("open") is not None
    row = tree.find(".//tr[@id='base-5']")
    cells = list(row.iter("td"))
    assert [a.get("href") for a in cells[1].iter("a")] == ["#base-3", "#base-4"]
    assert [a.get("href") for a in cells[2].iter("a")] == ["../rules.html#k-eq_subst"]
    assert row.find(".//mark").text == "c"
    assert [a.get("href") for a in tree.find(".//tr[@id='base-2']").iter("a")] == [
        "#base-1", "../rules.html#ax-7"]
    cite = tree.find(".//tr[@id='base-4']")
    assert [a.get("href") for a in cite.iter("a")][-1] == "add_zero_left.html#clause-0"
    clauses = tree.findall(".//ol[@class='clauses']/li")
    assert [(c.get("id"), "".join(c.itertext())) for c in clauses] == [("clause-0", "∀a,b,c: a + b = c ⇒ b + a = c")]
    assert "add_comm/base" in "".join(blocks[1].find("summary").itertext())
    assert tree.find(".//tr[@id='step-10']").get("class") == "goal"
    rests = "".join(tree.find(".//dd[@class='rests']").itertext()).replace("\xa0", " ")
    # its own axioms plus those of add_zero_left (and, through it, add_zero_right) and add_succ_left
    assert rests == "ax 1, ax 2, ax 4, ax 7, ax 8, ax 10, ax 12, ax 13, ax 14, ax 15"
    assert 'rel="prev" href="fun_unique.html"' in text and 'rel="next" href="mul_comm.html"' in text
    assert "../graph.html?focus=add_comm&amp;depth=2" in text


def test_used_by_backlinks_and_definitions(site):
    text = page(site, "add_zero_right")
    assert ('<dt>Used by</dt><dd><ul class="refs"><li><a href="add_zero_left.html">add_zero_left</a> '
            '<span>∀a: a ∈ N → i0 + a = a</span></li></ul></dd>') in text
    assert "<dt>Used by</dt><dd>none</dd>" in page(site, "add_comm")
    fun = page(site, "fun_unique")
    assert 'href="../rules.html#def-fxy-' in fun and "<td><a href=\"#main-7\">step 7</a><td>" in fun


def expression(row) -> tuple[str, list[str], str]:
    """(readable text, marked parts of it, raw MPL) of a proof-table row."""
    cell = list(row.iter("td"))[3]
    code = cell.find("code")
    mpl = "".join(code.itertext())
    text = "".join(cell.itertext())
    assert text.endswith(mpl)
    marks = [m.text for m in cell.iter("mark") if m not in list(code.iter("mark"))]
    return text[: len(text) - len(mpl)], marks, mpl


def test_equality_steps_mark_the_changed_arguments(site):
    row = parse_strict(page(site, "add_zero_unique")).find(".//tr[@id='main-4']")
    assert expression(row) == ("b ∈ N", ["b"], "(in[b,N])")
    assert [m.text for m in row.find(".//code").iter("mark")] == ["b"]
    symm = parse_strict(page(site, "eq_zero_sum")).find(".//tr[@id='main-4']")
    assert expression(symm) == ("b = a", ["b", "a"], "(=[b,a])")


def test_contradiction_and_unproved_pages(site):
    text = page(site, "zero_not_succ")
    assert "By contradiction" in text and "⊥" in text and "a ∈ N" in text
    text = page(site, "mul_comm")
    assert "not proved within 12 cycles" in text and "<table" not in text


def test_rules_page_lists_kinds_axioms_and_definitions(site):
    tree = parse_strict((site / "rules.html").read_text(encoding="utf-8"))
    ids = {e.get("id") for e in tree.iter() if e.get("id")}
    assert {"k-rule", "k-eq_subst", "k-unfold", "k-contradiction", "ax-0", "ax-24"} <= ids
    assert f"def-{slug('fXY')}" in ids
    ax2 = "".join(tree.find(".//tr[@id='ax-2']").itertext())
    assert "∀x,y: s(x) = y ⇒ y ∈ N" in ax2 and "(in2[x,y,s]) ⇒ (in[y,N])" in ax2


def test_graph_is_layered_left_to_right(site):
    tree = parse_strict((site / "graph.html").read_text(encoding="utf-8"))
    svg = tree.find(f".//{SVG}svg")
    nodes = {int(a.get("data-i")): a for a in svg.iter(f"{SVG}a")}
    assert len(nodes) == len(peano_proofs()["theorems"])
    x = {i: int(a.find(f"{SVG}rect").get("x")) for i, a in nodes.items()}
    edges = [(int(p.get("data-s")), int(p.get("data-t")))
             for p in svg.find(f"{SVG}g[@class='edges']")]
    assert sorted(edges) == [(1, 2), (2, 8), (3, 8)]
    assert all(x[s] < x[t] for s, t in edges)
    assert "st-unproved" in nodes[9].get("class") and "st-compressed" in nodes[6].get("class")
    assert nodes[8].get("href") == "thm/add_comm.html" and "★" in nodes[8].find(f"{SVG}text").text


def test_output_is_deterministic_and_stale_pages_go(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_checked(peano_proofs(), a)
    (b / "thm").mkdir(parents=True)
    (b / "thm" / "gone.html").write_text("old")
    write_checked(peano_proofs(), b)
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert all((a / p).read_bytes() == (b / p).read_bytes() for p in files_a)


def test_size_report(tmp_path):
    report = write_site(peano_proofs(), tmp_path)
    assert len(report.theorem_page_bytes) == 10
    assert 1000 < report.average_page_bytes < 12 * 1024


@pytest.mark.parametrize(("doc", "message"), [
    ({"schema": "other"}, "not a gl.proofs/1 document"),
    ({"schema": "gl.proofs/1", "theorems": [{"name": "t"}]}, "theorem 0 ('t'): missing key 'statement'"),
    ({"schema": "gl.proofs/1", "theorems": [{"name": "t", "statement": "(in[a,N])"}] * 2},
     "theorem 1 ('t'): duplicate theorem name"),
])
def test_malformed_documents_raise_input_error(tmp_path, doc, message):
    with pytest.raises(InputError) as err:
        write_site(doc, tmp_path, where="p.json")
    assert str(err.value).startswith(f"p.json: {message}")



def test_cli_writes_the_site_and_reports_bad_input(tmp_path):
    src = write_proofs(peano_proofs(), tmp_path)
    r = gl_process("export", "html", str(src), "-o", str(tmp_path / "site"))
    assert r.returncode == 0, r.stderr
    assert "10 theorem pages" in r.stdout and (tmp_path / "site" / "thm" / "add_comm.html").is_file()
    assert "rejected" not in r.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "gl.proofs/1",\n "theorems": [}', encoding="utf-8")
    r = gl_process("export", "html", str(bad), "-o", str(tmp_path / "x"))
    assert r.returncode == 2 and r.stderr.startswith(f"gl: error: {bad}:2:") and "Traceback" not in r.stderr
    other = tmp_path / "other.json"
    other.write_text('{"schema": "x"}', encoding="utf-8")
    r = gl_process("export", "html", str(other), "-o", str(tmp_path / "y"))
    assert r.returncode == 2 and r.stderr.strip().count("\n") == 0 and str(other) in r.stderr


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_slugs_are_safe_and_distinct(names):
    slugs = [slug(n) for n in names]
    assert all(re.fullmatch(r"[a-z0-9_-]+", s) for s in slugs)
    assert len({s.lower() for s in slugs}) == len(names)


def test_ground_facts_of_any_arity_and_values_become_tables(tmp_path):
    """Read off the statements, not the names: numerals from successor hypotheses and the
    axioms' named elements, values that are numerals or theory constants (`true`)."""
    theory = {"constants": ["N", "z", "s", "one", "true", "false"],
              "inductions": [{"set": "N", "base": "z", "succ": "s"}],
              "axioms": [{"index": 0, "clause": "⊤ ⇒ (in2[z,one,s])"}]}
    facts = {"d1": "(>[n2](in2[one,n2,s])(in2[one,n2,dbl]))", "g011": "(>[](in[z,N])(in4[z,one,one,one,g]))",
             "le01": "(>[](in[z,N])(in3[z,one,true,le]))", "not_le01": "(>[](in[z,N])!(in3[z,one,false,le]))",
             "law": "(>[a,b,c](in3[a,b,c,le])(in3[b,a,c,le]))"}
    doc = {"schema": "gl.proofs/1", "source": "t/t.mpl", "theory": theory,
           "theorems": [{"name": n, "statement": st, "status": "unproved"} for n, st in facts.items()]}
    write_site(doc, tmp_path)
    tree = parse_strict((tmp_path / "index.html").read_text(encoding="utf-8"))
    sections = {s.get("id"): s for s in tree.iter("section") if (s.get("id") or "").startswith("table-")}
    assert list(sections) == ["table-dbl", "table-g", "table-le"]
    heads = ["".join(s.find("h3").itertext()) for s in sections.values()]
    assert heads == ["dbl(a) 1 facts", "g(a, b, c) 1 facts", "le(a, b) 2 facts"]
    cells = {k: ["".join(td.itertext()).strip() for td in s.iter("td")] for k, s in sections.items()}
    assert cells == {"table-dbl": ["2"], "table-g": ["1"], "table-le": ["true ≠false"]}
    assert [r.get("id") for r in tree.find(".//table[@id='thms']").iter("tr") if r.get("id")] == ["law"]

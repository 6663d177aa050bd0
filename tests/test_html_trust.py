"""What the site trusts: only proofs the independent checker accepted show as proved, and
every statement is rendered from its formula, never from the document's presentation
fields (`readable`, `law`, `origin`, `method`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers.cli import gl_process
from helpers.html_checks import parse_strict
from helpers.html_docs import peano_proofs, write_checked, write_proofs

from export.html import slug, write_site

FAKE = "FAKE-READABLE-TEXT"


def _text(path: Path) -> str:
    return "".join(parse_strict(path.read_text(encoding="utf-8")).itertext())


def _row(site: Path, name: str) -> list[str]:
    tree = parse_strict((site / "index.html").read_text(encoding="utf-8"))
    row = tree.find(f".//tr[@id='{slug(name)}']")
    return ["".join(td.itertext()).strip() for td in row.iter("td")]


def _all_output(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*")) if p.is_file())


@pytest.fixture(scope="module")
def forged(tmp_path_factory) -> Path:
    """The checked site of a document whose `add_zero_right` was edited to state i0 = i1,
    with its presentation fields still claiming the old, true statement and a named law."""
    doc = peano_proofs()
    t = doc["theorems"][1]
    t.update(statement="(=[i0,i1])", readable=f"∀a: a + 0 = a {FAKE}", law="commutativity of +")
    for other in doc["theorems"]:
        other["readable"] = FAKE
    for d in doc["theory"]["definitions"]:
        d["readable"] = FAKE
    out = tmp_path_factory.mktemp("forged") / "site"
    write_checked(doc, out)
    return out


def test_forged_statement_is_rejected_not_proved(forged):
    page = forged / "thm" / "add_zero_right.html"
    tree = parse_strict(page.read_text(encoding="utf-8"))
    badge = tree.find(".//p[@class='badges']/span")
    assert badge.get("class") == "badge st-rejected" and badge.text == "rejected by the checker"
    assert tree.find(".//p[@class='big']").text == "i0 = i1"
    assert "The independent checker rejected this proof" in _text(page)
    assert "proved" not in badge.text.replace("rejected", "")
    # what cites it is rejected too; the others stay proved
    # i0 = i1 is a ground fact now: a cell of the table of =, marked as rejected
    cell = parse_strict((forged / "index.html").read_text(encoding="utf-8")).find(
        ".//section[@id='table-x-21606782']//a[@href='thm/add_zero_right.html']")
    assert cell.text == "=" and cell.get("class") == "st-rejected" and cell.get("title") == "i0 = i1"
    assert _row(forged, "add_comm")[5] == "rejected by the checker"
    assert _row(forged, "add_succ_left")[5] == "proved · essential"
    summary = parse_strict((forged / "index.html").read_text(encoding="utf-8")).find(".//p[@class='summary']")
    assert summary.text.startswith("10 theorems: 6 proved, 1 unproved, 3 rejected by the checker · 2 named laws")
    graph = parse_strict((forged / "graph.html").read_text(encoding="utf-8"))
    node = [a for a in graph.iter("{http://www.w3.org/2000/svg}a") if a.get("data-name") == "a = b"][0]
    assert node.get("class").split() == ["node", "st-rejected", "table", "key"]  # its table, as rejected


def test_readable_fields_are_ignored_everywhere(forged):
    assert FAKE not in _all_output(forged)
    # the law comes from the statement: add_comm's is found again, the forged one is not
    assert "commutativity of +" in _row(forged, "add_comm")[1]
    assert "commutativity" not in _text(forged / "thm" / "add_zero_right.html")


def test_without_the_checker_nothing_shows_as_proved(tmp_path):
    write_site(peano_proofs(), tmp_path)
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "0 proved, 1 unproved, 9 with proofs not checked" in index
    assert "The independent checker did not check these proofs" in index
    assert "st-full" not in index and "st-proved" not in index
    for name in ("add_comm", "i1_in_N", "eq_zero_sum"):
        assert _row(tmp_path, name)[5] == "proof not checked"
        assert "did not check this proof" in _text(tmp_path / "thm" / f"{slug(name)}.html")
    assert _row(tmp_path, "mul_comm")[5] == "unproved"


def test_unparsable_statement_is_marked_and_never_proved(tmp_path):
    doc = peano_proofs()
    doc["theorems"][0]["statement"] = "(in[i1,N]) <b>&"
    doc["theorems"][1]["statement"] = "⊥"
    write_site(doc, tmp_path, accepted={"i1_in_N", "add_zero_right"})
    for name, raw in (("i1_in_N", "(in[i1,N]) <b>&"), ("add_zero_right", "⊥")):
        tree = parse_strict((tmp_path / "thm" / f"{slug(name)}.html").read_text(encoding="utf-8"))
        big = tree.find(".//p[@class='big']/span")
        assert big.get("class") == "unparsable" and big.text == f"unparsable: {raw}"
        assert tree.find(".//p[@class='badges']/span").text == "statement does not parse"
        assert _row(tmp_path, name)[5] == "statement does not parse"
    assert "(in[i1,N]) &lt;b&gt;&amp;" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_origin_and_method_show_only_known_values(tmp_path):
    doc = peano_proofs()
    doc["theorems"][1].update(origin="trusted-by-ai", method="magic")
    doc["theorems"][2]["origin"] = "conjecture"
    write_site(doc, tmp_path)
    badges = parse_strict((tmp_path / "thm" / "add_zero_right.html").read_text(encoding="utf-8")).find(
        ".//p[@class='badges']")
    assert ["".join(b.itertext()) for b in badges] == ["proof not checked", "unknown", "unknown"]
    assert "m-unknown" in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "conjecture" in _text(tmp_path / "thm" / "add_zero_left.html")



def test_cli_reports_rejected_proofs_and_refuses_an_uncheckable_file(tmp_path):
    doc = peano_proofs()
    doc["theorems"][1]["statement"] = "(=[i0,i1])"
    r = gl_process("export", "html", str(write_proofs(doc, tmp_path / "forged")), "-o", str(tmp_path / "site"))
    assert r.returncode == 0, r.stderr
    assert "3 rejected by the checker" in r.stdout
    lost = write_proofs(doc, tmp_path / "lost")
    old = json.loads(lost.read_text(encoding="utf-8"))  # no embedded theory, a missing source
    del old["mpl"]
    lost.write_text(json.dumps({**old, "source": "gone.mpl"}), encoding="utf-8")
    r = gl_process("export", "html", str(lost), "-o", str(tmp_path / "none"))
    assert r.returncode == 2 and r.stderr.startswith(f"gl: error: {lost}: cannot load the source theory")
    assert r.stderr.strip().count("\n") == 0 and not (tmp_path / "none").exists()
    broken = write_proofs(doc, tmp_path / "broken")  # an embedded theory that does not parse
    broken.write_text(json.dumps({**old, "mpl": "anchor T[N] := (in[N"}), encoding="utf-8")
    r = gl_process("export", "html", str(broken), "-o", str(tmp_path / "none"))
    assert r.returncode == 2 and "cannot load the source theory" in r.stderr and not (tmp_path / "none").exists()

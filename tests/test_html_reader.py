"""The site of a real exploration (`gl prove examples/peano --html`), as a new reader sees
it in Chromium (issue 19): the index opens on the laws, ground facts are tables, explored
theorems have names that say what they state, the graph opens small, a cited clause or
axiom opens highlighted, no page or file names a path of the machine, and the site is
the same bytes when written again. One exploration and one browser for the module."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pytest
from conftest import ROOT
from helpers.browser import Tab
from helpers.cli import gl_process

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts"
LAWS = ["add_comm", "add_assoc", "mul_comm", "mul_assoc", "mul_add_distrib_left", "mul_add_distrib_right"]
#: a `../` that climbs anywhere but to the site's own pages and assets (from thm/)
CLIMB = re.compile(r"\.\./(?!index\.html|rules\.html|graph\.html|static/|data/)")


@pytest.fixture(scope="module")
def explored(peano_exploration) -> tuple[Path, Path]:
    """(proofs.json, site) of `gl prove examples/peano --html` (absolute paths given)."""
    done, proofs, site = peano_exploration
    assert done.returncode == 0, done.stderr
    return proofs, site


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG file, from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_no_page_or_file_names_a_path_of_the_machine(explored):
    proofs, site = explored
    machine = re.compile("|".join(re.escape(str(p)) for p in (ROOT, proofs.parent.parent, Path.home())))
    doc = proofs.read_text(encoding="utf-8")
    assert not machine.search(doc) and "../" not in doc
    assert json.loads(doc)["source"] == "peano"  # the theory's folder, by its name
    for f in sorted(p for p in site.rglob("*") if p.is_file()):
        text = f.read_text(encoding="utf-8")
        assert not machine.search(text), f
        assert not CLIMB.search(text), f
    assert "<dt>Theory</dt><dd>peano · " in (site / "index.html").read_text(encoding="utf-8")
    # the checker reads the embedded theory from any folder
    done = gl_process("check", str(proofs))
    assert done.returncode == 0 and "the theory embedded in" in done.stdout


def test_explored_theorems_are_named_after_what_they_state(explored):
    proofs, _ = explored
    doc = json.loads(proofs.read_text(encoding="utf-8"))
    names = [t["name"] for t in doc["theorems"] if t["origin"] == "explored"]
    assert set(LAWS) <= set(names) and not [n for n in names if re.fullmatch(r"lemma_\d+", n)]
    assert {"add_zero_left", "add_succ_left", "mul_zero_left", "mul_succ_left"} <= set(names)
    readable = {t["name"]: t["readable"] for t in doc["theorems"]}
    assert readable["add_zero_left"] == "∀a: a ∈ N → i0 + a = a"
    assert readable["mul_succ_left"] == "∀a,b: s(a) * b = a * b + b"


def test_the_site_is_the_same_bytes_when_written_again(explored, tmp_path):
    proofs, site = explored
    done = gl_process("export", "html", str(proofs), "-o", str(tmp_path / "again"))
    assert done.returncode == 0, done.stderr

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    first, again = files(site), files(tmp_path / "again")
    assert sorted(first) == sorted(again) and all(first[k] == again[k] for k in first)


def test_the_index_opens_on_the_laws_at_desktop_and_phone_width(browser, explored):
    _, site = explored
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        tab = Tab(browser, width=width, height=height)
        tab.open(site / "index.html")
        page = tab.page
        laws = page.eval_on_selector_all("ul.laws a", "as => as.map(a => a.textContent)")
        assert sorted(laws) == sorted(LAWS)
        bottom = page.evaluate("Math.max(...[...document.querySelectorAll('ul.laws li')]"
                               ".map(li => li.getBoundingClientRect().bottom))")
        assert bottom <= height, f"the laws end at {bottom} px, below the first screen at {width} px"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        shot = ARTIFACTS / f"html-reader-index-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        shot_width, shot_height = png_size(shot)
        assert shot_width == width and shot_height > height  # no horizontal scroll, the whole index
        tab.close()


def test_ground_facts_are_tables_whose_cells_open_their_proofs(browser, explored):
    proofs, site = explored
    general = [t for t in json.loads(proofs.read_text(encoding="utf-8"))["theorems"] if t.get("origin") != "incubator"]
    tab = Tab(browser)
    page = tab.page
    tab.open(site / "index.html")
    tables = page.eval_on_selector_all("section.gtable h3", "hs => hs.map(h => h.firstChild.textContent.trim())")
    assert tables == ["a + b", "a * b", "a = b"]
    # the + table: row 2, column 3 is 5
    cell = page.locator("section#table-x-a979ef10 tbody tr:nth-child(3) td:nth-child(5) > a")
    assert cell.inner_text() == "5" and cell.get_attribute("title") == "s(i1) + s(s(i1)) = s(s(s(s(i1))))"
    assert page.locator("#thms tbody tr[id]").count() == len(general)  # laws and lemmas; no ground fact is a row
    cell.click()
    page.wait_for_url("**/thm/inc_add_2_3.html")
    assert page.inner_text("h1") == "inc_add_2_3"
    tab.close()


def test_the_graph_opens_on_the_key_boxes(browser, explored):
    _, site = explored
    tab = Tab(browser)
    page = tab.page
    tab.open(site / "graph.html")
    shown = page.eval_on_selector_all("#graph .node:not(.off)", "ns => ns.map(n => n.dataset.name)")
    assert len(shown) <= 40 and set(LAWS) <= set(shown)
    assert {"a + b", "a * b", "a = b"} <= set(shown) and not [n for n in shown if n.startswith("inc_")]
    every = page.locator("#graph .node").count()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-reader-graph.png"))
    width = png_size(ARTIFACTS / "html-reader-graph.png")[0]
    assert width == 1280
    tab.open(site / "graph.html", "?all=1")
    assert page.locator("#graph .node:not(.off)").count() == every
    assert page.locator("#graph .edges path.via:not(.off)").count() == 0
    tab.open(site / "graph.html", "?focus=mul_comm&depth=1")
    near = page.eval_on_selector_all("#graph .node:not(.off)", "ns => ns.map(n => n.dataset.name)")
    assert "mul_comm" in near and "mul_succ_left" in near and len(near) < every
    tab.open(site / "graph.html")
    page.click("#graph .node[data-name='a * b']")
    page.wait_for_url("**/index.html#table-*")
    tab.close()


def test_a_cited_clause_and_axiom_open_highlighted(browser, explored):
    _, site = explored
    tab = Tab(browser)
    page = tab.page
    tab.open(site / "thm" / "mul_comm.html")
    near = page.eval_on_selector_all("section.nbhd .col:first-child a", "as => as.map(a => a.textContent)")
    assert "mul_succ_left" in near
    link = page.locator("table.proof a[href^='mul_succ_left.html#clause-']").first
    href = link.get_attribute("href")
    page.locator("#expand").click()
    link.click()
    page.wait_for_url("**/thm/mul_succ_left.html#clause-*")
    target = page.locator(":target")
    assert target.get_attribute("id") == href.split("#")[1] and target.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector(':target')).backgroundColor") != "rgba(0, 0, 0, 0)"
    axiom = page.locator("table.proof a[href^='../rules.html#ax-']").first
    number = axiom.get_attribute("href").split("#ax-")[1]
    page.locator("#expand").click()
    axiom.click()
    page.wait_for_url(f"**/rules.html#ax-{number}")
    assert page.locator(":target").get_attribute("id") == f"ax-{number}"
    page.locator(f"#ax-{number} details.resting > summary").click()
    resting = page.eval_on_selector_all(f"#ax-{number} details.resting a", "as => as.map(a => a.textContent)")
    assert "mul_succ_left" in resting
    tab.close()

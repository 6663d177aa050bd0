"""End-to-end: the generated site in real headless Chromium, opened from file://.

Needs the Debian `chromium` at /usr/bin/chromium (CI installs it); Playwright drives it
as the browser executable (no `playwright install`). Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from helpers.browser import Tab
from helpers.html_docs import QUOTES, SCRIPT, hostile_proofs, peano_proofs, write_checked

from export.html import slug, write_site

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    write_checked(peano_proofs(), out)
    return out


@pytest.fixture
def tab(browser) -> Iterator[Tab]:
    t = Tab(browser)
    yield t
    t.close()


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#thms tbody tr[id]:not([hidden])", "rs => rs.map(r => r.id)")


def test_index_search_filters_as_you_type_and_reads_q(tab, site):
    page = tab.page
    tab.open(site / "index.html")
    assert len(visible_rows(page)) == 10
    page.fill("#q", "comm")
    page.wait_for_function("document.querySelectorAll('#thms tbody tr[id]:not([hidden])').length == 2")
    assert visible_rows(page) == ["add_comm", "mul_comm"]
    assert page.inner_text("#count") == "2 of 10"
    assert "q=comm" in page.url
    page.fill("#q", "")
    page.select_option("#f", "m-induction")
    page.wait_for_function("document.querySelectorAll('#thms tbody tr[id]:not([hidden])').length == 3")
    tab.open(site / "index.html", "?q=zero%20left")
    assert page.input_value("#q") == "zero left"
    assert visible_rows(page) == ["add_zero_left"]
    tab.open(site / "index.html", "?q=in3%5Bi0")  # raw MPL is searchable too
    assert visible_rows(page) == ["add_zero_left"]
    tab.open(site / "index.html", "?q=nothing-matches-this")
    assert visible_rows(page) == [] and page.is_visible("#none")


def test_theorem_page_links_hover_tooltips_and_subproofs(tab, site):
    page = tab.page
    tab.open(site / "index.html")
    page.click("#thms a[href='thm/add_comm.html']")
    page.wait_for_url("**/thm/add_comm.html")
    assert page.inner_text("h1") == "add_comm"

    page.click("#base-5 td:nth-child(2) a[href='#base-3']")
    page.wait_for_function("document.querySelector(':target') !== null")
    assert page.url.endswith("#base-3")
    assert page.evaluate("document.querySelector(':target').id") == "base-3"

    page.hover("#step-10 td:nth-child(4)")
    lit = page.eval_on_selector_all("#blk-step tr.dep", "rs => rs.map(r => r.id)")
    assert sorted(lit) == sorted(f"step-{n}" for n in (1, 2, 4, 5, 6, 7, 8, 9))
    assert page.get_attribute("#step-10", "class") == "goal cur"

    page.hover("#base-2 a[href='../rules.html#ax-7']")
    assert page.is_visible("#tip")
    assert page.inner_text("#tip") == "Axiom 7: ∀x,y,z: x + y = z ⇒ x ∈ N"
    page.hover("#base-4 a[href='add_zero_left.html#clause-0']")
    assert page.inner_text("#tip").startswith("add_zero_left ∀a: a ∈ N → i0 + a = a")

    assert not page.evaluate("document.getElementById('blk-type').open")
    assert not page.is_visible("#type-2")
    page.click("#blk-type > summary")
    assert page.evaluate("document.getElementById('blk-type').open")
    assert page.is_visible("#type-2")

    assert not page.is_visible("#base-1 code")
    page.check("#mpl-toggle")
    assert page.is_visible("#base-1 code")
    assert page.inner_text("#base-1 code") == "(in3[a,i0,c,+])"
    page.uncheck("#mpl-toggle")

    # tap equivalent of hovering: a click pins the highlight until the next click
    page.click("#step-8 td:nth-child(1)")
    page.mouse.move(5, 5)
    assert page.get_attribute("#step-7", "class") == "dep"
    page.click("#step-8 td:nth-child(1)")
    assert page.get_attribute("#step-7", "class") in (None, "")

    ARTIFACTS.mkdir(exist_ok=True)
    page.hover("#step-10 td:nth-child(4)")
    page.screenshot(path=str(ARTIFACTS / "html-theorem.png"), full_page=True)

    page.click("a[rel=next]")
    page.wait_for_url("**/thm/mul_comm.html")
    page.click("a[rel=prev]")
    page.wait_for_url("**/thm/add_comm.html")
    page.click(".refs a[href='add_zero_left.html']")
    page.wait_for_url("**/thm/add_zero_left.html")
    assert page.inner_text("h1") == "add_zero_left"


def test_hash_link_opens_a_collapsed_subproof(tab, site):
    tab.open(site / "thm" / "add_comm.html", "#type-2")
    assert tab.page.evaluate("document.getElementById('blk-type').open")
    assert tab.page.is_visible("#type-2")


def test_graph_click_a_node_and_focus_with_depth(tab, site):
    page = tab.page
    tab.open(site / "graph.html")
    assert page.locator("#graph .node").count() == 10
    page.hover("#graph .node[data-name='add_zero_left']")
    assert page.locator("#graph .edges path.hot").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "html-graph.png"), full_page=True)
    page.click("#graph .node[data-name='add_zero_left']")
    page.wait_for_url("**/thm/add_zero_left.html")

    tab.open(site / "graph.html", "?focus=add_zero_left&depth=1")
    shown = page.eval_on_selector_all("#graph .node:not(.off)", "ns => ns.map(n => n.dataset.name)")
    assert sorted(shown) == ["add_comm", "add_zero_left", "add_zero_right"]
    assert page.locator("#graph .edges path:not(.off)").count() == 2
    assert page.inner_text("#shown").startswith("3 of 10 theorems: what “add_zero_left” rests on (left)")
    assert page.input_value("#focus") == "add_zero_left" and page.input_value("#depth") == "1"
    page.fill("#depth", "0")
    page.click("#focus-form button[type=submit]")
    page.wait_for_url("**depth=0**")
    assert page.locator("#graph .node:not(.off)").count() == 1


def test_graph_zoom_buttons(tab, site):
    page = tab.page
    tab.open(site / "graph.html")

    def width() -> int:
        return int(page.get_attribute("#graph", "width"))

    start = width()
    page.click("[data-zoom='1.25']")
    assert abs(width() - start * 1.25) <= 1
    page.click("[data-zoom='0.8']")
    page.click("[data-zoom='0.8']")
    assert abs(width() - start * 0.8) <= 1
    # Fit: the graph's width scaled to the frame (4 px of margin), at most 1.5 times
    page.click("[data-zoom='0']")
    frame = page.evaluate("document.getElementById('gwrap').clientWidth")
    graph = float(page.get_attribute("#graph", "viewBox").split()[2])
    assert abs(width() - graph * max(0.1, min(1.5, (frame - 4) / graph))) <= 1


def test_rules_links_and_header_search(tab, site):
    page = tab.page
    tab.open(site / "thm" / "add_comm.html")
    page.click("#base-1 a.k")
    page.wait_for_url("**/rules.html#k-hyp")
    assert page.evaluate("document.querySelector(':target').id") == "k-hyp"
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("assoc")
    page.press("header input[name=q]", "Enter")
    page.wait_for_url("**/index.html?q=assoc")
    assert visible_rows(page) == []


def test_narrow_screen_has_no_horizontal_overflow(browser, site):
    tab = Tab(browser, width=390, height=800)
    for path in ("index.html", "thm/add_comm.html", "rules.html", "graph.html"):
        tab.open(site / path)
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, path
    tab.open(site / "index.html")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "html-index-mobile.png"), full_page=True)
    tab.close()


def test_hostile_names_stay_inert_in_the_browser(tab, tmp_path):
    write_site(hostile_proofs(), tmp_path)
    page = tab.page
    for name in (SCRIPT, QUOTES):
        tab.open(tmp_path / "thm" / f"{slug(name)}.html")
        assert page.inner_text("h1") == name
        page.hover("table.proof tbody tr:last-child td:nth-child(4)")
    tab.open(tmp_path / "index.html", "?q=%3Cscript")
    assert len(visible_rows(page)) == 1
    tab.open(tmp_path / "graph.html", "?focus=" + SCRIPT.replace('"', "%22") + "&depth=1")
    assert page.locator("#graph .node:not(.off)").count() == 2
    tab.open(tmp_path / "rules.html")
    assert page.evaluate("document.scripts.length") == 2


def test_search_filters_thousands_of_theorems(tab, tmp_path):
    doc = peano_proofs()
    base = doc["theorems"][1]
    doc["theorems"] = [dict(base, name=f"lemma_{i:04d}", law=None) for i in range(2000)]
    write_site(doc, tmp_path)
    page = tab.page
    tab.open(tmp_path / "index.html")
    assert len(visible_rows(page)) == 2000
    page.fill("#q", "lemma_123")
    page.wait_for_function("document.getElementById('count').textContent === '10 of 2000'")
    assert visible_rows(page) == [f"lemma_{i}" for i in range(1230, 1240)]

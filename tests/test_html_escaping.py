"""Hostile identifiers: names, laws, block ids, kinds and texts full of markup must render
as inert text on every page of the site."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_html_fixture import ax, block, hyps, step, theorem
from test_html_site import check_links, parse_strict

from export.html import slug, write_site

SCRIPT = '<script>alert("pwned")</script>'
QUOTES = "\"quoted\" & 'single' <i>it</i>"
IMG = "<img src=x onerror=alert(1)>"
MISSING = "<a href='javascript:alert(5)'>gone</a>"
ALLOWED_SCRIPTS = {"../static/gl.js", "../data/theory.js", "static/gl.js", "data/theory.js"}


def hostile_proofs() -> dict[str, Any]:
    """A document whose every free-text field tries to inject markup or break attributes."""
    statement = "(>[a,b,c](in3[a,b,c,<])(in3[b,a,c,<]))"
    first = theorem(SCRIPT, statement, "direct", [
        block(f"</table>{SCRIPT}", "main", statement, {"a": "a", "b": "b", "c": "c"}, [
            *hyps("(in3[a,b,c,<])"),
            step(2, "rule", "(=[a,b])", (1,), 1, **ax(0, x="a")),
            step(3, "eq_subst", "(in3[b,b,c,<])", (2, 1), 2),
            step(4, "<svg onload=alert(3)>", "(in3[b,a,c,<])", (3,), 3, definition=IMG),
        ]),
    ], law=f"<b onmouseover=alert(2)>{QUOTES}</b>", origin="<u>target</u>")
    second = theorem(QUOTES, "(>[x](in[x,a'b])(in[x,a'b]))", "direct", [
        block(QUOTES, "main", "(>[x](in[x,a'b])(in[x,a'b]))", {"x": "x"}, [
            *hyps("(in[x,a'b])"),
            step(2, "rule", "(in[x,a'b])", (1,), 1,
                 rule={"theorem": SCRIPT, "clause": 0}, subst={"a": "x"}),
        ]),
    ], cites=(SCRIPT, MISSING))
    third = theorem(IMG, "(in[<=,N])", None, None, reason=f"gave up: {SCRIPT} & {IMG}")
    return {
        "schema": "gl.proofs/1",
        "gl_version": "<b>0.1</b>",
        "source": f'"><script>alert(4)</script>{QUOTES}.mpl',
        "theory": {
            "constants": ["N", "<", "a'b", "<=", "&amp;"],
            "inductions": [{"set": "N", "base": "<", "succ": SCRIPT}],
            "definitions": [{"name": IMG, "params": ['"p"', "<q>"], "mpl": "(in[p,N])",
                             "readable": f"{QUOTES} {SCRIPT}"}],
            "axioms": [{"index": 0, "clause": "∀x: (in[x,N]) ⇒ (in3[x,x,x,<])"},
                       {"index": 1, "clause": f"unsupported: {SCRIPT} &amp; {QUOTES}"}],
        },
        "settings": {SCRIPT: QUOTES},
        "stages": {SCRIPT: 3},
        "theorems": [first, second, third],
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("hostile")
    write_site(hostile_proofs(), out)
    return out


def test_file_names_are_safe(site):
    names = sorted(p.name for p in (site / "thm").iterdir())
    assert names == sorted(f"{slug(n)}.html" for n in (SCRIPT, QUOTES, IMG))
    assert all(set(n) <= set("abcdefghijklmnopqrstuvwxyz0123456789_-.") for n in names)


def test_no_page_gains_markup_scripts_or_handlers(site):
    for f in sorted(site.rglob("*.html")):
        tree = parse_strict(f.read_text(encoding="utf-8"))
        for e in tree.iter():
            assert not [k for k in e.attrib if k.lower().startswith("on")], (f, e.tag, e.attrib)
            assert not isinstance(e.tag, str) or e.tag.rsplit("}", 1)[-1] not in {"img", "i", "u", "iframe"}
        assert not [a for a in tree.iter("a") if "javascript" in (a.get("href") or "")]
        assert {s.get("src") for s in tree.iter("script")} <= ALLOWED_SCRIPTS, f
        assert len(list(tree.iter("{http://www.w3.org/2000/svg}svg"))) <= 1


def _text(tree) -> str:
    return "".join(tree.itertext())


def test_hostile_text_is_shown_verbatim(site):
    page = parse_strict((site / "thm" / f"{slug(SCRIPT)}.html").read_text(encoding="utf-8"))
    assert page.find(".//h1").text == SCRIPT
    assert page.find(".//title").text.startswith(SCRIPT)
    text = _text(page)
    assert QUOTES in text and f"</table>{SCRIPT}" in text and "a < b = c" in text
    assert "<svg onload=alert(3)>" in text and IMG in text
    other = parse_strict((site / "thm" / f"{slug(QUOTES)}.html").read_text(encoding="utf-8"))
    assert other.find(".//h1").text == QUOTES
    links = {a.get("href"): "".join(a.itertext()) for a in other.iter("a")}
    assert links[f"{slug(SCRIPT)}.html"] == SCRIPT
    assert f"{MISSING} (not in this file)" in _text(other)
    third = _text(parse_strict((site / "thm" / f"{slug(IMG)}.html").read_text(encoding="utf-8")))
    assert f"gave up: {SCRIPT} & {IMG}" in third
    for name in ("index.html", "rules.html", "graph.html"):
        text = _text(parse_strict((site / name).read_text(encoding="utf-8")))
        assert SCRIPT in text and QUOTES in text, name


def test_graph_and_data_script_keep_names_as_data(site):
    tree = parse_strict((site / "graph.html").read_text(encoding="utf-8"))
    names = [a.get("data-name") for a in tree.iter("{http://www.w3.org/2000/svg}a")]
    assert names == [SCRIPT, QUOTES, IMG]
    data = (site / "data" / "theory.js").read_text(encoding="utf-8")
    assert "<" not in data and "\\u003cscript" in data


def test_links_between_hostile_pages_resolve(site):
    assert check_links(site) > 20
